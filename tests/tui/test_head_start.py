"""The head start of ``wendiff tui A B`` (`tui.head_start`): a child process compares while the app starts,
and the app shows exactly what it would have shown comparing itself."""

from __future__ import annotations

import threading
from pathlib import Path

from tests.tui.conftest import settle
from tui import head_start
from tui.app import make_app
from tui.jobs import run_compare
from tui.screens.compare import CompareScreen
from tui.sides import CompareRequest, FileSide

PAIR_04 = Path(__file__).parents[1] / "data" / "real" / "04_admin_reconsideration_law"


def request_of(folder: Path) -> CompareRequest:
    return CompareRequest(FileSide(str(folder / "a.txt")), FileSide(str(folder / "b.txt")))


def test_a_head_start_hands_over_the_diff_the_app_would_have_made() -> None:
    request = request_of(PAIR_04)
    assert threading.active_count() == 1
    assert head_start.start(request, 160)
    assert head_start.waiting(request)
    taken = head_start.take(request)
    assert taken is not None
    diff, measure = taken
    assert measure.diff is diff
    own = run_compare(request)
    assert diff.rows == own.rows and diff.summary == own.summary
    assert not head_start.waiting(request) and head_start.take(request) is None


def test_a_head_start_for_another_request_is_not_taken() -> None:
    request = request_of(PAIR_04)
    assert head_start.start(request, 80)
    assert head_start.take(request.swapped()) is None
    assert head_start.take(request) is None


def test_a_head_start_that_fails_leaves_the_comparison_to_the_app(tmp_path: Path) -> None:
    request = CompareRequest(FileSide(str(tmp_path / "gone.txt")), FileSide(str(PAIR_04 / "b.txt")))
    assert head_start.start(request, 160)
    assert head_start.take(request) is None


async def test_the_compare_screen_takes_the_head_start_and_shows_its_diff() -> None:
    request = request_of(PAIR_04)
    assert head_start.start(request, 160)
    app = make_app(compare=request, library=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.diff is not None
        assert not head_start.waiting(request)
        assert screen.diff.rows == run_compare(request).rows
        assert screen.view.layout_ is not None and screen.view.layout_.height > 48
