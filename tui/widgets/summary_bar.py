"""The summary bar of a comparison: the two documents, counts by kind, similarity, where the cursor is.

Rule: the bar only formats what it is given (`show`); counts and similarity
come from ``Diff.summary``, never recounted here. A click on a count posts
`SummaryBar.KindClicked` (the screen shows only the rows of that kind).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from corpus.display import safe_name
from corpus.document import Document
from corpus.options import Options
from diffing.model import Diff, Summary
from diffing.reports.redline_text import MARKS
from diffing.vocabulary import OP_LOOK
from tui.wrap import elide_middle
from tui.wrap import width as cells

__all__ = ["SummaryBar", "count_marks", "options_label"]

_OP_COLOURS: dict[str, str] = {op: f"$text-{look.role}" for op, look in OP_LOOK.items() if op != "equal"}
"""The colour of each op's count (its role in `diffing.vocabulary.OP_LOOK`)."""


def options_label(options: Options) -> str:
    """The normalization switches in a few characters: ``繁简 · width · space · by word``, then
    ``unspin`` (a machine-reworded copy is compared with its source) and any cleaning step turned off."""
    parts = [
        "繁简" if options.script == "t2s" else "繁≠简",
        "width" if options.width else "width off",
        "space" if options.whitespace else "space off",
        f"by {options.inline}",
    ]
    if options.unspin:
        parts.append("unspin (machine-reworded)")
    parts += [f"{name} off" for name in ("boilerplate", "junk", "invisible") if not getattr(options, name)]
    return " · ".join(parts)


def _describe(doc: Document, short: bool, room: int) -> str:
    """A document as the bar names it, in at most ``room`` cells (a long name loses its middle)."""
    name = safe_name(PurePath(doc.name).name or doc.name if short else doc.name)
    source = doc.source
    notes = [source.encoding, f"{len(doc.original):,} chars"]
    if source.pages:
        notes.append(f"{len(source.pages)} pages")
    if source.textless_pages:
        notes.append(f"{len(source.textless_pages)} scanned {'page' if len(source.textless_pages) == 1 else 'pages'} "
                     "not compared")  # fmt: skip
    if source.ocr_read_pages:
        read = len(source.ocr_read_pages)
        notes.append(f"{read} {'page' if read == 1 else 'pages'} read by OCR")
    if source.decode_errors is not None:
        notes.append(f"{source.decode_errors.count} bad bytes → U+FFFD")
    tail = "" if short else f" ({', '.join(notes)})"
    if cells(name + tail) > room:
        tail = ""
    return elide_middle(name, max(4, room - cells(tail))) + tail


class SummaryBar(Static):
    """Two lines, never more: the documents, then counts, similarity and position; shorter when narrow."""

    DEFAULT_CSS = """
    SummaryBar {
        height: auto;
        max-height: 2;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[Diff | None, int, int, str] = (None, 0, 0, "")
        self._lines = 0
        self._width = 0

    def show(self, diff: Diff | None, change: int = 0, changes: int = 0, note: str = "") -> None:
        """Describe ``diff``; ``change`` of ``changes`` is where the cursor is (0: not on a change)."""
        width = self.size.width - 2 or 100
        if diff is self._shown[0] and (change, changes, note) == self._shown[1:] and width == self._width:
            return  # unchanged (a page down that lands on no change): nothing to draw again
        self._shown, self._width = (diff, change, changes, note), width
        content = self.describe(diff, change, changes, note, width)
        lines = content.plain.count("\n") + 1
        self.update(content, layout=lines != self._lines)  # same height: no layout of the screen (page-down speed)
        self._lines = lines

    def on_resize(self) -> None:
        self._width = 0
        self.show(*self._shown)

    @dataclass
    class KindClicked(Message):
        """A count of the summary was clicked: the rows of kind ``op``."""

        op: str

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y != 1:
            return
        line = str(self.render()).split("\n")[1] if "\n" in str(self.render()) else ""
        at = 0
        for k, c in enumerate(line):
            size = cells(c)
            if at <= offset.x < at + size:
                op = _op_at(line, k)
                if op is not None:
                    self.post_message(self.KindClicked(op))
                return
            at += size

    @staticmethod
    def describe(diff: Diff | None, change: int, changes: int, note: str, width: int) -> Content:
        """The bar's text for a width of ``width`` cells: two lines, each at most ``width`` cells."""
        if diff is None:
            return Content(note or "no comparison yet").truncate(width * 2)
        short = width < 120
        room = max(8, (width - 5) // 2)
        names = Content.assemble(
            ("A ", "bold $text-error"),
            _describe(diff.a, short, room),
            "  ",
            ("B ", "bold $text-success"),
            _describe(diff.b, short, room),
        )
        where = f"change {change}/{changes}" if change else f"{changes} change{'s' if changes != 1 else ''}"
        for brief, with_options in ((short, True), (True, True), (True, False)):
            # the form is chosen without the note, so that a note never moves the counts one clicks
            options = options_label(diff.options) if with_options else ""
            if _counts(diff, brief, where, options, "").cell_length <= width:
                break
        line = _counts(diff, brief, where, options, note)
        return Content.assemble(names.truncate(width, ellipsis=True), "\n", line.truncate(width, ellipsis=True))


_BY_MARK = {mark: op for op, mark in MARKS.items() if op != "equal"}


def _op_at(line: str, k: int) -> str | None:
    """The op of the count at character ``k`` of the counts line (``~6 modified``, ``↔3``), None elsewhere."""
    if k >= len(line) or line[k] == " ":
        return None
    start = line.rfind(" ", 0, k) + 1
    word = line[start:]
    if word[:1] in _BY_MARK and word[1:2].isdigit():
        return _BY_MARK[word[0]]
    # the op name after a count: ``~6 modified``
    before = line[:start].rstrip().rsplit(" ", 1)[-1]
    op = word.split(" ", 1)[0]
    if before[:1] in _BY_MARK and before[1:].isdigit() and _BY_MARK[before[0]] == op:
        return op
    return None


def count_marks(summary: Summary) -> str:
    """The counts of ``summary`` as the bar writes them when short (``#1 ~6 +5``): every kind of
    change that occurs, in `diffing.model.OPS` order, the numbers of ``wendiff diff -f json``."""
    return " ".join(f"{MARKS[op]}{n}" for op, n in summary.counts.items() if n and op != "equal")


def _counts(diff: Diff, short: bool, where: str, options: str, note: str) -> Content:
    """The second line: counts by kind, similarity, position, options and a note."""
    s = diff.summary
    pieces: list[str | tuple[str, str]] = []
    for op, n in s.counts.items():
        if n and op != "equal":
            pieces += [(f"{MARKS[op]}{n}" + ("" if short else f" {op}"), _OP_COLOURS.get(op, "")), " "]
    pieces.append(f"={s.counts.get('equal', 0)}" + (" " if short else " equal  "))
    pieces.append((f"{'sim' if short else 'similarity'} {s.similarity:.3f}", "bold"))
    pieces += [" │ ", (where, "bold")]
    if options:
        pieces.append(f" │ {options}")
    if note:
        pieces += [" │ ", (note, "italic")]
    return Content.assemble(*pieces)
