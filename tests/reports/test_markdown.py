"""The Markdown report (diffing/reports/redline_md.py), rendered back with a CommonMark parser (markdown-it-py)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.parser import HTMLParser

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from diffing.highlight import Highlight
from diffing.reports.order import is_change, reading_order
from diffing.reports.redline_md import highlights_markdown, render_markdown
from diffing.visible import INVISIBLE

from .handmade import document, make_diff
from .pairs import change_entries, diff_000_001, diff_002_t2s, real_diff

_MD = MarkdownIt("commonmark").enable(["strikethrough", "table"])


class _Marked(HTMLParser):
    """Text of rendered Markdown, each character tagged same/del/ins, and every tag seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chars: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            self._open.remove(tag)

    def handle_data(self, data: str) -> None:
        kind = "same"
        if {"s", "del"} & set(self._open):
            kind = "del"
        elif {"strong", "ins"} & set(self._open):
            kind = "ins"
        self.chars.extend((ch, kind) for ch in data)


def _render(markdown: str) -> _Marked:
    marked = _Marked()
    marked.feed(_MD.render(markdown))
    marked.close()
    return marked


def _visible(chars: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(ch, kind) for ch, kind in chars if not ch.isspace()]


_TEXT = st.text(alphabet="中文字，。、《》“”()[]{}*_~`<>|&$#-+=!\\:.1a ", min_size=1, max_size=14)
_SEGMENTS = st.lists(st.tuples(_TEXT, st.sampled_from(["same", "del", "ins"])), min_size=1, max_size=5)


def _side(chars: Sequence[tuple[str, str]], side: str) -> str:
    """The text of one side: unmarked and struck characters for A, unmarked and bold for B (no white space)."""
    shown = {"a": ("same", "del"), "b": ("same", "ins")}[side]
    return "".join(ch for ch, kind in chars if kind in shown and not ch.isspace())


def _kinds(chars: Sequence[tuple[str, str]]) -> tuple[int, int]:
    """How many characters are shown deleted and inserted (white space aside)."""
    seen = _visible(chars)
    return sum(1 for _, k in seen if k == "del"), sum(1 for _, k in seen if k == "ins")


@settings(max_examples=300, deadline=None)
@given(_SEGMENTS)
@example([(":", "del"), ("1", "same"), (":", "ins")])  # two changes that met once a neighbour was taken in
@example([(":", "del"), ("1", "same"), ("1", "ins")])
def test_highlights_render_both_texts_with_strike_and_bold_only_whatever_the_text(
    parts: list[tuple[str, str]],
) -> None:
    segments = [Highlight(text, kind) for text, kind in parts]  # type: ignore[arg-type]
    line = highlights_markdown(segments)
    assert "\n" not in line
    marked = _render(line)
    expected = [(ch, s.kind) for s in segments for ch in s.text]
    assert _side(marked.chars, "a") == _side(expected, "a")
    assert _side(marked.chars, "b") == _side(expected, "b")
    assert _kinds(marked.chars) == _kinds(expected)  # a deletion shown deleted, an insertion inserted, no more
    assert set(marked.tags) <= {"p", "s", "strong", "del", "ins"}  # <del>, <strong> typed in would show as text


def test_a_change_that_starts_with_punctuation_is_written_with_an_ins_tag_not_widened() -> None:
    line = highlights_markdown([Highlight("（5月1日", "same"), Highlight("、2日", "ins"), Highlight("）；", "same")])
    assert line == "（5月1日<ins>、2日</ins>）；"  # was 1~~日~~**日、2日**: 日 deleted and inserted again


def test_pair_06_redline_shows_no_character_deleted_and_inserted_again() -> None:
    # the 股~~东~~**东、职工**, rendered “股东东、职工”
    text = render_markdown(real_diff("06_company_law"))
    assert "股~~东~~**东、职工**" not in text
    assert "股东<ins>、职工</ins>" in text


def test_deletions_are_struck_and_insertions_bold() -> None:
    a, b = (
        document("一、总则\n放假 3天（农历正月初一）\n"),
        document("一、总则\n放假4天（农历除夕）\n", "b.txt"),
    )
    text = render_markdown(make_diff(a, b, [("equal", [0], [0]), ("modified", [1], [1])]))
    # Same text is B's wording: the space the normalizer ignored in A is not shown.
    assert "放假~~3~~**4**天（农历~~正月初一~~**除夕**）" in text


def test_document_text_adds_no_markup() -> None:
    hostile = "<script>alert(1)</script> [x](javascript:alert(1)) ![i](http://e/x.png) *a* _b_ `c` | d |"
    a = document(f"一、总则\n# 标题{hostile}\n")
    b = document(f"一、总则\n1. 条目{hostile}\n- 新增{hostile}\n", "b.txt")
    diff = make_diff(a, b, [("equal", [0], [0]), ("modified", [1], [1]), ("inserted", [], [2])])
    marked = _render(render_markdown(diff))
    assert not {"script", "a", "img", "em", "ol", "ul", "li"} & set(marked.tags)
    assert marked.tags.count("h1") == 1 and marked.tags.count("code") == 2  # the two digests
    text = "".join(ch for ch, _ in marked.chars)
    assert text.count(hostile) == 1  # the inserted row; the long modified one shows its change in context
    assert ("#", "del") in marked.chars and ("1", "ins") in marked.chars


