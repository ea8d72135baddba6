"""The Library screen: the store's documents and the files given, filterable; one opens its history, two
compare.

Rules:

* The store is listed by a worker (`tui.jobs.list_documents`) and arrives
  as `LibraryLoaded`; a broken store is a notification, and the files given
  on the command line are still listed.
* Up to two items are marked (space); marking a third drops the oldest mark.
  Enter on a store document opens its History; ``c`` compares the two marked
  items (or the marked one with the one under the cursor).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from corpus.display import safe_name
from corpus.errors import WendiffError
from tui.catalog import LibraryItem, filter_items, library_items, side_of
from tui.jobs import list_documents
from tui.messages import LibraryLoaded
from tui.sides import CompareRequest
from tui.widgets.filter_box import FilterBox
from tui.widgets.key_footer import KeyFooter
from tui.widgets.row_table import RowTable
from tui.wrap import cell, ellipsize, width

__all__ = ["LibraryScreen"]

_HEADS = (" ", "document", "versions", "date", "title")
_KEY_CELLS = 40
"""A document id longer than this is cut with ``…`` (the title needs the room)."""
_MIN_TITLE = 8
"""Titles are cut to the room left (with ``…``) unless that is less than this: then the table scrolls sideways."""


class LibraryScreen(Screen[None]):
    """A filter box over a table of documents."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "mark", "Mark", id="mark", tooltip="Mark (or unmark) a document; two marked compare"),
        Binding("c", "compare", "Compare", id="compare", tooltip="Compare the two marked documents"),
        Binding("h", "history", "History", id="history", tooltip="Versions and blame of a store document"),
        Binding("u", "duplicates", "Duplicates", id="dups", tooltip="Passages repeated or re-used"),
        Binding("slash", "filter", "Filter", id="filter", tooltip="Filter by id, title or path"),
        Binding("r", "reload", "Reload", id="reload", tooltip="Read the store again"),
    ]

    def __init__(self, store: Path | None, files: list[str]) -> None:
        super().__init__()
        self.store = store
        self.files = files
        self.items: list[LibraryItem] = []
        self.shown: list[LibraryItem] = []
        self.marked: list[LibraryItem] = []
        self.store_note = ""
        self._note = ""

    def compose(self) -> ComposeResult:
        yield Static("Library", id="library-title", classes="screen-title")
        yield FilterBox(placeholder="filter: part of an id, a title or a path (繁/简 alike; Esc leaves)", id="filter")
        yield RowTable(cursor_type="row", zebra_stripes=True, id="documents")
        yield Static("", id="library-note")
        yield KeyFooter(priority=("quit", "help"))

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*_HEADS)
        self.items = library_items([], self.files)
        self._fill()
        table.focus()
        self.action_reload()

    @property
    def table(self) -> RowTable:
        return self.query_one(RowTable)

    # -- loading -------------------------------------------------------------------------------------

    def action_reload(self) -> None:
        self._list(self.store)

    def on_screen_resume(self) -> None:
        self.action_reload()

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def _list(self, store: Path | None) -> None:
        try:
            self.post_message(LibraryLoaded(list_documents(store)))
        except WendiffError as exc:
            self.post_message(LibraryLoaded([], str(exc)))

    @on(LibraryLoaded)
    def _loaded(self, message: LibraryLoaded) -> None:
        if message.error:
            self.notify(safe_name(message.error), title="Cannot read the store", severity="error", timeout=8)
        self.items = library_items(message.documents, self.files)
        keys = {(i.kind, i.key) for i in self.items}
        self.marked = [i for i in self.marked if (i.kind, i.key) in keys]
        where = _short(self.store) if self.store else "no store"
        count = sum(1 for i in self.items if i.kind == "store")
        self.store_note = (
            f"store {where}: {count} document{'s' if count != 1 else ''}"
            if count or message.error
            else f"no documents in {where} yet: add some with 'wendiff store add FILE'"
        )
        self._fill()

    def _fill(self) -> None:
        table = self.table
        cursor = self.shown[table.cursor_row] if self.shown and 0 <= table.cursor_row < len(self.shown) else None
        self.shown = filter_items(self.items, self.query_one("#filter", Input).value)
        rows = []
        for item in self.shown:
            mark = str(self.marked.index(item) + 1) if item in self.marked else " "
            versions = str(item.versions) if item.kind == "store" else "file"
            rows.append([mark, item.key, versions, item.when, item.title])
        if rows:  # id and title share the room the other columns leave, each cut with … when longer
            room = (table.scrollable_content_region.width or self.app.size.width) - 2 * len(rows[0]) - 1
            room -= sum(max(width(row[k]) for row in [list(_HEADS), *rows]) for k in (0, 2, 3))
            key_room = min(_KEY_CELLS, max(room // 2, room - max(width(row[4]) for row in rows)))
            for row in rows:
                row[1] = ellipsize(row[1], key_room) if key_room >= _MIN_TITLE else row[1]
            title_room = room - max(width(row[1]) for row in rows)
            for row in rows:
                row[4] = ellipsize(row[4], title_room) if title_room >= _MIN_TITLE else row[4]
        table.show_rows([(mark, cell(key), versions, when, cell(title)) for mark, key, versions, when, title in rows])
        if cursor in self.shown:
            table.move_cursor(row=self.shown.index(cursor))
        query = self.query_one("#filter", Input).value
        listed = f" · {len(self.shown)} of {len(self.items)} listed (filter {query!r}; / edits it)" if query else ""
        self._note = (
            f"{self.store_note}{listed} · {len(self.marked)} marked · space marks, c compares, Enter opens"
        )
        self.query_one("#library-note", Static).update(self._note)
        self.call_after_refresh(self._hint)

    def _hint(self) -> None:
        self.query_one("#library-note", Static).update(self._note + self.table.sideways_hint())

    def on_resize(self) -> None:
        self.call_after_refresh(self._fill)

    # -- choosing ------------------------------------------------------------------------------------

    def current(self) -> LibraryItem | None:
        """The item under the cursor."""
        row = self.table.cursor_row
        return self.shown[row] if self.shown and 0 <= row < len(self.shown) else None

    def action_mark(self) -> None:
        item = self.current()
        if item is None:
            return
        if item in self.marked:
            self.marked.remove(item)
        else:
            self.marked = [*self.marked, item][-2:]
        self._fill()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    @on(Input.Changed, "#filter")
    def _filtered(self) -> None:
        self._fill()

    @on(Input.Submitted, "#filter")
    @on(FilterBox.Left, "#filter")
    def _filter_done(self) -> None:
        self.table.focus()

    def pair(self) -> tuple[LibraryItem, LibraryItem] | None:
        """The two items to compare: the two marked, or the marked one and the one under the cursor."""
        if len(self.marked) == 2:
            return self.marked[0], self.marked[1]
        item = self.current()
        if len(self.marked) == 1 and item is not None and item != self.marked[0]:
            return self.marked[0], item
        return None

    def action_compare(self) -> None:
        pair = self.pair()
        if pair is None:
            self.notify("Mark two documents with space (or one, then move to the other).", timeout=4)
            return
        from tui.screens.compare import CompareScreen

        a, b = pair
        self.app.push_screen(CompareScreen(CompareRequest(side_of(a, self.store), side_of(b, self.store))))

    def action_history(self) -> None:
        item = self.current()
        if item is None or item.kind != "store" or self.store is None:
            self.notify("History is for documents in the store.", timeout=3)
            return
        from tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.store, item.key))

    def action_duplicates(self) -> None:
        from tui.screens.duplicates import DuplicatesScreen

        self.app.push_screen(DuplicatesScreen(self.store, self.files))

    @on(DataTable.RowSelected, "#documents")
    def _open(self) -> None:
        item = self.current()
        if item is None:
            return
        if self.pair() is not None:
            self.action_compare()
        elif item.kind == "store":
            self.action_history()
        else:
            self.notify("Mark it with space, then pick another document to compare with (c).", timeout=4)


def _short(path: Path) -> str:
    """A store path as the note shows it: under ``~`` when in the home folder, its last two parts when long."""
    text = str(path)
    home = str(Path.home())
    if text.startswith(home + "/"):
        text = "~" + text[len(home) :]
    return text if len(text) <= 40 else "…/" + "/".join(path.parts[-2:])
