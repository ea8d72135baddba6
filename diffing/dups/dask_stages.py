"""The per-partition steps of the Dask engine: pure functions over plain values.

Rules:

* Nothing here imports dask: every function takes a partition (a list) and
  returns a list, so it runs unchanged in a worker, in a test, or inline; the
  same input always gives the same output (a retried task gives back exactly
  what the lost one would have).
* Documents are named by their **input index** ``i`` (their place among the
  inputs) until the last join; `join_a` turns them into report
  indices ``k`` (their place among the readable documents) with the sorted
  list of skipped inputs, as the local engine numbers them.
* Workers read files by path; a relative path is taken from the client's
  working folder (``cwd``), and the document and its errors are still named as
  the client named them (`load_at`), so the report is the local engine's.
* Shuffles move **blocks**, not single records: a step emits ``(route, block)``
  items, the engine groups them by ``route`` (Dask's task shuffle), and the
  next step receives ``(route, [(route, block), …])`` groups. A block holds the
  numpy columns of every record of one partition bound for one route, so a
  shuffle of millions of band keys moves a few thousand arrays.
* Routes: a band key goes to bucket ``key % buckets``, so every entry of one
  key meets in one group and that group alone decides its candidate pairs
  (`diffing.dups.minhash_index.candidate_pairs`, the local engine's rule,
  over-full buckets included). A document's data goes to ``i // span``; a pair
  goes first to its ``b``'s route, then to its ``a``'s route, where it meets
  that document's data (a shuffle join).
* Candidates are deduplicated by key: every copy of a pair ``(a, b)`` carries
  the same ``b``, so all copies meet in one join group and are merged there.
* What is computed is `diffing.dups.steps` (reading an input, the MinHash
  prefilter, ordering pairs by family, verifying pairs), as in the local engine;
  this module only cuts the work into partitions and shuffles.
"""

from __future__ import annotations

import functools
import os
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from corpus.document import Document
from corpus.errors import InputError
from corpus.options import Options
from diffing.dups.fingerprint import Fingerprint, Skipped
from diffing.dups.inputs import Input, load_input
from diffing.dups.minhash_index import Keys, candidate_pairs
from diffing.dups.reworded import spun_words
from diffing.dups.steps import Loaded, Task, by_family, estimate, read_input, verify_tasks
from diffing.dups.verify import PairResult
from diffing.segment import segment

__all__ = [
    "Bands",
    "DocBlock",
    "Group",
    "PairBlock",
    "Verified",
    "Work",
    "band_blocks",
    "bucket_candidates",
    "doc_blocks",
    "fingerprint_part",
    "join_a",
    "join_b",
    "light_part",
    "load_at",
    "to_compare_part",
    "verify_batch",
    "verify_slice",
]

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

_CACHE = 32
"""Documents a worker keeps loaded for the next pairs it verifies."""


@dataclass(frozen=True)
class Bands:
    """Band keys of one partition bound for one bucket."""

    keys: Keys
    owners: Ints
    """Input index of the document each key belongs to."""


@dataclass(frozen=True)
class DocBlock:
    """What a join needs of the documents of one partition bound for one route."""

    index: Ints
    """Input indices, increasing."""
    prints: tuple[Fingerprint, ...]
    """Their fingerprints without band keys and repeats (what the MinHash prefilter reads)."""
    inputs: tuple[Input, ...]


@dataclass(frozen=True)
class PairBlock:
    """Candidate pairs ``(a[n], b[n])`` with ``a[n] < b[n]``, and once joined on ``b``, ``b``'s data."""

    a: Ints
    b: Ints
    b_docs: DocBlock | None = None
    """Row ``n`` is document ``b[n]``; None before the join on ``b``."""


@dataclass(frozen=True)
class Work:
    """The pairs to verify that share one ``a`` route (report indices from here on)."""

    candidates: int
    """Distinct candidate pairs that reached this group (after the ``--store`` rule)."""
    pairs: tuple[Task, ...]
    """``(a, a's input, b, b's input)`` that passed the MinHash prefilter, family by family."""
    estimates: tuple[float, ...] = ()
    """The Jaccard estimate of each pair (what `diffing.dups.plan` orders a large family by)."""


@dataclass(frozen=True)
class Verified:
    """What verifying a batch of pairs gave."""

    compared: int
    """Pairs in the batch."""
    results: tuple[PairResult, ...]
    """Their results (`verify_slice`: those that share at least one passage), in the batch's order."""
    problems: tuple[str, ...] = ()
    """Pairs that could not be compared, one line each (a file changed or gone since it was read)."""


Item = tuple[int, object]
"""``(route, block)``: what a step emits for a shuffle."""
Group = tuple[int, list[Item]]
"""``(route, items)``: what a shuffle hands to the next step."""


