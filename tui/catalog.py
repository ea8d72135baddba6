"""What the Library lists: the store's documents and the files given on the command line.

Rules:

* An item is a plain value; the Library screen only shows, filters and
  marks items, and turns the chosen ones into sides to compare
  (`side_of`) — a store document compares as its latest version.
* Filtering is a case-insensitive substring match on the id, title and
  path, so typing part of a 文号 or a title finds the document. Query and
  texts are compared normalized (繁简, full/half width, `corpus.normalize`):
  ``生態`` finds 生态, ``３２１４`` finds 3214.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from corpus.store.values import DocumentInfo
from tui.sides import FileSide, Side, StoreSide

__all__ = ["LibraryItem", "filter_items", "library_items", "side_of"]


@dataclass(frozen=True)
class LibraryItem:
    """One document of the Library."""

    kind: Literal["store", "file"]
    key: str
    """The store id, or the file path as given."""
    title: str
    versions: int
    """Versions in the store (0 for a file)."""
    when: str
    """Date of the latest version (empty for a file)."""
    latest: int = 0
    """Number of the latest version (0 for a file); versions are numbered 1, 2, 3 … so it is ``versions``."""


def library_items(documents: Sequence[DocumentInfo], files: Sequence[str]) -> list[LibraryItem]:
    """The store's documents (by id), then the files in the order given."""
    items = [LibraryItem("store", d.doc_id, d.title, d.versions, d.when, d.versions) for d in documents]
    items += [LibraryItem("file", f, Path(f).name, 0, "") for f in files]
    return items


@functools.lru_cache(maxsize=4096)
def folded(text: str) -> str:
    """``text`` as the filter compares it: Simplified, half width, case-folded, spaces dropped."""
    from corpus.normalize import fold_width, to_simplified

    return "".join(fold_width(to_simplified(text).text).text.casefold().split())


def filter_items(items: Sequence[LibraryItem], query: str) -> list[LibraryItem]:
    """Items whose id, title or path holds ``query`` (all of them for an empty query), compared `folded`."""
    needle = folded(query)
    if not needle:
        return list(items)
    return [i for i in items if needle in folded(i.key) or needle in folded(i.title)]


def side_of(item: LibraryItem, store: Path | None) -> Side:
    """What to compare for ``item``: a file, or the latest version of a store document."""
    if item.kind == "file" or store is None:
        return FileSide(item.key)
    return StoreSide(store, item.key, item.latest)
