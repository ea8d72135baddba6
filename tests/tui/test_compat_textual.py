"""The Textual names the app borrows (`tui.compat_textual`) still exist and still mean what the app expects."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Footer

from tests.tui.conftest import app_on, pair_request, settle
from tui.compat_textual import FooterKey, bindings_ready, screen_strips


def test_footer_key_is_a_widget_taking_key_display_description_and_action() -> None:
    key = FooterKey("q", "q", "Quit", "quit", disabled=False, tooltip="Quit", classes="-compact")
    assert isinstance(key, Widget)
    assert hasattr(FooterKey, "compact"), "FooterKey lost its `compact` reactive"


async def test_the_footer_knows_when_its_bindings_are_ready_and_the_screen_draws_one_strip_a_line() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        assert bindings_ready(footer) is True
        strips = screen_strips(app.screen)
        assert len(strips) == 30
        assert any("Quit" in strip.text or "quit" in strip.text.lower() for strip in strips)

