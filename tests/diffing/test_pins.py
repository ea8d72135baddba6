"""Reviewer pins (issue 25, item 1): a pairing fixed by hand is applied as a constraint, shown as pinned
in every report; bad pins are reported and dropped, a bad pins file stops the command with one line."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from corpus.document import Document
from corpus.pipeline import from_text
from diffing.compare import compare
from diffing.pins import Pin, dump_pins, load_pins
from diffing.reports.redline_html import render_html
from diffing.reports.redline_json import dumps
from diffing.reports.redline_md import render_markdown
from diffing.validate import validate
from tests.conftest import REAL
from tests.hostile.conftest import one_line_error
from tui.cli import main

PAIR_04 = REAL / "04_admin_reconsideration_law"
STOCK = Pin("第十三条", "第二十八条", "unpair")
"""Pair 04: old 第十三条 (对地方各级人民政府的具体行政行为不服的，向上一级地方人民政府申请行政复议) and new
第二十八条 (对…司法行政部门的行政行为不服的，可以向本级人民政府申请行政复议 …) share little more than the
stock 对…不服的…申请行政复议 (0.55). (Old 第十八条 and new 第三十一条, which shared only 依照本法第X条的规定
办理, are no longer paired at all: `diffing.units.one_article`.)"""


@cache
def _docs() -> tuple[Document, Document]:
    return (
        from_text((PAIR_04 / "a.txt").read_text(encoding="utf-8"), "a.txt"),
        from_text((PAIR_04 / "b.txt").read_text(encoding="utf-8"), "b.txt"),
    )


def _article(place: str | None) -> str | None:
    """The article of a place (``第十三条/第一款`` → ``第十三条``)."""
    return place.split("/")[0] if place else place


def _pairs(diff: object, a_article: str) -> list[tuple[str, str | None]]:
    """(op, B's article) of the rows of one A article."""
    rows = diff.rows  # type: ignore[attr-defined]
    return [(r.op, _article(diff.place_b(r))) for r in rows if _article(diff.place_a(r)) == a_article]  # type: ignore[attr-defined]


def test_unpairing_a_stock_sentence_link_makes_both_articles_stand_alone() -> None:
    a, b = _docs()
    before = compare(a, b)
    assert ("modified", "第二十八条") in _pairs(before, "第十三条")
    after = compare(a, b, pins=[STOCK])
    assert all(b_place is None for _, b_place in _pairs(after, "第十三条"))
    assert after.summary.counts["modified"] == before.summary.counts["modified"] - 1
    assert after.summary.counts["deleted"] > before.summary.counts["deleted"]
    assert after.pin_problems == ()
    assert {r.op for r in after.rows if r.pinned} == {"deleted", "inserted"}


def test_a_pair_pin_pairs_the_two_articles_clause_by_clause() -> None:
    a, b = _docs()
    after = compare(a, b, pins=[Pin("第十八条", "第三十二条")])
    pinned = [(r.op, _article(after.place_a(r)), _article(after.place_b(r))) for r in after.rows if r.pinned]
    assert pinned and all(pa == "第十八条" and pb == "第三十二条" for _, pa, pb in pinned if pa and pb)
    assert ("renumbered", "第十八条", "第三十二条") in pinned
    assert [r.b for r in after.rows if r.b] == sorted(r.b for r in after.rows if r.b)  # still B's reading order


def test_bad_pins_are_reported_and_dropped_never_applied() -> None:
    a, b = _docs()
    pins = [Pin("第十八条", "第三十二条"), Pin("第九百条", "第一条"), Pin("第十八条", "第五条"),
            Pin("第二条", "第八十条"), Pin("第三十条", "第三条")]  # fmt: skip
    after = compare(a, b, pins=pins)
    assert after.pin_problems == (
        "pin 2 (第九百条 → 第一条): no 第九百条 in A; dropped",
        "pin 3 (第十八条 → 第五条): overlaps kept pin 1 (第十八条 → 第三十二条); dropped",
        "pin 4 (第二条 → 第八十条): crosses kept pin 1 (第十八条 → 第三十二条); dropped",
        "pin 5 (第三十条 → 第三条): crosses kept pin 1 (第十八条 → 第三十二条); dropped",
    )
    assert after.rows == compare(a, b, pins=pins[:1]).rows


def test_every_report_says_which_rows_were_pinned_and_the_json_validates() -> None:
    a, b = _docs()
    diff = compare(a, b, pins=[STOCK, Pin("第九百条", "第一条")])
    report = json.loads(dumps(diff))
    pinned = [row for row in report["rows"] if row.get("pinned")]
    assert pinned and all(row["pinned"] is True for row in pinned)
    assert report["pins_dropped"] == ["pin 2 (第九百条 → 第一条): no 第九百条 in A; dropped"]
    inputs = [((PAIR_04 / n).read_text(encoding="utf-8"), (PAIR_04 / n).read_bytes()) for n in ("a.txt", "b.txt")]
    assert validate(report, inputs[0], inputs[1]) == []
    report["rows"][0]["pinned"] = False
    assert "row 0: pinned is False, not true" in validate(report, inputs[0], inputs[1])
    assert "审阅者指定 pinned（4）" in render_markdown(diff) and "· 审阅者指定 pinned" in render_markdown(diff)
    page = render_html(diff)
    assert "<small class=pin" in page and "未采用的指定 dropped: pin 2" in page


def test_a_pins_file_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "review.pins.json"
    path.write_text(dump_pins([STOCK, Pin("第二条", "第二条")]), encoding="utf-8")
    assert load_pins(path) == (STOCK, Pin("第二条", "第二条"))


def test_diff_pins_applies_the_file_and_warns_of_dropped_pins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.json"
    path.write_text(dump_pins([STOCK, Pin("第九百条", "第一条")]), encoding="utf-8")
    out = tmp_path / "r.json"
    code = main(["diff", str(PAIR_04 / "a.txt"), str(PAIR_04 / "b.txt"), "--pins", str(path), "-o", str(out)])
    assert code == 1
    assert "pin 2 (第九百条 → 第一条): no 第九百条 in A; dropped" in capsys.readouterr().err
    assert any(row.get("pinned") for row in json.loads(out.read_text(encoding="utf-8"))["rows"])


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\xff\xfe not utf-8", "cannot read pins"),
        (b"{not json", "cannot read pins"),
        (b'{"format": "wendiff.diff", "version": 3}', "not a wendiff.pins version 1 file"),
        (b'{"format": "wendiff.pins", "version": 1, "pins": [{"a": 18}]}', "pin 1 is not"),
    ],
)
def test_a_bad_pins_file_is_one_line_error_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, problem: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    out = tmp_path / "r.json"
    code = main(["diff", str(PAIR_04 / "a.txt"), str(PAIR_04 / "b.txt"), "--pins", str(path), "-o", str(out)])
    assert code == 2
    err = one_line_error(capsys.readouterr().err)
    assert "bad.json" in err and problem in err
    assert not out.exists()


def test_a_missing_pins_file_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["diff", str(PAIR_04 / "a.txt"), str(PAIR_04 / "b.txt"), "--pins", str(tmp_path / "none.json")])
    assert code == 2
    assert "none.json: cannot read pins" in one_line_error(capsys.readouterr().err)


def test_a_pin_may_name_a_kuan_as_the_reports_cite_it() -> None:
    # the reports cite A 第十三条's text as 第十三条/第一款 (the article has two 款); a pins file written from a
    # report names that, and it resolves to that 款 alone, not to nothing
    a, b = _docs()
    diff = compare(a, b, pins=[Pin("第十三条/第一款", "第二十八条", "unpair")])
    assert diff.pin_problems == ()
    unpaired = [r for r in diff.rows if r.pinned]
    assert unpaired and {_article(diff.place_a(r)) for r in unpaired if r.a} == {"第十三条"}
    assert all(diff.place_a(r) != "第十三条/第一款" or not r.b for r in diff.rows)