def test_summary_names_both_documents_counts_and_options() -> None:
    diff = diff_000_001()
    marked = _render(render_markdown(diff))
    text = "".join(ch for ch, _ in marked.chars)
    assert "table" in marked.tags
    for source in (diff.a.source, diff.b.source):
        assert source.name in text and source.sha256 in text
    for op, count in diff.summary.counts.items():
        assert re.search(rf"{op}\s+{count}\n", text)
    assert "inline=word" in text and f"{diff.summary.similarity * 100:.1f}%" in text


def test_every_change_has_a_heading_with_its_place_on_each_side() -> None:
    diff = real_diff("01_holiday_measures")
    text = render_markdown(diff)
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    changed = [diff.rows[i.row] for i in reading_order(diff) if i.kind == "row" and is_change(diff.rows[i.row])]
    assert len(changed) == diff.summary.changes
    entries = change_entries(diff)  # a 款's inserted (deleted) rows are one entry, at the place they share
    assert len(headings) == len(entries)
    for heading, entry in zip(headings, entries, strict=True):
        row = entry.rows[0]
        a, b = diff.place_a(row), diff.place_b(row)
        a_text, b_text = f"A {a or '（开头）'}", f"B {b or '（开头）'}"
        places = f"{a_text} → {b_text}" if a is not None and b is not None else a_text if b is None else b_text
        if len(entry.rows) > 1:
            places = f"{entry.side.upper()} {entry.place(diff) or '（开头）'}"
        assert heading.split(" · ")[0].split(" ", 2)[2] == places


def test_moved_article_names_both_numbers() -> None:
    text = render_markdown(real_diff("06_company_law"))
    assert re.search(r"^### \d+\. A 第五条/第一款 → B 第十九条 · 移动 moved", text, re.M)


def test_renumbered_labels_are_one_quiet_list_not_changes() -> None:
    text = render_markdown(real_diff("01_holiday_measures"))
    assert "序号调整 renumbered ·" not in text.replace("| 序号调整 renumbered |", "")
    quiet = text[text.index("## 序号调整 renumbered（1，不算改动）") :]
    assert "- A 第七条 → B 第八条" in quiet
    assert "## 改动 changes（11）" in text


def test_no_raw_html_but_del_and_ins_in_any_real_pair_report() -> None:
    for name in ("01_holiday_measures", "06_company_law"):
        marked = _render(render_markdown(real_diff(name)))
        assert set(marked.tags) <= {"h1", "h2", "h3", "p", "s", "strong", "table", "thead", "tbody", "tr", "th", "td",
                                    "code", "ul", "li", "del", "ins"}  # fmt: skip


def test_every_change_of_pairs_01_and_10_renders_a_as_kept_and_deleted_b_as_kept_and_inserted() -> None:
    from diffing.highlight import unified_highlights

    for name in ("01_holiday_measures", "10_procuratorate_criminal_procedure_rules"):
        diff = real_diff(name)
        for item in reading_order(diff):
            if item.kind != "row" or not is_change(diff.rows[item.row]) or diff.rows[item.row].op == "copied":
                continue
            segments = unified_highlights(diff, diff.rows[item.row])
            marked = _render(highlights_markdown(segments))
            expected = [(ch, s.kind) for s in segments for ch in s.text]
            assert _side(marked.chars, "a") == _side(expected, "a")
            assert _side(marked.chars, "b") == _side(expected, "b")
            assert _kinds(marked.chars) == _kinds(expected)


def test_a_change_in_a_long_clause_is_shown_on_one_line_with_context() -> None:
    long_a = "甲" * 60 + "旧" + "乙" * 60
    long_b = "甲" * 60 + "新" + "乙" * 60
    diff = make_diff(document(f"一、总则\n{long_a}\n"), document(f"一、总则\n{long_b}\n", "b.txt"),
                     [("equal", [0], [0]), ("modified", [1], [1])])  # fmt: skip
    text = render_markdown(diff)
    line = next(line for line in text.splitlines() if "~~旧~~" in line)
    assert line == "…" + "甲" * 16 + "~~旧~~**新**" + "乙" * 16 + "…"


def test_hidden_characters_are_named_never_passed_on() -> None:
    a = document("一、总则\n价款\u202e元001\u202c整\n")
    b = document("一、总则\n价款\u202e元002\u202c整\n", "b.txt")
    text = render_markdown(make_diff(a, b, [("equal", [0], [0]), ("modified", [1], [1])]))
    assert INVISIBLE.search(text) is None
    rendered = "".join(ch for ch, _ in _render(text).chars)
    assert "价款<U+202E>元00" in rendered


def test_moved_clause_names_where_it_came_from() -> None:
    a = document("一、总则\n第一句\n二、分则\n第二句\n")
    b = document("一、总则\n第二句\n二、分则\n第一句\n", "b.txt")
    diff = make_diff(a, b, [("equal", [0], [0]), ("moved", [3], [1]), ("equal", [2], [2]), ("moved", [1], [3])])
    text = render_markdown(diff)
    assert "（自 A 一 移来）" in text and "（自 A 二 移来）" in text


def test_identical_documents_say_so() -> None:
    text = render_markdown(diff_002_t2s())
    assert "没有差异" in text and "### " not in text
