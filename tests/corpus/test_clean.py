"""Cleaning steps: what each removes, and that every kept character maps back to its source."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from corpus.clean import remove_boilerplate, remove_invisible, remove_junk
from corpus.pipeline import from_text
from corpus.samples import real_pair, seed
from corpus.steps import StepOutput
from tests.conftest import REAL

Step = Callable[[str], StepOutput]

SEED_001 = seed("001").read_text(encoding="utf-8")
SEED_003 = seed("003").read_text(encoding="utf-8")


def real_law_texts() -> list[Path]:
    """Every real law text of the ten pairs kept with the tests (the bundled pairs are two of them)."""
    return sorted(REAL.glob("*/[ab].txt"))


def removed_positions(text: str, out: StepOutput) -> set[int]:
    kept = {out.map.char_to_source(i)[0] for i in range(len(out.text))}
    return set(range(len(text))) - kept


def hole_positions(out: StepOutput) -> set[int]:
    return {pos for lo, hi in out.holes for pos in range(lo, hi)}


# --- remove_invisible ------------------------------------------------------


def test_zero_width_characters_bom_and_soft_hyphen_are_deleted() -> None:
    text = "\ufeff第\u200b一\u200d条\u00ad，\u2060本法\u200e。"
    out = remove_invisible(text)
    assert out.text == "第一条，本法。"
    assert out.holes == ()
    assert out.map.char_to_source(1) == (3, 4)  # 一 sits at 3 in the input


def test_control_characters_are_deleted_except_tab_newline_and_carriage_return() -> None:
    out = remove_invisible("第一条\x07\x1b[0m\t本法\x7f\x9b。\r\n")
    assert out.text == "第一条[0m\t本法。\r\n"


def test_wide_and_non_breaking_spaces_become_ascii_spaces_without_a_map_edit() -> None:
    text = "\u3000\u3000第一条\u00a0本法\u2003适用\u202f于\u205f全国。"
    out = remove_invisible(text)
    assert out.text == "  第一条 本法 适用 于 全国。"
    assert out.map.is_identity


def test_form_feed_and_unicode_line_separators_become_line_breaks() -> None:
    out = remove_invisible("第一页\x0c第二页\u2028第三行\u2029第四段\x85完")
    assert out.text == "第一页\n第二页\n第三行\n第四段\n完"
    assert out.map.is_identity


def test_real_law_text_with_zero_width_space_lines_loses_only_those_characters() -> None:
    text = real_pair("03_ip_tribunal_provisions")[1].read_text(encoding="utf-8")
    out = remove_invisible(text)
    assert "\u200b" in text
    assert out.text == text.replace("\u200b", "")


# --- remove_junk ------------------------------------------------------------


def test_seed_003_mojibake_run_and_injected_spam_are_one_hole() -> None:
    out = remove_junk(SEED_003)
    assert len(out.holes) == 1
    lo, hi = out.holes[0]
    assert SEED_003[lo:hi] == "����ϣ��WilliamHill"
    assert "以及领土空间用途管束要求" in out.text
    assert out.text == SEED_003[:lo] + SEED_003[hi:]


def test_latin_text_without_replacement_characters_is_never_junk() -> None:
    text = "电子邮箱:cqhpcsxyd@163.com 网址 https://www.cq.gov.cn/zwgk/index.html?id=3 UDI、IAP。"
    out = remove_junk(text)
    assert out.text == text
    assert out.holes == ()


def test_seed_003_email_address_survives_junk_removal() -> None:
    assert "电子邮箱:cqhpcsxyd@163.com" in remove_junk(SEED_003).text


@pytest.mark.parametrize(
    ("text", "expected", "junk"),
    [
        ("以及��领土", "以及领土", ["��"]),
        ("��abc开头", "开头", ["��abc"]),
        ("结尾x�", "结尾", ["x�"]),
        ("第一条,��abc。第二条", "第一条,。第二条", ["��abc"]),
        ("见(��)。", "见()。", ["��"]),
        ("甲��乙 WilliamHill 丙�丁", "甲乙 WilliamHill 丙丁", ["��", "�"]),
        ("“��”", "“”", ["��"]),
    ],
)
def test_mojibake_runs_stop_at_cjk_whitespace_and_edge_punctuation(
    text: str, expected: str, junk: list[str]
) -> None:
    out = remove_junk(text)
    assert out.text == expected
    assert [text[lo:hi] for lo, hi in out.holes] == junk


def test_long_latin_run_without_replacement_character_is_left_alone() -> None:
    text = "甲" + "a" * 200_000 + "乙�丙"
    assert remove_junk(text).text == "甲" + "a" * 200_000 + "乙丙"


# --- remove_boilerplate -----------------------------------------------------


@pytest.mark.parametrize("key", ["000", "002", "003", "004"])
def test_boilerplate_removes_nothing_from_seed(key: str) -> None:
    text = seed(key).read_text(encoding="utf-8")
    out = remove_boilerplate(text)
    assert out.text == text
    assert out.holes == ()


@pytest.mark.parametrize("path", real_law_texts(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_boilerplate_removes_nothing_from_real_law_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    out = remove_boilerplate(text)
    assert out.text == text
    assert out.holes == ()


def test_seed_001_sidebar_is_removed_and_article_kept_whole() -> None:
    out = remove_boilerplate(SEED_001)
    sidebar = SEED_001.index("乐活HOT")
    assert out.holes == ((sidebar, len(SEED_001)),)
    assert out.text == SEED_001[:sidebar]
    assert out.text.rstrip().endswith("(记者 申晓佳)")
    for headline in ("乐活HOT", "红色电影", "青岛机场", "潍坊商务局", "UDI", "娱乐LOVE"):
        assert headline not in out.text


def test_sidebar_in_the_middle_ends_at_the_next_unindented_paragraph() -> None:
    text = "第一段正文。\n相关新闻\n  • 标题一\n    摘要一\n  • 标题二\n第二段正文。\n"
    out = remove_boilerplate(text)
    assert out.text == "第一段正文。\n\n第二段正文。\n"
    assert [text[lo:hi] for lo, hi in out.holes] == ["相关新闻\n  • 标题一\n    摘要一\n  • 标题二"]


def test_article_indented_with_ideographic_spaces_survives_a_navigation_label() -> None:
    text = "分享到：微信 微博\n\u3000\u3000第一段正文。\n\u3000\u3000第二段正文。\n"
    out = remove_boilerplate(text)
    assert out.text == "\n\u3000\u3000第一段正文。\n\u3000\u3000第二段正文。\n"
    assert [text[lo:hi] for lo, hi in out.holes] == ["分享到：微信 微博"]


def test_trailing_editor_line_is_removed() -> None:
    text = "正文最后一句。\n\n责任编辑：张三\n"
    out = remove_boilerplate(text)
    assert out.text == "正文最后一句。\n\n\n"


def test_channel_label_between_paragraphs_without_bullets_is_kept() -> None:
    text = "第一段。\n乐活HOT\n第二段。\n"
    assert remove_boilerplate(text).text == text


def test_sidebar_lines_with_invisible_characters_still_belong_to_the_sidebar() -> None:
    text = "正文。\n\n乐活HOT\u200b\n\u200b\n\u3000• 标题一\n\u3000\u3000摘要一\n\ufeff娱乐LOVE"
    out = remove_boilerplate(text)
    assert out.text == "正文。\n\n"


def test_navigation_label_among_kept_labels_goes_alone() -> None:
    text = "第一段。\n乐活HOT\n相关新闻\n第二段。\n"
    assert remove_boilerplate(text).text == "第一段。\n乐活HOT\n\n第二段。\n"


def test_bullet_list_without_a_label_is_kept() -> None:
    text = "措施如下：\n  • 加强领导\n  • 强化保障\n"
    assert remove_boilerplate(text).text == text


# --- properties shared by every step -----------------------------------------

PIECES = [
    *"国土空间生态修复规划条款的一是在",  # simplified
    *"國會說們這個來為經與觀",  # traditional
    *"，。；：！？（）、《》“”",  # full-width punctuation
    "\n", "\r\n", " ", "\t",
    "\u200b", "\u200d", "\ufeff", "\u00ad", "\u2060", "\x07", "\x85",  # invisible
    "\u3000", "\u00a0",
    "\ufffd", "\ufffd\ufffd", "ϣ", "WilliamHill", "a", "1", "@", ".", ",",  # junk material
    "乐活HOT", "相关新闻", "责任编辑：某某", "  • ", "    ", "• ",  # sidebar material
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
LINE_STARTS = ["", "  • ", "    ", "\u3000\u3000", "乐活HOT", "相关新闻", "责任编辑：", "• ", "\u200b"]
lines = st.tuples(st.sampled_from(LINE_STARTS), texts.map(lambda t: t.replace("\n", ""))).map("".join)
pages = st.lists(lines, max_size=12).map("\n".join)
"""Line-shaped text, so that labels, bullets and teasers meet often."""

SPACE_FOR = dict.fromkeys(
    "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "
)
BREAK_FOR = dict.fromkeys("\x0b\x0c\x85\u2028\u2029", "\n")


def check_map(text: str, out: StepOutput, stands_for: dict[str, str]) -> None:
    """Every output character comes from one input character, in order, and equals it."""
    assert out.map.src_len == len(text)
    assert out.map.dst_len == len(out.text)
    previous = -1
    for i, char in enumerate(out.text):
        lo, hi = out.map.char_to_source(i)
        assert hi == lo + 1
        assert lo > previous
        previous = lo
        assert char == text[lo] or stands_for.get(text[lo]) == char


def check_holes(text: str, out: StepOutput) -> None:
    """Holes are sorted, disjoint, non-empty, inside the input, and are exactly what was removed."""
    previous_end = 0
    for lo, hi in out.holes:
        assert previous_end <= lo < hi <= len(text)
        previous_end = hi
    assert hole_positions(out) == removed_positions(text, out)


@given(texts)
def test_invisible_step_maps_every_character_back_and_reports_no_holes(text: str) -> None:
    out = remove_invisible(text)
    check_map(text, out, {**SPACE_FOR, **BREAK_FOR})
    assert out.holes == ()
    removed = removed_positions(text, out)
    assert all(remove_invisible(text[pos]).text == "" for pos in removed)


@given(texts)
def test_junk_step_maps_every_character_back_and_holes_are_what_it_removed(text: str) -> None:
    out = remove_junk(text)
    check_map(text, out, {})
    check_holes(text, out)
    assert "\ufffd" not in out.text


@given(st.one_of(texts, pages))
def test_boilerplate_step_maps_every_character_back_and_holes_are_what_it_removed(text: str) -> None:
    out = remove_boilerplate(text)
    check_map(text, out, {})
    check_holes(text, out)


@pytest.mark.parametrize("step", [remove_invisible, remove_junk, remove_boilerplate])
@given(text=st.one_of(texts, pages))
def test_step_is_idempotent(step: Step, text: str) -> None:
    once = step(text).text
    assert step(once).text == once


def test_mojibake_run_goes_on_across_a_hard_wrap_and_a_stray_space() -> None:
    for text in ("以及\ufffd\ufffdϣ\ufffdWil\nliamHill领土", "以及\ufffd\ufffdϣ\ufffdWill iam\nHill领土"):
        assert remove_junk(text).text == "以及领土", repr(text)


def test_two_junk_runs_apart_by_a_blank_line_are_two_holes() -> None:
    out = remove_junk("\ufffd\n\n\ufffd國")
    assert out.holes == ((0, 1), (3, 4)) and out.text == "\n\n國"


def test_sidebar_glued_into_a_one_line_page_is_boilerplate() -> None:
    text = "会议强调，要抓好落实。（记者申晓佳）乐活HOT  • 2021年福建举办红色电影展映活动  • 浙江遂昌教育提质行动"
    out = remove_boilerplate(text)
    assert out.text == "会议强调，要抓好落实。（记者申晓佳）"
    assert remove_boilerplate(text.replace("乐活HOT", "乐活H\nOT")).text == "会议强调，要抓好落实。（记者申晓佳）"


def test_a_sidebar_glued_inside_a_line_never_takes_the_text_after_it() -> None:
    sidebar = "乐活HOT  • 2021年福建举办红色电影展映活动  • 浙江遂昌教育提质行动"
    after = "\n重庆市规划和自然资源局与四川省自然资源厅共同印发《实施意见》。" * 40
    out = remove_boilerplate("会议强调，要抓好落实。" + sidebar + after)
    assert out.text == "会议强调，要抓好落实。" + after


def test_pages_joined_into_one_file_keep_every_article_after_a_sidebar() -> None:
    s001 = seed("001").read_text(encoding="utf-8")
    s000 = seed("000").read_text(encoding="utf-8")
    doc = from_text(s001 + s000, "joined.txt")
    notice = from_text(s000, "000.txt").text
    assert "乐活HOT" not in doc.text and len(notice) > 4000
    assert doc.text.endswith(notice[-3000:]) and notice[200:400] in doc.text  # 000 survives after 001's sidebar


@pytest.mark.parametrize("text", ["乐活HOT\n相关新闻\n  • \n  • 国", "乐活HOT\n乐活HOT\n  • \n  • 国"])
def test_sidebar_exposed_by_removing_a_label_goes_in_the_same_step(text: str) -> None:
    out = remove_boilerplate(text)
    assert out.text == "" and remove_boilerplate(out.text).text == ""


LABEL_PIECES = [*PIECES, "X", "Z ", "AB\r", "\x1c", "\u2028", "\x1f"]
label_texts = st.lists(st.sampled_from(LABEL_PIECES), max_size=40).map("".join)


@settings(max_examples=300)
@given(st.one_of(texts, pages, label_texts))
@example("乐活HOT")
@example("正文\n相关新闻\u3000\r\n")
def test_whole_text_label_test_never_misses_a_label_line(text: str) -> None:
    from corpus.clean import _may_be_label, _may_hold_label

    if any(_may_be_label(raw) for raw in text.splitlines(keepends=True)):
        assert _may_hold_label(text)
