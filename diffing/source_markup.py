"""Source markup in a document's text: the Markdown headings and HTML comments a converter or a web page left.

Rules:

* A clause is markup when its text, stripped, is one HTML comment whole
  (``<!-- INFO END -->``) or a Markdown ATX heading (``#`` to ``######``, a
  space, the heading; closing ``#`` dropped).
* Views show such a clause as structure: a heading as its words, styled as a
  heading; a comment not as text. Only what is shown changes: the diff and
  each side's text are untouched, so a report that must give a side back
  (Word's accept and reject) still does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["Markup", "source_markup"]

_HEADING = re.compile(r"(#{1,6})[ \t\u3000]+(\S.*?)(?:[ \t\u3000]+#+)?[ \t\u3000]*", re.S)
_COMMENT = re.compile(r"<!--(?:(?!-->).)*-->", re.S)


@dataclass(frozen=True)
class Markup:
    """What a clause of markup is."""

    kind: Literal["heading", "comment"]
    level: int
    """1 to 6 for a heading, 0 for a comment."""
    text: str
    """A heading's words; empty for a comment."""


def source_markup(text: str) -> Markup | None:
    """The markup ``text`` is (module rules), or None for document text."""
    bare = text.strip()
    if _COMMENT.fullmatch(bare):
        return Markup("comment", 0, "")
    heading = _HEADING.fullmatch(bare)
    if heading and "\n" not in heading.group(2):
        return Markup("heading", len(heading.group(1)), heading.group(2))
    return None
