"""Segmentation: a normalized text into clauses, each with its place in the structure.

Rules:

* Segmentation reads only ``Document.text`` (normalized); clause offsets are
  positions in it, and a clause never holds a line break or leading/trailing space.
* A line break always ends a clause. Inside a line, a clause ends after 。；！？
  (full or half width) and the closing quotes or brackets that follow them.
* Structural headings are units of their own: 第X编/章/节 lines and short
  一、 / (一) / 1. lines are ``heading`` clauses; the 第X条 label at the start of a
  line is an ``article`` clause by itself, so that a renumbered article is a new
  label over an unchanged body.
* A line holding ``|`` cells (a table row) is one ``row`` clause.
* ``place`` cites a clause as a reviewer would: ``二/(三)/2`` or ``第十条/(一)``
  (inside an article, the chapter is left out: article numbers run through a law).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from corpus.document import Document
from diffing.model import Clause, ClauseKind

__all__ = ["segment", "segment_text"]

_NUM = "一二三四五六七八九十百千零〇两壹贰叁肆伍陆柒捌玖拾"
_SPACE = " \t\r\f\v\u3000\u00a0"
_SENTENCE_END = re.compile(r"[。；;！!？?]+(?![-=])[”’\"'」』)）\]】]*")
_DIVISION = re.compile(rf"^#*\s*(第[{_NUM}\d]+\s*[编章节])")
_ARTICLE = re.compile(rf"^#*\s*(第[{_NUM}\d]+\s*条)(?:之[{_NUM}\d]+)?")
_LEVEL_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (4, re.compile(rf"^([{_NUM}]+)[、.．]")),
    (5, re.compile(rf"^[(（]([{_NUM}]+)[)）]")),
    (6, re.compile(r"^(\d{1,3})[.．、](?!\d)")),
    (7, re.compile(r"^[(（](\d{1,3})[)）]")),
)
_DIVISION_LEVEL = {"编": 0, "章": 1, "节": 2}
_ARTICLE_LEVEL = 3
_HEADING_MAX = 40  # a 一、 line longer than this with a sentence end is text, not a heading


class _Places:
    """The stack of headings above the current line."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, str]] = []
        self._place = ""

    def push(self, level: int, label: str) -> None:
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, label))
        in_article = any(lv == _ARTICLE_LEVEL for lv, _ in self.stack)
        self._place = "/".join(lb for lv, lb in self.stack if not (in_article and lv < _ARTICLE_LEVEL))

    def place(self) -> str:
        return self._place


def segment(doc: Document) -> tuple[Clause, ...]:
    """The clauses of a document, in reading order."""
    return segment_text(doc.text)


def segment_text(text: str) -> tuple[Clause, ...]:
    """The clauses of a normalized text."""
    clauses: list[Clause] = []
    places = _Places()

    def add(start: int, end: int, kind: ClauseKind) -> None:
        while start < end and text[start] in _SPACE:
            start += 1
        while end > start and text[end - 1] in _SPACE:
            end -= 1
        if end > start:
            clauses.append(Clause(len(clauses), start, end, text[start:end], kind, places.place()))

    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        body = line.strip(_SPACE)
        if not body:
            continue
        start += len(line) - len(line.lstrip(_SPACE))
        if "|" in body and (body.count("|") >= 2 or len(body) <= 120):
            add(start, end, "row")
            continue
        m = _DIVISION.match(body)
        if m:
            label = re.sub(r"\s+", "", m.group(1))
            places.push(_DIVISION_LEVEL[label[-1]], label)
            add(start, end, "heading")
            continue
        m = _ARTICLE.match(body)
        if m:
            places.push(_ARTICLE_LEVEL, re.sub(r"\s+", "", m.group(0).lstrip("# ")))
            add(start, start + m.end(), "article")
            _sentences(text, start + m.end(), end, add, first_kind="sentence")
            continue
        kind: ClauseKind = "sentence"
        for level, pattern in _LEVEL_MARKERS:
            m = pattern.match(body)
            if m:
                label = m.group(0).rstrip("、.．") if level != 6 else m.group(1)
                label = label.replace("（", "(").replace("）", ")")
                places.push(level, label)
                first_end = _SENTENCE_END.search(body)
                if first_end is None or len(body) <= _HEADING_MAX or first_end.end() <= _HEADING_MAX:
                    kind = "heading"
                break
        if body.startswith("#"):
            kind = "heading"
        _sentences(text, start, end, add, first_kind=kind)
    return tuple(clauses)


def _sentences(
    text: str, start: int, end: int, add: Callable[[int, int, ClauseKind], None], first_kind: ClauseKind
) -> None:
    """Split ``text[start:end]`` (one line) into sentences; the first gets ``first_kind``."""
    kind = first_kind
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        add(pos, m.end(), kind)
        kind = "sentence"
        pos = m.end()
    if pos < end:
        add(pos, end, kind)
