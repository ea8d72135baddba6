"""Highlights on the original text: the one place that turns a row's inline parts into what a user sees.

Rules:

* A row's inline parts are on the **normalized** texts; a report shows the
  **original** text. Each part is mapped through ``Document.to_original``
  (clause start + offset in the row), never found by searching.
* For each side the highlights join back exactly to the original text of that
  side's clause spans, in order: no character is dropped or repeated.
  Characters the normalizer removed (whitespace, invisible characters) sit
  between two parts; they go to the neighbouring ``same`` highlight when there
  is one, else to the following highlight. Parts that map into one original
  range (an edit of several characters) are cut so that ranges never overlap;
  a part left with no original character of its own simply shows nothing.
* Holes (junk or boilerplate removed from the original) are cut out, as in
  ``Document.spans``.
* `part_ranges` gives, for each inline part (cut at clause ends), its
  original ranges on both sides: what a report needs that must give back each
  document exactly (the Word redline).
* `unified_highlights` gives one reading line for a row: ``same`` and ``ins``
  highlights in B's original text, ``del`` highlights in A's. Its ``same`` and
  ``ins`` highlights join to B's original text; ``same`` is B's wording, so the
  ``same`` and ``del`` highlights give A's text only up to normalization.
* Names: a `Highlight` is a run of original text with its `Kind`; a `Run` is
  one of `unified_runs`, with its clauses. ("Segment" names only the cutting of
  a text into clauses, `diffing.segment`.)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Literal

from corpus.document import Document
from diffing.model import Clause, Diff, Row
from diffing.vocabulary import KIND_OF, InlinePart, Kind, PartOp

__all__ = [
    "ClauseHighlights",
    "Highlight",
    "Kind",
    "PartRanges",
    "Run",
    "Side",
    "clause_highlights",
    "merge_highlights",
    "part_ranges",
    "row_highlights",
    "unified_highlights",
    "unified_runs",
]

Side = Literal["a", "b"]


@dataclass(frozen=True)
class Highlight:
    """A run of original text and how it changed."""

    text: str
    """Original text (as decoded from the file, before normalization)."""
    kind: Kind
    """``same`` in both documents, ``del`` only in A, ``ins`` only in B."""


@dataclass(frozen=True)
class Run:
    """A highlight of `unified_runs`, with the clauses it belongs to."""

    text: str
    kind: Kind
    a_clause: int | None
    """Index of the A clause the run's A side is in (None for ``ins``)."""
    b_clause: int | None
    """Index of the B clause the run's B side is in (None for ``del``)."""


@dataclass(frozen=True)
class PartRanges:
    """One inline part of a row (cut at clause ends) and the original ranges it covers on each side."""

    kind: Kind
    a: tuple[tuple[int, int], ...]
    """Ranges of A's original text (none for ``ins``; holes are cut out)."""
    b: tuple[tuple[int, int], ...]
    """Ranges of B's original text (none for ``del``)."""


@dataclass(frozen=True)
class ClauseHighlights:
    """The highlights of one clause of a row."""

    index: int
    """The clause's index in its document."""
    highlights: tuple[Highlight, ...]


@dataclass(frozen=True)
class _Piece:
    """Original range of (part of) one inline part inside one clause."""

    part: int
    """Index of the inline part the piece belongs to."""
    clause: int
    """Position of the clause among the row's clauses of this side."""
    kind: Kind
    lo: int
    hi: int


def clause_highlights(diff: Diff, row: Row, side: Side) -> list[ClauseHighlights]:
    """Segments of each clause of one side of a row, in order."""
    doc, clauses = _side(diff, row, side)
    by_clause: list[list[_Piece]] = [[] for _ in clauses]
    for piece in _pieces(doc, clauses, _parts(diff, row, side), side):
        by_clause[piece.clause].append(piece)
    return [
        ClauseHighlights(clause.index, _merge(doc.original, pieces))
        for clause, pieces in zip(clauses, by_clause, strict=True)
    ]


def row_highlights(diff: Diff, row: Row, side: Side) -> list[Highlight]:
    """Segments of one side of a row; they join to the original text of ``diff.a_spans(row)`` (or b)."""
    out: list[Highlight] = []
    for group in clause_highlights(diff, row, side):
        out.extend(group.highlights)
    return list(merge_highlights(out))


def unified_highlights(diff: Diff, row: Row) -> list[Highlight]:
    """One reading line for a row: B's original text with A's deletions where they were."""
    return merge_highlights(Highlight(run.text, run.kind) for run in unified_runs(diff, row))


