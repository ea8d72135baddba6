"""Repeats inside one document: the same notice pasted twice, a paragraph said twice."""

from __future__ import annotations

from itertools import pairwise

from corpus.pipeline import from_text
from corpus.samples import real_pair, seed
from diffing.dups.repeats import MIN_CHARS, find_repeats
from diffing.dups.shingles import shingle_text

NOTICE = seed("000").read_text(encoding="utf-8")
LAW_A = real_pair("03_ip_tribunal_provisions")[0].read_text(encoding="utf-8")
LAW_B = real_pair("01_holiday_measures")[0].read_text(encoding="utf-8")


def test_seed_000_gives_its_two_copies_with_similarity_one(seed_000_copies: tuple[str, str]) -> None:
    first, _ = seed_000_copies
    repeats = find_repeats(from_text(NOTICE, "000.txt"))
    top = repeats[0]
    assert top.similarity == 1.0
    assert len(top.spans) == 2
    (a_lo, a_hi), (b_lo, b_hi) = top.spans
    assert (a_lo, a_hi) == (0, len(first.rstrip()))
    assert (b_lo, b_hi) == (len(first), len(NOTICE.rstrip()))
    assert NOTICE[a_lo:a_hi] == NOTICE[b_lo:b_hi]
    assert all(r.chars < top.chars for r in repeats[1:])


def test_a_paragraph_repeated_inside_a_long_law_is_found() -> None:
    paragraph = next(line for line in LAW_A.split("\n") if len(line) > 80)
    text = LAW_A + "\n" + LAW_B + "\n" + paragraph + "\n"
    repeats = find_repeats(from_text(text, "law.txt"))
    spans = [r.spans for r in repeats]
    first = text.index(paragraph)
    last = text.rindex(paragraph)
    assert ((first, first + len(paragraph)), (last, last + len(paragraph))) in spans


def test_a_near_copy_is_a_repeat_with_its_lower_similarity() -> None:
    block = "第一条 为了规范管理,制定本办法。第二条 本办法适用于全市各级机关。第三条 各单位应当认真执行。"
    changed = block.replace("全市各级机关", "全市各级行政机关")
    text = block + "\n附件\n" + changed
    repeats = find_repeats(from_text(text, "x.txt"))
    assert len(repeats) == 1
    assert 0.9 < repeats[0].similarity < 1.0
    assert repeats[0].spans == ((0, len(block)), (len(text) - len(changed), len(text)))


def test_three_pastes_are_one_repeat_with_three_spans() -> None:
    notice = "关于做好春节期间安全生产工作的通知。各单位要高度重视,落实责任。"
    text = "\n".join([notice, "第一次转发。", notice, "第二次转发。", notice])
    repeats = find_repeats(from_text(text, "x.txt"))
    assert len(repeats) == 1 and len(repeats[0].spans) == 3
    for lo, hi in repeats[0].spans:
        assert text[lo:hi] == notice


def test_headings_and_short_formulas_are_not_repeats() -> None:
    text = "一、总体要求\n加强领导,明确分工。\n二、重点任务\n推进改革,完善制度。\n一、总体要求\n健全机制,强化保障。"
    repeats = find_repeats(from_text(text, "x.txt"))
    assert all(r.chars >= MIN_CHARS for r in repeats)
    assert repeats == []


def test_occurrences_never_overlap_and_cut_equal_text() -> None:
    text = "甲乙丙丁戊己庚辛壬癸子丑寅卯。" * 6
    repeats = find_repeats(from_text(text, "x.txt"))
    assert repeats
    for r in repeats:
        ordered = sorted(r.spans)
        assert all(x[1] <= y[0] for x, y in pairwise(ordered))
        keys = {shingle_text(text[lo:hi]) for lo, hi in r.spans}
        assert len(keys) == 1
