"""How each issuer drafts a 修改决定: its opening, what it does with renumbering, and its closing sentence.

Rules:

* ``npc`` (laws of the NPC and its Standing Committee): opens
  ``对《…》作如下修改：``; pure renumbering gets no item and no sentence of
  its own: since 2018 the closing says it, ``《…》根据本决定作相应修改并对条文顺序作相应调整，重新公布。``
* ``state-council`` (条例, 国务院 rules): opens ``国务院决定对《…》作如下修改：``;
  renumbering is the sentence ``此外，对条文顺序作相应调整。`` after the items;
  closes ``《…》根据本决定作相应修改，重新公布。``
* ``spc`` (the Supreme People's Court's interpretations and provisions): every
  renumbered article has its item (``将第五条改为第十条。``); closes
  ``根据本决定，《…》作相应修改，重新公布。``
* Every style says first when the decision takes effect (the date left blank).
* `guess`: from the title and the date/issuer line of the documents:
  最高人民法院 → ``spc``; 条例 or 国务院 → ``state-council``; a title ending
  in 法 → ``npc``; else ``npc``.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["STYLES", "Style", "closing", "ending", "guess", "intro", "lists_renumbering"]

Style = Literal["npc", "state-council", "spc"]
STYLES: tuple[Style, ...] = ("npc", "state-council", "spc")
RENUMBERED = "此外，对条文顺序作相应调整。"
COMMENCEMENT = "本决定自　　年　　月　　日起施行。"


def guess(title: str, lines: tuple[str, ...] = ()) -> Style:
    """The issuer's style from a title and the documents' date/issuer lines (module rules)."""
    text = " ".join((title, *lines))
    if "最高人民法院" in text:
        return "spc"
    if "条例" in title or "国务院" in text:
        return "state-council"
    return "npc"


def intro(style: Style, title: str) -> str:
    """The opening sentence."""
    law = f"《{title}》" if title else ""
    if style == "state-council":
        return f"国务院决定对{law}作如下修改："
    return f"对{law}作如下修改："


def lists_renumbering(style: Style) -> bool:
    """Whether every renumbered article has its own item (``将第X条改为第Y条。``)."""
    return style == "spc"


def closing(style: Style, renumbered: bool) -> str:
    """The sentence after the items that says the articles were renumbered, or empty."""
    return RENUMBERED if renumbered and style == "state-council" else ""


def ending(style: Style, title: str, renumbered: bool) -> tuple[str, ...]:
    """The sentences a decision ends with: when it takes effect, then how the act is published again."""
    if not title:
        return (COMMENCEMENT,)
    if style == "spc":
        return (COMMENCEMENT, f"根据本决定，《{title}》作相应修改，重新公布。")
    if style == "npc" and renumbered:
        return (COMMENCEMENT, f"《{title}》根据本决定作相应修改并对条文顺序作相应调整，重新公布。")
    return (COMMENCEMENT, f"《{title}》根据本决定作相应修改，重新公布。")
