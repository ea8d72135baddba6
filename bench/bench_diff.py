"""Benchmark of `wendiff diff` end to end (read, normalize, align, inline, JSON report).

Targets (issue 2): seed pairs well under 0.2 s; the largest real pair (10, ~106k
characters a side) and a generated 1 MB pair within 1 s and 300 MB peak memory.
Baseline in the same run: a plain whole-text diff-match-patch diff of the same
inputs (no timeout, as the default 1 s timeout silently degrades it).

Each case runs in a fresh interpreter, so times include interpreter start and
imports (rjieba's dictionary alone loads in ~0.14 s) and peak memory (ru_maxrss)
is the case's own; "warm" is the same diff run again in that process, which is
what the app and the store pay for every diff after the first. Run: ``.venv/bin/python bench/bench_diff.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_pair import REAL, write_pair  # noqa: E402

CASE = r"""
import json, resource, sys, time
t0 = time.perf_counter()
mode, a, b = sys.argv[1:4]
if mode == "wendiff":
    from corpus.pipeline import load
    from diffing.compare import compare
    from diffing.report_json import dumps
    diff = compare(load(a), load(b))
    report = dumps(diff)
    cold = time.perf_counter() - t0
    t1 = time.perf_counter()
    dumps(compare(load(a), load(b)))
    warm = time.perf_counter() - t1
    note = f"{len(diff.rows)} rows, similarity {diff.summary.similarity}, warm {warm:.3f} s"
else:
    from diff_match_patch import diff_match_patch
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0 if mode == "dmp" else 1.0
    ta, tb = open(a, encoding="utf-8").read(), open(b, encoding="utf-8").read()
    diffs = dmp.diff_main(ta, tb)
    dmp.diff_cleanupSemantic(diffs)
    kept = sum(len(t) for op, t in diffs if op == 0)
    note = f"{len(diffs)} parts, {kept / max(1, len(ta)):.0%} of A kept"
seconds = cold if mode == "wendiff" else time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "note": note}))
"""


def run(mode: str, a: Path, b: Path, timeout: float = 120) -> dict[str, object]:
    try:
        out = subprocess.run(
            [sys.executable, "-c", CASE, mode, str(a), str(b)],
            capture_output=True, text=True, timeout=timeout, check=True, cwd=HERE.parent,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"seconds": float("inf"), "peak_mb": 0.0, "note": f"gave up after {timeout:.0f} s"}
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def main() -> None:
    from corpus.samples import seed

    tmp = Path(tempfile.mkdtemp(prefix="wendiff-bench-"))
    text = seed("000").read_text(encoding="utf-8")
    cut = text.index(text.split("\n", 1)[0], 10)
    (tmp / "copy1.txt").write_text(text[:cut], encoding="utf-8")
    (tmp / "copy2.txt").write_text(text[cut:], encoding="utf-8")
    big_a, big_b = write_pair(tmp / "1mb")
    cases = [
        ("seed 000 copy 1 vs copy 2", tmp / "copy1.txt", tmp / "copy2.txt", 0.2, None),
        ("seed 000 vs 001", seed("000"), seed("001"), 0.2, None),
        ("seed 002 vs 003", seed("002"), seed("003"), 0.2, None),
        ("real 06 company law", REAL / "06_company_law" / "a.txt", REAL / "06_company_law" / "b.txt", 1.0, None),
        ("real 10 (largest)", REAL / "10_procuratorate_criminal_procedure_rules" / "a.txt",
         REAL / "10_procuratorate_criminal_procedure_rules" / "b.txt", 1.0, 300),
        ("generated 1 MB pair", big_a, big_b, 1.0, 300),
    ]  # fmt: skip
    print(f"{'case':28} {'wendiff s':>10} {'peak MB':>8} {'target':>7}  {'dmp s':>8} {'dmp@1s':>8}  notes")
    failures = 0
    for name, a, b, target, mem in cases:
        w = run("wendiff", a, b)
        base = run("dmp", a, b, timeout=60)
        fast = run("dmp1", a, b, timeout=60)
        ok = float(w["seconds"]) <= target and (mem is None or float(w["peak_mb"]) <= mem)  # type: ignore[arg-type]
        failures += not ok
        print(
            f"{name:28} {w['seconds']:>10.3f} {w['peak_mb']:>8.0f} {target:>6.1f}s  "
            f"{base['seconds']:>8.2f} {fast['seconds']:>8.2f}  {'ok' if ok else 'OVER'}; "
            f"wendiff: {w['note']}; dmp@1s: {fast['note']}"
        )
    print(f"\n{len(cases) - failures} of {len(cases)} cases within target")
    print("(times include interpreter start and imports; dmp = whole-text diff-match-patch, no timeout)")


if __name__ == "__main__":
    main()
