"""The 新旧对照表 (diffing/table.py, diffing/reports/table.py): real pair 01 in every format, read back."""

from __future__ import annotations

import io
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from markdown_it import MarkdownIt

from diffing.reports.table import table_docx, table_html, table_markdown, table_text
from diffing.table import Table, build_table

from .pairs import real_diff

PAIR_01 = "01_holiday_measures"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _table_01(full: bool = False) -> Table:
    return build_table(real_diff(PAIR_01), full)


def _plain(cell: tuple[tuple[object, ...], ...]) -> str:
    return "\n".join("".join(s.text for s in p) for p in cell)  # type: ignore[attr-defined]


def test_pair_01_has_rows_for_changed_articles_and_the_new_seventh_only() -> None:
    table = _table_01()
    assert [(r.a_name, r.b_name, r.note) for r in table.rows] == [
        ("第二条", "第二条", "修改"),
        ("第六条", "第六条", "修改"),
        ("", "第七条", "新增"),
    ]
    assert (table.unchanged, table.renumbered) == (4, 1)


def test_cells_hold_each_sides_original_text_with_its_own_marks() -> None:
    second = _table_01().rows[0]
    assert _plain(second.before).splitlines()[1] == "(一)新年，放假1天(1月1日)；"  # A's half-width brackets
    assert _plain(second.after).splitlines()[1] == "（一）元旦，放假1天（1月1日）；"
    assert {s.kind for p in second.before for s in p} == {"same", "del"}
    assert {s.kind for p in second.after for s in p} == {"same", "ins"}
    assert [s.text for s in second.before[1] if s.kind == "del"] == ["新年"]
    assert [s.text for s in second.after[1] if s.kind == "ins"] == ["元旦"]
    new = _table_01().rows[2]
    assert new.before == ()
    assert _plain(new.after).startswith("第七条 全体公民放假的假日，可合理安排统一放假调休")
    assert all(s.kind == "ins" for p in new.after for s in p)


def test_all_shows_the_renumbered_and_unchanged_articles_too() -> None:
    table = _table_01(full=True)
    notes = {(r.a_name, r.b_name): r.note for r in table.rows}
    assert notes[("第七条", "第八条")] == "条文顺序调整"
    assert notes[("第一条", "第一条")] == "未修改"
    assert len(table.rows) == 3 + 4 + 1
    renumbered = next(r for r in table.rows if r.b_name == "第八条")
    assert all(s.kind == "same" for p in (*renumbered.before, *renumbered.after) for s in p)


def test_titles_and_dates_of_both_versions_come_from_the_front_matter() -> None:
    table = _table_01()
    assert table.a_title == table.b_title == "全国年节及纪念日放假办法"
    assert table.a_date.startswith("2007年12月14日")
    assert table.b_date.startswith("2024年11月10日")


def test_docx_of_pair_01_reopens_with_the_rows_marks_and_count_under_the_table() -> None:
    document = docx.Document(io.BytesIO(table_docx(_table_01())))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    grid = document.tables[0]
    assert [c.text for c in grid.rows[0].cells] == ["修改前", "修改后", "说明"]
    assert grid.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None
    texts = [[c.text for c in row.cells] for row in grid.rows[1:]]
    assert [t[2] for t in texts] == ["修改", "修改", "新增"]
    assert texts[0][0].startswith("第二条") and texts[0][1].startswith("第二条")
    assert texts[2][0] == "" and texts[2][1].startswith("第七条 全体公民放假的假日")
    struck = [r.text for p in grid.rows[1].cells[0].paragraphs for r in p.runs if r.font.strike]
    bold = [r.text for p in grid.rows[1].cells[1].paragraphs for r in p.runs if r.bold]
    assert struck == ["新年", "3", "、初二、", "1", "、2日、"]  # tight inline changes (issue 25)
    assert bold == ["元旦", "4", "除夕、", "至", "2", "、2日", "至"]
    after = [p.text for p in document.paragraphs]
    assert any("仅序号变化" in t and "1 条" in t for t in after)
    assert "第八条" not in "".join(c.text for row in grid.rows for c in row.cells)


