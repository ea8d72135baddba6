"""The articles of a law: clauses grouped as a drafter counts them, 条, 款 and 项.

Rules:

* An **article** (`Unit` of kind ``article``) is a 第X条 label clause and every
  clause after it up to the next label, division heading (第X编/章/节) or
  Markdown heading. Its **paragraphs** follow the original layout: a （一）
  item always starts one; a blank line between two clauses starts one, and so
  does a line break before a heading or a label. In a document that does not
  separate its paragraphs by blank lines, a line break after a short line
  starts one when the text is hard-wrapped (most long lines have one width),
  else a line break after a clause that ends a sentence (。；：). Any other line
  break is a hard wrap. The label and the text on its line are the first
  paragraph. (Paragraphs are layout: a text flattened onto one line has one
  paragraph per article, plus its items.)
* A paragraph that opens with （一）/(一) is a **项** (item) of the 款 before it;
  every other paragraph opens a new **款**. ``kuan`` numbers 款 from 1, as the
  law counts them (第二款 is the second paragraph that is not an item).
* Outside articles: each division heading (第X章, ``#`` line) is a unit of kind
  ``heading``; a run of other paragraphs is one unit of kind ``text``, and a
  heading such as 一、 starts a new one.
* **Front matter** (a law's title and its 题注 of dates) is what comes before
  the first article or division heading in a document that has articles, when
  that is at most `_FRONT_MAX` characters (more is content: a notice with
  rules attached); it is no unit. ``title`` and ``date`` are the document's
  own (`corpus.meta`), the same every report and the store show.
* Markers (第X条, 第X章, （一）) are `corpus.markers`'; a label's number is
  read by `corpus.markers.read_label` (第壹条 is article 1).
* **Borrowed breaks**: of two compared documents (`outlines`), a side with no
  line break inside its articles (a text flattened onto one line) while the
  other side has them takes its paragraph starts from the other side: a clause
  starts a 款 where the first clause of its row on the other side starts one.
* All text is original text (``Document.original``), cut at clause spans.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

from corpus.document import Document
from corpus.markers import DIVISION, ITEM, Level, compact, read_label
from corpus.meta import document_meta
from diffing.fast_values import plain
from diffing.model import Clause, Diff

__all__ = ["DIVISION", "Outline", "Paragraph", "Unit", "UnitKind", "outline", "outlines"]

UnitKind = Literal["article", "heading", "text"]

_BLANK = re.compile(r"\n[ \t\u3000\u200b]*\r?\n")
_PARAGRAPH_END = frozenset("。；：！？;:!?”」")
_WRAP_MIN = 20  # lines this long may be hard-wrapped ones
_WRAP_LINES = 5  # a text needs this many of them to have a wrap width
_FRONT_MAX = 3000
"""Characters before the first article that can still be front matter (a title and its 题注)."""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a unit: clause indices, and whether it is a 项 (item)."""

    clauses: tuple[int, ...]
    item: bool


@dataclass(frozen=True)
class Unit:
    """An article, a heading, or a run of text outside articles."""

    kind: UnitKind
    label: str
    """``第七条`` for an article (spaces removed), ``""`` otherwise."""
    number: int | None
    """The article's number (7 for 第七条; None for 第七条之一's kind of label and for other units)."""
    paragraphs: tuple[Paragraph, ...]

    @cached_property
    def clauses(self) -> tuple[int, ...]:
        return tuple(i for p in self.paragraphs for i in p.clauses)

    @cached_property
    def kuan(self) -> tuple[tuple[Paragraph, ...], ...]:
        """The 款: each a paragraph that is no item, with the items that follow it."""
        out: list[list[Paragraph]] = []
        for p in self.paragraphs:
            if p.item and out:
                out[-1].append(p)
            else:
                out.append([p])
        return tuple(tuple(k) for k in out)