def unified_runs(diff: Diff, row: Row) -> list[Run]:
    """`unified_highlights` with the clause each run belongs to (cut wherever a clause of either side ends)."""
    a_doc, a_clauses = _side(diff, row, "a")
    b_doc, b_clauses = _side(diff, row, "b")
    cut = _cut_at_clauses(_all_parts(diff, row), [len(c.text) for c in a_clauses], [len(c.text) for c in b_clauses])
    a_parts = [(k, KIND_OF[op], n) for k, (op, n, _, _) in enumerate(cut) if op != "+"]
    b_parts = [(k, KIND_OF[op], n) for k, (op, n, _, _) in enumerate(cut) if op != "-"]
    texts: dict[int, list[str]] = {}
    for piece in _pieces(b_doc, b_clauses, b_parts, "b"):
        texts.setdefault(piece.part, []).append(b_doc.original[piece.lo : piece.hi])
    for piece in _pieces(a_doc, a_clauses, a_parts, "a"):
        if piece.kind == "del":
            texts.setdefault(piece.part, []).append(a_doc.original[piece.lo : piece.hi])
    runs: list[Run] = []
    for k, (op, _, a_pos, b_pos) in enumerate(cut):
        text = "".join(texts.get(k, ()))
        if not text:
            continue
        run = Run(
            text,
            KIND_OF[op],
            None if a_pos is None else a_clauses[a_pos].index,
            None if b_pos is None else b_clauses[b_pos].index,
        )
        last = runs[-1] if runs else None
        if last and (last.kind, last.a_clause, last.b_clause) == (run.kind, run.a_clause, run.b_clause):
            runs[-1] = Run(last.text + run.text, run.kind, run.a_clause, run.b_clause)
        else:
            runs.append(run)
    return runs


def part_ranges(diff: Diff, row: Row) -> list[PartRanges]:
    """The row's parts in reading order, each with its original ranges on A and on B.

    The A ranges of all parts, in order, cover the row's A clause spans
    (``diff.a_spans``) exactly once; the B ranges likewise. A part left with no
    original character on either side is dropped.
    """
    a_doc, a_clauses = _side(diff, row, "a")
    b_doc, b_clauses = _side(diff, row, "b")
    cut = _cut_at_clauses(_all_parts(diff, row), [len(c.text) for c in a_clauses], [len(c.text) for c in b_clauses])
    a_parts = [(k, KIND_OF[op], n) for k, (op, n, _, _) in enumerate(cut) if op != "+"]
    b_parts = [(k, KIND_OF[op], n) for k, (op, n, _, _) in enumerate(cut) if op != "-"]
    a_ranges: dict[int, list[tuple[int, int]]] = {}
    b_ranges: dict[int, list[tuple[int, int]]] = {}
    for piece in _pieces(a_doc, a_clauses, a_parts, "a"):
        a_ranges.setdefault(piece.part, []).append((piece.lo, piece.hi))
    for piece in _pieces(b_doc, b_clauses, b_parts, "b"):
        b_ranges.setdefault(piece.part, []).append((piece.lo, piece.hi))
    out: list[PartRanges] = []
    for k, (op, _, _, _) in enumerate(cut):
        a, b = tuple(a_ranges.get(k, ())), tuple(b_ranges.get(k, ()))
        if a or b:
            out.append(PartRanges(KIND_OF[op], a, b))
    return out


def _side(diff: Diff, row: Row, side: Side) -> tuple[Document, list[Clause]]:
    if side == "a":
        return diff.a, [diff.a_clauses[i] for i in row.a]
    return diff.b, [diff.b_clauses[j] for j in row.b]


def _all_parts(diff: Diff, row: Row) -> list[InlinePart]:
    """The row's inline parts; a row without them is one part per side."""
    if row.inline is not None:
        return list(row.inline)
    a_text, b_text = diff.a_text(row), diff.b_text(row)
    if row.a and row.b and a_text == b_text:
        return [("=", a_text)]
    sides: tuple[InlinePart, ...] = (("-", a_text), ("+", b_text))
    return [(op, text) for op, text in sides if text]


