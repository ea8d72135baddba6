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

from dataclasses import dataclass

from diffing.correspond import Correspondence
from diffing.division_pairs import chapter_of, fold, heading_of
from diffing.structure import Structure

__all__ = ["DivisionItem", "division_items"]

_KIND = {"part": "编", "subpart": "编", "chapter": "章", "section": "节"}


@dataclass(frozen=True)
class DivisionItem:
    """An item and where it belongs: an A outline unit (``side`` a) or a B one (``side`` b)."""

    side: str
    unit: int
    text: str


def division_items(corr: Correspondence, shape: Structure, list_renumbering: bool) -> list[DivisionItem]:
    """The items for every division entry of the map (module rules)."""
    def name(side: str, sid: int) -> tuple[str, str, int] | None:
        """(第X章, name, outline unit) of a structure division unit."""
        heading = heading_of(corr, shape, side, sid)
        return None if heading is None else (heading.label, heading.name, heading.unit)

    gone_chapters: dict[str, str] = {}  # folded name → A label, for A chapters merged away or deleted
    inserted = [j for e in shape.entries if e.level == "section" and e.op == "inserted" for j in e.b]
    new_sections = {fold(n[1]) for j in inserted if (n := name("b", j))}
    out: list[DivisionItem] = []
    for entry in shape.entries:
        if entry.level not in _KIND:
            continue
        kind = _KIND[entry.level]
        olds = [n for n in (name("a", i) for i in entry.a) if n]
        news = [n for n in (name("b", j) for j in entry.b) if n]
        plain = {o[2]: o[0] for o in olds}  # a section's own label, for telling whether it was renumbered
        if kind == "节":  # a section is cited inside its chapter: 第二章第三节
            olds = [(chapter_of(corr, o[2], "a") + o[0], o[1], o[2]) for o in olds]
        if entry.op == "merged" and news and len(olds) > 1:
            # an old chapter whose name is a new section's became that section (its own item, below)
            sections = [o for o in olds if fold(o[1]) in new_sections and fold(o[1]) != fold(news[0][1])]
            gone_chapters.update((fold(o[1]), o[0]) for o in sections)
            olds = [o for o in olds if o not in sections]
        if entry.op == "merged" and news and len(olds) > 1:
            labels = "、".join(o[0] for o in olds)
            target = (chapter_of(corr, news[0][2]) if kind == "节" else "") + news[0][0]
            out.append(DivisionItem("a", olds[0][2], f"将{labels}合并，作为{target}，{kind}名为“{news[0][1]}”。"))
        elif entry.op == "deleted" and olds:
            out.append(DivisionItem("a", olds[0][2], f"删去{olds[0][0]}的{kind}名。"))
            gone_chapters[fold(olds[0][1])] = olds[0][0]
        elif entry.op == "inserted" and news:
            new = news[0]
            if kind == "节":
                chapter = chapter_of(corr, new[2])
                was = gone_chapters.get(fold(new[1]))
                if was and chapter:
                    text = f"将{was}改为{chapter}{new[0]}，节名为“{new[1]}”。"
                else:
                    text = f"{'在' + chapter + '中' if chapter else ''}增加一节，作为{new[0]}，节名为“{new[1]}”。"
            else:
                text = f"增加一{kind}，作为{new[0]}，{kind}名为“{new[1]}”。"
            out.append(DivisionItem("b", new[2], text))
        elif olds and news and entry.op in ("modified", "renumbered", "moved", "equal", "split", "merged"):
            old, new = olds[0], news[0]
            renamed = fold(old[1]) != fold(new[1])
            renumbered = plain[old[2]] != new[0]
            target = (chapter_of(corr, new[2]) if kind == "节" else "") + new[0]
            if renamed and renumbered:
                out.append(DivisionItem("a", old[2], f"将{old[0]}改为{target}，{kind}名修改为“{new[1]}”。"))
            elif renamed:
                out.append(DivisionItem("a", old[2], f"将{old[0]}的{kind}名修改为“{new[1]}”。"))
            elif renumbered and list_renumbering:
                out.append(DivisionItem("a", old[2], f"将{old[0]}改为{target}。"))
    return out
