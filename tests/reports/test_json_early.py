"""The JSON report written partly before the inline parts exist (`redline_json.prepare`) is the same text."""

from __future__ import annotations

import json

import pytest

from corpus.pipeline import load
from corpus.samples import real_pair, seed
from diffing.compare import compare
from diffing.reports.redline_json import Early, diff_report, dumps, prepare

PAIRS = {
    "pair 01": tuple(str(p) for p in real_pair("01_holiday_measures")),
    "seeds 000 004": (str(seed("000")), str(seed("004"))),
}


@pytest.mark.parametrize("name", PAIRS)
def test_the_parts_written_beside_the_inline_parts_give_the_same_report(name: str) -> None:
    a, b = (load(p) for p in PAIRS[name])
    kept: list[Early] = []
    diff = compare(a, b, beside=lambda early: kept.append(prepare(early)))
    assert any(text is not None for text in kept[0].encoded) and any(row.inline for row in diff.rows)
    assert dumps(diff, kept[0]) == dumps(compare(a, b))


def test_parts_prepared_for_another_diff_are_not_used() -> None:
    a, b = (load(p) for p in PAIRS["pair 01"])
    other = prepare(compare(b, a, inline=False))
    diff = compare(a, b)
    assert dumps(diff, other) == dumps(diff)


@pytest.mark.parametrize("name", PAIRS)
def test_the_json_text_is_the_report_dict_encoded(name: str) -> None:
    diff = compare(*(load(p) for p in PAIRS[name]))
    assert json.loads(dumps(diff)) == diff_report(diff)
