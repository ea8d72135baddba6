"""The row cursor drawn on screen is always the row the keys act on (defect 1 of issue 12)."""

from __future__ import annotations

import pytest

from tests.tui.conftest import app_on, data_request, pair_request, screen_of, screen_text, settle
from tui.app import WendiffApp
from tui.widgets.diff_view import DiffView


def cursor_lines(app: WendiffApp) -> list[int]:
    """Lines of the view (counted from its first visible line) that show the cursor mark."""
    view = screen_of(app).view
    region = view.content_region
    lines = screen_text(app)[region.y : region.bottom]
    return [y for y, line in enumerate(lines) if line[region.x : region.x + 1] == "▌"]


def assert_cursor_drawn_where_it_is(app: WendiffApp) -> None:
    view = screen_of(app).view
    layout = view.layout_
    top = round(view.scroll_offset.y)
    expected = [
        y - top
        for y in range(layout.tops[view.cursor], layout.tops[view.cursor + 1])
        if 0 <= y - top < view.scrollable_content_region.height
    ]
    assert expected, "the cursor's row is not on screen"
    assert cursor_lines(app) == expected


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
async def test_cursor_mark_follows_the_cursor_after_page_down_and_steps(size: tuple[int, int]) -> None:
    app = app_on(data_request("06"))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("pagedown", "j", "j", "j")
        await pilot.pause()
        assert_cursor_drawn_where_it_is(app)
        await pilot.press("pagedown", "pagedown", "down", "k")
        await pilot.pause()
        assert_cursor_drawn_where_it_is(app)


async def test_cursor_mark_follows_n_and_p_across_screens() -> None:
    app = app_on(data_request("06"))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        for key in ("n",) * 12 + ("p", "p"):
            await pilot.press(key)
            await pilot.pause()
            assert_cursor_drawn_where_it_is(app)


async def test_cursor_mark_follows_a_click_after_a_scroll() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("pagedown")
        await pilot.pause()
        await pilot.click(DiffView, offset=(30, 5))
        await pilot.pause()
        assert_cursor_drawn_where_it_is(app)
        await pilot.press("down", "down")
        await pilot.pause()
        assert_cursor_drawn_where_it_is(app)
