"""Benchmark of decompression bombs: Word documents that inflate hundreds of times.

Target (issue 15, item 1): ``wendiff diff`` refuses each bomb in one line, in
well under a second (≤ 1 s), with peak memory < 300 MB. Before the limits of
corpus/limits.py the 2 MB bomb grew to 24 GB until the kernel killed it and the
240 KB one took 59 s and 3 GB under ``--max-size 1M``. Baseline in the same
run: ``wendiff diff`` of an ordinary small .docx against a text file.
Run: ``.venv/bin/python bench/bench_bombs.py``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.hostile.bombs import small_docx, write_bomb  # noqa: E402

TARGET_S = 1.0
TARGET_MB = 300
_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "started = time.perf_counter()\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "seconds = time.perf_counter() - started\n"
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, seconds)\n"
    "print(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else '')\n"
)


def run(*args: str) -> tuple[float, int, int, str]:
    """Seconds, exit status, peak MB and the last line of stderr of ``wendiff ARGS``."""
    wendiff = str(Path(sys.executable).parent / "wendiff")
    done = subprocess.run([sys.executable, "-c", _MEASURE, wendiff, *args], capture_output=True, text=True,
                          check=True)  # fmt: skip
    first, _, message = done.stdout.partition("\n")
    status, peak, seconds = first.split()
    return float(seconds), int(status), int(peak), message.strip()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="wendiff-bench-") as folder:
        measure(Path(folder))


def measure(tmp: Path) -> None:
    plain = tmp / "plain.txt"
    plain.write_text("第一条 本办法自公布之日起施行。\n", encoding="utf-8")
    ordinary = tmp / "ordinary.docx"
    ordinary.write_bytes(small_docx("第一条 本办法自公布之日起施行。\n第二条 本办法由国务院负责解释。"))
    big, small = tmp / "bomb-2mb.docx", tmp / "bomb-240kb.docx"
    big_inflated = write_bomb(big, paragraphs=400_000, chars_per_paragraph=1000)
    small_inflated = write_bomb(small, paragraphs=40_000, chars_per_paragraph=1000)
    cases = [
        (f"bomb {big.stat().st_size / 1e6:.1f} MB -> {big_inflated / 1e9:.2f} GB", [str(big), str(plain)]),
        (f"bomb {small.stat().st_size / 1e3:.0f} KB -> {small_inflated / 1e6:.0f} MB, --max-size 1M",
         [str(small), str(plain), "--max-size", "1M"]),
        ("baseline: ordinary .docx vs .txt", [str(ordinary), str(plain)]),
    ]  # fmt: skip
    print(f"{'case':44} {'seconds':>8} {'peak MB':>8} {'exit':>4}  verdict; message")
    for name, args in cases:
        seconds, status, peak, message = run("diff", *args)
        bomb = name.startswith("bomb")
        ok = (status == 2 and seconds <= TARGET_S and peak < TARGET_MB) if bomb else status in (0, 1)
        verdict = ("ok" if ok else "OVER") + (f" (target ≤ {TARGET_S} s, < {TARGET_MB} MB)" if bomb else "")
        print(f"{name:44} {seconds:>8.3f} {peak:>8} {status:>4}  {verdict}; {message[:110]}")


if __name__ == "__main__":
    main()
