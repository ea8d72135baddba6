"""Read a tracked-changes .docx back: the text a reviewer gets by accepting or rejecting every change."""

from __future__ import annotations

import io
import itertools
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


def apply_revisions(data: bytes, accept: bool) -> list[str]:
    """Accept (or reject) every tracked change in the XML, as Word does, and return the body's paragraphs.

    Rejected revisions (``w:del``/``w:moveFrom`` on accepting, ``w:ins``/``w:moveTo``
    on rejecting) are removed with their content, kept ones are unwrapped, a
    ``w:delText`` kept becomes ``w:t``; a paragraph whose mark is removed is
    joined with the next paragraph. The text is then read as python-docx reads it.
    """
    removed = _HIDDEN[accept]
    kept = _HIDDEN[not accept]
    document = docx.Document(io.BytesIO(data))
    root = document.element.body
    for element in list(root.iter(*(f"{W}{name}" for name in removed))):
        parent = element.getparent()
        if _local(parent) == "rPr":
            continue  # a paragraph mark: handled below
        parent.remove(element)
    for element in list(root.iter(*(f"{W}{name}" for name in kept))):
        parent = element.getparent()
        if _local(parent) == "rPr":
            parent.remove(element)
            continue
        index = parent.index(element)
        for child in list(element):
            parent.insert(index, child)
            index += 1
        parent.remove(element)
    for t in list(root.iter(f"{W}delText")):
        t.tag = f"{W}t"
    paragraphs = list(root.iter(f"{W}p"))
    for p, following in itertools.pairwise(paragraphs):
        mark = p.find(f"{W}pPr/{W}rPr")
        if mark is not None and any(_local(child) in removed for child in mark):
            # The mark goes: this paragraph's content runs on at the start of the next one.
            runs = [child for child in p if _local(child) != "pPr"]
            start = 1 if following.find(f"{W}pPr") is not None else 0
            for k, run in enumerate(runs):
                following.insert(start + k, run)
            p.getparent().remove(p)
    return [paragraph.text for paragraph in docx.Document(_saved(document)).paragraphs]


def _saved(document: Any) -> io.BytesIO:
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return buffer


def marked(data: bytes) -> list[list[tuple[str, str]]]:
    """Each paragraph as Word shows it with all markup: its texts in order, each with how it is tracked
    (``same``, ``del``, ``ins``, ``moveFrom``, ``moveTo``)."""
    paragraphs: list[list[tuple[str, str]]] = []
    for p in body(data).iter(f"{W}p"):
        pieces: list[tuple[str, str]] = []
        for element in p.iter(f"{W}t", f"{W}delText"):
            kind, ancestor = "same", element.getparent()
            while ancestor is not None and ancestor is not p:
                if _local(ancestor) in ("del", "ins", "moveFrom", "moveTo"):
                    kind = _local(ancestor)
                    break
                ancestor = ancestor.getparent()
            pieces.append((kind, element.text or ""))
        paragraphs.append(pieces)
    return paragraphs
