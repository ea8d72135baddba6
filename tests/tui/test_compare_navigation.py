"""The Compare screen driven by keys and mouse (Pilot): changes, folds, search, go to, moved rows, layouts."""

from __future__ import annotations

from textual.message import Message

from tests.tui.conftest import app_on, notes, pair_request, screen_of, seed_request, settle
from tui.messages import CursorMoved, DiffProgress, DiffReady
from tui.widgets.diff_view import DiffView
from tui.widgets.prompt_bar import PromptBar


async def test_diff_arrives_from_the_worker_with_progress_and_a_summary() -> None:
    messages: list[Message] = []
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        assert [m.stage for m in messages if isinstance(m, DiffProgress)][-1] == "laying out"
        ready = [m for m in messages if isinstance(m, DiffReady)]
        assert len(ready) == 1 and screen.diff is ready[0].diff
        summary = str(screen.query_one("#summary").render())
        assert "#1 renumbered ~6 modified" in summary and "+5 inserted" in summary
        assert "similarity 0.860" in summary and "11 changes" in summary
        assert screen.view.mode == "side"


async def test_n_and_p_step_through_the_changes_in_reading_order() -> None:
    messages: list[Message] = []
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        changes = [i for i, e in enumerate(screen.view.layout_.entries) if screen.diff.rows[e.row].op != "equal"]
        seen = []
        for _ in range(3):
            await pilot.press("n")
            seen.append(screen.view.cursor)
        assert seen == changes[:3]
        await pilot.press("p")
        assert screen.view.cursor == changes[1]
        moved = [m for m in messages if isinstance(m, CursorMoved)]
        assert (moved[-1].change, moved[-1].changes) == (2, 11)


async def test_last_change_says_there_is_none_after_it() -> None:
    messages: list[Message] = []
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("end", "p", "n")
        await pilot.pause()
        assert "No change after this one." in notes(messages)


async def test_f_folds_equal_rows_away_and_back() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        view = screen_of(app).view
        full = len(view.layout_.entries)
        await pilot.press("f")
        kinds = {e.kind for e in view.layout_.entries}
        assert view.changes_only and "fold" in kinds and len(view.layout_.entries) < full
        await pilot.press("f")
        assert len(view.layout_.entries) == full


async def test_enter_on_a_fold_opens_it() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        view = screen_of(app).view
        await pilot.press("f", "home")
        assert view.cursor_entry().kind == "fold"
        count = view.cursor_entry().count
        await pilot.press("enter")
        assert view.cursor_entry().kind == "row"
        summary = screen_of(app).diff.summary
        shown = summary.changes + summary.counts["renumbered"] + count  # a renumbered row never folds
        assert sum(1 for e in view.layout_.entries if e.kind == "row") == shown


async def test_search_jumps_to_each_hit_and_counts_them() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        await pilot.press("slash")
        await pilot.press(*"周六", "enter")
        status = str(screen.query_one("#prompt-status").render())
        assert status == "1/2"
        first = screen.view.cursor_row()
        assert "周六" in screen.diff.b_text(screen.diff.rows[first])
        await pilot.press("enter")
        assert str(screen.query_one("#prompt-status").render()) == "2/2"
        assert screen.view.cursor_row() != first
        await pilot.press("escape")
        assert not screen.query_one(PromptBar).is_open and screen.view.has_focus
        await pilot.press("right_square_bracket")
        assert screen.view.cursor_row() == first


async def test_search_for_missing_text_says_so() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"不存在的词", "enter")
        assert str(screen_of(app).query_one("#prompt-status").render()) == "no match"


async def test_go_to_a_place_moves_the_cursor_there() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        await pilot.press("g")
        screen.query_one("#prompt-input").value = "第二条/（四）"  # Pilot cannot type full-width brackets
        await pilot.press("enter")
        assert screen.diff.place(screen.diff.rows[screen.view.cursor_row()]) == "第二条/(四)"
        assert not screen.query_one(PromptBar).is_open


async def test_go_to_a_place_folded_away_opens_its_fold() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        await pilot.press("f", "g", *"第五条", "enter")
        entry = screen.view.cursor_entry()
        assert entry.kind == "row" and screen.diff.place(screen.diff.rows[entry.row]) == "第五条"


async def test_o_jumps_from_a_moved_row_to_where_it_was_and_back() -> None:
    app = app_on(seed_request("000", "001"))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        moved = next(r for r, row in enumerate(screen.diff.rows) if row.op == "moved")
        assert screen.view.show_row(moved)
        await pilot.press("o")
        entry = screen.view.cursor_entry()
        assert (entry.kind, entry.row) == ("origin", moved)
        await pilot.press("o")
        entry = screen.view.cursor_entry()
        assert (entry.kind, entry.row) == ("row", moved)


async def test_narrow_terminal_shows_one_pane_and_widening_shows_two() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = screen_of(app).view
        assert view.mode == "unified"
        await pilot.press("n", "n")
        row = view.cursor_row()
        await pilot.resize_terminal(160, 48)
        await settle(pilot)
        assert view.mode == "side" and view.cursor_row() == row
        await pilot.press("l")
        assert view.mode == "unified"


async def test_clicking_a_row_puts_the_cursor_on_it() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        view = screen_of(app).view
        await pilot.click(DiffView, offset=(30, 10))
        assert view.cursor == view.layout_.entry_at(10)
