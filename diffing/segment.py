"""Segmentation: a normalized text into clauses, each with its place in the structure.

Segmentation reads the character stream, not the lines: layout is a hint, never
a requirement. Rules:

* Segmentation reads only ``Document.text`` (normalized) plus the *space hints*
  of its whitespace step (where a run of spaces was removed); clause offsets are
  positions in the text, and a clause never holds a line break or
  leading/trailing space.
* A clause ends after 。；！？ (full or half width) and the closing quotes or
  brackets that follow them, after a table cell's ``|``, at a line break, at a
  run of two or more removed spaces (a paragraph break laid out as spaces), and
  after ``：`` when a structural marker follows it.
* A *clause start* is the start of the text, of a line, or any position right
  after such an end. Structural markers are recognized at clause starts,
  wherever the line breaks fall: 第X编/章/节 open a ``heading`` (which ends at
  the line, a paragraph break, a sentence end or the 第X条 that follows it); a
  第X条 label is an ``article`` clause by itself (also where it stands after a
  division heading or before a removed space: ``总则第一条 为了``), so that a
  renumbered article is a new label over an unchanged body. A 第X条 right
  after a label is that article's body citing another one (``第二条
  第一条规定的…``: an article is never empty), in any layout; 一、 / (一) / 1. /
  (1) open a clause that is a ``heading`` when short.
* A clause ending in ``|`` is a ``row`` (a table cell): a table flattened onto
  one line gives the same clauses as one cell per line.
* No clause is longer than ``MAX_CLAUSE`` characters: a longer run (a text with
  no punctuation) is cut at content-defined points (see `_long_cuts`), so that
  neither alignment nor the inline diff ever sees an unbounded unit, and an
  insertion inside such a run changes only the pieces around it.
* Where a boundary is truly undecidable (a heading with no punctuation glued to
  its first sentence), the aligner's boundary pass still reports ``equal``.
* ``place`` cites a clause as a reviewer would: ``二/(三)/2`` or ``第十条/(一)``
  (inside an article, the chapter is left out: article numbers run through a law).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping

from corpus.document import Document
from corpus.markers import (
    ARTICLE,
    ARTICLE_LABEL,
    DIVISION,
    DIVISION_LEVELS,
    LIST_MARKERS,
    MARKER_AHEAD,
    MARKER_FIRST,
    NUMBER,
    Level,
    compact,
)
from diffing.fast_values import new_clause
from diffing.model import Clause, ClauseKind

__all__ = ["MAX_CLAUSE", "segment", "segment_text", "space_hints"]

MAX_CLAUSE = 1000
_CHUNK = 64  # average length of a content-defined piece of a run with no punctuation
_MIN_PIECE = 32
_SPACE = " \t\r\f\v\u3000\u00a0"
_CLOSERS = "”’\"'」』)）\\]】"
# Where a clause ends inside a line: a sentence end, a table cell, a colon before a marker.
_CUT = re.compile(rf"[。；;！!？?]+(?!\s*[-=])[{_CLOSERS}]*|\||[：:](?=\s*{MARKER_AHEAD})")
_LOOK_PAST = 16  # a cut's lookahead reads past the line end: ``<!`` + line break + ``--`` is no sentence end
_CITED = re.compile(rf"[^\S\n]*(?:第{NUMBER}[款项目]|[、至][^\S\n]*第|规定)")
"""What follows a 第X条 that is cited, not a label: 第X款/项, another number (、第… 至第…), 规定."""
_HEADING_MAX = 40  # a 一、 clause longer than this is text, not a heading
_ARTICLE = int(Level.ARTICLE)  # levels as plain ints: the place stack compares them for every label
_SUBITEM = int(Level.SUBITEM)
_DIVISION_LEVELS = {kind: int(level) for kind, level in DIVISION_LEVELS.items()}
_LIST_LEVELS = tuple((int(level), pattern) for level, pattern in LIST_MARKERS)
_DIVISION_TITLE_MAX = 40  # how far a division heading may run before a 第X条 on the same line
_PARAGRAPH_SPACES = 2  # a run of this many removed spaces stands for a paragraph break


class _Places:
    """The stack of headings above the current clause, each with the place it cites (its levels
    increase, so an article's place is its own label and a deeper heading extends its parent's)."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, str]] = []
        self.place = ""
        """The place the current clause cites."""

    def push(self, level: int, label: str) -> None:
        stack = self.stack
        while stack and stack[-1][0] >= level:
            stack.pop()
        place = label if level == _ARTICLE or not stack else f"{stack[-1][1]}/{label}"
        stack.append((level, place))
        self.place = place


