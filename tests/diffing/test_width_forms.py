"""Half-width CJK punctuation (U+FF61–FF64) and the small forms (U+FE50–FE6B) are width, not content."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.normalize import fold_width
from corpus.pipeline import from_text
from corpus.samples import seed
from diffing.compare import compare
from diffing.segment import segment
from tests.conftest import REAL

_SMALL_AND_HALF = str.maketrans(
    {
        "。": "｡", "、": "､", "“": "｢", "”": "｣", "「": "｢", "」": "｣",
        "，": "﹐", ",": "﹐", "；": "﹔", "：": "﹕", "？": "﹖", "！": "﹗",
        "（": "﹙", "）": "﹚", "(": "﹙", ")": "﹚", "〔": "﹝", "〕": "﹞", "%": "﹪", "*": "﹡", "-": "﹣",
    }
)  # fmt: skip
"""The forms a converter or an old font may write for the usual punctuation."""


def test_small_and_half_width_forms_fold_one_for_one() -> None:
    small = "".join(chr(c) for c in range(0xFE50, 0xFE6C) if c not in (0xFE53, 0xFE67))
    assert fold_width(small).text == ",、.;:?!—()" + "{}[]#&*+-<>=\\$%@"
    assert fold_width("｡､｢｣").text == "。、“”"


def test_a_heading_written_with_a_half_width_comma_is_still_a_heading() -> None:
    clauses = segment(from_text("一､支持生态修复\n（一）强化规划引领。\n", "a.txt"))
    assert [(c.kind, c.place) for c in clauses] == [("heading", "一"), ("heading", "一/(一)")]


@pytest.mark.parametrize(
    "path",
    [seed("000"), seed("004"), REAL / "04_admin_reconsideration_law" / "b.txt", REAL / "01_holiday_measures" / "a.txt"],
    ids=["seed 000", "seed 004", "pair 04 b", "pair 01 a"],
)
def test_a_text_against_its_copy_in_small_and_half_width_forms_is_all_equal(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    copy = text.translate(_SMALL_AND_HALF)
    assert copy != text
    diff = compare(from_text(text, "a.txt"), from_text(copy, "b.txt"))
    assert [(row.op, diff.b_text(row)[:20]) for row in diff.rows if row.op != "equal"] == []
