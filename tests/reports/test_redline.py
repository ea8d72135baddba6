"""The redline stream (diffing/redline.py): every character of both documents, tracked."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.pipeline import from_text
from diffing.compare import compare
from diffing.redline import redline, side_text

from .handmade import auto_diff, document, make_diff
from .pairs import real_diff, real_pair_names


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.slow
@pytest.mark.parametrize("name", real_pair_names())
def test_redline_gives_back_both_documents_of_every_real_pair(name: str) -> None:
    diff = real_diff(name)
    pieces = redline(diff)
    assert side_text(pieces, "a") == _lines(diff.a.original)
    assert side_text(pieces, "b") == _lines(diff.b.original)


_LINE = st.text(alphabet="甲乙丙丁第一二条（）() 　\u200b，。", min_size=0, max_size=12)


@settings(max_examples=120, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=6), st.lists(_LINE, min_size=1, max_size=6), st.booleans())
def test_redline_gives_back_both_documents_whatever_the_text(a: list[str], b: list[str], crlf: bool) -> None:
    end = "\r\n" if crlf else "\n"
    a_text, b_text = end.join(a), "\n".join(b)
    for diff in (
        auto_diff(document(a_text), document(b_text, "b.txt")),
        compare(from_text(a_text, "a.txt"), from_text(b_text, "b.txt")),
    ):
        pieces = redline(diff)
        assert side_text(pieces, "a") == _lines(a_text)
        assert side_text(pieces, "b") == _lines(b_text)


def test_renumbered_label_is_a_change_of_its_number_only() -> None:
    diff = real_diff("01_holiday_measures")
    changed = [(p.kind, p.text) for p in redline(diff) if p.kind != "same" and not p.ignored]
    assert ("del", "七") in changed and ("ins", "八") in changed
    assert ("del", "第七条") not in changed


def test_text_equal_only_after_normalization_is_an_ignored_change_of_the_characters_that_differ() -> None:
    diff = compare(from_text("一、总则\n(一)放假\n", "a.txt"), from_text("一、总则\n（一）放假\n", "b.txt"))
    assert diff.summary.changes == 0
    pieces = redline(diff)
    assert [(p.kind, p.text, p.ignored) for p in pieces if p.kind != "same"] == [
        ("del", "(", True), ("ins", "（", True), ("del", ")", True), ("ins", "）", True),
    ]  # fmt: skip


def test_unchanged_move_is_a_named_move_pair() -> None:
    a = document("一、总则\n第一句原样\n第二句\n")
    b = document("一、总则\n第二句\n第一句原样\n", "b.txt")
    diff = make_diff(a, b, [("equal", [0], [0]), ("equal", [2], [1]), ("moved", [1], [2])])
    moves = [(p.kind, p.text, p.move) for p in redline(diff) if p.kind.startswith("move")]
    assert [kind for kind, _, _ in moves] == ["moveFrom", "moveTo"]
    assert moves[0][1] == moves[1][1] == "第一句原样" and moves[0][2] == moves[1][2]
