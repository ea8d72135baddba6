"""Read a tracked-changes .docx back: the text a reviewer gets by accepting or rejecting every change."""

from __future__ import annotations

import io
from typing import Any

import docx
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HIDDEN = {True: {"del", "moveFrom"}, False: {"ins", "moveTo"}}


def _local(element: Any) -> str:
    return str(etree.QName(element).localname)


def body(data: bytes) -> Any:
    """The ``w:body`` element of a .docx."""
    return docx.Document(io.BytesIO(data)).element.body


def view(data: bytes, accept: bool) -> list[str]:
    """Paragraph texts after accepting (or rejecting) every tracked change."""
    hidden = _HIDDEN[accept]
    paragraphs: list[str] = []
    current: list[str] = []
    for p in body(data).iter(f"{W}p"):
        for element in p.iter(f"{W}t", f"{W}delText", f"{W}br", f"{W}tab"):
            ancestor = element.getparent()
            skip = False
            while ancestor is not None and ancestor is not p:
                if _local(ancestor) in hidden:
                    skip = True
                    break
                ancestor = ancestor.getparent()
            if skip:
                continue
            name = _local(element)
            current.append({"br": "\n", "tab": "\t"}.get(name, element.text or ""))
        mark = p.find(f"{W}pPr/{W}rPr")
        if mark is not None and any(_local(child) in hidden for child in mark):
            continue  # this paragraph mark goes: the text runs on into the next paragraph
        paragraphs.append("".join(current))
        current = []
    if current:
        paragraphs.append("".join(current))
    return paragraphs


def revisions(data: bytes) -> list[Any]:
    """Every revision element of the body (ins, del, moveFrom, moveTo, and the move ranges)."""
    names = {"ins", "del", "moveFrom", "moveTo", "moveFromRangeStart", "moveToRangeStart"}
    return [e for e in body(data).iter() if isinstance(e.tag, str) and _local(e) in names]
