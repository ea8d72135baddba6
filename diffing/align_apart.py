"""A large pair aligned in a child while this process builds what each document has of its own.

Rules:

* A document's **own values** are those that read no alignment: its clauses'
  original spans (`diffing.model.Diff.a_original`), its outline of articles
  without borrowed breaks (`diffing.articles.outline`), the outline built on
  that (`diffing.structure.document_outline`) and its clauses' places
  (`diffing.places.clause_places`).
* `align_apart` runs `diffing.align.align` in a child (`corpus.forked`) for a
  pair of at least `APART` clauses a side and builds both documents' own values
  meanwhile; the child sends the rows packed (ops, clause indices and
  similarities in arrays, about a tenth of what the rows pickle to), rebuilt
  here with `diffing.fast_values`: the same rows as aligning here. Without a
  child (a smaller pair, a process with threads, a failed fork) it aligns
  here and builds nothing ahead. A caller's work on the own values (the JSON
  report encodes both outlines) is done meanwhile too, when the child is
  still aligning once they are built: after it, that work would leave the
  other core idle (1.3 s on a 45 MB page), and the caller does it later,
  beside other work.
* The child can be started before the clauses of A exist here (`begin`): a
  document read in a child (`diffing.segment_ahead`) arrives packed, and
  rebuilding its clauses took a second on a 45 MB page; the aligning child
  rebuilds them for itself while this process does the same.
* `Own.give` caches them in a diff of the very clauses they were built for
  (the same tuples: `diffing.glue` makes new ones when it cuts a clause), as
  that diff's properties would build them: the outlines are the ones
  `diffing.articles.outlines` makes of them (a side that borrows the other's
  breaks is built again, with its outline and places).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain

from corpus.document import Document
from corpus.forked import Pending, start
from diffing.align import align
from diffing.articles import Outline, outline, outlines
from diffing.fast_values import new_row
from diffing.model import Clause, Diff, Row, original_spans
from diffing.places import clause_places
from diffing.structure import Unit, document_outline
from diffing.vocabulary import OPS

__all__ = ["APART", "Begun", "Own", "align_apart", "apart", "begin"]

APART = 20_000
"""The fewest clauses on each side of a pair aligned in a child (`apart`): below, forking and sending the rows
back cost about what building the outlines beside saves (a 1 MB pair has some 6,000 a side; a long text
against a short one aligns in no time)."""


def apart(a_count: int, b_count: int) -> bool:
    """Whether a pair of ``a_count`` and ``b_count`` clauses is aligned in a child (`APART`)."""
    return min(a_count, b_count) >= APART

_Packed = tuple[bytes, "array[int]", "array[int]", "array[int]", "array[int]", "array[float]"]
"""Rows: ops (indices in `OPS`), A and B lengths, A and B clause indices (flat), similarities."""
Begun = Pending[_Packed]
"""An alignment begun in a child before `align_apart` was called (`begin`)."""


@dataclass(frozen=True)
class Own:
    """Both documents' own values (see the module's rules), for the clauses ``clauses``."""

    clauses: tuple[tuple[Clause, ...], tuple[Clause, ...]]
    original: tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]
    laws: tuple[Outline, Outline]
    units: tuple[tuple[Unit, ...], tuple[Unit, ...]]
    places: tuple[tuple[str, ...], tuple[str, ...]]

    def give(self, diff: Diff) -> None:
        """Cache these values in ``diff`` when it holds the very clauses they were built for (module rules)."""
        if diff.a_clauses is not self.clauses[0] or diff.b_clauses is not self.clauses[1]:
            return
        diff.__dict__.update(a_original=self.original[0], b_original=self.original[1])
        laws = outlines(diff, self.laws)
        units = tuple(self.units[k] if laws[k] is self.laws[k] else document_outline(laws[k]) for k in range(2))
        places = tuple(
            self.places[k] if laws[k] is self.laws[k] else clause_places(laws[k], units[k]) for k in range(2)
        )
        diff.__dict__.update(outlines=laws, document_outlines=units, places=places)


def begin(make_a: Callable[..., tuple[Clause, ...]], args: tuple[object, ...], b_clauses: tuple[Clause, ...]) -> Begun:
    """The alignment of ``make_a(*args)`` with ``b_clauses`` begun in a child, for `align_apart`'s ``begun``:
    ``make_a`` makes A's clauses there (`diffing.segment_ahead` rebuilds them from what a reading child sent,
    in that child and in this process at once)."""
    return start(_made_aligned, make_a, args, b_clauses)


def _made_aligned(
    make_a: Callable[..., tuple[Clause, ...]], args: tuple[object, ...], b_clauses: tuple[Clause, ...]
) -> _Packed:
    return _aligned(make_a(*args), b_clauses)


def align_apart(
    a: Document,
    b: Document,
    a_clauses: tuple[Clause, ...],
    b_clauses: tuple[Clause, ...],
    then: Callable[[Own], object] | None = None,
    begun: Begun | None = None,
) -> tuple[list[Row], Own | None]:
    """``align(a_clauses, b_clauses)`` and, when a child aligned them, both documents' own values (module
    rules), which ``then`` was given if the child still aligned once they were built. ``begun``: that alignment
    begun already (`begin`), of clauses equal to these, field by field."""
    if begun is None and not apart(len(a_clauses), len(b_clauses)):
        return align(a_clauses, b_clauses), None
    pending = start(_aligned, a_clauses, b_clauses) if begun is None else begun
    if not pending.forked:
        pending.cancel()
        return align(a_clauses, b_clauses), None
    try:
        own = _own(a, b, a_clauses, b_clauses)
        if then is not None and not pending.done:
            then(own)
        rows = _unpacked(pending.result())
    finally:
        pending.cancel()
    return rows, own


def _own(a: Document, b: Document, a_clauses: tuple[Clause, ...], b_clauses: tuple[Clause, ...]) -> Own:
    original = (original_spans(a, a_clauses), original_spans(b, b_clauses))
    laws = (outline(a, a_clauses, original[0]), outline(b, b_clauses, original[1]))
    units = (document_outline(laws[0]), document_outline(laws[1]))
    places = (clause_places(laws[0], units[0]), clause_places(laws[1], units[1]))
    return Own((a_clauses, b_clauses), original, laws, units, places)


def _aligned(a_clauses: tuple[Clause, ...], b_clauses: tuple[Clause, ...]) -> _Packed:
    """The child's work: the rows, packed."""
    rows = align(a_clauses, b_clauses)
    op = {name: k for k, name in enumerate(OPS)}
    return (
        bytes(op[r.op] for r in rows),
        array("q", (len(r.a) for r in rows)),
        array("q", (len(r.b) for r in rows)),
        array("q", chain.from_iterable(r.a for r in rows)),
        array("q", chain.from_iterable(r.b for r in rows)),
        array("d", (r.similarity for r in rows)),
    )


def _unpacked(packed: _Packed) -> list[Row]:
    """The rows `_aligned` packed."""
    ops, a_lengths, b_lengths, a_flat, b_flat, similarities = packed
    a_all, b_all = a_flat.tolist(), b_flat.tolist()
    out: list[Row] = []
    i = j = 0
    for op, na, nb, sim in zip(ops, a_lengths, b_lengths, similarities, strict=True):
        out.append(new_row(OPS[op], tuple(a_all[i : i + na]), tuple(b_all[j : j + nb]), sim))
        i += na
        j += nb
    return out
