"""Book-title marks OCR misreads inside a title are put back by the nesting rule (issue 22, OCR accuracy)."""

from __future__ import annotations

from corpus.title_marks import fix_nested_titles

RIGHT = "《国务院关于修改〈全国年节及纪念日放假办法〉的决定》第一次修订"


def test_single_title_marks_read_as_double_marks_angle_brackets_or_a_parenthesis_are_put_back() -> None:
    assert fix_nested_titles("《国务院关于修改<全国年节及纪念日放假办法>的决定》第一次修订") == RIGHT
    assert fix_nested_titles("《国务院关于修改《全国年节及纪念日放假办法》的决定》第一次修订") == RIGHT
    assert fix_nested_titles("《国务院关于修改<全国年节及纪念日放假办法）的决定>第一次修订") == RIGHT


def test_a_nested_title_across_a_line_break_is_put_back_too() -> None:
    read = "会议《关于修改《中\n华人民共和国公司法》的决定》"
    assert fix_nested_titles(read) == "会议《关于修改〈中\n华人民共和国公司法〉的决定》"


def test_titles_already_right_and_marks_outside_titles_are_left_as_they_are() -> None:
    text = f"{RIGHT}；依照《中华人民共和国公司法》第五条（一）项，a<b>c，x)。"
    assert fix_nested_titles(text) == text


def test_a_parenthesis_inside_a_nested_title_stays_a_parenthesis() -> None:
    text = "《关于修改〈中华人民共和国法（试行）〉的决定》"
    assert fix_nested_titles(text.replace("〈", "《").replace("〉", "》")) == text


def test_a_title_that_never_closes_is_left_as_read() -> None:
    text = "《关于修改<全国年节及纪念日放假办法的决定，" + "甲" * 300
    assert fix_nested_titles(text) == text
    assert len(fix_nested_titles("《甲《乙《丙》》》")) == len("《甲《乙《丙》》》")
