"""What made a careful reviewer distrust a screen (issue 21): folds, words, filters, go-to, files."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input

from diffing.model import Diff
from tests.tui.conftest import app_on, data_request, layout_of, notes, pair_request, screen_of, screen_text, settle
from tui.sides import CompareRequest, FileSide
from tui.widgets.summary_bar import SummaryBar


async def test_changes_only_never_folds_a_renumbered_row_into_equal_clauses() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        view = screen_of(app).view
        await pilot.press("f")
        layout = view.layout_
        assert layout is not None
        diff = layout.diff
        folded = {r for e in layout.entries if e.kind == "fold" for r in range(e.row, e.row + e.count)}
        renumbered = {r for r, row in enumerate(diff.rows) if row.op == "renumbered"}
        assert renumbered and not folded & renumbered
        assert all(diff.rows[r].op == "equal" for r in folded)


async def test_f_on_a_renumbered_row_keeps_the_cursor_on_that_row() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        view = screen_of(app).view
        assert view.next_of("renumbered")
        row = view.cursor_row()
        await pilot.press("f")
        entry = view.cursor_entry()
        assert entry is not None and entry.kind == "row" and entry.row == row


async def test_help_names_every_export_and_both_hit_keys_and_says_what_p_does() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        keys = {key: (description, tip) for key, description, tip in app._keys()}
        assert keys["P"] == ("Prev same kind", "Previous row of this kind")
        assert "]" in keys and "[" in keys
        export = keys["e"][1]
        assert all(word in export for word in ("新旧对照表", "修改决定", "text", "HTML", "JSON"))


async def test_the_open_prompt_reads_as_a_sentence() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("O")
        label = str(app.screen.query_one("#prompt-label").render())
        placeholder = app.screen.query_one("#prompt-input").placeholder  # type: ignore[attr-defined]
        assert f"{label} {placeholder}".startswith("B file path of the file to compare with A")


async def test_n_on_an_equal_row_after_the_last_change_does_not_call_that_row_a_change() -> None:
    messages: list[Message] = []
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        view = screen_of(app).view
        await pilot.press("end")
        assert view.cursor not in view.changes
        await pilot.press("n")
        await pilot.pause()
        assert "No change below the cursor: p goes back to the last one." in notes(messages)
        assert "No change after this one." not in notes(messages)


async def test_keys_pressed_while_the_pair_loads_are_answered_not_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.screens.compare as compare_screen

    release = threading.Event()
    real = compare_screen.run_compare

    def slow(request: object, progress: object) -> object:
        release.wait(10)
        return real(request, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(compare_screen, "run_compare", slow)
    messages: list[Message] = []
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert screen_of(app).diff is None
        assert any("still comparing" in note.lower() for note in notes(messages))
        release.set()
        await settle(pilot)


async def test_a_wrapped_help_line_continues_under_its_description_not_at_column_2() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        lines = screen_text(app)
        start = next(k for k, line in enumerate(lines) if "Normalize —" in line)
        column = lines[start].index("Normalize")
        follow = lines[start + 1]
        assert "Normalize" in lines[start] and follow[column:].strip(" │█▆▅")  # the line wraps at 80
        assert follow[:column].strip(" │▌+~#-") == ""  # the wrapped part starts under "Normalize", nothing left of it


async def test_showing_only_one_kind_puts_the_cursor_on_the_first_such_row_at_or_after_it() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        view = screen.view
        await pilot.press("n")
        start = view.cursor_row()
        assert start is not None
        order = [i.row for i in view.layout_.measure.order() if i.kind == "row"]
        screen.action_only("modified")
        await pilot.pause()
        modified = [r for r in order if screen.diff.rows[r].op == "modified"]
        after = [r for r in modified if order.index(r) >= order.index(start)]
        assert view.cursor_row() == after[0]


@pytest.mark.parametrize("width", [80, 120, 160])
def test_the_bars_counts_stay_where_they_were_when_a_note_is_added(pair01: Diff, width: int) -> None:
    plain = str(SummaryBar.describe(pair01, 1, 11, "", width)).split("\n")[1]
    noted = str(SummaryBar.describe(pair01, 0, 6, "only modified rows (click its count again for all)", width))
    noted = noted.split("\n")[1]
    assert noted.index("~6") == plain.index("~6")


async def go_to(pilot: Pilot[Any], query: str) -> None:
    await pilot.press("g")
    app = pilot.app
    app.screen.query_one("#prompt-input", Input).value = query
    await pilot.press("enter")
    await pilot.pause()


async def test_go_to_a_blank_line_goes_to_the_next_line_with_text_and_says_whose_line() -> None:
    messages: list[Message] = []
    app = app_on(data_request("10"))
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        text = screen.diff.b.original.split("\n")
        blank = next(k + 1 for k in range(100, len(text)) if not text[k].strip())
        await go_to(pilot, f":{blank}")
        said = notes(messages)
        assert f"Went to line {blank + 1} of B (line {blank} is blank) (A:{blank} for A's)." in said
        row = screen.diff.rows[screen.view.cursor_row()]
        lines = screen.view.layout_.measure
        first = lines.line("b", screen.diff.b_spans(row)[0][0])
        last = lines.line("b", screen.diff.b_spans(row)[-1][1] - 1)
        assert first <= blank + 1 <= last


async def test_go_to_uses_a_numbering_when_asked() -> None:
    messages: list[Message] = []
    app = app_on(data_request("10"))
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        await go_to(pilot, "A 第一百三十九条")
        row = screen.diff.rows[screen.view.cursor_row()]
        assert screen.diff.place_a(row) == "第一百三十九条"
        await go_to(pilot, "第139条")
        row = screen.diff.rows[screen.view.cursor_row()]
        assert screen.diff.place_b(row) == "第一百三十九条"
        assert "Went to 第139条 of B (A 第139条 for A's)." in notes(messages)
        await go_to(pilot, "第128条")  # B's 第一百二十八条, not A's deleted one that comes first
        row = screen.diff.rows[screen.view.cursor_row()]
        assert screen.diff.place_b(row) == "第一百二十八条"
        await go_to(pilot, "A:120")
        row = screen.diff.rows[screen.view.cursor_row()]
        assert row.a and screen.view.layout_.measure.line("a", screen.diff.a_spans(row)[0][0]) >= 120


async def test_a_bracket_alone_is_no_place() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        before = screen.view.cursor
        await go_to(pilot, "(")
        assert screen.view.cursor == before
        assert str(app.screen.query_one("#prompt-status").render()) == "no such place"


async def test_a_compared_file_deleted_on_disk_is_announced(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("第一条 本办法自公布之日起施行。\n", encoding="utf-8")
    b.write_text("第一条 本办法自公布之日起施行。\n", encoding="utf-8")
    messages: list[Message] = []
    app = app_on(CompareRequest(FileSide(str(a)), FileSide(str(b))))
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        b.unlink()
        screen._watch_files()
        await pilot.pause()
        said = [n for n in notes(messages) if str(b) in n]
        assert said and "gone from disk" in said[0]
        screen._watch_files()
        await pilot.pause()
        assert len([n for n in notes(messages) if str(b) in n]) == 1  # said once


async def test_opening_a_folder_as_b_says_it_is_a_directory(tmp_path: Path) -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("O")
        app.screen.query_one("#prompt-input", Input).value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        assert str(app.screen.query_one("#prompt-status").render()) == "is a directory, not a file"


def test_wendiff_store_path_alone_opens_the_library_not_an_invalid_choice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    assert main(["--store", str(tmp_path)]) == 2  # the Library, which needs a terminal (pytest has none)
    err = capsys.readouterr().err
    assert "invalid choice" not in err and "needs a terminal" in err


async def test_a_filtered_library_says_how_many_it_lists_and_cuts_titles_with_an_ellipsis(demo_store: Path) -> None:
    from tui.app import make_app
    from tui.screens.library import LibraryScreen

    app = make_app(store=demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = screen_text(app)
        cut = [line for line in lines if "发改环资" in line]
        assert cut and "…" in cut[0]
        await pilot.press("slash", "３", "２", "１", "４", "escape", "escape")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        note = str(screen.query_one("#library-note").render())
        assert f"1 of {len(screen.items)} listed" in " ".join(note.split())


async def test_a_pdf_sides_line_breaks_inside_a_clause_are_joined_for_reading() -> None:
    layout = await layout_of(_pdf_pair())
    diff = layout.diff
    raw = [diff.b.original[slice(*span)] for row in diff.rows for span in diff.b_spans(row)]
    assert any("\n" in text.strip() for text in raw)  # the PDF breaks clauses across its lines
    assert all("\n" not in text for text in layout.measure.texts("b"))
    assert any("的决定》第一次修订" in text for text in layout.measure.texts("b"))


async def test_a_pdf_line_break_before_a_number_or_a_latin_word_reads_as_a_space_not_glued() -> None:
    # pair 01 as PDFs at 160x48 in tmux: ``1949 年 12 月 23 日 政务院发布1999 年 9 月 18 日`` (two lines of the
    # page in one clause, glued); a break between two Chinese characters stays joined (``的决定》``)
    layout = await layout_of(_pdf_pair())
    texts = layout.measure.texts("a")
    assert any("政务院发布 1999 年" in text for text in texts)
    assert not any("政务院发布1999" in text for text in texts)
    assert any("的决定》第一次修订" in text for text in layout.measure.texts("b"))


def _pdf_pair() -> CompareRequest:
    """Pair 01 as PDFs (tests/data/formats)."""
    data = Path(__file__).resolve().parents[1] / "data" / "formats"
    return CompareRequest(FileSide(str(data / "01a.pdf")), FileSide(str(data / "01b.pdf")))


def test_reading_joins_chinese_wraps_and_keeps_a_space_beside_latin_and_digits() -> None:
    from tui.view_lines import reading

    assert reading("的决\n定》第一次修\n订", True) == "的决定》第一次修订"
    assert reading("政务院发布\n1999 年", True) == "政务院发布 1999 年"
    assert reading("Act of\nParliament", True) == "Act of Parliament"
    assert reading("第 3\n条", True) == "第 3 条"
    assert reading("一行\n二行", False) == "一行\n二行"
