"""Fixtures for the app's tests: comparisons of the bundled samples, a demo store, and Pilot helpers."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot

from corpus import samples
from corpus.pipeline import load
from corpus.read import source_from_bytes
from diffing.compare import compare
from diffing.model import Diff
from tui.app import WendiffApp, make_app
from tui.compat_textual import screen_strips
from tui.screens.compare import CompareScreen
from tui.screens.history import HistoryScreen
from tui.sides import CompareRequest, TextSide
from tui.view_lines import Layout


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests (Pilot drives the app from a coroutine) in a fresh event loop each."""
    test = pyfuncitem.obj
    if not inspect.iscoroutinefunction(test):
        return None
    names = inspect.signature(test).parameters
    asyncio.run(test(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


def pair_request(name: str = "01_holiday_measures") -> CompareRequest:
    """A real pair as in-memory sides with stable names (snapshots must not show checkout paths)."""
    a, b = samples.real_pair(name)
    short = name.split("_", 1)[0]
    return CompareRequest(
        TextSide(source_from_bytes(f"{short}/a.txt", a.read_bytes())),
        TextSide(source_from_bytes(f"{short}/b.txt", b.read_bytes())),
    )


def seed_request(a: str, b: str) -> CompareRequest:
    """Two seed documents as in-memory sides named by their numbers."""
    return CompareRequest(
        TextSide(source_from_bytes(f"seed {a}", samples.seed(a).read_bytes())),
        TextSide(source_from_bytes(f"seed {b}", samples.seed(b).read_bytes())),
    )


@pytest.fixture(scope="session")
def pair01() -> Diff:
    a, b = samples.real_pair("01_holiday_measures")
    return compare(load(str(a)), load(str(b)))


@pytest.fixture(scope="session")
def seeds_000_001() -> Diff:
    return compare(load(str(samples.seed("000"))), load(str(samples.seed("001"))))


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store (five seeds, pairs 01 and 03 as two versions each), built once.

    Its path is long enough that the Library shows only its last two parts, the same in every run.
    """
    from tui.demo import build_demo_store

    return build_demo_store(tmp_path_factory.mktemp("demo") / "the-demo-store-of-the-app-tests" / "store")


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until every worker is done and its messages are handled."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.wait_for_scheduled_animations()  # and whatever widgets deferred to idle (table widths)


HOLIDAYS = "全国年节及纪念日放假办法"
"""The demo store's document with two versions (2013 and 2024)."""


async def open_history(pilot: Pilot[Any], store: Path, doc_id: str = HOLIDAYS) -> HistoryScreen:
    """Settle the app Pilot drives, open the History of ``doc_id`` in ``store`` and settle again."""
    await settle(pilot)
    pilot.app.push_screen(HistoryScreen(store, doc_id))
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def app_on(request: CompareRequest) -> WendiffApp:
    """The app opened straight on Compare for ``request``."""
    return make_app(compare=request, library=False)


async def layout_of(request: CompareRequest, size: tuple[int, int] = (160, 48)) -> Layout:
    """The Compare screen's layout once ``request`` is shown at ``size`` (the app closed again)."""
    app = app_on(request)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        layout = screen_of(app).view.layout_
    assert layout is not None
    return layout


@asynccontextmanager
async def export_dialog(
    size: tuple[int, int] = (160, 48),
) -> AsyncIterator[tuple[WendiffApp, Pilot[Any], list[Message]]]:
    """The app on pair 01 at ``size`` with the export dialog open, and the messages it posts."""
    messages: list[Message] = []
    app = app_on(pair_request())
    async with app.run_test(size=size, message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        yield app, pilot, messages


def screen_of(app: WendiffApp) -> CompareScreen:
    """The app's current screen, which must be Compare."""
    assert isinstance(app.screen, CompareScreen)
    return app.screen


def notes(messages: list[Message]) -> list[str]:
    """The texts of the notifications among ``messages``."""
    return [m.notification.message for m in messages if isinstance(m, Notify)]


DATA = Path(__file__).resolve().parents[1] / "data" / "real"


def data_request(name: str) -> CompareRequest:
    """A pair of tests/data/real as in-memory sides named by its number."""
    folder = next(DATA.glob(f"{name}_*"))
    short = name.split("_", 1)[0]
    return CompareRequest(
        TextSide(source_from_bytes(f"{short}/a.txt", (folder / "a.txt").read_bytes())),
        TextSide(source_from_bytes(f"{short}/b.txt", (folder / "b.txt").read_bytes())),
    )


def screen_text(app: WendiffApp) -> list[str]:
    """The lines the terminal shows now, as the compositor draws them from the widgets' caches."""
    return [strip.text for strip in screen_strips(app.screen)]
