"""The values a duplicate-finding run hands back, and the duplicate pairs they imply.

Rules:

* Indices of documents are positions in ``DupsResult.documents`` (the inputs
  that were read, in input order); skipped inputs have none.
* Exact duplicates (same normalized text) are kept as ``exact_of``; the pairs
  found for the first of a group hold for every member (`duplicate_pairs`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

from diffing.dups.clusters import NEAR_DUPLICATE
from diffing.dups.fingerprint import DocInfo, Skipped
from diffing.dups.repeats import Repeat
from diffing.dups.verify import PairResult, Reuse

__all__ = ["DupsResult", "Progress", "RunStats", "compact", "duplicate_pairs"]


@dataclass(frozen=True)
class Progress:
    """How far a run is."""

    stage: Literal["read", "compare"]
    done: int
    total: int


@dataclass(frozen=True)
class RunStats:
    """Figures of a run, for benchmarks and the summary."""

    candidates: int = 0
    """Pairs proposed by LSH."""
    compared: int = 0
    """Pairs verified by alignment (after the MinHash prefilter)."""
    exact: int = 0
    """Documents that are exact duplicates of an earlier one."""
    read_seconds: float = 0.0
    compare_seconds: float = 0.0


@dataclass(frozen=True)
class DupsResult:
    """Everything a run found."""

    documents: tuple[DocInfo, ...]
    """The documents read, in input order; indices below refer to this list."""
    skipped: tuple[Skipped, ...]
    repeats: tuple[tuple[int, Repeat], ...]
    """``(document, repeat)``, longest first."""
    pairs: tuple[PairResult, ...]
    """Verified pairs that share at least one passage, or are exact duplicates."""
    clusters: tuple[tuple[int, ...], ...]
    exact_of: dict[int, int] = field(default_factory=dict)
    """Exact duplicate -> the first document with the same normalized text."""
    stats: RunStats = RunStats()


def compact(result: DupsResult, user: list[bool]) -> DupsResult:
    """Only the user's documents and the store documents some finding names, renumbered."""
    keep = set(k for k, mine in enumerate(user) if mine)
    for p in result.pairs:
        keep.update((p.a, p.b))
    new = {old: k for k, old in enumerate(sorted(keep))}

    def reuse(r: Reuse) -> Reuse:
        reworded = None if r.reworded is None else replace(r.reworded, doc=new[r.reworded.doc])
        return replace(r, a=new[r.a], b=new[r.b], reworded=reworded)

    return DupsResult(
        tuple(result.documents[old] for old in sorted(keep)),
        result.skipped,
        tuple((new[k], r) for k, r in result.repeats),
        tuple(
            replace(p, a=new[p.a], b=new[p.b], reuse=tuple(reuse(r) for r in p.reuse)) for p in result.pairs
        ),
        tuple(tuple(new[k] for k in c) for c in result.clusters),
        {new[c]: new[f] for c, f in result.exact_of.items() if c in new and f in new},
        result.stats,
    )


def duplicate_pairs(result: DupsResult, threshold: float = NEAR_DUPLICATE) -> Iterator[tuple[int, int, float]]:
    """Every pair of documents the run found near-duplicate, exact duplicates' pairs included."""
    return _expanded_from(result.exact_of, ((p.a, p.b, p.similarity) for p in result.pairs), threshold)


def _expanded_from(
    exact_of: dict[int, int], pairs: Iterable[tuple[int, int, float]], threshold: float
) -> Iterator[tuple[int, int, float]]:
    members: dict[int, list[int]] = {}
    for copy, first in exact_of.items():
        members.setdefault(first, [first]).append(copy)
    seen: set[tuple[int, int]] = set()
    for a, b, similarity in pairs:
        if similarity < threshold:
            continue
        for x in members.get(a, [a]):
            for y in members.get(b, [b]):
                pair = (min(x, y), max(x, y))
                if x != y and pair not in seen:
                    seen.add(pair)
                    yield (*pair, similarity)
    for group in members.values():
        for i, x in enumerate(group):
            for y in group[i + 1 :]:
                pair = (min(x, y), max(x, y))
                if pair not in seen:
                    seen.add(pair)
                    yield (*pair, 1.0)
