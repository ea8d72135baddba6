"""A one-line progress indicator for a worker: what it is doing and how far it got.

Rule: the bar shows what it is told (`begin`, `step`, `end`); it starts no
work and knows no worker. Hidden while idle.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

__all__ = ["WorkBar"]


class WorkBar(Horizontal):
    """Stage label and progress bar."""

    DEFAULT_CSS = """
    WorkBar {
        height: 1;
        display: none;
    }
    WorkBar.-busy {
        display: block;
    }
    WorkBar > Label {
        width: auto;
        padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield Label("", id="stage")
        yield ProgressBar(total=None, show_eta=False, id="bar")

    def begin(self, what: str) -> None:
        """Show the bar, indeterminate, with ``what`` as its label."""
        self.add_class("-busy")
        self.query_one("#stage", Label).update(what)
        self.query_one("#bar", ProgressBar).update(total=None, progress=0)

    def step(self, stage: str, done: int, total: int) -> None:
        """``done`` of ``total`` stages finished; now doing ``stage``."""
        self.add_class("-busy")
        self.query_one("#stage", Label).update(f"{stage}…")
        self.query_one("#bar", ProgressBar).update(total=total, progress=done)

    def end(self) -> None:
        """Hide the bar."""
        self.remove_class("-busy")

    @property
    def busy(self) -> bool:
        return self.has_class("-busy")
