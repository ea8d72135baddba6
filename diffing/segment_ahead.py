"""A long document read and segmented in a child while this process reads the other document.

Rules:

* `read_ahead` begins ``load(path)`` and `diffing.segment.segment` of its
  document in a child (`corpus.forked`) when ``path`` names a regular file of
  at least `AHEAD_BYTES`, and returns an `Ahead`, which, called, gives the
  document and its clauses: the same document and the same clauses, equal
  field by field, as reading and segmenting here; when no child could start or
  the child failed, it reads and segments here, so that an error is raised
  here exactly as without a child (`corpus.forked`'s rules). Standard input,
  a device or a pipe is read here, now, and so is a file another program reads
  (LibreOffice for .doc, .wps, .rtf and .odt; the PDF reader's own child; and
  .ofd with them): those children are stopped, and their files removed, by
  this process's handlers of Ctrl+C and SIGTERM (`corpus.soffice`).
* `segment_ahead` does the same for a document already read: segmentation
  only, for a document of at least `AHEAD_CHARS` characters.
* Below those sizes, starting a child and sending the result back cost what
  they save.
* The child sends each clause as its bounds, kind, place and cut (a clause's
  text is the document's text between its bounds): about a tenth of what the
  clauses themselves pickle to, rebuilt here with `diffing.fast_values`.
* Rebuilding them took a second on a 45 MB page, while the other core had
  nothing to do. For a pair aligned in a child (`diffing.align_apart.apart`),
  `Ahead.with_alignment` begins that child first (`diffing.align_apart.begin`),
  with the packed clauses, and it rebuilds them for itself while this process
  does: the same clauses, and the same rows as aligning them here.
"""

from __future__ import annotations

import os
import stat
from array import array
from collections.abc import Callable
from pathlib import PurePath
from typing import TypeAlias, get_args

from corpus.document import Document
from corpus.forked import Pending, start
from corpus.options import DEFAULT_OPTIONS, Options
from corpus.read import LEGACY_EXTENSIONS
from diffing.align_apart import Begun, apart, begin
from diffing.fast_values import new_clause
from diffing.model import Clause, ClauseKind
from diffing.segment import segment

__all__ = ["AHEAD_BYTES", "AHEAD_CHARS", "read_ahead", "reads_ahead", "segment_ahead"]

AHEAD_CHARS = 200_000
"""The shortest document segmented in a child (a 1 MB law of 330 k characters takes 60 ms to segment)."""
AHEAD_BYTES = 150_000
"""The smallest file read and segmented in a child (pair 10's A, 300 kB, takes 45 ms to read and segment)."""

_READ_BY_OTHERS = LEGACY_EXTENSIONS | {".pdf", ".ofd"}
_KINDS: tuple[ClauseKind, ...] = get_args(ClauseKind)

_Packed: TypeAlias = "tuple[array[int], array[int], bytes, bytes, tuple[str, ...]]"
"""The clauses of a document: starts, ends, kinds (indices in `_KINDS`), cuts (0 or 1), places."""


class Ahead:
    """A document being read (`read_ahead`): call it for the document and its clauses, or take them with the
    alignment against the other document's clauses begun (`with_alignment`)."""

    def __init__(self, path: str, options: Options, max_size: int | None) -> None:
        from corpus.pipeline import load

        self._pending: Pending[tuple[Document, _Packed]] | None = None
        self._here: Callable[[], tuple[Document, tuple[Clause, ...]]] | None = None
        if reads_ahead(path):
            self._pending = start(_read, path, options, max_size)
        else:
            doc = load(path, options, max_size)
            clauses = segment_ahead(doc)
            self._here = lambda: (doc, clauses())

    def __call__(self) -> tuple[Document, tuple[Clause, ...]]:
        doc, clauses, _ = self.with_alignment(None)
        return doc, clauses

    def with_alignment(
        self, b_clauses: tuple[Clause, ...] | None
    ) -> tuple[Document, tuple[Clause, ...], Begun | None]:
        """The document, its clauses and, when the pair with ``b_clauses`` is aligned in a child
        (`diffing.align_apart.apart`) and the clauses came packed from the reading child, that child begun before
        they are rebuilt here: it rebuilds them for itself meanwhile (module rules)."""
        if self._pending is None:
            assert self._here is not None
            doc, clauses = self._here()
            return doc, clauses, None
        doc, packed = self._pending.result()
        aligned = None
        if b_clauses is not None and apart(len(packed[0]), len(b_clauses)):
            aligned = begin(_unpacked, (doc, packed), b_clauses)
        return doc, _unpacked(doc, packed), aligned


def read_ahead(path: str, options: Options = DEFAULT_OPTIONS, max_size: int | None = None) -> Ahead:
    """``load(path, options, max_size)`` and its clauses, begun in a child when ``path`` is a large regular file
    (see the module rules)."""
    return Ahead(path, options, max_size)


def reads_ahead(path: str) -> bool:
    """Whether `read_ahead` reads ``path`` in a child: a regular file of at least `AHEAD_BYTES` that this process
    would read itself."""
    if path == "-" or PurePath(path).suffix.lower() in _READ_BY_OTHERS:
        return False
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return False  # read here, where the error is reported
    return stat.S_ISREG(info.st_mode) and info.st_size >= AHEAD_BYTES


def _read(path: str, options: Options, max_size: int | None) -> tuple[Document, _Packed]:
    """The child's work: the document at ``path`` and its clauses, packed."""
    from corpus.pipeline import load

    doc = load(path, options, max_size)
    return doc, _packed(doc)


def segment_ahead(doc: Document) -> Callable[[], tuple[Clause, ...]]:
    """``segment(doc)``, begun in a child when ``doc`` is long (see the module rules): call the result for the
    clauses."""
    if len(doc.text) < AHEAD_CHARS:
        return lambda: segment(doc)
    pending = start(_packed, doc)
    return lambda: _unpacked(doc, pending.result())


def _packed(doc: Document) -> _Packed:
    """``doc``'s clauses, packed."""
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
