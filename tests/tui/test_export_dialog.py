"""The export dialog: Enter in the format list writes, and a narrow terminal shows the folder (defect 7 of issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.message import Message
from textual.widgets import Label

from tests.tui.conftest import app_on, pair_request, settle
from tui.messages import ExportFinished
from tui.screens.export import ExportScreen, FormatList
from tui.wrap import elide_middle, width


async def test_enter_in_the_format_list_writes_the_highlighted_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    messages: list[Message] = []
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(FormatList).focus()
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        done = [m for m in messages if isinstance(m, ExportFinished)]
        assert len(done) == 1 and done[0].fmt == "docx" and not done[0].error
        assert done[0].path.suffix == ".docx" and done[0].path.parent == tmp_path
        assert not isinstance(app.screen, ExportScreen)
    assert (tmp_path / done[0].path.name).read_bytes()[:2] == b"PK"


async def test_at_80_columns_the_path_shows_its_folder_and_its_name() -> None:
    app = app_on(pair_request())
    deep = "/srv/reviews/2026/全国年节及纪念日放假办法/drafts/for-the-minister/round-two/wendiff-a-vs-b.html"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#path").value = deep
        await pilot.pause()
        shown = str(app.screen.query_one("#path-shown", Label).render())
        assert shown.startswith("/srv/reviews") and shown.endswith("wendiff-a-vs-b.html") and "…" in shown
        assert width(shown) <= 80


def test_elide_middle_keeps_both_ends() -> None:
    assert elide_middle("/a/b/c/d/e/f/name.html", 12) == "/a/…ame.html"
    assert elide_middle("short", 12) == "short"


def test_the_dialog_offers_every_format_the_report_module_writes() -> None:
    from diffing.reports import FORMATS
    from tui.screens.export import EXPORT_FORMATS

    assert sorted(fmt for fmt, _ in EXPORT_FORMATS) == sorted(FORMATS)
    assert EXPORT_FORMATS[0][0] == "html"
