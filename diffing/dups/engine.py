"""The local engine: stream over the inputs, index their fingerprints, verify candidates.

Rules:

* Two passes. Pass 1 reads every input once (in ``workers`` processes) and
  keeps only its `Fingerprint`; pass 2 reads again just the documents of the
  candidate pairs, in batches of connected documents (a family together), to
  verify them. Memory is the index and the findings (measured: ~6 KB per
  document in a run over 10,000 documents of ~5 KB) plus a small cache of
  loaded documents per worker; no document's text is kept.
* Workers are started with ``forkserver`` (safe beside threads, as in the
  app); a script that runs the engine with workers needs the usual
  ``if __name__ == "__main__":`` guard.
* Documents whose normalized texts are identical are one group: only its first
  member is indexed and compared; the others are recorded as exact duplicates
  of it (similarity 1.0, the whole text as one passage).
* A candidate is any pair of documents with a chunk in the same LSH bucket
  (`diffing.dups.minhash_index`); it is compared only if the MinHash estimate
  says the smaller document shares at least `MIN_OVERLAP` of its shingles.
  Then `diffing.dups.plan` says which are aligned: every pair of a small
  family, cluster by cluster in a large one (cost grows with the documents,
  not the pairs). ``RunStats.compared`` counts the pairs aligned.
* A bad input is skipped: reported through ``warn`` (one line naming it) and
  in the result; the run goes on. ``progress`` is called as inputs are read
  and as pairs are verified.
* In ``--store`` mode, only pairs with at least one of the user's files are
  compared: the store is what the files are checked against.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import TypeVar

import numpy as np

from corpus.document import Document
from corpus.errors import WendiffError
from corpus.options import DEFAULT_OPTIONS, Options
from corpus.read import DEFAULT_MAX_SIZE
from corpus.unspin import load_table
from diffing.dups.clusters import NEAR_DUPLICATE, clusters
from diffing.dups.fingerprint import Fingerprint, Skipped, fingerprint_document
from diffing.dups.inputs import Input, collect_inputs, load_input, store_inputs
from diffing.dups.minhash_index import candidate_pairs, containments, sketch_containment, sketch_jaccards
from diffing.dups.plan import verify_pairs
from diffing.dups.result import DupsResult, Progress, RunStats, compact, duplicate_pairs
from diffing.dups.reuse import Passage
from diffing.dups.reworded import SpunWord, spun_words
from diffing.dups.verify import PairResult, Reuse, verify_pair
from diffing.model import Clause
from diffing.segment import segment

__all__ = [
    "MIN_OVERLAP",
    "POOL_MIN_INPUTS",
    "DupsResult",
    "Input",
    "Progress",
    "RunStats",
    "assemble",
    "collect_inputs",
    "compact",
    "duplicate_pairs",
    "exact_groups",
    "exact_pairs",
    "find_duplicates",
    "load_input",
    "store_inputs",
    "worth_comparing",
]  # the values and inputs live in result.py and inputs.py; they are named here for callers

MIN_OVERLAP = 0.1
"""Estimated share of the smaller document's shingles another must hold to be compared."""
POOL_MIN_INPUTS = 64
"""Fewer inputs than this are handled in this process (starting workers costs more)."""
_CACHE = 256
"""Documents each worker keeps loaded (with their clauses) while verifying: a large family is verified
in rounds, and its documents come back round after round."""
_BATCH = 16
"""Pairs sent to a worker at once."""

T = TypeVar("T")
R = TypeVar("R")


def _fingerprint(task: tuple[int, Input, Options, int]) -> Fingerprint | Skipped:
    index, inp, options, max_size = task
    try:
        return fingerprint_document(index, inp.name, load_input(inp, options, max_size))
    except WendiffError as exc:
        return Skipped(index, inp.name, str(exc))
    except Exception as exc:  # a bug must not stop a run over 10,000 files: report the file, go on
        return Skipped(index, inp.name, _problem(inp.name, exc))


@functools.lru_cache(maxsize=_CACHE)
def _loaded(inp: Input, options: Options, max_size: int) -> tuple[Document, list[SpunWord], tuple[Clause, ...]]:
    doc = load_input(inp, options, max_size)
    return doc, (spun_words(doc, options) if options.unspin else []), segment(doc)


