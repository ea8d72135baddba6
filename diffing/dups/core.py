"""The duplicate finder, whatever engine runs it: one run, one entry signature, one report.

Rules:

* `Finder` is the one entry point (its ``__call__`` is the signature every
  engine answers to) and `find` is the one run: check the settings, read every
  input, group exact copies, number the readable documents, take the pairs
  worth comparing, verify them as `diffing.dups.plan` says (every pair of a
  small family, cluster by cluster in a large one), and `assemble` the result.
  An engine only says *where* the work runs, through a `Session`:
  ``read`` (fingerprints in input order), ``pairs`` (the pairs worth comparing,
  with their Jaccard estimates) and ``verify`` (align a list of pairs). The
  steps they run are `diffing.dups.steps`; so two engines give the same answer
  by construction (only `RunStats`' timings differ).
* Documents whose normalized texts are identical are one group: only its first
  member is indexed and compared; the others are recorded as exact duplicates
  of it (similarity 1.0, the whole text as one passage).
* A bad input is skipped: reported through ``warn`` (one line naming it, as
  inputs are read, in input order) and in the result; the run goes on.
  ``progress`` is called as inputs are read, as batches of pairs are aligned
  and as the plan settles pairs.
* In ``--store`` mode, only pairs with at least one of the user's files are
  compared: the store is what the files are checked against.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from corpus.errors import WendiffError
from corpus.options import DEFAULT_OPTIONS, Options
from corpus.read import DEFAULT_MAX_SIZE
from corpus.unspin import load_table
from diffing.dups.clusters import NEAR_DUPLICATE, clusters
from diffing.dups.fingerprint import Fingerprint, Skipped
from diffing.dups.inputs import Input
from diffing.dups.plan import verify_pairs
from diffing.dups.result import DupsResult, Progress, RunStats, compact
from diffing.dups.reuse import Passage
from diffing.dups.steps import Pair, Task, by_family
from diffing.dups.verify import PairResult, Reuse

__all__ = ["Engine", "Finder", "Session", "ToCompare", "assemble", "exact_groups", "exact_pairs", "find"]


@dataclass(frozen=True)
class ToCompare:
    """The pairs a run compares, as an engine found them."""

    candidates: int
    """Distinct candidate pairs (LSH), after the ``--store`` rule."""
    pairs: list[Pair]
    """Those that passed the MinHash prefilter, sorted."""
    estimates: dict[Pair, float]
    """The Jaccard estimate of each of ``pairs``."""


class Session(Protocol):
    """An engine at work on one run's inputs (see the module rules)."""

    def read(self) -> Iterator[Fingerprint | Skipped]:
        """The fingerprint of every input (or why it is skipped), in input order."""
        ...

    def pairs(self, prints: Sequence[Fingerprint], exact_of: dict[int, int], user: list[bool]) -> ToCompare:
        """The pairs worth comparing among the readable documents (report indices)."""
        ...

    def verify(self, tasks: list[Task], aligned: Callable[[int], None]) -> tuple[list[PairResult], list[str]]:
        """Every pair aligned (results in any order), and the problems met, one line each, in pair order.

        ``aligned`` hears how many more pairs are aligned, as batches finish.
        """
        ...


class Engine(Protocol):
    """Where a run's work is done."""

    def session(
        self, inputs: Sequence[Input], options: Options, max_size: int, workers: int
    ) -> AbstractContextManager[Session]:
        """Ready to work on ``inputs`` (or a one-line `WendiffError`), for as long as the ``with`` block."""
        ...


@dataclass(frozen=True)
class Finder:
    """`find` with an engine: the entry point every engine answers to."""

    engine: Engine

    def __call__(
        self,
        inputs: Sequence[Input],
        options: Options = DEFAULT_OPTIONS,
        *,
        max_size: int = DEFAULT_MAX_SIZE,
        workers: int | None = None,
        progress: Callable[[Progress], None] | None = None,
        warn: Callable[[str], None] | None = None,
        near_duplicate: float = NEAR_DUPLICATE,
    ) -> DupsResult:
        """Repeats, re-use and clusters among ``inputs`` (see the module rules).

        ``workers`` is how many processes work (None: one per core).
        """
        workers = max(1, (os.cpu_count() or 1) if workers is None else workers)
        if options.unspin:
            load_table(options.unspin_table)  # a bad table is one error now, not a warning per file
        with self.engine.session(inputs, options, max_size, workers) as session:
            return find(session, inputs, progress, warn, near_duplicate)


def find(
    session: Session,
    inputs: Sequence[Input],
    progress: Callable[[Progress], None] | None,
    warn: Callable[[str], None] | None,
    near_duplicate: float,
) -> DupsResult:
    """The run (see the module rules), its work done by ``session``."""
    started = time.perf_counter()
    prints: list[Fingerprint] = []
    skipped: list[Skipped] = []
    for done, item in enumerate(session.read(), start=1):
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
            progress(Progress("read", done, len(inputs)))
    if not prints:
        raise WendiffError("no readable documents" + (f" ({len(skipped)} skipped)" if skipped else ""))
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    exact_of = exact_groups(prints)
    user = [not inputs[fp.index].from_store for fp in prints]
    found = session.pairs(prints, exact_of, user)
    aligned = 0
    done = 0

    def verify(pairs: list[Pair]) -> list[PairResult]:
        nonlocal aligned
        aligned += len(pairs)
        tasks = by_family([(a, inputs[prints[a].index], b, inputs[prints[b].index]) for a, b in pairs])
        so_far = 0

        def batch_done(count: int) -> None:  # before the plan settles these pairs (and those they imply)
            nonlocal so_far
            so_far += count
            if progress is not None and so_far < len(pairs):
                progress(Progress("compare", done + so_far, len(found.pairs)))

        results, problems = session.verify(tasks, batch_done)
        if warn is not None:
            for line in problems:
                warn(line)
        return results

    def settled(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(Progress("compare", done, len(found.pairs)))

    verified = [r for r in verify_pairs(found.pairs, found.estimates, verify, near_duplicate, settled) if r.reuse]
    verified.sort(key=lambda r: (r.a, r.b))
    stats = RunStats(found.candidates, aligned, len(exact_of), read_seconds, time.perf_counter() - started)
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
    """The result of a run from its parts."""
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
