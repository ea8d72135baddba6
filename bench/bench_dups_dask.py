"""Benchmark of `wendiff dups --engine dask` against the local engine (issue 7).

For each corpus size (default 10,000 and 50,000 generated documents of ~5 KB,
``bench/gen_corpus.py``) this runs, each in a fresh interpreter:

* the local engine (`diffing.dups.engine.find_duplicates`, a process pool over
  all cores): the baseline, measured in the same run;
* the Dask engine on a ``distributed.LocalCluster`` with one single-threaded
  worker process per core. The cluster's start-up is timed apart and left out
  of the documents-per-second figure (an existing cluster does not pay it).

It prints documents per second, the time of the two stages (read: normalize,
shingle, MinHash every document; compare: index, candidates, alignment of the
pairs), the peak memory of the process that drives the run (and of the largest
Dask worker), whether both engines gave the same answer, and how the cost grows
with the corpus: the exponent ``log(t2/t1) / log(n2/n1)`` between consecutive
sizes (1.0 is linear), for the whole run and the read stage against documents,
and for the compare stage against the pairs compared (in the generated corpus
the candidate pairs grow faster than the documents: its sentences come from
one finite pool of clauses).

Run: ``.venv/bin/python bench/bench_dups_dask.py [--sizes 10000,50000] [--workers N] [--corpus DIR] [--repeat N]``.
Generated corpora are kept in ``--corpus`` (default: a temporary folder removed
at the end) and reused when they are already there. ``--repeat N`` runs each
case N times and keeps the fastest (on a shared machine other work inflates
single runs). On a 2-core machine the default sizes take about 10 minutes.
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
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_SIZES = (10_000, 50_000)
ENGINES = ("local", "dask")

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
        "seconds": seconds, "read": s.read_seconds, "compare": s.compare_seconds, "start_up": start_up,
        "docs": len(inputs), "pairs": len(result.pairs), "candidates": s.candidates, "compared": s.compared,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "worker_peak_mb": worker_peak,
        "answer": hashlib.sha256(repr(answer).encode()).hexdigest(),
    }))

if __name__ == "__main__":
    main()
"""


@dataclass(frozen=True)
class Figures:
    """One engine's run on one corpus."""

    seconds: float
    """The whole run (cluster start-up left out)."""
    read: float
    """Read stage: normalize, shingle, MinHash."""
    compare: float
    """Compare stage: exact groups, LSH candidates, prefilter, alignment."""
    start_up: float
    docs: int
    pairs: int
    candidates: int
    compared: int
    peak_mb: float
    worker_peak_mb: float
    answer: str
    """Digest of everything the run found."""


def corpus(folder: Path, docs: int) -> Path:
    """The generated corpus of ``docs`` documents in ``folder`` (made if missing)."""
    out = folder / f"docs-{docs}"
    if not (out / "manifest.json").exists():
        subprocess.run(
            [sys.executable, str(HERE / "gen_corpus.py"), str(out), "--docs", str(docs)],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    return out / "docs"


def run(engine: str, folder: Path, workers: int) -> Figures:
    """One engine on one corpus, in a fresh interpreter (its own peak memory)."""
    out = subprocess.run(
        [sys.executable, "-c", CASE, engine, str(folder), str(workers)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"{engine} on {folder} failed:\n{out.stderr[-3000:]}")
    return Figures(**json.loads(out.stdout.strip().splitlines()[-1]))


def row(n: int, engine: str, f: Figures, local: Figures) -> str:
    dask = engine == "dask"
    same = ("yes" if f.answer == local.answer else "NO") if dask else ""
    start = f"{f.start_up:7.1f}s" if dask else f"{'':>8}"
    worker = f"{f.worker_peak_mb:9.0f}" if dask else f"{'':>9}"
    return (
        f"{n:>7} {engine:<6} {f.seconds:8.1f} {f.docs / f.seconds:7.0f} {f.read:7.1f} {f.compare:8.1f} {start} "
        f"{f.peak_mb:7.0f} {worker} {f.candidates:>10} {f.compared:>8} {f.pairs:>6}  {same}"
    )


def exponent(t1: float, t2: float, n1: float, n2: float) -> float:
    return math.log(t2 / t1) / math.log(n2 / n1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)),
        help="corpus sizes, comma-separated (default 10000,50000)",
    )  # fmt: skip
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)")
    parser.add_argument("--corpus", type=Path, help="keep generated corpora here (reused on the next run)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each case; the fastest is kept (default 1)")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    print(f"{args.workers} worker processes; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="bench-dups-dask-") as tmp:
        folder = args.corpus or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        rows: dict[tuple[str, int], Figures] = {}
        print(f"{'docs':>7} {'engine':<6} {'seconds':>8} {'docs/s':>7} {'read s':>7} {'compare s':>8} "
              f"{'start-up':>8} {'peak MB':>7} {'worker MB':>9} {'candidates':>10} {'compared':>8} {'pairs':>6}"
              "  same answer")  # fmt: skip
        for n in sizes:
            docs = corpus(folder, n)
            for engine in ENGINES:
                runs = [run(engine, docs, args.workers) for _ in range(max(1, args.repeat))]
                rows[engine, n] = min(runs, key=lambda f: f.seconds)
                print(row(n, engine, rows[engine, n], rows["local", n]), flush=True)
        if len(sizes) > 1:
            print("\ngrowth with the corpus (exponent 1.0 = linear):")
            for small, big in itertools.pairwise(sizes):
                for engine in ENGINES:
                    a, b = rows[engine, small], rows[engine, big]
                    whole = exponent(a.seconds, b.seconds, small, big)
                    read = exponent(a.read, b.read, small, big)
                    compare = exponent(a.compare, b.compare, a.compared, b.compared)
                    print(
                        f"  {engine} {small} -> {big} docs: run x{b.seconds / a.seconds:.2f} (exponent {whole:.2f}), "
                        f"read x{b.read / a.read:.2f} (exponent {read:.2f}), compare x{b.compare / a.compare:.2f} "
                        f"for x{b.compared / a.compared:.2f} pairs (exponent {compare:.2f} in pairs)"
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
