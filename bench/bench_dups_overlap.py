"""Benchmark of ``wendiff dups`` on a heavily overlapping corpus: cluster-by-cluster verification.

Target (issue 15, item 13): 2,000 windows of the same texts with 5 % of their
characters changed (bench/gen_overlap.py) in ≤ 60 s on this machine (2 cores);
before, 250 such files took 180 s (8,129 pairs aligned) and 500 over 600 s.
The machine is shared: each line ends with the load average (above 2, other
processes are taking the cores). Baseline in the same run: on a smaller set, today's exhaustive run (every pair
that passes the prefilter aligned) against cluster by cluster: seconds, pairs
aligned, and whether the near-duplicate clusters and exact duplicates are the
same (they must be).
Run: ``.venv/bin/python bench/bench_dups_overlap.py [--files 2000] [--small 150] [--workers 2]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from gen_overlap import generate  # noqa: E402

from diffing.dups import plan  # noqa: E402
from diffing.dups.engine import DupsResult, collect_inputs, find_duplicates  # noqa: E402

TARGET = 60.0


def run(folder: Path, workers: int, exhaustive: bool) -> tuple[float, DupsResult]:
    saved = plan.EXHAUSTIVE_PAIRS
    if exhaustive:
        plan.EXHAUSTIVE_PAIRS = 10**12  # every family is small: every pair aligned, as before
    try:
        started = time.perf_counter()
        result = find_duplicates(collect_inputs([str(folder)]), workers=workers)
        return time.perf_counter() - started, result
    finally:
        plan.EXHAUSTIVE_PAIRS = saved


def answer(result: DupsResult) -> tuple[object, ...]:
    """What must not change: the near-duplicate clusters and the exact duplicates."""
    names = [d.name for d in result.documents]
    clusters = sorted(tuple(sorted(names[i] for i in c)) for c in result.clusters)
    return tuple(clusters), tuple(sorted((names[b], names[a]) for b, a in result.exact_of.items()))


def line(name: str, seconds: float, result: DupsResult, note: str) -> str:
    sizes = sorted((len(c) for c in result.clusters), reverse=True)
    load = os.getloadavg()[0]
    split = f"read {result.stats.read_seconds:.1f} s + compare {result.stats.compare_seconds:.1f} s, load {load:.1f}"
    return (f"{name:36} {seconds:>8.1f} {result.stats.candidates:>10,} {result.stats.compared:>9,} "
            f"{len(result.clusters):>8} {sizes[:3]!s:>16}  {split}; {note}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--small", type=int, default=150)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wendiff-bench-") as folder:
        measure(Path(folder), args)


def measure(tmp: Path, args: argparse.Namespace) -> None:
    small, large = tmp / "small", tmp / "large"
    generate(large, args.files)
    print(f"{'run':36} {'seconds':>8} {'candidates':>10} {'aligned':>9} {'clusters':>8} {'largest':>16}  note")
    seconds, result = run(large, args.workers, exhaustive=False)
    verdict = "ok" if seconds <= TARGET else "OVER"
    print(line(f"{args.files} files, cluster by cluster", seconds, result, f"{verdict} (target ≤ {TARGET:.0f} s)"),
          flush=True)  # fmt: skip
    if not args.small:
        return
    generate(small, args.small)
    ex_s, exhaustive = run(small, args.workers, exhaustive=True)
    print(line(f"{args.small} files, every pair (baseline)", ex_s, exhaustive, ""), flush=True)
    cl_s, by_cluster = run(small, args.workers, exhaustive=False)
    same = answer(by_cluster) == answer(exhaustive)
    note = "same clusters and exact duplicates as every pair" if same else "DIFFERENT ANSWER"
    print(line(f"{args.small} files, cluster by cluster", cl_s, by_cluster, note), flush=True)


if __name__ == "__main__":
    main()
