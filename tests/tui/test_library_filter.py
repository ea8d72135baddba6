"""The Library filter normalizes, Home moves the row cursor, Esc leaves the filter (defect 9 of issue 12)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from tests.tui.conftest import settle
from tui.app import make_app
from tui.catalog import folded
from tui.screens.library import LibraryScreen


async def test_a_traditional_filter_finds_a_simplified_title(demo_store: Path) -> None:
    app = make_app(store=demo_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        simplified = [i.key for i in screen.items if "生态" in i.title]
        assert simplified
        await pilot.press("slash", *"生態")
        assert [i.key for i in screen.shown] == simplified


async def test_full_width_digits_in_the_filter_find_the_document_number(demo_store: Path) -> None:
    app = make_app(store=demo_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        screen.query_one("#filter", Input).value = "３２１４"  # Pilot cannot type full-width digits
        await pilot.pause()
        assert [i.key for i in screen.shown] == ["发改环资〔2015〕3214号"]


async def test_home_and_end_move_the_row_cursor(demo_store: Path) -> None:
    app = make_app(store=demo_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        await pilot.press("down", "down", "down")
        assert table.cursor_row == 3
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1


async def test_escape_in_the_filter_gives_the_keys_back_to_the_table(demo_store: Path) -> None:
    app = make_app(store=demo_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("slash", *"2015", "escape")
        assert app.screen is screen and screen.query_one(DataTable).has_focus
        assert screen.query_one("#filter", Input).value == "2015"


def test_folded_text_is_simplified_half_width_and_case_free() -> None:
    assert folded("生態 ３２１４ ＡＢ") == "生态3214ab"
