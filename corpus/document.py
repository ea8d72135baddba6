"""The one model that flows through wendiff: a `Document`.

Rules:

* ``original`` is the decoded text of the input, never changed. All offsets a
  user or a report sees are positions in it (see docs/report-format.md).
* Each cleaning or normalization step is a `Layer`: its output text and the
  `OffsetMap` from that text back to the previous layer's text (the first
  layer maps back to ``original``). ``text`` is the last layer's text: what
  segmentation and alignment work on.
* ``holes`` are ranges of ``original`` removed as junk or boilerplate: they
  belong to no clause, and a clause's spans skip them.
* A `Source` says how its text was obtained (``format``); for paged formats
  it knows where each page starts (``pages``) and which ranges are page
  furniture, which the pipeline removes as boilerplate holes.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from corpus.offsets import OffsetMap

OCR_EXTRA = "pip install 'wendiff[ocr]'"
"""How a user gets OCR for scanned pages (`corpus.ocr.EXTRA`)."""

__all__ = ["ORIGINAL_AT_ONCE", "DecodeErrors", "Document", "Layer", "Source"]

ORIGINAL_AT_ONCE = 100_000
"""From this many spans on, `Document.to_original_many` maps them with numpy: one by one costs about 2 µs a span
and layer, at once about 1 µs less, and numpy's import about 0.1 s (a 10 MB text has some 60,000 to 110,000
clauses)."""


@dataclass(frozen=True)
class Layer:
    """One step's output and the map back to its input."""

    name: str
    text: str
    map: OffsetMap


@dataclass(frozen=True)
class DecodeErrors:
    """Invalid byte sequences that lenient decoding replaced by U+FFFD."""

    count: int
    """Number of invalid sequences (each became one U+FFFD)."""
    first_byte: int
    """Byte offset of the first one in the original bytes."""
    first_offset: int
    """Code-point offset of its U+FFFD in the decoded text."""

    def as_report(self) -> dict[str, int]:
        """The ``decode_errors`` object of a report's document entry."""
        return {"count": self.count, "first_byte": self.first_byte, "first_offset": self.first_offset}

    def warning(self, name: str) -> str:
        """One warning line naming the file, the count and the first offset."""
        what = "invalid byte sequence" if self.count == 1 else "invalid byte sequences"
        return (
            f"{name}: {self.count} {what} read as U+FFFD (first at byte {self.first_byte}, "
            f"character {self.first_offset}); --strict-decode refuses the file"
        )


@dataclass(frozen=True)
class Source:
    """What was read: the exact bytes' digest, how they were decoded, and the text."""

    name: str
    """File name as given by the user (``-`` for standard input)."""
    text: str
    """Decoded original text (for .html/.docx: the extracted text)."""
    encoding: str
    """Encoding the bytes were decoded with, e.g. ``utf-8``, ``gb18030``, ``big5``."""
    sha256: str
    """Hex digest of the original bytes."""
    size: int
    """Number of original bytes."""
    data: bytes = field(default=b"", repr=False, compare=False)
    """The original bytes (kept for the version store, which stores them exactly)."""
    format: str = "text"
    """How the text was obtained: ``text``, ``html``, ``docx``, ``pdf``, ``ofd``, or ``doc→docx`` (…)
    for a file LibreOffice converted first."""
    pages: tuple[int, ...] = ()
    """For paged formats (PDF, OFD): the offset in ``text`` where each page starts; empty otherwise."""
    furniture: tuple[tuple[int, int], ...] = ()
    """Ranges of ``text`` that are page furniture (running headers, footers, page numbers), in order."""
    decode_errors: DecodeErrors | None = None
    """Invalid byte sequences read as U+FFFD (lenient decoding), or None when there were none."""
    textless_pages: tuple[int, ...] = ()
    """1-based numbers of the pages (PDF) that hold an image and no text: scanned pages, not compared."""
    ocr_pages: tuple[int, ...] = ()
    """1-based numbers of the pages (PDF) whose text is an OCR layer: they hold no visible text."""
    garbled_pages: tuple[int, ...] = ()
    """Those of `ocr_pages` whose text looks garbled (many characters no text holds)."""
    ocr_read_pages: tuple[int, ...] = ()
    """1-based numbers of the scanned pages read by OCR (the ``wendiff[ocr]`` extra)."""
    too_large_pages: tuple[int, ...] = ()
    """Scanned pages too large to read by OCR: not compared."""
    uncertain: tuple[tuple[int, int], ...] = ()
    """Ranges of ``text`` whose characters OCR read with low confidence, in order (marked in the app's detail
    pane)."""
    page_meta: tuple[tuple[str, str], ...] = ()
    """(label, value) pairs of a web page's metadata table (标题, 发文字号, 发文机关, 成文日期…), in page order;
    `corpus.meta` prefers them to what it reads from the text."""

    def warnings(self) -> tuple[str, ...]:
        """One line for each thing the reader should know about how the text was read, naming the file."""
        out = []
        if self.decode_errors is not None:
            out.append(self.decode_errors.warning(self.name))
        if self.textless_pages:
            numbers = ", ".join(map(str, self.textless_pages))
            which = f"page {numbers} has" if len(self.textless_pages) == 1 else f"pages {numbers} have"
            out.append(f"{self.name}: {which} no text layer (a scanned image?); its text is not compared, OCR it first "
                       f"({OCR_EXTRA} reads it)")  # fmt: skip
        if self.ocr_read_pages:
            count = sum(hi - lo for lo, hi in self.uncertain)
            marked = f"; {count} uncertain {'character' if count == 1 else 'characters'} marked" if count else ""
            out.append(f"{self.name}: {_pages_phrase(self.ocr_read_pages)}: read by OCR{marked}")
        if self.too_large_pages:
            out.append(f"{self.name}: {_pages_phrase(self.too_large_pages)}: too large to read by OCR (over 16 "
                       "million pixels at 200 dpi); not compared")  # fmt: skip
        if self.ocr_pages:
            out.append(f"{self.name}: {_pages_phrase(self.ocr_pages)}: OCR text layer used (no visible text there)")
        if self.garbled_pages:
            out.append(f"{self.name}: {_pages_phrase(self.garbled_pages)}: the OCR text layer looks garbled "
                       "(many characters no text holds); its rows may not align")  # fmt: skip
        return tuple(out)

    def page_at(self, offset: int) -> int | None:
        """The 1-based page that ``text[offset]`` is on, or None when the source has no pages."""
        if not self.pages:
            return None
        return max(1, bisect.bisect_right(self.pages, offset))


