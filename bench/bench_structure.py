"""Benchmark of the article map: a diff's outlines, document outlines, structure entries and places.

What the JSON report (version 3) adds to a diff, timed on a fresh `Diff` of the same alignment each
time (its caches empty), CPU time (``time.process_time``, so that a loaded machine disturbs it less),
best of ``--runs``, with the cyclic collector's thresholds for work (`tui.collector`) or, with
``--no-collector``, without it. The pair is the generated 1 MB pair of `gen_pair` unless two files
are given.

Run: ``.venv/bin/python bench/bench_structure.py [A B] [--runs N] [--no-collector]``.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_pair import write_pair  # noqa: E402

from corpus.pipeline import load  # noqa: E402
from diffing.compare import compare  # noqa: E402
from diffing.model import Diff  # noqa: E402
from tui.collector import WORK_THRESHOLDS  # noqa: E402

STEPS = ("outlines", "document_outlines", "structure", "places")


def timings(a: Path, b: Path, runs: int) -> dict[str, float]:
    """Best CPU seconds of each step (each reading the ones before it), and of all of them."""
    done = compare(load(str(a)), load(str(b)), inline=False)
    best: dict[str, float] = {}
    for _ in range(runs):
        diff = Diff(done.a, done.b, done.options, done.a_clauses, done.b_clauses, done.rows, done.pin_problems)
        diff.__dict__.update(a_original=done.a_original, b_original=done.b_original)  # not the article map's
        gc.collect()
        total = 0.0
        for step in STEPS:
            start = time.process_time()
            getattr(diff, step)
            spent = time.process_time() - start
            total += spent
            best[step] = min(best.get(step, spent), spent)
        best["all"] = min(best.get("all", total), total)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="A and B (default: the generated 1 MB pair)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-collector", action="store_true", help="time with the cyclic collector off")
    args = parser.parse_args()
    gc.set_threshold(*WORK_THRESHOLDS)
    if args.no_collector:
        gc.disable()
    with tempfile.TemporaryDirectory() as tmp:
        a, b = args.files if len(args.files) == 2 else write_pair(Path(tmp))
        best = timings(a, b, args.runs)
    print(f"{a.name} / {b.name}: " + ", ".join(f"{step} {best[step] * 1000:.0f} ms" for step in (*STEPS, "all")))


if __name__ == "__main__":
    main()
