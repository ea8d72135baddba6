"""Offset maps round-trip on random mixes of the things real texts carry."""

from __future__ import annotations

from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import document
from corpus.options import Options
from corpus.pipeline import from_text
from diffing.segment import segment

PIECES = st.sampled_from(
    ["國", "學", "習", "蘊含著", "著名", "发展", "（一）", "，", "。", "；", "Ａ", "１", "(", ")", " ", "\u3000",
     "\u200b", "\ufeff", "\n", "\n\n", "\r\n", "辽 宁", "abc", "12", "第一条", "第二章", "一、", "|", "\ufffd", "x"]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=60).map("".join)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_every_normalized_character_maps_back_inside_the_original(text: str) -> None:
    doc = from_text(text)
    for pos in range(len(doc.text)):
        lo, hi = doc.to_original(pos, pos + 1)
        assert 0 <= lo < hi <= len(text)
        assert doc.from_original(lo) <= pos


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_normalized_spans_map_to_ordered_original_spans(text: str) -> None:
    doc = from_text(text)
    last = 0
    for clause in segment(doc):
        lo, hi = doc.to_original(clause.start, clause.end)
        assert last <= lo < hi <= len(text)
        last = hi


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.sampled_from([Options(), Options(script="none", width=False), Options(whitespace=False)]))
def test_spans_mapped_at_once_are_the_spans_mapped_one_by_one(text: str, options: Options) -> None:
    doc = from_text(text, options=options)
    n = len(doc.text)
    spans = [(lo, hi) for lo in range(n + 1) for hi in range(lo, n + 1)]  # every span, the empty ones too
    starts, ends = [lo for lo, _ in spans], [hi for _, hi in spans]
    with patch.object(document, "ORIGINAL_AT_ONCE", 1):
        at_once = doc.to_original_many(starts, ends)
    assert at_once == tuple(doc.to_original(lo, hi) for lo, hi in spans)
    assert all(type(x) is int for span in at_once for x in span)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_a_kept_character_maps_to_itself_or_its_normalized_form(text: str) -> None:
    doc = from_text(text, options=Options(script="none", width=False))
    for pos, ch in enumerate(doc.text):
        lo, hi = doc.to_original(pos, pos + 1)
        if hi - lo == 1 and ch.strip():
            assert text[lo] == ch


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_clauses_hold_no_line_break_and_no_outer_space(text: str) -> None:
    for clause in segment(from_text(text)):
        assert "\n" not in clause.text and clause.text == clause.text.strip()