def _verify_batch(
    task: tuple[list[tuple[int, Input, int, Input]], Options, int],
) -> tuple[list[PairResult], list[str]]:
    """Verify pairs that mostly share their first document; also the problems met, one line each."""
    pairs, options, max_size = task
    out: list[PairResult] = []
    problems: list[str] = []
    for a, a_in, b, b_in in pairs:
        try:
            a_doc, a_words, a_clauses = _loaded(a_in, options, max_size)
            b_doc, b_words, b_clauses = _loaded(b_in, options, max_size)
            out.append(verify_pair(a, a_doc, b, b_doc, options, a_words, b_words, (a_clauses, b_clauses)))
        except WendiffError as exc:  # changed or removed since it was read
            problems.append(f"{exc} (read again to compare {a_in.name} with {b_in.name})")
        except Exception as exc:  # a bug must not stop the run: report the pair, go on
            problems.append(_problem(f"{a_in.name} and {b_in.name}", exc))
    return out, problems


def _problem(name: str, exc: Exception) -> str:
    """One line for an unexpected failure."""
    detail = " ".join(str(exc).split())[:200]
    return f"{name}: could not be processed ({type(exc).__name__}{': ' + detail if detail else ''})"


def find_duplicates(
    inputs: Sequence[Input],
    options: Options = DEFAULT_OPTIONS,
    *,
    max_size: int = DEFAULT_MAX_SIZE,
    workers: int | None = None,
    progress: Callable[[Progress], None] | None = None,
    warn: Callable[[str], None] | None = None,
    near_duplicate: float = NEAR_DUPLICATE,
) -> DupsResult:
    """Repeats, re-use and clusters among ``inputs`` (see the module rules)."""
    workers = max(1, (os.cpu_count() or 1) if workers is None else workers)
    if options.unspin:
        load_table(options.unspin_table)  # a bad table is one error now, not a warning per file
    started = time.perf_counter()
    prints: list[Fingerprint] = []
    skipped: list[Skipped] = []
    tasks = [(i, inp, options, max_size) for i, inp in enumerate(inputs)]
    with _executor(workers, len(inputs)) as pool:
        for done, item in enumerate(_map(pool, _fingerprint, tasks, chunksize=16), start=1):
            if isinstance(item, Skipped):
                skipped.append(item)
                if warn is not None:
                    warn(item.problem)
            else:
                prints.append(item)
                if warn is not None:
                    for line in item.info.warnings:
                        warn(line)
            if progress is not None:
                progress(Progress("read", done, len(tasks)))
        if not prints:
            raise WendiffError("no readable documents" + (f" ({len(skipped)} skipped)" if skipped else ""))
        read_seconds = time.perf_counter() - started
        started = time.perf_counter()
        exact_of = exact_groups(prints)
        user = [not inputs[fp.index].from_store for fp in prints]
        candidates = _candidates(prints, exact_of, user)
        to_compare, estimates = _worth_comparing_all(prints, sorted(candidates))
        aligned = 0
        done = 0

        def verify(pairs: list[tuple[int, int]]) -> list[PairResult]:
            nonlocal aligned
            aligned += len(pairs)
            results: list[PairResult] = []
            size = max(1, min(_BATCH, -(-len(pairs) // (4 * workers))))  # several batches a worker: none idles
            for batch_results, problems in _map(
                pool, _verify_batch, _batches(pairs, prints, inputs, options, max_size, size), chunksize=1
            ):
                results.extend(batch_results)
                if warn is not None:
                    for line in problems:
                        warn(line)
            return results

        def settled(count: int) -> None:
            nonlocal done
            done += count
            if progress is not None:
                progress(Progress("compare", done, len(to_compare)))

        verified = [r for r in verify_pairs(to_compare, estimates, verify, near_duplicate, settled) if r.reuse]
        verified.sort(key=lambda r: (r.a, r.b))
    stats = RunStats(len(candidates), aligned, len(exact_of), read_seconds, time.perf_counter() - started)
    return assemble(prints, skipped, exact_of, verified, user, near_duplicate, stats)


def assemble(
    prints: Sequence[Fingerprint],
    skipped: Sequence[Skipped],
    exact_of: dict[int, int],
    verified: Sequence[PairResult],
    user: list[bool],
    near_duplicate: float,
    stats: RunStats,
) -> DupsResult:
    """The result of a run from its parts; every engine (local, Dask) ends here."""
    pairs = [p for p in exact_pairs(prints, exact_of) if user[p.a] or user[p.b]] + list(verified)
    groups = clusters(((p.a, p.b, p.similarity) for p in pairs), near_duplicate)
    repeats = sorted(
        ((k, r) for k, fp in enumerate(prints) if user[k] for r in fp.repeats), key=lambda kr: -kr[1].chars
    )
    result = DupsResult(
        tuple(fp.info for fp in prints), tuple(skipped), tuple(repeats), tuple(pairs),
        tuple(tuple(g) for g in groups), exact_of, stats,
    )  # fmt: skip
    return result if all(user) else compact(result, user)


def exact_groups(prints: Sequence[Fingerprint]) -> dict[int, int]:
    """Each document whose normalized text equals an earlier one's -> that earlier document."""
    first: dict[str, int] = {}
    exact_of: dict[int, int] = {}
    for k, fp in enumerate(prints):
        if fp.size == 0:
            continue  # nothing to compare: an empty document duplicates nothing
        j = first.setdefault(fp.content, k)
        if j != k:
            exact_of[k] = j
    return exact_of


def exact_pairs(prints: Sequence[Fingerprint], exact_of: dict[int, int]) -> Iterator[PairResult]:
    """The pair (first, copy) of each exact duplicate: similarity 1.0, the whole text as one passage."""
    for copy, first in exact_of.items():
        a, b = prints[first], prints[copy]
        passage = Passage(a.extent, b.extent, 1.0, (0, a.clauses), (0, b.clauses), a.chars, b.excerpt)
        yield PairResult(first, copy, 1.0, (Reuse(first, copy, passage),))


def _candidates(prints: Sequence[Fingerprint], exact_of: dict[int, int], user: list[bool]) -> set[tuple[int, int]]:
    indexed = [k for k in range(len(prints)) if k not in exact_of and len(prints[k].keys)]
    if not indexed:
        return set()
    keys = np.concatenate([prints[k].keys for k in indexed])
    owners = np.concatenate([np.full(len(prints[k].keys), k, dtype=np.int64) for k in indexed])
    pairs = candidate_pairs(keys, owners)
    if not all(user):
        pairs = {(a, b) for a, b in pairs if user[a] or user[b]}
    return pairs


def _worth_comparing_all(
    prints: Sequence[Fingerprint], pairs: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], dict[tuple[int, int], float]]:
    """`worth_comparing` of every pair at once (vectorized: a heavily overlapping corpus has 100,000s),
    with the Jaccard estimate of each pair kept."""
    if not pairs:
        return [], {}
    index = np.asarray(pairs, dtype=np.int64)
    jaccards = sketch_jaccards([fp.sketch for fp in prints], index)
    sizes = np.asarray([fp.size for fp in prints], dtype=np.int64)
    keep = containments(jaccards, sizes[index[:, 0]], sizes[index[:, 1]]) >= MIN_OVERLAP
    kept = [pair for pair, ok in zip(pairs, keep.tolist(), strict=True) if ok]
    return kept, {pair: j for pair, j, ok in zip(pairs, jaccards.tolist(), keep.tolist(), strict=True) if ok}


def worth_comparing(a: Fingerprint, b: Fingerprint) -> bool:
    """The MinHash prefilter: does the smaller document seem to share `MIN_OVERLAP` of its shingles?"""
    return sketch_containment(a.sketch, b.sketch, a.size, b.size) >= MIN_OVERLAP


def _batches(
    pairs: list[tuple[int, int]], prints: Sequence[Fingerprint], inputs: Sequence[Input], options: Options,
    max_size: int, size: int = _BATCH,
) -> list[tuple[list[tuple[int, Input, int, Input]], Options, int]]:
    """Pairs in batches of connected documents (a family together), at most ``size`` pairs each.

    A worker then loads each document of a family once, from its cache.
    """
    parent = list(range(len(prints)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[root(b)] = root(a)
    by_root: dict[int, list[tuple[int, int]]] = {}
    for a, b in pairs:
        by_root.setdefault(root(a), []).append((a, b))
    batches: list[tuple[list[tuple[int, Input, int, Input]], Options, int]] = []
    current: list[tuple[int, Input, int, Input]] = []
    for group in by_root.values():
        for a, b in group:
            current.append((a, inputs[prints[a].index], b, inputs[prints[b].index]))
            if len(current) >= size:
                batches.append((current, options, max_size))
                current = []
    if current:
        batches.append((current, options, max_size))
    return batches


class _Inline(Executor):
    """Runs tasks in this process, for small inputs."""


def _executor(workers: int, n_inputs: int) -> Executor:
    if workers <= 1 or n_inputs < POOL_MIN_INPUTS:
        return _Inline()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["diffing.dups.engine"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _map(pool: Executor, fn: Callable[[T], R], items: Sequence[T], chunksize: int) -> Iterator[R]:
    if isinstance(pool, _Inline):
        return map(fn, items)
    return pool.map(fn, items, chunksize=chunksize)


# The names the Dask engine (diffing/dups/dask_engine.py, dask_stages.py) imported before they were public.
_exact_groups, _exact_pairs, _overlaps, _compact = exact_groups, exact_pairs, worth_comparing, compact
