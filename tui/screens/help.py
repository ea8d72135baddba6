"""The help screen (``?``): the keys of the screen it was opened from, and what the marks mean.

Rule: the keys listed are the bindings active on that screen (with their
descriptions and tooltips), so help can never disagree with the footer.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from diffing.reports.redline_text import MARKS

__all__ = ["HelpScreen", "help_lines", "mark_lines"]

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

_QUIETLY = "differs only in what the options ignore (全角半角, 繁简 …), named after the place when there is room"


def help_lines(keys: Iterable[tuple[str, str, str]]) -> list[tuple[str, Content]]:
    """The help's two columns: each key (or mark) and what it does; a long line wraps inside its column,
    under its own first word."""
    out: list[tuple[str, Content]] = []
    for key, description, tooltip in keys:
        parts: list[str | tuple[str, str]] = [description]
        parts += [(f" — {tooltip}", "$text-muted")] if tooltip else []
        out.append((key, Content.assemble(*parts)))
    return out


def mark_lines() -> list[tuple[str, Content]]:
    """What each mark means."""
    out = [(mark or " ", Content(f"{op}: {_MEANINGS[op]}")) for op, mark in MARKS.items()]
    out.insert(1, ("≈", Content(f"equal after normalization: {_QUIETLY}")))
    return out


_PALETTE = "Ctrl+P opens the command palette (every key is there too, and the theme)."


class HelpScreen(ModalScreen[None]):
    """Keys and marks; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 110; height: 90%; padding: 1 2; }
    HelpScreen .help-line { height: auto; }
    HelpScreen .help-key { width: 14; padding-right: 2; text-align: right; }
    HelpScreen .help-text { width: 1fr; }
    HelpScreen .help-title { margin: 1 0 0 0; }
    """

    def __init__(self, title: str, keys: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Content.styled(self.title_text, "bold"), classes="help-title")
            for key, text in help_lines(self.keys):
                with Horizontal(classes="help-line"):
                    yield Static(Content.styled(key, "bold $text-accent"), classes="help-key")
                    yield Static(text, classes="help-text")
            yield Static(Content.styled("Marks", "bold"), classes="help-title")
            for mark, text in mark_lines():
                with Horizontal(classes="help-line"):
                    yield Static(Content.styled(mark, "bold"), classes="help-key")
                    yield Static(text, classes="help-text")
            yield Static(_PALETTE, classes="help-title")
