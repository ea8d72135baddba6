"""What the app compares: each side says where its text comes from, and is read only in a worker.

Rules:

* A side is a small frozen value (a file path, a store version, a text
  already in memory, or a passage of one of those); ``read()`` turns it into
  a `corpus.document.Source` and is called from a worker thread, never from
  the UI thread.
* Reading errors are `corpus.errors.WendiffError` values with one-line
  messages (the app shows them as notifications).
* Normalization is not part of a side: a `CompareRequest` carries the
  `Options`, so toggling a switch re-runs the pipeline on the same sources;
  it carries the reviewer's pins too, kept (`CompareRequest.keep_pins`) in a
  file beside B for two files on disk, in the store for two store versions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from corpus.document import Source
from corpus.options import DEFAULT_OPTIONS, Options

if TYPE_CHECKING:
    from corpus.store import Store, Version
    from diffing.pins import Pin

__all__ = ["CompareRequest", "FileSide", "PassageSide", "Side", "StoreSide", "TextSide"]


@dataclass(frozen=True)
class FileSide:
    """A file on disk."""

    path: str
    max_size: int | None = None
    """Largest size read (None: the reader's default)."""
    strict_decode: bool = False
    """Refuse a text with any invalid byte sequence (else a few are read as U+FFFD)."""

    @property
    def label(self) -> str:
        return self.path

    def read(self) -> Source:
        from corpus.read import DEFAULT_MAX_SIZE, read_source

        limit = DEFAULT_MAX_SIZE if self.max_size is None else self.max_size
        return read_source(self.path, limit, strict_decode=self.strict_decode)


@dataclass(frozen=True)
class StoreSide:
    """One version of a document in a version store."""

    store: Path
    doc_id: str
    number: int
    """Version number (from 1)."""

    @property
    def label(self) -> str:
        return f"{self.doc_id}@{self.number}"

    def version_in(self, store: Store) -> Version:
        """This side's version record in the open ``store``."""
        from corpus.store import Rev

        return store.version(self.doc_id, Rev("number", self.number))

    def read(self) -> Source:
        from corpus.read import source_from_bytes
        from corpus.store import Rev, Store

        with Store.open(self.store, create=False) as store:
            version = store.version(self.doc_id, Rev("number", self.number))
            data = store.original(version)
        return source_from_bytes(f"{self.label}{PurePath(version.name).suffix}", data)


@dataclass(frozen=True)
class TextSide:
    """A text already read (a passage of a document, a sample split in two)."""

    source: Source

    @property
    def label(self) -> str:
        return self.source.name

    def read(self) -> Source:
        return self.source


@dataclass(frozen=True)
class PassageSide:
    """A passage of another side: its original text from ``start`` to ``end``."""

    base: FileSide | StoreSide | TextSide
    start: int
    end: int
    """Offsets in the base's original (decoded) text, as the duplicate finder gives them."""
    name: str
    """What the passage is called (e.g. ``渝规资〔2021〕428号 copy 2``)."""

    @property
    def label(self) -> str:
        return self.name

    def read(self) -> Source:
        from corpus.errors import InputError
        from corpus.read import source_from_bytes

        text = self.base.read().text
        if not 0 <= self.start <= self.end <= len(text):
            raise InputError(self.base.label, f"has changed: no passage at {self.start}-{self.end} any more")
        return source_from_bytes(self.name, text[self.start : self.end].encode("utf-8"))


Side = FileSide | StoreSide | TextSide | PassageSide


@dataclass(frozen=True)
class CompareRequest:
    """Two sides and the normalization to compare them with."""

    a: Side
    b: Side
    options: Options = DEFAULT_OPTIONS
    pins: tuple[Pin, ...] = ()
    """The reviewer's pins (`diffing.pins`), applied by the compare."""

    def swapped(self) -> CompareRequest:
        """B against A (each pin too)."""
        return replace(self, a=self.b, b=self.a, pins=tuple(replace(p, a=p.b, b=p.a) for p in self.pins))

    def sidecar(self) -> Path | None:
        """The pins file kept beside B when both sides are files on disk (None otherwise)."""
        if isinstance(self.a, FileSide) and isinstance(self.b, FileSide):
            b = Path(self.b.path)
            return b.with_name(b.name + ".wendiff-pins.json")
        return None

    def kept_pins(self) -> tuple[Pin, ...]:
        """The pins kept for these two sides: the sidecar file beside B for two files on disk, the store
        for two versions of one store (`corpus.store.Store.pins`); none when none are kept. A file or
        record that is not a pins file is an `InputError` naming it."""
        from diffing.pins import load_pins, pins_of_bytes

        sidecar = self.sidecar()
        if sidecar is not None:
            return load_pins(sidecar) if sidecar.is_file() else ()
        pair = self._store_pair()
        if pair is None:
            return ()
        from corpus.store import Store

        a, b = pair
        with Store.open(a.store, create=False) as store:
            data = store.pins(a.version_in(store), b.version_in(store))
        return () if data is None else pins_of_bytes(data, f"{a.store} (pins of {a.label} vs {b.label})")

    def keep_pins(self) -> str:
        """Keep this request's pins where `kept_pins` reads them; where that is (`OSError` or
        `corpus.errors.WendiffError` when it cannot be written; `ValueError` when there is no such place)."""
        from diffing.pins import dump_pins

        data = dump_pins(self.pins)
        sidecar = self.sidecar()
        if sidecar is not None:
            sidecar.write_text(data, encoding="utf-8")
            return str(sidecar)
        pair = self._store_pair()
        if pair is None:
            raise ValueError("pins are kept for two files on disk or two versions of one store")
        from corpus.store import Store

        a, b = pair
        with Store.open(a.store, create=False) as store:
            store.save_pins(a.version_in(store), b.version_in(store), data.encode("utf-8") if self.pins else None)
        return f"the store {a.store}"

    def _store_pair(self) -> tuple[StoreSide, StoreSide] | None:
        if isinstance(self.a, StoreSide) and isinstance(self.b, StoreSide) and self.a.store == self.b.store:
            return self.a, self.b
        return None

    def with_options(self, options: Options) -> CompareRequest:
        return replace(self, options=options)
