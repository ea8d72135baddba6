"""Blame in the app: original text, cut with …, Enter opens the change, a header in good grammar
(defect 6 of issue 12)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from tests.tui.conftest import HOLIDAYS, open_history, settle
from tui.app import make_app
from tui.screens.compare import CompareScreen
from tui.screens.history import HistoryScreen
from tui.sides import StoreSide
from tui.wrap import ellipsize, width


def blame_texts(history: HistoryScreen) -> list[str]:
    table = history.query_one("#blame", DataTable)
    return [str(table.get_row_at(k)[3]) for k in range(table.row_count)]


async def test_blame_shows_each_clause_in_its_original_text(demo_store: Path) -> None:
    app = make_app(store=demo_store)
    async with app.run_test(size=(160, 48)) as pilot:
        texts = blame_texts(await open_history(pilot, demo_store))
        assert texts[0] == "# 全国年节及纪念日放假办法"
        assert any(t.startswith("（一）元旦，放假1天") for t in texts)
        assert not any(t.startswith("(一)元旦,") for t in texts)


async def test_long_blamed_clauses_are_cut_with_an_ellipsis_to_the_screen(demo_store: Path) -> None:
    app = make_app(store=demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        texts = blame_texts(await open_history(pilot, demo_store))
        assert any(t.endswith("…") for t in texts)
        assert all(width(t) <= 80 - 36 for t in texts)


async def test_enter_on_a_blame_row_opens_the_change_that_brought_it_on_that_clause(demo_store: Path) -> None:
    app = make_app(store=demo_store)
    async with app.run_test(size=(160, 48)) as pilot:
        history = await open_history(pilot, demo_store)
        assert history.data is not None
        k = next(i for i, line in enumerate(history.data.blame) if line.version == 2)
        table = history.query_one("#blame", DataTable)
        table.focus()
        table.move_cursor(row=k)
        await pilot.press("enter")
        await settle(pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen) and compare.diff is not None
        assert compare.request.a == StoreSide(demo_store, HOLIDAYS, 1)
        assert compare.request.b == StoreSide(demo_store, HOLIDAYS, 2)
        row = compare.diff.rows[compare.view.cursor_row()]
        assert history.data.blame[k].text in compare.diff.b_text(row)


async def test_blame_header_agrees_in_number(demo_store: Path) -> None:
    app = make_app(store=demo_store)
    async with app.run_test(size=(160, 48)) as pilot:
        history = await open_history(pilot, demo_store)
        assert "(2 versions contribute;" in str(history.query_one("#blame-title", Static).render())
        await pilot.press("down", "b")
        await settle(pilot)
        assert "(1 version contributes;" in str(history.query_one("#blame-title", Static).render())


def test_ellipsize_cuts_by_cells() -> None:
    assert ellipsize("中华人民共和国", 7) == "中华人…"
    assert ellipsize("中华", 4) == "中华"
