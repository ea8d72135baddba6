"""The HTML, Markdown and Word reports say, in their header, which pages of which side were read by OCR, or
were scanned images not compared (issue 22: "reports and the app say which pages were OCR'd"), as the JSON
report and the warning do. The test that runs the engine is skipped, in one line naming the extra, when it
is not installed (CI installs it)."""

from __future__ import annotations

import io
import re

import docx
import pytest

from corpus.pipeline import from_source
from corpus.read import source_from_bytes
from diffing.compare import compare
from diffing.model import Diff
from diffing.reports.redline_docx import render_docx
from diffing.reports.redline_html import render_html
from diffing.reports.redline_md import render_markdown
from tests.corpus.scans import FIRST, LINES, NEEDS_EXTRA, mixed_pdf


def _law_against_scan() -> Diff:
    law = source_from_bytes("law.txt", "\n".join([FIRST, *LINES]).encode())
    return compare(from_source(law), from_source(source_from_bytes("mixed.pdf", mixed_pdf())))


def _html_row(html: str, label: str) -> tuple[str, str]:
    """The A and B cells of the header row ``label`` of the HTML report, as text."""
    found = re.search(rf"<tr><th>{label}</th><td>(.*?)</td><td>(.*?)</td></tr>", html)
    assert found, f"no {label} row in the header"
    return re.sub("<[^>]+>", "", found[1]), re.sub("<[^>]+>", "", found[2])


def _md_row(text: str, label: str) -> tuple[str, str]:
    found = re.search(rf"^\| {label} \| (.*?) \| (.*?) \|$", text, re.M)
    assert found, f"no {label} row in the header"
    return found[1], found[2]


def _docx_header(data: bytes) -> list[str]:
    section = docx.Document(io.BytesIO(data)).sections[0]
    return [p.text for p in section.first_page_header.paragraphs]


@pytest.mark.slow
def test_pages_read_by_ocr_are_named_for_their_side_in_the_html_markdown_and_word_headers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("rapidocr_onnxruntime", reason=NEEDS_EXTRA)
    monkeypatch.setenv("WENDIFF_OCR", "1")
    diff = _law_against_scan()
    assert diff.b.source.ocr_read_pages == (2,)
    uncertain = sum(hi - lo for lo, hi in diff.b.source.uncertain)
    note = "第2页由 OCR 识别" + (f"（{uncertain} 个字识别不确定）" if uncertain else "")
    assert _html_row(render_html(diff), "读取") == ("—", note)
    assert _md_row(render_markdown(diff), "读取") == ("—", note)
    header = _docx_header(render_docx(diff))
    b_line = next(line for line in header if line.startswith("B（新文）"))
    a_line = next(line for line in header if line.startswith("A（原文）"))
    assert b_line.endswith(f"；{note}") and "OCR" not in a_line


def test_a_scanned_page_not_compared_is_named_in_the_html_markdown_and_word_headers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WENDIFF_OCR", "0")
    diff = _law_against_scan()
    assert diff.b.source.textless_pages == (2,)
    note = "第2页是扫描图像，没有文字层，未比较"
    assert _html_row(render_html(diff), "读取") == ("—", note)
    assert _md_row(render_markdown(diff), "读取") == ("—", note)
    assert any(line.startswith("B（新文）") and note in line for line in _docx_header(render_docx(diff)))


def test_documents_read_as_they_are_have_no_reading_row() -> None:
    a = source_from_bytes("a.txt", FIRST.encode())
    b = source_from_bytes("b.txt", LINES[0].encode())
    diff = compare(from_source(a), from_source(b))
    assert "<th>读取</th>" not in render_html(diff)
    assert "| 读取 |" not in render_markdown(diff)
    assert not any("OCR" in line or "扫描" in line for line in _docx_header(render_docx(diff)))
