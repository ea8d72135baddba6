"""The HTML report (diffing/reports/redline_html.py), read back with an HTML parser."""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.pipeline import from_text
from diffing.compare import compare
from diffing.model import Diff
from diffing.reports.order import is_change, reading_order
from diffing.reports.redline_html import render_html
from diffing.visible import INVISIBLE

from .handmade import auto_diff, document, make_diff
from .pairs import change_entries, diff_000_001, diff_002_t2s, real_diff, real_pair_names

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    text: list[str] = field(default_factory=list)


class _Page(HTMLParser):
    """Elements with their attributes, and the text of each text cell without places and notes.

    A text cell is a ``td`` of the diff table's bodies (an empty one holds no text); its side is its class
    (``a``/``b``) or, without one, its position after the row's ``th`` (A, then B). Hidden characters
    shown as marks (``span.u``, ``<U+202E>``) read back as the characters.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[_Element] = []
        self.cells: list[_Element] = []
        self.raw: dict[str, list[str]] = {"style": [], "script": []}
        self._stack: list[_Element] = []
        self._tds = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag == "tr":
            self._tds = 0
        if tag == "td" and any(e.tag == "tbody" for e in self._stack):
            classes = element.attrs.get("class", "").split()
            side = "a" if "a" in classes else "b" if "b" in classes else "ab"[min(self._tds, 1)]
            element.attrs["side"] = side
            self.cells.append(element)
            self._tds += 1
        if tag not in ("meta", "col", "input", "br"):
            self._stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1].tag in self.raw:
            self.raw[self._stack[-1].tag].append(data)
            return
        for element in reversed(self._stack):
            if element in self.cells:
                element.text.append(data)
                return
            if element.tag in ("th", "tr", "tbody"):
                return  # a row's mark, or the space between rows (end tags are left out)
            classes = element.attrs.get("class", "").split()
            if element.tag in ("i", "a") or {"n", "p"} & set(classes):
                return  # a place, a note, a preview
            if "u" in classes:
                data = re.sub(r"<U\+([0-9A-F]{4,6})>", lambda m: chr(int(m.group(1), 16)), data)

    def all(self, tag: str, cls: str | None = None) -> list[_Element]:
        return [e for e in self.elements if e.tag == tag and (cls is None or cls in e.attrs.get("class", "").split())]


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def _side_texts(page: _Page, side: str) -> str:
    return "".join("".join(c.text) for c in page.cells if c.attrs["side"] == side)


def _expected_side(diff: Diff, side: str) -> str:
    """Original text of each side, item by item in reading order (A: rows with their own A text)."""
    out = []
    for item in reading_order(diff):
        row = diff.rows[item.row]
        if item.kind != "row":
            continue
        if side == "a" and row.op != "copied":
            out.append("".join(diff.a.original[lo:hi] for lo, hi in diff.a_spans(row)))
        if side == "b":
            out.append("".join(diff.b.original[lo:hi] for lo, hi in diff.b_spans(row)))
    return "".join(out)


def _injected_diff() -> Diff:
    a = document(f"一、总则\n甲方说{SCRIPT}然后\n不变的一句\n")
    b = document(f"一、总则\n乙方说{IMG}然后\n不变的一句\n新增{SCRIPT}\n", "b<i>.txt")
    return make_diff(a, b, [("equal", [0], [0]), ("modified", [1], [1]), ("equal", [2], [2]), ("inserted", [], [3])])


@pytest.mark.parametrize("make", [diff_000_001, diff_002_t2s], ids=["000-001", "002-t2s"])
def test_cells_show_exactly_the_original_text_of_each_side(make: object) -> None:
    diff = make()  # type: ignore[operator]
    page = _parse(render_html(diff))
    assert _side_texts(page, "a") == _expected_side(diff, "a")
    assert _side_texts(page, "b") == _expected_side(diff, "b")


@pytest.mark.parametrize("name", [n for n in real_pair_names() if n[:2] in ("01", "03", "04")])
def test_real_pair_cells_show_the_original_text(name: str) -> None:
    # a 款's inserted (deleted) rows are one cell holding the 款's text, spaces and line breaks between its
    # sentences included (tests/reports/test_kuan_blocks.py): the same text but for white space
    diff = real_diff(name)
    page = _parse(render_html(diff))
    for side in ("a", "b"):
        assert re.sub(r"\s", "", _side_texts(page, side)) == re.sub(r"\s", "", _expected_side(diff, side))


def test_page_refers_to_nothing_outside_itself() -> None:
    html = render_html(diff_000_001())
    page = _parse(html)
    assert not page.all("link") and not page.all("img") and not page.all("iframe")
    for element in page.elements:
        assert "src" not in element.attrs
        if "href" in element.attrs:
            assert element.attrs["href"].startswith("#")
    assert not re.search(r"(?i)\b(?:https?|ftp|data|blob|javascript):", html)
    assert "url(" not in html and "@import" not in html


def test_policy_allows_exactly_the_inlined_style_and_script() -> None:
    page = _parse(render_html(diff_000_001()))
    (meta,) = [m for m in page.all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    policy = dict(p.strip().split(" ", 1) for p in meta.attrs["content"].split(";"))
    assert policy["default-src"] == "'none'"
    for directive, tag in (("style-src", "style"), ("script-src", "script")):
        body = "".join(page.raw[tag])
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert policy[directive] == f"'sha256-{digest}'"
    assert len(page.all("script")) == 1 and len(page.all("style")) == 1
    assert not any(k.startswith("on") for e in page.elements for k in e.attrs)
    assert not any("style" in e.attrs for e in page.elements)


def test_header_names_both_documents_and_summarizes_the_diff() -> None:
    diff = diff_000_001()
    html = render_html(diff)
    for source in (diff.a.source, diff.b.source):
        assert source.name in html and source.sha256 in html and source.encoding in html
        assert f"{source.size:,} 字节" in html
    for name, value in diff.options.as_report().items():
        shown = {True: "on", False: "off", None: "none"}.get(value, str(value))  # type: ignore[call-overload]
        assert f"{name}=<code>{shown}</code>" in html
    for op, count in diff.summary.counts.items():
        assert re.search(rf'data-op="{op}">[^<]*<b>{count}</b>', html)
    assert f"{diff.summary.similarity * 100:.1f}%" in html


def test_document_text_cannot_inject_markup() -> None:
    diff = _injected_diff()
    html = render_html(diff)
    page = _parse(html)
    assert len(page.all("script")) == 1 and not page.all("img")
    assert SCRIPT not in html and "<img" not in html and "<i>.txt" not in html
    b_text = _side_texts(page, "b")
    assert IMG in b_text and SCRIPT in b_text and SCRIPT in _side_texts(page, "a")
    assert "b&lt;i&gt;.txt" in html


def test_inline_changes_are_marked_on_the_original_text() -> None:
    a, b = document("一、总则\n加强 两地国土 空间\n"), document("一、总则\n加强两地领土空间\n", "b.txt")
    html = render_html(make_diff(a, b, [("equal", [0], [0]), ("modified", [1], [1])]))
    assert "加强 两地<del>国</del>土 空间" in html
    assert "加强两地<ins>领</ins>土空间" in html


def test_moved_row_and_its_origin_link_to_each_other() -> None:
    a = document("一、总则\n第一句\n第二句\n第三句\n")
    b = document("一、总则\n第二句\n第三句\n第一句\n", "b.txt")
    diff = make_diff(a, b, [("equal", [0], [0]), ("equal", [2], [1]), ("equal", [3], [2]), ("moved", [1], [3])])
    page = _parse(render_html(diff))
    bodies = [(e.attrs.get("id"), e.attrs["class"]) for e in page.all("tbody")]
    assert bodies == [(None, "e"), ("o3", "o"), (None, "e"), (None, "e"), ("r3", "v")]
    notes = {e.attrs["href"]: e for e in page.all("a")}
    assert {"#r3", "#o3"} <= set(notes)


def test_split_row_spans_the_clauses_it_became() -> None:
    a = document("第一句话和第二句话\n")
    b = document("第一句话\n和第二句话\n", "b.txt")
    page = _parse(render_html(make_diff(a, b, [("split", [0], [0, 1])])))
    assert len(page.all("tbody")) == 1
    a_cells = [c for c in page.cells if "a" in c.attrs["class"].split()]
    assert [c.attrs.get("rowspan") for c in a_cells] == ["2"]
    assert ["".join(c.text) for c in page.cells if "b" in c.attrs["class"].split()] == [
        "第一句话",
        "和第二句话",
    ]


def test_changes_are_navigable_and_equal_rows_can_be_hidden() -> None:
    diff = real_diff("01_holiday_measures")
    page = _parse(render_html(diff))
    bodies = page.all("tbody")
    changes = [b for b in bodies if b.attrs["class"] not in ("e", "n", "o")]
    equal = [b for b in bodies if b.attrs["class"] == "e"]
    assert len(changes) == len(change_entries(diff)) and len(equal) == diff.summary.counts["equal"]
    ids = {e.attrs.get("id") for e in page.elements}
    assert {"prev", "next", "changes-only", "position"} <= ids


def test_table_of_contents_links_each_changed_section() -> None:
    diff = real_diff("01_holiday_measures")
    page = _parse(render_html(diff))
    assert len(page.all("nav", "toc")) == 1
    links = [e.attrs["href"] for e in page.all("a") if e.attrs.get("href", "").startswith("#r")]
    changed_places = {diff.place(row).split("/")[0] for row in diff.rows if is_change(row)}
    toc_links = links[: len(changed_places)]
    assert len(toc_links) == len(changed_places)
    targets = {int(h[2:]) for h in toc_links}
    assert {diff.place(diff.rows[r]).split("/")[0] for r in targets} == changed_places


def test_identical_documents_say_so() -> None:
    html = render_html(diff_002_t2s())
    assert "没有差异" in html and "改动所在章节" not in html


def test_print_stylesheet_gives_a4_pages_without_controls() -> None:
    html = render_html(diff_000_001())
    assert "@page { size: A4;" in html
    print_css = html[html.index("@media print") :]
    assert ".toolbar" in print_css and "break-inside: avoid" in print_css


_HOSTILE_LINE = st.text(alphabet="甲乙<>&\"'/=x ;", min_size=1, max_size=16).filter(lambda s: s.strip(" "))


@settings(max_examples=80, deadline=None)
@given(st.lists(_HOSTILE_LINE, min_size=1, max_size=4), st.lists(_HOSTILE_LINE, min_size=1, max_size=4))
def test_any_document_text_comes_back_as_the_same_text(a_lines: list[str], b_lines: list[str]) -> None:
    diff = auto_diff(document("\n".join(a_lines)), document("\n".join(b_lines), 'b"<x>.txt'))
    page = _parse(render_html(diff))
    assert _side_texts(page, "a") == _expected_side(diff, "a")
    assert _side_texts(page, "b") == _expected_side(diff, "b")
    assert len(page.all("script")) == 1 and {e.tag for e in page.elements} <= _PAGE_TAGS


_PAGE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "table", "tr", "th", "td", "code", "ul", "li",
    "b", "div", "p", "nav", "button", "kbd", "span", "label", "input", "details", "summary", "ol", "a", "main",
    "colgroup", "col", "thead", "tbody", "del", "ins", "script", "i", "small", "br",
}  # fmt: skip


def test_header_gives_titles_dates_tool_version_options_and_a_legend() -> None:
    diff = real_diff("01_holiday_measures")
    html = render_html(diff)
    assert "<h1>全国年节及纪念日放假办法</h1>" in html
    assert "<th>日期</th><td>2007年12月14日 《国务院关于修改〈全国年节及纪念日放假办法〉的决定》第二次修订</td>" in html
    assert "2024年11月10日 《国务院关于修改〈全国年节及纪念日放假办法〉的决定》第四次修订" in html
    assert re.search(r"wendiff( \d+\.\d+\S*)? · 归一化选项", html)
    legend = html[html.index('<details class="legend">') :]
    for mark in ("改", "增", "删", "移", "号", "≈"):
        assert f"<li><b>{mark}</b>" in legend
    assert "相似度" in legend and "百分数" in legend


def test_title_falls_back_to_the_file_name() -> None:
    diff = auto_diff(
        document("这是一段很长的正文，没有标题行，第一行就是一句话。\n", "dir/甲.txt"), document("乙\n", "b.txt")
    )
    assert "<h1>甲.txt → 乙</h1>" in render_html(diff)


def test_rows_equal_only_after_normalization_are_marked_with_what_was_ignored() -> None:
    a = from_text("一、总则\n(三)清明节，放假1天。\n", "a.txt")
    b = from_text("一、总则\n（三）清明节，放假1天。\n", "b.txt")
    diff = compare(a, b)
    assert diff.summary.changes == 0 and any(diff.ignored(row) for row in diff.rows)
    page = _parse(render_html(diff))
    marked = [th for th in page.all("th") if th.attrs.get("title", "").startswith("忽略：")]
    assert [th.attrs["title"] for th in marked] == ["忽略：全角半角"]
    assert '<th title="忽略：全角半角">≈<small>全角半角</small>' in render_html(diff)
    identical = compare(from_text("一、总则\n", "a.txt"), from_text("一、总则\n", "b.txt"))
    assert "忽略：" not in render_html(identical)


def test_renumbered_article_is_a_quiet_row_showing_both_numbers() -> None:
    diff = real_diff("01_holiday_measures")
    page = _parse(render_html(diff))
    renumbered = [b for b in page.all("tbody") if b.attrs["class"] == "n"]
    assert len(renumbered) == diff.summary.counts["renumbered"] == 1
    html = render_html(diff)
    assert "<tbody class=n><tr><th>号<td>第七条<td>第八条" in html  # plain numbers, no del/ins, no change stop


def test_moved_row_and_origin_name_both_places() -> None:
    a = document("一、总则\n第一句\n第二句\n第三句\n")
    b = document("一、总则\n第二句\n第三句\n第一句\n", "b.txt")
    diff = make_diff(a, b, [("equal", [0], [0]), ("equal", [2], [1]), ("equal", [3], [2]), ("moved", [1], [3])])
    html = render_html(diff)
    assert "↓ 已移至 A 一 → B 一</a>" in html and "↑ 移自 A 一 → B 一</a>" in html


BIDI_PAYLOAD = "价款\u202e元001\u202c整"


def test_bidirectional_controls_in_document_text_are_shown_as_marks_never_applied() -> None:
    a = document(f"一、总则\n合同{BIDI_PAYLOAD}\n")
    b = document(f"一、总则\n合同{BIDI_PAYLOAD}，另付\u2066税\u2069\u200b\n", "b\u202e.txt")
    html = render_html(auto_diff(a, b))
    assert not INVISIBLE.search(html)
    assert '价款<span class="u">&lt;U+202E&gt;</span>元001<span class="u">&lt;U+202C&gt;</span>整' in html
    assert '<span class="u">&lt;U+2066&gt;</span>税<span class="u">&lt;U+2069&gt;</span>' in html
    assert '<span class="u">&lt;U+200B&gt;</span>' in html
    assert "b&lt;U+202E&gt;.txt" in html or 'b<span class="u">&lt;U+202E&gt;</span>.txt' in html


def test_every_invisible_or_control_character_is_marked() -> None:
    keep = {"\t", "\n", "\r"}
    hidden = [
        chr(c)
        for c in range(0x110000)
        if unicodedata.category(chr(c)) in ("Cf", "Cc", "Zl", "Zp") and chr(c) not in keep
    ]
    assert [hex(ord(c)) for c in hidden if not INVISIBLE.fullmatch(c)] == []
    assert not INVISIBLE.search("\t\n\r 中文（一）ａ")


@pytest.mark.slow
def test_largest_real_pair_html_is_under_one_megabyte() -> None:
    html = render_html(real_diff("10_procuratorate_criminal_procedure_rules"))
    assert len(html.encode("utf-8")) <= 1_000_000
    assert "<span" not in html.replace('<span class="u">', "").replace("<span class=n>", "").replace(
        "<span class=p>", ""
    ).replace('<span id="position">', "").replace("<span class=sm>", "")
