"""Folding by cell width: heights agree with the lines drawn, CJK takes two cells, controls are made safe."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size

import tui.wrap
from tui.wrap import CLOSING, OPENING, count_lines, displayable, fold, width

# Letters, digits, CJK, full-width forms, combining marks, zero-width space, emoji and line breaks.
ALPHABET = st.sampled_from(list("ab 1，。、（）第条款中华人民共和国ＡＢ１\u0301\u200b\n😀ｶ"))
TEXTS = st.text(ALPHABET, max_size=120)


def test_chinese_character_takes_two_cells() -> None:
    assert width("第一条") == 6
    assert width("第1条") == 5


def test_folding_never_splits_a_wide_character_across_the_edge() -> None:
    lines = fold([("中华人民", "x")], 5)
    assert ["".join(t for t, _ in line) for line in lines] == ["中华", "人民"]


def test_line_break_always_starts_a_new_line() -> None:
    assert count_lines("甲\n\n乙", 80) == 3
    assert len(fold([("甲\n\n乙", "x")], 80)) == 3


def test_controls_become_visible_and_carriage_returns_vanish() -> None:
    assert displayable("a\x1b[31mb\r\n\tc") == "a\u241b[31mb\n c"


@settings(max_examples=300)
@given(TEXTS)
def test_width_agrees_with_rich_character_by_character(text: str) -> None:
    text = displayable(text).replace("\n", "")
    assert width(text) == sum(get_character_cell_size(c) for c in text)


@settings(max_examples=300)
@given(st.lists(st.tuples(TEXTS, st.sampled_from("abc")), max_size=5), st.integers(2, 40))
def test_count_lines_is_the_number_of_folded_lines_and_no_line_is_too_wide(
    pieces: list[tuple[str, str]], cells: int
) -> None:
    pieces = [(displayable(text), tag) for text, tag in pieces]
    lines = fold(pieces, cells)
    assert count_lines("".join(text for text, _ in pieces), cells) == len(lines)
    for line in lines:
        assert width("".join(text for text, _ in line)) <= cells
        assert cell_len("".join(text for text, _ in line)) <= cells


@settings(max_examples=200)
@given(st.lists(st.tuples(TEXTS, st.sampled_from("abc")), max_size=5), st.integers(2, 40))
def test_folding_keeps_every_character_in_order_with_its_tag(pieces: list[tuple[str, str]], cells: int) -> None:
    pieces = [(displayable(text), tag) for text, tag in pieces]
    lines = fold(pieces, cells)
    flat = [(c, tag) for line in lines for text, tag in line for c in text]
    expected = [(c, tag) for text, tag in pieces for c in text if c != "\n"]
    assert flat == expected


def test_width_agrees_with_rich_on_every_character_of_the_first_plane_and_on_characters_beyond() -> None:
    codes = [*range(0x10000), *range(0x10000, 0x110000, 97), 0x1F600, 0x20000, 0x2A6DF, 0xE0001, 0x10FFFF]
    assert [width(chr(c)) for c in codes] == [get_character_cell_size(chr(c)) for c in codes]


def test_the_sizes_read_from_rich_table_are_those_rich_gives_character_by_character() -> None:
    table = tui.wrap._rich_table()
    assert table is not None  # the rich this project installs has one
    assert tui.wrap._sizes(table) == tui.wrap._sizes(None)


def test_an_emoji_and_a_rare_ideograph_beyond_the_first_plane_fold_as_two_cells() -> None:
    lines = fold([("𠀀😀a", "x")], 3)
    assert ["".join(t for t, _ in line) for line in lines] == ["𠀀", "😀a"]
    assert count_lines("𠀀😀a", 3) == 2


def test_wrap_uses_only_the_public_api_of_rich() -> None:
    tree = ast.parse(Path(tui.wrap.__file__).read_text(encoding="utf-8"))
    modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module} - {"__future__"}
    assert "rich.cells" in modules
    assert all(not part.startswith("_") for m in modules for part in m.split(".")), modules


# Clauses as tokens: an optional opening bracket, one to three characters, up to two closing marks.
CORES = st.text(st.sampled_from(list("第条中华人民共和国规定ab12")), min_size=1, max_size=3)
TOKENS = st.tuples(
    st.sampled_from(["", "《", "（", "「", "『", "“", "‘"]),
    CORES,
    st.sampled_from(["", *"。，；：！？、）》」』”’", "”。", "）；", "》，"]),
).map("".join)
CLAUSES = st.lists(TOKENS, min_size=1, max_size=40).map("".join)


@settings(max_examples=400)
@given(CLAUSES, st.integers(12, 60))
def test_no_folded_line_starts_with_closing_punctuation_or_ends_with_an_opening_bracket(
    clause: str, cells: int
) -> None:
    lines = ["".join(t for t, _ in line) for line in fold([(clause, "x")], cells)]
    assert "".join(lines) == clause
    assert count_lines(clause, cells) == len(lines)
    for line in lines[1:]:
        assert line[0] not in CLOSING, lines
    for line in lines[:-1]:
        assert line[-1] not in OPENING, lines
        assert width(line) <= cells


def test_a_full_stop_that_would_start_a_line_takes_the_character_before_it_along() -> None:
    lines = fold([("中华人民共和国。", "x")], 14)
    assert ["".join(t for t, _ in line) for line in lines] == ["中华人民共和", "国。"]


def test_an_opening_title_mark_that_would_end_a_line_goes_to_the_next() -> None:
    lines = fold([("依照《中华人民共和国》", "x")], 6)
    assert ["".join(t for t, _ in line) for line in lines][:2] == ["依照", "《中华"]


def test_a_line_of_nothing_but_punctuation_still_folds_within_the_width() -> None:
    lines = fold([("。" * 10, "x")], 6)
    assert [len("".join(t for t, _ in line)) for line in lines] == [3, 3, 3, 1]