def space_hints(doc: Document) -> dict[int, int]:
    """Positions in ``doc.text`` where the whitespace step removed a run of spaces, with the run's length.

    A removed run that held a line break (a joined hard wrap) is not a hint.
    """
    for k in range(len(doc.layers) - 1, -1, -1):
        layer = doc.layers[k]
        if layer.name != "whitespace":
            continue
        if k != len(doc.layers) - 1:
            return {}
        before = doc.layers[k - 1].text if k else doc.original
        hints: dict[int, int] = {}
        for e in layer.map.edits:
            if e.dst_start == e.dst_end:
                removed = before[e.src_start : e.src_end]
                if "\n" not in removed and "\r" not in removed:
                    hints[e.dst_start] = e.src_end - e.src_start
        return hints
    return {}


def segment(doc: Document) -> tuple[Clause, ...]:
    """The clauses of a document, in reading order."""
    return segment_text(doc.text, space_hints(doc))


def segment_text(text: str, hints: Mapping[int, int] | None = None) -> tuple[Clause, ...]:
    """The clauses of a normalized text (``hints``: removed space runs, see `space_hints`)."""
    return _Segmenter(text, hints or {}).run()


class _Segmenter:
    def __init__(self, text: str, hints: Mapping[int, int]) -> None:
        self.text = text
        self.hints = hints
        self.paragraphs = sorted(p for p, n in hints.items() if n >= _PARAGRAPH_SPACES)
        self.after_labels = sorted(p for p in hints if 0 < p <= len(text) and text[p - 1] == "条")
        self.clauses: list[Clause] = []
        self.places = _Places()

    def run(self) -> tuple[Clause, ...]:
        pos = 0
        text = self.text
        for line in text.split("\n"):
            end = pos + len(line)
            self._line(pos, end)
            pos = end + 1
        return tuple(self.clauses)

    def add(self, start: int, end: int, kind: ClauseKind, cut: bool = False) -> None:
        text = self.text
        while start < end and text[start] in _SPACE:
            start += 1
        while end > start and text[end - 1] in _SPACE:
            end -= 1
        if end - start > MAX_CLAUSE:
            for piece in _long_cuts(text, start, end):
                self._append(start, piece, kind, False)
                kind = "sentence"
                start = piece
        if end > start:
            self._append(start, end, kind, cut)

    def _append(self, start: int, end: int, kind: ClauseKind, cut: bool) -> None:
        body = self.text[start:end]
        if kind == "sentence" and body[-1] == "|":
            kind = "row"
        clauses = self.clauses
        clauses.append(new_clause(len(clauses), start, end, body, kind, self.places.place, cut))

    def _line(self, start: int, end: int) -> None:
        """Segment ``text[start:end]``, a line: every clause start is tried for a marker."""
        text = self.text
        pos = start
        line_start = True
        while pos < end:
            while pos < end and text[pos] in _SPACE:
                pos += 1
            if pos >= end:
                return
            if line_start and text[pos] == "#" and not DIVISION.match(text, pos) and not ARTICLE.match(text, pos):
                stop, cut = self._division_end(pos, end, pos)
                self.add(pos, stop, "heading", cut)
                pos = stop
                continue
            line_start = False
            if text[pos] not in MARKER_FIRST:  # most clauses start with no marker: skip the patterns
                stop, cut = self._clause_end(pos, end)
                self.add(pos, stop, "sentence", cut)
                pos = stop
                continue
            m = DIVISION.match(text, pos, end)
            if m:
                label = compact(m.group(1))
                self.places.push(_DIVISION_LEVELS["分编" if label.endswith("分编") else label[-1]], label)
                stop, cut = self._division_end(pos, end, m.end())
                self.add(pos, stop, "heading", cut)
                pos = stop
                continue
            m = None if self.clauses and self.clauses[-1].kind == "article" else ARTICLE.match(text, pos, end)
            if m and _CITED.match(text, m.end(), end):
                m = None  # 第五十条第二款、第三款规定的 … after a cut: a citation, not a label
            if m:
                self.places.push(_ARTICLE, compact(m.group(0)))
                self.add(pos, m.end(), "article")
                pos = m.end()
                continue
            kind: ClauseKind = "sentence"
            for level, pattern in _LIST_LEVELS:
                m = pattern.match(text, pos, end)
                if m:
                    label = m.group(0).rstrip("、.．") if level != _SUBITEM else m.group(1)
                    self.places.push(level, label.replace("（", "(").replace("）", ")"))
                    kind = "heading"
                    break
            stop, cut = self._clause_end(pos, end)
            if kind == "heading" and stop - pos > _HEADING_MAX:
                kind = "sentence"
            self.add(pos, stop, kind, cut)
            pos = stop

    def _clause_end(self, pos: int, end: int, spaced: int = -1) -> tuple[int, bool]:
        """End of the clause starting at ``pos`` (a cut, a paragraph of spaces, a label after a space, or
        ``end``), and whether a cut ended it; spaces at ``spaced`` are no paragraph break."""
        text = self.text
        m = _CUT.search(text, pos, end + _LOOK_PAST)
        stop, cut = (min(m.end(), end), True) if m and m.start() < end else (end, False)
        paragraphs = self.paragraphs
        if paragraphs:
            k = bisect_left(paragraphs, max(pos, spaced) + 1)
            if k < len(paragraphs) and paragraphs[k] < stop:
                stop, cut = paragraphs[k], False
        after_labels = self.after_labels
        if after_labels:
            k = bisect_left(after_labels, pos + 1)
            while k < len(after_labels) and (p := after_labels[k]) < stop:
                label = _label_start(text, p, pos)
                if label > pos:
                    return label, False
                k += 1
        return stop, cut

    def _division_end(self, pos: int, end: int, title: int) -> tuple[int, bool]:
        """A heading (第X章, ``#``) ends as any clause does, or before a 第X条 label within its title; the
        spaces between its label and its title (``第七章␣␣法律责任``) are no paragraph break."""
        text = self.text
        stop, cut = self._clause_end(pos, end, title if title > pos else -1)
        m = ARTICLE_LABEL.search(text, title, min(stop, title + _DIVISION_TITLE_MAX))
        if m:
            return m.start(), False
        return stop, cut


