"""Layout is not content: every seed and real law text against itself re-laid out.

For each text: all on one line, one sentence per line, and hard-wrapped at 37
columns with a stray space here and there; prints the rows other than ``equal``
(the target is 0 everywhere) and the seconds each comparison took. The
baseline in the same run is the line-based view of the same pairs: the number
of lines ``difflib`` reports as changed, which is what a line diff shows a
reviewer. Run: ``.venv/bin/python bench/bench_layout.py``.
"""

from __future__ import annotations

import difflib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from gen_pair import REAL  # noqa: E402

from corpus.pipeline import from_text  # noqa: E402
from corpus.samples import seed  # noqa: E402
from diffing.compare import compare  # noqa: E402
from tests.diffing.test_layout_proof import LAYOUTS  # noqa: E402


def texts() -> list[tuple[str, str]]:
    out = [(f"seed {n}", seed(n).read_text(encoding="utf-8")) for n in ("000", "001", "002", "003", "004")]
    for pair in sorted(p for p in REAL.iterdir() if p.is_dir()):
        out += [(f"{pair.name[:2]} {side}", (pair / f"{side}.txt").read_text(encoding="utf-8")) for side in "ab"]
    return out


def main() -> None:
    print(f"{'text':10} {'chars':>7}  " + "  ".join(f"{name:>22}" for name in LAYOUTS))
    print(f"{'':10} {'':>7}  " + "  ".join(f"{'wendiff rows (s) | lines':>22}" for _ in LAYOUTS))
    total = 0
    for name, text in texts():
        cells = []
        for relayout in LAYOUTS.values():
            other = relayout(text)
            t0 = time.perf_counter()
            diff = compare(from_text(text, "a"), from_text(other, "b"))
            seconds = time.perf_counter() - t0
            bad = sum(row.op != "equal" for row in diff.rows)
            total += bad
            lines = sum(
                1 for line in difflib.unified_diff(text.splitlines(), other.splitlines(), lineterm="", n=0)
                if line[:1] in "+-" and not line.startswith(("+++", "---"))
            )  # fmt: skip
            cells.append(f"{bad:>5} ({seconds:5.2f}) | {lines:>6}")
        print(f"{name:10} {len(text):>7}  " + "  ".join(f"{c:>22}" for c in cells), flush=True)
    print(f"\nrows other than equal, all texts and layouts: {total} (target 0)")


if __name__ == "__main__":
    main()
