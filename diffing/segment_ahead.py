"""A long document read and segmented in a child while this process reads the other document.

Rules:

* `read_ahead` begins ``load(path)`` and `diffing.segment.segment` of its
  document in a child (`corpus.forked`) when ``path`` names a regular file of
  at least `AHEAD_BYTES`, and returns a function that gives the document and
  its clauses: the same document and the same clauses, equal field by field,
  as reading and segmenting here; when no child could start or the child
  failed, that function reads and segments here, so that an error is raised
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
"""

from __future__ import annotations

import os
import stat
from array import array
from collections.abc import Callable
from pathlib import PurePath
from typing import TypeAlias, get_args

from corpus.document import Document
from corpus.forked import start
from corpus.options import DEFAULT_OPTIONS, Options
from corpus.read import LEGACY_EXTENSIONS
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


def read_ahead(
    path: str, options: Options = DEFAULT_OPTIONS, max_size: int | None = None
) -> Callable[[], tuple[Document, tuple[Clause, ...]]]:
    """``load(path, options, max_size)`` and its clauses, begun in a child when ``path`` is a large regular file
    (see the module rules): call the result for both."""
    from corpus.pipeline import load

    if not reads_ahead(path):
        doc = load(path, options, max_size)
        clauses = segment_ahead(doc)
        return lambda: (doc, clauses())
    pending = start(_read, path, options, max_size)

    def read() -> tuple[Document, tuple[Clause, ...]]:
        doc, packed = pending.result()
        return doc, _unpacked(doc, packed)

    return read


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
