"""A pickled `Diff` (the app's head start sends one) leaves its outlines out and builds the same ones again."""

from __future__ import annotations

import pickle

from corpus.pipeline import load
from corpus.samples import real_pair
from diffing.compare import compare
from diffing.model import REBUILT
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
