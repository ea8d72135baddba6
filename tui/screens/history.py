"""The History screen: the versions of one store document, any two compared, and clause blame.

Rules:

* The log and the blame are read by a worker (`tui.jobs.load_history`) and
  arrive as `HistoryLoaded`; the screen formats them and nothing else.
* Comparing always puts the older version as A: the two marked versions, or
  the marked one and the one under the cursor, or (nothing marked) the
  version under the cursor against the one before it.
* Blame is of the version under the cursor (``b``), newest by default: per
  clause, the version whose wording it still has, shown in its original text
  (cut with ``…`` to the screen); Enter on a clause opens the comparison
  that brought that wording (its version against the one before), on it;
  ``l`` opens the lineage of the article holding that clause (`tui.screens.lineage`).
* A version's changes are Compare's counts (`tui.widgets.summary_bar.count_marks`): a worker
  runs the comparison ``c`` opens for it and the version before (`tui.jobs.version_summary`),
  newest first, and the row shows ``counting…`` until it is done. The stats the store recorded
  at add time are not shown: an older rule may have counted them (``wendiff store log`` shows
  those). Counts are kept for the screen's life by the commits compared; ``r`` counts again.
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
from corpus.store.values import Version
from diffing.model import Summary
from tui.jobs import HistoryData, load_history, version_summary
from tui.messages import HistoryLoaded, VersionCounted
from tui.sides import CompareRequest, StoreSide
from tui.widgets.key_footer import KeyFooter
from tui.widgets.row_table import RowTable
from tui.widgets.summary_bar import count_marks
from tui.wrap import cell, ellipsize

__all__ = ["HistoryScreen", "versions_to_compare"]

_BLAME_FIXED = 36
"""Cells the blame table's other columns, its padding and scrollbar take."""


def versions_to_compare(versions: list[Version], marked: list[int], cursor: int | None) -> tuple[int, int] | None:
    """Version numbers (older, newer) to compare, from marks and cursor (see the module rules)."""
    numbers = {v.number for v in versions}
    pick = [n for n in marked if n in numbers]
    if len(pick) < 2 and cursor is not None and cursor not in pick:
        pick.append(cursor)
    if len(pick) == 1:
        older = [n for n in sorted(numbers) if n < pick[0]]
        if not older:
            return None
        pick.append(older[-1])
    if len(pick) < 2:
        return None
    a, b = sorted(pick[:2])
    return a, b


