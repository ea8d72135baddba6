"""Benchmark of texts that repeat themselves: the same few article bodies in another order.

Case (issue 24, item 9): A as lines ``第N条 内容{N%97}。``, B as ``第N条 内容{7N%97}。``
at 5k, 10k, 20k and 50k articles (50k: 2.2 MB a side), and one notice pasted
2,000 times against a short text. Target: no superlinear path — 10× the input
costs at most about 12× the time (the ratio is printed) — and the 50k pair ≤ 30 s
and ≤ 2 GB. Baseline in the same run: ``git diff --no-index --word-diff=porcelain
--word-diff-regex=.``. Run: ``.venv/bin/python bench/bench_repeats.py``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_diff import best, git_word_diff  # noqa: E402

SIZES = (5_000, 10_000, 20_000, 50_000)
TARGET_50K = 30.0


def _pair(tmp: Path, n: int) -> tuple[Path, Path]:
    from diffing.numerals import to_chinese

    a, b = tmp / f"a{n}.txt", tmp / f"b{n}.txt"
    a.write_text("\n".join(f"第{to_chinese(k)}条 内容{k % 97}。" for k in range(1, n + 1)), encoding="utf-8")
    b.write_text("\n".join(f"第{to_chinese(k)}条 内容{7 * k % 97}。" for k in range(1, n + 1)), encoding="utf-8")
    return a, b


def main() -> None:
    from corpus.samples import seed

    tmp = Path(tempfile.mkdtemp(prefix="wendiff-bench-"))
    print(f"{'case':34} {'wendiff s':>9} {'peak MB':>8} {'git s':>7}  notes")
    times: dict[int, float] = {}
    for n in SIZES:
        a, b = _pair(tmp, n)
        seconds, info = best(a, b, tmp / "report.json")
        times[n] = seconds
        print(f"{f'{n:,} repeating articles':34} {seconds:>9.2f} {info['peak_mb']:>8.0f} {git_word_diff(a, b):>7.2f}  "
              f"{info['note']}")  # fmt: skip
    notice = seed("000").read_text(encoding="utf-8")
    pasted, short = tmp / "pasted.txt", tmp / "short.txt"
    pasted.write_text(notice * 2_000, encoding="utf-8")
    short.write_text(notice[:2_000], encoding="utf-8")
    seconds, info = best(pasted, short, tmp / "report.json")
    print(f"{'notice pasted 2,000× vs short':34} {seconds:>9.2f} {info['peak_mb']:>8.0f} "
          f"{git_word_diff(pasted, short):>7.2f}  {info['note']}")  # fmt: skip
    ratio = times[50_000] / times[5_000]
    print(f"\n10× the articles costs {ratio:.1f}× the time (target ≤ 12×); 50k: {times[50_000]:.1f} s "
          f"({'ok' if times[50_000] <= TARGET_50K else 'OVER'} against {TARGET_50K:.0f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
