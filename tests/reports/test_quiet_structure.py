"""Quiet structure (issue 19, item 6): a renumbered label or a moved article is a quiet note, said once per
article, in the terminal, HTML and Word reports; never struck and inserted like a change of wording."""

from __future__ import annotations

import re

import pytest

from diffing.reports.redline_text import TextView, render_text
from diffing.source_markup import Markup, source_markup

from .pairs import real_diff


def _unified(name: str, color: bool = False) -> list[str]:
    return render_text(real_diff(name), TextView(color=color, width=200, layout="unified")).splitlines()


def test_a_renumbered_label_in_the_terminal_is_a_quiet_note_without_marks() -> None:
    lines = _unified("01_holiday_measures")
    label = [line for line in lines if line.startswith("# 第七条→第八条")]
    assert label == ["# 第七条→第八条  第八条（原第七条）"]


def test_a_renumbered_label_in_colour_is_neither_struck_nor_underlined() -> None:
    lines = _unified("01_holiday_measures", color=True)
    label = [line for line in lines if "第七条→第八条" in line]
    assert len(label) == 1
    codes = {code for group in re.findall(r"\x1b\[([0-9;]*)m", label[0]) for code in group.split(";")}
    assert not codes & {"9", "4"}  # strike, underline


def test_the_rows_of_a_moved_article_name_both_places_once() -> None:
    # pair 10: A 第三百一十二条 moved to B 第二百九十四条, eight rows; the first says where it was, the rest only
    # where they are
    lines = _unified("10_procuratorate_criminal_procedure_rules")
    both = [line for line in lines if re.match(r"\S+ 第三百一十二条\S*→第二百九十四条", line)]
    here = [line for line in lines if re.match(r"\S+ 第二百九十四条", line)]
    assert len(both) == 1
    assert len(here) >= 3


def test_html_says_a_moved_article_moved_once_and_every_link_has_its_target() -> None:
    from diffing.reports.redline_html import render_html

    html = render_html(real_diff("10_procuratorate_criminal_procedure_rules"))
    assert html.count("移自 A 第三百一十二条 → B 第二百九十四条") == 1  # it was said on each of its 8 rows
    assert html.count("已移至 A 第三百一十二条 → B 第二百九十四条") == 1
    targets = set(re.findall(r"<tbody id=([or]\d+)", html))
    assert {href for href in re.findall(r"<a href=#([or]\d+)>", html)} <= targets



def test_markdown_says_a_moved_article_moved_once() -> None:
    from diffing.reports.redline_md import render_markdown

    md = render_markdown(real_diff("10_procuratorate_criminal_procedure_rules"))
    assert md.count("（自 A 第三百一十二条/") == 1  # it was said on each of its moved rows
    assert md.count("### ") > md.count("移来）")


def test_word_tracks_a_renumbered_number_under_its_own_author_to_be_hidden_by_reviewer() -> None:
    from datetime import UTC, datetime

    from diffing.reports.redline_docx import AUTHOR_RENUMBERED, render_docx

    from .docx_views import W, body

    data = render_docx(real_diff("01_holiday_measures"), datetime(2026, 1, 2, tzinfo=UTC))
    paragraphs = body(data).findall(f"{W}p")
    label = next(p for p in paragraphs if "".join(t.text or "" for t in p.iter(f"{W}delText")) == "七")
    authors = {e.get(f"{W}author") for e in label.iter(f"{W}ins", f"{W}del")}
    assert authors == {AUTHOR_RENUMBERED}
    wording = [p for p in paragraphs if "星期六" in "".join(t.text or "" for t in p.iter(f"{W}delText"))]
    assert wording and all(
        e.get(f"{W}author") != AUTHOR_RENUMBERED for p in wording for e in p.iter(f"{W}ins", f"{W}del")
    )


