"""The Dask engine's per-partition steps, run in this process with a plain-Python shuffle.

The steps must give, whatever the partitioning and the number of buckets, what
the local engine's single index gives: the same candidate pairs (over-full
buckets included), each pair once, with both documents' data attached.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.errors import InputError
from corpus.options import DEFAULT_OPTIONS
from corpus.pipeline import from_text
from corpus.read import DEFAULT_MAX_SIZE
from diffing.dups.dask_stages import (
    Group,
    Item,
    PairBlock,
    Work,
    band_blocks,
    bucket_candidates,
    doc_blocks,
    join_a,
    join_b,
    light_part,
    load_at,
    verify_slice,
)
from diffing.dups.engine import Input
from diffing.dups.fingerprint import Fingerprint, Skipped, fingerprint_document
from diffing.dups.minhash_index import candidate_pairs
from diffing.dups.verify import verify_pair

TEXT = "关于加强生态环境分区管控的实施方案。各地区、各部门要切实加强组织领导，完善工作机制，抓好贯彻落实。" * 3
BASE = fingerprint_document(0, "base.txt", from_text(TEXT, "base.txt"))


def shuffle(items: Sequence[Item]) -> list[Group]:
    """What Dask's groupby hands the next step: items grouped by route."""
    groups: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        groups[item[0]].append(item)
    return sorted(groups.items())


def printed(keys: Sequence[Sequence[int]]) -> list[Fingerprint | Skipped]:
    """Fingerprints numbered 0, 1, … with the given band keys (everything else from one real document)."""
    return [replace(BASE, index=i, keys=np.array(k, dtype=np.uint64)) for i, k in enumerate(keys)]


def partitions(prints: list[Fingerprint | Skipped], span: int) -> list[list[Fingerprint | Skipped]]:
    return [prints[lo : lo + span] for lo in range(0, len(prints), span)]


def shuffled_candidates(
    prints: list[Fingerprint | Skipped], span: int, buckets: int, copies: frozenset[int]
) -> set[tuple[int, int]]:
    bands = [item for part in partitions(prints, span) for item in band_blocks(part, copies, buckets)]
    out: set[tuple[int, int]] = set()
    for _, block in bucket_candidates(shuffle(bands), span):
        assert isinstance(block, PairBlock)
        out.update(zip(block.a.tolist(), block.b.tolist(), strict=True))
    return out


def one_index(prints: list[Fingerprint | Skipped], copies: frozenset[int]) -> set[tuple[int, int]]:
    """The local engine's way: one index of every key."""
    indexed = [fp for fp in prints if isinstance(fp, Fingerprint) and fp.index not in copies and len(fp.keys)]
    if not indexed:
        return set()
    keys = np.concatenate([fp.keys for fp in indexed])
    owners = np.concatenate([np.full(len(fp.keys), fp.index, dtype=np.int64) for fp in indexed])
    return candidate_pairs(keys, owners)


@settings(max_examples=60, deadline=None)
@given(
    keys=st.lists(st.lists(st.integers(0, 40), max_size=6), min_size=1, max_size=30),
    span=st.integers(1, 8),
    buckets=st.integers(1, 7),
    copies=st.sets(st.integers(0, 29), max_size=4),
)
def test_band_shuffle_proposes_the_pairs_of_one_index(
    keys: list[list[int]], span: int, buckets: int, copies: set[int]
) -> None:
    prints = printed(keys)
    assert shuffled_candidates(prints, span, buckets, frozenset(copies)) == one_index(prints, frozenset(copies))


def test_a_key_shared_by_too_many_documents_proposes_nothing() -> None:
    keys = [[7] for _ in range(70)] + [[7, 9], [9]]
    prints = printed(keys)
    assert shuffled_candidates(prints, span=5, buckets=3, copies=frozenset()) == {(70, 71)}


def joined(
    prints: list[Fingerprint | Skipped], span: int, buckets: int, skipped: list[int], user: frozenset[int] | None
) -> list[Work]:
    numbered = [(fp.index, Input(f"{fp.index}.txt", path=f"{fp.index}.txt")) for fp in prints]
    parts = partitions(prints, span)
    inputs = [numbered[lo : lo + span] for lo in range(0, len(numbered), span)]
    docs = [item for part, inp in zip(parts, inputs, strict=True) for item in doc_blocks(part, inp, span)]
    bands = [item for part in parts for item in band_blocks(part, frozenset(), buckets)]
    candidates = bucket_candidates(shuffle(bands), span)
    by_b = join_b(shuffle(docs + candidates), span)
    return join_a(shuffle(docs + by_b), skipped, user)


