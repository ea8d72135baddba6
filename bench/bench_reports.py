"""Benchmark of the reports a user sends: HTML, Markdown and Word, next to JSON.

Targets (issue 5): any report of a seed pair well under 1 s; of the largest real
pair (10, ~106k characters a side) within 3 s. The figure checked is compare +
report in a fresh interpreter (the first report pays for importing its module,
python-docx included), the way ``wendiff diff A B --format docx -o FILE`` runs,
minus interpreter start and reading. Baseline in the same run: the JSON report
(the machine format, which only converts the diff).

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
        ("real 04 (restructured)", *real("04_admin_reconsideration_law"), 3.0),
        ("real 09", *real("09_spc_criminal_procedure_interpretation"), 3.0),
        ("real 10 (largest)", *real("10_procuratorate_criminal_procedure_rules"), 3.0),
    ]
    head = "".join(f" {fmt + ' 1st':>9} {'warm':>6}" for fmt in FORMATS)
    print(f"{'case':26} {'rows':>5} {'compare':>8}{head}  {'worst':>6} {'target':>6}  result")
    failures = 0
    sizes: list[str] = []
    for name, a, b, target in cases:
        r = run(a, b)
        compare_s = float(r["compare"])  # type: ignore[arg-type]
        cells = ""
        worst = 0.0
        for fmt in FORMATS:
            f = r[fmt]
            assert isinstance(f, dict)
            cells += f" {f['first']:>9.3f} {f['warm']:>6.3f}"
            if fmt != "json":
                worst = max(worst, compare_s + float(f["first"]))
        ok = worst <= target
        failures += not ok
        verdict = "ok" if ok else "OVER"
        print(f"{name:26} {r['rows']:>5} {compare_s:>8.3f}{cells}  {worst:>6.2f} {target:>5.1f}s  {verdict}")
        kib = ", ".join(f"{fmt} {r[fmt]['size'] / 1024:.0f}" for fmt in FORMATS)  # type: ignore[index]
        sizes.append(f"  {name:26} {kib}")
    print(f"\n{len(cases) - failures} of {len(cases)} cases within target")
    print("(seconds; '1st' includes importing the report's module; worst = compare + slowest first report;")
    print(" json is the baseline: the same diff converted to the machine format)")
    print("report sizes (KiB):")
    print("\n".join(sizes))


if __name__ == "__main__":
    main()
