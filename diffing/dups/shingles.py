"""Character shingles of a normalized text, hashed to stable 32-bit integers, and
cut into content-defined chunks (passages).

Rules:

* Shingles are cut from the **normalized** text (``Document.text``) after every
  character that is not a letter or a digit is dropped (punctuation, spaces,
  line breaks): two texts that differ only in punctuation or layout have the
  same shingles.
* A shingle is `K` consecutive characters; a text shorter than `K` has one
  shingle (the whole text), an empty text has none.
* Hashes are stable across processes, machines and runs (never Python's
  ``hash()``): a polynomial of the code points, mixed with the splitmix64
  finalizer and cut to 32 bits, so a Dask worker computes the same values.
* Chunks are content-defined: a chunk ends after a shingle whose hash is
  ``0 mod CHUNK_MODULUS``, once it holds `CHUNK_MIN` shingles (and always at
  `CHUNK_MAX`). The cut points depend only on the text around them, so a
  passage quoted in another document, in another place, is cut the same way
  and its chunks have the same shingles there.
* Sets of hashes are sorted arrays of distinct values.
"""

from __future__ import annotations

import re
from itertools import pairwise

import numpy as np
import numpy.typing as npt

__all__ = [
    "CHUNK_MAX",
    "CHUNK_MIN",
    "CHUNK_MODULUS",
    "Hashes",
    "K",
    "chunk_bounds",
    "chunk_sets",
    "shingle_hashes",
    "shingle_sequence",
    "shingle_text",
]

K = 5
"""Characters per shingle (5 Chinese characters: about two words)."""
CHUNK_MODULUS = 128
"""A shingle whose hash is 0 modulo this may end a chunk (one in 128 does)."""
CHUNK_MIN = 64
"""Fewest shingles in a chunk (a chunk of a ~200-character passage has ~190)."""
CHUNK_MAX = 1024
"""Most shingles in a chunk."""

Hashes = npt.NDArray[np.uint32]

_NOT_WORD = re.compile(r"[\W_]+")
_BASE = np.uint64(0x100000001B3)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def shingle_text(text: str) -> str:
    """The characters shingles are cut from: letters and digits only."""
    return _NOT_WORD.sub("", text)


def shingle_sequence(text: str, k: int = K) -> Hashes:
    """The hash of the shingle starting at each position of `shingle_text` (repeats kept)."""
    chars = shingle_text(text)
    if not chars:
        return np.empty(0, dtype=np.uint32)
    codes = np.frombuffer(chars.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    width = min(k, len(codes))
    count = len(codes) - width + 1
    h = np.zeros(count, dtype=np.uint64)
    for j in range(width):
        h = h * _BASE + codes[j : j + count]
    h ^= h >> np.uint64(30)
    h *= _MIX1
    h ^= h >> np.uint64(27)
    h *= _MIX2
    h ^= h >> np.uint64(31)
    return (h >> np.uint64(32)).astype(np.uint32)


def shingle_hashes(text: str, k: int = K) -> Hashes:
    """Distinct hashes of the ``k``-character shingles of ``text``, sorted."""
    return np.unique(shingle_sequence(text, k))


def chunk_bounds(
    sequence: Hashes,
    modulus: int = CHUNK_MODULUS,
    min_size: int = CHUNK_MIN,
    max_size: int = CHUNK_MAX,
) -> list[int]:
    """Where the content-defined chunks of a shingle sequence start, and its end: ``[0, …, n]``.

    A text with fewer than ``2 * min_size`` shingles is one chunk; a last piece
    shorter than ``min_size`` is joined to the chunk before it. An empty sequence has no chunks.
    """
    n = len(sequence)
    if n == 0:
        return []
    candidates = np.flatnonzero(sequence % np.uint32(modulus) == 0) + 1
    cuts: list[int] = []
    last = 0
    for end in candidates.tolist():
        while end - last > max_size:
            last += max_size
            cuts.append(last)
        if end - last >= min_size and n - end >= min_size:
            cuts.append(end)
            last = end
    while n - last > max_size:
        last += max_size
        cuts.append(last)
    return [0, *cuts, n]


def chunk_sets(sequence: Hashes) -> list[Hashes]:
    """The shingle set of each chunk (see `chunk_bounds`)."""
    bounds = chunk_bounds(sequence)
    return [np.unique(sequence[lo:hi]) for lo, hi in pairwise(bounds)]
