"""The place column says which side a place belongs to and cuts long places with … (defect 4 of issue 12)."""

from __future__ import annotations

from tests.tui.conftest import app_on, data_request, pair_request, screen_of, settle
from tui.view_lines import Layout, fit_place
from tui.wrap import width


def label_lines(layout: Layout, i: int) -> list[str]:
    """The label column of entry ``i``, line by line, without the padding."""
    label = slice(1, 1 + layout.columns.label)
    out = []
    for line in layout.lines(i):
        text = "".join(t for t, _ in line)
        out.append(_cells(text, label).rstrip())
    return [t for t in out if t]


def _cells(text: str, cut: slice) -> str:
    """The characters of ``text`` in cells ``cut``."""
    out, at = "", 0
    for c in text:
        if cut.start <= at < cut.stop:
            out += c
        at += width(c)
    return out


def labels_of(layout: Layout, op: str, kind: str = "row") -> list[list[str]]:
    diff = layout.diff
    return [
        label_lines(layout, i)
        for i, e in enumerate(layout.entries)
        if e.kind == kind and diff.rows[e.row].op == op
    ]


async def test_a_deleted_row_cites_its_a_place_and_an_inserted_row_its_b_place() -> None:
    app = app_on(data_request("06"))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        layout = screen_of(app).view.layout_
        # Articles are units: 第四条's label goes with its (modified) article, never deleted + inserted.
        assert any(lines[0].startswith("- A 第") for lines in labels_of(layout, "deleted") if lines)
        assert any(lines[0].startswith("+ B 第") for lines in labels_of(layout, "inserted") if lines)
        assert ["- A 第四条"] not in labels_of(layout, "deleted")
        assert all(lines[0].startswith("- A ") or lines[0] == "-" for lines in labels_of(layout, "deleted") if lines)
        assert all(lines[0].startswith("+ B ") or lines[0] == "+" for lines in labels_of(layout, "inserted") if lines)


async def test_a_moved_row_cites_both_places_and_its_origin_says_where_it_went() -> None:
    app = app_on(data_request("06"))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        layout = screen_of(app).view.layout_
        cited = [[x.strip() for x in lines] for lines in labels_of(layout, "moved")]
        assert any(a.startswith("↔ A 第五条") and b.startswith("B 第三条") for a, b, *_ in cited)
        origins = [i for i, e in enumerate(layout.entries) if e.kind == "origin"]
        text = "".join(t for t, _ in layout.lines(origins[0])[0])
        assert "↔ A 第" in text and "moved to B 第" in text
        row = layout.diff.rows[layout.entries[origins[0]].row]
        assert layout.diff.a_text(row)[:4] in text.replace(" ", "")  # the clause's own words, not a stub


async def test_a_renumbered_label_cites_the_old_number_in_a_and_the_new_in_b() -> None:
    app = app_on(pair_request())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        layout = screen_of(app).view.layout_
        assert [[x.strip() for x in lines] for lines in labels_of(layout, "renumbered")] == [
            ["# A 第七条", "B 第八条"]
        ]


async def test_long_places_are_cut_with_an_ellipsis_and_never_overflow_the_column_at_80_columns() -> None:
    app = app_on(data_request("09"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        layout = screen_of(app).view.layout_
        room = layout.columns.label - 1
        seen = [line for i in range(len(layout.entries)) for line in label_lines(layout, i)]
        assert all(width(line) <= room for line in seen)
        assert any("…" in line for line in seen)


def test_fit_place_keeps_the_article_and_the_item_and_cuts_in_the_middle() -> None:
    assert fit_place("第一百七十一条/(一)", 12) == "第171条/(一)"
    assert fit_place("第一百二十八条/第二款/(一)", 18) == "第128条/第2款/(一)"
    assert fit_place("第一百二十八条/第二款/(一)", 16) == "第128条第2款(一)"
    assert fit_place("第一百二十八条/第二款/(一)", 12) == "第128条…(一)"
    assert fit_place("第一百二十八条/第二款/(一)", 11) == "第128…(一)"
    assert fit_place("第三条", 12) == "第三条"


def test_fit_place_keeps_every_digit_of_the_article_at_80_columns() -> None:
    # pair 10 at 80x24 showed ``第13…第2款`` for 第一百三十八条第二款: the article number itself was cut
    assert fit_place("第一百三十八条/第二款", 10) == "138条第2款"
    assert fit_place("第一百二十八条/第一款", 10) == "128条第1款"
    assert fit_place("第一千一百六十五条/第一款", 10) == "1165条1款"
    assert fit_place("第一千一百六十五条/(一)", 10) == "1165条(一)"
    assert fit_place("第一百三十九条/第二款/(一)", 10) == "第139…(一)"
