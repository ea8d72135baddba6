"""Values of a comparison: clauses, rows and the whole `Diff`.

Rules:

* A `Clause` is a span of a document's **normalized** text; its original spans
  come from ``Document.spans`` (through the offset maps), never by searching.
* Every clause of A and of B appears in exactly one `Row`.
* ``Row.inline`` joins back to both normalized texts: the ``=`` and ``-``
  parts give the row's A text, the ``=`` and ``+`` parts its B text.
* Rows are in reading order of B; a deleted row stands right after the row of
  its preceding A clause.
* An ``equal`` row may hold several clauses on a side (a pure difference of
  clause boundaries); a ``renumbered`` row is a label whose number alone changed.
  Neither counts as a change a reviewer must read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from corpus.document import Document
from corpus.options import Options
from diffing.vocabulary import OPS, InlinePart, Op

if TYPE_CHECKING:
    from diffing.articles import Outline
    from diffing.structure import Structure
    from diffing.structure import Unit as StructureUnit

__all__ = [
    "IGNORABLE_STEPS", "MIRRORED", "OPS", "QUIET_OPS", "REBUILT", "Clause", "ClauseKind", "Diff", "Op", "Row",
    "Summary", "join_spans", "original_spans",
]  # fmt: skip

QUIET_OPS: frozenset[str] = frozenset({"equal", "renumbered"})
"""Rows a reviewer need not read: same text, or a label whose number alone changed."""
MIRRORED: dict[Op, Op] = {"inserted": "deleted", "deleted": "inserted", "split": "merged", "merged": "split"}
"""The op a row has when B is compared with A (every op not named is its own mirror)."""
IGNORABLE_STEPS = ("invisible", "junk", "script", "unspin", "width", "whitespace")
"""Normalization steps an ``equal`` row may name in ``ignored`` (report format version 2)."""
ClauseKind = Literal["sentence", "heading", "article", "row"]


@dataclass(frozen=True)
class Clause:
    """One clause of a document."""

    index: int
    """Position among the document's clauses."""
    start: int
    """Start in the normalized text."""
    end: int
    """End in the normalized text."""
    text: str
    """The normalized text, ``document.text[start:end]``."""
    kind: ClauseKind
    """``heading`` (一、 第一章 …), ``article`` (the 第X条 label alone), ``row`` (a table row), ``sentence``."""
    place: str
    """Where a reviewer would cite it: ``二/(三)/2`` or ``第二章/第十条``; empty before any heading."""
    cut: bool = False
    """True when the clause ends where its content ends it (a sentence end, a table cell, a colon
    before a marker), an end no layout can move; False when a line break, a paragraph of spaces,
    a heading's extent or the length limit ended it."""


@dataclass(frozen=True)
class Row:
    """One aligned unit: some A clauses against some B clauses."""

    op: Op
    a: tuple[int, ...]
    """Indices of A clauses (empty for ``inserted``)."""
    b: tuple[int, ...]
    """Indices of B clauses (empty for ``deleted``)."""
    similarity: float
    inline: tuple[InlinePart, ...] | None = None
    """Inline difference on normalized texts; present when both sides exist and similarity < 1."""
    pinned: bool = False
    """True when a reviewer's pin made this row (`diffing.pins`)."""


@dataclass(frozen=True)
class Summary:
    """Counts of rows by op, and the overall similarity in [0, 1]."""

    counts: dict[str, int]
    similarity: float

    @property
    def changes(self) -> int:
        """Rows a reviewer must read: every row but ``equal`` and ``renumbered``."""
        return sum(n for op, n in self.counts.items() if op not in QUIET_OPS)


REBUILT = ("outlines", "document_outlines", "structure")
"""Cached properties of a `Diff` that pickling leaves out (`Diff.__getstate__`): built again when read."""


