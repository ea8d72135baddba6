"""Clauses, rows and outline units built in bulk are the values their classes build."""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError, replace

import pytest

from corpus.pipeline import from_text
from diffing import articles, structure
from diffing.fast_values import FAST, new_clause, new_row
from diffing.model import Clause, Row
from diffing.segment import segment


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


def _law() -> str:
    return (
        "中华人民共和国示例法\n\n第一章 总则\n\n第一条 为了规范。\n\n第二条 下列情形：\n（一）甲；\n（二）乙。\n\n"
        "前款规定以外的情形，依照本法。\n\n第二章 附则\n\n第三条 本法自公布之日起施行。\n"
    )


def test_the_outline_builders_still_fit_their_classes() -> None:
    assert articles._FAST and structure._FAST  # False once a class changes: update its builder (it calls the class)


def test_outlines_built_in_bulk_are_the_outlines_the_classes_build(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = from_text(_law(), "a.txt")
    clauses = segment(doc)
    law = articles.outline(doc, clauses)
    units = structure.document_outline(law)
    monkeypatch.setattr(articles, "_FAST", False)
    monkeypatch.setattr(structure, "_FAST", False)
    slow_law = articles.outline(doc, clauses)
    slow_units = structure.document_outline(slow_law)
    assert law == slow_law and hash(law.units) == hash(slow_law.units) and repr(law) == repr(slow_law)
    assert units == slow_units and hash(units) == hash(slow_units) and repr(units) == repr(slow_units)
    assert pickle.dumps(units) == pickle.dumps(slow_units)
    assert [u.level for u in units].count("item") == 2  # the text has the values the builders fill
    assert [len(u.paragraphs) for u in law.units if u.kind == "article"] == [1, 4, 1]
    assert [u.clauses for u in law.units] == [u.clauses for u in slow_law.units]
    assert [u.kuan for u in law.units] == [u.kuan for u in slow_law.units]
    unit, paragraph = units[-1], law.units[-1].paragraphs[0]
    assert replace(unit, id=99) == replace(slow_units[-1], id=99)
    with pytest.raises(FrozenInstanceError):
        unit.label = "改"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        paragraph.item = True  # type: ignore[misc]
