"""The one walk over a diff's rows: the reading order, what counts as a change, and folding.

Rules:

* Rows with a B side keep the order of ``Diff.rows`` (reading order of B); a
  ``moved`` row stands there as the place its clauses went to.
* What only A had stands right after the item that shows A's preceding clause:
  a ``deleted`` row, and for each ``moved`` row an ``origin`` item marking where
  its clauses were in A. So the items with an A side are in A's order too, and
  a report can be read as either document (the Word report relies on it).
* A ``copied`` row's A clause is a reference to a clause shown in another row;
  it never counts as where that clause stands.
* A two-sided row that is not ``moved`` but still crosses A's order (the
  aligner should not make one; a report stays right if it does) is
  `displaced` like a moved row: the fewest such rows, found as the longest run
  of rows in A's order.
* `is_change` says which rows a reviewer must read (not ``equal``, not
  ``renumbered``): the change stops of every report and the app.
* `walk` folds a view: every item of an order (the reading order unless
  given) as an `Entry`; with ``changes_only``, runs of ``equal`` rows become
  one ``fold`` entry, except rows revealed on purpose and ``context`` rows
  before and after each change (like ``diff -U``). The app's view and the
  terminal report fold with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from diffing.model import QUIET_OPS, Diff, Row
from diffing.sequences import longest_increasing

__all__ = ["Entry", "Item", "a_home", "displaced", "is_change", "reading_order", "row_articles", "walk"]

ItemKind = Literal["row", "origin"]


@dataclass(frozen=True)
class Item:
    """One entry of the reading order."""

    kind: ItemKind
    """``row``: a row of the diff; ``origin``: where a displaced (moved) row's A clauses stood."""
    row: int
    """Index of the row in ``Diff.rows``."""


def displaced(diff: Diff) -> frozenset[int]:
    """Rows whose A side stands at an ``origin`` item: moved rows, and rows crossing A's order."""
    moved = {r for r, row in enumerate(diff.rows) if row.op == "moved" and row.a}
    placed = [
        (r, min(row.a)) for r, row in enumerate(diff.rows) if row.a and row.b and row.op not in ("moved", "copied")
    ]
    keep = set(longest_increasing([first for _, first in placed]))
    return frozenset(moved | {r for k, (r, _) in enumerate(placed) if k not in keep})


def a_home(diff: Diff, moved: frozenset[int] | None = None) -> dict[int, Item]:
    """For each A clause, the item that shows it where it stood in A."""
    moved = displaced(diff) if moved is None else moved
    home: dict[int, Item] = {}
    for r, row in enumerate(diff.rows):
        if row.op == "copied":
            continue
        item = Item("origin" if r in moved else "row", r)
        for i in row.a:
            home[i] = item
    return home


def reading_order(diff: Diff) -> tuple[Item, ...]:
    """Every row once (plus one ``origin`` per displaced row), in B's order with A's items at A's places."""
    moved = displaced(diff)
    home = a_home(diff, moved)
    a_only: list[tuple[int, Item]] = []
    for r, row in enumerate(diff.rows):
        if row.a and (r in moved or not row.b):
            a_only.append((min(row.a), Item("origin" if r in moved else "row", r)))
    followers: dict[Item | None, list[Item]] = {}
    for first, item in sorted(a_only, key=lambda pair: pair[0]):
        anchor = _anchor(home, first)
        followers.setdefault(anchor, []).append(item)
    out: list[Item] = []
    _emit(None, followers, out, include_anchor=False)
    for r, row in enumerate(diff.rows):
        if row.b or not row.a:
            _emit(Item("row", r), followers, out, include_anchor=True)
    return tuple(out)


def _anchor(home: dict[int, Item], first: int) -> Item | None:
    """The item after which an A-only item starting at clause ``first`` stands."""
    for i in range(first - 1, -1, -1):
        if i in home:
            return home[i]
    return None


def _emit(anchor: Item | None, followers: dict[Item | None, list[Item]], out: list[Item], include_anchor: bool) -> None:
    """Append ``anchor`` and, depth first, the A-only items that follow it (no recursion)."""
    stack: list[Item] = list(reversed(followers.get(anchor, [])))
    if include_anchor and anchor is not None:
        out.append(anchor)
    while stack:
        item = stack.pop()
        out.append(item)
        stack.extend(reversed(followers.get(item, [])))


def row_articles(diff: Diff, row: Row) -> tuple[str, str]:
    """The articles (first part of the places) of a row's two sides, empty on a side without one: what a
    moved or renumbered article's rows share, so that where it came from is said once per article."""
    return (diff.place_a(row) or "").split("/")[0], (diff.place_b(row) or "").split("/")[0]


def is_change(row: Row) -> bool:
    """A row a reviewer steps to: not a quiet op (``equal``; ``renumbered``, the same body under a new number)."""
    return row.op not in QUIET_OPS


@dataclass(frozen=True)
class Entry:
    """One item of the view."""

    kind: Literal["row", "origin", "fold"]
    """``row``: a row of the diff; ``origin``: where a moved row's clauses stood in A; ``fold``: equal
    rows."""
    row: int
    """Index in ``Diff.rows`` (for a fold: its first row)."""
    count: int = 1
    """Rows folded (1 unless a fold)."""


def walk(
    diff: Diff,
    changes_only: bool = False,
    revealed: frozenset[int] = frozenset(),
    order: Sequence[Item] | None = None,
    context: int = 0,
) -> list[Entry]:
    """The entries of a view, in reading order (``order``: that order, when already known); with
    ``changes_only``, equal rows (never a renumbered one) fold away except ``context`` rows before and after
    each change (like ``diff -U``)."""
    items = reading_order(diff) if order is None else order
    keep = [item.kind == "origin" or _shown(diff.rows[item.row]) or item.row in revealed for item in items]
    if changes_only and context > 0:
        near = [False] * len(items)
        for k, item in enumerate(items):
            if item.kind == "row" and is_change(diff.rows[item.row]):
                for j in range(max(0, k - context), min(len(items), k + context + 1)):
                    near[j] = True
        keep = [a or b for a, b in zip(keep, near, strict=True)]
    out: list[Entry] = []
    for item, kept in zip(items, keep, strict=True):
        if item.kind == "origin":
            out.append(Entry("origin", item.row))
        elif changes_only and not kept:
            last = out[-1] if out else None
            if last is not None and last.kind == "fold":
                out[-1] = Entry("fold", last.row, last.count + 1)
            else:
                out.append(Entry("fold", item.row))
        else:
            out.append(Entry("row", item.row))
    return out


def _shown(row: Row) -> bool:
    """Rows "changes only" never folds: the changes and the renumbered labels (a fold holds equal rows only)."""
    return row.op != "equal"
