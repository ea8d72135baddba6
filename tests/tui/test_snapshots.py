"""Snapshots of each screen on the bundled samples at 80x24 and 160x48 (pytest-textual-snapshot).

Update with ``make snapshots`` and look at the SVGs under tests/tui/__snapshots__ before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import open_history, pair_request, seed_request, settle
from tui.app import make_app

SIZES = [(80, 24), (160, 48)]
Snap = Callable[..., bool]


def after(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Wait for the workers, press ``keys``, wait again."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run


@pytest.mark.parametrize("size", SIZES)
def test_compare_real_pair_on_its_third_change(snap_compare: Snap, size: tuple[int, int]) -> None:
    app = make_app(compare=pair_request(), library=False)
    assert snap_compare(app, terminal_size=size, run_before=after("n", "n", "n"))


@pytest.mark.parametrize("size", SIZES)
def test_compare_changes_only_with_a_moved_row(snap_compare: Snap, size: tuple[int, int]) -> None:
    app = make_app(compare=seed_request("000", "001"), library=False)
    assert snap_compare(app, terminal_size=size, run_before=after("f", "n", "n", "n", "n", "n"))


@pytest.mark.parametrize("size", SIZES)
def test_compare_in_the_light_theme(snap_compare: Snap, size: tuple[int, int]) -> None:
    app = make_app(compare=pair_request("03_ip_tribunal_provisions"), library=False)
    assert snap_compare(app, terminal_size=size, run_before=after("d", "f", "n"))


@pytest.mark.parametrize("size", SIZES)
def test_library_of_the_demo_store(snap_compare: Snap, size: tuple[int, int], demo_store: Path) -> None:
    assert snap_compare(make_app(store=demo_store), terminal_size=size, run_before=after("space"))


@pytest.mark.parametrize("size", SIZES)
def test_history_with_blame(snap_compare: Snap, size: tuple[int, int], demo_store: Path) -> None:
    app = make_app(store=demo_store)

    async def run(pilot: Pilot[Any]) -> None:
        await open_history(pilot, demo_store)

    assert snap_compare(app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_duplicates_of_the_demo_store(snap_compare: Snap, size: tuple[int, int], demo_store: Path) -> None:
    assert snap_compare(make_app(store=demo_store), terminal_size=size, run_before=after("u"))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: Snap, size: tuple[int, int]) -> None:
    app = make_app(compare=pair_request(), library=False)
    assert snap_compare(app, terminal_size=size, run_before=after("question_mark"))


@pytest.mark.parametrize("size", SIZES)
def test_normalization_dialog(snap_compare: Snap, size: tuple[int, int]) -> None:
    app = make_app(compare=pair_request(), library=False)
    assert snap_compare(app, terminal_size=size, run_before=after("t"))


@pytest.mark.parametrize("size", SIZES)
def test_compare_with_the_detail_pane_and_the_change_map(snap_compare: Snap, size: tuple[int, int]) -> None:
    app = make_app(compare=pair_request(), library=False)
    assert snap_compare(app, terminal_size=size, run_before=after("n", "n", "n", "i"))


@pytest.mark.parametrize("size", SIZES)
def test_compare_changes_only_with_two_rows_of_context(snap_compare: Snap, size: tuple[int, int]) -> None:
    app = make_app(compare=pair_request(), library=False)
    async def run(pilot: Pilot[Any]) -> None:
        await after("f", "plus", "plus", "n")(pilot)
        pilot.app.clear_notifications()
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_compare_pair_10_where_a_paragraph_follows_an_item_list(snap_compare: Snap, size: tuple[int, int]) -> None:
    """Places cite the article, its 款 and its 项; the cursor row is highlighted on both sides (issue 21)."""
    from tests.tui.conftest import data_request

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("g", *"第128条", "enter")
        await settle(pilot)

    app = make_app(compare=data_request("10"), library=False)
    assert snap_compare(app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_compare_seed_table_cells_cited_as_the_table(snap_compare: Snap, size: tuple[int, int]) -> None:
    app = make_app(compare=seed_request("000", "004"), library=False)
    assert snap_compare(app, terminal_size=size, run_before=after("end", "pageup", "pageup"))
