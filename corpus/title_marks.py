"""Book-title marks that OCR misreads inside a title, put right by the rule of nesting.

Rules:

* Chinese punctuation (GB/T 15834-2011, 4.15: 书名号) nests titles one way: the outer title
  takes the double marks 《》 and a title inside it the single marks 〈〉
  (``《国务院关于修改〈全国年节及纪念日放假办法〉的决定》``). OCR reads the single marks as
  double ones or as ASCII angle brackets or a closing parenthesis (``《…修改<全国…办法>的决定》``,
  ``《…修改《…公司法》的决定》``, ``《…〈…保护法）等…》``); `fix_nested_titles` puts them back.
* Inside an open 《 title, an opening mark (《 < 〈) opens a nested title and is 〈; while a
  nested title is open, a closing mark (》 > 〉, or ）/ ) when no parenthesis opened inside
  it) closes it and is 〉; a > that closes the outer title is 》.
* Only a title that closes within `SPAN` characters, with at most one level inside it, is
  changed; anything else is left as read. One character for one character: offsets
  and per-character confidences stay aligned.
"""

from __future__ import annotations

__all__ = ["SPAN", "fix_nested_titles"]

SPAN = 200
"""Longest title (characters) the rule looks through for its closing mark."""

_OPEN = "《<〈"
_CLOSE = "》>〉"
_PAREN_CLOSE = "）)"
_PAREN_OPEN = "（("


def fix_nested_titles(text: str) -> str:
    """``text`` with the marks of each closed title nested as the rule says (same length)."""
    if "《" not in text:
        return text
    out = list(text)
    at = 0
    while (start := text.find("《", at)) >= 0:
        end, changes = _title(text, start)
        if end is None:
            at = start + 1
            continue
        for index, mark in changes:
            out[index] = mark
        at = end + 1
    return "".join(out)


def _title(text: str, start: int) -> tuple[int | None, list[tuple[int, str]]]:
    """The end of the title opened at ``start`` and the marks to change in it; None when it does not close."""
    changes: list[tuple[int, str]] = []
    nested: int | None = None  # where the open nested title starts
    parens = 0  # parentheses opened inside it
    for index in range(start + 1, min(len(text), start + SPAN)):
        char = text[index]
        if nested is None:
            if char in _OPEN:
                nested, parens = index, 0
                changes.append((index, "〈"))
            elif char in _CLOSE:
                changes.append((index, "》"))
                return index, changes
            continue
        if char in _PAREN_OPEN:
            parens += 1
        elif char in _PAREN_CLOSE and parens:
            parens -= 1
        elif char in _CLOSE or char in _PAREN_CLOSE:
            changes.append((index, "〉"))
            nested = None
        elif char in _OPEN:
            return None, []  # a third level: not a title as the rule writes it
    return None, []