@dataclass(frozen=True)
class Outline:
    """A document's units in reading order, with its front matter."""

    document: Document
    clauses: tuple[Clause, ...]
    units: tuple[Unit, ...]
    front: tuple[int, ...]
    """Clauses of the front matter (none when the document has no articles)."""
    spans: tuple[tuple[int, int], ...]
    """Original span of each clause."""

    @cached_property
    def unit_of(self) -> tuple[int, ...]:
        """For each clause, the index of its unit (-1 in the front matter)."""
        out = [-1] * len(self.clauses)
        for u, unit in enumerate(self.units):
            for i in unit.clauses:
                out[i] = u
        return tuple(out)

    def original(self, i: int) -> str:
        """Original text of clause ``i``."""
        lo, hi = self.spans[i]
        return self.document.original[lo:hi]

    def paragraph_text(self, paragraph: Paragraph, drop_label: bool = False) -> str:
        """Original text of a paragraph, from its first clause to its last (the label left out on request)."""
        clauses = paragraph.clauses
        if drop_label and clauses and self.clauses[clauses[0]].kind == "article":
            clauses = clauses[1:]
        if not clauses:
            return ""
        return self.document.original[self.spans[clauses[0]][0] : self.spans[clauses[-1]][1]].strip()

    def gap(self, i: int) -> str:
        """Original text between clause ``i`` and clause ``i + 1`` (empty after the last)."""
        if i + 1 >= len(self.spans):
            return ""
        return self.document.original[self.spans[i][1] : self.spans[i + 1][0]]

    @property
    def title(self) -> str:
        """The document's title (`corpus.meta`), or empty."""
        return document_meta(self.document).title

    @property
    def date(self) -> str:
        """This version's date line (`corpus.meta`: a revision's date and name), or empty."""
        return document_meta(self.document).date


def outline(
    document: Document,
    clauses: tuple[Clause, ...],
    spans: tuple[tuple[int, int], ...] | None = None,
    breaks: Collection[int] = (),
) -> Outline:
    """Group a document's clauses into units (see the module's rules); ``breaks``: clauses that start
    a paragraph whatever the layout (borrowed from the other side of a comparison)."""
    if spans is None:  # the original span of each clause, unless the caller has them (`Diff.a_original`)
        spans = tuple(_span(document, c) for c in clauses)
    original = document.original
    first = next((i for i, c in enumerate(clauses) if c.kind == "article" or _numbered_division(c)), None)
    has_articles = any(c.kind == "article" for c in clauses)
    if first is not None and spans[first][0] > _FRONT_MAX:
        has_articles = False  # a long text before the first article is content (a notice with rules attached)
    layout = _layout(original)
    units: list[Unit] = []
    front: list[int] = []
    in_front = has_articles
    paragraphs: list[list[int]] = []
    kind: UnitKind = "text"
    label = ""

    def close() -> None:
        if paragraphs:
            units.append(_unit(kind, label, paragraphs, original, spans))
        paragraphs.clear()

    for i, clause in enumerate(clauses):
        clause_kind = clause.kind
        numbered = clause_kind == "heading" and _numbered_division(clause)
        is_division = numbered or (clause_kind == "heading" and clause.text.startswith("#"))
        if in_front:
            if clause_kind != "article" and not numbered:
                front.append(i)
                continue
            in_front = False
        if clause_kind == "article":
            close()
            kind, label = "article", compact(clause.text)
            paragraphs.append([i])
        elif is_division:
            close()
            units.append(_unit("heading", "", [[i]], original, spans))
            kind, label = "text", ""
        elif kind != "article" and clause_kind == "heading":
            close()
            kind, label = "text", ""
            paragraphs.append([i])
        elif (  # a new paragraph (the layout is read only here, where it decides)
            not paragraphs
            or i == 0
            or i in breaks
            or _breaks(original, spans[i - 1][1], spans[i][0], clauses[i - 1], clause, layout)
        ):
            paragraphs.append([i])
        else:
            paragraphs[-1].append(i)
    close()
    return Outline(document, clauses, tuple(units), tuple(front), spans)


def outlines(diff: Diff, own: tuple[Outline, Outline] | None = None) -> tuple[Outline, Outline]:
    """The outlines of both compared documents, a side without line breaks inside its articles with
    the other side's paragraph starts (module rules, "borrowed breaks"). ``own``: both sides' outlines
    without borrowed breaks, when the caller has them (`diffing.align_apart`)."""
    a, b = own or (outline(diff.a, diff.a_clauses, diff.a_original), outline(diff.b, diff.b_clauses, diff.b_original))
    rows = (row for row in diff.rows if row.op != "copied" and row.a and row.b)
    if _unbroken(a) and not _unbroken(b):
        a = outline(diff.a, diff.a_clauses, diff.a_original, _borrowed(b, ((r.b, r.a) for r in rows)))
    elif _unbroken(b) and not _unbroken(a):
        b = outline(diff.b, diff.b_clauses, diff.b_original, _borrowed(a, ((r.a, r.b) for r in rows)))
    return a, b


def _unbroken(law: Outline) -> bool:
    """The document has articles of several clauses and no line break inside any article."""
    several = [unit for unit in law.units if unit.kind == "article" and len(unit.clauses) > 1]
    return bool(several) and not any("\n" in law.gap(i) for unit in several for i in unit.clauses[:-1])


