"""Benchmark of the reports a user sends: HTML, Markdown and Word, each beside the JSON report of the same run.

Targets (issue 11 item 8): every report of the largest real pair (10, ~106k
characters a side) rendered in at most 1.5 s, and its HTML at most 1 MB
(1,000,000 bytes); a seed pair's reports well under 1 s. The time checked is
the render of the report from the diff, first call in a fresh interpreter (it
pays for importing the report's module, python-docx included); the compare
that every format shares, and compare + report, are printed beside it. JSON
(the machine format, which only converts the diff) is the baseline, timed in
the same run so that a loaded machine shows in both.

Each pair runs in its own interpreter; "first" is the first render (imports
included), "warm" the best of three more. Run: ``.venv/bin/python bench/bench_reports.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_pair import REAL  # noqa: E402

FORMATS = ("json", "html", "md", "docx")

CASE = r"""
import json, sys, time
a, b = sys.argv[1:3]
from corpus.pipeline import load
from diffing.compare import compare
from diffing.reports import render
t0 = time.perf_counter()
diff = compare(load(a), load(b))
out = {"compare": time.perf_counter() - t0, "rows": len(diff.rows), "changes": diff.summary.changes}
for fmt in ("json", "html", "md", "docx"):
    t = time.perf_counter()
    report = render(diff, fmt)
    first = time.perf_counter() - t
    warm = []
    for _ in range(3):
        t = time.perf_counter()
        render(diff, fmt)
        warm.append(time.perf_counter() - t)
    size = len(report.encode("utf-8")) if isinstance(report, str) else len(report)
    out[fmt] = {"first": first, "warm": min(warm), "size": size}
print(json.dumps(out))
"""


def run(a: Path, b: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", CASE, str(a), str(b)],
        capture_output=True, text=True, timeout=300, check=True, cwd=HERE.parent,
    )  # fmt: skip
    return json.loads(result.stdout)  # type: ignore[no-any-return]


HTML_MAX = 1_000_000
"""Largest HTML report of a target case, in bytes."""


def main() -> None:
    import opencc

    from corpus.samples import seed

    tmp = Path(tempfile.mkdtemp(prefix="wendiff-bench-reports-"))
    t2s = tmp / "002_t2s.txt"
    t2s.write_text(opencc.OpenCC("t2s").convert(seed("002").read_text(encoding="utf-8")), encoding="utf-8")

    def real(name: str) -> tuple[Path, Path]:
        return REAL / name / "a.txt", REAL / name / "b.txt"

    cases = [
        ("seed 000 vs 001", seed("000"), seed("001"), 1.0),
        ("seed 002 vs its t2s copy", seed("002"), t2s, 1.0),
        ("seed 003 vs 004", seed("003"), seed("004"), 1.0),
        ("real 04 (restructured)", *real("04_admin_reconsideration_law"), 1.5),
        ("real 09", *real("09_spc_criminal_procedure_interpretation"), 1.5),
        ("real 10 (largest)", *real("10_procuratorate_criminal_procedure_rules"), 1.5),
    ]
    failures = 0
    for name, a, b, target in cases:
        r = run(a, b)
        compare_s = float(r["compare"])  # type: ignore[arg-type]
        print(
            f"\n{name}: {r['rows']} rows, {r['changes']} changes, compare {compare_s:.3f} s; target: each report "
            f"<= {target:.1f} s" + (f", html <= {HTML_MAX:,} bytes" if target == 1.5 else "")
        )
        print(f"  {'report':6} {'first s':>8} {'warm s':>7} {'+compare':>9} {'size bytes':>11} {'vs json':>8}  result")
        base = r["json"]
        assert isinstance(base, dict)
        for fmt in FORMATS:
            f = r[fmt]
            assert isinstance(f, dict)
            first, size = float(f["first"]), int(f["size"])
            ok = first <= target and (fmt != "html" or target != 1.5 or size <= HTML_MAX)
            verdict = "baseline" if fmt == "json" else ("ok" if ok else "OVER")
            failures += fmt != "json" and not ok
            ratio = first / max(float(base["first"]), 1e-9)
            print(f"  {fmt:6} {first:>8.3f} {float(f['warm']):>7.3f} {compare_s + first:>9.3f} {size:>11,} "
                  f"{ratio:>7.1f}x  {verdict}")  # fmt: skip
    print(f"\n{'all reports within target' if not failures else f'{failures} report(s) over target'}")
    print("(seconds; 'first' includes importing the report's module; +compare = compare + first render,")
    print(" what `wendiff diff A B -o FILE` costs after reading the files; json is the baseline of the same run)")


if __name__ == "__main__":
    main()
