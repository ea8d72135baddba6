"""RowTable.show_rows: a table's widths are known as soon as its rows are, not when the app is next idle."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from tui.widgets.row_table import RowTable


class _OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield RowTable(cursor_type="row")

    def on_mount(self) -> None:
        self.query_one(RowTable).add_columns("version", "note")


ROWS = [("v1", Text("中华人民共和国公司法（2018年修正）")), ("v2", Text("第二次修订"))]


async def test_widths_fit_the_widest_cell_before_the_app_is_idle_again() -> None:
    app = _OneTable()
    async with app.run_test(size=(80, 10)) as pilot:
        table = app.query_one(RowTable)
        table.show_rows(ROWS, keys=["1", "2"])
        at_once = [column.get_render_width(table) for column in table.ordered_columns]
        sideways_at_once = table.scrolls_sideways()
        await pilot.pause()
        assert at_once == [column.get_render_width(table) for column in table.ordered_columns]
        assert at_once == [len("version") + 2, 34 + 2]  # label or widest cell, in terminal cells, plus padding
        assert sideways_at_once is False and table.scrolls_sideways() is False
        assert table.get_row("2") == ["v2", ROWS[1][1]]


async def test_a_table_wider_than_the_terminal_says_so_at_once() -> None:
    app = _OneTable()
    async with app.run_test(size=(30, 10)) as pilot:
        table = app.query_one(RowTable)
        table.show_rows(ROWS)
        assert table.scrolls_sideways() is True
        table.show_rows([("v1", Text("短"))])
        assert table.scrolls_sideways() is False
        await pilot.pause()
        assert [str(label) for label in (c.label for c in table.ordered_columns)] == ["version", "note"]
