"""The Compare screen: two documents aligned clause by clause, and the keys to review them.

Rules:

* The screen wires widgets to work: the diff is computed by
  `tui.jobs.run_compare` in an exclusive thread worker that reports progress
  and its result as messages; the screen never reads files or diffs texts
  itself, and a result for a request that is no longer current is dropped.
* A comparison that fails (a bad file, a broken store) is a notification
  with the error's one-line message; the app keeps running.
* Every key has a binding with a description (footer and command palette).
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen

from corpus.display import safe_name
from corpus.errors import WendiffError
from corpus.options import Options
from diffing.draft_style import Style
from diffing.model import Diff, Row
from diffing.pins import Pin
from diffing.reports import Format, Report
from diffing.reports.numbers import NumberItem, number_items
from tui import collector
from tui.head_start import take as take_head_start
from tui.head_start import waiting as head_start_waiting
from tui.jobs import STAGES, ExportUnavailable, OnProgress, export_report, prepare_view, run_compare
from tui.lookup import find_line, find_place, goto_query, text_line
from tui.messages import CursorMoved, DiffFailed, DiffProgress, DiffReady, ExportFinished
from tui.sides import CompareRequest, FileSide
from tui.view_lines import Measure, Mode
from tui.widgets.change_map import ChangeMap
from tui.widgets.diff_view import DiffView
from tui.widgets.key_footer import KeyFooter
from tui.widgets.prompt_bar import PromptBar
from tui.widgets.row_detail import RowDetail, original_text
from tui.widgets.summary_bar import SummaryBar
from tui.widgets.work_bar import WorkBar
from tui.wrap import warm_up

__all__ = ["CompareScreen"]

_NEEDS_DIFF = {
    "next_change",
    "prev_change",
    "changes_only",
    "search",
    "goto",
    "export",
    "origin",
    "layout",
    "search_hit",
    "detail",
    "copy",
    "same_kind",
    "context",
    "only",
    "numbers",
    "next_number",
    "pin",
    "unpin",
    "write_pins",
}


def _stamps(request: CompareRequest) -> dict[str, tuple[float, int] | None]:
    """Modification time and size of each compared file, None when it is gone (store versions and texts never
    change)."""
    out: dict[str, tuple[float, int] | None] = {}
    for side in (request.a, request.b):
        if isinstance(side, FileSide):
            try:
                info = Path(side.path).stat()
            except OSError:
                out[side.label] = None
                continue
            out[side.label] = (info.st_mtime, info.st_size)
    return out


def _row_with_b_text(diff: Diff, text: str) -> int | None:
    """The first row with a B clause whose normalized text is ``text`` (else holds it)."""
    for test in (lambda t: t == text, lambda t: text in t):
        for r, row in enumerate(diff.rows):
            if any(test(diff.b_clauses[j].text) for j in row.b):
                return r
    return None


_FOOTER_PRIORITY = (
    "quit",
    "help",
    "swap",
    "origin",
    "layout",
    "next_change",
    "prev_change",
    "toggle_dark",
    "search",
    "changes_only",
    "options",
    "goto",
    "export",
    "detail",
    "back",
)
"""The keys a narrow footer keeps first (the rest are in the help and the palette)."""


class CompareScreen(Screen[None]):
    """A and B side by side (or unified when narrow), with a summary bar."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_change", "Next", id="next", tooltip="Go to the next change"),
        Binding("p", "prev_change", "Prev", id="prev", tooltip="Go to the previous change"),
        Binding("f", "changes_only", "Changes only", id="fold", tooltip="Fold equal rows away, or show them"),
        Binding(
            "t",
            "options",
            "Normalize",
            id="options",
            tooltip="Switch 繁简, width, spaces, unspin, cleaning steps, word/char",
        ),
        Binding("slash", "search", "Search", id="search", tooltip="Find text in either document"),
        Binding("g", "goto", "Go to", id="goto", tooltip="Go to a place (二/(三)) or a line (:120)"),
        Binding("e", "export", "Export", id="export",
                tooltip="Write the redline, the 新旧对照表 or the 修改决定 (HTML, Markdown, Word, text, JSON)"),
        Binding("s", "swap", "Swap", id="swap", tooltip="Swap A and B"),
        Binding("o", "origin", "Origin", id="origin", tooltip="Jump between a moved row and where it came from"),
        Binding("l", "layout", "Layout", id="layout", tooltip="Side by side, unified, or by width"),
        Binding("plus,equals_sign", "context(1)", "More context", id="context-more", show=False,
                tooltip="Changes only, with one more equal row around each change"),
        Binding("minus", "context(-1)", "Less context", id="context-less", show=False,
                tooltip="Changes only, with one equal row less around each change"),
        Binding("r", "reload", "Reload", id="reload", show=False, tooltip="Read both files again and recompute"),
        Binding("O", "open_file", "Open file", id="open", show=False, tooltip="Compare A with another file as B"),
        Binding("L", "numbers", "Line numbers", id="numbers", show=False,
                tooltip="Show the original files' line numbers under the places"),
        Binding("i", "detail", "Detail", id="detail", tooltip="Show or hide everything about the current row"),
        Binding("y", "copy('b')", "Copy B", id="copy-b", show=False, tooltip="Copy the row's B text (original)"),
        Binding("Y", "copy('a')", "Copy A", id="copy-a", show=False, tooltip="Copy the row's A text (original)"),
        Binding("N", "same_kind(1)", "Next same kind", id="kind-next", show=False, tooltip="Next row of this kind"),
        Binding("P", "same_kind(-1)", "Prev same kind", id="kind-prev", show=False,
                tooltip="Previous row of this kind"),
        Binding("m", "next_number(1)", "Next number", id="number-next", show=False,
                tooltip="Go to the next changed number (amount, period, date …)"),
        Binding("M", "next_number(-1)", "Prev number", id="number-prev", show=False,
                tooltip="Back to the previous changed number"),
        Binding("x", "pin", "Pin", id="pin", show=False,
                tooltip="Pin a pairing: x on a row marks its A unit, x on another row pairs it with that B unit"),
        Binding("X", "unpin", "Unpair", id="unpin", show=False,
                tooltip="Keep this row's A and B units apart (on a pinned row: drop its pins)"),
        Binding("W", "write_pins", "Write pins", id="write-pins", show=False,
                tooltip="Write the pins to a file beside B (wendiff diff A B --pins FILE reads it)"),
        Binding("right_square_bracket", "search_hit(1)", "Next hit", id="hit-next", show=False,
                tooltip="Next hit of the last search"),
        Binding("left_square_bracket", "search_hit(-1)", "Prev hit", id="hit-prev", show=False,
                tooltip="Previous hit of the last search"),
    ]

    def __init__(self, request: CompareRequest, *, start_at: str | None = None, name: str | None = None) -> None:
        """``start_at``: the normalized text of a B clause to put the cursor on when the diff arrives."""
        super().__init__(name=name)
        self.request = request
        self.start_at = start_at
        self._stamps: dict[str, tuple[float, int] | None] = {}
        self.diff: Diff | None = None
        self.hits: list[int] = []
        self.seconds = 0.0
        self._numbers: tuple[Diff, list[NumberItem]] | None = None
        self.pin_from: str | None = None
        """The A unit (its place) marked by x, waiting for its B partner."""

    def compose(self) -> ComposeResult:
        yield SummaryBar(id="summary")
        yield WorkBar(id="work")
        view = DiffView(id="view")
        with Horizontal(id="panes"):
            yield view
            yield ChangeMap(view, id="map")
        yield RowDetail(id="detail")
        yield PromptBar(id="prompt")
        yield KeyFooter(priority=_FOOTER_PRIORITY)

    def on_mount(self) -> None:
        self.query_one(SummaryBar).show(None, note=f"comparing {self.request.a.label} with {self.request.b.label}…")
        if not self.request.pins:
            try:
                self.request = replace(self.request, pins=self.request.kept_pins())
            except WendiffError as exc:
                self.notify(safe_name(str(exc)), title="Pins not read", severity="warning", timeout=8)
        self.compute(self.request)
        self._stamps = _stamps(self.request)
        self.set_interval(2.0, self._watch_files)

    def _watch_files(self) -> None:
        """Say so when a compared file changed on disk (r reloads); once per change."""
        now = _stamps(self.request)
        before = self._stamps
        changed = [label for label, stamp in now.items() if stamp is not None and before.get(label, stamp) != stamp]
        gone = [label for label, stamp in now.items() if stamp is None and before.get(label) is not None]
        self._stamps = now
        if changed:
            self.notify(f"{', '.join(changed)} changed on disk: r reloads.", title="Changed", timeout=10)
        if gone:
            self.notify(
                f"{', '.join(gone)} is gone from disk (deleted or moved): the view shows it as it was read.",
                title="Missing", severity="warning", timeout=10,
            )

    def action_reload(self) -> None:
        self._stamps = _stamps(self.request)
        self.compute(self.request)

    def action_open_file(self) -> None:
        self.query_one(PromptBar).open("open", "B file", "path of the file to compare with A (Enter opens)")

    @property
    def view(self) -> DiffView:
        return self.query_one(DiffView)

    # -- the worker ----------------------------------------------------------------------------------

    def compute(self, request: CompareRequest) -> None:
        """Compare ``request`` in the background; the result arrives as `DiffReady` or `DiffFailed`."""
        self.request = request
        self.query_one(WorkBar).begin(f"comparing {request.a.label} with {request.b.label}")
        self._compare(request, (self.view.forced_mode or self.view.mode_by_width()) == "unified")

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _compare(self, request: CompareRequest, unified: bool) -> None:
        """``unified``: the view will be unified, so the worker measures its segments too (else the view
        measures them only if the layout turns unified)."""
        started = time.perf_counter()

        def progress(stage: str, done: int, total: int) -> None:
            self.post_message(DiffProgress(stage, done, total))

        try:
            with collector.comparing():
                diff, measure = _made(request, unified, progress)
        except WendiffError as exc:
            self.post_message(DiffFailed(request, str(exc)))
            return
        except Exception as exc:  # a bug must not take the reviewer's session down with it
            self.log.error(f"compare failed: {exc!r}")
            self.post_message(DiffFailed(request, f"internal error: {type(exc).__name__}: {exc}"))
            return
        self.post_message(DiffReady(request, diff, measure, time.perf_counter() - started))

    @on(DiffProgress)
    def _progress(self, message: DiffProgress) -> None:
        self.query_one(WorkBar).step(message.stage, message.done, message.total)

    @on(DiffReady)
    def _ready(self, message: DiffReady) -> None:
        if message.request != self.request:
            return
        names = (self.diff.a.name, self.diff.b.name) if self.diff is not None else None
        keep = names == (message.diff.a.name, message.diff.b.name)
        swapped = names == (message.diff.b.name, message.diff.a.name) and not keep
        self.diff, self.seconds = message.diff, message.seconds
        self.query_one(WorkBar).end()
        self.hits = []
        self.view.set_diff(message.diff, keep_place=keep, measure=message.measure, swapped=swapped)
        self._cursor(self.view.cursor_moved())  # the bar now, laid out with the rows (its message changes nothing)
        collector.for_view()
        if self.start_at is not None:
            row = _row_with_b_text(message.diff, self.start_at)
            if row is not None:
                self.view.show_row(row)
            self.start_at = None
        self.view.focus()
        self.refresh_bindings()
        for problem in message.diff.pin_problems:
            self.notify(safe_name(problem), title="Pin dropped", severity="warning", timeout=8)

    @on(DiffFailed)
    def _failed(self, message: DiffFailed) -> None:
        if message.request != self.request:
            return
        self.query_one(WorkBar).end()
        self.notify(safe_name(message.error), title="Cannot compare", severity="error", timeout=8)
        if self.diff is None:
            self.query_one(SummaryBar).show(None, note=message.error)

    @on(CursorMoved)
    def _cursor(self, message: CursorMoved) -> None:
        note = ""
        if self._on_moved(message):
            note = "moved from here: o jumps to where it went" if message.kind == "origin" else (
                "moved here: o jumps to where it was"
            )
        if self.view.only:
            note = f"only {self.view.only} rows (click its count again for all)" + (f" · {note}" if note else "")
        self.query_one(SummaryBar).show(self.diff, message.change, message.changes, note)
        detail = self.query_one(RowDetail)
        if detail.is_open:
            detail.show(self.diff, message.row if message.kind != "fold" else None)

    def _on_moved(self, message: CursorMoved) -> bool:
        if self.diff is None or message.row is None:
            return False
        return message.kind == "origin" or self.diff.rows[message.row].op in ("moved", "copied")

    def on_key(self, event: events.Key) -> None:
        """A key that needs the diff, pressed while it is computed, is answered (not dropped in silence)."""
        if self.diff is not None:
            return
        keys = self._bindings.key_to_bindings.get(event.key, ())
        wanted = [b for b in keys if b.action.split("(")[0] in _NEEDS_DIFF]
        if wanted:
            event.stop()
            self.notify(f"Still comparing: {wanted[0].description} works once the rows are shown.", timeout=3)

    # -- actions -------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NEEDS_DIFF and self.diff is None:
            return None
        if action == "search_hit" and not self.hits:
            return None  # listed in help and the footer, disabled until a search finds something
        return True

    def action_next_change(self) -> None:
        if not self.view.next_change(1):
            self.notify(self._no_change("after"), timeout=2)

    def action_prev_change(self) -> None:
        if not self.view.next_change(-1):
            self.notify(self._no_change("before"), timeout=2)

    def _no_change(self, where: str) -> str:
        if self.diff is not None and self.diff.summary.changes == 0:
            return "No changes: the two texts are the same after normalization."
        if self.view.cursor in self.view.changes:
            return f"No change {where} this one."
        other = "p goes back to the last one" if where == "after" else "n goes to the first one"
        return f"No change {'below' if where == 'after' else 'above'} the cursor: {other}."

    def action_detail(self) -> None:
        detail = self.query_one(RowDetail)
        detail.toggle()
        entry = self.view.cursor_entry()
        detail.show(self.diff, entry.row if entry is not None and entry.kind != "fold" else None)
        if detail.is_open:
            self.call_after_refresh(self.view.keep_cursor_visible)

    def action_copy(self, side: str) -> None:
        """Copy one side's original text of the current row to the clipboard (OSC 52: over ssh and in tmux)."""
        entry = self.view.cursor_entry()
        if self.diff is None or entry is None or entry.kind == "fold":
            self.notify("Not on a row: Enter opens a fold.", timeout=2)
            return
        row = self.diff.rows[entry.row]
        text = original_text(self.diff, row, side)
        if not text:
            self.notify(f"This row has no {side.upper()} text.", timeout=2)
            return
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {side.upper()}: {len(text):,} characters.", timeout=2)

    def action_same_kind(self, step: int) -> None:
        entry = self.view.cursor_entry()
        if self.diff is None or entry is None or entry.kind == "fold":
            return
        op = self.diff.rows[entry.row].op
        if not self.view.next_of(op, step):
            self.notify(f"No {op} row {'after' if step > 0 else 'before'} this one.", timeout=2)

    def action_changes_only(self) -> None:
        self.view.set_changes_only(not self.view.changes_only)

    @on(SummaryBar.KindClicked)
    def _kind_clicked(self, message: SummaryBar.KindClicked) -> None:
        if self.diff is not None:
            self.action_only(message.op)

    def action_numbers(self) -> None:
        self.view.show_numbers(not self.view.numbers)

    def action_only(self, op: str) -> None:
        """Show only the rows of kind ``op`` (a count in the summary bar was clicked); again: every row."""
        op_ = None if self.view.only == op else op
        self.view.show_only(op_)
        self.notify(f"Only {op} rows: click the count again for all." if op_ else "Every row again.", timeout=3)

    def action_context(self, step: int) -> None:
        context = max(0, self.view.context + step) if self.view.changes_only else max(0, step)
        self.view.set_changes_only(True, context)
        self.notify(f"Changes only, {context} row{'s' if context != 1 else ''} of context (+/-)", timeout=2)

    def action_layout(self) -> None:
        """Switch to the other layout; switching back to what the width would choose follows the width again."""
        shown = self.view.mode or "side"
        other: Mode = "unified" if shown == "side" else "side"
        mode = None if self.view.mode_by_width() == other else other
        self.view.force_mode(mode)
        name = "side by side" if other == "side" else "unified"
        self.notify(f"Layout: {name}" + (" (by width again)" if mode is None else " (l switches back)"), timeout=2)

    def action_origin(self) -> None:
        if not self.view.jump_origin():
            self.notify("Not a moved or copied row.", timeout=2)

    def action_swap(self) -> None:
        self.compute(self.request.swapped())

    def action_options(self) -> None:
        from tui.screens.options import OptionsScreen

        def chosen(options: Options | None) -> None:
            if options is not None and options != self.request.options:
                self.compute(self.request.with_options(options))

        self.app.push_screen(OptionsScreen(self.request.options), chosen)

    def action_search(self) -> None:
        hint = "text to find, 繁/简 and full/half width alike (Enter ↓ next hit, ↑ previous)"
        self.query_one(PromptBar).open("search", "/", hint, self.view.search)

    def action_goto(self) -> None:
        hint = "a place (二/(三), 第十条, 第3条, 7) or a line (:120) of B; A's: A 第3条, A:120"
        self.query_one(PromptBar).open("goto", "go to", hint)

    def action_next_number(self, step: int) -> None:
        """Go to the next (or previous) row whose numbers changed; say what changed."""
        if self.diff is None:
            return
        if self._numbers is None or self._numbers[0] is not self.diff:
            self._numbers = (self.diff, number_items(self.diff))
        items = self._numbers[1]
        rows = list(dict.fromkeys(item.row for item in items))
        if not rows:
            self.notify("No number changed value.", timeout=2)
            return
        k = self.view.find(rows, step)
        if k >= 0:
            here = [i for i in items if i.row == rows[k]]
            what = "; ".join(f"{i.label} {i.old} → {i.new}" for i in here)
            self.notify(safe_name(f"number {k + 1}/{len(rows)}: {what}"), timeout=4)

    def _row_here(self) -> Row | None:
        entry = self.view.cursor_entry()
        if self.diff is None or entry is None or entry.kind == "fold":
            self.notify("Not on a row: Enter opens a fold.", timeout=2)
            return None
        return self.diff.rows[entry.row]

    def action_pin(self) -> None:
        """First x: mark the row's A unit; second x: pin it to this row's B unit and recompute."""
        row = self._row_here()
        if row is None or self.diff is None:
            return
        if self.pin_from is None:
            place = _pin_place(self.diff, row, "a")
            if not place:
                self.notify("This row has no A unit to pin.", timeout=3)
                return
            self.pin_from = place
            self.notify(safe_name(f"A {place} marked: x on the row of its B partner pins them"), timeout=6)
            return
        place_b = _pin_place(self.diff, row, "b")
        if not place_b:
            self.notify("This row has no B unit to pin to.", timeout=3)
            return
        self._repin([*self.request.pins, Pin(self.pin_from, place_b)])
        self.notify(safe_name(f"Pinned A {self.pin_from} → B {place_b}"), timeout=3)
        self.pin_from = None

    def action_unpin(self) -> None:
        """Keep the row's A and B units apart; on a pinned row, drop the pins that made it."""
        row = self._row_here()
        if row is None or self.diff is None:
            return
        a, b = _pin_place(self.diff, row, "a"), _pin_place(self.diff, row, "b")
        if row.pinned:
            mine = [p for p in self.request.pins if p.a == a or p.b == b]
            self._repin([p for p in self.request.pins if p not in mine])
            self.notify(safe_name(f"Dropped {len(mine)} pin(s) of this row"), timeout=3)
            return
        if not a or not b:
            self.notify("This row pairs nothing: no A or no B unit.", timeout=3)
            return
        self._repin([*self.request.pins, Pin(a, b, "unpair")])
        self.notify(safe_name(f"Unpaired A {a} ≠ B {b}"), timeout=3)

    def _repin(self, pins: list[Pin]) -> None:
        self.compute(replace(self.request, pins=tuple(pins)))

    def action_write_pins(self) -> None:
        """Keep the pins: beside B for two files on disk, in the store for two store versions."""
        try:
            where = self.request.keep_pins()
        except ValueError:
            self.notify("Pins are kept for two files on disk or two versions of one store.", timeout=4)
            return
        except OSError as exc:
            sidecar = self.request.sidecar()
            self.notify(safe_name(f"{sidecar}: cannot write: {exc.strerror}"), severity="error", timeout=6)
            return
        except WendiffError as exc:
            self.notify(safe_name(str(exc)), severity="error", timeout=6)
            return
        self.notify(safe_name(f"{len(self.request.pins)} pin(s) kept in {where}"), timeout=4)

    def action_search_hit(self, step: int) -> None:
        k = self.view.find(self.hits, step)
        if k >= 0:
            self.query_one(PromptBar).status(f"{k + 1}/{len(self.hits)}")

    @on(PromptBar.Submitted)
    def _prompt(self, message: PromptBar.Submitted) -> None:
        prompt = self.query_one(PromptBar)
        if message.mode == "search":
            if message.value != self.view.search or not self.hits:
                self.hits = self.view.set_search(message.value)
                self.refresh_bindings()
            if not self.hits:
                prompt.status("no match" if message.value else "")
                return
            k = self.view.find(self.hits, message.step)
            prompt.status(f"{k + 1}/{len(self.hits)}")
        elif message.mode == "open" and message.step == 1:
            path = message.value.strip()
            if not path:
                return
            chosen = Path(path).expanduser()
            if not chosen.is_file():
                prompt.status("is a directory, not a file" if chosen.is_dir() else "no such file")
                return
            prompt.action_close()
            self.compute(replace(self.request, b=FileSide(str(Path(path).expanduser()))))
            self._stamps = _stamps(self.request)
        elif message.mode == "goto" and self.diff is not None and message.step == 1:
            self._goto(message.value)

    def _goto(self, query: str) -> None:
        """Go to a line or a place of B (or of A: ``A:120``, ``A 第三条``), and say whose numbering it was."""
        diff, prompt = self.diff, self.query_one(PromptBar)
        if diff is None:
            return
        asked = goto_query(query)
        name = (asked.side or "b").upper()
        if asked.line is not None:
            doc = diff.a if asked.side == "a" else diff.b
            line = text_line(doc.original, asked.line)
            rows = find_line(diff, line, asked.side or "b") if line is not None else []
            if not rows:
                prompt.status(f"{name} has no line {asked.line}" if line is None else "no such line")
                return
            said = f"line {line} of {name}" + (f" (line {asked.line} is blank)" if line != asked.line else "")
        else:
            rows = find_place(diff, asked.place, asked.side or "b")
            if not rows and asked.side is None:  # only A has it (a deleted article): say so
                rows, name = find_place(diff, asked.place, "a"), "A"
            if not rows:
                prompt.status("no such place")
                return
            said = f"{asked.place} of {name}"
        if asked.side is None and name == "B":
            said += f" (A:{asked.line} for A's)" if asked.line is not None else f" (A {asked.place} for A's)"
        self.view.show_row(min(rows, key=self._reading_position))
        prompt.action_close()
        self.notify(f"Went to {said}.", timeout=3)

    def _reading_position(self, row: int) -> int:
        layout = self.view.layout_
        return layout.row_entry.get(row, row) if layout is not None else row

    @on(PromptBar.Closed)
    def _prompt_closed(self, message: PromptBar.Closed) -> None:
        self.view.focus()

    def action_export(self) -> None:
        from tui.screens.export import ExportChoice, ExportScreen

        diff = self.diff
        if diff is None:
            return

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self._export(diff, choice.fmt, choice.path, choice.report, choice.style)

        self.app.push_screen(ExportScreen(diff), chosen)

    @work(thread=True, group="export", exit_on_error=False)
    def _export(
        self, diff: Diff, fmt: Format, path: Path, report: Report = "redline", style: Style | None = None
    ) -> None:
        try:
            export_report(diff, fmt, path, report, style)
        except ExportUnavailable as exc:
            self.post_message(ExportFinished(path, fmt, str(exc), unavailable=True))
        except WendiffError as exc:
            self.post_message(ExportFinished(path, fmt, str(exc)))
        except Exception as exc:  # a report module's bug is reported, not fatal
            self.post_message(ExportFinished(path, fmt, f"internal error: {type(exc).__name__}: {exc}"))
        else:
            self.post_message(ExportFinished(path, fmt))

    @on(ExportFinished)
    def _exported(self, message: ExportFinished) -> None:
        if message.unavailable:
            self.notify(safe_name(message.error), title="Export", severity="warning")
        elif message.error:
            self.notify(safe_name(message.error), title="Export failed", severity="error")
        else:
            self.notify(f"Wrote {safe_name(str(message.path))}", title=f"{message.fmt} report")


def _pin_place(diff: Diff, row: Row, side: str) -> str | None:
    """The unit a pin names for a row's side: its first clause's place as the reader gave it (the whole
    article for the text of one of its 款, an item for an item), so that x and X pin articles and items,
    never one 款 against a whole article."""
    indices = row.a if side == "a" else row.b
    clauses = diff.a_clauses if side == "a" else diff.b_clauses
    return clauses[indices[0]].place or None if indices else None


def _made(request: CompareRequest, unified: bool, progress: OnProgress) -> tuple[Diff, Measure]:
    """The worker's diff of ``request`` and its measure: the head start's (`tui.head_start`) if there is one."""
    if head_start_waiting(request):  # (a bar that knows how far it is does not animate)
        progress(STAGES[4], 4, len(STAGES))
    warm_up()  # while a head start compares, if there is one
    head_start = take_head_start(request)
    if head_start is not None:
        diff, measure = head_start
        measure.prepare(unified)
        return diff, measure
    diff = run_compare(request, progress)
    return diff, prepare_view(diff, progress, unified)
