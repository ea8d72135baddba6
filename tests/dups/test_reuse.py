"""Passages shared by two documents, verified by clause alignment; rewording; clusters."""

from __future__ import annotations

import opencc

from corpus.options import Options
from corpus.pipeline import from_text
from corpus.samples import seed
from corpus.unspin import load_table, spin
from diffing.compare import compare
from diffing.dups.clusters import clusters
from diffing.dups.reuse import MIN_CHARS, passages
from diffing.dups.shingles import shingle_text
from diffing.dups.verify import verify_pair

NOTICE = seed("000").read_text(encoding="utf-8")
NEWS = seed("001").read_text(encoding="utf-8")
REPORT = seed("004").read_text(encoding="utf-8")
UNSPIN = Options(unspin=True)


def test_news_item_reuses_passages_of_the_notice_with_exact_offsets() -> None:
    a, b = from_text(NOTICE, "000.txt"), from_text(NEWS, "001.txt")
    found = passages(compare(a, b))
    assert len(found) >= 5
    for p in found:
        a_text, b_text = NOTICE[p.a[0] : p.a[1]], NEWS[p.b[0] : p.b[1]]
        assert len(shingle_text(a_text)) >= MIN_CHARS and len(shingle_text(b_text)) >= MIN_CHARS
        assert 0.5 <= p.similarity <= 1.0
        # re-use means shared wording: at least a run of 8 characters appears on both sides
        assert any(shingle_text(b_text)[i : i + 8] in shingle_text(a_text) for i in range(len(b_text)))
    assert [p.chars for p in found] == sorted((p.chars for p in found), reverse=True)


def test_a_traditional_copy_is_reuse_with_similarity_one(seed_000_copies: tuple[str, str]) -> None:
    first, _ = seed_000_copies
    traditional = opencc.OpenCC("s2t").convert(first)
    result = verify_pair(0, from_text(first, "a.txt"), 1, from_text(traditional, "b.txt"), Options())
    assert result.similarity == 1.0
    [only] = result.reuse
    assert only.passage.similarity == 1.0
    assert only.passage.a == (0, len(first.rstrip())) and only.passage.b == (0, len(first.rstrip()))


def test_moved_paragraphs_are_separate_passages_in_reading_order_on_both_sides() -> None:
    paras = [line for line in REPORT.split("\n") if len(line) > 60][:6]
    moved = [paras[3], paras[4], paras[5], paras[0], paras[1], paras[2]]
    a, b = "\n".join(paras), "\n".join(moved)
    found = passages(compare(from_text(a, "a"), from_text(b, "b")))
    assert len(found) == 2
    for p in found:
        assert a[p.a[0] : p.a[1]] == b[p.b[0] : p.b[1]]


def test_a_spun_copy_is_found_through_unspin_and_says_it_looks_reworded() -> None:
    spun = spin(REPORT, load_table())
    plain = verify_pair(0, from_text(REPORT, "a"), 1, from_text(spun, "b"), Options())
    result = verify_pair(0, from_text(REPORT, "a", UNSPIN), 1, from_text(spun, "b", UNSPIN), UNSPIN)
    assert result.similarity > 0.98 > plain.similarity + 0.1
    top = result.reuse[0]
    assert top.reworded is not None and top.reworded.doc == 1
    assert ("设置装备摆设", "建设") in top.reworded.substitutions
    assert all(r.reworded is None for r in plain.reuse)


def test_unrelated_documents_share_no_passage() -> None:
    result = verify_pair(0, from_text(NOTICE, "a"), 1, from_text(REPORT, "b"), Options())
    assert result.reuse == ()


def test_clusters_are_connected_components_of_similar_pairs() -> None:
    pairs = [(0, 1, 0.95), (1, 2, 0.8), (3, 4, 0.5), (5, 6, 1.0), (2, 2, 1.0)]
    assert clusters(pairs) == [[0, 1, 2], [5, 6]]
    assert clusters(pairs, threshold=0.9) == [[0, 1], [5, 6]]
    assert clusters([]) == []
