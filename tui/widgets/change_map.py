"""The change map: a one-column overview beside the compare view's scrollbar, like Beyond Compare's
thumbnail or Meld's chunk map.

Rules:

* The map's height stands for the whole view: map line ``y`` covers view lines
  ``y * total / height`` up to the next (line ``y`` alone when the view is
  shorter than the map); it is drawn in the colour of the
  change it covers (deletion, insertion, modification, move …), the part of
  the view on screen is shaded.
* It only reads the view it maps (its layout, scroll position and cursor);
  a click moves that view's cursor to the place clicked.
* Styles are component classes set in theme.tcss; nothing here names a
  colour.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.strip import Strip
from textual.widget import Widget

from diffing.model import OPS
from tui.widgets.diff_view import DiffView

__all__ = ["ChangeMap"]

_RANK = ("deleted", "inserted", "modified", "moved", "split", "merged", "copied")
"""Which change a map line shows when it covers several: the first of these."""


class ChangeMap(Widget):
    """Where the changes are, at a glance; click to go there."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"changemap--{op}" for op in OPS} | {"changemap--view"}
    DEFAULT_CSS = """
    ChangeMap {
        width: 1;
        height: 1fr;
    }
    """

    def __init__(self, view: DiffView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self.tooltip = "Where the changes are: click to go there"

    def on_mount(self) -> None:
        self.watch(self.view, "scroll_y", self._changed, init=False)
        self.watch(self.view, "generation", self._changed, init=False)

    def _changed(self) -> None:
        self.refresh()

    def _span(self, y: int) -> tuple[int, int]:
        """The view lines map line ``y`` covers (one each while the whole view fits the map)."""
        layout = self.view.layout_
        total = layout.height if layout is not None else 0
        height = max(1, self.size.height)
        if total <= height:
            return y, y + 1
        lo = y * total // height
        return lo, max(lo + 1, (y + 1) * total // height)

    def render_line(self, y: int) -> Strip:
        layout, diff = self.view.layout_, self.view.diff
        base = self.rich_style
        if layout is None or diff is None or not layout.entries:
            return Strip([Segment(" ", base)], 1)
        lo, hi = self._span(y)
        if lo >= layout.height:
            return Strip([Segment(" ", base)], 1)
        first, last = layout.entry_at(lo), layout.entry_at(hi - 1)
        changes = self.view.changes
        k = bisect_left(changes, first)
        ops = set()
        while k < len(changes) and changes[k] <= last:
            ops.add(diff.rows[layout.entries[changes[k]].row].op)
            k += 1
        top = round(self.view.scroll_offset.y)
        shown = lo < top + self.view.scrollable_content_region.height and hi > top
        style: Style = base + self.get_component_rich_style("changemap--view") if shown else base
        op = next((op for op in _RANK if op in ops), None)
        if op is None:
            return Strip([Segment(" ", style)], 1)
        return Strip([Segment("█", style + self.get_component_rich_style(f"changemap--{op}"))], 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        lo, _ = self._span(offset.y)
        self.view.go_to_line(lo)
        self.view.focus()