def load_at(inp: Input, cwd: str, options: Options, max_size: int) -> Document:
    """`load_input` with relative paths taken from ``cwd``; names stay as given."""
    if inp.from_store:
        assert inp.store is not None
        return load_input(replace(inp, store=os.path.join(cwd, inp.store)), options, max_size)
    assert inp.path is not None
    path = os.path.join(cwd, inp.path)
    if path == inp.path:
        return load_input(inp, options, max_size)
    try:
        doc = load_input(replace(inp, path=path), options, max_size)
    except InputError as exc:
        raise InputError(inp.path, exc.problem) from None
    return replace(doc, source=replace(doc.source, name=inp.path))


def fingerprint_part(
    part: Sequence[tuple[int, Input]], cwd: str, options: Options, max_size: int
) -> list[Fingerprint | Skipped]:
    """Read, normalize and fingerprint the inputs ``(i, input)`` of one partition.

    An input that fails is skipped with its one-line problem, as the local engine skips it.
    """
    return [read_input(index, inp, lambda i: load_at(i, cwd, options, max_size)) for index, inp in part]


def light_part(part: Sequence[Fingerprint | Skipped]) -> list[Fingerprint | Skipped]:
    """What goes back to the client: the fingerprints without their numpy columns.

    (The client needs each document's description, digest, extent and repeats;
    the MinHash sketch and the band keys stay on the workers.)
    """
    return [fp if isinstance(fp, Skipped) else _without_arrays(fp) for fp in part]


def _without_arrays(fp: Fingerprint) -> Fingerprint:
    arrays: dict[str, Any] = {f.name: v[:0] for f in fields(fp) if isinstance(v := getattr(fp, f.name), np.ndarray)}
    return replace(fp, **arrays)


def band_blocks(part: Sequence[Fingerprint | Skipped], copies: frozenset[int], buckets: int) -> list[Item]:
    """The band keys of a partition's indexed documents, one `Bands` per bucket.

    Exact copies (``copies``, input indices) are not indexed: their first is.
    """
    prints = [fp for fp in part if isinstance(fp, Fingerprint) and fp.index not in copies and len(fp.keys)]
    if not prints:
        return []
    keys = np.concatenate([fp.keys for fp in prints])
    owners = np.concatenate([np.full(len(fp.keys), fp.index, dtype=np.int64) for fp in prints])
    bucket = (keys % np.uint64(buckets)).astype(np.int64)
    out: list[Item] = []
    for b in np.unique(bucket).tolist():
        chosen = bucket == b
        out.append((b, Bands(keys[chosen], owners[chosen])))
    return out


def bucket_candidates(groups: Sequence[Group], span: int) -> list[Item]:
    """Candidate pairs of each bucket, routed to their ``b``'s route."""
    out: list[Item] = []
    for _, items in groups:
        bands = [block for _, block in items if isinstance(block, Bands)]
        keys = np.concatenate([x.keys for x in bands])
        owners = np.concatenate([x.owners for x in bands])
        pairs = candidate_pairs(keys, owners)
        if pairs:
            out.extend(_routed(np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2), 1, span))
    return out


