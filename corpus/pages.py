"""Paged text (PDF, OFD): pages joined into one text, and the page furniture found in it.

Rules:

* A reader gives each page as its lines in reading order. The text is the
  pages' lines joined with ``\\n``, page after page (one ``\\n`` between two
  pages, so a sentence cut by a page break joins through the ordinary wrap
  rule of whitespace folding); ``pages`` holds the offset where each page
  starts. Offsets into this text are what reports give.
* Page furniture is found, never guessed from one page alone: a line among the
  first or last `EDGE_LINES` non-blank lines of a page is furniture when it is
  a page number (``3``, ``- 3 -``, ``第3页``, ``第 3 页 共 9 页``, ``3/9``,
  ``Page 3 of 9``) that counts with the pages (number minus page index is the
  same on at least half of the pages, and on two at least; a single page's
  number must be 1), or when the same line, digits aside, holds words (two
  letters or ideographs in a row) and stands at the same edge of at least half
  of the pages (and of two pages at least): running headers and footers. A
  table row of numbers at the top of several pages is neither. Where the
  reader gives each line's place (a PDF), the same words count only where they
  stand at the same place and size: a title on page 1 that a running header
  repeats on pages 2… is set larger and lower, and stays.
* On a page read from an OCR layer (``ocr_layer``), a page number at an edge
  is furniture whether or not it counts with the pages: OCR misreads digits
  (``_ 5O_``, ``— 5 —``, ``- 5 -``, ``第 5 页``).
* Each furniture range covers its line and the line break after it, so
  removing it leaves the text of the pages around it joined by one break.
  Ranges are returned in order and never overlap; the text itself is never
  changed here (the pipeline removes the ranges as boilerplate holes).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["EDGE_LINES", "Box", "Paged", "join_pages"]

EDGE_LINES = 2
"""How many non-blank lines at the top and at the bottom of a page may be furniture."""

_PAGE_NUMBER = re.compile(
    r"""\s*(?:
        [-—–－·•\s]*\d{1,4}[-—–－·•\s]*                     # 3, - 3 -, — 3 —
      | 第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?  # 第3页, 第 3 页 共 9 页
      | (?:共\s*\d{1,4}\s*页\s*)?第\s*\d{1,4}\s*页
      | \d{1,4}\s*/\s*\d{1,4}                                # 3/9
      | (?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?      # Page 3 of 9
    )\s*""",
    re.VERBOSE | re.IGNORECASE,
)
_OCR_PAGE_NUMBER = re.compile(
    r"""\s*(?:
        [-—–－_~·•\s]*(?=[\dOoIl]*\d)[\dOoIl]{1,4}[-—–－_~·•\s]*   # _ 5O_, — 5 —, - 5 -
      | 第\s*[\dOoIl]{1,4}\s*页
    )\s*""",
    re.VERBOSE,
)
"""A page number as OCR reads it: digits that may be read as O, o, I or l, dashes read as underscores."""
_PLACE_POINTS = 3.0
"""A running header stands at the same distance from the page's top, within this many points…"""
_HEIGHT_SHARE = 0.2
"""…and is as high, within this share (a title on page 1 is set larger, and lower)."""
_DIGITS = re.compile(r"\d+")
_NTH_PAGE = re.compile(r"第\s*(\d+)")
"""In ``共 9 页 第 3 页`` the page's own number is the one after 第."""
_WORDY = re.compile(r"[^\W\d_]{2}")
"""A running header or footer holds words: two letters or ideographs in a row."""
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Paged:
    """The text of a paged document, where its pages start, and its page furniture."""

    text: str
    pages: tuple[int, ...]
    """Offset in ``text`` where each page starts (the first is 0)."""
    furniture: tuple[tuple[int, int], ...]
    """Ranges of ``text`` that are running headers, footers and page numbers."""
    textless: tuple[int, ...] = ()
    """1-based numbers of the pages that hold an image and no text (scanned pages)."""
    ocr_layer: tuple[int, ...] = ()
    """1-based numbers of the pages whose text is an OCR layer (invisible text: no visible text on them)."""
    garbled: tuple[int, ...] = ()
    """Those of ``ocr_layer`` whose text looks garbled (set by the reader)."""
    ocr_read: tuple[int, ...] = ()
    """1-based numbers of the scanned pages wendiff read by OCR (set by the reader)."""
    too_large: tuple[int, ...] = ()
    """Scanned pages too large to read by OCR (set by the reader)."""
    uncertain: tuple[tuple[int, int], ...] = ()
    """Ranges of ``text`` that OCR read with low confidence (set by the reader)."""


Box = tuple[float, float] | None
"""A line's place on its page: (distance of its top from the page's top, its height) in points, or None."""


def join_pages(
    pages: Sequence[Sequence[str]],
    textless: tuple[int, ...] = (),
    *,
    boxes: Sequence[Sequence[Box]] | None = None,
    ocr_layer: tuple[int, ...] = (),
) -> Paged:
    """One text from each page's lines, with the page starts, the furniture ranges and (as given by the
    reader) the pages without text, the places of the lines and the pages read from an OCR layer."""
    if boxes is not None and [len(lines) for lines in pages] != [len(b) for b in boxes]:
        boxes = None  # a reader's mistake must not cost the text
    pages = [list(lines) or [""] for lines in pages]  # a blank page is one empty line
    starts: list[int] = []
    line_spans: list[list[tuple[int, int]]] = []  # per page: (start, end) of each line, end before its break
    pos = 0
    for lines in pages:
        starts.append(pos)
        spans = []
        for line in lines:
            spans.append((pos, pos + len(line)))
            pos += len(line) + 1
        line_spans.append(spans)
    text = "\n".join("\n".join(lines) for lines in pages)
    places: dict[tuple[int, int], Box] = {}
    if boxes is not None:
        places = {span: box for spans, page_boxes in zip(line_spans, boxes, strict=True)
                  for span, box in zip(spans, page_boxes, strict=False)}  # fmt: skip
    ocr = {page - 1 for page in ocr_layer}
    return Paged(text, tuple(starts), _furniture(text, line_spans, places, ocr), textless, ocr_layer)


def _edges(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, tuple[int, int]]]:
    """The first and last `EDGE_LINES` non-blank lines of a page, each tagged ``top`` or ``bottom``."""
    filled = [span for span in spans if text[span[0] : span[1]].strip()]
    tail = filled[EDGE_LINES:][-EDGE_LINES:]
    return [("top", span) for span in filled[:EDGE_LINES]] + [("bottom", span) for span in tail]


