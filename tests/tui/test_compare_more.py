"""Layout by width, swap, go to, a missing file, no changes, tables wider than the screen
(items 11–14 of issue 12)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.message import Message
from textual.widgets import Static

from corpus.read import source_from_bytes
from tests.tui.conftest import app_on, notes, pair_request, screen_of, settle
from tui.app import make_app
from tui.lookup import find_place
from tui.sides import CompareRequest, TextSide

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("columns", "mode"), [(109, "unified"), (110, "side"), (111, "side")])
async def test_side_by_side_starts_at_110_columns_as_in_wendiff_diff(columns: int, mode: str) -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(columns, 30)) as pilot:
        await settle(pilot)
        assert screen_of(app).view.mode == mode


async def test_the_first_l_on_a_wide_terminal_changes_the_layout() -> None:
    messages: list[Message] = []
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        view = screen_of(app).view
        await pilot.press("l")
        assert view.mode == "unified"
        await pilot.press("l")
        assert view.mode == "side" and view.forced_mode is None
        assert "Layout: unified (l switches back)" in notes(messages)


async def test_swap_keeps_the_cursor_at_its_place() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        await pilot.press("n", "n", "n", "n")
        place = screen.diff.place(screen.diff.rows[screen.view.cursor_row()])
        assert place
        await pilot.press("s")
        await settle(pilot)
        assert screen.diff.a.name == "01/b.txt"
        assert screen.diff.place(screen.diff.rows[screen.view.cursor_row()]) == place
        assert screen.view.cursor > 0


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("第3条", "第三条"),
        ("第二条(四)", "第二条/(四)"),
        ("二/四", "第二条/(四)"),
        ("7", "第七条"),
        ("第二条/(七)", "第二条/(七)"),
    ],
)
async def test_go_to_takes_the_forms_a_reviewer_types(query: str, place: str) -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        await pilot.press("g", *query, "enter")
        assert screen.diff.place(screen.diff.rows[screen.view.cursor_row()]) == place


def test_go_to_an_arabic_number_finds_the_article_with_that_chinese_number(pair01: object) -> None:
    rows = find_place(pair01, "6")  # type: ignore[arg-type]
    assert rows and {pair01.place(pair01.rows[r]) for r in rows} == {"第六条"}  # type: ignore[attr-defined]


def test_a_missing_file_is_a_one_line_error_and_exit_2(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.txt")
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "tui", missing, missing],
        cwd=ROOT, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip() == f"wendiff: {missing}: no such file"


async def test_with_no_changes_n_says_the_texts_are_the_same() -> None:
    messages: list[Message] = []
    text = "第一条 本办法自公布之日起施行。\n".encode()
    request = CompareRequest(TextSide(source_from_bytes("a.txt", text)), TextSide(source_from_bytes("b.txt", text)))
    app = app_on(request)
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert "No changes: the two texts are the same after normalization." in notes(messages)


async def test_a_library_too_narrow_for_its_columns_says_they_scroll(demo_store: Path) -> None:
    app = make_app(store=demo_store)
    async with app.run_test(size=(44, 24)) as pilot:  # at 80 ids and titles are cut with … and fit (issue 21)
        await settle(pilot)
        assert "← → show the columns cut off" in str(app.screen.query_one("#library-note", Static).render())
    app = make_app(store=demo_store)
    async with app.run_test(size=(200, 48)) as pilot:
        await settle(pilot)
        assert "← →" not in str(app.screen.query_one("#library-note", Static).render())


async def test_swap_keeps_the_cursor_on_the_same_modified_row() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        await pilot.press("n", "n", "n")
        before = screen.diff.rows[screen.view.cursor_row()]
        texts = (screen.diff.a_text(before), screen.diff.b_text(before))
        await pilot.press("s")
        await settle(pilot)
        after = screen.diff.rows[screen.view.cursor_row()]
        assert (screen.diff.b_text(after), screen.diff.a_text(after)) == texts and after.op == "modified"
