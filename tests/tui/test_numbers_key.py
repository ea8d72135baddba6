"""The Compare screen's key for changed numbers (issue 25, item 3): m / M go to the next / previous row
whose numbers changed value and say what changed."""

from __future__ import annotations

from textual.message import Message

from corpus.read import source_from_bytes
from tests.tui.conftest import app_on, notes, pair_request, screen_of, settle
from tui.sides import CompareRequest, TextSide


async def test_m_goes_to_each_changed_number_and_says_what_changed_and_capital_m_goes_back() -> None:
    messages: list[Message] = []
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        screen = screen_of(app)

        def place() -> str:
            return screen.diff.place(screen.diff.rows[screen.view.cursor_row()])

        await pilot.press("m")
        assert place() == "第二条/(二)"
        assert any("number 1/2: 期限 3天 → 4天" in n for n in notes(messages))
        await pilot.press("m")
        assert place() == "第二条/(四)"
        assert any("number 2/2: 期限 1天 → 2天" in n for n in notes(messages))
        await pilot.press("M")
        assert place() == "第二条/(二)"


async def test_m_says_so_when_no_number_changed_value_though_written_otherwise() -> None:
    messages: list[Message] = []
    a = "第一条\n处五千元以上五万元以下的罚款。\n".encode()
    b = "第一条\n处5000元以上50000元以下的罚款，并没收违法所得。\n".encode()
    app = app_on(CompareRequest(TextSide(source_from_bytes("a", a)), TextSide(source_from_bytes("b", b))))
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("m")
        assert any("No number changed value." in n for n in notes(messages))
