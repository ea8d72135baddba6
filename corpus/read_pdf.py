"""Text out of a PDF's text layer, page by page, with pypdfium2 (PDFium).

Rules:

* The extractor was chosen by measurement (``bench/bench_pdf.py``): on CJK
  PDFs made by LibreOffice, PDFium's text matches the source after
  normalization where pdfminer.six loses characters, and it is several times
  faster; pypdfium2 is Apache-2.0/BSD-3-Clause.
* Text comes in PDFium's order, one line per line it reports; inside a line
  the characters are put left to right by their boxes, because writers emit a
  line's runs font by font (LibreOffice draws the quotes “” of a CJK line
  after the ideographs), and content order would move them.
* Pages are joined by `corpus.pages.join_pages`, which also finds the running
  headers, footers and page numbers (removed later as boilerplate).
* Every problem is an `ExtractError` with one short line: not a PDF, a
  truncated file (no ``%%EOF`` near its end), a password, no text layer at all
  (a scan: OCR it first), more text than ``--max-size`` (at most `MAX_TEXT_CHARS`), stopped page by page.
* A page with an image and no text in a PDF that has text elsewhere is a
  scanned page: its number goes to ``Paged.textless`` (the reader is warned
  that its text is not compared); a page with neither is just blank.
* PDFium is not thread-safe: every call into it holds `_PDFIUM_LOCK`.
  pypdfium2 is imported when first needed.
"""

from __future__ import annotations

import ctypes
import itertools
import threading
from dataclasses import dataclass
from typing import Any

from corpus.extract import ExtractError
from corpus.limits import human_size
from corpus.pages import Paged, join_pages

__all__ = ["MAX_TEXT_CHARS", "extract_pdf"]

MAX_TEXT_CHARS = 200 * 1024 * 1024
"""Size guard: a PDF whose text layer holds more characters than this is refused (a PDF bomb)."""

_PDFIUM_LOCK = threading.Lock()
_EOF_WINDOW = 2048
_FLAT = 0.1
"""A box lower than this (points) has no height: a space PDFium generated (about 0.01 high)."""


def extract_pdf(data: bytes, limit: int = MAX_TEXT_CHARS) -> Paged:
    """The text layer of a PDF, page by page, with its page starts and page furniture;
    extraction stops once the text passes ``limit`` characters (``--max-size``)."""
    if not data.startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise ExtractError("not a PDF file (no %PDF- header)")
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise ExtractError("truncated PDF file (no %%EOF at its end)")
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise ExtractError(_load_problem(str(exc))) from None
        try:
            pages, textless = _pages(pdf, min(limit, MAX_TEXT_CHARS))
        finally:
            pdf.close()
    if not any(line.strip() for lines in pages for line in lines):
        raise ExtractError("no text layer (a scanned image?); OCR it first")
    return join_pages(pages, textless)


def _load_problem(message: str) -> str:
    if "password" in message.lower():
        return "encrypted PDF (needs a password); save an unprotected copy"
    return "corrupt PDF file (PDFium cannot load it)"


def _pages(pdf: Any, limit: int) -> tuple[list[list[str]], tuple[int, ...]]:
    """Each page's lines, and the 1-based numbers of the pages with an image and no text."""
    pages: list[list[str]] = []
    textless: list[int] = []
    total = 0
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                lines = _page_lines(textpage)
            finally:
                textpage.close()
            if not any(line.strip() for line in lines) and _has_image(page):
                textless.append(index + 1)
        finally:
            page.close()
        total += sum(len(line) + 1 for line in lines)
        if total > limit:
            raise ExtractError(f"text layer over the {human_size(limit)} size limit (raise it with --max-size)")
        pages.append(lines)
    return pages, tuple(textless)


def _has_image(page: Any) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())


def _page_lines(textpage: Any) -> list[str]:
    """The page's lines in PDFium's order, each line's characters ordered left to right."""
    import pypdfium2.raw as pdfium_c

    count = textpage.count_chars()
    text: str = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # characters outside the BMP: indices are not characters; keep PDFium's order
        return [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    lines: list[str] = []
    current: list[_Char] = []
    for i, ch in enumerate(text):
        if ch == "\n":
            lines.extend(_left_to_right(current))
            current = []
            continue
        if ch == "\r":
            continue
        if pdfium_c.FPDFText_GetCharBox(textpage.raw, i, left, right, bottom, top):
            current.append(_Char(left.value, bottom.value, top.value, ch))
        else:  # a character PDFium made up (a space) has no box: it stays after the one before it
            current.append(_Char(current[-1].left if current else float("-inf"), 0.0, 0.0, ch))
    lines.extend(_left_to_right(current))
    return lines


@dataclass(frozen=True)
class _Char:
    left: float
    bottom: float
    top: float
    text: str


def _left_to_right(chars: list[_Char]) -> list[str]:
    """A PDFium line as visual lines, each with its characters by their left edge.

    A glyph whose box does not overlap the line's height so far starts a new
    visual line (PDFium joined two lines); boxes without height (spaces PDFium
    made up) go with the line they are in. Within a visual line, characters
    are sorted by their left edge (stable: ties keep PDFium's order).
    """
    visual: list[list[_Char]] = []
    span: tuple[float, float] | None = None  # the current visual line's height, from its glyphs
    for char in chars:
        flat = char.top - char.bottom < _FLAT
        if not visual or (not flat and span is not None and (char.bottom > span[1] or char.top < span[0])):
            visual.append([char])
            span = None if flat else (char.bottom, char.top)
            continue
        visual[-1].append(char)
        if not flat:
            span = (char.bottom, char.top) if span is None else (min(span[0], char.bottom), max(span[1], char.top))
    out = []
    for line in visual or [[]]:
        if any(b.left < a.left for a, b in itertools.pairwise(line)):
            line = sorted(line, key=lambda c: c.left)
        out.append("".join(c.text for c in line).rstrip())
    return out
