"""The compare view: a line-API widget that draws only the lines on screen.

Rules:

* The view is a `ScrollView`: ``render_line`` asks `tui.view_lines.Layout` for
  one line at a time, so a 1 MB pair costs what a page costs. Heights are
  measured once per width; A and B stand on the same lines, so the panes
  scroll together by construction.
* The cursor is an entry of the layout (a row, a fold or where a moved row
  came from), highlighted across the whole width (both sides). Moving it
  posts `CursorMoved`; the view never talks to a screen directly.
* Styles come from the theme (component classes below, set in theme.tcss):
  nothing here names a colour, so light and dark themes both work.
* The width decides the layout: side by side from
  `tui.view_lines.SIDE_BY_SIDE_MIN_WIDTH` cells, unified below, unless a layout
  is forced.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from diffing.model import Diff
from diffing.reports.order import a_home, is_change
from tui.contrast import readable
from tui.lookup import find_hits
from tui.messages import CursorMoved
from tui.view_lines import SIDE_BY_SIDE_MIN_WIDTH, TAGS, Columns, Entry, Layout, Measure, Mode, build_entries

__all__ = ["DiffView"]

_DECOR = frozenset({"blank", "gutter", "rule", "fold", "note", "label-equal", "cursor-row"})
"""Tags drawn faint on purpose: the others are kept readable (`tui.contrast`) in every theme."""
_COMPONENTS = {f"diffview--{tag}" for tag in TAGS} | {"diffview--match", "diffview--cursor", "diffview--cursor-row"}


def _highlight(strip: Strip, row: Style, plain: object) -> Strip:
    """``strip`` on the cursor row's background where it stands on the view's own (insertions and deletions
    keep theirs)."""
    if row.bgcolor is None:
        return strip
    on = Style(bgcolor=row.bgcolor)
    out = [
        Segment(text, (style or Style()) + on if style is None or style.bgcolor in (None, plain) else style)
        for text, style, _ in strip
    ]
    return Strip(out, strip.cell_length)


class DiffView(ScrollView, can_focus=True):
    """Rows of a diff, side by side or unified, with a cursor."""

    generation: reactive[int] = reactive(0, repaint=False)
    """Counts the layouts made; whoever draws from the layout (the change map) watches it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = _COMPONENTS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("home", "edge(0)", "First row", show=False),
        Binding("end", "edge(1)", "Last row", show=False),
        Binding(
            "enter",
            "activate",
            "Open/jump",
            show=False,
            tooltip="Open a fold, or jump between a moved row and its origin",
        ),
    ]
    DEFAULT_CSS = """
    DiffView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.diff: Diff | None = None
        self.layout_: Layout | None = None
        self.cursor = 0
        self.changes_only = False
        self.context = 0
        self.numbers = False
        """Line numbers of the original files under the places."""
        self.only: str | None = None
        """Show only the rows of this op (None: every row)."""
        self.forced_mode: Mode | None = None
        self.search = ""
        self._terms: frozenset[str] = frozenset()
        self._measure: Measure | None = None
        self._revealed: frozenset[int] = frozenset()
        self._changes: list[int] = []
        self._styles: dict[str, Style] = {}

    # -- content -------------------------------------------------------------------------------------

    def set_diff(
        self, diff: Diff | None, keep_place: bool = False, measure: Measure | None = None, swapped: bool = False
    ) -> None:
        """Show ``diff`` (None: nothing); ``keep_place``: stay at the same place (``二/(三)``) if it still exists;
        ``swapped``: ``diff`` is the one shown with its sides swapped, stay at the same place of old A.

        ``measure``: the diff's `Measure`, already prepared (in a worker) or None to measure here.
        """
        old, old_row = self.diff, self.cursor_row()
        place = None
        texts: tuple[str, str] | None = None
        if old is not None and old_row is not None:
            was = old.rows[old_row]
            if keep_place:
                place, texts = old.place(was), (old.a_text(was), old.b_text(was))
            elif swapped:
                place, texts = old.place_a(was) or old.place(was), (old.b_text(was), old.a_text(was))
        self.diff = diff
        self._measure = (
            (measure if measure is not None and measure.diff is diff else Measure(diff)) if diff is not None else None
        )
        self._revealed = frozenset()
        self._terms = frozenset()
        self.cursor = 0
        self._relayout(force=True)
        row = self._same_row(texts) if texts is not None else None
        if row is None and place is not None:
            row = self._first_at(place)
        if row is not None and self.layout_ is not None:
            self._move(self.layout_.row_entry[row], center=True)
        else:
            self.scroll_to(y=0, animate=False, immediate=True)
            self._post_cursor()

    def _same_row(self, texts: tuple[str, str]) -> int | None:
        """The first row (in view order) holding the normalized A and B texts ``texts``."""
        diff, layout = self.diff, self.layout_
        if diff is None or layout is None or not any(texts):
            return None
        rows = [r for r, row in enumerate(diff.rows) if (diff.a_text(row), diff.b_text(row)) == texts]
        rows = [r for r in rows if r in layout.row_entry]
        return min(rows, key=layout.row_entry.__getitem__) if rows else None

    def _first_at(self, place: str) -> int | None:
        """The first row (in view order) at ``place``."""
        if self.diff is None or self.layout_ is None:
            return None
        rows = [r for r, row in enumerate(self.diff.rows) if self.diff.place(row) == place]
        rows = [r for r in rows if r in self.layout_.row_entry]
        return min(rows, key=self.layout_.row_entry.__getitem__) if rows else None

    @property
    def mode(self) -> Mode | None:
        """The layout shown now (None before a diff)."""
        return self.layout_.columns.mode if self.layout_ is not None else None

    def mode_by_width(self) -> Mode:
        """The layout the terminal's width chooses: side by side from `SIDE_BY_SIDE_MIN_WIDTH` columns of the
        screen (the view, its scrollbar and the change map beside it)."""
        width = (self.screen.size.width if self.is_attached else 0) or self.size.width or 80
        return "side" if width >= SIDE_BY_SIDE_MIN_WIDTH else "unified"

    def set_changes_only(self, on: bool, context: int | None = None) -> None:
        """Fold equal rows away (``on``) or show every row; ``context``: equal rows kept around each change
        (None: as before)."""
        row = self.cursor_row()
        self.changes_only = on
        self.only = None
        if context is not None:
            self.context = max(0, context)
        self._revealed = frozenset()
        self._relayout(force=True)
        self._restore(row)

    def show_numbers(self, on: bool) -> None:
        """Show (or hide) the original files' line numbers under each row's place."""
        row = self.cursor_row()
        self.numbers = on
        self._relayout(force=True)
        self._restore(row)

    def show_only(self, op: str | None) -> None:
        """Show only the rows whose op is ``op`` (None: every row again); the cursor stays on its row, or goes
        to the first row shown at or after it in reading order."""
        row = self.cursor_row()
        self.only = op
        self._relayout(force=True)
        layout = self.layout_
        if row is not None and layout is not None and row not in layout.row_entry and self._measure is not None:
            position = {item.row: k for k, item in enumerate(self._measure.order()) if item.kind == "row"}
            here = position.get(row, 0)
            ahead = [r for r in layout.row_entry if position.get(r, -1) >= here]
            if ahead:
                row = min(ahead, key=position.__getitem__)
        self._restore(row)

    def force_mode(self, mode: Mode | None) -> None:
        """Force side by side or unified; None chooses by width."""
        row = self.cursor_row()
        self.forced_mode = mode
        self._relayout(force=True)
        self._restore(row)

    def _relayout(self, force: bool = False) -> None:
        if self.diff is None or self._measure is None:
            self.layout_ = None
            self.virtual_size = Size(0, 0)
            self._changes = []
            self.refresh()
            return
        width = self.scrollable_content_region.width or self.size.width or 80
        columns = Columns.fit(width, self.forced_mode or self.mode_by_width())
        if not force and self.layout_ is not None and self.layout_.columns == columns:
            return
        if self.only is not None:
            diff, only = self.diff, self.only
            order = self._measure.order()
            entries = [Entry("row", i.row) for i in order if i.kind == "row" and diff.rows[i.row].op == only]
        else:
            entries = build_entries(self.diff, self.changes_only, self._revealed, self._measure.order(), self.context)
        self.layout_ = Layout(self.diff, entries, columns, self._measure, self._terms, self.numbers)
        self._changes = [i for i, e in enumerate(entries) if e.kind == "row" and is_change(self.diff.rows[e.row])]
        self.cursor = max(0, min(self.cursor, len(entries) - 1))
        self.virtual_size = Size(columns.width, self.layout_.height)
        self.generation += 1
        self.refresh()

    def _restore(self, row: int | None) -> None:
        if row is not None and self.layout_ is not None and row in self.layout_.row_entry:
            self._move(self.layout_.row_entry[row], center=True)
        else:
            self._post_cursor()

    def on_resize(self, event: events.Resize) -> None:
        row = self.cursor_row()
        before = self.layout_.columns if self.layout_ is not None else None
        self._relayout()
        if self.layout_ is not None and self.layout_.columns != before:
            self._restore(row)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    # -- drawing -------------------------------------------------------------------------------------

    def _style(self, tag: str) -> Style:
        style = self._styles.get(tag)
        if style is None and not tag:
            style = self._styles[tag] = self.rich_style
        if style is None:
            base, _, match = tag.partition("/")
            style = self.get_component_rich_style(f"diffview--{base}")
            if match:
                style += self.get_component_rich_style("diffview--match")
            if base not in _DECOR:
                style = readable(self.rich_style + style, self.app.current_theme.dark)
            self._styles[tag] = style
        return style

    def render_line(self, y: int) -> Strip:
        layout = self.layout_
        width = self.scrollable_content_region.width
        if layout is None:
            return Strip.blank(width, self._style(""))
        _, scroll_y = self.scroll_offset
        i, pieces = layout.line(scroll_y + y)
        segments = [Segment(text, self._style(tag)) for text, tag in pieces]
        strip = Strip(segments, layout.columns.width)
        if i == self.cursor and i >= 0:
            cursor, row = self._style("cursor"), self._style("cursor-row")
            head = 1 + layout.columns.label
            strip = Strip.join(
                [
                    Strip([Segment("▌", cursor)], 1),
                    _highlight(strip.crop(1, head), cursor, self._style("").bgcolor),
                    _highlight(strip.crop(head), row, self._style("").bgcolor),
                ]
            )
        return strip.crop_extend(0, width, self._style(""))

    # -- cursor --------------------------------------------------------------------------------------

    def cursor_entry(self) -> Entry | None:
        """The entry under the cursor."""
        if self.layout_ is None or not self.layout_.entries:
            return None
        return self.layout_.entries[self.cursor]

    def cursor_row(self) -> int | None:
        """The diff row under the cursor (a fold's first row)."""
        entry = self.cursor_entry()
        return entry.row if entry is not None else None

    def _move(self, i: int, center: bool = False) -> None:
        layout = self.layout_
        if layout is None or not layout.entries:
            return
        i = max(0, min(i, len(layout.entries) - 1))
        old = self.cursor
        self.cursor = i
        top, bottom = layout.tops[i], layout.tops[i + 1]
        view = max(1, self.scrollable_content_region.height)
        scroll_y = round(self.scroll_offset.y)
        if center and not (scroll_y <= top and bottom <= scroll_y + view):
            target = max(0, top - view // 3)
        elif top < scroll_y:
            target = top
        elif bottom > scroll_y + view:
            target = max(top if bottom - top > view else bottom - view, 0)
        else:
            target = scroll_y
        if target != scroll_y:
            self.scroll_to(y=target, animate=False, immediate=True)
        self._refresh_entry(old)
        self._refresh_entry(i)
        self._post_cursor()

    def _refresh_entry(self, i: int) -> None:
        layout = self.layout_
        if layout is None or not 0 <= i < len(layout.entries):
            return
        # refresh_lines takes lines of the virtual (scrolled) content, not of the screen
        self.refresh_lines(layout.tops[i], layout.heights[i])

    def cursor_moved(self) -> CursorMoved:
        """Where the cursor is now, as the `CursorMoved` message that says so."""
        entry = self.cursor_entry()
        k = bisect_left(self._changes, self.cursor)
        change = k + 1 if k < len(self._changes) and self._changes[k] == self.cursor else 0
        return CursorMoved(entry.row if entry else None, entry.kind if entry else "", change, len(self._changes))

    def _post_cursor(self) -> None:
        self.post_message(self.cursor_moved())

    def action_cursor(self, step: int) -> None:
        self._move(self.cursor + step)

    def action_page(self, direction: int) -> None:
        layout = self.layout_
        if layout is None:
            return
        view = max(1, self.scrollable_content_region.height)
        scroll_y = round(self.scroll_offset.y)
        target = max(0, min(scroll_y + direction * view, layout.height - view))
        self.scroll_to(y=target, animate=False, immediate=True)
        offset = layout.tops[self.cursor] - scroll_y
        self._move(layout.entry_at(target + max(0, min(offset, view - 1))))

    def action_edge(self, end: int) -> None:
        if self.layout_ is not None:
            self._move(len(self.layout_.entries) - 1 if end else 0)

    def next_change(self, step: int = 1) -> bool:
        """Move to the next (``step`` 1) or previous (-1) change; False when there is none that way."""
        targets = [i for i in self._changes if (i > self.cursor if step > 0 else i < self.cursor)]
        if not targets:
            return False
        self._move(targets[0] if step > 0 else targets[-1], center=True)
        return True

    def next_of(self, op: str, step: int = 1) -> bool:
        """Move to the next (``step`` 1) or previous (-1) row whose op is ``op``; False when there is none."""
        layout, diff = self.layout_, self.diff
        if layout is None or diff is None:
            return False
        ahead = range(self.cursor + 1, len(layout.entries)) if step > 0 else range(self.cursor - 1, -1, -1)
        for i in ahead:
            entry = layout.entries[i]
            if entry.kind == "row" and diff.rows[entry.row].op == op:
                self._move(i, center=True)
                return True
        return False

    @property
    def changes(self) -> list[int]:
        """Indices of the entries that are changes, in view order."""
        return self._changes

    def go_to_line(self, y: int) -> None:
        """Put the cursor on the entry that view line ``y`` belongs to."""
        if self.layout_ is not None and self.layout_.entries:
            self._move(self.layout_.entry_at(y), center=True)

    def keep_cursor_visible(self) -> None:
        """Scroll so that the cursor's entry is on screen (after the view's height changed)."""
        if self.layout_ is not None and self.layout_.entries:
            self._move(self.cursor)

    def show_row(self, row: int) -> bool:
        """Put the cursor on diff row ``row``, opening its fold if it is folded away."""
        layout = self.layout_
        if layout is None or row not in layout.row_entry:
            return False
        if layout.entries[layout.row_entry[row]].kind == "fold":
            self._reveal({row})
            layout = self.layout_
            assert layout is not None
        self._move(layout.row_entry[row], center=True)
        return True

    def _reveal(self, rows: set[int]) -> None:
        self._revealed = self._revealed | rows
        self._relayout(force=True)

    def action_activate(self) -> None:
        """Open the fold under the cursor, or jump between a moved row and where it came from."""
        entry = self.cursor_entry()
        if entry is None:
            return
        if entry.kind == "fold":
            self._reveal(set(range(entry.row, entry.row + entry.count)))
            self._move(self.cursor)
        else:
            self.jump_origin()

    def jump_origin(self) -> bool:
        """From a moved (or copied) row to where its clauses stand in A, and back."""
        entry, layout, diff = self.cursor_entry(), self.layout_, self.diff
        if entry is None or layout is None or diff is None:
            return False
        row = diff.rows[entry.row]
        if entry.kind == "origin":
            return self.show_row(entry.row)
        if row.op == "moved" and entry.row in layout.origin_entry:
            self._move(layout.origin_entry[entry.row], center=True)
            return True
        if row.op == "copied" and row.a:
            home = a_home(diff).get(row.a[0])
            if home is None:
                return False
            if home.kind == "origin":
                self._move(layout.origin_entry[home.row], center=True)
                return True
            return self.show_row(home.row)
        return False

    # -- search --------------------------------------------------------------------------------------

    def set_search(self, query: str) -> list[int]:
        """Highlight ``query`` and return the rows that hold it, in view order (folds opened)."""
        self.search = query
        if self.layout_ is None or self.diff is None:
            return []
        hits = find_hits(self.diff, query)
        self._terms = hits.terms
        rows = set(hits.rows)
        if rows and self.changes_only:
            self._revealed = self._revealed | rows
            self._relayout(force=True)
        layout = self.layout_
        assert layout is not None
        layout.set_search(self._terms)
        self.refresh()
        return sorted((r for r in rows if r in layout.row_entry), key=lambda r: layout.row_entry[r])

    def find(self, hits: list[int], step: int = 1) -> int:
        """Move to the next (or previous) hit after the cursor; its position in ``hits`` (-1: none)."""
        layout = self.layout_
        if layout is None or not hits:
            return -1
        where = [layout.row_entry[r] for r in hits]
        ahead = [k for k, i in enumerate(where) if (i > self.cursor if step > 0 else i < self.cursor)]
        k = (ahead[0] if step > 0 else ahead[-1]) if ahead else (0 if step > 0 else len(hits) - 1)
        self._move(where[k], center=True)
        return k

    # -- mouse ---------------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.layout_ is None:
            return
        y = round(self.scroll_offset.y) + offset.y
        if y >= self.layout_.height:
            return
        self._move(self.layout_.entry_at(y))
        if event.chain >= 2:
            self.action_activate()