def test_a_new_article_of_one_kuan_is_one_terminal_row_not_a_row_per_sentence() -> None:
    # pair 01: B's new 第七条 is one 款 of two sentences; it was three 增 rows (label, sentence, sentence)
    lines = _unified("01_holiday_measures")
    rows = [line for line in lines if line.startswith("+ 第七条")]
    assert rows == [
        "+ 第七条  {+第七条 全体公民放假的假日，可合理安排统一放假调休，结合落实带薪年休假等制度，实际形成较长假期。"
        "除个别特殊情形外，法定节假日假期前后连续工作一般不超过6天。+}"
    ]


def test_rows_grouped_by_kuan_keep_every_character_of_the_side() -> None:
    diff = real_diff("04_admin_reconsideration_law")
    text = render_text(diff, TextView(width=400, layout="unified"))
    inserted = "".join(re.findall(r"\{\+(.*?)\+\}", text, re.S))
    for row in diff.rows:
        if row.op == "inserted":
            original = "".join(diff.b.original[lo:hi] for lo, hi in diff.b_spans(row))
            assert original.strip() in inserted


def test_the_items_of_a_deleted_kuan_are_one_row_with_one_line_each_and_the_article_as_place() -> None:
    # pair 04: A 第三条's first 款, its lead-in and 项 (一)…(七), is deleted; one row, placed at the article,
    # each 项 on its own line (no blank lines between them)
    lines = render_text(real_diff("04_admin_reconsideration_law"), TextView(width=200, layout="unified")).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("- 第三条  [-第三条 依照本法"))
    items = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）"]
    assert [line[:3] for line in lines[start + 1 : start + 8]] == items
    assert lines[start + 7].endswith("-]")


def test_the_terminal_shows_a_markdown_heading_as_its_words_and_no_html_comment() -> None:
    # pair 01: "# 全国年节及纪念日放假办法" and "<!-- INFO END -->" were shown as text
    view = TextView(width=200, layout="unified", full=True)
    lines = render_text(real_diff("01_holiday_measures"), view).splitlines()
    assert not [line for line in lines if "<!--" in line or "# 全国" in line]
    title = "全国年节及纪念日放假办法"
    assert [line.strip() for line in lines if line.strip() == title] == [title]


def test_the_terminal_heading_is_bold_in_colour() -> None:
    view = TextView(width=200, layout="unified", full=True, color=True)
    lines = render_text(real_diff("01_holiday_measures"), view).splitlines()
    heading = [line for line in lines if "全国年节及纪念日放假办法" in line and "《" not in line]
    assert len(heading) == 1 and "\x1b[1m" in heading[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("## 第一章 通 则", Markup("heading", 2, "第一章 通 则")),
        ("  <!-- INFO END -->\n", Markup("comment", 0, "")),
        ("#第一条", None),
        ("<!-- a --> b", None),
        ("第一条 本法 # 不是标题", None),
    ],
)
def test_source_markup_is_a_whole_heading_or_a_whole_comment(text: str, expected: Markup | None) -> None:
    assert source_markup(text) == expected


def test_html_shows_a_markdown_heading_as_its_words_and_hides_an_html_comment_row() -> None:
    from diffing.reports.redline_html import render_html

    html = render_html(real_diff("01_holiday_measures"))
    # the comment's row is hidden, its text kept; the heading's hashes are hidden and its words in bold
    assert re.findall(r"<tbody hidden[^>]*>(?:(?!<tbody).)*&lt;!-- INFO END --&gt;", html, re.S)
    assert not re.findall(r"<tbody(?! hidden)[^>]*>(?:(?!<tbody).)*&lt;!--", html, re.S)
    assert html.count("<span class=sm># </span><b>全国年节及纪念日放假办法</b>") == 2


def test_word_hides_an_html_comment_and_a_headings_hashes_keeping_their_text() -> None:
    import io

    import docx

    from diffing.reports.redline_docx import render_docx

    document = docx.Document(io.BytesIO(render_docx(real_diff("01_holiday_measures"))))
    shown = {p.text: "".join(r.text for r in p.runs if not r.font.hidden) for p in document.paragraphs}
    assert shown["<!-- INFO END -->"] == ""
    assert shown["# 全国年节及纪念日放假办法"] == "全国年节及纪念日放假办法"
