"""The Textual names the app borrows (`tui.compat_textual`) still exist and still mean what the app expects."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Footer

from tests.tui.conftest import app_on, pair_request, settle
from tui.compat_textual import FooterKey, bindings_ready, enable_footer_key, screen_strips


def test_footer_key_is_a_widget_taking_key_display_description_and_action() -> None:
    key = FooterKey("q", "q", "Quit", "quit", disabled=False, tooltip="Quit", classes="-compact")
    assert isinstance(key, Widget)
    assert hasattr(FooterKey, "compact"), "FooterKey lost its `compact` reactive"


def test_a_footer_key_is_enabled_in_place_as_one_built_enabled_is() -> None:
    key = FooterKey("e", "e", "Export", "export", disabled=True, tooltip="Export")
    assert key._disabled is True and key.has_class("-disabled")  # what FooterKey builds, as enable_footer_key sets
    enable_footer_key(key, True)
    built = FooterKey("e", "e", "Export", "export", disabled=False, tooltip="Export")
    state = (key._disabled, key.has_class("-disabled"))
    assert state == (built._disabled, built.has_class("-disabled")) == (False, False)
    enable_footer_key(key, False)
    assert key._disabled is True and key.has_class("-disabled")


async def test_the_footer_knows_when_its_bindings_are_ready_and_the_screen_draws_one_strip_a_line() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        assert bindings_ready(footer) is True
        strips = screen_strips(app.screen)
        assert len(strips) == 30
        assert any("Quit" in strip.text or "quit" in strip.text.lower() for strip in strips)

