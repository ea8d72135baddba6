"""The Compare screen's actions (Pilot): normalization, export, swap, bad files, help, palette, theme."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.message import Message

from corpus.read import source_from_bytes
from tests.tui.conftest import app_on, notes, pair_request, screen_of, settle
from tui.messages import DiffFailed, DiffReady, ExportFinished
from tui.screens.compare import CompareScreen
from tui.sides import CompareRequest, FileSide, TextSide


async def test_t_switches_inline_diff_to_characters_and_recomputes_staying_at_the_same_place() -> None:
    messages: list[Message] = []
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("n", "n", "n", "n")
        screen = screen_of(app)
        place = screen.diff.place(screen.diff.rows[screen.view.cursor_row()])
        assert place == "第二条/(二)"
        await pilot.press("t")
        assert type(app.screen).__name__ == "OptionsScreen"
        await pilot.press("4", "enter")
        await settle(pilot)
        ready = [m for m in messages if isinstance(m, DiffReady)]
        assert [m.diff.options.inline for m in ready] == ["word", "char"]
        assert "by char" in str(screen_of(app).query_one("#summary").render())
        assert screen.diff.place(screen.diff.rows[screen.view.cursor_row()]) == place


async def test_turning_traditional_to_simplified_off_makes_the_script_differ() -> None:
    messages: list[Message] = []
    simplified = "第一条\n国务院关于修改全国年节及纪念日放假办法的决定。\n"
    traditional = "第一条\n國務院關於修改全國年節及紀念日放假辦法的決定。\n"
    app = app_on(
        CompareRequest(
            TextSide(source_from_bytes("简", simplified.encode())),
            TextSide(source_from_bytes("繁", traditional.encode())),
        )
    )
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        assert screen_of(app).diff.same
        await pilot.press("t", "1", "enter")
        await settle(pilot)
        after = screen_of(app).diff
        assert after.options.script == "none" and after.summary.counts["modified"] == 1


async def test_export_writes_the_json_report_chosen_by_suffix(tmp_path: Path) -> None:
    messages: list[Message] = []
    app = app_on(pair_request())
    target = tmp_path / "review.json"  # (a folder that does not exist is refused: issue 21, defect 3)
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("e")
        field = app.screen.query_one("#path")
        field.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        done = [m for m in messages if isinstance(m, ExportFinished)]
        assert len(done) == 1 and done[0].fmt == "json" and not done[0].error
    report = json.loads(target.read_text(encoding="utf-8"))
    assert report["format"] == "wendiff.diff"


async def test_export_of_a_format_not_installed_is_a_warning_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import diffing.reports

    def missing(diff: object, fmt: str) -> str:
        raise ImportError("No module named 'diffing.reports.redline_html'")

    monkeypatch.setattr(diffing.reports, "render", missing)
    messages: list[Message] = []
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("e")
        app.screen.query_one("#path").value = str(tmp_path / "r.html")
        await pilot.press("enter")
        await settle(pilot)
        assert any("html export is not available yet" in n for n in notes(messages))
        assert isinstance(app.screen, CompareScreen)
    assert not (tmp_path / "r.html").exists()


async def test_s_swaps_the_two_sides() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        diff = screen_of(app).diff
        assert (diff.a.name, diff.b.name) == ("01/b.txt", "01/a.txt")
        assert diff.summary.counts["deleted"] == 5


async def test_a_missing_file_is_a_one_line_notification_and_the_app_keeps_running(tmp_path: Path) -> None:
    messages: list[Message] = []
    missing = str(tmp_path / "nowhere.txt")
    app = app_on(CompareRequest(FileSide(missing), FileSide(missing)))
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        await settle(pilot)
        failed = [m for m in messages if isinstance(m, DiffFailed)]
        assert len(failed) == 1 and failed[0].error.startswith(missing) and "\n" not in failed[0].error
        assert failed[0].error in notes(messages)
        assert app.is_running and screen_of(app).diff is None


async def test_a_binary_file_is_a_notification(tmp_path: Path) -> None:
    messages: list[Message] = []
    binary = tmp_path / "x.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    app = app_on(CompareRequest(FileSide(str(binary)), FileSide(str(binary))))
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        await settle(pilot)
        assert next(m.error for m in messages if isinstance(m, DiffFailed)).startswith(str(binary))


async def test_help_lists_the_keys_of_the_screen_it_was_opened_from() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        keys = {key for key, _, _ in app.screen.keys}
        assert {"n", "p", "f", "t", "/", "g", "e", "s", "?"} <= keys
        await pilot.press("escape")
        assert isinstance(app.screen, CompareScreen)


async def test_command_palette_offers_every_binding_by_name() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Next (n)", "Search (/)", "Export (e)", "Swap (s)", "Help (?)"} <= titles


async def test_d_switches_between_dark_and_light_theme() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.current_theme.dark
        await pilot.press("d")
        assert not app.current_theme.dark
