"""Scrolling redraws only the change map's lines whose shading changed: what the map keeps drawn is then
what it would draw afresh.

Pair 01 is 47 view lines on a 21-line map at 80x24 (two view lines a map line), and a dozen map lines show
no change, so the shading shows on them and a line left undrawn would show the old shading."""

from __future__ import annotations

from textual.geometry import Region

from tests.tui.conftest import app_on, data_request, settle
from tui.widgets.change_map import ChangeMap


def drawn_and_fresh(change_map: ChangeMap) -> tuple[list[object], list[object]]:
    """The map's lines as drawn (Textual's cache of them) and as it draws them now."""
    height = change_map.size.height
    drawn = change_map.render_lines(Region(0, 0, 1, height))
    fresh = [change_map.render_line(y) for y in range(height)]
    return [list(strip) for strip in drawn], [list(strip) for strip in fresh]


async def test_the_map_after_paging_is_what_a_full_redraw_shows() -> None:
    app = app_on(data_request("01"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        change_map = app.screen.query_one(ChangeMap)
        for keys in (("pagedown",), ("pagedown",) * 2, ("pageup",), ("home",), ("end",), ("pageup",) * 3):
            await pilot.press(*keys)
            await pilot.pause()
            drawn, fresh = drawn_and_fresh(change_map)
            assert drawn == fresh, keys


async def test_the_map_after_scrolling_is_what_a_full_redraw_shows() -> None:
    app = app_on(data_request("01"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        change_map = app.screen.query_one(ChangeMap)
        view = change_map.view
        for y in (1, 26, 0, 12, 5, 26):
            view.scroll_to(y=y, animate=False)
            await pilot.pause()
            drawn, fresh = drawn_and_fresh(change_map)
            assert drawn == fresh, y
