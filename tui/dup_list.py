"""What the Duplicates screen lists: one line per repeat inside a document and per passage re-used
across documents, and the two passages each line opens.

Rules:

* The finding is done by `diffing.dups.engine.find_duplicates` (run by
  `tui.jobs.find_dups`); this module only turns its result into lines and
  sides. Spans are original offsets, so a passage side is read and cut in the
  compare worker (`tui.sides.PassageSide`).
* A repeat opens as its first occurrence against its second ("copy 1"
  against "copy 2"); a re-used passage as document A's passage against B's.
* Lines are ordered as the finder orders them: repeats longest first, then
  pairs, each pair's passages longest first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tui.sides import CompareRequest, FileSide, PassageSide, StoreSide

__all__ = ["Base", "DupLine", "dup_lines"]

Base = FileSide | StoreSide

if TYPE_CHECKING:
    from diffing.dups.engine import DupsResult


@dataclass(frozen=True)
class DupLine:
    """One line of the Duplicates screen."""

    kind: Literal["repeat", "shared"]
    where: str
    """The document (repeat) or the two documents (shared passage)."""
    chars: int
    """Letters and digits in the passage."""
    similarity: float
    detail: str
    """Where the occurrences are (clause ranges or spans)."""
    request: CompareRequest
    """The two passages, side by side."""


def dup_lines(result: DupsResult, bases: Mapping[str, tuple[str, Base]]) -> list[DupLine]:
    """The lines for a finder's result; ``bases`` maps the name the finder reports for a document
    (its path as read) to the name to show and the side to cut passages from."""
    names = [info.name for info in result.documents]

    def base(k: int) -> tuple[str, Base]:
        return bases.get(names[k], (names[k], FileSide(names[k])))

    lines: list[DupLine] = []
    for k, repeat in result.repeats:
        if len(repeat.spans) < 2:
            continue
        name, side = base(k)
        (a_lo, a_hi), (b_lo, b_hi) = repeat.spans[0], repeat.spans[1]
        request = CompareRequest(
            PassageSide(side, a_lo, a_hi, f"{name} copy 1"), PassageSide(side, b_lo, b_hi, f"{name} copy 2")
        )
        ranges = ", ".join(_clauses(lo, hi) for lo, hi in repeat.clauses)
        detail = f"×{len(repeat.spans)} at clauses {ranges}"
        lines.append(DupLine("repeat", name, repeat.chars, repeat.similarity, detail, request))
    for pair in result.pairs:
        (a_name, a), (b_name, b) = base(pair.a), base(pair.b)
        for reuse in pair.reuse:
            p = reuse.passage
            request = CompareRequest(
                PassageSide(a, p.a[0], p.a[1], f"{a_name} [{p.a[0]}:{p.a[1]}]"),
                PassageSide(b, p.b[0], p.b[1], f"{b_name} [{p.b[0]}:{p.b[1]}]"),
            )
            detail = f"clauses {_clauses(*p.a_clauses)} ↔ {_clauses(*p.b_clauses)}"
            if reuse.reworded is not None:
                detail += " · reworded"
            lines.append(DupLine("shared", f"{a_name} ↔ {b_name}", p.chars, p.similarity, detail, request))
    return lines


def _clauses(lo: int, hi: int) -> str:
    """A half-open clause range as a reader counts: ``3`` or ``3-7`` (from 1)."""
    return f"{lo + 1}" if hi - lo <= 1 else f"{lo + 1}-{hi}"
