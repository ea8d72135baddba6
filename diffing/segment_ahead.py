"""A long document's clauses segmented in a child while this process reads the other document.

Rules:

* `segment_ahead` begins `diffing.segment.segment` of a document in a child
  (`corpus.forked`) and returns a function that gives its clauses: the same
  clauses, equal field by field, as ``segment(doc)`` here; when no child could
  start or the child failed, that function segments here (`corpus.forked`'s
  rules: a child never changes an outcome).
* Only a document of at least `AHEAD_CHARS` characters is segmented ahead:
  below that, starting a child and sending the clauses back cost what they save.
* The child sends each clause as its bounds, kind, place and cut (a clause's
  text is the document's text between its bounds): about a tenth of what the
  clauses themselves pickle to, rebuilt here with `diffing.fast_values`.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import TypeAlias, get_args

from corpus.document import Document
from corpus.forked import start
from diffing.fast_values import new_clause
from diffing.model import Clause, ClauseKind
from diffing.segment import segment

__all__ = ["AHEAD_CHARS", "segment_ahead"]

AHEAD_CHARS = 200_000
"""The shortest document segmented in a child (a 1 MB law of 330 k characters takes 60 ms to segment)."""

_KINDS: tuple[ClauseKind, ...] = get_args(ClauseKind)

_Packed: TypeAlias = "tuple[array[int], array[int], bytes, bytes, tuple[str, ...]]"
"""The clauses of a document: starts, ends, kinds (indices in `_KINDS`), cuts (0 or 1), places."""


def segment_ahead(doc: Document) -> Callable[[], tuple[Clause, ...]]:
    """``segment(doc)``, begun in a child when ``doc`` is long (see the module rules): call the result for the
    clauses."""
    if len(doc.text) < AHEAD_CHARS:
        return lambda: segment(doc)
    pending = start(_packed, doc)
    return lambda: _unpacked(doc, pending.result())


def _packed(doc: Document) -> _Packed:
    """The child's work: ``doc``'s clauses, packed."""
    clauses = segment(doc)
    kind = {k: n for n, k in enumerate(_KINDS)}
    return (
        array("q", (c.start for c in clauses)),
        array("q", (c.end for c in clauses)),
        bytes(kind[c.kind] for c in clauses),
        bytes(c.cut for c in clauses),
        tuple(c.place for c in clauses),
    )


def _unpacked(doc: Document, packed: _Packed) -> tuple[Clause, ...]:
    """The clauses `_packed` packed."""
    starts, ends, kinds, cuts, places = packed
    text, names = doc.text, _KINDS
    return tuple(
        new_clause(i, s, e, text[s:e], names[k], place, bool(cut))
        for i, (s, e, k, cut, place) in enumerate(zip(starts, ends, kinds, cuts, places, strict=True))
    )
