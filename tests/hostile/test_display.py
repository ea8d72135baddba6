"""Nothing a document or a file name holds reaches the terminal as a control code (issue 15, items 2 and 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.display import safe_name, safe_text
from tui.cli import main
from tui.wrap import cell, displayable

from .conftest import one_line_error

HOSTILE = "\033]0;PWNED\007\033[31m红色\033[2J"
"""Retitles the terminal, colours it red and clears the screen, when printed raw."""
BIDI = "第一条\u202e施行\u2066"


def _assert_inert(out: str) -> None:
    assert "\033" not in out and "\007" not in out and "\u202e" not in out
    assert "PWNED␇␛[31m" in out


def test_controls_and_bidi_overrides_become_visible_marks() -> None:
    assert safe_text(HOSTILE) == "␛]0;PWNED␇␛[31m红色␛[2J"
    assert safe_text(BIDI) == "第一条<U+202E>施行<U+2066>"
    assert safe_text("一\n二\t三\r") == "一\n二\t三␍"
    assert safe_text("\x85\x9b\x7f") == "<U+0085><U+009B>␡"


def test_a_name_is_one_line_and_bytes_that_were_not_utf8_are_shown_escaped() -> None:
    assert safe_name("a\nb\tc") == "a␊b␉c"
    name = b"\xff\xfe.txt".decode("utf-8", "surrogateescape")
    assert safe_name(name) == "\\xff\\xfe.txt"
    safe_name(name).encode("utf-8")


def test_the_app_shows_marks_in_the_compare_view_and_in_table_cells() -> None:
    assert "\033" not in displayable(HOSTILE) and "␛" in displayable(HOSTILE)
    assert displayable(BIDI) == "第一条<U+202E>施行<U+2066>"
    shown = cell(HOSTILE + "[bold]x[/bold]\n")
    assert shown.plain == "␛]0;PWNED␇␛[31m红色␛[2J[bold]x[/bold]␊"


@pytest.fixture
def hostile_files(tmp_path: Path) -> tuple[Path, Path]:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(f"{HOSTILE}通知\n第一条 本办法自公布之日起施行。\n", encoding="utf-8")
    b.write_text(f"{HOSTILE}通知\n第一条 本办法自发布之日起施行{HOSTILE}。\n{BIDI}\n", encoding="utf-8")
    return a, b


@pytest.mark.parametrize("color", ["never", "always"])
def test_diff_text_output_shows_marks_with_or_without_colour(
    hostile_files: tuple[Path, Path], color: str, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = hostile_files
    assert main(["diff", str(a), str(b), "--color", color, "--no-invisible", "--all"]) == 1
    out = capsys.readouterr().out
    assert "\033]" not in out and "\007" not in out and "\033[2J" not in out and "\u202e" not in out
    assert "PWNED␇␛[31m" in out and "␛[2J" in out and "<U+202E>" in out


def test_store_list_log_and_blame_show_marks(
    hostile_files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = hostile_files
    store = str(tmp_path / "store")
    assert main(["store", "add", str(a), "--doc", "notice", "--store", store]) == 0
    assert main(["store", "add", str(b), "--doc", "notice", "--store", store, "-m", HOSTILE]) == 0
    capsys.readouterr()
    for command in (["list"], ["log", "notice"], ["blame", "notice"]):
        assert main(["store", *command, "--store", store]) == 0
        _assert_inert(capsys.readouterr().out)


def test_dups_summary_shows_marks(hostile_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    a, b = hostile_files
    folder = a.parent
    (folder / "c.txt").write_text(b.read_text(encoding="utf-8") * 3, encoding="utf-8")
    assert main(["dups", str(folder), "--workers", "1", "--no-invisible"]) == 0
    out = capsys.readouterr().out
    assert "\033" not in out and "\007" not in out


def test_an_error_about_a_name_with_newlines_and_escapes_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = tmp_path / "evil\nwendiff: all good\033[2J.txt"
    assert main(["diff", str(name), str(name)]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert "evil␊wendiff: all good␛[2J.txt: no such file" in err


def test_the_apps_library_shows_a_hostile_title_as_marks(tmp_path: Path) -> None:
    import asyncio

    asyncio.run(_library_cells(tmp_path))


async def _library_cells(tmp_path: Path) -> None:
    from textual.widgets import DataTable

    from diffing.versions import open_store
    from tests.tui.conftest import settle
    from tui.app import make_app

    store = tmp_path / "store"
    with open_store(store) as opened:
        opened.add(f"{HOSTILE}通知\n第一条 本办法自公布之日起施行。\n".encode(), "hostile.txt", title=HOSTILE + BIDI)
    app = make_app(store=store)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        cells = [str(getattr(c, "plain", c)) for c in table.get_row_at(0)]
        assert any("PWNED␇␛[31m" in c and "<U+202E>" in c for c in cells)
        assert not any("\033" in c or "\u202e" in c for c in cells)
