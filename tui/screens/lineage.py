"""The Lineage screen: one article (or chapter) of a stored document through all its versions (沿革).

Rules:

* The lineage is read by a worker (`diffing.history.history`, which caches the article maps in the
  store) and arrives as `LineageLoaded`; the screen formats it and nothing else.
* The article is named by a label in a version, or by a clause of a version (blame's row): the
  article whose text holds that clause.
* Above, one row per version: version, date, the label there and what happened on the way in.
  Below, each version's text beside the next one's, deletions marked on the left and insertions
  on the right (both in the original text with line breaks and spaces removed); a step that left
  the wording as it was says so instead.
* Document text is shown as `rich.text.Text` (never markup), through `corpus.display.safe_name`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from corpus.display import safe_name
from corpus.errors import WendiffError
from diffing.lineage import Lineage, LineageError
from tui.widgets.key_footer import KeyFooter
from tui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from diffing.history import History

__all__ = ["LineageData", "LineageLoaded", "LineageScreen", "load_lineage"]

_STYLES = {"": "", "del": "bold red strike", "ins": "bold green underline", "note": "cyan", "dim": "dim"}


@dataclass(frozen=True)
class Pane:
    """One version beside the next."""

    title: str
    left: tuple[tuple[str, str], ...]
    right: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class LineageData:
    title: str
    rows: tuple[tuple[str, str, str, str], ...]
    panes: tuple[Pane, ...]


class LineageLoaded(Message):
    def __init__(self, data: LineageData | None, error: str = "") -> None:
        super().__init__()
        self.data = data
        self.error = error


def load_lineage(store_path: Path, doc_id: str, version: int, label: str | None, clause: int | None) -> LineageData:
    """The lineage of the unit labelled ``label`` in ``version``, or of the article holding clause ``clause``."""
    from corpus.markers import compact
    from diffing.history import history
    from diffing.lineage import find
    from diffing.reports.lineage import OP_WORDS, step_change, unit_text
    from diffing.versions import open_store

    with open_store(store_path, create=False) as store:
        hist = history(store, doc_id)
        lineages = hist.lineages
        lin = find(lineages, version, label) if label is not None else _holding(hist, version, clause or 0)
        rows = []
        panes = []
        previous = None
        for step in lin.steps:
            dates = hist.dates[step.version - 1]
            what = OP_WORDS[step.op] if step.version > 1 else "首个版本"
            if step.renumbered and previous is not None and step.op != "renumbered":
                what += "，条序调整"
            rows.append((f"v{step.version}", dates.date or dates.effective or "", compact(step.label), what))
            if previous is not None and previous.unit is not None:
                before = unit_text(hist.text(previous.version), previous)
                after = unit_text(hist.text(step.version), step)
                parts = step_change(before, after)
                left = tuple((p.text, p.style) for p in parts if p.style != "ins")
                right = tuple((p.text, p.style) for p in parts if p.style != "del")
                now = compact(step.label) or "（删除）"
                head = f"v{previous.version} {compact(previous.label)}  →  v{step.version} {now}"
                if step.op == "equal":
                    head += "  (unchanged)"
                panes.append(Pane(head, left, right))
            previous = step
        labels = " → ".join(dict.fromkeys(compact(s.label) for s in lin.steps if s.unit is not None))
    return LineageData(f"Lineage of {labels} in {doc_id}", tuple(rows), tuple(panes))


def _holding(hist: History, version: int, clause: int) -> Lineage:
    """The lineage of the article holding clause ``clause`` of ``version``."""
    from diffing.segment import segment

    doc = hist.store.document(hist.versions[version - 1])
    clauses = segment(doc)
    if not 0 <= clause < len(clauses):
        raise LineageError(f"no clause {clause + 1} in version {version}")
    start, _ = doc.to_original(clauses[clause].start, clauses[clause].end)
    for lin in hist.lineages.lineages:
        step = lin.alive_at(version)
        if lin.level == "article" and step is not None and step.unit is not None:
            lo, hi = step.unit.span
            if lo <= start < hi:
                return lin
    raise LineageError(f"clause {clause + 1} of version {version} is in no article")


class LineageScreen(Screen[None]):
    """The steps above, each version beside the next below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="back", tooltip="Back to the history"),
    ]

    def __init__(
        self, store: Path, doc_id: str, version: int, label: str | None = None, clause: int | None = None
    ) -> None:
        super().__init__()
        self.store, self.doc_id, self.version = store, doc_id, version
        self.label, self.clause = label, clause
        self.data: LineageData | None = None

    def compose(self) -> ComposeResult:
        yield Static(f"Lineage in {safe_name(self.doc_id)}", id="lineage-title", classes="screen-title")
        yield RowTable(cursor_type="row", zebra_stripes=True, id="lineage-steps")
        yield VerticalScroll(id="lineage-panes")
        yield KeyFooter(priority=("quit", "help"))

    def on_mount(self) -> None:
        table = self.query_one("#lineage-steps", DataTable)
        table.add_columns("version", "date", "label", "what happened")
        table.styles.height = "auto"
        table.styles.max_height = "40%"
        table.focus()
        self._load()

    @work(thread=True, exclusive=True, group="lineage", exit_on_error=False)
    def _load(self) -> None:
        try:
            data = load_lineage(self.store, self.doc_id, self.version, self.label, self.clause)
            self.post_message(LineageLoaded(data))
        except (WendiffError, LineageError) as exc:
            self.post_message(LineageLoaded(None, str(exc)))

    @on(LineageLoaded)
    def _loaded(self, message: LineageLoaded) -> None:
        if message.data is None:
            self.notify(safe_name(message.error), title="No lineage", severity="error", timeout=8)
            return
        self.data = message.data
        self.query_one("#lineage-title", Static).update(Text(safe_name(message.data.title)))
        rows = [(v, d, Text(safe_name(label)), what) for v, d, label, what in message.data.rows]
        self.query_one("#lineage-steps", RowTable).show_rows(rows)
        panes = self.query_one("#lineage-panes", VerticalScroll)
        panes.remove_children()
        for pane in message.data.panes:
            title = Static(Text(safe_name(pane.title), style="bold"), classes="lineage-pane-title")
            left = Static(_text(pane.left), classes="lineage-side")
            right = Static(_text(pane.right), classes="lineage-side")
            for side in (left, right):
                side.styles.width = "1fr"
                side.styles.padding = (0, 1)
            row = Horizontal(left, right, classes="lineage-pair")
            row.styles.height = "auto"
            panes.mount(title)
            panes.mount(row)


def _text(parts: tuple[tuple[str, str], ...]) -> Text:
    out = Text()
    for text, style in parts:
        out.append(safe_name(text), style=_STYLES.get(style, ""))
    return out
