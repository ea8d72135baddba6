"""A table of rows whose Home and End move the row cursor (Textual's DataTable scrolls sideways with them).

Rule: only the keys differ from `textual.widgets.DataTable`; the screens use
it wherever a table's cursor is a row.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable

__all__ = ["SIDEWAYS_HINT", "RowTable"]

SIDEWAYS_HINT = " · ← → show the columns cut off"
"""What a screen adds to its note when its table is wider than the terminal."""


class RowTable(DataTable[str]):
    """A `DataTable` with ``cursor_type="row"``; Home and End go to the first and last row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]

    def scrolls_sideways(self) -> bool:
        """Whether some columns are cut off at the right (the table is wider than it is shown)."""
        return self.virtual_size.width > self.scrollable_content_region.width