def _label_start(text: str, p: int, lo: int) -> int:
    """Start of the 第X条 label that ends at ``p``, or ``lo`` when none does."""
    k = text.rfind("第", max(lo, p - 12), p)
    if k > lo and ARTICLE_LABEL.fullmatch(text, k, p):
        return k
    return lo


def _long_cuts(text: str, start: int, end: int) -> list[int]:
    """Where to cut a run longer than `MAX_CLAUSE`: content-defined points (a hash of the four
    characters before the point hits 0 mod 64, like rsync's chunking), at least ``MIN_PIECE`` apart,
    forced at `MAX_CLAUSE`. A point depends on the text around it, not on where the run starts, so
    an insertion moves only the cuts next to it and the pieces after it stay equal."""
    import numpy as np  # only a run with no punctuation for MAX_CLAUSE characters pays for it

    codes = np.frombuffer(text[start:end].encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    window = codes[:-3] * 0x9E3779B1 + codes[1:-2] * 0x85EBCA77 + codes[2:-1] * 0xC2B2AE3D + codes[3:] * 0x27D4EB2F
    mixed = (window ^ (window >> np.uint64(29))) * np.uint64(0xBF58476D1CE4E5B9)
    hits = (np.nonzero((mixed >> np.uint64(40)) % np.uint64(_CHUNK) == 0)[0] + start + 4).tolist()
    cuts: list[int] = []
    last = start
    for p in [*hits, end]:
        while p - last > MAX_CLAUSE:
            last += MAX_CLAUSE
            cuts.append(last)
        if p - last >= _MIN_PIECE and end - p >= _MIN_PIECE:
            cuts.append(p)
            last = p
    return cuts
