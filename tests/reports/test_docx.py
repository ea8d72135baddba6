"""The Word report (diffing/reports/redline_docx.py): reopened with python-docx, accepted, rejected, opened by
LibreOffice."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest

from diffing.docx_compat import run_element
from diffing.model import Diff
from diffing.reports.redline_docx import AUTHOR, AUTHOR_IGNORED, heading_levels, render_docx

from .docx_views import W, apply_revisions, body, marked, revisions, view
from .handmade import document, make_diff
from .pairs import diff_000_001, diff_002_t2s, real_diff, real_pair_names

WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def _lines(text: str) -> list[str]:
    """A text as Word paragraphs: one per line (a line end closes a line; none opens an empty last one)."""
    lines = re.split(r"\r\n|\r|\n", text)
    return lines[:-1] if len(lines) > 1 and lines[-1] == "" else lines


def _ended(paragraphs: list[str], text: str) -> list[str]:
    """The paragraphs, less an empty last one that ``text`` lacks (Word always has a last paragraph)."""
    if paragraphs[-1:] == [""] and paragraphs[:-1] == _lines(text):
        return paragraphs[:-1]
    return paragraphs


def _check_views(diff: Diff, data: bytes) -> None:
    """Accepting all gives B exactly as written, rejecting all gives A exactly as written."""
    assert _ended(view(data, accept=True), diff.b.original) == _lines(diff.b.original)
    assert _ended(view(data, accept=False), diff.a.original) == _lines(diff.a.original)


def test_accepting_gives_b_and_rejecting_gives_a_on_a_handmade_diff() -> None:
    a = document("一、总则\n加强 两地国土 空间。第二句\n旧段落\n第三句\n")
    b = document("一、总则\n加强两地领土空间。\n第二句新增\n第三句\n", "b.txt")
    diff = make_diff(
        a,
        b,
        [("equal", [0], [0]), ("split", [1], [1, 2]), ("deleted", [2], []), ("equal", [3], [3])],
    )
    data = render_docx(diff, WHEN)
    assert view(data, accept=True) == ["一、总则", "加强两地领土空间。", "第二句新增", "第三句"]
    assert view(data, accept=False) == ["一、总则", "加强 两地国土 空间。第二句", "旧段落", "第三句"]


@pytest.mark.parametrize("name", ["01_holiday_measures", "04_admin_reconsideration_law", "06_company_law"])
def test_accept_all_in_the_xml_gives_b_and_reject_all_gives_a_character_for_character(name: str) -> None:
    diff = real_diff(name)
    data = render_docx(diff, WHEN)
    assert _ended(apply_revisions(data, accept=True), diff.b.original) == _lines(diff.b.original)
    assert _ended(apply_revisions(data, accept=False), diff.a.original) == _lines(diff.a.original)


def test_rejecting_keeps_a_half_width_numbers_and_accepting_keeps_b_spaces() -> None:
    diff = real_diff("01_holiday_measures")
    data = render_docx(diff, WHEN)
    rejected, accepted = view(data, accept=False), view(data, accept=True)
    assert "(一)新年，放假1天(1月1日)；" in rejected
    assert any(line.startswith("第一条 为统一全国年节") for line in accepted)
    assert any("\u3000" in line for line in accepted)


def test_renumbered_article_is_a_tracked_change_of_its_number_only() -> None:
    diff = real_diff("01_holiday_measures")
    paragraphs = body(render_docx(diff, WHEN)).findall(f"{W}p")
    renumbered = [p for p in paragraphs if "".join(t.text or "" for t in p.iter(f"{W}delText")) == "七"]
    assert renumbered, "old 第七条 is not a tracked change of 七"
    p = renumbered[0]
    assert "".join(t.text or "" for t in p.iter(f"{W}t")).startswith("第八条 ")
    inserted = [t.text for ins in p.iter(f"{W}ins") for t in ins.iter(f"{W}t")]
    assert inserted == ["八"]
    assert p.find(f"{W}pPr/{W}rPr") is None  # its paragraph mark is not tracked: nothing glued to the next


def _styles(data: bytes) -> dict[str, str]:
    """Style id of each paragraph that has one, by the paragraph's text as accepted (B's)."""
    out: dict[str, str] = {}
    for p in body(data).iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None:
            text = "".join(t.text or "" for t in p.iter(f"{W}t"))  # w:t: B's text; A's is in w:delText
            out[text] = style.get(f"{W}val")
    return out


def test_headings_have_word_heading_styles_for_the_navigation_pane() -> None:
    styled = _styles(render_docx(real_diff("06_company_law"), WHEN))
    assert styled["# 中华人民共和国公司法"] == "Heading1"
    assert styled["## 第一章 总 则"] == "Heading2"
    assert styled["## 第二章 公司登记"] == "Heading2"
    assert styled["### 第一节 股份发行"] == "Heading3"
    pair_01 = _styles(render_docx(real_diff("01_holiday_measures"), WHEN))
    assert pair_01 == {"# 全国年节及纪念日放假办法": "Heading1"}


def test_first_page_has_title_and_legend_and_no_page_repeats_a_header_of_paths() -> None:
    diff = real_diff("01_holiday_measures")
    document = docx.Document(io.BytesIO(render_docx(diff, WHEN)))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    first = [p.text for p in section.first_page_header.paragraphs]
    assert first[0] == "全国年节及纪念日放假办法"
    assert any("全部接受得 B 原文" in line for line in first)
    assert any("序号调整 1 处" in line for line in first)
    assert all(not p.text for p in section.header.paragraphs)
    assert all(diff.a.name not in p.text for p in document.paragraphs)


@pytest.mark.parametrize(
    "make",
    [diff_000_001, lambda: real_diff("01_holiday_measures"), lambda: real_diff("03_ip_tribunal_provisions")],
    ids=["000-001", "01", "03"],
)
def test_accepting_gives_b_and_rejecting_gives_a_on_real_pairs(make: object) -> None:
    diff = make()  # type: ignore[operator]
    _check_views(diff, render_docx(diff, WHEN))


@pytest.mark.slow
@pytest.mark.parametrize("name", [n for n in real_pair_names() if n[:2] not in ("01", "03")])
def test_accepting_and_rejecting_reads_each_version_of_every_real_pair(name: str) -> None:
    diff = real_diff(name)
    _check_views(diff, render_docx(diff, WHEN))


def test_revision_marks_carry_author_date_and_unique_ids() -> None:
    data = render_docx(diff_000_001(), WHEN)
    marks = revisions(data)
    kinds = Counter(str(m.tag).removeprefix(W) for m in marks)
    assert kinds["ins"] > 0 and kinds["del"] > 0
    assert {m.get(f"{W}author") for m in marks} == {AUTHOR, AUTHOR_IGNORED}
    for mark in marks:
        assert mark.get(f"{W}date") == "2026-01-02T03:04:05Z"
    ids = [m.get(f"{W}id") for m in marks]
    assert len(ids) == len(set(ids))


def test_deleted_text_is_in_deltext_and_inserted_text_in_t() -> None:
    a, b = document("一、总则\n放假3天\n"), document("一、总则\n放假4天\n", "b.txt")
    data = render_docx(make_diff(a, b, [("equal", [0], [0]), ("modified", [1], [1])]), WHEN)
    marks = {str(m.tag).removeprefix(W): m for m in revisions(data)}
    assert [t.text for t in marks["del"].iter(f"{W}delText")] == ["3"]
    assert [t.text for t in marks["ins"].iter(f"{W}t")] == ["4"]


def test_unchanged_move_is_a_tracked_move_and_a_changed_one_is_delete_plus_insert() -> None:
    a = document("一、总则\n第一句原样\n第二句\n第三句\n第四句将改\n")
    b = document("一、总则\n第二句\n第一句原样\n第三句\n第四句已改了\n", "b.txt")
    diff = make_diff(
        a,
        b,
        [
            ("equal", [0], [0]),
            ("equal", [2], [1]),
            ("moved", [1], [2]),
            ("equal", [3], [3]),
            ("modified", [4], [4]),
        ],
    )
    data = render_docx(diff, WHEN)
    kinds = [str(m.tag).removeprefix(W) for m in revisions(data)]
    assert kinds.count("moveFrom") == kinds.count("moveTo") == 1
    starts = {str(m.tag).removeprefix(W): m.get(f"{W}name") for m in revisions(data) if "RangeStart" in str(m.tag)}
    assert starts["moveFromRangeStart"] == starts["moveToRangeStart"]
    assert view(data, accept=True) == ["一、总则", "第二句", "第一句原样", "第三句", "第四句已改了"]
    assert view(data, accept=False) == ["一、总则", "第一句原样", "第二句", "第三句", "第四句将改"]

    changed = make_diff(
        document("第一句原样子\n第二句\n"),
        document("第二句\n第一句改样子\n", "b.txt"),
        [("equal", [1], [0]), ("moved", [0], [1])],
    )
    data = render_docx(changed, WHEN)
    kinds = [str(m.tag).removeprefix(W) for m in revisions(data)]
    assert "moveFrom" not in kinds and "moveTo" not in kinds
    assert view(data, accept=True) == ["第二句", "第一句改样子"]
    assert view(data, accept=False) == ["第一句原样子", "第二句"]


def test_documents_equal_after_normalization_differ_only_by_marks_of_the_ignored_author() -> None:
    diff = diff_002_t2s()  # Traditional against Simplified: equal after normalization
    data = render_docx(diff, WHEN)
    marks = revisions(data)
    assert marks and {m.get(f"{W}author") for m in marks} == {AUTHOR_IGNORED}
    _check_views(diff, data)


def test_identical_documents_give_b_without_any_mark() -> None:
    text = "一、总则\n第一条 内容。\n"
    diff = make_diff(document(text), document(text, "b.txt"), [("equal", [0], [0]), ("equal", [1], [1])])
    data = render_docx(diff, WHEN)
    assert revisions(data) == []
    assert view(data, accept=True) == ["一、总则", "第一条 内容。"]


def test_line_breaks_tabs_and_control_characters_survive() -> None:
    a = document("甲\t乙\n丙\x01丁\n")
    b = document("甲\t乙改\n丙\x01丁\n", "b.txt")
    data = render_docx(make_diff(a, b, [("modified", [0], [0]), ("equal", [1], [1])]), WHEN)
    assert view(data, accept=True) == ["甲\t乙改", "丙\ufffd丁"]


def test_injected_markup_is_plain_text() -> None:
    payload = '<w:p><w:r><w:t>x</w:t></w:r></w:p><script>alert(1)</script>"&'
    a, b = document(f"甲{payload}\n"), document(f"乙{payload}\n", "b.txt")
    data = render_docx(make_diff(a, b, [("modified", [0], [0])]), WHEN)
    assert view(data, accept=True) == [f"乙{payload}"]


def _soffice(soffice: str, args: list[str], cwd: Path) -> None:
    profile = (cwd / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        timeout=180,
    )


@pytest.mark.office
@pytest.mark.slow
def test_libreoffice_opens_the_report_and_keeps_its_revisions(soffice: str, tmp_path: Path) -> None:
    diff = real_diff("04_admin_reconsideration_law")  # it has moves that Word can show as moves
    report = tmp_path / "report.docx"
    report.write_bytes(render_docx(diff, WHEN))
    _soffice(soffice, ["--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(report)], tmp_path)
    pdf = tmp_path / "pdf" / "report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    # Saved again by LibreOffice, the revisions are still there: accepting and rejecting give B and A.
    again_dir = tmp_path / "again"
    _soffice(soffice, ["--convert-to", "docx:MS Word 2007 XML", "--outdir", str(again_dir), str(report)], tmp_path)
    again = (again_dir / "report.docx").read_bytes()
    assert _ended(view(again, accept=True), diff.b.original) == _lines(diff.b.original)
    assert _ended(view(again, accept=False), diff.a.original) == _lines(diff.a.original)
    ours = Counter(str(m.tag).removeprefix(W) for m in revisions(report.read_bytes()))
    theirs = Counter(str(m.tag).removeprefix(W) for m in revisions(again))
    assert theirs["moveFromRangeStart"] == ours["moveFromRangeStart"]


@pytest.mark.office
@pytest.mark.slow
def test_libreoffice_converts_the_redlines_of_pairs_01_04_06_to_pdf(soffice: str, tmp_path: Path) -> None:
    names = ["01_holiday_measures", "04_admin_reconsideration_law", "06_company_law"]
    reports = []
    for name in names:
        report = tmp_path / f"{name}.docx"
        report.write_bytes(render_docx(real_diff(name), WHEN))
        reports.append(str(report))
    _soffice(soffice, ["--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *reports], tmp_path)
    for name in names:
        pdf = tmp_path / "pdf" / f"{name}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
        assert b"/Outlines" in pdf.read_bytes()  # the heading styles gave the PDF its outline (bookmarks)


def test_heading_levels_follow_the_kinds_a_document_uses() -> None:
    law = "第一编 总则\n第一章 基本规定\n第一节 一般规定\n第一条 为了……\n一、说明\n"
    assert heading_levels([law]) == {"编": 1, "章": 2, "节": 3, "、": 4}
    assert heading_levels(["一、总体要求\n（一）强化规划引领。\n"]) == {"、": 1}
    assert heading_levels(["# 标题\n## 第一章 总则\n第二章 分则\n"]) == {"#": 1, "##": 2, "章": 1}
    long_line = "一、" + "正文" * 30 + "。\n"
    assert heading_levels([long_line]) == {}  # a paragraph that starts with 一、 is not a heading


def test_a_pdf_side_is_cited_by_page_in_word_comments_on_its_changed_paragraphs() -> None:
    """Issue 22 item 4: ``wendiff diff scan.pdf law.docx`` cites pages on the PDF side in the Word report too:
    a comment ``A 第N页`` on each changed paragraph (the text itself is untouched)."""
    from corpus.pipeline import from_source
    from corpus.read import source_from_bytes
    from diffing.compare import compare
    from tests.corpus.pdf_layers import Line, pdf_of

    first, second = "第一条 为了规范管理，制定本办法。", "第二条 本办法自公布之日起施行。"
    pdf = source_from_bytes("scan.pdf", pdf_of([[Line(first, 700)], [Line(second, 700)]]))
    law = source_from_bytes("law.txt", f"{first}\n第二条 本办法自发布之日起施行。\n".encode())
    diff = compare(from_source(pdf), from_source(law))
    data = render_docx(diff, WHEN)
    _check_views(diff, data)
    report = docx.Document(io.BytesIO(data))
    assert [(c.author, c.text) for c in report.comments] == [("wendiff", "A 第2页")]
    anchored = [p for p in body(data).iter(f"{W}p") if p.find(f".//{W}commentRangeStart") is not None]
    assert len(anchored) == 1 and "本办法" in "".join(anchored[0].itertext())


def test_two_text_files_give_a_word_report_without_comments() -> None:
    diff = real_diff("01_holiday_measures")
    assert len(docx.Document(io.BytesIO(render_docx(diff, WHEN))).comments) == 0


@pytest.mark.office
@pytest.mark.slow
def test_every_word_report_printed_by_libreoffice_shows_page_numbers(soffice: str, tmp_path: Path) -> None:
    import pypdfium2

    from diffing.amendments import draft
    from diffing.reports.amendments import amendments_docx
    from diffing.reports.table import table_docx
    from diffing.table import build_table

    pair = real_diff("04_admin_reconsideration_law")
    reports = {
        "redline": render_docx(pair, WHEN),
        "table": table_docx(build_table(pair)),
        "amendments": amendments_docx(draft(pair)),
    }
    for name, data in reports.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
    _soffice(soffice, ["--convert-to", "pdf", "--outdir", str(tmp_path), *(f"{n}.docx" for n in reports)], tmp_path)
    for name in reports:
        pdf = pypdfium2.PdfDocument(str(tmp_path / f"{name}.pdf"))
        assert len(pdf) >= 2, name
        for k in range(len(pdf)):  # the footer closes every page: — 1 —, — 2 —, …
            text = pdf[k].get_textpage().get_text_range()
            assert text.rstrip().endswith(f"— {k + 1} —"), (name, k)


def test_word_reports_use_the_official_faces_with_fallbacks() -> None:
    from docx.oxml.ns import qn

    from diffing.amendments import draft
    from diffing.reports.amendments import amendments_docx
    from diffing.reports.table import table_docx
    from diffing.table import build_table

    pair = real_diff("01_holiday_measures")
    titled = (table_docx(build_table(pair)), amendments_docx(draft(pair)))  # they open with their title
    for data in (render_docx(pair, WHEN), *titled):
        document = docx.Document(io.BytesIO(data))
        east_asia = {
            name: document.styles[name].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
            for name in ("Normal", "Heading 1", "Title")
        }
        assert east_asia == {"Normal": "仿宋", "Heading 1": "黑体", "Title": "方正小标宋简体"}
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            fonts = z.read("word/fontTable.xml").decode()
        assert '<w:altName w:val="FangSong,仿宋_GB2312"/>' in fonts and "SimHei" in fonts
    for data in titled:
        title = docx.Document(io.BytesIO(data)).paragraphs[0].runs[0]
        assert run_element(title).rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"


_NEW_LABEL = re.compile(r"第[零〇一二三四五六七八九十百千]+条(之[一二三四五六七八九十]+)?")


@pytest.mark.parametrize("name", ["04_admin_reconsideration_law", "10_procuratorate_criminal_procedure_rules"])
def test_a_new_articles_label_is_never_glued_onto_the_deleted_paragraph_before_it(name: str) -> None:
    # Pair 10 (around page 89 of its redline): `[-报送案件的具体手续由发现案件线索的业务部门办理。-]{+第十六条+}`,
    # B's 第十六条 tacked onto the end of A's deleted paragraph, its text two paragraphs below.
    diff = real_diff(name)
    data = render_docx(diff, WHEN)
    glued = []
    for paragraph in marked(data):
        shown = [(kind, text) for kind, text in paragraph if text.strip()]
        if len(shown) > 1 and shown[-1][0] == "ins" and _NEW_LABEL.fullmatch(shown[-1][1].strip()):
            glued.append("".join(text for _, text in paragraph))  # the label ends a paragraph it does not open
    assert glued == []
    _check_views(diff, data)
    assert apply_revisions(data, accept=True)[: len(_lines(diff.b.original))] == _lines(diff.b.original)
    assert apply_revisions(data, accept=False)[: len(_lines(diff.a.original))] == _lines(diff.a.original)
