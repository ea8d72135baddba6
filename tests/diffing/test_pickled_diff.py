"""A pickled `Diff` (the app's head start sends one) leaves its outlines out and builds the same ones again."""

from __future__ import annotations

import pickle

import pytest

from corpus.pipeline import load
from corpus.samples import real_pair
from diffing.compare import SPANS, adopt, carried, compare, spanned, with_inline
from diffing.model import REBUILT, Diff
from diffing.reports.redline_json import dumps


def test_a_pickled_diff_leaves_out_its_outlines_and_rebuilds_the_same_report() -> None:
    a, b = real_pair("01_holiday_measures")
    diff = compare(load(str(a)), load(str(b)))
    report = dumps(diff)  # builds the outlines, the structure and the places
    assert all(name in diff.__dict__ for name in REBUILT)
    received = pickle.loads(pickle.dumps(diff))
    assert not any(name in received.__dict__ for name in REBUILT)
    assert received.places == diff.places  # sent, not rebuilt
    assert dumps(received) == report
    assert received.structure.entries == diff.structure.entries


def test_a_diff_sent_before_its_inline_parts_and_given_them_after_is_the_diff_compare_returns() -> None:
    a, b = (load(str(p)) for p in real_pair("01_holiday_measures"))
    sent: list[bytes] = []
    diff = compare(a, b, beside=lambda early: sent.append(pickle.dumps(early)))
    assert any(row.inline for row in diff.rows)
    received = pickle.loads(sent[0])
    assert not any(row.inline for row in received.rows)
    rebuilt = with_inline(received, [row.inline for row in diff.rows])
    assert rebuilt.rows == diff.rows and dumps(rebuilt) == dumps(diff)


def test_a_diff_sent_with_its_spans_then_given_what_it_carries_reports_as_the_diff_compare_returns() -> None:
    a, b = (load(str(p)) for p in real_pair("01_holiday_measures"))
    sent: list[bytes] = []

    def send(early: Diff) -> None:
        sent.append(pickle.dumps(spanned(early)))
        sent.append(pickle.dumps(carried(early)))

    diff = compare(a, b, beside=send)
    received = pickle.loads(sent[0])
    assert all(name in received.__dict__ for name in SPANS) and "places" not in received.__dict__
    adopt(received, pickle.loads(sent[1]))
    assert received.__dict__["places"] == diff.places  # adopted, not built here
    rebuilt = with_inline(received, [row.inline for row in diff.rows])
    assert dumps(rebuilt) == dumps(diff)


def test_a_diff_adopts_only_values_it_carries() -> None:
    a, b = (load(str(p)) for p in real_pair("01_holiday_measures"))
    diff = compare(a, b, inline=False)
    with pytest.raises(ValueError, match="rows"):
        adopt(diff, {"rows": ()})
    with pytest.raises(ValueError, match="structure"):
        adopt(diff, {"structure": None})  # rebuilt where it is read, never sent
