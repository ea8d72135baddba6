"""The local engine: the duplicate finder (`diffing.dups.core`) in this process or a process pool.

Rules:

* `find_duplicates` is `diffing.dups.core.Finder` with this engine; the run,
  its steps and its report are the core's (`diffing.dups.core`,
  `diffing.dups.steps`). This module only says where the work runs.
* Two passes. Pass 1 reads every input once (in ``workers`` processes) and
  keeps only its `Fingerprint`; pass 2 reads again just the documents of the
  candidate pairs, in batches of connected documents (a family together), to
  verify them. Memory is the index and the findings (measured: ~6 KB per
  document in a run over 10,000 documents of ~5 KB) plus a small cache of
  loaded documents per worker; no document's text is kept.
* Workers are started with ``forkserver`` (safe beside threads, as in the
  app); a script that runs the engine with workers needs the usual
  ``if __name__ == "__main__":`` guard. Fewer inputs than `POOL_MIN_INPUTS`
  are handled in this process.
* Candidates come from one band index of every document
  (`diffing.dups.steps.candidates`); ``RunStats.compared`` counts the pairs aligned.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from corpus.options import Options
from diffing.dups.core import Finder, ToCompare, assemble, exact_groups, exact_pairs
from diffing.dups.fingerprint import Fingerprint, Skipped, fingerprint_document
from diffing.dups.inputs import Input, collect_inputs, load_input, store_inputs
from diffing.dups.result import DupsResult, Progress, RunStats, compact, duplicate_pairs
from diffing.dups.reworded import spun_words
from diffing.dups.steps import MIN_OVERLAP, Loaded, Task, candidates, read_input, to_compare, verify_tasks
from diffing.dups.steps import worth_comparing as worth_comparing
from diffing.dups.verify import PairResult
from diffing.segment import segment

__all__ = [
    "MIN_OVERLAP",
    "POOL_MIN_INPUTS",
    "DupsResult",
    "Input",
    "LocalEngine",
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
]  # the values, inputs and shared steps live in result.py, inputs.py, core.py and steps.py; named here for callers

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
    return read_input(index, inp, lambda i: load_input(i, options, max_size), fingerprint_document)


@functools.lru_cache(maxsize=_CACHE)
def _loaded(inp: Input, options: Options, max_size: int) -> Loaded:
    doc = load_input(inp, options, max_size)
    return doc, (spun_words(doc, options) if options.unspin else []), segment(doc)


def _verify_batch(task: tuple[list[Task], Options, int]) -> tuple[list[PairResult], list[str]]:
    """Verify pairs that mostly share their first document; also the problems met, one line each."""
    tasks, options, max_size = task
    return verify_tasks(tasks, options, lambda inp: _loaded(inp, options, max_size))


@dataclass(frozen=True)
class _Session:
    """The local engine at work on one run (a `diffing.dups.core.Session`)."""

    pool: Executor
    inputs: Sequence[Input]
    options: Options
    max_size: int
    workers: int

    def read(self) -> Iterator[Fingerprint | Skipped]:
        tasks = [(i, inp, self.options, self.max_size) for i, inp in enumerate(self.inputs)]
        return _map(self.pool, _fingerprint, tasks, chunksize=16)

    def pairs(self, prints: Sequence[Fingerprint], exact_of: dict[int, int], user: list[bool]) -> ToCompare:
        found = candidates(prints, exact_of, user)
        kept, estimates = to_compare(prints, sorted(found))
        return ToCompare(len(found), kept, estimates)

    def verify(self, tasks: list[Task], aligned: Callable[[int], None]) -> tuple[list[PairResult], list[str]]:
        size = max(1, min(_BATCH, -(-len(tasks) // (4 * self.workers))))  # several batches a worker: none idles
        batches = [(tasks[lo : lo + size], self.options, self.max_size) for lo in range(0, len(tasks), size)]
        results: list[PairResult] = []
        problems: list[str] = []
        for batch, (batch_results, batch_problems) in zip(
            batches, _map(self.pool, _verify_batch, batches, chunksize=1), strict=True
        ):
            results.extend(batch_results)
            problems.extend(batch_problems)
            aligned(len(batch[0]))
        return results, problems


@dataclass(frozen=True)
class LocalEngine:
    """Work in this process, or in a pool of ``workers`` processes for `POOL_MIN_INPUTS` inputs or more."""

    @contextmanager
    def session(self, inputs: Sequence[Input], options: Options, max_size: int, workers: int) -> Iterator[_Session]:
        with _executor(workers, len(inputs)) as pool:
            yield _Session(pool, inputs, options, max_size, workers)


find_duplicates = Finder(LocalEngine())
"""Repeats, re-use and clusters among ``inputs``, on this machine (see `diffing.dups.core`)."""


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
