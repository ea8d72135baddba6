"""The change map: a one-column overview beside the compare view's scrollbar, like Beyond Compare's
thumbnail or Meld's chunk map.

Rules:

* The map's height stands for the whole view: map line ``y`` covers view lines
  ``y * total / height`` up to the next (line ``y`` alone when the view is
  shorter than the map); it is drawn in the colour of the
  change it covers (deletion, insertion, modification, move …), the part of
  the view on screen is shaded. Scrolling draws again only the lines whose
  shading changed.
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
from textual.geometry import Region
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
        self._ops_key: tuple[int, int, int] | None = None
        self._ops_cache: list[str | None] = []
        self._strips: dict[tuple[str | None, bool], Strip] = {}
        self._shaded_for = -1
        """The view's height the map's shading was last drawn for."""
        self.tooltip = "Where the changes are: click to go there"

    def on_mount(self) -> None:
        self.watch(self.view, "scroll_y", self._scrolled, init=False)
        self.watch(self.view, "generation", self._changed, init=False)

    def _changed(self) -> None:
        self.refresh()

    def _scrolled(self, old: float, new: float) -> None:
        """Draw again only the map lines whose shading changed (a page down moves a few; the map is as tall
        as the screen)."""
        height = self.view.scrollable_content_region.height
        if height != self._shaded_for:
            self._shaded_for = height
            self.refresh()
            return
        changed = sorted(self._shaded(round(old), height) ^ self._shaded(round(new), height))
        if changed:
            self.refresh(*(Region(0, y, 1, 1) for y in changed))

    def _shaded(self, top: int, height: int) -> set[int]:
        """The map lines shaded when the view's first line is ``top`` and it shows ``height`` lines."""
        layout = self.view.layout_
        if layout is None:
            return set()
        shaded = set()
        for y in range(self.size.height):
            lo, hi = self._span(y)
            if lo < layout.height and lo < top + height and hi > top:
                shaded.add(y)
        return shaded

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
        layout = self.view.layout_
        if layout is None or self.view.diff is None or not layout.entries:
            return self._strip(None, False)
        lo, hi = self._span(y)
        if lo >= layout.height:
            return self._strip(None, False)
        top = round(self.view.scroll_offset.y)
        shown = lo < top + self.view.scrollable_content_region.height and hi > top
        return self._strip(self._ops()[y], shown)

    def _ops(self) -> list[str | None]:
        """The change each map line shows, computed once per layout and map height (scrolling only moves the
        shading)."""
        layout, diff = self.view.layout_, self.view.diff
        key = (self.view.generation, self.size.height, id(layout))
        if self._ops_key == key:
            return self._ops_cache
        out: list[str | None] = []
        changes = self.view.changes
        for y in range(max(1, self.size.height)):
            lo, hi = self._span(y)
            if layout is None or diff is None or lo >= layout.height:
                out.append(None)
                continue
            first, last = layout.entry_at(lo), layout.entry_at(hi - 1)
            k = bisect_left(changes, first)
            ops = set()
            while k < len(changes) and changes[k] <= last:
                ops.add(diff.rows[layout.entries[changes[k]].row].op)
                k += 1
            out.append(next((op for op in _RANK if op in ops), None))
        self._ops_key, self._ops_cache = key, out
        return out

    def _strip(self, op: str | None, shown: bool) -> Strip:
        """One map cell (styles looked up once per theme)."""
        strip = self._strips.get((op, shown))
        if strip is None:
            base = self.rich_style
            style: Style = base + self.get_component_rich_style("changemap--view") if shown else base
            if op is None:
                strip = Strip([Segment(" ", style)], 1)
            else:
                strip = Strip([Segment("█", style + self.get_component_rich_style(f"changemap--{op}"))], 1)
            self._strips[(op, shown)] = strip
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        lo, _ = self._span(offset.y)
        self.view.go_to_line(lo)
        self.view.focus()
