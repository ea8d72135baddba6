"""A table of rows whose Home and End move the row cursor (Textual's DataTable scrolls sideways with them).

Rules: the screens use it wherever a table's cursor is a row. Besides the keys,
it differs from `textual.widgets.DataTable` in one way: `show_rows` fixes each
column's width from the cells before any of them is drawn. DataTable measures
new rows later, when idle, so a header drawn in between kept the widths of the
empty table (seen once in CI at 160x48, and about one time in twelve at 80x24);
with the widths known at once, what is drawn and whether the table scrolls
sideways never depend on when the app was idle.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

__all__ = ["SIDEWAYS_HINT", "RowTable"]

SIDEWAYS_HINT = " · ← → show the columns cut off"
"""What a screen adds to its note when its table is wider than the terminal."""


class RowTable(DataTable[str | Text]):
    """A `DataTable` with ``cursor_type="row"``; Home and End go to the first and last row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]

    def show_rows(self, rows: Sequence[Sequence[str | Text]], keys: Sequence[str] | None = None) -> None:
        """Replace every row by ``rows`` (one key each, if given), each column as wide as its label and
        its widest cell. Strings are our own labels, never document text (that comes as `Text`)."""
        labels = [column.label for column in self.ordered_columns]
        widths = [max([label.cell_len, *(_cells(row[k]) for row in rows)]) for k, label in enumerate(labels)]
        self.clear(columns=True)
        for label, width in zip(labels, widths, strict=True):
            self.add_column(label, width=width)
        for k, cells in enumerate(rows):
            self.add_row(*cells, key=None if keys is None else keys[k])

    def sideways_hint(self) -> str:
        """`SIDEWAYS_HINT` when some columns are cut off, else nothing: what a screen adds to its note."""
        return SIDEWAYS_HINT if self.scrolls_sideways() else ""

    def scrolls_sideways(self) -> bool:
        """Whether some columns are cut off at the right (the table is wider than it is shown)."""
        wide = sum(column.get_render_width(self) for column in self.ordered_columns)
        return wide > self.scrollable_content_region.width


def _cells(value: str | Text) -> int:
    return value.cell_len if isinstance(value, Text) else Text(value).cell_len
