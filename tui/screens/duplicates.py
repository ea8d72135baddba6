"""The Duplicates screen: passages repeated inside a document and re-used across documents.

Rules:

* The finding runs in a worker (`tui.jobs.find_dups` over
  `diffing.dups.engine`) that reports progress and its result as messages;
  a failure is a notification.
* Selecting a line opens the two passages side by side on the Compare
  screen (a repeat: copy 1 against copy 2).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from corpus.display import safe_name
from corpus.errors import WendiffError
from tui.dup_list import DupLine
from tui.jobs import find_dups
from tui.messages import DupsFound, DupsProgress
from tui.widgets.key_footer import KeyFooter
from tui.widgets.row_table import RowTable
from tui.widgets.work_bar import WorkBar
from tui.wrap import cell

__all__ = ["DuplicatesScreen"]


class DuplicatesScreen(Screen[None]):
    """A table of repeats and shared passages."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Side by side", id="open", tooltip="Open the two passages side by side"),
        Binding("r", "reload", "Search again", id="reload", tooltip="Run the duplicate finder again"),
    ]

    def __init__(self, store: Path | None, files: list[str]) -> None:
        super().__init__()
        self.store = store
        self.files = files
        self.lines: list[DupLine] = []
        self._note = ""

    def compose(self) -> ComposeResult:
        yield Static("Duplicates: passages repeated in a document or re-used across documents", classes="screen-title")
        yield WorkBar(id="work")
        yield RowTable(cursor_type="row", zebra_stripes=True, id="dups")
        yield Static("", id="dups-note")
        yield KeyFooter(priority=("quit", "help"))

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("kind", "where", "chars", "similarity", "occurrences")
        self.query_one(DataTable).focus()
        self.action_reload()

    def action_reload(self) -> None:
        self.query_one(WorkBar).begin("looking for repeated and re-used passages")
        self._find(self.store, list(self.files))

    @work(thread=True, exclusive=True, group="dups", exit_on_error=False)
    def _find(self, store: Path | None, files: list[str]) -> None:
        def progress(stage: str, done: int, total: int) -> None:
            self.post_message(DupsProgress(stage, done, total))

        try:
            self.post_message(DupsFound(find_dups(store, files, progress)))
        except WendiffError as exc:
            self.post_message(DupsFound(None, str(exc)))
        except Exception as exc:  # a bug must not take the session down
            self.post_message(DupsFound(None, f"internal error: {type(exc).__name__}: {exc}"))

    @on(DupsProgress)
    def _progress(self, message: DupsProgress) -> None:
        self.query_one(WorkBar).step(message.stage, message.done, message.total)

    @on(DupsFound)
    def _found(self, message: DupsFound) -> None:
        self.query_one(WorkBar).end()
        if message.data is None:
            self.notify(safe_name(message.error), title="Cannot look for duplicates", severity="error", timeout=8)
            return
        data = message.data
        for problem in data.skipped:
            self.notify(safe_name(problem), title="Skipped", severity="warning")
        self.lines = list(data.lines)
        self.query_one(RowTable).show_rows(
            [
                (line.kind, cell(line.where), f"{line.chars:,}", f"{line.similarity:.3f}", cell(line.detail))
                for line in self.lines
            ]
        )
        repeats = sum(1 for line in self.lines if line.kind == "repeat")
        self._note = (
            f"{data.documents} documents read · {repeats} repeated inside a document · "
            f"{len(self.lines) - repeats} passages shared between documents · Enter opens one side by side"
        )
        self.query_one("#dups-note", Static).update(self._note)
        self.call_after_refresh(self._hint)

    def _hint(self) -> None:
        self.query_one("#dups-note", Static).update(self._note + self.query_one(RowTable).sideways_hint())

    def on_resize(self) -> None:
        if self._note:
            self.call_after_refresh(self._hint)

    def action_open(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if not self.lines or not 0 <= row < len(self.lines):
            return
        from tui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(self.lines[row].request))

    @on(DataTable.RowSelected, "#dups")
    def _selected(self) -> None:
        self.action_open()
