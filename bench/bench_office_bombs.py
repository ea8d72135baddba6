"""Benchmark of an .odt decompression bomb: 4 MB whose content.xml inflates to 1.5 GB.

Target (issue 24, item 7): ``wendiff diff`` refuses it in one line before LibreOffice sees it, in well
under a second more than a diff of two small texts (the baseline, run first), with peak memory < 300 MB.
Before, it was handed to soffice unchecked (2.8 GB until the 120 s timeout). Prints seconds, exit
status, peak MB (of wendiff and its children) and the message.
Run: ``.venv/bin/python bench/bench_office_bombs.py``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_bombs import run  # noqa: E402

from tests.hostile.odt import write_odt_bomb  # noqa: E402

TARGET_S = 1.0
TARGET_MB = 300


def _run(*args: str) -> tuple[str, int, float, str]:
    """Exit status, peak MB, seconds and the last line of stderr of ``wendiff ARGS`` (bench_bombs' way)."""
    seconds, status, peak, message = run(*args)
    return str(status), peak, seconds, message


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        bomb = write_odt_bomb(Path(tmp) / "bomb.odt", 1536 * 1024 * 1024)
        plain = Path(tmp) / "plain.txt"
        plain.write_text("第一条 本办法自公布之日起施行。\n", encoding="utf-8")
        size_mb = bomb.stat().st_size / 1024**2
        _, base_peak, base_seconds, _ = _run("diff", str(plain), str(plain))
        status, peak, seconds, message = _run("diff", str(bomb), str(plain))
    extra = seconds - base_seconds
    ok = extra <= TARGET_S and peak < TARGET_MB and status == "2"
    print(f"baseline (diff of two small texts): {base_seconds:.2f} s, peak {base_peak} MB")
    print(f"odt bomb {size_mb:.1f} MB → 1.5 GB: {seconds:.2f} s ({extra:+.2f} s over the baseline), exit {status}, "
          f"peak {peak} MB (target ≤ {TARGET_S:g} s over the baseline, < {TARGET_MB} MB): {'ok' if ok else 'MISSED'}")
    print(f"  {message}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
