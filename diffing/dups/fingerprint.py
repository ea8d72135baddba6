"""One document's fingerprint: everything the duplicate finder keeps of it.

Rules:

* A fingerprint is small and fixed in size whatever the document's length
  (bar its chunks' keys and its repeats): a digest of the normalized text, a
  bottom-k MinHash sketch of all its shingles, the LSH band keys of its chunks. The document itself is
  dropped; verification reads the file again.
* Repeats inside the document are found here, while the document is loaded.
* A bad input has no fingerprint but a `Skipped` with its one-line problem
  (`corpus.errors.InputError`); the run goes on.
* Pure: `fingerprint_document` depends only on the document, so a Dask worker
  computes the same fingerprint.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from corpus.document import Document
from diffing.dups.minhash_index import Keys, LshParams, band_keys, bottom_k, range_signatures
from diffing.dups.repeats import Repeat, find_repeats
from diffing.dups.reuse import one_line
from diffing.dups.shingles import Hashes, chunk_bounds, shingle_sequence, shingle_text
from diffing.segment import segment

__all__ = [
    "CHUNK_PARAMS",
    "DocInfo",
    "Fingerprint",
    "Skipped",
    "fingerprint_document",
]

CHUNK_PARAMS = LshParams(num_perm=32, bands=8, rows=4)
"""Signature and bands of each chunk: chunks with Jaccard 0.8 meet with probability 0.985."""


@dataclass(frozen=True)
class DocInfo:
    """What a report says about an input document."""

    name: str
    sha256: str
    encoding: str
    length: int
    """Length of the decoded original text, in code points."""
    format: str = "text"
    """How the text was obtained (`corpus.document.Source.format`)."""
    warnings: tuple[str, ...] = ()
    """What the reader must know about how the text was read (`Source.warnings`): invalid byte
    sequences read as U+FFFD, scanned pages left out."""
    decode_errors: dict[str, int] | None = None
    """Their count and first offsets, as the report gives them."""


@dataclass(frozen=True)
class Fingerprint:
    """The duplicate finder's memory of one document."""

    index: int
    """Position of the document among the inputs."""
    name: str
    """The input's name."""
    info: DocInfo
    content: str
    """Digest of the normalized text: equal digests are exact duplicates."""
    size: int
    """Distinct shingles of the whole document."""
    chars: int
    """Letters and digits of the normalized text."""
    clauses: int
    """Number of clauses."""
    extent: tuple[int, int]
    """Original span of the whole normalized text (boilerplate around it left out)."""
    sketch: Hashes
    """Bottom-k MinHash sketch of all shingles (empty for a document without letters or digits)."""
    keys: Keys
    """LSH band keys of all chunks (`CHUNK_PARAMS`)."""
    repeats: tuple[Repeat, ...]
    excerpt: str = ""
    """The start of the normalized text, on one line."""


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read."""

    index: int
    path: str
    problem: str
    """The one-line problem, naming the file."""


def fingerprint_document(index: int, path: str, doc: Document) -> Fingerprint:
    """The fingerprint of a loaded document."""
    source = doc.source
    errors = source.decode_errors
    info = DocInfo(
        source.name, source.sha256, source.encoding, len(source.text), source.format,
        source.warnings(), errors.as_report() if errors else None,
    )  # fmt: skip
    clauses = segment(doc)
    sequence = shingle_sequence(doc.text)
    whole = np.unique(sequence)
    bounds = chunk_bounds(sequence)
    keys = (
        band_keys(range_signatures(sequence, bounds, CHUNK_PARAMS), CHUNK_PARAMS)
        if bounds
        else np.empty(0, dtype=np.uint64)
    )
    content = hashlib.blake2b(doc.text.encode("utf-8"), digest_size=16).hexdigest()
    repeats = tuple(find_repeats(doc, clauses))
    extent = doc.to_original(0, len(doc.text))
    chars = len(shingle_text(doc.text))
    return Fingerprint(
        index, path, info, content, len(whole), chars, len(clauses), extent, bottom_k(whole), keys, repeats,
        one_line(doc.text),
    )  # fmt: skip
