"""What a Beyond Compare / Meld user reaches for: copy a side, next of a kind, the detail pane (issue 12)."""

from __future__ import annotations

import os
from pathlib import Path

from textual.message import Message
from textual.widgets import Static

from tests.tui.conftest import app_on, notes, pair_request, screen_of, screen_text, seed_request, settle
from tui.sides import CompareRequest, FileSide
from tui.widgets.change_map import ChangeMap
from tui.widgets.row_detail import RowDetail


async def test_y_and_shift_y_copy_the_rows_original_b_and_a_texts() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        await pilot.press("n", "n", "n")
        row = screen.diff.rows[screen.view.cursor_row()]
        await pilot.press("y")
        b = app.clipboard
        await pilot.press("Y")
        a = app.clipboard
        assert b == "".join(screen.diff.b.original[lo:hi] for lo, hi in screen.diff.b_spans(row))
        assert a == "".join(screen.diff.a.original[lo:hi] for lo, hi in screen.diff.a_spans(row))
        assert a != b and "（" in b


async def test_shift_n_goes_to_the_next_row_of_the_same_kind() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        inserted = [i for i, e in enumerate(screen.view.layout_.entries) if screen.diff.rows[e.row].op == "inserted"]
        await pilot.press("n")
        assert screen.view.cursor == inserted[0]
        await pilot.press("N")
        assert screen.view.cursor == inserted[1]
        await pilot.press("P")
        assert screen.view.cursor == inserted[0]


async def test_i_opens_the_detail_pane_with_both_originals_and_what_normalization_ignored() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        await pilot.press("n", "n", "n", "i")
        await pilot.pause()
        detail = screen.query_one(RowDetail)
        text = str(detail.query_one("#detail-text", Static).render())
        assert detail.is_open and detail.region.height > 0
        assert "modified" in text and "(一)新年，放假1天" in text and "（一）元旦，放假1天" in text
        assert "line " in text and "normalized │ (一)元旦," in text


async def test_the_detail_pane_follows_the_cursor_and_says_where_a_moved_clause_came_from() -> None:
    app = app_on(seed_request("000", "001"))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        moved = next(r for r, row in enumerate(screen.diff.rows) if row.op == "moved")
        await pilot.press("i")
        screen.view.show_row(moved)
        await pilot.pause()
        text = str(screen.query_one("#detail-text", Static).render())
        assert "↔ moved" in text and "from A " in text


async def test_plus_keeps_rows_of_context_around_each_change_and_minus_takes_them_away() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        view = screen.view
        await pilot.press("f")
        bare = sum(1 for e in view.layout_.entries if e.kind == "row")
        await pilot.press("plus", "plus")
        assert view.changes_only and view.context == 2
        entries = view.layout_.entries
        rows = [k for k, e in enumerate(entries) if e.kind == "row"]
        assert len(rows) > bare
        for k, e in enumerate(entries):
            if e.kind == "fold":  # a fold never touches a change: two context rows stand between
                for j in (k - 1, k + 1):
                    if 0 <= j < len(entries) and entries[j].kind == "row":
                        assert screen.diff.rows[entries[j].row].op in ("equal", "renumbered")
        await pilot.press("minus", "minus")
        assert view.context == 0 and sum(1 for e in view.layout_.entries if e.kind == "row") == bare


async def test_the_change_map_marks_the_changes_and_a_click_goes_there() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        view, chart = screen.view, screen.query_one(ChangeMap)
        marked = [y for y in range(chart.size.height) if chart.render_line(y).text == "█"]
        assert marked and len(marked) < chart.size.height
        y = marked[-1]
        await pilot.click(ChangeMap, offset=(0, y))
        await pilot.pause()
        lo, hi = chart._span(y)
        entries = view.layout_.entries
        assert lo <= view.layout_.tops[view.cursor] < hi or view.cursor == view.layout_.entry_at(lo)
        assert view.has_focus and entries[view.cursor].kind in ("row", "origin")


