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
  was and where it is; otherwise the one place. It says so once per article:
  the following rows of the same two articles name B's place only.
* A renumbered label (a number alone changed) is a quiet note, never struck
  and inserted: ``第八条（原第七条）``, dim.
* Inserted (deleted) rows inside one 款 are one row (`diffing.kuan_rows`): a
  new article of one 款 is one row, not a row per sentence and its label; the
  项 of a 款 are one line each (blank lines between them dropped), under the
  place they share.
* Source markup in an equal row is structure (`diffing.source_markup`): a
  Markdown heading is its words in bold, an HTML comment is not shown.
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
from diffing.kuan_rows import KuanGroup, kuan_groups
from diffing.model import Diff, Row
from diffing.reports.numbers import number_items, numbers_lines
from diffing.reports.order import Item, row_articles, walk
from diffing.reports.pins import PINNED_NOTE, pin_lines
from diffing.source_markup import source_markup
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


def place_label(diff: Diff, row: Row, both: bool = True) -> str:
    """Where the row is, as a reviewer cites it: ``A→B`` when the two sides' places differ
    (a moved clause, a clause of a renumbered article) and ``both``, else the one place
    (B's); then ``第N页`` of a paged document (PDF, OFD)."""
    a, b = diff.place_a(row), diff.place_b(row)
    place = f"{a}→{b}" if both and a and b and a != b else b or a or ""
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
    said: tuple[str, str] | None = None  # the two articles whose places a row named last
    run: list[Row] = []  # shown rows since the last fold
    for entry in [*walk(diff, changes_only=not view.full, order=in_rows_order), None]:
        if entry is not None and entry.kind == "row":
            run.append(diff.rows[entry.row])
            continue
        said = _shown_rows(console, table, diff, run, view.color, said)
        run = []
        if entry is not None:
            note = Text(f"  ⋯ {entry.count} equal clause{'s' if entry.count > 1 else ''}", style="dim")
            if table is not None:
                table.add_row("", note, "")
            else:
                console.print(note)
    if table is not None:
        console.print(table)
    return buf.getvalue()


def _shown_rows(
    console: Console, table: Table | None, diff: Diff, rows: list[Row], color: bool, said: tuple[str, str] | None
) -> tuple[str, str] | None:
    """Rows between two folds: a 款's inserted (deleted) rows as one row, source markup as structure;
    ``said``: the two articles whose places the last row named (returned updated)."""
    for group in kuan_groups(diff, rows):
        row = group.rows[0]
        markup = source_markup(_side_text(diff, row, "b")) if row.op == "equal" else None
        if markup is not None:
            if markup.kind != "comment":
                _heading_row(console, table, markup.text)
            continue
        articles = _articles(diff, row)
        both = articles is None or articles != said
        said = articles
        if len(group.rows) > 1:
            _group_row(console, table, diff, group, color)
        elif table is not None:
            _side_row(table, diff, row, color, both)
        else:
            _unified_row(console, diff, row, color, both)
    return said


def _new_table(diff: Diff, view: TextView) -> Table:
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, expand=True, pad_edge=False)
    place_width = max(6, min(24, view.width // 6))  # room for 第一百二十四条→第一百三十条 on a wide screen
    table.add_column("", width=place_width, no_wrap=False)
    table.add_column(safe_name(diff.a.name), ratio=1, overflow="fold")
    table.add_column(safe_name(diff.b.name), ratio=1, overflow="fold")
    return table


def _articles(diff: Diff, row: Row) -> tuple[str, str] | None:
    """The articles (`row_articles`) of a row whose two places differ, else None."""
    a, b = diff.place_a(row), diff.place_b(row)
    return row_articles(diff, row) if a and b and a != b else None


def _label(diff: Diff, row: Row, both: bool = True) -> Text:
    style = TERMINAL_COLOUR.get(OP_LOOK[row.op].role, "yellow")
    return Text(f"{MARKS[row.op]} {place_label(diff, row, both)}", style=style)


def _side_text(diff: Diff, row: Row, side: str) -> str:
    spans = diff.a_spans(row) if side == "a" else diff.b_spans(row)
    original = diff.a.original if side == "a" else diff.b.original
    return safe_text("".join(original[lo:hi] for lo, hi in spans).strip())


def _side_row(table: Table, diff: Diff, row: Row, color: bool, both: bool = True) -> None:
    if row.op == "renumbered":  # each column shows its own number, quietly
        left, right = Text(_side_text(diff, row, "a"), style="dim"), Text(_side_text(diff, row, "b"), style="dim")
        table.add_row(_label(diff, row, both), left, right)
        return
    left = _text(row_highlights(diff, row, "a"), color) if row.a and row.op != "copied" else Text("")
    right = _text(row_highlights(diff, row, "b"), color) if row.b else Text("")
    if row.op == "copied" and color:
        right.stylize("magenta")
    table.add_row(_label(diff, row, both), left, right)


def _heading_row(console: Console, table: Table | None, words: str) -> None:
    heading = Text(safe_text(words), style="bold")
    if table is not None:
        table.add_row("", heading, heading)
    else:
        console.print(Text("    ") + heading)


def _group_row(console: Console, table: Table | None, diff: Diff, group: KuanGroup, color: bool) -> None:
    """A 款's inserted (deleted) rows as one row: the place of the first, the 款's text."""
    kind: Literal["ins", "del"] = "ins" if group.side == "b" else "del"
    text = group.shown(diff)
    body = _text([Highlight(text, kind)], color)
    label = _label(diff, group.rows[0])
    places = {place_label(diff, row) for row in group.rows}
    if len(places) > 1:  # 项 of one 款: the place they share (the article, its 款)
        parts = [p.split("/") for p in places]
        common = [bits[0] for bits in zip(*parts, strict=False) if len(set(bits)) == 1]
        label = Text(f"{MARKS[group.rows[0].op]} {'/'.join(common)}", style=label.style)
    if table is not None:
        table.add_row(label, body if kind == "del" else Text(""), body if kind == "ins" else Text(""))
        return
    label.append("  ")
    console.print(label + body)


def _unified_row(console: Console, diff: Diff, row: Row, color: bool, both: bool = True) -> None:
    label = _label(diff, row, both)
    label.append("  ")
    if row.op == "renumbered":
        a, b = _side_text(diff, row, "a"), _side_text(diff, row, "b")
        console.print(label + Text(f"{b}（原{a}）", style="dim"))
        return
    if row.op in ("inserted", "copied"):
        body = _text([Highlight(s.text, "ins") for s in row_highlights(diff, row, "b")], color)
    elif row.op == "deleted":
        body = _text([Highlight(s.text, "del") for s in row_highlights(diff, row, "a")], color)
    else:
        body = _text(unified_highlights(diff, row), color)
    if row.a and row.b and row.similarity < 1:
        body.append(f"  ({row.similarity:.2f})", style="dim")
    console.print(label + body)
