"""Legibility: the cursor row is highlighted across both sides, rows equal only after normalization are marked
quietly, and unselected radio buttons can be seen (defect 9 of issue 21)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import RadioButton

from tests.tui.conftest import app_on, layout_of, pair_request, screen_of, settle
from tests.tui.test_place_column import label_lines
from tui.contrast import contrast
from tui.view_lines import Layout


async def test_the_cursor_highlights_the_whole_row_on_both_sides() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("n", "n")
        view = screen_of(app).view
        layout = view.layout_
        assert layout is not None
        y = layout.tops[view.cursor] - round(view.scroll_offset.y)
        other = y + layout.heights[view.cursor]
        right = layout.columns.width - 3  # the end of B's column: blank on both lines
        on = list(view.render_line(y))
        off = list(view.render_line(other))

        def background_at(segments: list[object], cell: int) -> object:
            at = 0
            for text, style, _ in segments:  # type: ignore[misc]
                at += cell_len(text)
                if at > cell:
                    return style.bgcolor
            raise AssertionError(cell)

        assert background_at(on, right) != background_at(off, right)
        assert background_at(on, 1 + layout.columns.label + layout.columns.a + 2) != background_at(
            off, 1 + layout.columns.label + layout.columns.a + 2
        )


async def test_a_row_equal_only_after_normalization_is_marked_with_what_was_ignored() -> None:
    layout = await layout_of(pair_request())
    diff = layout.diff
    quiet = _qingming_rows(layout)
    assert quiet
    assert diff.ignored(diff.rows[layout.entries[quiet[0]].row])
    lines = label_lines(layout, quiet[0])
    assert lines and lines[0].startswith("≈")
    plain = [i for i, e in enumerate(layout.entries) if e.kind == "row" and diff.rows[e.row].op == "equal"]
    same = [i for i in plain if not diff.ignored(diff.rows[layout.entries[i].row])]
    assert all(not any("≈" in line for line in label_lines(layout, i)) for i in same)


def _qingming_rows(layout: Layout) -> list[int]:
    """The entries of pair 01's equal rows about 清明节 (equal after normalization: full and half width)."""
    diff = layout.diff
    return [
        i for i, e in enumerate(layout.entries)
        if e.kind == "row" and diff.rows[e.row].op == "equal" and "清明节" in diff.b_text(diff.rows[e.row])
    ]  # fmt: skip


async def test_an_unselected_radio_button_can_be_seen() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        button = app.screen.query_one("#fmt-md", RadioButton)
        assert not button.value
        style = button.get_component_rich_style("toggle--button")
        assert contrast(style, app.current_theme.dark) >= 2.0


async def test_at_160_columns_a_row_equal_after_normalization_names_what_was_ignored() -> None:
    # pair 01 at 160x48 in tmux: ``≈ 第二条/(三)`` said nothing of what was ignored (only the detail pane did)
    layout = await layout_of(pair_request())
    lines = label_lines(layout, _qingming_rows(layout)[0])
    assert lines[0].startswith("≈") and "第二条/(三)" in lines[0] and "全角半角" in lines[0]
    assert cell_len(lines[0]) <= layout.columns.label - 1


def test_help_explains_the_quiet_mark_of_rows_equal_after_normalization() -> None:
    from tui.screens.help import mark_lines

    marks = {mark: str(text) for mark, text in mark_lines()}
    assert "≈" in marks and "normaliz" in marks["≈"]


async def test_in_256_colours_the_cursor_row_is_not_drawn_in_the_colour_of_a_deletion_or_an_insertion() -> None:
    # in tmux (256 colours) pair 10's cursor row was colour 52 across both sides, the colour of struck deletions
    from rich.color import ColorSystem

    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        view = screen_of(app).view
        failures = []
        for name in ("textual-dark", "textual-light"):
            app.theme = name
            await pilot.pause()

            def eight_bit(component: str) -> int | None:
                bg = view.get_component_rich_style(f"diffview--{component}").bgcolor
                return bg.downgrade(ColorSystem.EIGHT_BIT).number if bg is not None else None

            row = eight_bit("cursor-row")
            if row in (eight_bit("del"), eight_bit("ins")):
                failures.append(f"{name}: cursor row {row}")
        assert not failures
