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
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from corpus.offsets import OffsetMap

__all__ = ["Document", "Layer", "Source"]


@dataclass(frozen=True)
class Layer:
    """One step's output and the map back to its input."""

    name: str
    text: str
    map: OffsetMap


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

    def from_original(self, pos: int) -> int:
        """Position in the normalized text of the boundary before ``original[pos]``."""
        for layer in self.layers:
            if layer.map.edits:
                pos = layer.map.pos_to_derived(pos)
        return pos

    def steps_changing(self, start: int, end: int) -> list[str]:
        """Names of the layers whose step changed the text of normalized ``[start, end)``, in pipeline order."""
        changed: list[str] = []
        for k in range(len(self.layers) - 1, -1, -1):
            layer = self.layers[k]
            src_start, src_end = layer.map.span_to_source(start, end) if layer.map.edits else (start, end)
            before = self.layers[k - 1].text if k else self.original
            if layer.text[start:end] != before[src_start:src_end]:
                changed.append(layer.name)
            start, end = src_start, src_end
        return changed[::-1]

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
        lo, hi = self.to_original(start, end)
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

    for e in m.edits[bisect_left(m._src_starts, src[0]) :]:
        if e.src_start >= src[1] and e.src_end > e.src_start:
            break
        if e.src_end > src[1]:
            break
        copied(e.src_start)
        out[before[e.src_start : e.src_end], after[e.dst_start : e.dst_end]] += 1
        s, d = e.src_end, e.dst_end
    copied(src[1])
    return out
