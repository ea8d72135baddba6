"""Search is normalized both ways and lights what it found through normalization (defect 5 of issue 12)."""

from __future__ import annotations

from tests.tui.conftest import app_on, pair_request, screen_of, settle
from tui.app import WendiffApp
from tui.lookup import find_hits


def status(app: WendiffApp) -> str:
    return str(screen_of(app).query_one("#prompt-status").render())


def lit(app: WendiffApp) -> list[str]:
    """The texts drawn as search hits in the cursor's entry."""
    view = screen_of(app).view
    return [text for line in view.layout_.lines(view.cursor) for text, tag in line if tag.endswith("/match")]


async def test_a_traditional_query_finds_the_simplified_text() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"補假", "enter")
        assert status(app) == "1/2"
        assert "补假" in "".join(lit(app))


async def test_a_half_width_query_lights_the_full_width_original() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"(一)元旦", "enter")
        assert status(app) == "1/1"
        assert "（一）元旦" in "".join(lit(app))


async def test_up_in_the_search_prompt_goes_to_the_previous_hit() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        await pilot.press("slash", *"周六", "enter", "enter")
        assert status(app) == "2/2"
        second = screen.view.cursor_row()
        await pilot.press("up")
        assert status(app) == "1/2" and screen.view.cursor_row() != second
        await pilot.press("down")
        assert status(app) == "2/2" and screen.view.cursor_row() == second


def test_hits_carry_the_original_wording_of_each_match(pair01: object) -> None:
    hits = find_hits(pair01, "（一）元旦")  # type: ignore[arg-type]
    assert hits.rows and "（一）元旦" in hits.terms
