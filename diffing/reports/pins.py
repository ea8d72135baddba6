"""The reviewer's pins as every report notes them: which rows a pin made, and which pins were dropped.

Rule: one list of lines for every report (`pin_lines`); the JSON report says ``"pinned": true`` on
each such row instead (and lists dropped pins as ``pins_dropped``).
"""

from __future__ import annotations

from diffing.model import Diff

__all__ = ["PINNED_NOTE", "pin_lines"]

PINNED_NOTE = "审阅者指定 pinned"
"""The note on a row a reviewer's pin made."""


def pin_lines(diff: Diff) -> list[str]:
    """A heading and one line per pinned row (its places and op), then the dropped pins; empty without pins."""
    pinned = [row for row in diff.rows if row.pinned]
    if not pinned and not diff.pin_problems:
        return []
    lines = [f"{PINNED_NOTE}（{len(pinned)}）"]
    for row in pinned:
        a, b = diff.place_a(row), diff.place_b(row)
        lines.append(f"A {a or '—'} → B {b or '—'}：{row.op}")
    lines += [f"未采用的指定 dropped: {problem}" for problem in diff.pin_problems]
    return lines
