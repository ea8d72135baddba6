"""Division headings (编, 分编, 章, 节) of both outlines paired as the article map pairs their divisions.

Rules:

* The pairs are read from the map's division entries (`diffing.structure`),
  never from the headings' own text matching: an entry with one division on
  each side is a pair; with none on one side it is ``inserted`` or ``deleted``.
* ``merged`` (several A divisions, one B): the B division pairs with the A one
  of the same name (spaces folded: 第七章 附 则 is 第七章 附则), else the first;
  another A chapter whose name is that of a new B section (an ``inserted``
  section entry) became that section and pairs with it, as the 修改决定 says
  ``将第二章改为第二章第一节``; the rest are merged into the pair.
  ``split`` (one A, several B): the A division pairs with the B one of the
  same name, else the first; each other B division is a pair of its own,
  ``split`` from that A division (new, with part of its content).
* Each heading is given as its index among the units of `diffing.articles`
  (kind ``heading``), with its label (compacted: 第二章) and name as written
  on its first line; a division of the map whose heading is no such unit,
  or does not read 第X章…, is left out (the caller falls back to its own
  linking for it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from corpus.markers import DIVISION, compact
from diffing.correspond import Correspondence
from diffing.structure import Structure

__all__ = ["DIVISION_LEVELS", "DivisionPair", "Heading", "chapter_of", "division_pairs", "fold", "heading_of"]

DIVISION_LEVELS = ("part", "subpart", "chapter", "section")
PairOp = Literal["paired", "merged", "split", "inserted", "deleted"]


@dataclass(frozen=True)
class Heading:
    """A division heading: its outline unit, label (第二章) and name (行政复议范围)."""

    unit: int
    label: str
    name: str


@dataclass(frozen=True)
class DivisionPair:
    """Headings of A and of B that are one division (several when ``merged`` or ``split``)."""

    op: PairOp
    a: tuple[Heading, ...]
    b: tuple[Heading, ...]


def fold(text: str) -> str:
    """A name with its spaces removed, for comparing."""
    return re.sub(r"[\s\u3000]+", "", text)


def heading_of(corr: Correspondence, shape: Structure, side: str, sid: int) -> Heading | None:
    """The heading of the map's division unit ``sid`` on ``side``, or None (module rules)."""
    unit = (shape.a if side == "a" else shape.b)[sid]
    outline = corr.a if side == "a" else corr.b
    first = unit.clauses[0] if unit.clauses else -1
    index = next((k for k, u in enumerate(outline.units) if u.kind == "heading" and u.clauses[0] == first), None)
    if index is None:
        return None
    text = outline.paragraph_text(outline.units[index].paragraphs[0])
    m = DIVISION.match(text)
    if not m:
        return None
    return Heading(index, compact(m.group(1)), text[m.end() :].split("\n", 1)[0].strip())


def chapter_of(corr: Correspondence, index: int, side: str = "b") -> str:
    """The 第X章 the heading unit ``index`` of one side lies in, or empty."""
    outline = corr.b if side == "b" else corr.a
    for unit in reversed(outline.units[:index]):
        if unit.kind == "heading":
            m = DIVISION.match(outline.paragraph_text(unit.paragraphs[0]))
            if m and compact(m.group(1)).endswith("章"):
                return compact(m.group(1))
    return ""


def _partner(one: Heading, many: list[Heading]) -> Heading:
    return next((h for h in many if fold(h.name) == fold(one.name)), many[0])


def division_pairs(corr: Correspondence, shape: Structure) -> list[DivisionPair]:
    """Every division of the map as pairs of headings (module rules), in the map's order."""
    entries = [e for e in shape.entries if e.level in DIVISION_LEVELS]

    def heads(side: str, ids: tuple[int, ...]) -> list[Heading]:
        return [h for h in (heading_of(corr, shape, side, i) for i in ids) if h is not None]

    new_sections = {
        fold(h.name): h for e in entries if e.level == "section" and e.op == "inserted" for h in heads("b", e.b)
    }
    taken: set[int] = set()  # new sections that are old chapters turned into sections
    out: list[DivisionPair] = []
    for entry in entries:
        olds, news = heads("a", entry.a), heads("b", entry.b)
        if not olds and not news:
            continue
        if not olds:
            out.append(DivisionPair("inserted", (), tuple(news)))
            continue
        if not news:
            out.append(DivisionPair("deleted", tuple(olds), ()))
            continue
        if len(olds) > 1:
            main = _partner(news[0], olds)
            rest = []
            for old in olds:
                section = new_sections.get(fold(old.name))
                if old is not main and section is not None and section.unit not in taken:
                    taken.add(section.unit)
                    out.append(DivisionPair("paired", (old,), (section,)))
                elif old is not main:
                    rest.append(old)
            op: PairOp = "merged" if rest else "paired"
            out.append(DivisionPair(op, (main, *rest), (news[0],)))
        elif len(news) > 1:
            main = _partner(olds[0], news)
            out.append(DivisionPair("paired", (olds[0],), (main,)))
            out += [DivisionPair("split", (olds[0],), (new,)) for new in news if new is not main]
        else:
            out.append(DivisionPair("paired", (olds[0],), (news[0],)))
    # a new section that is an old chapter is that chapter's pair, not new
    return [p for p in out if not (p.op == "inserted" and len(p.b) == 1 and p.b[0].unit in taken)]
