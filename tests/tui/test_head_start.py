"""The head start of ``wendiff tui A B`` (`tui.head_start`): a child process compares while the app starts,
and the app shows exactly what it would have shown comparing itself.

A head start forks only from a process with one thread (as ``wendiff tui`` is when it starts), and a test
worker may hold threads left by earlier tests: each check runs in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from tests.tui.conftest import settle
from tui import head_start
from tui.app import make_app
from tui.jobs import prepare_view, run_compare
from tui.screens.compare import CompareScreen
from tui.sides import CompareRequest, FileSide

PAIR_04 = Path(__file__).parents[1] / "data" / "real" / "04_admin_reconsideration_law"


def request_of(folder: Path) -> CompareRequest:
    return CompareRequest(FileSide(str(folder / "a.txt")), FileSide(str(folder / "b.txt")))


def _hands_over() -> None:
    request = request_of(PAIR_04)
    assert threading.active_count() == 1
    assert head_start.start(request, 160)
    assert head_start.waiting(request)
    taken = head_start.take(request)
    assert taken is not None
    diff, measure = taken
    assert measure.diff is diff
    assert measure._cited and None not in measure._cited  # rows' places measured before the inline parts came
    own = run_compare(request)
    assert diff.rows == own.rows and diff.summary == own.summary
    assert diff.places == own.places and diff.a_original == own.a_original and diff.b_original == own.b_original
    mine = prepare_view(own, unified=False)
    assert measure.texts("a") == mine.texts("a") and measure.texts("b") == mine.texts("b")
    assert measure.order() == mine.order() and measure._cited == mine._cited
    view = head_start.view_columns(160)  # the clause heights the view's layout reads, measured while waiting
    assert measure._heights[("a", view.a - 1)] == mine.clauses("a", view.a - 1)
    assert measure._heights[("b", view.b - 1)] == mine.clauses("b", view.b - 1)
    assert not head_start.waiting(request) and head_start.take(request) is None


def _another_request() -> None:
    request = request_of(PAIR_04)
    assert head_start.start(request, 80)
    assert head_start.take(request.swapped()) is None
    assert head_start.take(request) is None


def _fails() -> None:
    gone = Path(tempfile.mkdtemp()) / "gone.txt"
    request = CompareRequest(FileSide(str(gone)), FileSide(str(PAIR_04 / "b.txt")))
    assert head_start.start(request, 160)
    assert head_start.take(request) is None


async def _compare_screen() -> None:
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


def _in_a_fresh_process(check: str) -> None:
    """Run ``check`` (a function of this module) in a new interpreter with one thread; fail with its output."""
    script = (
        "import asyncio, inspect, sys\n"
        "sys.setrecursionlimit(10000)\n"
        "import tests.tui.test_head_start as t\n"
        f"done = t.{check}()\n"
        "if inspect.iscoroutine(done):\n"
        "    asyncio.run(done)\n"
    )
    root = Path(__file__).parents[2]
    run = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]


def test_a_head_start_hands_over_the_diff_the_app_would_have_made() -> None:
    _in_a_fresh_process("_hands_over")


def test_a_head_start_for_another_request_is_not_taken() -> None:
    _in_a_fresh_process("_another_request")


def test_a_head_start_that_fails_leaves_the_comparison_to_the_app() -> None:
    _in_a_fresh_process("_fails")


def test_the_compare_screen_takes_the_head_start_and_shows_its_diff() -> None:
    _in_a_fresh_process("_compare_screen")


@pytest.mark.parametrize("size", [(160, 48), (80, 24), (120, 40)])
async def test_the_head_start_guesses_the_columns_of_the_compare_view(size: tuple[int, int]) -> None:
    app = make_app(compare=request_of(PAIR_04), library=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.view.layout_ is not None
        assert screen.view.layout_.columns == head_start.view_columns(size[0])


def test_no_head_start_is_forked_from_a_process_with_threads() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not head_start.start(request_of(PAIR_04), 160)
    finally:
        stop.set()
        thread.join()
