"""Pins in the Compare screen (issue 25, item 1): X unpairs a row, x … x pins a pairing, X on a pinned row
drops its pins; the comparison is recomputed each time, survives a reload, and W writes the pins beside B,
where the next session finds them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from textual.message import Message

from tests.tui.conftest import DATA, app_on, notes, screen_of, settle
from tui.screens.compare import CompareScreen
from tui.sides import CompareRequest, FileSide


def _pair(tmp_path: Path) -> CompareRequest:
    for name in ("a.txt", "b.txt"):
        shutil.copy(DATA / "04_admin_reconsideration_law" / name, tmp_path / name)
    return CompareRequest(FileSide(str(tmp_path / "a.txt")), FileSide(str(tmp_path / "b.txt")))


def _article(place: str | None) -> str | None:
    """The article of a place (``第十三条/第一款`` → ``第十三条``)."""
    return place.split("/")[0] if place else place


def _go(screen: CompareScreen, a_place: str | None, b_place: str | None, op: str | None = None) -> None:
    """Put the cursor on the first row between the two articles (of kind ``op``)."""
    diff = screen.diff
    assert diff is not None
    k = next(
        k for k, r in enumerate(diff.rows)
        if _article(diff.place_a(r)) == a_place and _article(diff.place_b(r)) == b_place and (op is None or r.op == op)
    )  # fmt: skip
    assert screen.view.show_row(k)


def _linked(screen: CompareScreen) -> bool:
    diff = screen.diff
    assert diff is not None
    return any(diff.place_a(r) == "第十三条" and diff.place_b(r) == "第二十八条" for r in diff.rows)


async def test_unpair_survives_a_reload_is_written_beside_b_and_read_by_the_next_session(tmp_path: Path) -> None:
    request = _pair(tmp_path)
    messages: list[Message] = []
    app = app_on(request)
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        assert screen.diff is not None
        modified = screen.diff.summary.counts["modified"]
        assert _linked(screen)
        _go(screen, "第十三条", "第二十八条", "modified")
        await pilot.press("X")
        await settle(pilot)
        assert not _linked(screen) and screen.diff.summary.counts["modified"] == modified - 1
        assert any(r.pinned for r in screen.diff.rows)
        await pilot.press("r")
        await settle(pilot)
        assert not _linked(screen)
        await pilot.press("W")
        await settle(pilot)
        assert any("1 pin(s) kept in " + str(tmp_path / "b.txt.wendiff-pins.json") in n for n in notes(messages))
    sidecar = tmp_path / "b.txt.wendiff-pins.json"
    assert json.loads(sidecar.read_text(encoding="utf-8"))["pins"] == [
        {"a": "第十三条", "b": "第二十八条", "op": "unpair"}
    ]
    app = app_on(request)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        assert not _linked(screen)
        _go(screen, "第十三条", None)
        await pilot.press("X")  # on a pinned row: its pins are dropped
        await settle(pilot)
        assert _linked(screen) and not any(r.pinned for r in screen.diff.rows)


async def test_x_then_x_pins_an_a_unit_to_a_b_unit(tmp_path: Path) -> None:
    app = app_on(_pair(tmp_path))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        _go(screen, "第十八条", None)  # old 第十八条 stands alone (deleted)
        await pilot.press("x")
        _go(screen, None, "第三十二条")
        await pilot.press("x")
        await settle(pilot)
        diff = screen.diff
        assert diff is not None
        pinned = {(diff.place_a(r), diff.place_b(r)) for r in diff.rows if r.pinned and r.a and r.b}
        assert ("第十八条", "第三十二条") in pinned
        assert screen.request.pins[0].a == "第十八条" and screen.request.pins[0].b == "第三十二条"


async def test_a_bad_sidecar_is_said_and_the_comparison_runs_without_pins(tmp_path: Path) -> None:
    request = _pair(tmp_path)
    (tmp_path / "b.txt.wendiff-pins.json").write_text("{broken", encoding="utf-8")
    messages: list[Message] = []
    app = app_on(request)
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        assert _linked(screen_of(app))
        assert any("cannot read pins" in n for n in notes(messages))


async def test_pins_of_two_store_versions_are_kept_in_the_store_and_survive_a_restart(tmp_path: Path) -> None:
    from diffing.versions import open_store
    from tui.sides import StoreSide

    store = tmp_path / "store"
    with open_store(store) as opened:
        for name in ("a.txt", "b.txt"):
            opened.add_file(DATA / "04_admin_reconsideration_law" / name, doc_id="复议法")
    request = CompareRequest(StoreSide(store, "复议法", 1), StoreSide(store, "复议法", 2))
    messages: list[Message] = []
    app = app_on(request)
    async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        assert _linked(screen)
        _go(screen, "第十三条", "第二十八条", "modified")
        await pilot.press("X")
        await settle(pilot)
        await pilot.press("W")
        await settle(pilot)
        assert any(f"1 pin(s) kept in the store {store}" in n for n in notes(messages))
    assert not list(tmp_path.glob("*.wendiff-pins.json"))  # nothing beside the store
    app = app_on(request)  # a new session: the pins come from the store
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        assert not _linked(screen) and any(r.pinned for r in screen.diff.rows)
