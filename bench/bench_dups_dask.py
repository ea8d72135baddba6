"""Benchmark of `wendiff dups --engine dask` against the local engine (issue 7).

For each corpus size (default 10,000 and 50,000 generated documents of ~5 KB,
``bench/gen_corpus.py``) this runs, each in a fresh interpreter:

* the local engine (`diffing.dups.engine.find_duplicates`, a process pool over
  all cores): the baseline, measured in the same run;
* the Dask engine on a ``distributed.LocalCluster`` with one single-threaded
  worker process per core. The cluster's start-up is timed apart and left out
  of the documents-per-second figure (an existing cluster does not pay it).

It prints documents per second, seconds per 1,000 documents, the peak memory of
the process that drives the run (and of the largest Dask worker), whether both
engines gave the same answer, and how the cost grows with the corpus: the
exponent ``log(t2/t1) / log(n2/n1)`` between consecutive sizes (1.0 is linear).

Run: ``.venv/bin/python bench/bench_dups_dask.py [--sizes 10000,50000] [--workers N] [--corpus DIR]``.
Generated corpora are kept in ``--corpus`` (default: a temporary folder removed
at the end) and reused when they are already there.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_SIZES = (10_000, 50_000)

CASE = r"""
import hashlib, json, resource, sys, time

def main():
    from diffing.dups.engine import collect_inputs, find_duplicates
    engine, folder, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
    inputs = collect_inputs([folder])
    start_up = 0.0
    worker_peak = 0.0
    if engine == "local":
        t0 = time.perf_counter()
        result = find_duplicates(inputs, workers=workers)
        seconds = time.perf_counter() - t0
    else:
        from diffing.dups.dask_engine import dask_client, find_duplicates_dask
        t0 = time.perf_counter()
        with dask_client(workers=workers) as client:
            client.wait_for_workers(workers)
            start_up = time.perf_counter() - t0
            t0 = time.perf_counter()
            result = find_duplicates_dask(inputs, client=client)
            seconds = time.perf_counter() - t0
            peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            worker_peak = max(peaks.values())
    s = result.stats
    pairs = sorted(result.pairs, key=lambda p: (p.a, p.b))
    answer = (result.documents, result.skipped, result.repeats, pairs, result.clusters, result.exact_of,
              s.candidates, s.compared, s.exact)
    print(json.dumps({
        "seconds": seconds, "start_up": start_up, "docs": len(inputs), "pairs": len(result.pairs),
        "candidates": s.candidates, "compared": s.compared,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "worker_peak_mb": worker_peak,
        "answer": hashlib.sha256(repr(answer).encode()).hexdigest(),
    }))

if __name__ == "__main__":
    main()
"""


def corpus(folder: Path, docs: int) -> Path:
    """The generated corpus of ``docs`` documents in ``folder`` (made if missing)."""
    out = folder / f"docs-{docs}"
    if not (out / "manifest.json").exists():
        subprocess.run(
            [sys.executable, str(HERE / "gen_corpus.py"), str(out), "--docs", str(docs)],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    return out / "docs"


def run(engine: str, folder: Path, workers: int) -> dict[str, object]:
    """One engine on one corpus, in a fresh interpreter (its own peak memory)."""
    out = subprocess.run(
        [sys.executable, "-c", CASE, engine, str(folder), str(workers)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"{engine} on {folder} failed:\n{out.stderr[-3000:]}")
    figures: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)),
        help="corpus sizes, comma-separated (default 10000,50000)",
    )  # fmt: skip
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)")
    parser.add_argument("--corpus", type=Path, help="keep generated corpora here (reused on the next run)")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="bench-dups-dask-") as tmp:
        folder = args.corpus or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        rows: dict[tuple[str, int], dict[str, object]] = {}
        print(f"{'docs':>7} {'engine':<6} {'seconds':>8} {'docs/s':>7} {'s/1k docs':>9} {'start-up':>8} "
              f"{'peak MB':>7} {'worker MB':>9} {'pairs':>6} {'compared':>8}  same answer")  # fmt: skip
        for n in sizes:
            docs = corpus(folder, n)
            for engine in ("local", "dask"):
                r = rows[engine, n] = run(engine, docs, args.workers)
                seconds = float(str(r["seconds"]))
                same = "" if engine == "local" else ("yes" if r["answer"] == rows["local", n]["answer"] else "NO")
                worker = f"{float(str(r['worker_peak_mb'])):9.0f}" if engine == "dask" else f"{'':>9}"
                start = f"{float(str(r['start_up'])):7.1f}s" if engine == "dask" else f"{'':>8}"
                print(f"{n:>7} {engine:<6} {seconds:8.1f} {int(str(r['docs'])) / seconds:7.0f} "
                      f"{1000 * seconds / n:9.2f} {start} {float(str(r['peak_mb'])):7.0f} {worker} "
                      f"{r['pairs']!s:>6} {r['compared']!s:>8}  {same}", flush=True)  # fmt: skip
        if len(sizes) > 1:
            print("\ngrowth of the run time with the corpus (exponent 1.0 = linear):")
            for small, big in itertools.pairwise(sizes):
                for engine in ("local", "dask"):
                    t1, t2 = (float(str(rows[engine, n]["seconds"])) for n in (small, big))
                    exponent = math.log(t2 / t1) / math.log(big / small)
                    print(f"  {engine:<6} {small:>7} -> {big:<7} time x{t2 / t1:5.2f} for docs x{big / small:4.1f}: "
                          f"exponent {exponent:.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
