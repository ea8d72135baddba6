"""Rows grouped by 款 for display: a run of inserted (deleted) rows inside one 款 shown as one row.

Rules:

* A row's 款 is the paragraph of the article map's outline (`diffing.articles`)
  that holds all its clauses on its one side: B's for an ``inserted`` row, A's
  for a ``deleted`` one (an article's label belongs to its first 款). Other
  rows, and rows over several 款 or outside articles, have none.
* Neighbouring rows of the diff with the same 款 (and all pinned by the
  reviewer, or none) form a group; a group's text
  is its side's original text from the start of its first clause to the end
  of its last, so nothing between its sentences is lost.
* A group is shown as its text with blank lines dropped (`KuanGroup.shown`),
  at the place its rows share (`KuanGroup.place`: the leading parts of their
  places that are the same, ``第三条`` for a 款's lead-in and its 项).
* The diff's rows are never changed: grouping is for showing them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from diffing.model import Diff, Row

__all__ = ["KuanGroup", "kuan_groups"]

Key = tuple[str, int, int]
"""(side, article unit, 款 index)."""

_BLANK_LINES = re.compile(r"\n[ \t\u3000]*(?:\n[ \t\u3000]*)+")


@dataclass(frozen=True)
class KuanGroup:
    """Rows shown together: one row, or a run of one 款's inserted (deleted) rows."""

    rows: tuple[Row, ...]
    side: str
    """``b`` for inserted rows, ``a`` for deleted ones, empty for a single row of another kind."""

    def text(self, diff: Diff) -> str:
        """The group's original text on its side (module rules)."""
        spans = [s for row in self.rows for s in (diff.b_spans(row) if self.side == "b" else diff.a_spans(row))]
        original = diff.b.original if self.side == "b" else diff.a.original
        return original[min(lo for lo, _ in spans) : max(hi for _, hi in spans)] if spans else ""

    def shown(self, diff: Diff) -> str:
        """`text` as shown: blank lines dropped, the ends stripped (one line for each line of the 款)."""
        return _BLANK_LINES.sub("\n", self.text(diff).strip())

    def place(self, diff: Diff) -> str:
        """The place the group's rows share on its side (module rules); empty outside any place."""
        places = [diff.clause_place(self.side, i) for row in self.rows for i in (row.b if self.side == "b" else row.a)]
        parts = [place.split("/") for place in places]
        common = [bits[0] for bits in zip(*parts, strict=False) if len(set(bits)) == 1]
        return "/".join(common)


def _keys(diff: Diff, side: str) -> dict[int, Key]:
    law = diff.outlines[0 if side == "a" else 1]
    out: dict[int, Key] = {}
    for u, unit in enumerate(law.units):
        if unit.kind != "article":
            continue
        for k, kuan in enumerate(unit.kuan):
            for paragraph in kuan:
                out.update((i, (side, u, k)) for i in paragraph.clauses)
    return out


def kuan_groups(diff: Diff, rows: Iterable[Row]) -> Iterator[KuanGroup]:
    """``rows`` (neighbours in the diff) in groups (module rules)."""
    keys: dict[str, dict[int, Key]] = {}

    def key(row: Row) -> Key | None:
        side = "b" if row.op == "inserted" else "a" if row.op == "deleted" else ""
        clauses = row.b if side == "b" else row.a
        if not side or not clauses:
            return None
        if side not in keys:
            keys[side] = _keys(diff, side)
        found = {keys[side].get(i) for i in clauses}
        return found.pop() if len(found) == 1 else None

    group: list[Row] = []
    group_key: Key | None = None
    for row in rows:
        k = key(row)
        if group and (k is None or k != group_key or row.pinned != group[0].pinned):
            yield KuanGroup(tuple(group), group_key[0] if group_key else "")
            group = []
        if k is None:
            yield KuanGroup((row,), "")
            continue
        group.append(row)
        group_key = k
    if group:
        yield KuanGroup(tuple(group), group_key[0] if group_key else "")
