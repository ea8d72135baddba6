"""The collector's settings follow the app's work (`tui.collector`): high thresholds while comparing, the diff
frozen and small young collections once it is shown."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tui.conftest import settle
from tui import collector
from tui.app import make_app
from tui.screens.compare import CompareScreen
from tui.sides import CompareRequest, FileSide

PAIR_01 = Path(__file__).parents[1] / "data" / "real" / "01_holiday_measures"


@pytest.fixture
def restored_collector() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*before)


async def test_a_shown_diff_is_frozen_and_drawing_is_collected_in_small_steps(restored_collector: None) -> None:
    collector.for_work()
    request = CompareRequest(FileSide(str(PAIR_01 / "a.txt")), FileSide(str(PAIR_01 / "b.txt")))
    app = make_app(compare=request, library=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen) and app.screen.diff is not None
        assert gc.get_threshold() == collector.VIEW_THRESHOLDS
        assert gc.get_freeze_count() > 0


def test_comparing_unfreezes_and_raises_the_thresholds(restored_collector: None) -> None:
    collector.for_view()
    assert gc.get_freeze_count() > 0
    collector.for_work()
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == collector.WORK_THRESHOLDS


def test_the_apps_comparison_runs_without_collection_and_freezes_what_it_built(restored_collector: None) -> None:
    collector.for_view()
    with collector.comparing():
        assert gc.get_freeze_count() == 0 and not gc.isenabled()
        assert gc.get_threshold() == collector.WORK_THRESHOLDS
        built = [[n] for n in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() >= len(built)


def test_a_failed_comparison_leaves_the_collector_running(restored_collector: None) -> None:
    with pytest.raises(ValueError), collector.comparing():
        raise ValueError("unreadable")
    assert gc.isenabled()


def test_a_one_shot_comparison_runs_without_collection() -> None:
    try:
        collector.for_one_shot()
        assert not gc.isenabled()
    finally:
        gc.enable()


class _Value:
    """An object a weak reference can follow."""


def test_a_one_shot_comparison_keeps_its_diff_until_exit_and_other_work_keeps_nothing() -> None:
    kept, passing = _Value(), _Value()
    kept_ref, passing_ref = weakref.ref(kept), weakref.ref(passing)
    try:
        collector.for_work()
        collector.leave_at_exit(passing)
        collector.for_one_shot()
        collector.leave_at_exit(kept)
        del kept, passing
        assert passing_ref() is None
        assert kept_ref() is not None  # freed by the OS when the process leaves, never object by object
        collector.for_work()
        assert kept_ref() is None
    finally:
        collector.for_work()
        gc.enable()
