"""Finding rows by text and by place, as a reviewer types them."""

from __future__ import annotations

from corpus.pipeline import from_text
from diffing.compare import compare
from diffing.model import Diff
from tui.lookup import canonical_place, find_place, find_rows


def test_place_with_full_width_brackets_finds_the_clause(pair01: Diff) -> None:
    rows = find_place(pair01, "第二条/（四）")
    assert rows
    assert pair01.place(pair01.rows[rows[0]]) == "第二条/(四)"


def test_place_finds_exact_match_before_places_inside_it(pair01: Diff) -> None:
    rows = find_place(pair01, "第二条")
    assert {pair01.place(pair01.rows[r]) for r in rows} == {"第二条"}


def test_last_part_of_a_place_finds_it_under_any_heading(pair01: Diff) -> None:
    rows = find_place(pair01, "(七)")
    assert [pair01.place(pair01.rows[r]) for r in rows] == ["第二条/(七)"]


def test_unknown_place_finds_nothing(pair01: Diff) -> None:
    assert find_place(pair01, "第九十九条") == []
    assert canonical_place(" 二 / （三） ") == "二/(三)"


def test_simplified_query_finds_a_traditional_original() -> None:
    diff = compare(from_text("國務院關於修改的決定\n其他", "a"), from_text("其他", "b"))
    rows = find_rows(diff, "国务院")
    assert rows and diff.a_text(diff.rows[rows[0]]).startswith("国务院")


def test_search_ignores_case_and_an_empty_query_finds_nothing() -> None:
    diff = compare(from_text("WTO规则\n其他", "a"), from_text("wto规则\n其他", "b"))
    assert find_rows(diff, "Wto")
    assert find_rows(diff, "") == []


def test_go_to_finds_an_article_numbered_in_financial_numerals_by_any_spelling() -> None:
    text = "第壹条 为了规范。\n第贰条 本办法自公布之日起施行。\n"
    diff = compare(from_text(text, "a"), from_text(text, "b"))
    for query in ("第2条", "第二条", "2", "第贰条"):
        rows = find_place(diff, query)
        assert [diff.place(diff.rows[r]) for r in rows][:1] == ["第贰条"], query