def _key(line: str) -> str:
    return _DIGITS.sub("#", _SPACE.sub("", line))


def _furniture(
    text: str, line_spans: list[list[tuple[int, int]]], places: dict[tuple[int, int], Box], ocr: set[int]
) -> tuple[tuple[int, int], ...]:
    edges = [_edges(text, spans) for spans in line_spans]
    seen: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for page in edges:
        for edge, span in page:
            seen.setdefault((edge, _key(text[span[0] : span[1]])), []).append(span)
    needed = max(2, (len(line_spans) + 1) // 2)
    found: set[tuple[int, int]] = set()
    numbered: list[tuple[int, int, tuple[int, int]]] = []  # (page index, number, span)
    for k, page in enumerate(edges):
        for edge, (lo, hi) in page:
            line = text[lo:hi]
            if _PAGE_NUMBER.fullmatch(line):
                number = _NTH_PAGE.search(line) or _DIGITS.search(line)
                assert number is not None  # the pattern holds a number
                numbered.append((k, int(number.group(number.lastindex or 0)), (lo, hi)))
            elif k in ocr and _OCR_PAGE_NUMBER.fullmatch(line):
                found.add((lo, hi))  # OCR misreads digits (5O): its page numbers cannot be counted
            elif _WORDY.search(line) and _same_place((lo, hi), seen[(edge, _key(line))], places) >= needed:
                found.add((lo, hi))
    # Page numbers count with the pages: the shift from page index to number most pages share.
    shifts = Counter(number - k for k, number, _ in numbered)
    if shifts:
        shift, count = shifts.most_common(1)[0]
        if count >= needed or len(line_spans) == count == 1:
            found.update(span for k, number, span in numbered if number - k == shift)
    found.update(span for k, _, span in numbered if k in ocr)
    return tuple(sorted((lo, min(hi + 1, len(text))) for lo, hi in found))


def _same_place(span: tuple[int, int], others: list[tuple[int, int]], places: dict[tuple[int, int], Box]) -> int:
    """How many of ``others`` (the same words at the same edge, ``span`` among them) stand where ``span``
    stands (within `_PLACE_POINTS` and `_HEIGHT_SHARE`); all of them when a place is not known."""
    box = places.get(span)
    if box is None:
        return len(others)
    count = 0
    for other in others:
        place = places.get(other)
        if place is None or (abs(place[0] - box[0]) <= _PLACE_POINTS
                             and abs(place[1] - box[1]) <= _HEIGHT_SHARE * max(box[1], place[1])):  # fmt: skip
            count += 1
    return count
