"""Glued clauses are cut where the other side has a boundary.

Rules:

* When one side glues units that the other side separates — a heading run
  into its first sentence, a document number into the addressee, a signature
  into the date, two 款 run together on one line — the aligner pairs several
  clauses of one side with one clause of the other (a ``merged`` or ``split``
  row, or ``equal`` with several clauses on a side). Such a one clause is cut
  at the points that the character alignment of the two texts (longest
  common subsequence) puts against the other side's clause boundaries, so
  each unit gets its own row: ``equal`` where the two pieces read the same
  (spaces aside), else ``modified``.
* Only layout boundaries are cut: where the other side's clauses end at a
  line break or a heading's extent (``Clause.cut`` False). Two sentences
  joined by a comma (。 → ，) are a real ``merged`` row and stay one.
* A cut is made only where it is clean: strictly inside the clause, in
  increasing order, at a point whose original text does not straddle a
  normalization edit (both pieces keep disjoint original spans), and only
  when every resulting pair is at least `MIN_PIECE` similar — a row whose
  texts were rewritten keeps its clauses whole.
* The pieces are clauses like any other (``cut`` is False: a boundary that
  only the other side's layout gave); every index is renumbered in order, and
  the rows keep their order. A row of pure boundary difference (``equal``)
  needs no cut: its rows already read the same.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz.distance import Indel

from corpus.document import Document
from diffing.fast_values import new_clause, new_row
from diffing.model import Clause, Row

__all__ = ["MIN_PIECE", "cut_glued"]

MIN_PIECE = 0.5
_GLUED_OPS = ("merged", "split")


def cut_glued(
    a: Document, b: Document, a_clauses: tuple[Clause, ...], b_clauses: tuple[Clause, ...], rows: list[Row]
) -> tuple[tuple[Clause, ...], tuple[Clause, ...], list[Row]]:
    """The clauses and rows with glued clauses cut (see the module's rules)."""
    a_cuts: dict[int, list[int]] = {}  # A clause → normalized cut positions
    b_cuts: dict[int, list[int]] = {}
    for row in rows:
        if row.op not in _GLUED_OPS:
            continue
        if len(row.a) > 1 and len(row.b) == 1:
            cuts = _cuts([a_clauses[i] for i in row.a], b_clauses[row.b[0]], b)
            if cuts:
                b_cuts[row.b[0]] = cuts
        elif len(row.b) > 1 and len(row.a) == 1:
            cuts = _cuts([b_clauses[j] for j in row.b], a_clauses[row.a[0]], a)
            if cuts:
                a_cuts[row.a[0]] = cuts
    if not a_cuts and not b_cuts:
        return a_clauses, b_clauses, rows
    new_a, a_map = _split(a, a_clauses, a_cuts)
    new_b, b_map = _split(b, b_clauses, b_cuts)
    out: list[Row] = []
    for row in rows:
        if (row.a and row.a[0] in a_cuts) or (row.b and row.b[0] in b_cuts):
            a_side = [k for i in row.a for k in a_map[i]]
            b_side = [k for j in row.b for k in b_map[j]]
            out.extend(_row(new_a[i].text, new_b[j].text, i, j) for i, j in zip(a_side, b_side, strict=True))
        else:
            out.append(_renumber(row, a_map, b_map))
    return new_a, new_b, out


def _cuts(many: Sequence[Clause], one: Clause, doc: Document) -> list[int]:
    """Normalized positions in ``one`` facing the boundaries between the clauses of ``many``, or []."""
    if any(c.cut for c in many[:-1]):
        return []  # a sentence (or cell) end on the other side: a real merge or split, not glue
    joined = "".join(c.text for c in many)
    text = one.text
    bounds = []
    total = 0
    for c in many[:-1]:
        total += len(c.text)
        bounds.append(total)
    facing = _facing(joined, text, bounds)
    if any(p is None for p in facing):
        return []
    points = [p for p in facing if p is not None]
    if any(not 0 < p < len(text) for p in points) or any(x >= y for x, y in itertools.pairwise(points)):
        return []
    pieces = [0, *points, len(text)]
    starts = [0, *bounds, len(joined)]
    for k in range(len(many)):
        piece = text[pieces[k] : pieces[k + 1]]
        if Indel.normalized_similarity(joined[starts[k] : starts[k + 1]], piece) < MIN_PIECE:
            return []
    cuts = [one.start + p for p in points]
    edges = [one.start, *cuts, one.end]
    spans = [doc.to_original(lo, hi) for lo, hi in itertools.pairwise(edges)]
    if any(x[1] > y[0] for x, y in itertools.pairwise(spans)):
        return []  # a normalization edit straddles a cut
    return cuts


def _facing(x: str, y: str, bounds: list[int]) -> list[int | None]:
    """For each position in ``x``, the position of ``y`` the character alignment puts against it."""
    out: list[int | None] = [None] * len(bounds)
    for op in Indel.opcodes(x, y):
        for k, p in enumerate(bounds):
            if out[k] is None and op.src_start <= p <= op.src_end and op.tag in ("equal", "delete"):
                out[k] = op.dest_start + (p - op.src_start if op.tag == "equal" else 0)
    return out


def _split(
    doc: Document, clauses: tuple[Clause, ...], cuts: dict[int, list[int]]
) -> tuple[tuple[Clause, ...], list[list[int]]]:
    """New clauses with the cut ones in pieces, and for each old index its new indices."""
    out: list[Clause] = []
    index_map: list[list[int]] = []
    text = doc.text
    for k, c in enumerate(clauses):
        first = len(out)
        if k not in cuts:  # most clauses: the same, or the same at a later index
            body = text[c.start : c.end]
            out.append(c if c.index == first and c.text == body else _moved(c, first, body))
            index_map.append([first])
            continue
        edges = [c.start, *cuts[k], c.end]
        for n, (lo, hi) in enumerate(itertools.pairwise(edges)):
            last = n == len(edges) - 2
            out.append(replace(c, index=len(out), start=lo, end=hi, text=text[lo:hi], cut=c.cut if last else False))
        index_map.append(list(range(first, len(out))))
    return tuple(out), index_map


def _moved(c: Clause, index: int, text: str) -> Clause:
    """``replace(c, index=index, text=text)``, built in bulk (`diffing.fast_values`)."""
    return new_clause(index, c.start, c.end, text, c.kind, c.place, c.cut)


def _row(a_text: str, b_text: str, i: int, j: int) -> Row:
    if a_text.replace(" ", "") == b_text.replace(" ", ""):
        return Row("equal", (i,), (j,), 1.0)
    return Row("modified", (i,), (j,), round(float(Indel.normalized_similarity(a_text, b_text)), 4))


def _renumber(row: Row, a_map: list[list[int]], b_map: list[list[int]]) -> Row:
    a = tuple(k for i in row.a for k in a_map[i])
    b = tuple(k for j in row.b for k in b_map[j])
    if a == row.a and b == row.b:
        return row
    if row.inline is None and not row.pinned:  # what `new_row` builds
        return new_row(row.op, a, b, row.similarity)
    return replace(row, a=a, b=b)
