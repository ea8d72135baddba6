"""Benchmark of PDF bombs, and what reading PDFs in a child process costs on ordinary files.

Targets (issue 24, items 1 and 6): ``wendiff diff BOMB.pdf plain.txt`` exits 2
with one line naming the file, in under 60 s, with the wendiff process itself
under 300 MB (the child that runs PDFium is limited to 256 MB plus 4 bytes a
byte of the file; its peak is printed too). Before: the 800-byte
self-drawing form grew to 4 GB in 19 s and aborted (exit 134, no message);
the 5M-character page took 57 s and 841 MB. Cases: a form drawing itself
twice; forms fanning out to 2^27 and 10^8 draws; one page of 5M characters;
500 pages of 100,000 characters each (50M characters).

Then the price of the child on the PDFs of tests/data/formats: reading each
through `corpus.read.read_source` (child) against the same extraction in this
process (`corpus.pdf_text`), best of 3.

Run: ``.venv/bin/python bench/bench_pdf_bombs.py``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tests.hostile.pdf_bombs import dense_text, fan_out, recursive_xobject  # noqa: E402

TARGET_S = 60.0
TARGET_MB = 300
_MEASURE = (
    "import resource, sys, time\n"
    "from tui.cli import main\n"
    "started = time.perf_counter()\n"
    "status = main(sys.argv[1:])\n"
    "seconds = time.perf_counter() - started\n"
    "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
    "child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024\n"
    "print(status, own, child, seconds)\n"
)


def run(*args: str) -> tuple[float, int, int, int, str]:
    """Seconds, exit status, peak MB of wendiff and of its children, and the last line of stderr."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *args], capture_output=True, text=True, check=False,
                          cwd=ROOT)  # fmt: skip
    lines = done.stdout.strip().splitlines()
    if not lines:
        return 0.0, done.returncode, 0, 0, (done.stderr.strip().splitlines() or ["died"])[-1]
    status, own, child, seconds = lines[-1].split()
    message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    return float(seconds), int(status), int(own), int(child), message


def bombs(tmp: Path) -> None:
    plain = tmp / "plain.txt"
    plain.write_text("第一条 本办法自公布之日起施行。\n", encoding="utf-8")
    cases = [
        ("form drawing itself twice", recursive_xobject()),
        ("forms fanning out to 2^27 draws", fan_out(27, 2)),
        ("forms fanning out to 10^8 draws", fan_out(8, 10)),
        ("one page of 5M characters", dense_text(5_000_000)),
        ("500 pages of 100,000 characters", dense_text(100_000, pages=500)),
    ]
    print(f"{'case':34} {'size':>8} {'seconds':>8} {'MB':>5} {'child MB':>8} {'exit':>4}  verdict; message")
    for name, data in cases:
        path = tmp / "bomb.pdf"
        path.write_bytes(data)
        seconds, status, own, child, message = run("diff", str(path), str(plain))
        ok = status == 2 and seconds <= TARGET_S and own < TARGET_MB and message.startswith(f"wendiff: {path}: ")
        verdict = "ok" if ok else f"OVER (target exit 2, ≤ {TARGET_S:g} s, < {TARGET_MB} MB)"
        size = f"{len(data) / 1024:.1f} KB"
        print(f"{name:34} {size:>8} {seconds:>8.2f} {own:>5} {child:>8} {status:>4}  {verdict}; "
              f"{message.removeprefix(f'wendiff: {path}: ')[:100]}")  # fmt: skip


def overhead() -> None:
    from corpus.pages import Paged, join_pages
    from corpus.pdf_text import PdfPages, pdf_pages
    from corpus.read import read_source

    def _joined(read: PdfPages) -> Paged:
        return join_pages(read.pages, read.textless, boxes=read.boxes, ocr_layer=read.ocr_layer)

    print(f"\n{'fixture':18} {'KB':>6} {'child ms':>9} {'in-process ms':>14} {'overhead ms':>12}")
    total_child = total_in = 0.0
    for path in sorted((ROOT / "tests" / "data" / "formats").glob("*.pdf")):
        if path.stem in ("encrypted", "scan"):
            continue
        data = path.read_bytes()
        child = best_of(3, lambda p=path: read_source(str(p)))
        inside = best_of(3, lambda d=data: _joined(pdf_pages(d, 100 * 1024**2)))
        total_child, total_in = total_child + child, total_in + inside
        print(f"{path.name:18} {len(data) / 1024:>6.0f} {child * 1000:>9.0f} {inside * 1000:>14.0f} "
              f"{(child - inside) * 1000:>12.0f}")  # fmt: skip
    print(f"{'all':18} {'':>6} {total_child * 1000:>9.0f} {total_in * 1000:>14.0f} "
          f"{(total_child - total_in) * 1000:>12.0f}")  # fmt: skip


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="wendiff-bench-") as folder:
        bombs(Path(folder))
    overhead()
