"""The Library, History and Duplicates screens on the demo store (Pilot)."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message
from textual.notifications import Notify
from textual.widgets import DataTable

from corpus import samples
from tests.tui.conftest import HOLIDAYS, open_history, settle
from tui.app import make_app
from tui.messages import LibraryLoaded
from tui.screens.compare import CompareScreen
from tui.screens.duplicates import DuplicatesScreen
from tui.screens.history import HistoryScreen, versions_to_compare
from tui.screens.library import LibraryScreen
from tui.sides import PassageSide, StoreSide


async def test_library_lists_the_stores_documents_and_the_files_given(demo_store: Path) -> None:
    app = make_app(store=demo_store, files=[str(samples.seed("004"))])
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert [i.kind for i in screen.shown] == ["store"] * 7 + ["file"]
        assert screen.query_one(DataTable).row_count == 8


async def test_library_filter_keeps_matching_documents(demo_store: Path) -> None:
    app = make_app(store=demo_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await pilot.press("slash", *"〔2015〕")
        assert [i.key for i in screen.shown] == ["发改环资〔2015〕3214号"]


async def test_marking_two_documents_and_c_compares_their_latest_versions(demo_store: Path) -> None:
    app = make_app(store=demo_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await pilot.press("space", "down", "space", "c")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        first, second = library.shown[0], library.shown[1]
        assert app.screen.request.a == StoreSide(demo_store, first.key, first.latest)
        assert app.screen.request.b == StoreSide(demo_store, second.key, second.latest)
        assert app.screen.diff is not None
        await pilot.press("escape")
        assert app.screen is library


async def test_enter_on_a_store_document_opens_its_history_and_c_compares_its_versions(demo_store: Path) -> None:
    app = make_app(store=demo_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        library = app.screen
        assert isinstance(library, LibraryScreen)
        library.query_one(DataTable).move_cursor(row=[i.key for i in library.shown].index(HOLIDAYS))
        await pilot.press("enter")
        await settle(pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen) and history.data is not None
        assert [v.number for v in history.data.versions] == [2, 1]
        assert history.query_one("#versions", DataTable).row_count == 2
        await pilot.press("c")
        await settle(pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        assert compare.request.a == StoreSide(demo_store, HOLIDAYS, 1)
        assert compare.request.b == StoreSide(demo_store, HOLIDAYS, 2)
        assert compare.diff is not None and compare.diff.summary.counts["inserted"] == 5


async def test_blame_names_the_version_that_brought_each_clause(demo_store: Path) -> None:
    app = make_app(store=demo_store)
    async with app.run_test(size=(160, 48)) as pilot:
        history = await open_history(pilot, demo_store)
        assert history.data is not None
        blame = {line.text: line.version for line in history.data.blame}
        assert blame["第一条"] == 1
        assert blame["除个别特殊情形外,法定节假日假期前后连续工作一般不超过6天。"] == 2
        await pilot.press("down", "b")
        await settle(pilot)
        assert history.data.blamed == 1 and {line.version for line in history.data.blame} == {1}


def test_versions_to_compare_puts_the_older_first() -> None:
    from corpus.store.values import Version

    def version(n: int) -> Version:
        return Version("d", n, "c", "2024-01-01T00:00:00Z", "", "", "", "", "a.txt", "utf-8", "", 1, 1, None)

    versions = [version(3), version(2), version(1)]
    assert versions_to_compare(versions, [], 3) == (2, 3)
    assert versions_to_compare(versions, [3, 1], None) == (1, 3)
    assert versions_to_compare(versions, [1], 3) == (1, 3)
    assert versions_to_compare(versions, [], 1) is None


async def test_duplicates_finds_the_notice_pasted_twice_and_opens_its_two_copies(demo_store: Path) -> None:
    app = make_app(store=demo_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        dups = app.screen
        assert isinstance(dups, DuplicatesScreen)
        first = dups.lines[0]
        assert (first.kind, first.where) == ("repeat", "渝规资〔2021〕428号@1")
        assert any(line.kind == "shared" and "重庆日报-2021-06-25@1" in line.where for line in dups.lines)
        await pilot.press("enter")
        await settle(pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        assert isinstance(compare.request.a, PassageSide) and compare.request.a.name.endswith("copy 1")
        assert compare.diff is not None and compare.diff.same


async def test_a_folder_that_is_not_a_store_is_a_notification_and_files_are_still_listed(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a store", encoding="utf-8")
    messages: list[Message] = []
    app = make_app(store=tmp_path, files=[str(samples.seed("001"))])
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        await settle(pilot)
        errors = [m.error for m in messages if isinstance(m, LibraryLoaded) and m.error]
        assert errors and "\n" not in errors[0]
        assert errors[0] in [m.notification.message for m in messages if isinstance(m, Notify)]
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and [i.kind for i in screen.shown] == ["file"]