def doc_blocks(part: Sequence[Fingerprint | Skipped], inputs: Sequence[tuple[int, Input]], span: int) -> list[Item]:
    """The indexed documents of a partition, one `DocBlock` per route.

    ``inputs`` is the partition's ``(i, input)``, in the same order as ``part``.
    """
    empty = np.empty(0, dtype=np.uint64)
    routes: dict[int, list[tuple[Fingerprint, Input]]] = {}
    for fp, (_, inp) in zip(part, inputs, strict=True):
        if isinstance(fp, Fingerprint) and len(fp.keys):
            routes.setdefault(fp.index // span, []).append((replace(fp, keys=empty, repeats=()), inp))
    out: list[Item] = []
    for route, rows in sorted(routes.items()):
        rows.sort(key=lambda r: r[0].index)
        index = np.array([fp.index for fp, _ in rows], dtype=np.int64)
        out.append((route, DocBlock(index, tuple(fp for fp, _ in rows), tuple(inp for _, inp in rows))))
    return out


def join_b(groups: Sequence[Group], span: int) -> list[Item]:
    """Merge each ``b`` route's copies of a pair, attach ``b``'s data, route the pairs to their ``a``."""
    out: list[Item] = []
    for _, items in groups:
        docs = _merged([block for _, block in items if isinstance(block, DocBlock)])
        blocks = [block for _, block in items if isinstance(block, PairBlock)]
        if not blocks or docs is None:
            continue
        pairs = np.unique(
            np.stack([np.concatenate([p.a for p in blocks]), np.concatenate([p.b for p in blocks])], 1), axis=0
        )
        rows, found = _lookup(docs, pairs[:, 1])
        pairs, rows = pairs[found], rows[found]
        for route, chosen in _routes(pairs[:, 0], span):
            b_docs = _take(docs, rows[chosen])
            out.append((route, PairBlock(pairs[chosen, 0], pairs[chosen, 1], b_docs)))
    return out


def join_a(groups: Sequence[Group], skipped: Sequence[int], user: frozenset[int] | None) -> list[Work]:
    """Attach ``a``'s data to each pair of an ``a`` route and keep the pairs worth verifying.

    A pair is a candidate if at least one side is the user's (``user``: input
    indices; None when every input is); it is verified if it passes the local
    engine's MinHash prefilter (the smaller document shares enough shingles).
    """
    out: list[Work] = []
    for _, items in sorted(groups, key=_route):
        docs = _merged([block for _, block in items if isinstance(block, DocBlock)])
        blocks = [block for _, block in items if isinstance(block, PairBlock) and block.b_docs is not None]
        if not blocks or docs is None:
            continue
        candidates = 0
        chosen: dict[Task, float] = {}
        for block in blocks:
            assert block.b_docs is not None
            rows, found = _lookup(docs, block.a)
            for n in np.flatnonzero(found).tolist():
                a, b, r = int(block.a[n]), int(block.b[n]), int(rows[n])
                if user is not None and a not in user and b not in user:
                    continue
                candidates += 1
                j = estimate(docs.prints[r], block.b_docs.prints[n])
                if j is not None:
                    a_in, b_in = docs.inputs[r], block.b_docs.inputs[n]
                    chosen[(_report_index(a, skipped), a_in, _report_index(b, skipped), b_in)] = j
        pairs = by_family(list(chosen))
        out.append(Work(candidates, tuple(pairs), tuple(chosen[p] for p in pairs)))
    return out


def to_compare_part(part: Sequence[Work]) -> list[tuple[int, Ints, Ints, Floats]]:
    """What the client plans the verification with: ``(candidates, a, b, estimates)`` of a partition of `Work`,
    as a one-item list (numpy columns: a few numbers a pair)."""
    a = np.array([p[0] for w in part for p in w.pairs], dtype=np.int64)
    b = np.array([p[2] for w in part for p in w.pairs], dtype=np.int64)
    estimates = np.array([j for w in part for j in w.estimates], dtype=np.float64)
    return [(sum(w.candidates for w in part), a, b, estimates)]


def verify_batch(tasks: Sequence[Task], cwd: str, options: Options, max_size: int, run: str) -> Verified:
    """Align each pair (reading both files again here); every result comes back, with or without passages.

    ``run`` names the run: documents a worker keeps loaded serve that run only
    (a worker of a long-lived cluster never reuses a file read in an earlier run).
    """
    results, problems = verify_tasks(tasks, options, lambda inp: _loaded(inp, cwd, options, max_size, run))
    return Verified(len(tasks), tuple(results), tuple(problems))


def verify_slice(
    part: Sequence[Work], start: int, stop: int, cwd: str, options: Options, max_size: int, run: str
) -> Verified:
    """`verify_batch` of pairs ``[start, stop)`` of a partition of `Work`, keeping the pairs that share a passage.

    A partition's pairs are in a fixed order (its groups by route, each family
    by family), so a slice names the same pairs however often the partition is
    recomputed.
    """
    done = verify_batch([p for w in part for p in w.pairs][start:stop], cwd, options, max_size, run)
    return replace(done, results=tuple(r for r in done.results if r.reuse))


@functools.lru_cache(maxsize=_CACHE)
def _loaded(inp: Input, cwd: str, options: Options, max_size: int, run: str) -> Loaded:
    """A document, its spun words and clauses; the last few of a run stay loaded in the worker."""
    doc = load_at(inp, cwd, options, max_size)
    return doc, (spun_words(doc, options) if options.unspin else []), segment(doc)


def _route(group: Group) -> int:
    return group[0]


def _report_index(i: int, skipped: Sequence[int]) -> int:
    """The place of input ``i`` among the readable inputs (``skipped`` sorted)."""
    return i - bisect_left(skipped, i)


def _routed(pairs: Ints, column: int, span: int) -> list[Item]:
    return [(route, PairBlock(pairs[chosen, 0], pairs[chosen, 1])) for route, chosen in _routes(pairs[:, column], span)]


def _routes(index: Ints, span: int) -> list[tuple[int, Ints]]:
    """``(route, rows)`` for each route the indices fall in, rows in their order."""
    route = index // span
    return [(int(r), np.flatnonzero(route == r)) for r in np.unique(route)]


def _merged(blocks: Sequence[DocBlock]) -> DocBlock | None:
    if not blocks:
        return None
    if len(blocks) == 1:
        return blocks[0]
    index = np.concatenate([x.index for x in blocks])
    order = np.argsort(index, kind="stable")
    inputs = [inp for x in blocks for inp in x.inputs]
    prints = [fp for x in blocks for fp in x.prints]
    return DocBlock(index[order], tuple(prints[n] for n in order.tolist()), tuple(inputs[n] for n in order.tolist()))


def _lookup(docs: DocBlock, index: Ints) -> tuple[Ints, npt.NDArray[np.bool_]]:
    """Row of each index in ``docs``, and whether it is there."""
    rows = np.searchsorted(docs.index, index)
    rows = np.minimum(rows, len(docs.index) - 1)
    return rows.astype(np.int64), docs.index[rows] == index


def _take(docs: DocBlock, rows: Ints) -> DocBlock:
    picked = rows.tolist()
    return DocBlock(docs.index[rows], tuple(docs.prints[n] for n in picked), tuple(docs.inputs[n] for n in picked))
