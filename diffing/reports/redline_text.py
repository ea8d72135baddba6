"""The terminal view of a diff: side by side when wide enough, unified otherwise.

Rules:

* It shows original text (through `diffing.highlight`), never normalized text,
  with control and bidi characters shown as marks (`corpus.display`), colour
  or not: a document can never send codes to the terminal.
* Widths are measured in terminal cells (rich measures CJK as two cells);
  nothing here slices text by ``len()`` to fit a column.
* With colour, deletions are red and struck, insertions green and underlined;
  without colour (not a TTY, ``--color never``, a file) the same places are
  marked ``[-…-]`` and ``{+…+}`` as in ``git diff --word-diff``, but by Chinese
  word or character, never by whole runs of Chinese.
* Equal rows are folded into one line (``⋯ 12 equal clauses``) unless ``full``,
  by the one walk (`diffing.reports.order.walk`), over the rows in the diff's
  order (B's order, a deleted row where the aligner put it).
* A row's place names both sides when they differ (``第十一条→第五条``: A's place,
  then B's), so that a moved clause or one of a renumbered article says where it
  was and where it is; otherwise the one place.
* ``rich.table`` is imported only for the side-by-side layout (start-up of
  ``wendiff diff`` in a pipe, which is unified, does not pay for it).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rich.console import Console
from rich.text import Text

from corpus.display import safe_name, safe_text
from diffing.highlight import Highlight, row_highlights, unified_highlights
from diffing.model import Diff, Row
from diffing.reports.numbers import number_items, numbers_lines
from diffing.reports.order import Item, walk
from diffing.reports.pins import PINNED_NOTE, pin_lines
from diffing.vocabulary import KIND_LOOK, OP_LOOK, TERMINAL_COLOUR

if TYPE_CHECKING:
    from rich.table import Table

__all__ = ["MARKS", "SIDE_BY_SIDE_MIN_WIDTH", "TextView", "place_label", "plain_text", "render_text"]

Layout = Literal["auto", "side", "unified"]
MARKS: dict[str, str] = {op: look.mark for op, look in OP_LOOK.items()}
"""The mark of each op in the label column (`diffing.vocabulary.OP_LOOK`)."""
SIDE_BY_SIDE_MIN_WIDTH = 110
"""Below this many cells a view is unified (one pane): this terminal view's and the app's (`tui.view_lines`)."""


@dataclass(frozen=True)
class TextView:
    """How to draw the terminal view."""

    color: bool = False
    width: int = 100
    layout: Layout = "auto"
    full: bool = False
    """Show equal rows instead of folding them."""


def _text(segments: list[Highlight], color: bool) -> Text:
    out = Text()
    for seg in segments:
        text = safe_text(seg.text.replace("\r", ""))
        look = KIND_LOOK[seg.kind]
        if color:
            out.append(text, style=look.style)
        else:
            out.append(look.plain[0] + text + look.plain[1])
    return out


def place_label(diff: Diff, row: Row) -> str:
    """Where the row is, as a reviewer cites it: ``A→B`` when the two sides' places differ
    (a moved clause, a clause of a renumbered article), else the one place; then
    ``第N页`` of a paged document (PDF, OFD)."""
    a, b = diff.place_a(row), diff.place_b(row)
    place = f"{a}→{b}" if a and b and a != b else b or a or ""
    page = diff.page(row)
    place = safe_name(place)
    return place if page is None else f"{place} 第{page}页".strip()


def _header(diff: Diff) -> Text:
    s = diff.summary
    counts = " · ".join(f"{op} {n}" for op, n in s.counts.items() if n)
    head = Text()
    for mark, doc, style in (("---", diff.a, "bold red"), ("+++", diff.b, "bold green")):
        head.append(f"{mark} {safe_name(doc.name)} ({doc.source.encoding}, {len(doc.original)} chars)\n", style=style)
    head.append(f"{counts or 'no clauses'} · similarity {s.similarity:.3f}", style="bold")
    return head


def plain_text(diff: Diff) -> str:
    """The text report (``--format text`` to a file): no colour, 100 cells wide, changes only."""
    return render_text(diff, TextView(color=False, width=100))


def render_text(diff: Diff, view: TextView) -> str:
    """The whole terminal view as a string (with ANSI colours when ``view.color``)."""
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=view.width,
        force_terminal=view.color,
        no_color=not view.color,
        color_system="standard" if view.color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(_header(diff))
    numbers = number_items(diff)
    for line in [*numbers_lines(numbers, safe_text), *map(safe_text, pin_lines(diff))]:
        console.print(Text(line, style="bold" if line.startswith(("数字变化", PINNED_NOTE)) else ""))
    side = view.layout == "side" or (view.layout == "auto" and view.width >= SIDE_BY_SIDE_MIN_WIDTH)
    table = _new_table(diff, view) if side else None
    in_rows_order = [Item("row", r) for r in range(len(diff.rows))]
    for entry in walk(diff, changes_only=not view.full, order=in_rows_order):
        if entry.kind == "fold":
            note = Text(f"  ⋯ {entry.count} equal clause{'s' if entry.count > 1 else ''}", style="dim")
            if table is not None:
                table.add_row("", note, "")
            else:
                console.print(note)
        elif table is not None:
            _side_row(table, diff, diff.rows[entry.row], view.color)
        else:
            _unified_row(console, diff, diff.rows[entry.row], view.color)
    if table is not None:
        console.print(table)
    return buf.getvalue()


def _new_table(diff: Diff, view: TextView) -> Table:
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, expand=True, pad_edge=False)
    place_width = max(6, min(24, view.width // 6))  # room for 第一百二十四条→第一百三十条 on a wide screen
    table.add_column("", width=place_width, no_wrap=False)
    table.add_column(safe_name(diff.a.name), ratio=1, overflow="fold")
    table.add_column(safe_name(diff.b.name), ratio=1, overflow="fold")
    return table


def _label(diff: Diff, row: Row) -> Text:
    return Text(f"{MARKS[row.op]} {place_label(diff, row)}", style=TERMINAL_COLOUR.get(OP_LOOK[row.op].role, "yellow"))


def _side_row(table: Table, diff: Diff, row: Row, color: bool) -> None:
    left = _text(row_highlights(diff, row, "a"), color) if row.a and row.op != "copied" else Text("")
    right = _text(row_highlights(diff, row, "b"), color) if row.b else Text("")
    if row.op == "copied" and color:
        right.stylize("magenta")
    table.add_row(_label(diff, row), left, right)


def _unified_row(console: Console, diff: Diff, row: Row, color: bool) -> None:
    label = _label(diff, row)
    label.append("  ")
    if row.op in ("inserted", "copied"):
        body = _text([Highlight(s.text, "ins") for s in row_highlights(diff, row, "b")], color)
    elif row.op == "deleted":
        body = _text([Highlight(s.text, "del") for s in row_highlights(diff, row, "a")], color)
    else:
        body = _text(unified_highlights(diff, row), color)
    if row.a and row.b and row.similarity < 1:
        body.append(f"  ({row.similarity:.2f})", style="dim")
    console.print(label + body)
