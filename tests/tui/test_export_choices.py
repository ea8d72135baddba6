"""The export dialog does what it says: a typed .txt writes text, a report is offered only the formats it can be
written as, a missing folder is refused, an existing file is overwritten only when asked twice (defect 3 of
issue 21)."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message
from textual.widgets import Input, RadioButton

from tests.tui.conftest import export_dialog, notes, settle
from tui.messages import ExportFinished
from tui.screens.export import ExportScreen


def finished(messages: list[Message]) -> list[ExportFinished]:
    return [m for m in messages if isinstance(m, ExportFinished)]


async def test_a_typed_txt_suffix_writes_plain_text(tmp_path: Path) -> None:
    out = tmp_path / "p01-redline.txt"
    async with export_dialog((160, 48)) as (app, pilot, messages):
        app.screen.query_one("#path", Input).value = str(out)
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert [m.fmt for m in finished(messages)] == ["text"]
    assert "<html" not in out.read_text(encoding="utf-8").lower()


async def test_the_table_is_not_offered_as_json_and_refusals_use_the_apps_words() -> None:
    async with export_dialog((160, 48)) as (app, pilot, messages):
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        screen.query_one("#report-table", RadioButton).value = True
        await pilot.pause()
        assert screen.query_one("#fmt-json", RadioButton).disabled
        assert not screen.query_one("#fmt-html", RadioButton).disabled
        screen.query_one("#path", Input).value = "/tmp/x.json"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        said = notes(messages)
        assert isinstance(app.screen, ExportScreen)
        assert not any("--report" in n for n in said)
        assert any("新旧对照表 cannot be written as JSON" in n for n in said)


async def test_a_folder_that_does_not_exist_is_refused_not_created(tmp_path: Path) -> None:
    target = tmp_path / "nonexist" / "dir" / "x.html"
    async with export_dialog((160, 48)) as (app, pilot, messages):
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert any("no folder" in n.lower() and "nonexist" in n for n in notes(messages))
    assert not (tmp_path / "nonexist").exists()
    assert not finished(messages)


async def test_an_existing_file_is_overwritten_only_after_a_second_enter(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    out.write_text("the old report", encoding="utf-8")
    async with export_dialog((160, 48)) as (app, pilot, messages):
        app.screen.query_one("#path", Input).value = str(out)
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert out.read_text(encoding="utf-8") == "the old report"
        assert any("already exists" in n and "Enter again" in n for n in notes(messages))
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
    assert [m.fmt for m in finished(messages)] == ["html"]
    assert out.read_text(encoding="utf-8") != "the old report"


async def test_a_suffix_typed_just_before_enter_picks_the_format_it_names(tmp_path: Path) -> None:
    # in tmux at 80x24 on pair 01 the path and Enter arrive in one burst: with the table picked, a typed t.json
    # got an HTML table ("html report / Wrote …t.json"), the suffix's format not yet picked when Enter came
    out = tmp_path / "t.json"
    async with export_dialog((80, 24)) as (app, pilot, messages):
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        screen.query_one("#report-table", RadioButton).value = True
        await pilot.pause()
        field = screen.query_one("#path", Input)
        field.value = str(out)
        await field.action_submit()  # Enter in the same burst as the typing
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert any("新旧对照表 cannot be written as JSON" in n for n in notes(messages))
        text = tmp_path / "t.txt"
        field.value = str(text)
        await field.action_submit()
        await settle(pilot)
    assert not out.exists()
    assert [m.fmt for m in finished(messages)] == ["text"]
    assert "<html" not in text.read_text(encoding="utf-8").lower()
