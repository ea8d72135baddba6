"""Benchmark of the reviewer's reports: 新旧对照表 (``--report table``) and 修改决定 (``--report amendments``).

Target (issue 11): each of them, in every format, for the largest real pair (10,
~106k characters a side) within 1.5 s — compare + report in a fresh interpreter
(the first report pays for importing its modules, python-docx included), the way
``wendiff diff A B --report table -o FILE.docx`` runs, minus interpreter start
and reading. Baseline in the same run: the JSON report of the same diff.

Each pair runs in its own interpreter; "first" is the first render (imports
included), "warm" the best of three more. Run: ``.venv/bin/python bench/bench_legal_reports.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_pair import REAL  # noqa: E402

KINDS = (("redline", "json"), *((r, f) for r in ("table", "amendments") for f in ("text", "html", "md", "docx")))

CASE = r"""
import json, sys, time
a, b = sys.argv[1:3]
kinds = json.loads(sys.argv[3])
from corpus.pipeline import load
from diffing.compare import compare
from diffing.reports import render
t0 = time.perf_counter()
diff = compare(load(a), load(b))
out = {"compare": time.perf_counter() - t0, "rows": len(diff.rows)}
for report, fmt in kinds:
    t = time.perf_counter()
    data = render(diff, fmt, report)
    first = time.perf_counter() - t
    warm = []
    for _ in range(3):
        t = time.perf_counter()
        render(diff, fmt, report)
        warm.append(time.perf_counter() - t)
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    out[f"{report}/{fmt}"] = {"first": first, "warm": min(warm), "size": size}
print(json.dumps(out))
"""


def run(a: Path, b: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", CASE, str(a), str(b), json.dumps(KINDS)],
        capture_output=True, text=True, timeout=300, check=True, cwd=HERE.parent,
    )  # fmt: skip
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def main() -> None:
    cases = [
        ("real 01 (holiday)", "01_holiday_measures", 1.5),
        ("real 06 (company law)", "06_company_law", 1.5),
        ("real 10 (largest)", "10_procuratorate_criminal_procedure_rules", 1.5),
    ]
    failures = 0
    for name, pair, target in cases:
        r = run(REAL / pair / "a.txt", REAL / pair / "b.txt")
        compare_s = float(r["compare"])  # type: ignore[arg-type]
        print(f"\n{name}: {r['rows']} rows, compare {compare_s:.3f} s (target: compare + first report ≤ {target} s)")
        print(f"  {'report/format':18} {'first':>7} {'warm':>7} {'total':>7} {'vs json':>8} {'KiB':>7}  result")
        json_total = compare_s + float(r["redline/json"]["first"])  # type: ignore[index]
        for report, fmt in KINDS:
            f = r[f"{report}/{fmt}"]
            assert isinstance(f, dict)
            total = compare_s + float(f["first"])
            ok = report == "redline" or total <= target
            failures += not ok
            verdict = "baseline" if report == "redline" else ("ok" if ok else "OVER")
            label = f"{report}/{fmt}"
            size = f["size"] / 1024
            extra = f"{total - json_total:+8.3f}"
            print(f"  {label:18} {f['first']:>7.3f} {f['warm']:>7.3f} {total:>7.3f} {extra} {size:>7.0f}  {verdict}")
    print(f"\n{'all within target' if not failures else f'{failures} over target'}")
    print("(seconds; 'first' includes importing the report's modules; total = compare + first;")
    print(" redline/json is the baseline: the same diff converted to the machine format; 'vs json' is")
    print(" total minus the baseline's total, what the report costs beyond the JSON report, which stays")
    print(" meaningful when the machine is busy and every total grows)")


if __name__ == "__main__":
    main()
