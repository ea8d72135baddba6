"""Tight inline changes: words first, refined to characters inside a changed run where that marks fewer
characters and the unmarked text stays whole words (issue 25, item 2)."""

from __future__ import annotations

from functools import cache

import pytest

from corpus.pipeline import from_text
from corpus.samples import seed
from diffing.compare import compare
from diffing.inline import _fast_char_diff, inline_diff, word_diff
from diffing.model import Diff, Row
from diffing.tight import _bounds, _readable, marked
from diffing.words import cut_all
from tests.conftest import REAL, REAL_PAIRS

SEED_PAIRS = [("000", "001"), ("003", "004")]


def _row_of(diff: Diff, a_needle: str) -> Row:
    for row in diff.rows:
        if row.inline is not None and a_needle in diff.a_text(row):
            return row
    raise AssertionError(f"no changed row holds {a_needle}")


@cache
def _real(pair: str) -> Diff:
    return compare(
        from_text((REAL / pair / "a.txt").read_text(encoding="utf-8"), "a.txt"),
        from_text((REAL / pair / "b.txt").read_text(encoding="utf-8"), "b.txt"),
    )


def test_company_law_item_five_marks_one_inserted_and_one_deleted_character() -> None:
    diff = _real("06_company_law")
    row = _row_of(diff, "个人所负数额较大的债务")
    assert diff.place_a(row) == "第一百四十六条/第一款/(五)" and diff.place_b(row) == "第一百七十八条/第一款/(五)"
    assert row.inline is not None
    expected = (("=", "(五)个人"), ("+", "因"), ("=", "所负数额较大"), ("-", "的"), ("=", "债务到期未清偿"))
    assert row.inline[:5] == expected


def test_a_rewritten_word_stays_one_replacement() -> None:
    parts = inline_diff("加强两地国土空间生态修复", "加强两地领土空间生态修复")
    assert ("-", "国土") in parts and ("+", "领土") in parts


@pytest.mark.parametrize(
    ("a", "b", "old", "new"),
    [
        ("全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假。",
         "全体公民放假的假日，如果适逢周六、周日，应当在工作日补假。", "星期六、星期日", "周六、周日"),
        ("（一）国务院部门的规定；", "（一）国务院部门的规范性文件；", "规定", "规范性文件"),
    ],
)  # fmt: skip
def test_rewritten_phrases_keep_word_granularity(a: str, b: str, old: str, new: str) -> None:
    parts = inline_diff(a, b)
    assert ("-", old) in parts and ("+", new) in parts


def test_no_unmarked_text_is_a_fragment_of_a_word_on_both_sides() -> None:
    a, b = "加强两地国土空间生态修复", "加强两地领土空间生态修复"
    aw, bw = cut_all([a, b])
    readable = _readable(_fast_char_diff(a, b), _bounds(aw), _bounds(bw))
    assert ("=", "土空间生态修复") not in readable and ("=", "空间生态修复") in readable


def _pairs() -> list[tuple[str, str]]:
    texts = []
    for x, y in SEED_PAIRS:
        a, b = (from_text(seed(key).read_text(encoding="utf-8"), key) for key in (x, y))
        diff = compare(a, b)
        texts += [(diff.a_text(r), diff.b_text(r)) for r in diff.rows if r.inline is not None]
    for pair in REAL_PAIRS:
        diff = _real(pair)
        texts += [(diff.a_text(r), diff.b_text(r)) for r in diff.rows if r.inline is not None]
    return texts


def test_tight_never_marks_more_than_words_or_readable_characters_on_seed_and_real_pairs() -> None:
    pairs = _pairs()
    words = cut_all([t for pair in pairs for t in pair])
    assert len(pairs) > 1500
    tighter = 0
    for n, (a, b) in enumerate(pairs):
        aw, bw = words[2 * n], words[2 * n + 1]
        tight = marked(inline_diff(a, b, "word", (aw, bw)))
        by_words = marked(word_diff(aw, bw))
        by_chars = marked(_readable(_fast_char_diff(a, b), _bounds(aw), _bounds(bw)))
        assert tight <= by_words, (a, b)
        assert tight <= by_chars, (a, b)
        tighter += tight < by_words
    assert tighter > 100  # the refinement is not idle: hundreds of rows are tighter than words


def test_tight_parts_still_join_back_to_both_texts_on_real_pairs() -> None:
    for a, b in _pairs():
        parts = inline_diff(a, b)
        assert "".join(t for op, t in parts if op in "=-") == a
        assert "".join(t for op, t in parts if op in "=+") == b
