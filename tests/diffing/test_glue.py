"""Glued clauses are cut where the other side has a boundary: each unit gets its own row."""

from __future__ import annotations

import json

from corpus.pipeline import from_text
from diffing.compare import compare
from diffing.reports.redline_json import dumps
from diffing.validate import validate

NOTICE = (
    "关于加强管理的通知\n渝府发〔2021〕12号\n各区县人民政府：\n一、总体要求\n为了加强管理，制定本办法。\n"
    "二、主要任务\n推进改革，完善制度。\n重庆市人民政府\n2021年3月1日\n"
)
ONE_LINE_EDITED = (
    "关于进一步加强管理的通知渝府发〔2021〕13号各区县、自治县人民政府：一、总体要求为了加强和规范管理，"
    "制定本办法。二、主要任务推进改革，健全制度。重庆市人民政府2021年3月2日"
)


def _rows(a: str, b: str) -> list[tuple[str, list[str], list[str]]]:
    diff = compare(from_text(a, "a"), from_text(b, "b"))
    return [(r.op, [diff.a_clauses[i].text for i in r.a], [diff.b_clauses[j].text for j in r.b]) for r in diff.rows]


def test_title_number_and_addressee_glued_and_edited_get_a_row_each() -> None:
    rows = _rows(NOTICE, ONE_LINE_EDITED)
    assert rows[:3] == [
        ("modified", ["关于加强管理的通知"], ["关于进一步加强管理的通知"]),
        ("modified", ["渝府发[2021]12号"], ["渝府发[2021]13号"]),
        ("modified", ["各区县人民政府:"], ["各区县、自治县人民政府:"]),
    ]
    assert ("modified", ["2021年3月1日"], ["2021年3月2日"]) in rows
    assert ("equal", ["重庆市人民政府"], ["重庆市人民政府"]) in rows


def test_glued_text_is_cut_the_same_way_from_either_side() -> None:
    forward = _rows(NOTICE, ONE_LINE_EDITED)
    backward = _rows(ONE_LINE_EDITED, NOTICE)
    assert sorted((op, b, a) for op, a, b in backward) == sorted(forward)


def test_a_heading_glued_to_its_edited_sentence_is_cut_at_the_heading() -> None:
    a = "第一章 总则\n第一条 为了规范管理，制定本条例。\n"
    b = "第一章 总则第一条 为了加强和规范管理，根据有关法律，制定本条例。"
    rows = _rows(a, b)
    assert rows[0][0] == "equal" and rows[0][1] == ["第一章总则"]
    assert [op for op, *_ in rows[1:]] == ["equal", "modified"]


def test_rows_over_cut_clauses_pass_the_validator() -> None:
    for a, b in ((NOTICE, ONE_LINE_EDITED), (ONE_LINE_EDITED, NOTICE)):
        report = json.loads(dumps(compare(from_text(a, "a"), from_text(b, "b"))))
        assert validate(report, (a, a.encode()), (b, b.encode())) == []


def test_rewritten_text_keeps_its_clauses_whole() -> None:
    """No cut where a piece would be unlike its counterpart: the row stays as the aligner made it."""
    a = "甲乙丙丁戊己庚辛。\n子丑寅卯辰巳午未。\n"
    b = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏。"
    diff = compare(from_text(a, "a"), from_text(b, "b"))
    assert len(diff.b_clauses) == 1



def test_clauses_after_a_cut_move_down_unchanged_and_every_row_names_its_clauses_anew() -> None:
    rest = "一、总体要求\n为了加强管理，制定本办法。\n二、主要任务\n推进改革，完善制度。\n"
    a = "关于加强管理的通知\n渝府发〔2021〕12号\n" + rest
    b = "关于进一步加强管理的通知渝府发〔2021〕13号\n" + rest  # title and number glued: cut in two
    diff = compare(from_text(a, "a"), from_text(b, "b"))
    for doc, clauses in ((diff.a, diff.a_clauses), (diff.b, diff.b_clauses)):
        assert [c.index for c in clauses] == list(range(len(clauses)))
        assert all(c.text == doc.text[c.start : c.end] for c in clauses)
    assert [(c.text, c.kind, c.place, c.cut) for c in diff.b_clauses[2:]] == [
        (c.text, c.kind, c.place, c.cut) for c in diff.a_clauses[2:]
    ]
    assert [(r.op, r.a, r.b) for r in diff.rows] == [("modified", (0,), (0,)), ("modified", (1,), (1,))] + [
        ("equal", (k,), (k,)) for k in range(2, 6)
    ]
