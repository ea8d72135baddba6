"""The "numbers changed" section every report shows: each changed quantity with its place, old and new value.

Rules:

* One list for every report: `number_items` (from `diffing.numbers`), in reading
  order; a report only lays it out (plain lines, Markdown, HTML).
* The values are the quantities as the normalized texts write them; text from a
  document is escaped by the caller's escaper (HTML) or `escape_markdown`.
* ``row_notes`` gives, per row, the changes to show beside that row's inline
  difference ("marked as such in the inline diff").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from diffing.model import Diff
from diffing.numbers import changed_numbers

__all__ = ["KIND_LABEL", "NumberItem", "number_items", "numbers_lines", "row_notes"]

KIND_LABEL = {"amount": "金额", "period": "期限", "date": "日期", "percent": "比例", "count": "数量", "other": "数值"}


@dataclass(frozen=True)
class NumberItem:
    """One line of the section."""

    row: int
    place_a: str
    place_b: str
    old: str
    new: str
    kind: str

    @property
    def label(self) -> str:
        return KIND_LABEL.get(self.kind, self.kind)

    @property
    def place(self) -> str:
        if self.place_a == self.place_b or not self.place_a:
            return self.place_b or "—"
        return f"{self.place_a} → {self.place_b}"


def number_items(diff: Diff) -> list[NumberItem]:
    """The changed quantities of ``diff``, in reading order."""
    out: list[NumberItem] = []
    for n in changed_numbers(diff):
        row = diff.rows[n.row]
        out.append(NumberItem(n.row, diff.place_a(row) or "", diff.place_b(row) or "", n.a.text, n.b.text, n.kind))
    return out


def row_notes(items: list[NumberItem]) -> dict[int, list[NumberItem]]:
    """The items of each row."""
    notes: dict[int, list[NumberItem]] = {}
    for item in items:
        notes.setdefault(item.row, []).append(item)
    return notes


def numbers_lines(items: list[NumberItem], escape: Callable[[str], str] = str) -> list[str]:
    """The section as plain lines (a heading, then one line per change), empty when nothing changed."""
    if not items:
        return []
    lines = [f"数字变化 numbers changed（{len(items)}）"]
    lines += [f"{escape(i.place)}：{i.label} {escape(i.old)} → {escape(i.new)}" for i in items]
    return lines
