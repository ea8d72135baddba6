"""The footer recomposes only when the keys it shows change: a binding enabled or disabled is changed in place
(a recompose mounts every key again and lays the whole screen out anew, which the app's first screen paid for
four times)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding

from tests.tui.conftest import settle
from tui.compat_textual import FooterKey
from tui.widgets.key_footer import KeyFooter


class _Keys(App[None]):
    BINDINGS: ClassVar = [
        Binding("n", "next", "Next"), Binding("e", "export", "Export"), Binding("x", "extra", "Extra"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.ready = False
        self.extra = False

    def compose(self) -> ComposeResult:
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            return True if self.ready else None  # None: shown disabled
        if action == "extra":
            return self.extra  # False: not shown
        return True

    def action_next(self) -> None:
        """Nothing: the key is only shown."""

    def action_export(self) -> None:
        """Nothing: the key is only shown."""

    def action_extra(self) -> None:
        """Nothing: the key is only shown."""


def _keys(app: _Keys) -> dict[str, FooterKey]:
    return {key.action: key for key in app.query(FooterKey)}


async def test_a_key_enabled_later_is_enabled_in_place_without_mounting_the_keys_again() -> None:
    app = _Keys()
    async with app.run_test(size=(100, 10)) as pilot:
        await settle(pilot)
        before = _keys(app)
        assert before["export"].has_class("-disabled")
        app.ready = True
        app.refresh_bindings()
        await settle(pilot)
        after = _keys(app)
        assert after == before  # the same widgets
        assert not after["export"].has_class("-disabled")
        await pilot.click(after["export"])  # enabled: a click presses the key, no bell
        app.ready = False
        app.refresh_bindings()
        await settle(pilot)
        assert _keys(app)["export"] is before["export"] and before["export"].has_class("-disabled")


async def test_a_key_that_appears_recomposes_the_footer() -> None:
    app = _Keys()
    async with app.run_test(size=(100, 10)) as pilot:
        await settle(pilot)
        assert "extra" not in _keys(app)
        app.extra = True
        app.refresh_bindings()
        await settle(pilot)
        assert "extra" in _keys(app)
        assert any("Extra" in str(key.render()) for key in app.query(FooterKey))
