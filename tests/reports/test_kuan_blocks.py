"""Rows grouped by 款 in the HTML and Markdown redlines (issue 19, item 6), as in the terminal report: a 款
inserted (deleted) whole — a new article's label with its sentences, a deleted 款's lead-in with its 项 — is
one row (one entry), not a row per sentence and its label; no character of the side is lost."""

from __future__ import annotations

import html as html_module
import re

from markdown_it import MarkdownIt

from diffing.model import Diff
from diffing.reports.redline_html import render_html
from diffing.reports.redline_md import render_markdown

from .pairs import real_diff

_MD = MarkdownIt("commonmark").enable(["strikethrough", "table"])
NEW_SEVENTH = (
    "第七条 全体公民放假的假日，可合理安排统一放假调休，结合落实带薪年休假等制度，实际形成较长假期。"
    "除个别特殊情形外，法定节假日假期前后连续工作一般不超过6天。"
)
ITEMS = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）"]


def _tbodies(page: str, op_class: str) -> list[str]:
    """The rows (``<tbody>``) of one op in the HTML report's table, as text (tags dropped, entities read)."""
    table = page[page.index('<table class="diff">') :]
    bodies = re.findall(rf"<tbody[^>]* class={op_class}>(.*?)(?=<tbody|</table>)", table, re.S)
    return [html_module.unescape(re.sub(r"<[^>]+>", "", body)) for body in bodies]


def _md_entries(markdown: str) -> list[tuple[str, str]]:
    """The Markdown report's change entries: (heading without its number, body)."""
    parts = re.split(r"^### \d+\. (.*)$", markdown, flags=re.M)
    return [(parts[k], parts[k + 1].split("\n## ")[0].strip()) for k in range(1, len(parts), 2)]


def test_a_new_article_of_one_kuan_is_one_html_row_not_a_row_per_sentence() -> None:
    # pair 01: B's new 第七条 is one 款 of two sentences; it was three 增 rows (label, sentence, sentence)
    rows = [text for text in _tbodies(render_html(real_diff("01_holiday_measures")), "i") if "第七条" in text]
    assert rows == ["增" + NEW_SEVENTH]


def test_a_new_article_of_one_kuan_is_one_markdown_entry_not_one_per_sentence() -> None:
    markdown = render_markdown(real_diff("01_holiday_measures"))
    sevenths = [(head, body) for head, body in _md_entries(markdown) if head.startswith("B 第七条")]
    assert sevenths == [("B 第七条 · 新增 inserted", f"**{NEW_SEVENTH}**")]
    assert re.search(r"^## 改动 changes（11）$", markdown, re.M)  # the count is still of changes


def test_the_items_of_a_deleted_kuan_are_one_html_row_with_one_line_each() -> None:
    # pair 04: A 第三条's first 款, its lead-in and 项 (一)…(七), is deleted: one row, each 项 on its own line
    rows = _tbodies(render_html(real_diff("04_admin_reconsideration_law")), "d")
    third = [text for text in rows if "第三条 依照本法履行行政复议职责" in text]
    assert len(third) == 1
    lines = third[0].split("\n")
    assert lines[0].endswith("履行下列职责:") and [line[:3] for line in lines[1:]] == ITEMS
    assert not any(text.startswith("删（一）受理行政复议申请") for text in rows)


def test_the_items_of_a_deleted_kuan_are_one_markdown_entry_with_a_line_each() -> None:
    entries = _md_entries(render_markdown(real_diff("04_admin_reconsideration_law")))
    third = [body for head, body in entries if head == "A 第三条 · 删除 deleted" and "依照本法履行" in body]
    assert len(third) == 1
    rendered = _MD.render(third[0])
    paragraphs = re.findall(r"<p><s>(.*?)</s></p>", rendered)
    assert paragraphs[0].startswith("第三条 依照本法") and [p[:3] for p in paragraphs[1:]] == ITEMS
    assert not any(head.startswith("A 第三条/(一)") for head, _ in entries)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _side_texts(diff: Diff, op: str) -> list[str]:
    spans = diff.b_spans if op == "inserted" else diff.a_spans
    original = diff.b.original if op == "inserted" else diff.a.original
    return [_squeezed("".join(original[lo:hi] for lo, hi in spans(row))) for row in diff.rows if row.op == op]


def test_rows_grouped_by_kuan_keep_every_character_in_html_and_markdown() -> None:
    diff = real_diff("04_admin_reconsideration_law")
    page = render_html(diff)
    shown_html = {op: _squeezed("".join(_tbodies(page, c))) for op, c in (("inserted", "i"), ("deleted", "d"))}
    rendered = _MD.render(render_markdown(diff))
    strong = _squeezed(html_module.unescape("".join(re.findall(r"<strong>(.*?)</strong>", rendered, re.S))))
    struck = _squeezed(html_module.unescape("".join(re.findall(r"<s>(.*?)</s>", rendered, re.S))))
    for op, shown_md in (("inserted", strong), ("deleted", struck)):
        for text in _side_texts(diff, op):
            assert text in shown_html[op]
            assert text in shown_md


def test_a_new_article_of_one_kuan_is_one_inserted_paragraph_in_word() -> None:
    import io

    import docx

    from diffing.reports.redline_docx import render_docx

    body = docx.Document(io.BytesIO(render_docx(real_diff("01_holiday_measures")))).element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in body.iter(f"{w}p")]
    assert NEW_SEVENTH in paragraphs
    assert not any(
        text in ("第七条", "全体公民放假的假日，可合理安排统一放假调休，结合落实带薪年休假等制度，实际形成较长假期。")
        for text in paragraphs
    )
