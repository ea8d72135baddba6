"""Quiet structure (issue 19, item 6): a renumbered label or a moved article is a quiet note, said once per
article, in the terminal, HTML and Word reports; never struck and inserted like a change of wording."""

from __future__ import annotations

import re

from diffing.report_text import TextView, render_text

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
    from diffing.report_html import render_html

    html = render_html(real_diff("10_procuratorate_criminal_procedure_rules"))
    assert html.count("移自 A 第三百一十二条 → B 第二百九十四条") == 1  # it was said on each of its 8 rows
    assert html.count("已移至 A 第三百一十二条 → B 第二百九十四条") == 1
    targets = set(re.findall(r"<tbody id=([or]\d+)", html))
    assert {href for href in re.findall(r"<a href=#([or]\d+)>", html)} <= targets



def test_markdown_says_a_moved_article_moved_once() -> None:
    from diffing.report_md import render_markdown

    md = render_markdown(real_diff("10_procuratorate_criminal_procedure_rules"))
    assert md.count("（自 A 第三百一十二条 移来）") == 1  # it was said on each of its moved rows
    assert md.count("### ") > md.count("移来）")


def test_word_tracks_a_renumbered_number_under_its_own_author_to_be_hidden_by_reviewer() -> None:
    from datetime import UTC, datetime

    from diffing.report_docx import AUTHOR_RENUMBERED, render_docx

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
