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
* Visible text first: a page holding invisible text (render mode 3, the OCR
  layer a scanner's software lays under its image; or 7, clip only; or text
  that an image drawn after it covers whole, as a scanner's page image covers
  the text laid under it) gives its painted characters only; a page with no painted text gives its invisible
  layer instead, and its number is listed in ``ocr_layer`` (the reader names it
  in a warning). A page without invisible text is read as before, at no cost.
* Each line comes with its place on the page (its top's distance from the
  page's top and its height, in points): the same words at the same place on
  many pages are a running header, the same words as the page 1 title are not.
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

__all__ = ["MAX_PAGE_CHARS", "MAX_TEXT_RATIO", "RATIO_FLOOR", "PdfPages", "pdf_pages"]

MAX_PAGE_CHARS = 200_000
"""Characters on one page: a dense real page holds a few thousand (4 pt CJK on A4: about 25,000)."""
MAX_TEXT_RATIO = 10
"""Characters of text per byte of the file, past `RATIO_FLOOR` (real PDFs: under 0.3; flate-compressed
plain text without fonts: about 3)."""
RATIO_FLOOR = 500_000
"""Texts of fewer characters than this are not held to `MAX_TEXT_RATIO`."""
_FLAT = 0.1
"""A box lower than this (points) has no height: a space PDFium generated (about 0.01 high)."""


class PdfPages(NamedTuple):
    """What the child answers: each page's lines, where each line stands, and which pages are special."""

    pages: list[list[str]]
    boxes: list[list[tuple[float, float] | None]]
    """Per page, per line: (distance of its top from the page's top, its height) in points, or None."""
    textless: tuple[int, ...]
    """1-based numbers of the pages with an image and no text."""
    ocr_layer: tuple[int, ...]
    """1-based numbers of the pages read from their invisible text layer (no visible text on them)."""


def pdf_pages(data: bytes, limit: int) -> PdfPages:
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


def _pages(pdf: Any, budget: _Budget) -> PdfPages:
    pages: list[list[str]] = []
    boxes: list[list[tuple[float, float] | None]] = []
    textless: list[int] = []
    ocr_layer: list[int] = []
    total = 0
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            has_image, has_invisible, hidden = _objects(page)
            height = float(page.get_height())
            textpage = page.get_textpage()
            try:
                budget.check(index + 1, textpage.count_chars(), total)
                lines = _page_lines(textpage, height, visible=True if has_invisible else None, hidden=hidden)
                if has_invisible and not any(line.strip() for line, _ in lines):
                    lines = _page_lines(textpage, height, visible=False, hidden=hidden)
                    if any(line.strip() for line, _ in lines):
                        ocr_layer.append(index + 1)
            finally:
                textpage.close()
            if not any(line.strip() for line, _ in lines) and has_image:
                textless.append(index + 1)
        finally:
            page.close()
        total += sum(len(line) + 1 for line, _ in lines)
        if total > budget.limit:
            raise ExtractError(f"text layer over the {human_size(budget.limit)} size limit (raise it with --max-size)")
        pages.append([line for line, _ in lines])
        boxes.append([box for _, box in lines])
    return PdfPages(pages, boxes, tuple(textless), tuple(ocr_layer))


_INVISIBLE_MODES = (3, 7)
"""Text render modes that paint nothing: invisible (an OCR layer) and clip only."""


def _objects(page: Any) -> tuple[bool, bool, frozenset[int]]:
    """Whether the page holds an image, whether it holds invisible text (render mode 3 or 7, or under an
    image), and the addresses of its text objects that an image drawn after them covers (`_covered`).

    PDFium's own calls, not pypdfium2's object wrappers (a third of a page's reading time); nested
    form objects are not entered (an OCR layer is drawn on the page itself).
    """
    import pypdfium2.raw as pdfium_c

    image = invisible = False
    texts: list[Any] = []
    images: list[tuple[int, _Bounds, Any]] = []
    raw = page.raw
    for index in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            image = True
            images.append((len(texts), _bounds(obj), obj))
        elif kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            invisible = invisible or pdfium_c.FPDFTextObj_GetTextRenderMode(obj) in _INVISIBLE_MODES
            texts.append(obj)
    hidden = _covered(page, texts, images) if images and texts else frozenset()
    return image, invisible or bool(hidden), hidden


_Bounds = tuple[float, float, float, float]
"""An object's box on the page: left, bottom, right, top (points)."""
_SLACK = 1.0
"""Points a glyph's box may stand out of the image that covers it (rounding, a glyph's side bearing)."""


def _bounds(obj: Any) -> _Bounds:
    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return (0.0, 0.0, 0.0, 0.0)
    return (left.value, bottom.value, right.value, top.value)


def _covered(page: Any, texts: list[Any], images: list[tuple[int, _Bounds, Any]]) -> frozenset[int]:
    """The addresses of the text objects that an opaque image drawn after them (``images``: how many text
    objects came before each, its box, the object) covers whole."""
    out = set()
    opaque: dict[int, bool] = {}
    for index, obj in enumerate(texts):
        left, bottom, right, top = _bounds(obj)
        for k, (after, (i_left, i_bottom, i_right, i_top), image) in enumerate(images):
            if after > index and i_left - _SLACK <= left and right <= i_right + _SLACK \
                    and i_bottom - _SLACK <= bottom and top <= i_top + _SLACK:  # fmt: skip
                if k not in opaque:
                    opaque[k] = _opaque(page, image)
                if opaque[k]:
                    out.add(ctypes.cast(obj, ctypes.c_void_p).value or 0)
                    break
    return frozenset(out)


_OPAQUE = 0.95
"""Share of an image's pixels that must be opaque for it to hide what lies under it."""


def _opaque(page: Any, image: Any) -> bool:
    """Whether ``image`` hides what it covers: drawn without transparency and with (nearly) all its pixels
    opaque once its soft mask is applied (a seal on a transparent ground is not)."""
    import pypdfium2.raw as pdfium_c

    if pdfium_c.FPDFPageObj_HasTransparency(image):
        return False
    bitmap = pdfium_c.FPDFImageObj_GetRenderedBitmap(page.pdf.raw, page.raw, image)
    if not bitmap:
        return False
    try:
        if pdfium_c.FPDFBitmap_GetFormat(bitmap) != pdfium_c.FPDFBitmap_BGRA:
            return True
        width, height = int(pdfium_c.FPDFBitmap_GetWidth(bitmap)), int(pdfium_c.FPDFBitmap_GetHeight(bitmap))
        stride = int(pdfium_c.FPDFBitmap_GetStride(bitmap))
        pixels = ctypes.string_at(pdfium_c.FPDFBitmap_GetBuffer(bitmap), stride * height)
        alpha = b"".join(pixels[row * stride + 3 : row * stride + 4 * width : 4] for row in range(height))
        return alpha.count(b"\xff") >= _OPAQUE * max(1, width * height)
    finally:
        pdfium_c.FPDFBitmap_Destroy(bitmap)


def _is_visible(textpage: Any, index: int, hidden: frozenset[int] = frozenset()) -> bool | None:
    """Whether character ``index`` is painted (not invisible, not under an image: ``hidden``); None for a
    character PDFium made up (a space, a break)."""
    import pypdfium2.raw as pdfium_c

    obj = pdfium_c.FPDFText_GetTextObject(textpage.raw, index)
    if not obj:
        return None
    if hidden and (ctypes.cast(obj, ctypes.c_void_p).value or 0) in hidden:
        return False
    return pdfium_c.FPDFTextObj_GetTextRenderMode(obj) not in _INVISIBLE_MODES


Line = tuple[str, tuple[float, float] | None]
"""A line's text and its place: (distance of its top from the page's top, its height), or None."""


def _page_lines(
    textpage: Any, height: float, visible: bool | None = None, hidden: frozenset[int] = frozenset()
) -> list[Line]:
    """The page's lines in PDFium's order, each line's characters ordered left to right.

    ``visible`` True keeps only painted characters, False only invisible ones (an OCR layer, or text
    under an image: the objects ``hidden``); None keeps all. A line left empty by that choice is dropped.
    """
    import pypdfium2.raw as pdfium_c

    count = textpage.count_chars()
    text: str = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # characters outside the BMP: indices are not characters; keep PDFium's order
        return [(line.rstrip(), None) for line in text.replace("\r\n", "\n").split("\n")]
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    lines: list[Line] = []
    current: list[_Char] = []
    for i, ch in enumerate(text):
        if ch == "\n":
            lines.extend(_left_to_right(current, height))
            current = []
            continue
        if ch == "\r":
            continue
        if visible is not None and _is_visible(textpage, i, hidden) not in (visible, None):
            continue
        if pdfium_c.FPDFText_GetCharBox(textpage.raw, i, left, right, bottom, top):
            current.append(_Char(left.value, bottom.value, top.value, ch))
        else:  # a character PDFium made up (a space) has no box: it stays after the one before it
            current.append(_Char(current[-1].left if current else float("-inf"), 0.0, 0.0, ch))
    lines.extend(_left_to_right(current, height))
    if visible is not None:
        lines = [line for line in lines if line[0].strip()]
    return lines


class _Char(NamedTuple):
    """A character and its box (a tuple: a page can hold many)."""

    left: float
    bottom: float
    top: float
    text: str


def _left_to_right(chars: list[_Char], height: float) -> list[Line]:
    """A PDFium line as visual lines, each with its characters by their left edge.

    A glyph whose box does not overlap the line's height so far starts a new
    visual line (PDFium joined two lines); boxes without height (spaces PDFium
    made up) and punctuation (``_`` below the baseline, quotes above it) go
    with the line they are in. Within a visual line, characters
    are sorted by their left edge (stable: ties keep PDFium's order).
    """
    visual: list[list[_Char]] = []
    spans: list[tuple[float, float] | None] = []  # each visual line's height, from its letters and ideographs
    for char in chars:
        flat = char.top - char.bottom < _FLAT or not char.text.isalnum()  # a space, or a mark set low or high
        span = spans[-1] if spans else None
        if not visual or (not flat and span is not None and (char.bottom > span[1] or char.top < span[0])):
            visual.append([char])
            spans.append(None if flat else (char.bottom, char.top))
            continue
        visual[-1].append(char)
        if not flat:
            spans[-1] = (char.bottom, char.top) if span is None else (min(span[0], char.bottom), max(span[1], char.top))
    out: list[Line] = []
    for line, span in zip(visual or [[]], spans or [None], strict=True):
        if any(b.left < a.left for a, b in itertools.pairwise(line)):
            line = sorted(line, key=lambda c: c.left)
        box = None if span is None else (round(height - span[1], 1), round(span[1] - span[0], 1))
        out.append(("".join(c.text for c in line).rstrip(), box))
    return out
