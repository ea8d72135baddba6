"""Every normalization switch, unspin included, is shown and switchable in the app (defect 8 of issue 12)."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Checkbox

from tests.tui.conftest import app_on, pair_request, screen_of, settle


async def test_unspin_from_the_command_line_shows_in_the_status_bar_and_the_dialog() -> None:
    request = pair_request()
    request = replace(request, options=request.options.with_(unspin=True))
    app = app_on(request)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        assert "unspin (machine-reworded)" in str(screen.query_one("#summary").render())
        await pilot.press("t")
        await pilot.pause()
        box = app.screen.query_one("#opt-unspin", Checkbox)
        assert box.value and "machine-reworded" in str(box.label)
        await pilot.press("5", "enter")
        await settle(pilot)
        assert screen.diff is not None and not screen.diff.options.unspin
        assert "unspin" not in str(screen.query_one("#summary").render())


async def test_the_dialog_switches_unspin_and_the_cleaning_steps() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        await pilot.press("t", "5", "6", "7", "8", "enter")
        await settle(pilot)
        options = screen.diff.options
        assert options.unspin and not options.boilerplate and not options.junk and not options.invisible
        summary = str(screen.query_one("#summary").render())
        assert "unspin" in summary and "boilerplate off" in summary and "invisible off" in summary