class _Cells(HTMLParser):
    """Table cells of an HTML page: their text and the text inside <del>/<ins>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[dict[str, str]]] = []
        self._cell: dict[str, str] | None = None
        self._marks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = {"text": "", "del": "", "ins": ""}
            self.rows[-1].append(self._cell)
        elif tag in ("del", "ins", "s", "strong"):
            self._marks.append({"s": "del", "strong": "ins"}.get(tag, tag))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("del", "ins", "s", "strong") and self._marks:
            self._marks.pop()
        elif tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell["text"] += data
            for mark in set(self._marks):
                self._cell[mark] += data


def _cells(html: str) -> list[list[dict[str, str]]]:
    parser = _Cells()
    parser.feed(html)
    return parser.rows


def test_html_of_pair_01_has_the_same_rows_and_marks() -> None:
    page = table_html(_table_01())
    rows = _cells(page)
    assert [c["text"] for c in rows[0]] == ["修改前", "修改后", "说明"]
    assert [r[2]["text"] for r in rows[1:]] == ["修改", "修改", "新增"]
    assert rows[1][0]["del"] == "新年3、初二、1、2日、"
    assert rows[1][1]["ins"] == "元旦4除夕、至2、2日至"
    assert rows[3][1]["text"].startswith("第七条 全体公民放假的假日")
    assert "仅序号变化（条文顺序调整）的 1 条" in page
    assert "Content-Security-Policy" in page


def test_markdown_of_pair_01_renders_as_a_table_with_the_same_rows() -> None:
    md = table_markdown(_table_01())
    rendered = MarkdownIt("commonmark").enable(["strikethrough", "table"]).render(md)
    rows = _cells(rendered)
    assert [c["text"] for c in rows[0]] == ["修改前", "修改后", "说明"]
    assert [r[2]["text"] for r in rows[1:]] == ["修改", "修改", "新增"]
    # marked as in HTML: a mark that would not render beside a CJK character is a <del>/<ins> tag
    # (diffing.reports.redline_md)
    assert rows[1][0]["del"] == "新年3、初二、1、2日、"
    assert rows[1][1]["ins"] == "元旦4除夕、至2、2日至"
    assert "仅序号变化（条文顺序调整）的 1 条" in md


def test_text_view_marks_deletions_and_insertions_and_counts_what_it_left_out() -> None:
    text = table_text(_table_01())
    assert "【第二条 → 第二条】修改" in text
    assert "(一)[-新年-]，放假1天(1月1日)；" in text
    assert "（一）{+元旦+}，放假1天（1月1日）；" in text
    assert "【第七条】新增" in text
    assert text.rstrip().endswith("未列入本表（--all 列出）。")


def test_bidirectional_controls_in_a_document_are_shown_as_marks_never_applied() -> None:
    from corpus.pipeline import from_text
    from diffing.compare import compare

    a = from_text("第一条 价款100元。\n", "a.txt")
    b = from_text("第一条 价款\u202e元001\u202c。\n", "b.txt")
    from diffing.amendments import draft
    from diffing.reports.amendments import amendments_docx, amendments_html, amendments_markdown, amendments_text

    diff = compare(a, b)
    table = build_table(diff)
    decision = draft(diff)
    word = docx.Document(io.BytesIO(amendments_docx(decision)))
    for out in (
        table_html(table),
        table_markdown(table),
        table_text(table),
        amendments_text(decision),
        amendments_markdown(decision),
        amendments_html(decision),
        "\n".join(p.text for p in word.paragraphs),
    ):
        assert "\u202e" not in out
        # the mark <U+202E>, its brackets escaped as HTML (&lt;) and Markdown (\<) escape them
        assert "U+202E" in out


@pytest.mark.parametrize(
    "name", ["04_admin_reconsideration_law", "06_company_law", "10_procuratorate_criminal_procedure_rules"]
)
def test_every_changed_article_of_a_real_pair_is_a_row_and_every_other_is_counted(name: str) -> None:
    from diffing.correspond import correspond
    from diffing.division_pairs import division_pairs
    from diffing.draft_groups import groups

    diff = real_diff(name)
    corr = correspond(diff)
    table = build_table(diff, corr=corr)
    pairs = division_pairs(corr, diff.structure)  # division headings: a row per pair of the article map
    a_heads, b_heads = {h.unit for p in pairs for h in p.a}, {h.unit for p in pairs for h in p.b}
    others = [link for link in corr.links if link.a not in a_heads and link.b not in b_heads]
    links = len(others) - sum(len(g.links) - 1 for g in groups(corr))  # merged or split articles: one row
    assert len(table.rows) + table.unchanged + table.renumbered == links + len(pairs)
    full = build_table(diff, full=True, corr=corr)
    assert len(full.rows) == links + len(pairs)
    # each B article appears once in the full table (a split article's several in one row)
    articles = [r.b_name for r in full.rows if r.b_name.startswith("第") and r.b_name.endswith("条")]
    b_names = [n for name in articles for n in name.split("、")]
    assert len(b_names) == len(set(b_names))
    assert all(re.fullmatch(r"第.+条", n) for n in b_names)
    assert len(table_html(table).encode("utf-8")) <= 1_000_000  # issue 11: a report of the largest pair ≤ 1 MB


@pytest.mark.office
@pytest.mark.slow
def test_libreoffice_converts_the_table_and_keeps_its_repeating_header(soffice: str, tmp_path: Path) -> None:
    from diffing.amendments import draft
    from diffing.reports.amendments import amendments_docx

    table = build_table(real_diff("06_company_law"))
    (tmp_path / "table.docx").write_bytes(table_docx(table))
    (tmp_path / "amendments.docx").write_bytes(amendments_docx(draft(real_diff("01_holiday_measures"))))
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    for target, out in (("pdf", "pdf"), ("docx:MS Word 2007 XML", "again")):
        subprocess.run(
            [soffice, profile, "--headless", "--convert-to", target, "--outdir", str(tmp_path / out),
             str(tmp_path / "table.docx"), str(tmp_path / "amendments.docx")],
            cwd=tmp_path, check=True, capture_output=True, timeout=300,
        )  # fmt: skip
    for name in ("table", "amendments"):
        assert (tmp_path / "pdf" / f"{name}.pdf").read_bytes().startswith(b"%PDF")
    pdf = (tmp_path / "pdf" / "table.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) > 10  # many pages, each with the header row
    again = docx.Document(str(tmp_path / "again" / "table.docx"))
    grid = again.tables[0]
    assert len(grid.rows) == len(table.rows) + 1
    assert grid.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None
    section = again.sections[0]
    assert section.page_width > section.page_height


def test_a_new_article_made_of_old_text_says_where_the_text_came_from() -> None:
    from corpus.pipeline import from_text
    from diffing.compare import compare

    a = (
        "第一条 公司是企业法人，有独立的法人财产。\n\n公司的合法权益受法律保护，不受侵犯。\n\n"
        "第二条 本法自公布之日起施行。\n"
    )
    b = (
        "第一条 公司是企业法人，有独立的法人财产。\n\n第二条 公司的合法权益受法律保护，不受侵犯。\n\n"
        "第三条 本法自公布之日起施行。\n"
    )
    table = build_table(compare(from_text(a, "a.txt"), from_text(b, "b.txt")))
    # the second 款 became an article of its own: one row for the split article
    assert [(r.a_name, r.b_name, r.note) for r in table.rows] == [
        ("第一条", "第一条、第二条", "拆分：第一条分为第一条、第二条"),
    ]


def test_the_labels_of_linked_articles_are_never_marked() -> None:
    table = build_table(real_diff("06_company_law"))
    for row in table.rows:
        if row.a_name.endswith("条") and row.b_name.endswith("条"):
            a_first, b_first = row.a_name.split("、")[0], row.b_name.split("、")[0]  # merged or split: several
            assert row.before[0][0].kind == "same" and row.before[0][0].text.startswith(a_first)
            assert row.after[0][0].kind == "same" and row.after[0][0].text.startswith(b_first)


@pytest.mark.parametrize("name", ["01_holiday_measures", "10_procuratorate_criminal_procedure_rules"])
def test_markdown_before_column_carries_deletions_only_and_after_column_insertions_only(name: str) -> None:
    # pair 10 had 187 bold marks in 修改前 and 228 strikes in 修改后; pair 01 rendered 初初三
    md = table_markdown(build_table(real_diff(name)))
    rows = _cells(MarkdownIt("commonmark").enable(["strikethrough", "table"]).render(md))
    assert len(rows) > 1
    assert all(not row[0]["ins"] and not row[1]["del"] for row in rows[1:])


def test_versions_name_the_documents_by_title_and_date_never_by_path() -> None:
    # pair 10 wrote 修改前：/…/a.txt（人民检察院刑事诉讼规则（试行）；…）, a path and a doubled ）
    table = build_table(real_diff("10_procuratorate_criminal_procedure_rules"))
    for text in (table_text(table), table_markdown(table), table_html(table)):
        assert "/" not in "".join(line for line in text.splitlines() if line.lstrip("- ").startswith("修改"))
        assert "修改前：《人民检察院刑事诉讼规则（试行）》（2012年10月16日" in text
    assert "））" not in table_text(table).splitlines()[1]


def test_every_format_has_a_legend_marked_as_the_table_is() -> None:
    table = _table_01()
    assert "图例：[-删去-]为删去的文字" in table_text(table)
    rendered = _cells(MarkdownIt("commonmark").enable(["strikethrough", "table"]).render(table_markdown(table)))
    assert rendered  # the legend is a paragraph above the table
    assert "图例：~~删去~~为删去的文字" in table_markdown(table)
    assert '<p class="legend">图例：<del>删去</del>为删去的文字' in table_html(table)
    word = docx.Document(io.BytesIO(table_docx(table)))
    legend = next(p for p in word.paragraphs if p.text.startswith("图例："))
    assert [r.text for r in legend.runs if r.font.strike] == ["删去"]
    assert [r.text for r in legend.runs if r.bold] == ["增加"]


def test_a_long_html_table_keeps_its_header_in_view_and_opens_with_contents() -> None:
    page = table_html(build_table(real_diff("10_procuratorate_criminal_procedure_rules")))
    assert "position:sticky" in page
    assert '<details class="contents">' in page and '<a href="#r1">' in page and '<tr id="r1">' in page
    assert '<details class="contents">' not in table_html(_table_01())  # three rows need no contents


def test_merged_and_split_articles_are_one_row_each_saying_so() -> None:
    # pair 06: A 第十四条 became B 第十三条 and 第三十八条; A 第一百三十三条 and 第一百三十五条 became B 第一百五十一条
    table = build_table(real_diff("06_company_law"))
    notes = [row.note for row in table.rows]
    assert "拆分：第十四条分为第十三条、第三十八条" in notes
    assert "合并：第一百三十三条、第一百三十五条合并为第一百五十一条" in notes
    split = table.rows[notes.index("拆分：第十四条分为第十三条、第三十八条")]
    after = ["".join(s.text for s in p) for p in split.after]
    assert after[0].startswith("第十三条") and any(p.startswith("第三十八条") for p in after)
    # text that went from the one article to the other is not struck: it is in the group
    assert not any(s.kind == "del" and "分公司" in s.text for p in split.before for s in p)
    # neither half is a row of its own
    assert not any(row.b_name == "第三十八条" for row in table.rows)


def test_chapter_rows_follow_the_article_map_of_divisions() -> None:
    # pair 04: A 第二章 行政复议范围 became B 第二章's 第一节, A 第三章 行政复议申请 is B 第二章, A 第四章
    # 行政复议受理 is B 第三章, and B 第四章 行政复议审理 is new (not A 第四章 renamed, and no chapter left out)
    table = build_table(real_diff("04_admin_reconsideration_law"))
    rows = {(r.a_name, r.b_name): r.note for r in table.rows if "章" in r.a_name + r.b_name or "节" in r.b_name}
    assert rows[("第二章 行政复议范围", "第一节 行政复议范围")] == "第二章改为第二章第一节"
    assert rows[("第三章 行政复议申请", "第二章 行政复议申请")] == "第三章改为第二章"
    assert rows[("第四章 行政复议受理", "第三章 行政复议受理")] == "第四章改为第三章"
    assert rows[("", "第四章 行政复议审理")] == "新增"
    assert rows[("", "第二节 行政复议参加人")] == "新增"
    assert not any("第一章" in a + b for a, b in rows)  # 总则 and 总 则: the same chapter, unchanged


def test_every_division_heading_of_both_sides_is_in_one_row_of_the_full_table() -> None:
    diff = real_diff("04_admin_reconsideration_law")
    full = build_table(diff, full=True)
    a_heads = [r.a_name for r in full.rows if re.match(r"第.+[章节] ", r.a_name)]
    b_heads = [r.b_name for r in full.rows if re.match(r"第.+[章节] ", r.b_name)]
    assert len(a_heads) == 7 and len(set(a_heads)) == 7
    assert len(b_heads) == 16 and len(set(b_heads)) == 16