class HistoryScreen(Screen[None]):
    """Versions table above, blame below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "mark", "Mark", id="mark", tooltip="Mark (or unmark) a version; two marked compare"),
        Binding(
            "c",
            "compare",
            "Compare",
            id="compare",
            tooltip="Compare the marked versions, or this one with the one before",
        ),
        Binding("b", "blame", "Blame", id="blame", tooltip="Which version introduced each clause of this one"),
        Binding(
            "l",
            "lineage",
            "Lineage",
            id="lineage",
            tooltip="The article of the blamed clause under the cursor through every version (沿革)",
        ),
        Binding("r", "reload", "Reload", id="reload", tooltip="Read the store again"),
    ]

    def __init__(self, store: Path, doc_id: str) -> None:
        super().__init__()
        self.store = store
        self.doc_id = doc_id
        self.data: HistoryData | None = None
        self.marked: list[int] = []
        self.counted: dict[tuple[str, str], Summary | None] = {}
        """Compare's summary of two versions, by the commits of the older and the newer (None: they
        could not be compared)."""

    def compose(self) -> ComposeResult:
        yield Static(f"History of {safe_name(self.doc_id)}", id="history-title", classes="screen-title")
        yield RowTable(cursor_type="row", zebra_stripes=True, id="versions")
        yield Static("", id="blame-title", classes="screen-title")
        yield RowTable(cursor_type="row", id="blame")
        yield KeyFooter(priority=("quit", "help"))

    def on_mount(self) -> None:
        self.query_one("#versions", DataTable).add_columns(
            " ", "version", "date", "changes", "similarity", "clauses", "note"
        )
        self.query_one("#blame", DataTable).add_columns("clause", "since", "date", "text")
        self.query_one("#versions", DataTable).focus()
        self._load(None)

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def _load(self, blamed: int | None) -> None:
        try:
            self.post_message(HistoryLoaded(load_history(self.store, self.doc_id, blamed)))
        except WendiffError as exc:
            self.post_message(HistoryLoaded(None, str(exc)))

    @on(HistoryLoaded)
    def _loaded(self, message: HistoryLoaded) -> None:
        if message.data is None:
            self.notify(safe_name(message.error), title="Cannot read the history", severity="error", timeout=8)
            return
        self.data = message.data
        self._fill_versions()
        self._fill_blame()
        self._count(self.data)

    @staticmethod
    def _pairs(data: HistoryData) -> list[tuple[Version, Version]]:
        """Each version but the first with the one before it, newest first."""
        return list(zip(data.versions[1:], data.versions, strict=False))

    @work(thread=True, exclusive=True, group="history-counts", exit_on_error=False)
    def _count(self, data: HistoryData) -> None:
        for older, newer in self._pairs(data):
            key = (older.commit, newer.commit)
            if key in self.counted:
                continue
            try:
                summary: Summary | None = version_summary(self.store, data.doc_id, older.number, newer.number)
            except WendiffError:
                summary = None
            self.post_message(VersionCounted(data.doc_id, newer.number, key, summary))

    @on(VersionCounted)
    def _counted(self, message: VersionCounted) -> None:
        self.counted[message.key] = message.summary
        if self.data is not None and message.doc_id == self.data.doc_id:
            self._fill_versions()

    def _fill_versions(self) -> None:
        assert self.data is not None
        table = self.query_one("#versions", RowTable)
        row = table.cursor_row
        rows = []
        before = {newer.number: older for older, newer in self._pairs(self.data)}
        for v in self.data.versions:
            mark = str(self.marked.index(v.number) + 1) if v.number in self.marked else " "
            older = before.get(v.number)
            key = None if older is None else (older.commit, v.commit)
            summary = None if key is None else self.counted.get(key)
            if key is None:
                changes = "new"
            elif key not in self.counted:
                changes = "counting…"
            else:
                changes = "cannot compare" if summary is None else count_marks(summary) or "no change"
            similarity = "" if summary is None else f"{summary.similarity:.3f}"
            rows.append((mark, f"v{v.number}", v.when, changes, similarity, str(v.clauses), cell(v.message or v.title)))
        table.show_rows(rows, keys=[str(v.number) for v in self.data.versions])
        table.move_cursor(row=min(row, len(self.data.versions) - 1))

    def _fill_blame(self) -> None:
        assert self.data is not None
        room = max(12, self.app.size.width - _BLAME_FIXED)
        originals = self.data.originals or tuple(line.text for line in self.data.blame)
        self.query_one("#blame", RowTable).show_rows(
            [
                (str(line.index + 1), f"v{line.version}", line.when, cell(ellipsize(safe_name(text), room)))
                for line, text in zip(self.data.blame, originals, strict=True)
            ]
        )
        count = len({line.version for line in self.data.blame})
        verb = "contributes" if count == 1 else "contribute"
        self.query_one("#blame-title", Static).update(
            f"Blame of v{self.data.blamed}: each clause with the version that introduced its wording "
            f"({count} version{'s' if count != 1 else ''} {verb}; Enter opens that version's change)"
        )

    def on_resize(self) -> None:
        if self.data is not None:
            row = self.query_one("#blame", DataTable).cursor_row
            self._fill_blame()
            self.query_one("#blame", DataTable).move_cursor(row=row)

    @on(DataTable.RowSelected, "#blame")
    def _blame_selected(self, event: DataTable.RowSelected) -> None:
        """Open the change that brought the clause's wording: its version against the one before."""
        if self.data is None or not 0 <= event.cursor_row < len(self.data.blame):
            return
        line = self.data.blame[event.cursor_row]
        older = [v.number for v in self.data.versions if v.number < line.version]
        if not older:
            self.notify(f"v{line.version} is the first version: this wording has been there from the start.")
            return
        from tui.screens.compare import CompareScreen

        a, b = StoreSide(self.store, self.doc_id, max(older)), StoreSide(self.store, self.doc_id, line.version)
        self.app.push_screen(CompareScreen(CompareRequest(a, b), start_at=line.text))

    def cursor_version(self) -> int | None:
        if self.data is None or not self.data.versions:
            return None
        row = self.query_one("#versions", DataTable).cursor_row
        return self.data.versions[max(0, min(row, len(self.data.versions) - 1))].number

    def action_mark(self) -> None:
        number = self.cursor_version()
        if number is None:
            return
        if number in self.marked:
            self.marked.remove(number)
        else:
            self.marked = [*self.marked, number][-2:]
        self._fill_versions()

    def action_compare(self) -> None:
        if self.data is None:
            return
        pair = versions_to_compare(list(self.data.versions), self.marked, self.cursor_version())
        if pair is None:
            self.notify("Version 1 has nothing before it: mark two versions with space.", timeout=4)
            return
        from tui.screens.compare import CompareScreen

        a, b = pair
        request = CompareRequest(StoreSide(self.store, self.doc_id, a), StoreSide(self.store, self.doc_id, b))
        self.app.push_screen(CompareScreen(request))

    def action_lineage(self) -> None:
        """The lineage of the article holding the blame row's clause (in the blamed version)."""
        if self.data is None or not self.data.blame:
            return
        if len(self.data.versions) < 2:
            self.notify("Only one version: a lineage needs two or more.", timeout=4)
            return
        from tui.screens.lineage import LineageScreen

        row = self.query_one("#blame", DataTable).cursor_row
        clause = self.data.blame[max(0, min(row, len(self.data.blame) - 1))].index
        self.app.push_screen(LineageScreen(self.store, self.doc_id, self.data.blamed, clause=clause))

    def action_blame(self) -> None:
        self._load(self.cursor_version())

    def action_reload(self) -> None:
        self.counted.clear()
        self._load(self.data.blamed if self.data else None)

    @on(DataTable.RowSelected, "#versions")
    def _selected(self) -> None:
        self.action_compare()
