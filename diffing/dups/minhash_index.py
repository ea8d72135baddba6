"""MinHash signatures and LSH band keys: which documents are worth comparing.

Rules:

* Every function here is pure and works on plain values (numpy arrays, ints),
  so a Dask engine runs the same code on workers: ``range_signatures`` and
  ``band_keys`` per document, ``candidate_pairs`` over (key, owner) columns
  (or per group of equal keys after a shuffle).
* Signatures are the values of datasketch's ``MinHash`` (scheme ``affine32``)
  over the stable shingle hashes of `diffing.dups.shingles`, computed here
  with numpy alone: the permutations are drawn as datasketch draws them
  (`permutations`: numpy's legacy ``RandomState``, whose stream numpy keeps
  frozen), and each hash is pre-mixed as datasketch does. datasketch itself
  is not a dependency; a test holds the values equal to its own. The same
  `LshParams` give the same signature on any machine.
* A band key is one 64-bit hash of the band's number and its values, so the
  keys of all bands share one column and two bands (almost) never collide; the
  index is two flat arrays (keys, owners), a few bytes per band, whatever the
  size of the documents.
* LSH only proposes candidates; nothing is reported before the candidate is
  verified by alignment (`diffing.dups.verify`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt

from diffing.dups.shingles import Hashes

__all__ = [
    "BOTTOM_K",
    "Keys",
    "LshParams",
    "Signature",
    "band_keys",
    "bottom_k",
    "candidate_pairs",
    "containments",
    "estimate_containment",
    "estimate_jaccard",
    "permutations",
    "range_signatures",
    "sketch_containment",
    "sketch_jaccard",
    "sketch_jaccards",
]

Signature = npt.NDArray[np.uint32]
Keys = npt.NDArray[np.uint64]

BOTTOM_K = 128
"""Size of a document's bottom-k sketch."""
_BLOCK = 16384
"""Hashes permuted at once (a block of 16384 x 128 values is 8 MB)."""

_BAND = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xFF51AFD7ED558CCD)


@dataclass(frozen=True)
class LshParams:
    """How signatures are made and cut into bands."""

    num_perm: int = 32
    """Permutations (values) per signature."""
    bands: int = 8
    """Bands per signature; two chunks are candidates when one band is equal."""
    rows: int = 4
    """Values per band."""
    seed: int = 1
    """Seed of the permutations."""

    def __post_init__(self) -> None:
        if not 0 < self.bands * self.rows <= self.num_perm:
            raise ValueError(f"{self.bands} bands of {self.rows} rows do not fit {self.num_perm} values")

    @property
    def threshold(self) -> float:
        """Jaccard similarity at which a pair becomes a candidate with probability about 1/2."""
        return float((1.0 / self.bands) ** (1.0 / self.rows))

    def probability(self, jaccard: float) -> float:
        """Chance that a pair with this Jaccard similarity becomes a candidate."""
        return float(1.0 - (1.0 - jaccard**self.rows) ** self.bands)


@functools.cache
def permutations(num_perm: int, seed: int) -> tuple[Signature, Signature]:
    """The ``affine32`` permutations ``h -> a*h + b mod 2**32`` of datasketch's ``MinHash(num_perm, seed)``.

    Drawn as datasketch 2 draws them: from ``RandomState(seed)``, first the odd
    multipliers ``a``, then the offsets ``b``.
    """
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    a.setflags(write=False)
    b.setflags(write=False)
    return a, b


def range_signatures(sequence: Hashes, bounds: Sequence[int], params: LshParams) -> npt.NDArray[np.uint32]:
    """The MinHash signature of the set of hashes in each range ``sequence[bounds[i]:bounds[i+1]]``.

    Row ``i`` is datasketch's ``MinHash(num_perm, seed, scheme="affine32")`` of the distinct
    values of the range (MurmurHash3 finalizer, then ``a*h + b`` modulo 2**32, the minimum of
    each permutation), computed for all ranges at once, `_BLOCK` hashes at a time.
    """
    a, b = permutations(params.num_perm, params.seed)
    out = np.empty((len(bounds) - 1, params.num_perm), dtype=np.uint32)
    k = 0
    while k < len(bounds) - 1:
        first = k  # ranges first .. k-1 go into one block
        k += 1
        while k < len(bounds) - 1 and bounds[k + 1] - bounds[first] <= _BLOCK:
            k += 1
        lo, hi = bounds[first], bounds[k]
        if hi - lo <= _BLOCK:
            permuted = _fmix32(sequence[lo:hi])[:, None] * a + b
            starts = np.asarray(bounds[first:k], dtype=np.intp) - lo
            out[first:k] = np.minimum.reduceat(permuted, starts, axis=0)
        else:  # one range longer than a block: a running minimum
            low = np.full(params.num_perm, np.uint32(0xFFFFFFFF), dtype=np.uint32)
            for start in range(lo, hi, _BLOCK):
                block = _fmix32(sequence[start : min(hi, start + _BLOCK)])[:, None] * a + b
                low = np.minimum(low, block.min(axis=0))
            out[first] = low
    return out


