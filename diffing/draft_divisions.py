"""The 修改决定's items for divisions (编, 章, 节), from the article map (`diffing.structure`).

Rules:

* A division whose name changed: ``将第X章的章名修改为“…”``; renumbered as
  well: ``将第X章改为第Y章，章名修改为“…”``; renumbered only: no item unless
  the style lists every renumbering (``将第X章改为第Y章。``).
* Divisions merged: ``将第二章、第三章合并，作为第二章，章名为“…”``.
* A new division: ``增加一章，作为第X章，章名为“…”``; a new section names
  its chapter (B's number): ``在第X章中增加一节，作为第Y节，节名为“…”``. A new
  section whose name is that of an A chapter merged into or deleted before
  its chapter is that chapter, turned into a section:
  ``将第二章改为第二章第一节，节名为“…”`` (the old chapter's name kept or not).
* A division gone: ``删去第X章的章名。`` (its articles are the articles' items).
* Names are compared with spaces folded (第七章 附 则 is 第七章 附则). A
  division's label and name are as written (`diffing.amendments._division`).
* Each item is keyed by the outline unit (of `diffing.articles`) it belongs
  at: A's heading, or for a new division B's heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.markers import DIVISION, compact
from diffing.correspond import Correspondence
from diffing.structure import Structure

__all__ = ["DivisionItem", "division_items"]

_KIND = {"part": "编", "subpart": "编", "chapter": "章", "section": "节"}


@dataclass(frozen=True)
class DivisionItem:
    """An item and where it belongs: an A outline unit (``side`` a) or a B one (``side`` b)."""

    side: str
    unit: int
    text: str


def _fold(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def division_items(corr: Correspondence, shape: Structure, list_renumbering: bool) -> list[DivisionItem]:
    """The items for every division entry of the map (module rules)."""
    a_units = {u.clauses[0]: k for k, u in enumerate(corr.a.units) if u.kind == "heading"}
    b_units = {u.clauses[0]: k for k, u in enumerate(corr.b.units) if u.kind == "heading"}

    def name(side: str, sid: int) -> tuple[str, str, int] | None:
        """(第X章, name, outline unit) of a structure division unit."""
        unit = (shape.a if side == "a" else shape.b)[sid]
        outline = corr.a if side == "a" else corr.b
        index = (a_units if side == "a" else b_units).get(unit.clauses[0])
        if index is None:
            return None
        text = outline.paragraph_text(outline.units[index].paragraphs[0])
        m = DIVISION.match(text)
        if not m:
            return None
        return compact(m.group(1)), text[m.end() :].split("\n", 1)[0].strip(), index

    gone_chapters: dict[str, str] = {}  # folded name → A label, for A chapters merged away or deleted
    inserted = [j for e in shape.entries if e.level == "section" and e.op == "inserted" for j in e.b]
    new_sections = {_fold(n[1]) for j in inserted if (n := name("b", j))}
    out: list[DivisionItem] = []
    for entry in shape.entries:
        if entry.level not in _KIND:
            continue
        kind = _KIND[entry.level]
        olds = [n for n in (name("a", i) for i in entry.a) if n]
        news = [n for n in (name("b", j) for j in entry.b) if n]
        plain = {o[2]: o[0] for o in olds}  # a section's own label, for telling whether it was renumbered
        if kind == "节":  # a section is cited inside its chapter: 第二章第三节
            olds = [(_chapter_of(corr, o[2], "a") + o[0], o[1], o[2]) for o in olds]
        if entry.op == "merged" and news and len(olds) > 1:
            # an old chapter whose name is a new section's became that section (its own item, below)
            sections = [o for o in olds if _fold(o[1]) in new_sections and _fold(o[1]) != _fold(news[0][1])]
            gone_chapters.update((_fold(o[1]), o[0]) for o in sections)
            olds = [o for o in olds if o not in sections]
        if entry.op == "merged" and news and len(olds) > 1:
            labels = "、".join(o[0] for o in olds)
            target = (_chapter_of(corr, news[0][2]) if kind == "节" else "") + news[0][0]
            out.append(DivisionItem("a", olds[0][2], f"将{labels}合并，作为{target}，{kind}名为“{news[0][1]}”。"))
        elif entry.op == "deleted" and olds:
            out.append(DivisionItem("a", olds[0][2], f"删去{olds[0][0]}的{kind}名。"))
            gone_chapters[_fold(olds[0][1])] = olds[0][0]
        elif entry.op == "inserted" and news:
            new = news[0]
            if kind == "节":
                chapter = _chapter_of(corr, new[2])
                was = gone_chapters.get(_fold(new[1]))
                if was and chapter:
                    text = f"将{was}改为{chapter}{new[0]}，节名为“{new[1]}”。"
                else:
                    text = f"{'在' + chapter + '中' if chapter else ''}增加一节，作为{new[0]}，节名为“{new[1]}”。"
            else:
                text = f"增加一{kind}，作为{new[0]}，{kind}名为“{new[1]}”。"
            out.append(DivisionItem("b", new[2], text))
        elif olds and news and entry.op in ("modified", "renumbered", "moved", "equal", "split", "merged"):
            old, new = olds[0], news[0]
            renamed = _fold(old[1]) != _fold(new[1])
            renumbered = plain[old[2]] != new[0]
            target = (_chapter_of(corr, new[2]) if kind == "节" else "") + new[0]
            if renamed and renumbered:
                out.append(DivisionItem("a", old[2], f"将{old[0]}改为{target}，{kind}名修改为“{new[1]}”。"))
            elif renamed:
                out.append(DivisionItem("a", old[2], f"将{old[0]}的{kind}名修改为“{new[1]}”。"))
            elif renumbered and list_renumbering:
                out.append(DivisionItem("a", old[2], f"将{old[0]}改为{target}。"))
    return out


def _chapter_of(corr: Correspondence, index: int, side: str = "b") -> str:
    """The 第X章 the heading unit ``index`` of one side lies in, or empty."""
    outline = corr.b if side == "b" else corr.a
    for unit in reversed(outline.units[:index]):
        if unit.kind == "heading":
            m = DIVISION.match(outline.paragraph_text(unit.paragraphs[0]))
            if m and compact(m.group(1)).endswith("章"):
                return compact(m.group(1))
    return ""
