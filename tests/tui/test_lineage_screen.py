"""The lineage view of the app: ``l`` on a blame row opens its article through every version, each
version's wording beside the next with the changes marked (issue 20, item 5)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from tests.tui.conftest import HOLIDAYS, open_history, settle
from tui.app import make_app
from tui.screens.history import HistoryScreen
from tui.screens.lineage import LineageScreen

SIZES = [(80, 24), (160, 48)]


async def _open_lineage_of(pilot: Pilot[Any], store: Path, starts: str) -> LineageScreen:
    history = await open_history(pilot, store)
    assert history.data is not None
    k = next(i for i, text in enumerate(history.data.originals) if text.startswith(starts))
    table = history.query_one("#blame", DataTable)
    table.focus()
    table.move_cursor(row=k)
    await pilot.press("l")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LineageScreen)
    return screen


async def test_l_on_a_blame_row_opens_the_lineage_of_its_article(demo_store: Path) -> None:
    app = make_app(store=demo_store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await _open_lineage_of(pilot, demo_store, "（一）元旦")
        assert screen.data is not None
        assert [row[0] for row in screen.data.rows] == ["v1", "v2"]
        assert screen.data.rows[0][2] == screen.data.rows[1][2] == "第二条"
        assert screen.data.rows[1][3] == "修改"
        (pane,) = screen.data.panes
        assert any(style == "del" for _text, style in pane.left)
        assert any(style == "ins" for _text, style in pane.right)
        assert "".join(t for t, _ in pane.right).startswith("第二条全体公民放假的节日")
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_the_lineage_title_names_the_article_and_the_document(demo_store: Path) -> None:
    app = make_app(store=demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_lineage_of(pilot, demo_store, "（一）元旦")
        title = str(screen.query_one("#lineage-title", Static).render())
        assert "第二条" in title and HOLIDAYS in title


@pytest.mark.parametrize("size", SIZES)
def test_lineage_snapshot(snap_compare: Callable[..., bool], size: tuple[int, int], demo_store: Path) -> None:
    app = make_app(store=demo_store)

    async def run(pilot: Pilot[Any]) -> None:
        await _open_lineage_of(pilot, demo_store, "（一）元旦")

    assert snap_compare(app, terminal_size=size, run_before=run)
