"""Reading order of a report (diffing/reports/order.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from diffing.model import Diff, Row
from diffing.reports.order import Item, displaced, reading_order

from .handmade import RowSpec, document, make_diff


def _longest_increasing(values: list[int]) -> set[int]:
    """Positions of one longest increasing subsequence."""
    best: list[list[int]] = []
    for k, v in enumerate(values):
        prev: list[int] = []
        for chain in best:
            if values[chain[-1]] < v and len(chain) > len(prev):
                prev = chain
        best.append([*prev, k])
    longest: list[int] = []
    for chain in best:
        if len(chain) > len(longest):
            longest = chain
    return set(longest)


def _diff_from_edit(n_a: int, b_source: list[int | None]):  # type: ignore[no-untyped-def]
    """A diff whose B clauses are A clauses (by index) or new (None), rows as the aligner lays them out."""
    a = document("\n".join(f"甲{i}" for i in range(n_a)))
    b = document("\n".join(f"甲{i}" if i is not None else f"新{j}" for j, i in enumerate(b_source)), "b.txt")
    kept = [i for i in b_source if i is not None]
    in_order = {kept[k] for k in _longest_increasing(kept)}
    specs: list[RowSpec] = []
    row_of: dict[int, int] = {}
    for j, i in enumerate(b_source):
        if i is None:
            specs.append(("inserted", [], [j]))
        else:
            row_of[i] = len(specs)
            specs.append(("equal" if i in in_order else "moved", [i], [j]))
    # A deleted row stands right after the row of its preceding A clause (or first).
    for i in range(n_a):
        if i in kept:
            continue
        prev = max((p for p in range(i) if p in row_of), default=None)
        at = 0 if prev is None else row_of[prev] + 1
        specs.insert(at, ("deleted", [i], []))
        row_of = {k: (r + 1 if r >= at else r) for k, r in row_of.items()}
        row_of[i] = at
    return make_diff(a, b, specs)


def _a_side(diff: Diff, items: tuple[Item, ...]) -> list[int]:
    out: list[int] = []
    moved = displaced(diff)
    for item in items:
        row = diff.rows[item.row]
        if item.kind == "origin" or (item.row not in moved and row.op != "copied"):
            out.extend(row.a)
    return out


def _b_side(rows: tuple[Row, ...], items: tuple[Item, ...]) -> list[int]:
    return [j for item in items if item.kind == "row" for j in rows[item.row].b]


@st.composite
def _edits(draw: st.DrawFn) -> tuple[int, list[int | None]]:
    n_a = draw(st.integers(1, 8))
    kept = draw(st.permutations(range(n_a)))
    kept = kept[: draw(st.integers(0, n_a))]
    source: list[int | None] = list(kept)
    for _ in range(draw(st.integers(0, 3))):
        source.insert(draw(st.integers(0, len(source))), None)
    return n_a, source


@settings(max_examples=200, deadline=None)
@given(_edits())
def test_reading_order_reads_as_b_and_as_a(edit: tuple[int, list[int | None]]) -> None:
    n_a, source = edit
    diff = _diff_from_edit(n_a, source)
    items = reading_order(diff)
    assert _a_side(diff, items) == list(range(n_a))
    assert _b_side(diff.rows, items) == list(range(len(source)))
    assert sorted(i.row for i in items if i.kind == "row") == list(range(len(diff.rows)))
    moved = [r for r, row in enumerate(diff.rows) if row.op == "moved"]
    assert sorted(i.row for i in items if i.kind == "origin") == moved


def test_moved_clause_leaves_an_origin_where_it_stood_in_a() -> None:
    # A: 0 1 2 3, B: 0 2 3 1 -> clause 1 moved to the end.
    diff = _diff_from_edit(4, [0, 2, 3, 1])
    assert [(i.kind, diff.rows[i.row].op, diff.rows[i.row].a) for i in reading_order(diff)] == [
        ("row", "equal", (0,)),
        ("origin", "moved", (1,)),
        ("row", "equal", (2,)),
        ("row", "equal", (3,)),
        ("row", "moved", (1,)),
    ]


def test_deleted_clause_after_a_moved_one_stands_at_a_place() -> None:
    # A: 0 1 2 3 4, B: 0 3 4 1 (clause 2 deleted; its preceding clause 1 moved).
    diff = _diff_from_edit(5, [0, 3, 4, 1])
    order = [(i.kind, diff.rows[i.row].op, diff.rows[i.row].a) for i in reading_order(diff)]
    assert order[:3] == [("row", "equal", (0,)), ("origin", "moved", (1,)), ("row", "deleted", (2,))]


def test_a_row_crossing_a_order_without_being_moved_still_reads_as_a() -> None:
    # A: 0 1 2, B: 1 0 2 aligned as if nothing moved (an aligner slip): one of the crossing rows is displaced.
    diff = _diff_from_edit(3, [1, 0, 2])
    rows = [Row("equal", r.a, r.b, 1.0) for r in diff.rows]
    diff = Diff(diff.a, diff.b, diff.options, diff.a_clauses, diff.b_clauses, tuple(rows))
    items = reading_order(diff)
    assert len(displaced(diff)) == 1
    assert _a_side(diff, items) == [0, 1, 2]
    assert _b_side(diff.rows, items) == [0, 1, 2]


def test_longest_run_in_a_order_keeps_most_rows_in_place() -> None:
    diff = _diff_from_edit(6, [0, 1, 5, 2, 3, 4])
    rows = [Row("equal", r.a, r.b, 1.0) for r in diff.rows]
    diff = Diff(diff.a, diff.b, diff.options, diff.a_clauses, diff.b_clauses, tuple(rows))
    assert [diff.rows[r].a for r in displaced(diff)] == [(5,)]
