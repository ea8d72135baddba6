"""The words for a change, defined once: the kind of a row, the kind of an inline part, and how each is shown.

Rules:

* `Op` is the kind of a row (an aligned unit); `OPS` is their order in every
  count and legend. Its values are the names the JSON report writes.
* An inline part has one kind, written two ways: `PartOp` (``=``, ``-``,
  ``+``) is how a row stores it (``Row.inline``, `InlinePart`) and the JSON
  report writes it; `Kind` (``same``, ``del``, ``ins``) is the same kind on
  highlighted original text (`diffing.highlight`), in HTML classes and in the
  app's style names. `KIND_OF` and `PART_OF` turn one into the other.
* `OP_LOOK` and `KIND_LOOK` are the one table of how each is shown: its mark
  (the terminal and the app's label column), its one-character Chinese mark
  (HTML, Markdown and Word, where columns are narrow), its colour role (the
  theme variable ``$text-<role>`` of the app's ``label-<op>`` style; the
  terminal maps roles to colours with `TERMINAL_COLOUR`), and its Chinese and
  English names. Every writer and the app read their marks, names and colours
  from here; ``tests/diffing/test_vocabulary.py`` checks that they do.
* Nothing here imports anything of the project: `diffing.model` builds on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "KINDS",
    "KIND_LOOK",
    "KIND_OF",
    "OPS",
    "OP_LOOK",
    "PART_OF",
    "TERMINAL_COLOUR",
    "InlinePart",
    "Kind",
    "KindLook",
    "Op",
    "OpLook",
    "PartOp",
]  # fmt: skip

Op = Literal["equal", "renumbered", "modified", "inserted", "deleted", "moved", "copied", "split", "merged"]
"""The kind of a row."""
OPS: tuple[Op, ...] = (
    "equal", "renumbered", "modified", "inserted", "deleted", "moved", "copied", "split", "merged",
)  # fmt: skip

PartOp = Literal["=", "-", "+"]
"""The kind of an inline part as a row stores it (and the JSON report writes it)."""
InlinePart = tuple[PartOp, str]
"""One inline part of a row: its kind and its (normalized) text."""
Kind = Literal["same", "del", "ins"]
"""The kind of an inline part on highlighted original text: in both documents, only in A, only in B."""
KINDS: tuple[Kind, ...] = ("same", "del", "ins")
KIND_OF: dict[PartOp, Kind] = {"=": "same", "-": "del", "+": "ins"}
PART_OF: dict[Kind, PartOp] = {kind: op for op, kind in KIND_OF.items()}


@dataclass(frozen=True)
class OpLook:
    """How a row's kind is shown."""

    mark: str
    """The terminal's and the app's mark in the label column (one cell)."""
    short: str
    """One Chinese character for narrow columns of HTML, Markdown and Word ("" for ``equal``)."""
    role: str
    """The colour role: the app styles the label with ``$text-<role>``; see `TERMINAL_COLOUR`."""
    zh: str
    """Chinese name."""
    en: str
    """English name (the JSON value)."""


OP_LOOK: dict[Op, OpLook] = {
    "equal": OpLook(" ", "", "muted", "相同", "equal"),
    "renumbered": OpLook("#", "号", "muted", "序号调整", "renumbered"),
    "modified": OpLook("~", "改", "warning", "修改", "modified"),
    "inserted": OpLook("+", "增", "success", "新增", "inserted"),
    "deleted": OpLook("-", "删", "error", "删除", "deleted"),
    "moved": OpLook("↔", "移", "accent", "移动", "moved"),
    "copied": OpLook("⧉", "复", "secondary", "复制", "copied"),
    "split": OpLook("<", "拆", "warning", "拆分", "split"),
    "merged": OpLook(">", "并", "warning", "合并", "merged"),
}

TERMINAL_COLOUR: dict[str, str] = {"success": "green", "error": "red", "accent": "cyan", "secondary": "magenta"}
"""The terminal's colour of a role (rich style names); any other role is yellow there."""


@dataclass(frozen=True)
class KindLook:
    """How an inline part's kind is shown."""

    symbol: PartOp
    """Its `PartOp` (the JSON report's ``=``/``-``/``+``)."""
    plain: tuple[str, str]
    """The marks around it without colour (terminal, 对照表 text), as ``git diff --word-diff``."""
    style: str
    """The terminal's rich style of it with colour."""
    zh: str
    """Chinese name."""
    en: str
    """English name."""


KIND_LOOK: dict[Kind, KindLook] = {
    "same": KindLook("=", ("", ""), "", "相同", "same"),
    "del": KindLook("-", ("[-", "-]"), "red strike", "删除", "deleted"),
    "ins": KindLook("+", ("{+", "+}"), "green underline", "新增", "inserted"),
}