def test_a_pair_proposed_by_many_buckets_is_verified_once_with_both_inputs() -> None:
    prints = printed([[1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [6], [6, 7]])
    work = joined(prints, span=1, buckets=5, skipped=[], user=None)
    pairs = [p for w in work for p in w.pairs]
    assert [(a, b) for a, _, b, _ in pairs] == [(0, 1), (2, 3)]
    assert [(a_in.name, b_in.name) for _, a_in, _, b_in in pairs] == [("0.txt", "1.txt"), ("2.txt", "3.txt")]
    assert sum(w.candidates for w in work) == 2


def test_pairs_are_numbered_among_the_readable_inputs() -> None:
    prints = printed([[], [1], [], [1], [2], [2]])
    for i in (0, 2):
        prints[i] = Skipped(i, f"{i}.txt", f"{i}.txt: binary file, not a text document")
    work = joined(prints, span=2, buckets=2, skipped=[0, 2], user=None)
    assert sorted((a, b) for w in work for a, _, b, _ in w.pairs) == [(0, 1), (2, 3)]


def test_store_mode_keeps_pairs_with_one_of_the_users_documents() -> None:
    prints = printed([[1], [1], [2], [2, 1]])
    work = joined(prints, span=2, buckets=3, skipped=[], user=frozenset({3}))
    assert sorted((a, b) for w in work for a, _, b, _ in w.pairs) == [(0, 3), (1, 3), (2, 3)]
    assert sum(w.candidates for w in work) == 3


def test_light_fingerprints_keep_everything_but_the_numpy_columns() -> None:
    skipped = Skipped(1, "bad.txt", "bad.txt: binary file, not a text document")
    light = light_part([BASE, skipped])
    assert light[1] == skipped
    fp = light[0]
    assert isinstance(fp, Fingerprint) and len(fp.keys) == 0 and len(BASE.keys) > 0
    assert (fp.info, fp.content, fp.size, fp.extent, fp.repeats) == (
        BASE.info, BASE.content, BASE.size, BASE.extent, BASE.repeats
    )  # fmt: skip


def test_a_new_run_reads_files_again_that_an_earlier_run_kept_loaded(tmp_path: Path) -> None:
    a_path, b_path = tmp_path / "a.txt", tmp_path / "b.txt"
    a_path.write_text(TEXT, encoding="utf-8")
    b_path.write_text(TEXT, encoding="utf-8")
    a_in, b_in = Input(str(a_path), path=str(a_path)), Input(str(b_path), path=str(b_path))
    work = [Work(1, ((0, a_in, 1, b_in),))]
    first = verify_slice(work, 0, 1, "/", DEFAULT_OPTIONS, DEFAULT_MAX_SIZE, run="one")
    b_path.write_text("编者按：转载。\n" + TEXT, encoding="utf-8")
    second = verify_slice(work, 0, 1, "/", DEFAULT_OPTIONS, DEFAULT_MAX_SIZE, run="two")
    fresh = verify_pair(0, load_at(a_in, "/", DEFAULT_OPTIONS, DEFAULT_MAX_SIZE), 1,
                        load_at(b_in, "/", DEFAULT_OPTIONS, DEFAULT_MAX_SIZE), DEFAULT_OPTIONS)  # fmt: skip
    assert second.results == (fresh,) and second.results != first.results


def test_a_file_gone_before_its_comparison_is_one_problem_line_and_the_slice_goes_on(tmp_path: Path) -> None:
    paths = [tmp_path / f"{k}.txt" for k in range(3)]
    for path in paths:
        path.write_text(TEXT, encoding="utf-8")
    a, gone, c = (Input(str(p), path=str(p)) for p in paths)
    paths[1].unlink()
    work = [Work(2, ((0, a, 1, gone), (0, a, 2, c)))]
    out = verify_slice(work, 0, 2, "/", DEFAULT_OPTIONS, DEFAULT_MAX_SIZE, run="gone")
    assert out.problems == (f"{gone.name}: no such file (read again to compare {a.name} with {gone.name})",)
    assert out.compared == 2 and [(r.a, r.b) for r in out.results] == [(0, 2)]


def test_relative_paths_are_read_from_the_clients_folder_and_keep_their_names(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(TEXT, encoding="utf-8")
    doc = load_at(Input("sub/a.txt", path="sub/a.txt"), str(tmp_path), DEFAULT_OPTIONS, DEFAULT_MAX_SIZE)
    assert doc.name == "sub/a.txt" and doc.original == TEXT
    with pytest.raises(InputError) as caught:
        load_at(Input("sub/gone.txt", path="sub/gone.txt"), str(tmp_path), DEFAULT_OPTIONS, DEFAULT_MAX_SIZE)
    assert str(caught.value) == "sub/gone.txt: no such file"
