"""Clauses and rows built in bulk, without the frozen dataclass's ``__init__``.

Rules:

* A frozen dataclass's generated ``__init__`` sets each field through
  ``object.__setattr__``: about 1 µs of a clause's 2 µs. Segmentation builds a
  clause, and the aligner a row, for every clause of a document (235,000 in an
  11 MB pair). `new_clause` and `new_row` put the same fields, in the same
  order, in the new instance's ``__dict__``: the value is equal to the one the
  class builds, and hashes, prints, compares and pickles the same.
* They do so only for the plain frozen dataclasses they were written for (the
  same fields in the same order, no ``__post_init__``, no ``__slots__``);
  should `Clause` or `Row` change, they call the class instead (``FAST`` is
  False, and ``tests/diffing/test_fast_values.py`` says so).
* Other modules that build a frozen value in bulk (`diffing.articles`,
  `diffing.structure`) guard their builders with the same test, `plain`.
"""

from __future__ import annotations

from dataclasses import fields

from diffing.model import Clause, ClauseKind, Op, Row

__all__ = ["FAST", "new_clause", "new_row", "plain"]


def plain(cls: type, names: tuple[str, ...]) -> bool:
    """``cls`` is a plain dataclass of fields ``names`` (in this order, each set by ``__init__``), without
    ``__post_init__`` or ``__slots__``: an instance whose ``__dict__`` holds these fields, in this order,
    is the one the class builds."""
    return (
        tuple(f.name for f in fields(cls)) == names
        and all(f.init for f in fields(cls))
        and not hasattr(cls, "__post_init__")
        and not hasattr(cls, "__slots__")
    )


FAST = plain(Clause, ("index", "start", "end", "text", "kind", "place", "cut")) and plain(
    Row, ("op", "a", "b", "similarity", "inline", "pinned")
)
"""Whether the classes are still the plain frozen dataclasses that `new_clause` and `new_row` fill."""
_new = object.__new__


def new_clause(index: int, start: int, end: int, text: str, kind: ClauseKind, place: str, cut: bool) -> Clause:
    """``Clause(index, start, end, text, kind, place, cut)``."""
    if not FAST:
        return Clause(index, start, end, text, kind, place, cut)
    clause: Clause = _new(Clause)
    clause.__dict__.update(index=index, start=start, end=end, text=text, kind=kind, place=place, cut=cut)
    return clause


def new_row(op: Op, a: tuple[int, ...], b: tuple[int, ...], similarity: float) -> Row:
    """``Row(op, a, b, similarity)`` (no inline parts, not pinned)."""
    if not FAST:
        return Row(op, a, b, similarity)
    row: Row = _new(Row)
    row.__dict__.update(op=op, a=a, b=b, similarity=similarity, inline=None, pinned=False)
    return row
