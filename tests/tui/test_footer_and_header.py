"""The footer keeps the essential keys at 80 columns and shows d; the header is never more than two lines
(defect 10 of issue 12)."""

from __future__ import annotations

import pytest

from corpus import samples
from corpus.read import source_from_bytes
from tests.tui.conftest import app_on, pair_request, screen_of, screen_text, settle
from tui.sides import CompareRequest, TextSide
from tui.widgets.summary_bar import SummaryBar

LONG = "reviews/2026/全国年节及纪念日放假办法-征求意见稿-第二轮-法制办公室汇总的各部门意见-修改稿"


def long_named_request() -> CompareRequest:
    a, b = samples.real_pair("01_holiday_measures")
    return CompareRequest(
        TextSide(source_from_bytes(f"{LONG}-甲/old.txt", a.read_bytes())),
        TextSide(source_from_bytes(f"{LONG}-乙/new.txt", b.read_bytes())),
    )


async def test_footer_at_80_columns_keeps_swap_origin_layout_quit_help_and_theme() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = screen_text(app)[-1]
        for key in ("s Swap", "o Origin", "l Layout", "q Quit", "? Help", "d Theme", "n Next", "^p"):
            assert key in footer, footer


async def test_footer_on_a_wide_terminal_shows_every_key_with_d() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(200, 48)) as pilot:
        await settle(pilot)
        footer = screen_text(app)[-1]
        for key in ("n Next", "f Changes only", "/ Search", "e Export", "d Dark/light", "? Help"):
            assert key in footer, footer


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
async def test_long_file_names_keep_the_header_to_two_lines(size: tuple[int, int]) -> None:
    app = app_on(long_named_request())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        bar = screen_of(app).query_one(SummaryBar)
        assert bar.region.height == 2
        names = screen_text(app)[bar.region.y]
        assert "old.txt" in names and "new.txt" in names
        if size[0] >= 120:
            assert "A reviews/2026/" in names and "…" in names
        assert "change 1/11" in screen_text(app)[bar.region.y + 1]
