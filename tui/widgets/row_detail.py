"""The detail pane (``i``): everything about the row under the cursor, for a reviewer who must be sure.

Rules:

* The pane only formats what `describe` is given: a diff and a row. It shows
  the kind and similarity, each side's place and line in the original file,
  both original texts, the normalized texts where normalization changed
  them, what normalization ignored (version 2's ``ignored``) and where a
  moved or copied clause came from.
* Characters OCR read with low confidence (the source's ``uncertain``
  ranges) are drawn in `UNCERTAIN` in the side's original text, and a line
  under it counts them.
* Texts are made safe to draw (`tui.wrap.displayable`); the pane is a few
  lines high and scrolls when a row is longer.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from diffing.model import Diff, Row
from diffing.reports.redline_text import MARKS
from tui.view_lines import origin_text
from tui.wrap import displayable

__all__ = ["UNCERTAIN", "RowDetail", "describe", "line_of", "original_text"]

UNCERTAIN = "reverse underline"
"""The style of a character OCR read with low confidence."""


def original_text(diff: Diff, row: Row, side: str) -> str:
    """The original text of one side of ``row`` (holes cut out)."""
    doc, spans = (diff.a, diff.a_spans(row)) if side == "a" else (diff.b, diff.b_spans(row))
    if not (row.a if side == "a" else row.b):
        return ""
    return "".join(doc.original[lo:hi] for lo, hi in spans)


def line_of(diff: Diff, row: Row, side: str) -> int | None:
    """The line (from 1) of the original file where one side of ``row`` starts; None without that side."""
    if not (row.a if side == "a" else row.b):
        return None
    doc, spans = (diff.a, diff.a_spans(row)) if side == "a" else (diff.b, diff.b_spans(row))
    return doc.original.count("\n", 0, spans[0][0]) + 1


def uncertain_in(diff: Diff, row: Row, side: str) -> list[tuple[int, int]]:
    """The ranges of `original_text` (of one side of ``row``) that OCR read with low confidence."""
    doc, spans = (diff.a, diff.a_spans(row)) if side == "a" else (diff.b, diff.b_spans(row))
    doubts = doc.source.uncertain
    out: list[tuple[int, int]] = []
    base = 0
    for lo, hi in spans if doubts else ():
        for d_lo, d_hi in doubts:
            if d_lo < hi and d_hi > lo:
                out.append((base + max(lo, d_lo) - lo, base + min(hi, d_hi) - lo))
        base += hi - lo
    return out


def _marked(text: str, marks: list[tuple[int, int]]) -> Content:
    """``text`` made safe to draw, with the ranges ``marks`` in `UNCERTAIN`."""
    parts: list[str | tuple[str, str]] = []
    at = 0
    for lo, hi in marks:
        parts += [displayable(text[at:lo]), (displayable(text[lo:hi]), UNCERTAIN)]
        at = hi
    parts.append(displayable(text[at:]))
    return Content.assemble(*parts)


def describe(diff: Diff, row: Row) -> Content:
    """The pane's text for ``row``."""
    a_place, b_place = diff.place_a(row), diff.place_b(row)
    head: list[str | tuple[str, str]] = [
        (f"{MARKS[row.op]} {row.op}", "bold"),
        f"  similarity {row.similarity:.3f}",
    ]
    ignored = diff.ignored(row)
    if ignored:
        head.append(f"  ignored: {', '.join(ignored)}")
    if row.op in ("moved", "copied") and row.a:
        head.append(f"  from A {displayable(origin_text(diff, row))}")
    lines: list[Content] = [Content.assemble(*head)]
    for side, place, clauses, normalized in (
        ("A", a_place, row.a, diff.a_text(row)),
        ("B", b_place, row.b, diff.b_text(row)),
    ):
        if not clauses:
            lines.append(Content.assemble((f"{side} ", "bold"), ("(none)", "italic")))
            continue
        key = side.lower()
        where = f"{displayable(place or '')} line {line_of(diff, row, key)}".strip()
        original = original_text(diff, row, key)
        marks = uncertain_in(diff, row, key)
        lines.append(Content.assemble((f"{side} ", "bold"), (where, "italic"), " │ ", _marked(original, marks)))
        if marks:
            count = sum(hi - lo for lo, hi in marks)
            what = f"{count} uncertain {'character' if count == 1 else 'characters'} marked"
            lines.append(Content.assemble(("  read by OCR │ ", "italic"), what))
        if normalized != original:
            lines.append(Content.assemble(("  normalized │ ", "italic"), displayable(normalized)))
    return Content("\n").join(lines)


class RowDetail(VerticalScroll):
    """The pane: hidden until ``i``; follows the cursor."""

    DEFAULT_CSS = """
    RowDetail {
        height: auto;
        max-height: 40%;
        display: none;
        border-top: solid $primary 50%;
        padding: 0 1;
    }
    RowDetail.-open {
        display: block;
    }
    RowDetail > Static {
        width: 100%;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="detail-text")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def toggle(self) -> None:
        self.set_class(not self.is_open, "-open")

    def show(self, diff: Diff | None, row: int | None) -> None:
        """Describe row ``row`` of ``diff`` (nothing for None)."""
        text = describe(diff, diff.rows[row]) if diff is not None and row is not None else Content("")
        self.query_one("#detail-text", Static).update(text)
