"""Clauses and rows built in bulk are the values their classes build."""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError, replace

import pytest

from diffing.fast_values import FAST, new_clause, new_row
from diffing.model import Clause, Row


def test_the_bulk_builders_still_fit_the_clause_and_row_classes() -> None:
    assert FAST  # False once Clause or Row changes: update diffing.fast_values (it calls the classes meanwhile)


@pytest.mark.parametrize("cut", [False, True])
def test_a_clause_built_in_bulk_is_the_clause_the_class_builds(cut: bool) -> None:
    fast = new_clause(3, 10, 14, "第一条", "article", "第一章/第一条", cut)
    slow = Clause(3, 10, 14, "第一条", "article", "第一章/第一条", cut)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert pickle.dumps(fast) == pickle.dumps(slow) and copy.copy(fast) == slow
    assert replace(fast, index=4) == replace(slow, index=4)
    with pytest.raises(FrozenInstanceError):
        fast.text = "改"  # type: ignore[misc]


def test_a_row_built_in_bulk_is_the_row_the_class_builds() -> None:
    fast, slow = new_row("modified", (1, 2), (3,), 0.75), Row("modified", (1, 2), (3,), 0.75)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert pickle.dumps(fast) == pickle.dumps(slow)
    assert replace(fast, inline=(("=", "a"),)) == replace(slow, inline=(("=", "a"),))
    with pytest.raises(FrozenInstanceError):
        fast.op = "equal"  # type: ignore[misc]
