"""The export dialog offers the 新旧对照表 and the 修改决定 beside the redline (Pilot)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from textual.message import Message
from textual.widgets import Input, RadioButton, RadioSet

from tests.tui.conftest import app_on, notes, pair_request, settle
from tui.messages import ExportFinished
from tui.screens.compare import CompareScreen


async def test_export_writes_the_table_as_word_when_the_table_is_picked(tmp_path: Path) -> None:
    messages: list[Message] = []
    app = app_on(pair_request())
    target = tmp_path / "table.docx"
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("e")
        app.screen.query_one("#report-table", RadioButton).value = True
        await pilot.pause()
        field = app.screen.query_one("#path", Input)
        assert field.value.endswith("-table.html")  # the suggested name follows the report
        field.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        done = [m for m in messages if isinstance(m, ExportFinished)]
        assert len(done) == 1 and done[0].fmt == "docx" and not done[0].error
    grid = docx.Document(io.BytesIO(target.read_bytes())).tables[0]
    assert [c.text for c in grid.rows[0].cells] == ["修改前", "修改后", "说明"]
    assert [row.cells[2].text for row in grid.rows[1:]] == ["修改", "修改", "新增"]


async def test_amendments_as_json_are_refused_in_the_dialog(tmp_path: Path) -> None:
    messages: list[Message] = []
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("e")
        app.screen.query_one("#report-amendments", RadioButton).value = True
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(tmp_path / "d.json")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert any("The 修改决定 cannot be written as JSON" in n for n in notes(messages))
        assert not isinstance(app.screen, CompareScreen)  # the dialog stays open
    assert not (tmp_path / "d.json").exists()


async def test_the_dialog_offers_the_style_for_the_decision_only_guessed_as_the_command_line_does() -> None:
    from diffing.draft_style import STYLES
    from tui.screens.export import ExportScreen

    app = app_on(pair_request())  # pair 01: 全国年节及纪念日放假办法, a 国务院 text
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        styles = screen.query_one("#styles", RadioSet)
        assert not styles.display  # the redline has no drafting style
        screen.query_one("#report-amendments", RadioButton).value = True
        await pilot.pause()
        assert styles.display
        assert [b.id for b in styles.query(RadioButton)] == [f"style-{s}" for s in STYLES]
        assert screen.query_one("#style-state-council", RadioButton).value
        screen.query_one("#report-table", RadioButton).value = True
        await pilot.pause()
        assert not styles.display


async def test_choosing_spc_in_the_dialog_writes_an_spc_style_decision(tmp_path: Path) -> None:
    messages: list[Message] = []
    app = app_on(pair_request())
    target = tmp_path / "decision.txt"
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("e")
        app.screen.query_one("#report-amendments", RadioButton).value = True
        await pilot.pause()
        app.screen.query_one("#style-spc", RadioButton).value = True
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        done = [m for m in messages if isinstance(m, ExportFinished)]
        assert len(done) == 1 and done[0].fmt == "text" and not done[0].error
    text = target.read_text(encoding="utf-8")
    assert "\n对《全国年节及纪念日放假办法》作如下修改：\n" in text  # not the 国务院 opening it would guess
    assert text.rstrip().endswith("根据本决定，《全国年节及纪念日放假办法》作相应修改，重新公布。")