def _pages_phrase(pages: tuple[int, ...]) -> str:
    """``page 2`` or ``pages 2, 3``."""
    return f"page{'s' if len(pages) > 1 else ''} {', '.join(map(str, pages))}"


@dataclass(frozen=True)
class Document:
    """A source plus its normalization layers."""

    source: Source
    layers: tuple[Layer, ...] = ()
    holes: tuple[tuple[int, int], ...] = ()

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def original(self) -> str:
        return self.source.text

    @property
    def text(self) -> str:
        """The fully normalized text."""
        return self.layers[-1].text if self.layers else self.source.text

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Smallest span of ``original`` that normalized ``[start, end)`` came from."""
        for layer in reversed(self.layers):
            if layer.map.edits:
                start, end = layer.map.span_to_source(start, end)
        return start, end

    def to_original_many(self, starts: Sequence[int], ends: Sequence[int]) -> tuple[tuple[int, int], ...]:
        """`to_original` of each span ``[starts[k], ends[k])``: many spans (`ORIGINAL_AT_ONCE`) lying in the
        text map at once, layer by layer (`corpus.offsets.OffsetMap.spans_to_source`), to the same spans."""
        maps = [layer.map for layer in reversed(self.layers) if layer.map.edits]
        if len(starts) < max(1, ORIGINAL_AT_ONCE) or not maps:
            return tuple(map(self.to_original, starts, ends))
        import numpy as np

        lo = np.fromiter(starts, np.int64, len(starts))
        hi = np.fromiter(ends, np.int64, len(ends))
        if not (lo.min() >= 0 and (hi >= lo).all() and hi.max() <= len(self.text)):
            return tuple(map(self.to_original, starts, ends))  # raises as one by one does
        for offsets in maps:
            lo, hi = offsets.spans_to_source(lo, hi)
        return tuple(zip(lo.tolist(), hi.tolist(), strict=True))

    def from_original(self, pos: int) -> int:
        """Position in the normalized text of the boundary before ``original[pos]``."""
        for layer in self.layers:
            if layer.map.edits:
                pos = layer.map.pos_to_derived(pos)
        return pos

    def step_changes(self, start: int, end: int) -> dict[str, Counter[tuple[str, str]]]:
        """What each layer's step did to the text of normalized ``[start, end)``: a count of
        (before, after) replacements, one character apiece where a step keeps lengths, one
        replaced range apiece where it does not. Two ranges that a step treated alike (the
        same full-width comma folded on both sides) have equal counts for that step."""
        out: dict[str, Counter[tuple[str, str]]] = {}
        for k in range(len(self.layers) - 1, -1, -1):
            layer = self.layers[k]
            src_start, src_end = layer.map.span_to_source(start, end) if layer.map.edits else (start, end)
            before = self.layers[k - 1].text if k else self.original
            out[layer.name] = _replacements(before, layer.text, layer.map, (src_start, src_end), start)
            start, end = src_start, src_end
        return out

    def spans(self, start: int, end: int) -> list[tuple[int, int]]:
        """Original spans of normalized ``[start, end)``, cut around holes."""
        return self.cut_holes(*self.to_original(start, end))

    def cut_holes(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The original span ``[lo, hi)`` cut around holes."""
        if not self.holes:
            return [(lo, hi)]
        spans: list[tuple[int, int]] = []
        for h_lo, h_hi in self.holes:
            if h_hi <= lo or h_lo >= hi:
                continue
            if h_lo > lo:
                spans.append((lo, h_lo))
            lo = max(lo, h_hi)
        if hi > lo or not spans:
            spans.append((lo, max(lo, hi)))
        return spans


def _replacements(before: str, after: str, m: OffsetMap, src: tuple[int, int], dst: int) -> Counter[tuple[str, str]]:
    """The replacements of ``m`` inside source ``src``, whose derived text starts at ``dst``."""
    out: Counter[tuple[str, str]] = Counter()
    s, d = src[0], dst

    def copied(upto: int) -> None:
        for x, y in zip(before[s:upto], after[d : d + upto - s], strict=False):
            if x != y:
                out[x, y] += 1

    for e in m.edits[bisect.bisect_left(m._src_starts, src[0]) :]:
        if e.src_start >= src[1] and e.src_end > e.src_start:
            break
        if e.src_end > src[1]:
            break
        copied(e.src_start)
        out[before[e.src_start : e.src_end], after[e.dst_start : e.dst_end]] += 1
        s, d = e.src_end, e.dst_end
    copied(src[1])
    return out
