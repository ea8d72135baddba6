"""Benchmark of a pathological pair: two 1,000,000-character lines with no punctuation.

Target (issue 15, item 5): ``wendiff diff`` of two such lines 200 substitutions
apart, and 200 insertions apart, end to end (``--format json``) ≤ 5 s (it took
377 s before runs were cut into content-defined pieces). Baseline in the same
run: ``git diff --no-index --word-diff=porcelain --word-diff-regex=.``.
Run: ``.venv/bin/python bench/bench_pathological.py``.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_diff import best, git_word_diff  # noqa: E402

TARGET = 5.0


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="wendiff-bench-"))
    rng = random.Random(1)
    chars = "国家建立健全生态保护补偿制度各级人民政府应当加强领导县级以上地方自然资源主管部门负责国土空间修复"
    a = "".join(rng.choice(chars) for _ in range(1_000_000))
    (tmp / "a.txt").write_text(a, encoding="utf-8")
    print(f"{'case':34} {'wendiff s':>9} {'peak MB':>8} {'git s':>7}  notes")
    for mode in ("200 substitutions", "200 insertions"):
        b = list(a)
        for k in sorted(rng.sample(range(len(b)), 200), reverse=True):
            if mode == "200 substitutions":
                b[k] = "改"
            else:
                b[k:k] = "新增"
        (tmp / "b.txt").write_text("".join(b), encoding="utf-8")
        seconds, info = best(tmp / "a.txt", tmp / "b.txt", tmp / "report.json")
        git = git_word_diff(tmp / "a.txt", tmp / "b.txt")
        verdict = "ok" if seconds <= TARGET else "OVER"
        print(f"1M chars, no punctuation, {mode:8} {seconds:>9.3f} {info['peak_mb']:>8.0f} {git:>7.3f}  "
              f"{verdict} (target {TARGET} s); {info['note']}")  # fmt: skip


if __name__ == "__main__":
    main()
