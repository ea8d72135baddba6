"""The compare view's layout: every row once, heights equal to the lines drawn, columns aligned by cell."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.pipeline import from_text
from diffing.compare import compare
from diffing.model import Diff
from diffing.reports.order import is_change
from tui.lookup import find_hits
from tui.view_lines import SIDE_BY_SIDE_MIN_WIDTH, Columns, Layout, Line, Measure, build_entries
from tui.wrap import width

CLAUSES = st.sampled_from(
    ["第一条", "为了规范管理，制定本办法。", "本办法自公布之日起施行。", "（一）新年，放假1天（1月1日）；",
     "國務院關於修改的決定", "ＡＢＣ123", "部分公民放假的节日及纪念日：", "一、总体要求", "第二条"]
)  # fmt: skip
DOCS = st.lists(CLAUSES, min_size=1, max_size=12).map("\n".join)


def layout(diff: Diff, cells: int, changes_only: bool = False, search: str = "") -> Layout:
    measure = Measure(diff)
    entries = build_entries(diff, changes_only, order=measure.order())
    return Layout(diff, entries, Columns.fit(cells), measure, find_hits(diff, search).terms)


def column(line: Line, lo: int, hi: int) -> str:
    """The characters of ``line`` whose cells lie in ``[lo, hi)``."""
    out, at = [], 0
    for text, _ in line:
        for char in text:
            if lo <= at < hi:
                out.append(char)
            at += width(char)
    return "".join(out)


def test_every_row_is_shown_once_and_every_moved_row_has_its_origin(seeds_000_001: Diff) -> None:
    entries = build_entries(seeds_000_001)
    shown = Counter(e.row for e in entries if e.kind == "row")
    assert sorted(shown) == list(range(len(seeds_000_001.rows)))
    assert set(shown.values()) == {1}
    moved = [r for r, row in enumerate(seeds_000_001.rows) if row.op == "moved"]
    assert moved
    assert sorted(e.row for e in entries if e.kind == "origin") == moved


def test_changes_only_folds_runs_of_equal_rows_and_keeps_every_change(pair01: Diff) -> None:
    entries = build_entries(pair01, changes_only=True)
    folded = sum(e.count for e in entries if e.kind == "fold")
    assert folded == pair01.summary.counts["equal"]  # a renumbered row stays in sight (issue 21, defect 4)
    shown = [r for r, row in enumerate(pair01.rows) if is_change(row) or row.op == "renumbered"]
    assert [e.row for e in entries if e.kind == "row"] == shown


def test_revealed_equal_row_stands_alone_between_folds(pair01: Diff) -> None:
    equal = [r for r, row in enumerate(pair01.rows) if row.op == "equal"]
    entries = build_entries(pair01, changes_only=True, revealed=frozenset({equal[1]}))
    assert any(e.kind == "row" and e.row == equal[1] for e in entries)


def test_wide_view_is_side_by_side_and_narrow_view_unified() -> None:
    assert Columns.fit(SIDE_BY_SIDE_MIN_WIDTH).mode == "side"
    assert Columns.fit(SIDE_BY_SIDE_MIN_WIDTH - 1).mode == "unified"
    assert Columns.fit(80, "side").mode == "side"


def test_the_app_and_the_terminal_report_go_side_by_side_at_the_same_width(pair01: Diff) -> None:
    from diffing.reports.redline_text import TextView, render_text

    for columns in range(96, 116):
        lines = render_text(pair01, TextView(width=columns)).splitlines()
        side = any("a.txt" in line and "b.txt" in line for line in lines)  # the two columns' headings
        assert (Columns.fit(columns).mode == "side") == side, columns


def test_side_by_side_rule_stands_in_one_column_on_every_line(pair01: Diff) -> None:
    view = layout(pair01, 160)
    rule = 1 + view.columns.label + view.columns.a
    for y in range(view.height):
        _, line = view.line(y)
        assert width("".join(t for t, _ in line)) == 160
        assert column(line, rule, rule + 1) == "│"


def assert_columns_hold_original_text(diff: Diff, view: Layout) -> None:
    """Nothing of a row's A or B text is lost to folding or to the row's height."""
    cols = view.columns
    a_lo = 1 + cols.label
    b_lo = a_lo + cols.a + 1
    for i, entry in enumerate(view.entries):
        if entry.kind != "row":
            continue
        row = diff.rows[entry.row]
        lines = view.lines(i)
        a_text = "".join(column(line, a_lo, a_lo + cols.a) for line in lines)
        b_text = "".join(column(line, b_lo, b_lo + cols.b) for line in lines)
        want_a = "".join(diff.a.original[lo:hi] for lo, hi in diff.a_spans(row)) if row.op != "copied" else ""
        want_b = "".join(diff.b.original[lo:hi] for lo, hi in diff.b_spans(row))
        assert a_text.replace(" ", "") == want_a.replace(" ", "").replace("\n", "")
        assert b_text.replace(" ", "") == want_b.replace(" ", "").replace("\n", "")


def test_a_and_b_columns_hold_each_rows_original_text(pair01: Diff, seeds_000_001: Diff) -> None:
    assert_columns_hold_original_text(pair01, layout(pair01, 160))
    assert_columns_hold_original_text(seeds_000_001, layout(seeds_000_001, 123))


def test_unified_modified_row_shows_deletion_beside_insertion(pair01: Diff) -> None:
    view = layout(pair01, 80)
    assert view.columns.mode == "unified"
    r = next(r for r, row in enumerate(pair01.rows) if row.op == "modified")
    tags = {tag for line in view.lines(view.row_entry[r]) for _, tag in line}
    assert {"del", "ins", "same"} <= tags


def test_search_hits_are_tagged_where_they_stand(pair01: Diff) -> None:
    view = layout(pair01, 160, search="周六")
    r = next(r for r, row in enumerate(pair01.rows) if "周六" in pair01.b_text(row))
    hits = [text for line in view.lines(view.row_entry[r]) for text, tag in line if tag.endswith("/match")]
    assert "".join(hits) == "周六"


@settings(max_examples=60, deadline=None)
@given(DOCS, DOCS, st.integers(24, 200), st.booleans())
def test_heights_are_the_lines_drawn_at_any_width(a: str, b: str, cells: int, changes_only: bool) -> None:
    diff = compare(from_text(a, "a"), from_text(b, "b"))
    view = layout(diff, cells, changes_only)
    assert view.height == sum(view.heights)
    for i in range(len(view.entries)):
        lines = view.lines(i)
        assert len(lines) == view.heights[i]
        assert all(width("".join(t for t, _ in line)) == view.columns.width for line in lines)
    covered = sorted(r for e in view.entries if e.kind != "origin" for r in range(e.row, e.row + e.count))
    assert covered == list(range(len(diff.rows)))
    if view.columns.mode == "side":
        assert_columns_hold_original_text(diff, view)


def test_a_rows_label_height_is_counted_as_the_label_draws_it(pair01: Diff, seeds_000_001: Diff) -> None:
    for diff in (pair01, seeds_000_001):
        for cells, changes_only, numbers in ((160, False, False), (80, True, True), (120, False, True)):
            view = layout(diff, cells, changes_only)
            view.numbers = numbers
            for i, entry in enumerate(view.entries):
                if entry.kind == "row":
                    drawn = 1 + sum(text.count("\n") for text, _ in view._label(i))
                    assert view._label_height(i) == drawn, (entry, numbers)


def test_a_measure_taken_before_the_inline_parts_carries_its_texts_reading_order_and_heights(pair01: Diff) -> None:
    a, b = pair01.a, pair01.b
    early: list[Measure] = []
    columns = Columns.fit(157)
    diff = compare(a, b, beside=lambda d: early.append(Measure(d).prepare(unified=False).warm(columns)))
    assert early and early[0].diff is not diff and any(row.inline for row in diff.rows)
    carried, fresh = Measure(diff, early[0]), Measure(diff)
    assert carried.order() is early[0].order() and carried.order() == fresh.order()
    assert carried.texts("a") == fresh.texts("a") and carried.texts("b") == fresh.texts("b")
    assert carried._cited == [fresh.cited(r) for r in range(len(diff.rows))]
    assert carried._heights == early[0]._heights and len(carried._heights) == 2
    assert carried._heights[("a", columns.a - 1)] == fresh.clauses("a", columns.a - 1)
    assert carried._heights[("b", columns.b - 1)] == fresh.clauses("b", columns.b - 1)


def test_a_measure_of_other_rows_carries_nothing(pair01: Diff) -> None:
    other = compare(pair01.b, pair01.a)
    early = Measure(other).prepare(unified=False).warm(Columns.fit(157))
    carried = Measure(pair01, early)
    assert carried.carries(early) is False and not carried._heights
    assert carried.order() is not early.order() and carried.order() == Measure(pair01).order()
