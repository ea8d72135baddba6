"""The Word report (diffing/report_docx.py): reopened with python-docx, accepted, rejected, opened by LibreOffice."""

from __future__ import annotations

import subprocess
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from corpus.document import Document
from corpus.pipeline import from_text
from diffing.model import Clause, Diff
from diffing.report_docx import AUTHOR, render_docx

from .docx_views import W, revisions, view
from .handmade import document, make_diff
from .pairs import diff_000_001, diff_002_t2s, real_diff, real_pair_names

WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def _paragraphs(doc: Document, clauses: tuple[Clause, ...]) -> list[str]:
    """A document's clauses, one paragraph per original line (text between clauses on a line left out)."""
    out: list[str] = []
    previous_end: int | None = None
    for clause in clauses:
        lo, hi = doc.to_original(clause.start, clause.end)
        text = "".join(doc.original[s:e] for s, e in doc.spans(clause.start, clause.end))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        gap = doc.original[previous_end:lo] if previous_end is not None else ""
        if previous_end is None or "\n" in gap or "\r" in gap:
            out.append(text)
        else:
            out[-1] += text
        previous_end = hi
    return out or [""]


def _normalized(diff: Diff, texts: list[str]) -> list[str]:
    options = diff.options.with_(boilerplate=False, junk=False)
    return [from_text(t, options=options).text for t in texts]


def _check_views(diff: Diff, data: bytes) -> None:
    """Accepting all gives B's paragraphs exactly; rejecting all gives A's (B's wording where equal)."""
    assert view(data, accept=True) == _paragraphs(diff.b, diff.b_clauses)
    assert _normalized(diff, view(data, accept=False)) == _normalized(diff, _paragraphs(diff.a, diff.a_clauses))


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
    assert [t.replace(" ", "") for t in view(data, accept=False)] == [
        "一、总则",
        "加强两地国土空间。第二句",
        "旧段落",
        "第三句",
    ]


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
    for mark in marks:
        assert mark.get(f"{W}author") == AUTHOR
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


def test_identical_documents_give_b_without_any_mark() -> None:
    diff = diff_002_t2s()
    data = render_docx(diff, WHEN)
    assert revisions(data) == []
    assert view(data, accept=True) == _paragraphs(diff.b, diff.b_clauses)


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
    assert view(again, accept=True) == _paragraphs(diff.b, diff.b_clauses)
    assert _normalized(diff, view(again, accept=False)) == _normalized(diff, _paragraphs(diff.a, diff.a_clauses))
    ours = Counter(str(m.tag).removeprefix(W) for m in revisions(report.read_bytes()))
    theirs = Counter(str(m.tag).removeprefix(W) for m in revisions(again))
    assert theirs["moveFromRangeStart"] == ours["moveFromRangeStart"]
