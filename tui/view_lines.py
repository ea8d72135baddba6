"""A diff laid out as terminal lines: what the compare view draws, measured before it is drawn.

Rules:

* The view is a list of `Entry` values in the reading order of
  `diffing.reports.order` (B's order, what only A had at A's places, an
  ``origin`` entry where each moved row's clauses stood in A). With "changes
  only", runs of equal rows become one ``fold`` entry, except rows revealed on
  purpose (a search hit, a go-to target, an opened fold).
* Heights are known for every entry before anything is drawn: they come from
  each clause's original text (``Document.spans``) folded by `tui.wrap`, and
  are cached per column width. The lines themselves, with highlights from
  `diffing.highlight` (original text, never the normalized one), are built only
  for the entries on screen and kept in a bounded cache. A first screen costs
  the same for a 1 MB pair as for a page.
* A line is a list of ``(text, tag)`` pieces exactly ``width`` cells wide; a
  tag names a style (`TAGS`), the widget maps tags to theme styles. Search hits
  carry the tag ``TAG/match``. Nothing here imports Textual.
* An equal row whose original texts differ (equal only after normalization)
  is marked quietly: a dim ``≈`` and the steps that made it equal (after its
  place, when the column has room for them).
* Side by side: gutter, label (mark and place), A, a rule, B; the A and B
  texts of a row are on the same lines, so the two panes can never scroll
  apart. Unified: gutter, label, one text in which deletions (A) stand beside
  insertions (B).
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from corpus.document import Document
from diffing.highlight import Highlight, Kind, clause_highlights, unified_highlights
from diffing.model import Diff, Row
from diffing.reports.order import Entry, Item, reading_order, walk
from diffing.reports.redline_text import MARKS, SIDE_BY_SIDE_MIN_WIDTH
from diffing.reports.wording import IGNORED_NAMES
from tui.places import short_place
from tui.wrap import count_lines, displayable, ellipsize, fold, fold_measured
from tui.wrap import width as cells

__all__ = [
    "SIDE_BY_SIDE_MIN_WIDTH",
    "TAGS",
    "Columns",
    "Entry",
    "Layout",
    "Line",
    "Measure",
    "Mode",
    "build_entries",
    "fit_place",
    "origin_text",
    "places",
]

Mode = Literal["side", "unified"]
Line = list[tuple[str, str]]
build_entries = walk
"""The view's entries: the one walk over a diff's rows (`diffing.reports.order.walk`)."""
TAGS = (
    "blank",
    "gutter",
    "rule",
    "equal",
    "same",
    "del",
    "ins",
    "fold",
    "origin",
    "note",
    *(f"label-{op}" for op in MARKS),
)
"""Every tag a line piece can carry (plus ``/match`` for search hits)."""
_CACHE_ENTRIES = 512


@dataclass(frozen=True)
class Columns:
    """Cell widths of the view's columns."""

    width: int
    mode: Mode
    label: int
    a: int
    """The A text (side by side) or the one text (unified)."""
    b: int
    """The B text; 0 when unified."""
    gutter: int = 1

    @staticmethod
    def fit(width: int, mode: Mode | None = None) -> Columns:
        """Columns for a view ``width`` cells wide (``mode`` None: by width)."""
        width = max(width, 24)
        chosen: Mode = mode or ("side" if width >= SIDE_BY_SIDE_MIN_WIDTH else "unified")
        label = max(12, min(24, width // 5))
        text = width - 1 - label
        if chosen == "unified":
            return Columns(width, chosen, label, text, 0)
        a = (text - 1) // 2
        return Columns(width, chosen, label, a, text - 1 - a)


class Measure:
    """What the view measures once per diff (texts, reading order) and once per width (heights).

    `prepare` does the width-independent part up front; the compare screen
    runs it in its worker thread, so the UI thread only folds and draws.
    """

    def __init__(self, diff: Diff, early: Measure | None = None) -> None:
        """``early``: a measure of the same diff without its inline parts (`carries`), whose texts, order,
        places and clause heights are this one's."""
        self.diff = diff
        self._texts: dict[str, list[str]] = {}
        self._order: tuple[Item, ...] | None = None
        self._heights: dict[tuple[str, int], list[int]] = {}
        self._unified: dict[int, list[Highlight]] = {}
        self._unified_heights: dict[tuple[int, int], int] = {}
        self._line_starts: dict[str, list[int]] = {}
        self._cited: list[tuple[tuple[str, str], ...] | None] = []
        self.joined = {"a": paged(diff.a), "b": paged(diff.b)}
        """Per side: line breaks inside a clause are the page's, joined for reading (`reading`)."""
        if early is not None and self.carries(early):
            self._texts, self._order, self._cited = dict(early._texts), early._order, list(early._cited)
            self._heights = dict(early._heights)

    def carries(self, early: Measure) -> bool:
        """Whether what ``early`` measured that reads no inline parts (the clause texts, the reading order, the
        rows' places (`cited`) and the clause heights) is this diff's: whether ``early`` measured the same clauses
        and rows (the diff `diffing.compare` hands its ``beside`` before the inline parts exist)."""
        mine, theirs = self.diff, early.diff
        return (
            mine.a is theirs.a and mine.b is theirs.b and mine.a_clauses is theirs.a_clauses
            and mine.b_clauses is theirs.b_clauses and len(mine.rows) == len(theirs.rows)
            and all(x.op == y.op and x.a == y.a and x.b == y.b for x, y in zip(mine.rows, theirs.rows, strict=True))
        )  # fmt: skip

    def places(self, side: Literal["a", "b"]) -> tuple[str, ...]:
        """Where each clause of one side is cited (`Diff.places`, `diffing.places`)."""
        return self.diff.places[0 if side == "a" else 1]

    def cited(self, r: int) -> tuple[tuple[str, str], ...]:
        """`places` of row ``r`` (computed once)."""
        if not self._cited:
            self._cited = [None] * len(self.diff.rows)
        out = self._cited[r]
        if out is None:
            out = self._cited[r] = places(self, self.diff.rows[r])
        return out

    def place_a(self, row: Row) -> str | None:
        """Where the row's first A clause is cited (None: no A clause)."""
        return self.diff.place_a(row)

    def place_b(self, row: Row) -> str | None:
        """Where the row's first B clause is cited (None: no B clause)."""
        return self.diff.place_b(row)

    def line(self, side: Literal["a", "b"], pos: int) -> int:
        """The line (from 1) of one side's original file that offset ``pos`` is on."""
        starts = self._line_starts.get(side)
        if starts is None:
            text = (self.diff.a if side == "a" else self.diff.b).original
            starts = [0] + [k + 1 for k, c in enumerate(text) if c == "\n"]
            self._line_starts[side] = starts
        return bisect_right(starts, pos)

    def row_lines(self, r: int) -> tuple[int | None, int | None]:
        """The lines where row ``r`` starts in A and in B (None on a side without clauses)."""
        diff, row = self.diff, self.diff.rows[r]
        a = self.line("a", diff.a_spans(row)[0][0]) if row.a else None
        b = self.line("b", diff.b_spans(row)[0][0]) if row.b else None
        return a, b

    def read(self) -> Measure:
        """Compute the clause texts and the reading order now: what `prepare` computes that reads no places."""
        self.texts("a")
        self.texts("b")
        self.order()
        return self

    def prepare(self, unified: bool = True) -> Measure:
        """Compute the clause texts, their places (`cited`) and the reading order now, and (``unified``: the view
        will be unified) the unified segments of changed rows, which only the unified layout measures."""
        self.read()
        self.places("a")
        self.places("b")
        for r in range(len(self.diff.rows)):
            self.cited(r)
        if unified:
            for r, row in enumerate(self.diff.rows):
                if not _unified_by_clause(row):
                    self.unified(r)
        return self

    def order(self) -> tuple[Item, ...]:
        """The diff's reading order (`diffing.reports.order.reading_order`)."""
        if self._order is None:
            self._order = reading_order(self.diff)
        return self._order

    def texts(self, side: Literal["a", "b"]) -> list[str]:
        """The displayable original text of every clause of one side."""
        if side not in self._texts:
            doc, clauses = (self.diff.a, self.diff.a_clauses) if side == "a" else (self.diff.b, self.diff.b_clauses)
            self._texts[side] = [clause_text(doc, self.diff.clause_spans(side, i)) for i in range(len(clauses))]
        return self._texts[side]

    def warm(self, columns: Columns) -> Measure:
        """Compute now the clause heights that a layout at ``columns`` reads first (those of both sides)."""
        self.clauses("a", columns.a - 1)
        self.clauses("b", (columns.b or columns.a) - 1)
        return self

    def clauses(self, side: Literal["a", "b"], width: int) -> list[int]:
        """Height of every clause of one side, folded at ``width`` cells."""
        key = (side, width)
        if key not in self._heights:
            self._heights[key] = [count_lines(text, width) for text in self.texts(side)]
        return self._heights[key]

    def unified(self, r: int) -> list[Highlight]:
        """The unified segments of row ``r`` (computed once)."""
        if r not in self._unified:
            self._unified[r] = unified_highlights(self.diff, self.diff.rows[r])
        return self._unified[r]

    def unified_height(self, r: int, width: int) -> int:
        """Lines of row ``r`` drawn as one unified paragraph at ``width`` cells."""
        key = (r, width)
        if key not in self._unified_heights:
            text = reading(displayable("".join(s.text for s in self.unified(r))), self.joined["a"] or self.joined["b"])
            self._unified_heights[key] = count_lines(text, width)
        return self._unified_heights[key]


def clause_text(doc: Document, spans: Sequence[tuple[int, int]]) -> str:
    """The displayable original text of a clause, its original ``spans`` (`Diff.clause_spans`: holes cut out); a
    paged document's (PDF, OFD) hard line breaks inside the clause joined for reading (`reading`)."""
    text = displayable("".join(doc.original[lo:hi] for lo, hi in spans))
    return reading(text, paged(doc))


def paged(doc: Document) -> bool:
    """Whether ``doc`` was laid out on pages (PDF, OFD): its line breaks are the page's, not the author's."""
    return bool(doc.source.pages)


def reading(text: str, joined: bool) -> str:
    """``text`` with its line breaks joined when ``joined`` (a clause of a paged document: a break inside a
    clause is where the page's line ended, ``…的决`` / ``定》``): dropped between Chinese characters, a space
    beside a Latin letter or a digit (``政务院发布 1999 年``, ``Act of Parliament``); the detail pane keeps the
    raw lines."""
    return "".join(read_pieces([text])) if joined else text


def read_pieces(texts: Sequence[str]) -> list[str]:
    """`reading` of the text ``texts`` make together, piece by piece (a break at a piece's edge sees the
    neighbouring piece), so the pieces are as wide as the whole text read at once."""
    whole = "".join(texts)
    out: list[str] = []
    at = 0
    for text in texts:
        chars = list(text)
        for j, c in enumerate(chars):
            if c == "\n":
                k = at + j
                prev, nxt = whole[k - 1 : k], whole[k + 1 : k + 2]
                chars[j] = " " if prev.strip() and nxt.strip() and (_spaced(prev) or _spaced(nxt)) else ""
        out.append("".join(chars))
        at += len(text)
    return out


def _spaced(c: str) -> bool:
    """A character a line break beside reads as a space: a Latin letter or a digit."""
    return c.isascii() and c.isalnum()


def origin_text(diff: Diff, row: Row) -> str:
    """Where a moved or copied row's A clauses are cited."""
    if not row.a:
        return ""
    return diff.a_clauses[row.a[0]].place or f"#{row.a[0] + 1}"


def fit_place(place: str, room: int) -> str:
    """``place`` in at most ``room`` cells, its article and its item kept (`tui.places.short_place`), with
    ``…`` where something was cut."""
    return short_place(place, room)


def places(measure: Measure, row: Row) -> tuple[tuple[str, str], ...]:
    """The row's places as a reviewer cites them, ``(side, place)``: one place (side ``""``) when both
    sides stand at the same place, else each side's, named ``A`` or ``B`` (``A 第七条``, ``B 第八条``);
    a side without clauses, or before any heading, has none. A copy is cited where it stands in B."""
    pa, pb = measure.place_a(row), measure.place_b(row)
    if row.op == "copied":
        pa = None  # the A clause a copy repeats is cited in its note
    if pa is not None and pa == pb:
        return (("", displayable(pa)),) if pa else ()
    return tuple((side, displayable(p)) for side, p in (("A", pa), ("B", pb)) if p)


@functools.lru_cache(maxsize=1 << 16)
def _cited(head: str, side: str, place: str, room: int) -> str:
    """``head`` (a mark), the side and the place, the place shortened to fit ``room`` cells."""
    prefix = f"{head} {side} " if side else f"{head} "
    return prefix + fit_place(place, max(2, room - cells(prefix)))


_Cite = tuple[str, str, str]
"""One line of a label before it is fitted to a width: the head (a mark), the side and the place."""


def _label_plan(measure: Measure, entry: Entry, previous: Entry | None) -> tuple[list[_Cite], _Cite | None] | None:
    """The lines of an entry's label, one per side, and the origin note of a row moved or copied from a place
    it does not show; None for no label (a fold; an equal row that repeats the places of the row above)."""
    diff = measure.diff
    row = diff.rows[entry.row]
    if entry.kind == "fold":
        return None
    if entry.kind == "origin":
        return [(MARKS["moved"], "A", _origin(measure, row))], None
    lines = measure.cited(entry.row)
    if row.op == "equal":
        above = measure.cited(previous.row) if previous is not None and previous.kind == "row" else None
        if not lines or lines == above:
            return None
    heads = [MARKS[row.op], *([" "] * (len(lines) - 1))]
    cites = [(head, side, place) for head, (side, place) in zip(heads, lines, strict=False)]
    noted = row.op in ("moved", "copied") and all(side != "A" for side, _ in lines)
    return cites, ("←", "A", _origin(measure, row)) if noted else None


def _origin(measure: Measure, row: Row) -> str:
    """Where the row's A clauses stand (their place, else ``#`` and the first clause's number)."""
    return displayable(measure.place_a(row) or (f"#{row.a[0] + 1}" if row.a else ""))


def _label(measure: Measure, entry: Entry, previous: Entry | None, room: int) -> list[tuple[str, str]]:
    """Mark and place of an entry, one line per side, each cut to ``room`` cells; an equal row repeats no
    place the row above already showed."""
    plan = _label_plan(measure, entry, previous)
    if plan is None:
        return []
    cites, note = plan
    op = measure.diff.rows[entry.row].op
    text = "\n".join(_cited(head, side, place, room) for head, side, place in cites)
    pieces = [(text or MARKS[op], f"label-{op}")]
    if note is not None:
        pieces += [("\n", "note"), (_cited(*note, room), "note")]
    return pieces


def _label_lines(measure: Measure, entry: Entry, previous: Entry | None) -> int:
    """How many lines `_label` gives an entry (0 for none), counted without fitting its places to a width:
    a row's height needs only this."""
    plan = _label_plan(measure, entry, previous)
    if plan is None:
        return 0
    cites, note = plan
    return max(1, len(cites)) + (note is not None)


@dataclass
class _Built:
    """The pieces of one entry's columns, before folding."""

    a: list[tuple[str, str]] = field(default_factory=list)
    b: list[tuple[str, str]] = field(default_factory=list)


class Layout:
    """The view at one width: entries, their heights, and their lines on demand."""

    def __init__(
        self,
        diff: Diff,
        entries: Sequence[Entry],
        columns: Columns,
        measure: Measure,
        search: frozenset[str] = frozenset(),
        numbers: bool = False,
    ) -> None:
        self.diff = diff
        self.entries = list(entries)
        self.columns = columns
        self.measure = measure
        self.search = search
        self.numbers = numbers
        """Show the original files' line numbers under each row's place."""
        self._lines: OrderedDict[int, list[Line]] = OrderedDict()
        self.heights = [self._height(i) for i in range(len(self.entries))]
        self.tops = [0]
        for h in self.heights:
            self.tops.append(self.tops[-1] + h)
        self.row_entry: dict[int, int] = {}
        self.origin_entry: dict[int, int] = {}
        for i, e in enumerate(self.entries):
            if e.kind == "row":
                self.row_entry[e.row] = i
            elif e.kind == "origin":
                self.origin_entry[e.row] = i
            else:
                for r in range(e.row, e.row + e.count):
                    self.row_entry.setdefault(r, i)

    @property
    def height(self) -> int:
        """Total number of lines."""
        return self.tops[-1]

    def entry_at(self, y: int) -> int:
        """Index of the entry that line ``y`` belongs to (clamped to the entries)."""
        if not self.entries:
            return -1
        return max(0, min(len(self.entries) - 1, bisect_right(self.tops, y) - 1))

    def line(self, y: int) -> tuple[int, Line]:
        """The entry index and the pieces of line ``y``."""
        i = self.entry_at(y)
        if i < 0 or y >= self.height:
            return -1, [(" " * self.columns.width, "blank")]
        return i, self.lines(i)[y - self.tops[i]]

    def lines(self, i: int) -> list[Line]:
        """The lines of entry ``i`` (built on first use, then cached)."""
        cached = self._lines.get(i)
        if cached is not None:
            self._lines.move_to_end(i)
            return cached
        lines = self._build(i)
        self._lines[i] = lines
        if len(self._lines) > _CACHE_ENTRIES:
            self._lines.popitem(last=False)
        return lines

    def set_search(self, search: frozenset[str]) -> None:
        """Mark the original wordings ``search`` (`tui.lookup.Hits.terms`) in lines built from now on."""
        if search != self.search:
            self.search = search
            self._lines.clear()

    # -- heights -------------------------------------------------------------------------------------

    def _label(self, i: int) -> list[tuple[str, str]]:
        label = _label(self.measure, self.entries[i], self.entries[i - 1] if i else None, self.columns.label - 1)
        entry = self.entries[i]
        if not self.numbers or entry.kind == "fold":
            return label
        a, b = self.measure.row_lines(entry.row)
        if entry.kind == "origin":
            b = None
        where = " ".join(f"{side}:{n}" for side, n in (("A", a), ("B", b)) if n is not None)
        return [*label, ("\n" if label else "", "note"), (ellipsize(f"  {where}", self.columns.label - 1), "note")]

    def _label_height(self, i: int) -> int:
        """The lines of `_label` (each fits its column), at least one."""
        lines = _label_lines(self.measure, self.entries[i], self.entries[i - 1] if i else None)
        return max(1, lines) + (1 if self.numbers and lines and self.entries[i].kind != "fold" else 0)

    def _quiet_mark(self, i: int, label: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """An equal row equal only after normalization: a dim ``≈`` and what was ignored, on the label's first
        line (its height unchanged)."""
        entry = self.entries[i]
        if entry.kind != "row" or self.diff.rows[entry.row].op != "equal":
            return label
        steps = self.diff.ignored(self.diff.rows[entry.row])
        if not steps:
            return label
        room = self.columns.label - 1
        names = "、".join(IGNORED_NAMES.get(step, step) for step in steps)
        if not label:
            return [(ellipsize(f"≈ {names}", room), "note")]
        text, tag = label[0]
        first, sep, rest = text.partition("\n")
        said = f" {names}"
        if not sep and len(label) == 1 and cells(first.rstrip()) + cells(said) <= room:  # room left: say what
            return [("≈", "note"), (first[1:].rstrip(), tag), (said, "note")]
        return [("≈", "note"), (first[1:] + sep + rest, tag), *label[1:]]

    def _height(self, i: int) -> int:
        entry = self.entries[i]
        if entry.kind != "row":
            return 1
        row = self.diff.rows[entry.row]
        cols = self.columns
        label = self._label_height(i)
        if cols.mode == "side":
            a = sum(self.measure.clauses("a", cols.a - 1)[i] for i in row.a) if _shows_a(row) else 0
            b = sum(self.measure.clauses("b", cols.b - 1)[j] for j in row.b)
            return max(1, label, a, b)
        return max(1, label, self._unified_height(entry.row, row))

    def _unified_height(self, r: int, row: Row) -> int:
        width = self.columns.a - 1
        if _unified_by_clause(row):
            side: Literal["a", "b"] = "b" if row.b else "a"
            return sum(self.measure.clauses(side, width)[k] for k in (row.b or row.a))
        return self.measure.unified_height(r, width)

    # -- lines ---------------------------------------------------------------------------------------

    def _build(self, i: int) -> list[Line]:
        entry = self.entries[i]
        cols = self.columns
        height = self.heights[i]
        if entry.kind == "fold":
            text = f"⋯ {entry.count} equal clause{'s' if entry.count > 1 else ''}"
            return [_fit([(" ", "gutter"), (" " * cols.label, "blank"), (text, "fold")], cols.width)]
        label = _column(self._quiet_mark(i, self._label(i)), cols.label - 1, 1, height, "blank")
        built = self._columns(entry)
        a = _column(self._marked(built.a), cols.a - 1, 1, height, "blank")
        lines: list[Line] = []
        if cols.mode == "side":
            b = _column(self._marked(built.b), cols.b - 1, 1, height, "blank")
            for k in range(height):
                lines.append([(" ", "gutter"), *label[k], *a[k], ("│", "rule"), *b[k]])
        else:
            for k in range(height):
                lines.append([(" ", "gutter"), *label[k], *a[k]])
        return [_fit(line, cols.width) for line in lines]

    def _columns(self, entry: Entry) -> _Built:
        diff, row = self.diff, self.diff.rows[entry.row]
        built = _Built()
        if entry.kind == "origin":
            where = f"B {displayable(diff.place(row))}" if diff.place(row) else (
                f"clause {row.b[0] + 1} of B" if row.b else "B"
            )
            head = f"moved to {where}: "
            text = " ".join(self.measure.texts("a")[k] for k in row.a).replace("\n", " ")
            room = self.columns.a - 1 - cells(head)
            built.a += [(head, "origin"), (ellipsize(text, max(2, room)), "equal")]
            return built
        equal = row.op == "equal"
        joined = self.measure.joined
        if self.columns.mode == "side":
            if _shows_a(row):
                built.a = _pieces(clause_highlights(diff, row, "a"), equal, joined=joined["a"])
            built.b = _pieces(clause_highlights(diff, row, "b"), equal, joined=joined["b"])
            return built
        if _unified_by_clause(row):
            side: Literal["a", "b"] = "b" if row.b else "a"
            force: Kind | None = None if equal else ("ins" if side == "b" else "del")
            built.a = _pieces(clause_highlights(diff, row, side), equal, force, joined[side])
        else:
            both = joined["a"] or joined["b"]
            segs = self.measure.unified(entry.row)
            texts = [displayable(s.text) for s in segs]
            built.a = list(zip(read_pieces(texts) if both else texts, (s.kind for s in segs), strict=True))
        return built

    def _marked(self, pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """``pieces`` with the search hits cut out and tagged ``/match``."""
        if not self.search or not pieces:
            return pieces
        text = "".join(t for t, _ in pieces)
        hits = _hits(text, self.search)
        if not hits:
            return pieces
        out: list[tuple[str, str]] = []
        pos = 0
        for t, tag in pieces:
            end = pos + len(t)
            cut = pos
            for lo, hi in hits:
                if hi <= cut or lo >= end:
                    continue
                if lo > cut:
                    out.append((text[cut:lo], tag))
                stop = min(hi, end)
                out.append((text[max(lo, cut) : stop], f"{tag}/match"))
                cut = stop
            if cut < end:
                out.append((text[cut:end], tag))
            pos = end
        return out


def _shows_a(row: Row) -> bool:
    """A copied row's A clause is shown where it stands, not beside the copy."""
    return bool(row.a) and row.op != "copied"


def _unified_by_clause(row: Row) -> bool:
    """Rows drawn clause by clause in the unified view (one side only, or unchanged)."""
    return row.op in ("equal", "inserted", "deleted", "copied") or not (row.a and row.b)


def _pieces(
    groups: Sequence[object], equal: bool, force: Kind | None = None, joined: bool = False
) -> list[tuple[str, str]]:
    """The displayable pieces of a side's clauses, one clause per line (``joined``: `reading`)."""
    out: list[tuple[str, str]] = []
    for k, group in enumerate(groups):
        if k:
            out.append(("\n", "blank"))
        segs = group.highlights  # type: ignore[attr-defined]
        texts = [displayable(seg.text) for seg in segs]
        for seg, text in zip(segs, read_pieces(texts) if joined else texts, strict=True):
            out.append((text, "equal" if equal else (force or seg.kind)))
    return out


def _column(pieces: Sequence[tuple[str, str]], text_width: int, right: int, height: int, fill: str) -> list[Line]:
    """``pieces`` folded at ``text_width`` cells and padded by ``right`` cells: exactly ``height`` lines."""
    lines = fold_measured(pieces, text_width) if pieces else []
    full = text_width + right
    out = [[*line, (" " * (full - used), fill)] if used < full else line for line, used in lines[:height]]
    while len(out) < height:
        out.append([(" " * full, fill)])
    return out


def _fit(line: Line, width: int) -> Line:
    """``line`` padded (or, defensively, cut) to exactly ``width`` cells."""
    used = 0
    out: Line = []
    for text, tag in line:
        size = cells(text)
        if used + size > width:
            keep = fold([(text, tag)], width - used)[0] if width > used else []
            out.extend(keep)
            used += sum(cells(t) for t, _ in keep)
            break
        out.append((text, tag))
        used += size
    if used < width:
        out.append((" " * (width - used), "blank"))
    return out


def _hits(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    """Where any of ``terms`` stands in displayable ``text`` (case ignored): sorted, overlaps joined."""
    folded = text.casefold()
    if len(folded) != len(text):
        folded = text
    found = sorted(
        span for term in terms for span in _find_all(folded, displayable(term).casefold().replace("\n", ""))
    )
    out: list[tuple[int, int]] = []
    for lo, hi in found:
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _find_all(text: str, needle: str) -> Iterator[tuple[int, int]]:
    start = text.find(needle)
    while needle and start >= 0:
        yield start, start + len(needle)
        start = text.find(needle, start + len(needle))