@dataclass(frozen=True)
class Diff:
    """The comparison of two documents."""

    a: Document
    b: Document
    options: Options
    a_clauses: tuple[Clause, ...]
    b_clauses: tuple[Clause, ...]
    rows: tuple[Row, ...]
    pin_problems: tuple[str, ...] = ()
    """The reviewer's pins that were dropped, one line each (`diffing.pins`)."""

    def __getstate__(self) -> dict[str, object]:
        """A pickled diff (the app's head start sends one) leaves out the outlines (`REBUILT`): sending them
        costs about what building them again does, and most receivers never read them."""
        return {name: value for name, value in self.__dict__.items() if name not in REBUILT}

    @cached_property
    def summary(self) -> Summary:
        counts = Counter(row.op for row in self.rows)
        a_size = [c.end - c.start for c in self.a_clauses]  # len(c.text), without touching every text: a child
        b_size = [c.end - c.start for c in self.b_clauses]  # forked from this process copies each page it touches
        weight = total = 0.0
        for row in self.rows:
            a, b = row.a, row.b
            size = (a_size[a[0]] if len(a) == 1 else sum(a_size[i] for i in a)) + (
                b_size[b[0]] if len(b) == 1 else sum(b_size[j] for j in b)
            )
            total += size
            weight += size * row.similarity
        similarity = 1.0 if total == 0 else round(weight / total, 4)
        return Summary({op: counts.get(op, 0) for op in OPS}, similarity)

    @property
    def same(self) -> bool:
        """True when every row is ``equal``."""
        return all(row.op == "equal" for row in self.rows)

    def a_text(self, row: Row) -> str:
        """Normalized A text of a row."""
        return "".join(self.a_clauses[i].text for i in row.a)

    def b_text(self, row: Row) -> str:
        """Normalized B text of a row."""
        return "".join(self.b_clauses[j].text for j in row.b)

    @cached_property
    def outlines(self) -> tuple[Outline, Outline]:
        """Both documents' outlines of articles, 款 and 项 (`diffing.articles.outlines`), built once for
        every report and view."""
        from diffing.articles import outlines  # the law model builds on these values

        return outlines(self)

    @cached_property
    def document_outlines(self) -> tuple[tuple[StructureUnit, ...], tuple[StructureUnit, ...]]:
        """Both documents' outlines of divisions, articles, 款, 项 and 目 (`diffing.structure.document_outline`),
        built once for the correspondence of units and the places."""
        from diffing.structure import document_outline

        return document_outline(self.outlines[0]), document_outline(self.outlines[1])

    @cached_property
    def structure(self) -> Structure:
        """The outlines and the correspondence of units (`diffing.structure.structure`), built once for
        the JSON report, the 对照表 and the 修改决定."""
        from diffing.structure import structure

        return structure(self)

    @cached_property
    def a_original(self) -> tuple[tuple[int, int], ...]:
        """The smallest original span of each A clause (`original_spans`), computed once."""
        return original_spans(self.a, self.a_clauses)

    @cached_property
    def b_original(self) -> tuple[tuple[int, int], ...]:
        """The smallest original span of each B clause, computed once."""
        return original_spans(self.b, self.b_clauses)

    @cached_property
    def _a_clause_spans(self) -> list[list[tuple[int, int]]]:
        return [self.a.cut_holes(lo, hi) for lo, hi in self.a_original]

    @cached_property
    def _b_clause_spans(self) -> list[list[tuple[int, int]]]:
        return [self.b.cut_holes(lo, hi) for lo, hi in self.b_original]

    def clause_spans(self, side: str, index: int) -> list[tuple[int, int]]:
        """Original spans of clause ``index`` of side ``"a"`` or ``"b"``, cut around holes (computed once for
        every clause of the side)."""
        return (self._a_clause_spans if side == "a" else self._b_clause_spans)[index]

    def a_spans(self, row: Row) -> list[tuple[int, int]]:
        """Original spans of the row's A clauses."""
        spans = self._a_clause_spans
        return list(spans[row.a[0]]) if len(row.a) == 1 else join_spans(s for i in row.a for s in spans[i])

    def b_spans(self, row: Row) -> list[tuple[int, int]]:
        """Original spans of the row's B clauses."""
        spans = self._b_clause_spans
        return list(spans[row.b[0]]) if len(row.b) == 1 else join_spans(s for j in row.b for s in spans[j])

    def place(self, row: Row) -> str:
        """Where the row is, cited as in B (or A for a deleted row)."""
        return self.place_b(row) or self.place_a(row) or ""

    def clause_place(self, side: str, index: int) -> str:
        """Where clause ``index`` of side ``"a"`` or ``"b"`` is cited (`places`)."""
        return self.places[0 if side == "a" else 1][index]

    def clause_page(self, side: str, index: int) -> int | None:
        """The 1-based page a clause starts on (``side`` ``"a"`` or ``"b"``), None for an unpaged document."""
        doc, spans = (self.a, self._a_clause_spans) if side == "a" else (self.b, self._b_clause_spans)
        return doc.source.page_at(spans[index][0][0]) if doc.source.pages and spans[index] else None

    def page(self, row: Row) -> int | None:
        """The page the row is cited on (B's side, else A's) when that side is a paged document (PDF, OFD)."""
        side, indices = ("b", row.b) if row.b else ("a", row.a)
        return self.clause_page(side, indices[0]) if indices else None

    @cached_property
    def places(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Where each clause of A and of B is cited, from the outlines (`diffing.places`), computed once."""
        from diffing.places import clause_places  # the law model builds on these values

        (a, b), (a_units, b_units) = self.outlines, self.document_outlines
        return clause_places(a, a_units), clause_places(b, b_units)

    def place_a(self, row: Row) -> str | None:
        """Place of the row's first A clause (for a copied row: the clause it repeats), None without one."""
        return self.places[0][row.a[0]] if row.a else None

    def place_b(self, row: Row) -> str | None:
        """Place of the row's first B clause, None without one."""
        return self.places[1][row.b[0]] if row.b else None

    def ignored(self, row: Row) -> tuple[str, ...]:
        """For an ``equal`` row whose original texts differ: the steps that made them equal, in pipeline order.

        Empty for every other row and for rows whose original texts are identical.
        A difference no step accounts for (a line break between clauses of a
        multi-clause row) is a difference of layout: ``whitespace``.
        """
        if row.op != "equal":
            return ()
        a_orig = _stretch(self.a.original, self.a_spans(row))
        b_orig = _stretch(self.b.original, self.b_spans(row))
        if a_orig == b_orig:
            return ()
        a_steps = self.a.step_changes(self.a_clauses[row.a[0]].start, self.a_clauses[row.a[-1]].end)
        b_steps = self.b.step_changes(self.b_clauses[row.b[0]].start, self.b_clauses[row.b[-1]].end)
        # A step counts where it treated the two sides differently; one that did the same
        # on both (a full-width comma folded on each side) made nothing equal.
        steps = {s for s in a_steps.keys() | b_steps.keys() if a_steps.get(s, Counter()) != b_steps.get(s, Counter())}
        if not steps:
            steps.add("whitespace")
        return tuple(s for s in IGNORABLE_STEPS if s in steps)


def _stretch(text: str, spans: list[tuple[int, int]]) -> str:
    """The original text from a row's first span to its last, with what lies between (a line break too)."""
    return text[spans[0][0] : spans[-1][1]] if spans else ""


def join_spans(spans: object) -> list[tuple[int, int]]:
    """Spans in order, with touching spans joined into one."""
    out: list[tuple[int, int]] = []
    for lo, hi in spans:  # type: ignore[attr-defined]
        if out and out[-1][1] == lo:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def original_spans(doc: Document, clauses: tuple[Clause, ...]) -> tuple[tuple[int, int], ...]:
    """The smallest original span of each of ``doc``'s ``clauses`` (`Document.to_original_many`)."""
    return doc.to_original_many([c.start for c in clauses], [c.end for c in clauses])
