"""Every built-in theme draws changes readably (defect 2 of issue 12)."""

from __future__ import annotations

from rich.style import Style

from tests.tui.conftest import app_on, pair_request, screen_of, settle
from tui.app import WendiffApp
from tui.compat_textual import screen_strips
from tui.contrast import MIN_CONTRAST, contrast, readable


def drawn_changes(app: WendiffApp) -> dict[str, list[Style]]:
    """Styles of the deleted (struck) and inserted (underlined) text on screen now."""
    found: dict[str, list[Style]] = {"del": [], "ins": []}
    for strip in screen_strips(app.screen):
        for segment in strip:
            style = segment.style
            if style is None or not segment.text.strip():
                continue
            if style.strike:
                found["del"].append(style)
            elif style.underline:
                found["ins"].append(style)
    return found


async def test_every_theme_draws_deletions_and_insertions_with_a_contrast_of_four_and_a_half() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("n", "n")
        failures = []
        for name in sorted(app.available_themes):
            app.theme = name
            await pilot.pause()
            dark = app.current_theme.dark
            drawn = drawn_changes(app)
            assert drawn["del"] and drawn["ins"], name
            for kind, styles in drawn.items():
                worst = min(contrast(style, dark) for style in styles)
                if worst < MIN_CONTRAST:
                    failures.append(f"{name} {kind} {worst:.2f}")
        assert not failures
        assert screen_of(app).diff is not None


def test_red_on_red_becomes_bright_white_on_red() -> None:
    style = readable(Style.parse("color(1) on color(1) strike"), dark=True)
    assert style.color is not None and style.color.number == 15 and style.strike
    assert contrast(style, dark=True) >= MIN_CONTRAST


def test_faint_truecolour_text_keeps_its_hue_and_gets_darker_on_a_light_background() -> None:
    style = readable(Style.parse("#d08080 on #f0e0e0"), dark=False)
    assert style.color is not None and style.bgcolor is not None
    r, g, _ = style.color.get_truecolor()
    assert r > g and contrast(style, dark=False) >= MIN_CONTRAST
