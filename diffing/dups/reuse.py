"""Passages shared between two documents, read off their clause alignment.

Rules:

* A passage is a run of aligned rows of a `Diff` (``equal``, ``modified``,
  ``moved``, ``split``, ``merged``, ``copied``) that follows the reading order
  on **both** sides: each row starts after the one before it in A and in B.
  Up to `GAP_CLAUSES` unaligned clauses (at most `GAP_CHARS` characters) may
  sit between two rows on either side; they belong to the passage and count
  as differences in its similarity.
* A passage's similarity is the clause-length-weighted similarity of its
  aligned rows over all the clauses it covers, on both sides (as
  ``Diff.summary`` weighs a whole comparison).
* A passage must hold `MIN_CHARS` letters or digits on each side; shorter
  shared bits (a salutation, 特此通知) are not re-use.
* Spans are original offsets: the smallest original span of the passage's
  first to last clause (``Document.to_original``).
"""

from __future__ import annotations

from dataclasses import dataclass

from diffing.dups.shingles import shingle_text
from diffing.model import Diff

__all__ = ["EXCERPT", "GAP_CHARS", "GAP_CLAUSES", "MIN_CHARS", "Passage", "one_line", "passages"]

GAP_CLAUSES = 2
"""Most unaligned clauses between two rows of one passage, on each side."""
GAP_CHARS = 80
"""Most characters in those unaligned clauses, on each side."""
MIN_CHARS = 20
"""Fewest letters or digits of a passage, on each side."""
EXCERPT = 40
"""Characters of a passage's excerpt."""


@dataclass(frozen=True)
class Passage:
    """Text of A found again in B."""

    a: tuple[int, int]
    """Span of the original text of A."""
    b: tuple[int, int]
    """Span of the original text of B."""
    similarity: float
    """1.0 when equal after normalization."""
    a_clauses: tuple[int, int]
    """Half-open range of A clause indices."""
    b_clauses: tuple[int, int]
    """Half-open range of B clause indices."""
    chars: int
    """Letters and digits of the passage on the shorter side."""
    excerpt: str = ""
    """The start of the passage in B's original text, on one line (for a terminal summary)."""


@dataclass
class _Run:
    a_lo: int
    a_hi: int
    b_lo: int
    b_hi: int
    weight: float


def passages(diff: Diff) -> list[Passage]:
    """The passages of ``diff``, longest first."""
    a_len = [len(c.text) for c in diff.a_clauses]
    b_len = [len(c.text) for c in diff.b_clauses]
    runs: list[_Run] = []
    for row in diff.rows:
        if not row.a or not row.b:
            continue
        a_lo, a_hi, b_lo, b_hi = min(row.a), max(row.a) + 1, min(row.b), max(row.b) + 1
        weight = row.similarity * (sum(a_len[i] for i in row.a) + sum(b_len[j] for j in row.b))
        last = runs[-1] if runs else None
        if last is not None and _gap_ok(last.a_hi, a_lo, a_len) and _gap_ok(last.b_hi, b_lo, b_len):
            last.a_hi, last.b_hi = a_hi, b_hi
            last.weight += weight
        else:
            runs.append(_Run(a_lo, a_hi, b_lo, b_hi, weight))
    out: list[Passage] = []
    for run in runs:
        a_chars = sum(len(shingle_text(c.text)) for c in diff.a_clauses[run.a_lo : run.a_hi])
        b_chars = sum(len(shingle_text(c.text)) for c in diff.b_clauses[run.b_lo : run.b_hi])
        if min(a_chars, b_chars) < MIN_CHARS:
            continue
        total = sum(a_len[run.a_lo : run.a_hi]) + sum(b_len[run.b_lo : run.b_hi])
        similarity = round(min(1.0, run.weight / total), 4) if total else 1.0
        a_span = diff.a.to_original(diff.a_clauses[run.a_lo].start, diff.a_clauses[run.a_hi - 1].end)
        b_span = diff.b.to_original(diff.b_clauses[run.b_lo].start, diff.b_clauses[run.b_hi - 1].end)
        excerpt = one_line(diff.b.original[b_span[0] : b_span[1]])
        out.append(
            Passage(
                a_span, b_span, similarity, (run.a_lo, run.a_hi), (run.b_lo, run.b_hi), min(a_chars, b_chars),
                excerpt,
            )
        )  # fmt: skip
    out.sort(key=lambda p: (-p.chars, p.b))
    return out


def one_line(text: str, size: int = EXCERPT) -> str:
    """The first ``size`` characters of ``text`` with runs of white space made one space."""
    return " ".join(text[: size * 3].split())[:size]


def _gap_ok(end: int, start: int, lengths: list[int]) -> bool:
    """True when clauses ``[end, start)`` are few and short enough to sit inside a passage."""
    return 0 <= start - end <= GAP_CLAUSES and sum(lengths[end:start]) <= GAP_CHARS