async def test_go_to_a_line_of_the_file_puts_the_cursor_on_the_clause_there() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        await pilot.press("g", *":19", "enter")
        row = screen.diff.rows[screen.view.cursor_row()]
        assert screen.diff.b_text(row).startswith("(一)元旦")


async def test_clicking_a_count_in_the_summary_shows_only_that_kind_and_again_every_row() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        bar = screen.query_one("#summary")
        line = screen_text(app)[bar.region.y + 1]
        x = line.index("~6") - bar.region.x
        full = len(screen.view.layout_.entries)
        await pilot.click("#summary", offset=(x, 1))
        await settle(pilot)
        entries = screen.view.layout_.entries
        assert len(entries) == 6 and {screen.diff.rows[e.row].op for e in entries} == {"modified"}
        assert "only modified rows" in str(bar.render())
        await pilot.pause(0.6)  # two quick clicks would be a double click
        x = screen_text(app)[bar.region.y + 1].index("~6") - bar.region.x  # the bar may have gone brief
        await pilot.click("#summary", offset=(x, 1))
        await settle(pilot)
        assert len(screen.view.layout_.entries) == full


async def test_a_file_changed_on_disk_is_announced_and_r_reloads_it(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("第一条 本办法自公布之日起施行。\n", encoding="utf-8")
    b.write_text("第一条 本办法自公布之日起施行。\n", encoding="utf-8")
    messages: list[Message] = []
    app = app_on(CompareRequest(FileSide(str(a)), FileSide(str(b))))
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        assert screen.diff.summary.changes == 0
        b.write_text("第一条 本办法自二〇二五年一月一日起施行。\n", encoding="utf-8")
        os.utime(b, (1, 1))
        screen._watch_files()
        await pilot.pause()
        assert any(str(b) in n and "changed on disk: r reloads." in n for n in notes(messages))
        await pilot.press("r")
        await settle(pilot)
        assert screen.diff.summary.changes == 1


async def test_shift_o_compares_a_with_another_file(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("第一条 另一个文件。\n", encoding="utf-8")
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        await pilot.press("O")
        screen.query_one("#prompt-input").value = str(other)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.request.b == FileSide(str(other)) and screen.diff.b.name == str(other)


async def test_shift_l_shows_the_original_files_line_numbers_under_the_places() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        await pilot.press("n", "n", "n", "L")
        await pilot.pause()
        view = screen.view
        text = "".join(t for line in view.layout_.lines(view.cursor) for t, _ in line)
        assert "A:15 B:19" in text
        assert all(len(view.layout_.lines(i)) == view.layout_.heights[i] for i in range(len(view.layout_.entries)))
        await pilot.press("L")
        assert "A:15" not in "".join(t for line in view.layout_.lines(view.cursor) for t, _ in line)


async def test_the_detail_pane_marks_the_characters_ocr_read_with_low_confidence_and_the_bar_names_ocr() -> None:
    import dataclasses

    from corpus.read import source_from_bytes
    from tui.sides import TextSide
    from tui.widgets.row_detail import UNCERTAIN

    law = "第一条 为了规范管理，制定本办法。\n第二条 本办法自公布之日起施行。\n"
    scanned = "第一条 为了规范管理，制定本办法。\n第二条 本办法自公布之日起施彳。\n"
    doubt = scanned.index("施彳")
    b = dataclasses.replace(source_from_bytes("scan.txt", scanned.encode()), pages=(0,), ocr_read_pages=(1,),
                            uncertain=((doubt, doubt + 2),))  # fmt: skip
    a = source_from_bytes("law.txt", law.encode())
    app = app_on(CompareRequest(TextSide(a), TextSide(b)))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        await pilot.press("n", "i")
        await pilot.pause()
        content = screen.query_one(RowDetail).query_one("#detail-text", Static).render()
        text = str(content)
        assert "施行" in text and "施彳" in text
        marked = {text[span.start : span.end] for span in content.spans if span.style == UNCERTAIN}
        assert marked == {"施彳"}
        assert "read by OCR │ 2 uncertain characters marked" in text
        assert "1 page read by OCR" in "\n".join(screen_text(app))
