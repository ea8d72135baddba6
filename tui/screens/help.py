"""The help screen (``?``): the keys of the screen it was opened from, and what the marks mean.

Rule: the keys listed are the bindings active on that screen (with their
descriptions and tooltips), so help can never disagree with the footer.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from diffing.report_text import MARKS

__all__ = ["HelpScreen", "help_content"]

_MEANINGS = {
    "equal": "same clause (quiet; f folds equal rows away)",
    "renumbered": "a label whose number alone changed (old 第七条 is new 第八条)",
    "modified": "reworded in place: deletions struck, insertions underlined",
    "inserted": "only in B",
    "deleted": "only in A",
    "moved": "found elsewhere in B (o jumps to where it was)",
    "copied": "a second copy in B of a clause of A",
    "split": "one clause of A became several in B",
    "merged": "several clauses of A became one in B",
}


def help_content(title: str, keys: Iterable[tuple[str, str, str]]) -> Content:
    """The help text: ``(key, description, tooltip)`` lines, then the marks."""
    parts: list[str | tuple[str, str]] = [(f"{title}\n\n", "bold")]
    for key, description, tooltip in keys:
        parts += [(f"{key:>12}", "bold $text-accent"), f"  {description}"]
        parts += [(f" — {tooltip}", "$text-muted")] if tooltip else []
        parts.append("\n")
    parts += [("\nMarks\n", "bold")]
    for op, mark in MARKS.items():
        parts += [(f"{mark or ' ':>12}", "bold"), f"  {op}: {_MEANINGS[op]}\n"]
    parts += ["\nCtrl+P opens the command palette (every key is there too, and the theme)."]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """Keys and marks; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 110; height: 90%; padding: 1 2; }
    """

    def __init__(self, title: str, keys: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_content(self.title_text, self.keys))