def _fmix32(h: Hashes) -> Hashes:
    """datasketch's pre-mix of 32-bit input hashes (the MurmurHash3 finalizer)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def band_keys(sigs: npt.NDArray[np.uint32], params: LshParams) -> Keys:
    """64-bit band keys: one per band of a signature, or of each row of a matrix of signatures.

    A key is a stable hash of the band's number and values (row after row, band after band).
    """
    rows = np.atleast_2d(sigs)[:, : params.bands * params.rows].astype(np.uint64)
    rows = rows.reshape(-1, params.bands, params.rows)
    h = np.broadcast_to(np.arange(params.bands, dtype=np.uint64) * _BAND, rows.shape[:2]).copy()
    for j in range(params.rows):
        h = (h ^ rows[:, :, j]) * _MIX
        h ^= h >> np.uint64(29)
    return h.reshape(-1)


def bottom_k(hashes: Hashes, k: int = BOTTOM_K) -> Hashes:
    """The ``k`` smallest of a sorted set of hashes: a bottom-k MinHash sketch of the set."""
    return hashes[:k].copy()


def sketch_jaccard(a: Hashes, b: Hashes, k: int = BOTTOM_K) -> float:
    """Jaccard similarity estimated from two bottom-k sketches (shingle hashes are already random)."""
    union = np.union1d(a, b)[:k]
    if len(union) == 0:
        return 0.0
    shared = np.intersect1d(a, b, assume_unique=True)
    return float(np.count_nonzero(np.isin(union, shared, assume_unique=True))) / len(union)


_PAIRS_AT_ONCE = 16384
"""Pairs `sketch_jaccards` estimates in one numpy step (memory: 2 × `BOTTOM_K` × 8 bytes each)."""


def sketch_jaccards(
    sketches: Sequence[Hashes], pairs: npt.NDArray[np.int64], k: int = BOTTOM_K
) -> npt.NDArray[np.float64]:
    """`sketch_jaccard` of each pair ``(i, j)`` of ``sketches``, all at once (the same values, vectorized).

    Each row holds both sketches, padded with values above any 32-bit hash (distinct on each side,
    so a pad is never shared), sorted: a shared hash is two equal neighbours; the union's ``k``
    smallest are the first ``k`` distinct values.
    """
    out = np.zeros(len(pairs), dtype=np.float64)
    if len(pairs) == 0:
        return out
    pad = np.uint64(1 << 32)
    matrix = np.empty((len(sketches), 2, k), dtype=np.uint64)
    matrix[:, 0, :] = pad + np.arange(k, dtype=np.uint64)
    matrix[:, 1, :] = pad + np.uint64(k) + np.arange(k, dtype=np.uint64)
    for n, sketch in enumerate(sketches):
        matrix[n, :, : len(sketch[:k])] = sketch[:k]
    for lo in range(0, len(pairs), _PAIRS_AT_ONCE):
        part = pairs[lo : lo + _PAIRS_AT_ONCE]
        rows = np.sort(np.concatenate([matrix[part[:, 0], 0], matrix[part[:, 1], 1]], axis=1), axis=1)
        new = np.ones(rows.shape, dtype=bool)
        new[:, 1:] = rows[:, 1:] != rows[:, :-1]
        rank = np.cumsum(new, axis=1)
        shared = np.count_nonzero(~new & (rank <= k), axis=1)
        union = np.minimum(k, np.count_nonzero(new & (rows < pad), axis=1))
        out[lo : lo + len(part)] = np.divide(shared, union, out=np.zeros(len(part)), where=union > 0)
    return out


def containments(jaccards: npt.NDArray[np.float64], size_a: npt.NDArray[np.int64], size_b: npt.NDArray[np.int64]
                 ) -> npt.NDArray[np.float64]:  # fmt: skip
    """`sketch_containment` from Jaccard estimates and set sizes, vectorized (the same formula)."""
    smaller = np.minimum(size_a, size_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.minimum(1.0, jaccards * (size_a + size_b) / ((1.0 + jaccards) * smaller))
    return np.where(smaller == 0, 0.0, value)


def sketch_containment(a: Hashes, b: Hashes, size_a: int, size_b: int, k: int = BOTTOM_K) -> float:
    """Estimated share of the smaller set that is also in the other one, from bottom-k sketches."""
    j = sketch_jaccard(a, b, k)
    smaller = min(size_a, size_b)
    if smaller == 0:
        return 0.0
    return min(1.0, j * (size_a + size_b) / ((1.0 + j) * smaller))


def estimate_jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)


def estimate_containment(a: Signature, b: Signature, size_a: int, size_b: int) -> float:
    """Estimated share of the smaller set that is also in the other one."""
    j = estimate_jaccard(a, b)
    smaller = min(size_a, size_b)
    if smaller == 0:
        return 0.0
    return min(1.0, j * (size_a + size_b) / ((1.0 + j) * smaller))


def candidate_pairs(keys: Keys, owners: npt.NDArray[np.int64], max_bucket: int = 64) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of different owners that share a key.

    ``keys[n]`` belongs to ``owners[n]``. A bucket with more than ``max_bucket``
    distinct owners (a boilerplate passage shared by many documents) is passed
    over: it says nothing about any one pair.
    """
    if len(keys) == 0:
        return set()
    order = np.argsort(keys, kind="stable")
    k, o = keys[order], owners[order]
    starts = np.flatnonzero(np.concatenate(([True], k[1:] != k[:-1])))
    ends = np.append(starts[1:], len(k))
    pairs: set[tuple[int, int]] = set()
    for lo, hi in zip(starts[ends - starts > 1].tolist(), ends[ends - starts > 1].tolist(), strict=True):
        members = sorted(set(o[lo:hi].tolist()))
        if 1 < len(members) <= max_bucket:
            pairs.update(combinations(members, 2))
    return pairs
