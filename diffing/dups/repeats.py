"""Repeated passages inside one document (the same notice pasted twice).

Rules:

* Work on clauses (`diffing.segment`), compared by their letters and digits
  only (`shingle_text`): punctuation and layout never hide a repeat.
* A repeat starts from two equal clauses and grows clause by clause, backwards
  and forwards, while the clauses side by side are equal or nearly so
  (`NEAR` or more, rapidfuzz ratio); the two occurrences never overlap.
  It must end on equal clauses at both ends, and hold at least `MIN_CHARS`
  characters: one real sentence is enough, a bare heading (一、) is not.
* Occurrences with exactly the same clauses are one repeat with several
  occurrences (a text pasted three times is one repeat, three spans).
* Spans are in ORIGINAL offsets (``Document.to_original``); the similarity
  of a repeat is the lowest over its pairs of occurrences, each weighted by
  clause length, 1.0 when every clause side by side is equal.
* A clause text occurring more than `MAX_SEEDS` times (a formula repeated
  all through a law) does not start repeats, so the cost stays near linear;
  such clauses still join a repeat grown from other clauses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from corpus.document import Document
from diffing.dups.reuse import one_line
from diffing.dups.shingles import shingle_text
from diffing.model import Clause
from diffing.segment import segment

__all__ = ["MAX_SEEDS", "MIN_CHARS", "NEAR", "Repeat", "find_repeats", "repeated_runs"]

MIN_CHARS = 10
"""Fewest letters and digits in a repeated passage."""
NEAR = 0.85
"""Lowest similarity of two clauses side by side inside a repeat."""
MAX_SEEDS = 50
"""A clause text seen more often than this does not start a repeat."""


@dataclass(frozen=True)
class Run:
    """Clauses ``[a, a + length)`` repeated as ``[b, b + length)`` (``a + length <= b``)."""

    a: int
    b: int
    length: int
    similarity: float


@dataclass(frozen=True)
class Repeat:
    """A passage that occurs more than once in a document."""

    clauses: tuple[tuple[int, int], ...]
    """Each occurrence as a half-open range of clause indices, in reading order."""
    spans: tuple[tuple[int, int], ...]
    """Each occurrence as a span of the original text."""
    similarity: float
    """Lowest similarity between two occurrences, after normalization."""
    chars: int
    """Letters and digits in the first occurrence."""
    excerpt: str = ""
    """The start of the first occurrence, on one line."""


def find_repeats(doc: Document, clauses: Sequence[Clause] | None = None) -> list[Repeat]:
    """The repeats of ``doc``, longest first."""
    clauses = segment(doc) if clauses is None else clauses
    keys = [shingle_text(c.text) for c in clauses]
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def root(x: tuple[int, int]) -> tuple[int, int]:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    runs = repeated_runs(keys)
    for run in runs:
        first, second = (run.a, run.a + run.length), (run.b, run.b + run.length)
        parent.setdefault(first, first)
        parent.setdefault(second, second)
        parent[root(second)] = root(first)
    members: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for r in parent:
        members[root(r)].append(r)
    similarity: dict[tuple[int, int], float] = {}
    for run in runs:
        top = root((run.a, run.a + run.length))
        similarity[top] = min(similarity.get(top, 1.0), run.similarity)
    repeats: list[Repeat] = []
    for top, group in members.items():
        ranges = tuple(sorted(group))
        spans = tuple(doc.to_original(clauses[lo].start, clauses[hi - 1].end) for lo, hi in ranges)
        chars = sum(len(keys[i]) for i in range(*ranges[0]))
        excerpt = one_line(doc.original[spans[0][0] : spans[0][1]])
        repeats.append(Repeat(ranges, spans, round(similarity[top], 4), chars, excerpt))
    repeats.sort(key=lambda r: (-r.chars, r.clauses))
    return repeats


def repeated_runs(keys: Sequence[str]) -> list[Run]:
    """Maximal runs of clauses repeated later in the same sequence (see the module rules)."""
    where: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        if key:
            where[key].append(i)
    covered: set[tuple[int, int]] = set()
    runs: list[Run] = []
    for positions in where.values():
        if not 1 < len(positions) <= MAX_SEEDS:
            continue
        for x, i in enumerate(positions):
            for j in positions[x + 1 :]:
                if (i, j) in covered:
                    continue
                run = _grow(keys, i, j)
                covered.update((run.a + t, run.b + t) for t in range(run.length))
                if sum(len(keys[t]) for t in range(run.a, run.a + run.length)) >= MIN_CHARS:
                    runs.append(run)
    return runs


def _near(x: str, y: str) -> float:
    """Similarity of two clause keys in [0, 1]."""
    if x == y:
        return 1.0
    if not x or not y:
        return 0.0
    return fuzz.ratio(x, y) / 100.0


def _grow(keys: Sequence[str], i: int, j: int) -> Run:
    """The run through the equal clauses ``i < j``, grown both ways and trimmed to equal ends."""
    lo = 0  # clauses added before i (and before j)
    while i - lo > 0 and i + 1 <= j - lo - 1 and _near(keys[i - lo - 1], keys[j - lo - 1]) >= NEAR:
        lo += 1
    hi = 1  # clauses from i on (and from j on)
    while j + hi < len(keys) and i + hi < j - lo and _near(keys[i + hi], keys[j + hi]) >= NEAR:
        hi += 1
    a, b, length = i - lo, j - lo, lo + hi
    while keys[a] != keys[b]:
        a, b, length = a + 1, b + 1, length - 1
    while keys[a + length - 1] != keys[b + length - 1]:
        length -= 1
    weight = total = 0.0
    for t in range(length):
        size = len(keys[a + t]) + len(keys[b + t])
        total += size
        weight += size * _near(keys[a + t], keys[b + t])
    return Run(a, b, length, 1.0 if total == 0 else weight / total)
