"""Changed numbers: the quantities of a changed row whose value changed (report format version 3, ``numbers``).

Rules:

* Only rows with inline parts are read. A quantity (`diffing.quantities`) is
  *touched* when a change of the row's inline parts overlaps it on its side (an
  insertion or deletion of the other side only when it falls strictly inside it).
* A touched A quantity and a touched B quantity are the same quantity changed
  when the A quantity, carried through the inline parts to B, overlaps the B
  one; they pair in reading order, each at most once. A pair whose values are
  equal (``五千元`` / ``5000元``) is not a change; a quantity with no counterpart
  (a new 2日 in a list of dates) is an insertion or deletion, not a change.
* Offsets of `NumberChange` are in the row's normalized texts; `original_span`
  maps them to a document's original text through its offset map.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from diffing.model import Diff, Row
from diffing.quantities import Kind, Quantity, quantities

__all__ = ["NumberChange", "changed_numbers", "original_span", "row_numbers"]


@dataclass(frozen=True)
class NumberChange:
    """One quantity whose value changed in a row."""

    row: int
    a: Quantity
    b: Quantity

    @property
    def kind(self) -> Kind:
        """The quantities' kind (B's, when A's differs: 10月 → 10个月 is a period now)."""
        return self.b.kind


@dataclass(frozen=True)
class _Block:
    """A stretch of the inline parts: equal (the same text on both sides) or one run of changes."""

    equal: bool
    a0: int
    a1: int
    b0: int
    b1: int


def _blocks(parts: Sequence[tuple[str, str]]) -> list[_Block]:
    blocks: list[_Block] = []
    pa = pb = 0
    for op, text in parts:
        n = len(text)
        if op == "=":
            blocks.append(_Block(True, pa, pa + n, pb, pb + n))
            pa += n
            pb += n
            continue
        da, db = (n, 0) if op == "-" else (0, n)
        last = blocks[-1] if blocks else None
        if last is not None and not last.equal:
            blocks[-1] = _Block(False, last.a0, last.a1 + da, last.b0, last.b1 + db)
        else:
            blocks.append(_Block(False, pa, pa + da, pb, pb + db))
        pa += da
        pb += db
    return blocks


def _touched(q: Quantity, blocks: Sequence[_Block], side: str) -> bool:
    for bl in blocks:
        if bl.equal:
            continue
        lo, hi = (bl.a0, bl.a1) if side == "a" else (bl.b0, bl.b1)
        if (lo < q.end and q.start < hi) if lo < hi else (q.start < lo < q.end):
            return True
    return False


def _carried(q: Quantity, blocks: Sequence[_Block]) -> tuple[int, int] | None:
    """The B range that A's ``[q.start, q.end)`` corresponds to through the blocks."""
    lo = hi = None
    for bl in blocks:
        inside = (bl.a0 < q.end and q.start < bl.a1) if bl.a0 < bl.a1 else (q.start < bl.a0 < q.end)
        if not inside:
            continue
        if bl.equal:
            s, e = bl.b0 + max(q.start, bl.a0) - bl.a0, bl.b0 + min(q.end, bl.a1) - bl.a0
        else:
            s, e = bl.b0, bl.b1
        lo = s if lo is None else min(lo, s)
        hi = e if hi is None else max(hi, e)
    return None if lo is None or hi is None else (lo, hi)


def row_numbers(a_text: str, b_text: str, parts: Sequence[tuple[str, str]], row: int = 0) -> list[NumberChange]:
    """The changed quantities of one row, given its normalized texts and inline parts."""
    blocks = _blocks(parts)
    a_qs = [q for q in quantities(a_text) if _touched(q, blocks, "a")]
    if not a_qs:
        return []
    b_qs = [q for q in quantities(b_text) if _touched(q, blocks, "b")]
    out: list[NumberChange] = []
    used: set[int] = set()
    for qa in a_qs:
        span = _carried(qa, blocks)
        if span is None:
            continue
        for k, qb in enumerate(b_qs):
            if k in used or not (qb.start < span[1] and span[0] < qb.end):
                continue
            used.add(k)
            if qa.value != qb.value:
                out.append(NumberChange(row, qa, qb))
            break
    return out


def changed_numbers(diff: Diff) -> list[NumberChange]:
    """Every changed quantity of the comparison, in reading order (B's)."""
    out: list[NumberChange] = []
    for k, row in enumerate(diff.rows):
        if row.inline is not None:
            out.extend(row_numbers(diff.a_text(row), diff.b_text(row), row.inline, k))
    return out


def original_span(diff: Diff, row: Row, side: str, lo: int, hi: int) -> tuple[int, int]:
    """``[lo, hi)`` of a row's normalized text (its clauses' texts joined) as a range of the original text."""
    doc, clauses, indices = (diff.a, diff.a_clauses, row.a) if side == "a" else (diff.b, diff.b_clauses, row.b)
    at = 0
    start = stop = None
    for i in indices:
        clause = clauses[i]
        n = len(clause.text)
        if start is None and lo < at + n:
            start = clause.start + lo - at
        if stop is None and hi <= at + n:
            stop = clause.start + hi - at
        at += n
    last = clauses[indices[-1]]
    return doc.to_original(last.end if start is None else start, last.end if stop is None else stop)
