"""A PDF's text layer, page by page, with pypdfium2 (PDFium), in this process.

Rules:

* This module runs PDFium in the process that calls it; wendiff calls it only
  inside the child process of `corpus.pdf_child` (`corpus.read_pdf` starts it),
  because a hostile PDF can make PDFium take all memory and abort.
* The extractor was chosen by measurement (``bench/bench_pdf.py``): on CJK
  PDFs made by LibreOffice, PDFium's text matches the source after
  normalization where pdfminer.six loses characters, and it is several times
  faster; pypdfium2 is Apache-2.0/BSD-3-Clause.
* Text comes in PDFium's order, one line per line it reports; inside a line
  the characters are put left to right by their boxes, because writers emit a
  line's runs font by font (LibreOffice draws the quotes “” of a CJK line
  after the ideographs), and content order would move them.
* The text is held to limits while it is extracted, page by page, from
  PDFium's character count before any text is copied out: ``limit`` (the size
  limit, ``--max-size``) in total; at most `MAX_PAGE_CHARS` characters on a
  page; and, past `RATIO_FLOOR` characters, at most `MAX_TEXT_RATIO`
  characters per byte of the file (a real PDF holds well under one; a small
  file with millions of characters is a text bomb).
* Every problem is an `ExtractError` with one short line: a password, a
  corrupt file, a limit. A page with an image and no text is listed in the
  textless pages (a scanned page).
"""

from __future__ import annotations

import ctypes
import itertools
from dataclasses import dataclass
from typing import Any, NamedTuple

from corpus.extract import ExtractError
from corpus.limits import human_size

__all__ = ["MAX_PAGE_CHARS", "MAX_TEXT_RATIO", "RATIO_FLOOR", "pdf_pages"]

MAX_PAGE_CHARS = 200_000
"""Characters on one page: a dense real page holds a few thousand (4 pt CJK on A4: about 25,000)."""
MAX_TEXT_RATIO = 10
"""Characters of text per byte of the file, past `RATIO_FLOOR` (real PDFs: under 0.3; flate-compressed
plain text without fonts: about 3)."""
RATIO_FLOOR = 500_000
"""Texts of fewer characters than this are not held to `MAX_TEXT_RATIO`."""
_FLAT = 0.1
"""A box lower than this (points) has no height: a space PDFium generated (about 0.01 high)."""


def pdf_pages(data: bytes, limit: int) -> tuple[list[list[str]], tuple[int, ...]]:
    """Each page's lines, and the 1-based numbers of the pages with an image and no text;
    extraction stops as soon as the text would pass ``limit`` characters or a bomb limit."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ExtractError(_load_problem(str(exc))) from None
    try:
        return _pages(pdf, _Budget(limit, max(RATIO_FLOOR, MAX_TEXT_RATIO * len(data)), len(data)))
    finally:
        pdf.close()


def _load_problem(message: str) -> str:
    if "password" in message.lower():
        return "encrypted PDF (needs a password); save an unprotected copy"
    return "corrupt PDF file (PDFium cannot load it)"


@dataclass(frozen=True)
class _Budget:
    limit: int
    """The size limit, in characters (each is at least one byte of UTF-8)."""
    ratio_limit: int
    """Characters allowed for the file's size."""
    file_size: int

    def check(self, page: int, count: int, total: int) -> None:
        """Refuse page ``page`` (1-based) of ``count`` characters after ``total`` on the pages before it."""
        if count > MAX_PAGE_CHARS:
            raise ExtractError(f"page {page} holds {count:,} characters, over the limit of {MAX_PAGE_CHARS:,} "
                               "a page (a PDF text bomb?); refused")  # fmt: skip
        if total + count > self.ratio_limit:
            raise ExtractError(
                f"text layer over {total + count:,} characters from {human_size(self.file_size)} of PDF "
                f"(over {MAX_TEXT_RATIO} a byte: a PDF text bomb?); refused at page {page}"
            )
        if total + count > self.limit:
            raise ExtractError(f"text layer over the {human_size(self.limit)} size limit (raise it with --max-size)")


def _pages(pdf: Any, budget: _Budget) -> tuple[list[list[str]], tuple[int, ...]]:
    pages: list[list[str]] = []
    textless: list[int] = []
    total = 0
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                budget.check(index + 1, textpage.count_chars(), total)
                lines = _page_lines(textpage)
            finally:
                textpage.close()
            if not any(line.strip() for line in lines) and _has_image(page):
                textless.append(index + 1)
        finally:
            page.close()
        total += sum(len(line) + 1 for line in lines)
        if total > budget.limit:
            raise ExtractError(f"text layer over the {human_size(budget.limit)} size limit (raise it with --max-size)")
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


class _Char(NamedTuple):
    """A character and its box (a tuple: a page can hold many)."""

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
