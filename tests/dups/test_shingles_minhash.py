"""Shingles, content-defined chunks, MinHash signatures and LSH band keys."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise

import numpy as np
import numpy.typing as npt
import pytest
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.samples import seed
from diffing.dups.minhash_index import (
    LshParams,
    band_keys,
    bottom_k,
    candidate_pairs,
    permutations,
    range_signatures,
    sketch_containment,
    sketch_jaccard,
)
from diffing.dups.shingles import K, chunk_bounds, chunk_sets, shingle_hashes, shingle_sequence, shingle_text

NOTICE = seed("000").read_text(encoding="utf-8")


def test_punctuation_and_layout_do_not_change_shingles() -> None:
    a = "各区县规划和自然资源主管部门:\n现就有关事项通知如下。"
    b = "各区县 规划和自然资源主管部门,现就有关事项通知如下"
    assert shingle_text(a) == shingle_text(b)
    assert np.array_equal(shingle_hashes(a), shingle_hashes(b))


def test_short_text_is_one_shingle_and_empty_text_none() -> None:
    assert len(shingle_hashes("通知")) == 1
    assert len(shingle_hashes("。,")) == 0
    assert len(shingle_sequence("一二三四五六")) == 6 - K + 1


def test_hashes_are_the_same_in_another_process() -> None:
    # Python's own hash() changes with PYTHONHASHSEED; shingle hashes must not.
    code = (
        "from corpus.samples import seed; from diffing.dups.shingles import shingle_hashes; "
        "print(shingle_hashes(seed('000').read_text(encoding='utf-8'))[:50].tolist())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    ).stdout  # fmt: skip
    assert out.strip() == str(shingle_hashes(NOTICE)[:50].tolist())


@given(st.lists(st.integers(0, 2**32 - 1), min_size=0, max_size=3000))
def test_chunks_cover_the_sequence_in_order(values: list[int]) -> None:
    seq = np.array(values, dtype=np.uint32)
    bounds = chunk_bounds(seq, modulus=16, min_size=8, max_size=64)
    if not values:
        assert bounds == []
        return
    assert bounds[0] == 0 and bounds[-1] == len(values)
    sizes = np.diff(bounds)
    assert (sizes > 0).all() and (sizes <= 64).all()
    if len(values) >= 16:
        assert (sizes[:-1] >= 8).all()


def test_a_quoted_passage_is_cut_into_the_same_chunks_elsewhere() -> None:
    passage = NOTICE[200:1400]
    one = seed("004").read_text(encoding="utf-8")[:900] + passage + "以上内容请各单位认真学习。"
    two = "新闻报道称," + passage + seed("001").read_text(encoding="utf-8")[:700]
    sets_one = {frozenset(c.tolist()) for c in chunk_sets(shingle_sequence(one))}
    sets_two = {frozenset(c.tolist()) for c in chunk_sets(shingle_sequence(two))}
    assert len(sets_one & sets_two) >= 2


def datasketch_signature(values: npt.NDArray[np.uint32], params: LshParams) -> npt.NDArray[np.uint32]:
    """datasketch's own MinHash of a set of 32-bit hashes (datasketch is a test dependency only)."""
    m = MinHash(num_perm=params.num_perm, seed=params.seed, hashfunc=int, scheme="affine32")
    m.update_batch(values.tolist())
    return np.asarray(m.hashvalues, dtype=np.uint32)


@pytest.mark.parametrize(("num_perm", "seed"), [(32, 1), (128, 1), (7, 42)])
def test_permutations_are_datasketchs(num_perm: int, seed: int) -> None:
    a, b = permutations(num_perm, seed)
    theirs = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    assert np.array_equal(a, theirs[0]) and np.array_equal(b, theirs[1])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=400),
    st.lists(st.integers(1, 399), max_size=6),
)
def test_range_signatures_equal_datasketch_minhash(values: list[int], cuts: list[int]) -> None:
    seq = np.array(values, dtype=np.uint32)
    bounds = sorted({0, len(values), *(c for c in cuts if c < len(values))})
    for params in (LshParams(), LshParams(num_perm=128, bands=42, rows=3)):
        rows = range_signatures(seq, bounds, params)
        for i, (lo, hi) in enumerate(pairwise(bounds)):
            assert np.array_equal(rows[i], datasketch_signature(np.unique(seq[lo:hi]), params))


def test_a_range_longer_than_a_block_gets_datasketchs_signature() -> None:
    seq = np.random.default_rng(3).integers(0, 2**32, 40_000, dtype=np.uint64).astype(np.uint32)
    params = LshParams()
    assert np.array_equal(range_signatures(seq, [0, len(seq)], params)[0], datasketch_signature(np.unique(seq), params))


def test_the_chunks_of_a_real_document_get_datasketchs_signatures() -> None:
    seq = shingle_sequence(NOTICE)
    bounds = chunk_bounds(seq)
    rows = range_signatures(seq, bounds, LshParams())
    assert len(rows) > 3
    for row, (lo, hi) in zip(rows, pairwise(bounds), strict=True):
        assert np.array_equal(row, datasketch_signature(np.unique(seq[lo:hi]), LshParams()))


def test_equal_bands_give_equal_keys_and_bands_are_kept_apart() -> None:
    params = LshParams(num_perm=8, bands=2, rows=4)
    sig = np.array([1, 2, 3, 4, 1, 2, 3, 4], dtype=np.uint32)
    keys = band_keys(sig, params)
    assert len(keys) == 2 and keys[0] != keys[1]  # same values, different bands
    other = np.array([1, 2, 3, 4, 9, 9, 9, 9], dtype=np.uint32)
    assert band_keys(other, params)[0] == keys[0] and band_keys(other, params)[1] != keys[1]
    both = band_keys(np.stack([sig, other]), params)
    assert np.array_equal(both, np.concatenate([keys, band_keys(other, params)]))


def test_candidates_are_owners_sharing_a_key_and_crowded_buckets_are_passed_over() -> None:
    keys = np.array([5, 5, 7, 7, 7, 9], dtype=np.uint64)
    owners = np.array([0, 1, 2, 3, 3, 4], dtype=np.int64)
    assert candidate_pairs(keys, owners) == {(0, 1), (2, 3)}
    crowded = np.full(10, 3, dtype=np.uint64)
    assert candidate_pairs(crowded, np.arange(10, dtype=np.int64), max_bucket=5) == set()


def test_lsh_makes_similar_chunks_candidates_far_more_often_than_dissimilar_ones() -> None:
    params = LshParams()
    assert params.probability(0.8) > 0.98 and params.probability(0.2) < 0.02
    assert 0.5 < params.threshold < 0.7
    with pytest.raises(ValueError, match="do not fit"):
        LshParams(num_perm=16, bands=8, rows=4)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10**6), st.floats(0.05, 0.95))
def test_bottom_k_sketches_estimate_jaccard_and_containment(seed_value: int, share: float) -> None:
    rng = np.random.default_rng(seed_value)
    pool = np.unique(rng.integers(0, 2**32, 6000, dtype=np.uint64).astype(np.uint32))
    rng.shuffle(pool)
    common = int(2000 * share)
    a = np.unique(pool[:2000])
    b = np.unique(np.concatenate([pool[:common], pool[2000 : 4000 - common]]))
    true_j = len(np.intersect1d(a, b)) / len(np.union1d(a, b))
    assert abs(sketch_jaccard(bottom_k(a), bottom_k(b)) - true_j) < 0.15
    true_c = len(np.intersect1d(a, b)) / min(len(a), len(b))
    assert abs(sketch_containment(bottom_k(a), bottom_k(b), len(a), len(b)) - true_c) < 0.2