def _cut_at_clauses(
    parts: Sequence[InlinePart], a_lens: Sequence[int], b_lens: Sequence[int]
) -> list[tuple[PartOp, int, int | None, int | None]]:
    """Parts cut wherever a clause of either side ends: (op, length, A clause position, B clause position)."""
    a_ends = list(accumulate(a_lens))
    b_ends = list(accumulate(b_lens))
    ia = ib = pa = pb = 0
    out: list[tuple[PartOp, int, int | None, int | None]] = []
    for op, text in parts:
        left = len(text)
        while left > 0:
            while ia < len(a_ends) - 1 and a_ends[ia] <= pa:
                ia += 1
            while ib < len(b_ends) - 1 and b_ends[ib] <= pb:
                ib += 1
            take = left
            if op != "+":
                take = min(take, a_ends[ia] - pa) if a_ends else take
            if op != "-":
                take = min(take, b_ends[ib] - pb) if b_ends else take
            if take <= 0:
                raise ValueError("inline parts are longer than the row's clauses")
            out.append((op, take, ia if op != "+" else None, ib if op != "-" else None))
            pa += take if op != "+" else 0
            pb += take if op != "-" else 0
            left -= take
    return out


def _side_parts(parts: Sequence[InlinePart], side: Side) -> list[tuple[int, Kind, int]]:
    """(part index, kind, length) of the parts that belong to one side."""
    changed: PartOp = "-" if side == "a" else "+"
    kind: Kind = "del" if side == "a" else "ins"
    return [(k, "same" if op == "=" else kind, len(text)) for k, (op, text) in enumerate(parts) if op in ("=", changed)]


def _parts(diff: Diff, row: Row, side: Side) -> list[tuple[int, Kind, int]]:
    return _side_parts(_all_parts(diff, row), side)


def _pieces(
    doc: Document, clauses: Sequence[Clause], parts: Sequence[tuple[int, Kind, int]], side: Side
) -> list[_Piece]:
    """Cut the side's parts at clause boundaries and map each piece to a disjoint original range."""
    total = sum(n for _, _, n in parts)
    expected = sum(len(c.text) for c in clauses)
    if total != expected:
        raise ValueError(f"inline parts of side {side} cover {total} characters, its clauses {expected}")
    pieces: list[_Piece] = []
    k = 0  # current part
    used = 0  # characters of part k already given to earlier clauses
    for ci, clause in enumerate(clauses):
        cuts: list[tuple[int, Kind, int, int]] = []  # (part, kind, normalized start, end) in the document
        pos = clause.start
        while pos < clause.end:
            part, kind, length = parts[k]
            take = min(length - used, clause.end - pos)
            cuts.append((part, kind, pos, pos + take))
            pos += take
            used += take
            if used == length:
                k, used = k + 1, 0
        while k < len(parts) and parts[k][2] == 0:
            k += 1
        pieces.extend(_map_clause(doc, clause, ci, cuts))
    return pieces


def _map_clause(doc: Document, clause: Clause, ci: int, cuts: Sequence[tuple[int, Kind, int, int]]) -> list[_Piece]:
    """Original ranges of one clause's cuts: contiguous, covering the clause's span, holes removed."""
    lo, hi = doc.to_original(clause.start, clause.end)
    ranges = [doc.to_original(s, e) for _, _, s, e in cuts]
    bounds = [lo]
    for i in range(1, len(cuts)):
        prev_end, next_start = ranges[i - 1][1], ranges[i][0]
        # The gap between two parts (removed whitespace) joins the ``same`` neighbour, else the next one.
        cut = next_start if cuts[i - 1][1] == "same" or cuts[i][1] != "same" else prev_end
        bounds.append(min(max(cut, bounds[-1]), hi))
    bounds.append(hi)
    spans = doc.spans(clause.start, clause.end) if doc.holes else [(lo, hi)]
    pieces: list[_Piece] = []
    for i, (part, kind, _, _) in enumerate(cuts):
        for s_lo, s_hi in spans:
            p_lo, p_hi = max(bounds[i], s_lo), min(bounds[i + 1], s_hi)
            if p_lo < p_hi:
                pieces.append(_Piece(part, ci, kind, p_lo, p_hi))
    return pieces


def _merge(original: str, pieces: Sequence[_Piece]) -> tuple[Highlight, ...]:
    return tuple(merge_highlights(Highlight(original[p.lo : p.hi], p.kind) for p in pieces))


def merge_highlights(segments: Iterable[Highlight]) -> list[Highlight]:
    """Drop empty highlights and join neighbours of the same kind."""
    out: list[Highlight] = []
    for seg in segments:
        if not seg.text:
            continue
        if out and out[-1].kind == seg.kind:
            out[-1] = Highlight(out[-1].text + seg.text, seg.kind)
        else:
            out.append(seg)
    return out
