"""A one-line prompt at the bottom of a screen: search (``/``) or go to a place (``g``).

Rule: the bar turns Textual's input events into `PromptBar.Submitted` and
`PromptBar.Closed`; it never acts on what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

__all__ = ["PromptBar"]


class PromptBar(Horizontal):
    """Label, input and a short status (e.g. ``3/17``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", show=True),
        Binding("down", "step(1)", "Next hit", show=False, tooltip="Submit, and go to the next hit"),
        Binding("up", "step(-1)", "Previous hit", show=False, tooltip="Submit, and go to the previous hit"),
    ]
    DEFAULT_CSS = """
    PromptBar {
        height: 1;
        display: none;
    }
    PromptBar.-open {
        display: block;
    }
    PromptBar > Label {
        width: auto;
        padding: 0 1;
    }
    PromptBar > Input {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0;
    }
    """

    @dataclass
    class Submitted(Message):
        """Enter (``step`` 1), ↓ (1) or ↑ (-1) was pressed in the prompt."""

        mode: str
        value: str
        step: int = 1

    @dataclass
    class Closed(Message):
        """The prompt was closed (escape)."""

        mode: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.mode = ""

    def compose(self) -> ComposeResult:
        yield Label("", id="prompt-label")
        yield Input(id="prompt-input")
        yield Label("", id="prompt-status")

    def open(self, mode: str, label: str, placeholder: str = "", value: str = "") -> None:
        """Show the prompt for ``mode`` and focus its input."""
        self.mode = mode
        self.add_class("-open")
        self.query_one("#prompt-label", Label).update(label)
        self.query_one("#prompt-status", Label).update("")
        field = self.query_one("#prompt-input", Input)
        field.placeholder = placeholder
        field.value = value
        field.focus()

    def status(self, text: str) -> None:
        """Show ``text`` after the input."""
        self.query_one("#prompt-status", Label).update(text)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self.mode, event.value))

    def action_step(self, step: int) -> None:
        """Submit what was typed, asking for the next (1) or previous (-1) hit."""
        self.post_message(self.Submitted(self.mode, self.query_one("#prompt-input", Input).value, step))

    def action_close(self) -> None:
        """Hide the prompt."""
        self.remove_class("-open")
        self.post_message(self.Closed(self.mode))
