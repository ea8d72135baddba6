"""Places that cite: the column keeps the article and the item, 款 after an item list and table cells are cited
by the outline (defects 1 and 2 of issue 21)."""

from __future__ import annotations

import pytest

from tests.tui.conftest import app_on, data_request, screen_of, seed_request, settle
from tests.tui.test_place_column import label_lines
from tui.view_lines import Layout


def row_containing(layout: Layout, text: str) -> int:
    """The entry of the first row whose B text holds ``text``."""
    diff = layout.diff
    for i, e in enumerate(layout.entries):
        row = diff.rows[e.row]
        if e.kind == "row" and row.b and text in diff.b_text(row):
            return i
    raise AssertionError(text)


@pytest.mark.parametrize(("size", "article"), [((80, 24), "第139条"), ((160, 48), "第一百三十九条")])
async def test_the_place_column_keeps_the_article_number_of_a_renumbered_article(
    size: tuple[int, int], article: str
) -> None:
    app = app_on(data_request("10"))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        layout = screen_of(app).view.layout_
        assert layout is not None
        diff = layout.diff
        rows = [diff.rows[e.row] if e.kind == "row" else None for e in layout.entries]
        label = next(
            i for i, row in enumerate(rows) if row and row.op == "renumbered" and diff.b_text(row) == "第一百三十九条"
        )
        lines = label_lines(layout, label)
        assert lines[1].strip() == f"B {article}"
        assert "…" not in lines[1]


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_items_of_different_articles_are_told_apart_in_the_column(size: tuple[int, int]) -> None:
    app = app_on(data_request("10"))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        layout = screen_of(app).view.layout_
        assert layout is not None
        item = row_containing(layout, "不符合本规则规定的逮捕条件的")
        b_line = label_lines(layout, item)[1]
        assert "139" in b_line or "一百三十九" in b_line
        assert b_line.endswith("(一)")


async def test_a_paragraph_after_an_item_list_is_its_own_paragraph_and_its_items_are_its_own() -> None:
    app = app_on(data_request("10"))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        layout = screen_of(app).view.layout_
        assert layout is not None
        measure, diff = layout.measure, layout.diff

        def cited(text: str) -> str | None:
            row = diff.rows[layout.entries[row_containing(layout, text)].row]
            return measure.place_b(row)

        assert cited("有证据证明有犯罪事实是指同时具备下列情形") == "第一百二十八条/第二款"
        assert cited("有证据证明发生了犯罪事实") == "第一百二十八条/第二款/(一)"
        assert cited("可能实施新的犯罪的") == "第一百二十八条/第一款/(一)"
        assert cited("犯罪事实既可以是单一犯罪行为的事实") == "第一百二十八条/第三款"


async def test_table_cells_are_cited_as_the_table_never_as_items() -> None:
    app = app_on(seed_request("000", "004"))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        layout = screen_of(app).view.layout_
        assert layout is not None
        measure, diff = layout.measure, layout.diff
        cells = [r for r, row in enumerate(diff.rows) if row.b and diff.b_clauses[row.b[0]].kind == "row"]
        assert cells
        assert {measure.place_b(diff.rows[r]) for r in cells} == {"六/表"}
        listed = row_containing(layout, "强化跨区域协同发展的制度与机制")  # a list inside a cell
        assert measure.place_b(diff.rows[layout.entries[listed].row]) == "六/表"