def _borrowed(other: Outline, links: Iterable[tuple[Sequence[int], Sequence[int]]]) -> set[int]:
    """This side's clauses whose row starts, on the other side, a paragraph after an article's first."""
    starts = {p.clauses[0] for unit in other.units if unit.kind == "article" for p in unit.paragraphs[1:]}
    return {mine[0] for theirs, mine in links if theirs[0] in starts}


def _layout(original: str) -> tuple[bool, int]:
    """How a text lays out its paragraphs: (blank lines between them, the width of its hard wraps or 0)."""
    blank = len(_BLANK.findall(original)) * 5 >= original.count("\n") * 2
    lengths = [len(line.strip()) for line in original.splitlines()]
    long = [n for n in lengths if n >= _WRAP_MIN]
    if len(long) < _WRAP_LINES:
        return blank, 0
    width = Counter(long).most_common(1)[0][0]
    near = sum(1 for n in long if abs(n - width) <= 1)
    return blank, width if 2 * near >= len(long) else 0


def _breaks(original: str, end: int, start: int, before: Clause, after: Clause, layout: tuple[bool, int]) -> bool:
    """Whether the original text between two clauses (``end``–``start``) breaks a paragraph (module rules)."""
    text = after.text
    if _is_item(text, 0, len(text)):
        return True
    gap = original[end:start]
    if "\n" not in gap:
        return False
    if _BLANK.search(gap) or after.kind in ("article", "heading"):
        return True
    blank, width = layout
    if blank:
        return False
    if width:  # a hard-wrapped text: a full line runs on, a short one ends its paragraph
        line_start = original.rfind("\n", 0, end) + 1
        return len(original[line_start : end + gap.index("\n")].strip()) < width - 1
    return before.text[-1:] in _PARAGRAPH_END


_ITEM_FIRST = frozenset("(（")


def _is_item(text: str, lo: int, hi: int) -> bool:
    """``text[lo:hi]`` opens with （一）/(一) after spaces (`corpus.markers.ITEM`); read only where its first
    character allows it (the quick answer for most clauses, without a copy of the text)."""
    first = text[lo : lo + 1] if lo < hi else ""
    if first not in _ITEM_FIRST and not first.isspace():
        return False
    return ITEM.match(text[lo:hi].lstrip()) is not None


def _numbered_division(clause: Clause) -> bool:
    return clause.kind == "heading" and DIVISION.match(clause.text) is not None


def _span(document: Document, clause: Clause) -> tuple[int, int]:
    return document.to_original(clause.start, clause.end)


def _unit(
    kind: UnitKind, label: str, paragraphs: list[list[int]], original: str, spans: tuple[tuple[int, int], ...]
) -> Unit:
    if len(paragraphs) == 1:
        members = tuple(paragraphs[0])
        parts: tuple[Paragraph, ...] = (_new_paragraph(members, False),)
    else:
        article = kind == "article"
        parts = tuple(
            _new_paragraph(tuple(p), k > 0 and article and _is_item(original, *spans[p[0]]))
            for k, p in enumerate(paragraphs)
        )
        members = tuple(i for p in paragraphs for i in p)
    unit = _new_unit(kind, label, _article_number(label) if kind == "article" else None, parts)
    unit.__dict__["clauses"] = members  # its cached property, known here
    return unit


@lru_cache(maxsize=1 << 14)
def _article_number(label: str) -> int | None:
    read = read_label(label)
    return read.number[0] if read and read.level == Level.ARTICLE and len(read.number) == 1 else None


_FAST = plain(Paragraph, ("clauses", "item")) and plain(Unit, ("kind", "label", "number", "paragraphs"))
"""Whether `Paragraph` and `Unit` are still the plain frozen dataclasses `_new_paragraph` and `_new_unit` fill
(`diffing.fast_values`: an outline builds one of each for most clauses)."""
_new = object.__new__


def _new_paragraph(clauses: tuple[int, ...], item: bool) -> Paragraph:
    """``Paragraph(clauses, item)``."""
    if not _FAST:
        return Paragraph(clauses, item)
    paragraph: Paragraph = _new(Paragraph)
    paragraph.__dict__.update(clauses=clauses, item=item)
    return paragraph


def _new_unit(kind: UnitKind, label: str, number: int | None, paragraphs: tuple[Paragraph, ...]) -> Unit:
    """``Unit(kind, label, number, paragraphs)``."""
    if not _FAST:
        return Unit(kind, label, number, paragraphs)
    unit: Unit = _new(Unit)
    unit.__dict__.update(kind=kind, label=label, number=number, paragraphs=paragraphs)
    return unit
