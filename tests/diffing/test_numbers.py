"""Changed numbers (issue 25, item 3): quantities read as values, compared across a changed row,
listed in every report; the lists of real pairs 01 and 06 are the ones checked by hand."""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path

import pytest
from docx import Document

from corpus.pipeline import from_text
from diffing.compare import compare
from diffing.inline import inline_diff
from diffing.model import Diff
from diffing.numbers import row_numbers
from diffing.quantities import quantities
from diffing.reports.redline_docx import render_docx
from diffing.reports.redline_html import render_html
from diffing.reports.redline_json import dumps
from diffing.reports.redline_md import render_markdown
from diffing.reports.redline_text import TextView, render_text
from diffing.validate import validate
from tests.conftest import REAL


@pytest.mark.parametrize(
    ("a", "b"),
    [("五千元", "5000元"), ("0.5万元", "五千元"), ("十五日", "15天"), ("百分之五", "5%"),
     ("五千元以上五万元以下", "5000元以上50000元以下"), ("不少于三人", "三人以上"),
     ("二〇二三年十二月二十九日", "2023年12月29日")],
)  # fmt: skip
def test_the_same_value_in_another_notation_is_the_same_quantity(a: str, b: str) -> None:
    (qa,), (qb,) = quantities(a), quantities(b)
    assert qa.value == qb.value


def test_labels_and_numerals_without_a_unit_are_no_quantities() -> None:
    assert quantities("依照本法第十二条第三款的规定，统一办理") == []


def test_a_range_with_its_qualifier_is_one_quantity() -> None:
    (q,) = quantities("处五千元以上五万元以下的罚款")
    assert q.text == "五千元以上五万元以下" and q.kind == "amount"


def test_a_bare_day_after_a_date_is_a_date_of_that_month() -> None:
    kinds = [(q.text, q.kind, q.value[2]) for q in quantities("放假3天(10月1日、2日)")]
    assert kinds == [("3天", "period", ("3",)), ("10月1日", "date", ("", "10", "1")), ("2日", "date", ("", "10", "2"))]


def _changes(a: str, b: str) -> list[tuple[str, str]]:
    return [(n.a.text, n.b.text) for n in row_numbers(a, b, inline_diff(a, b))]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("处五千元以上五万元以下的罚款", "处一万元以上十万元以下的罚款",
         [("五千元以上五万元以下", "一万元以上十万元以下")]),
        ("应当在十五日内作出决定", "应当在三十日内作出决定", [("十五日", "三十日")]),
        ("期限为10月", "期限为10个月", [("10月", "10个月")]),
        ("处五千元以上五万元以下的罚款", "处5000元以上50000元以下的罚款", []),
        ("劳动节，放假1天(5月1日)", "劳动节，放假2天(5月1日、2日)", [("1天", "2天")]),
        ("国庆节，放假3天(10月1日、2日、3日)", "国庆节，放假3天(10月1日至3日)", []),
    ],
)  # fmt: skip
def test_changed_quantities_of_a_row(a: str, b: str, expected: list[tuple[str, str]]) -> None:
    assert _changes(a, b) == expected


@cache
def _real(pair: str) -> Diff:
    return compare(
        from_text((REAL / pair / "a.txt").read_text(encoding="utf-8"), "a.txt"),
        from_text((REAL / pair / "b.txt").read_text(encoding="utf-8"), "b.txt"),
    )


def _listed(pair: str) -> list[tuple[str | None, str, str, str]]:
    report = json.loads(dumps(_real(pair)))
    return [(report["rows"][n["row"]]["place_a"], n["a"], n["b"], n["kind"]) for n in report["numbers"]]


def test_holiday_measures_numbers_checked_by_hand() -> None:
    # 春节 3→4 days and 劳动节 1→2 days; 国庆 (10月1日、2日、3日)→(10月1日至3日) names the same days,
    # the new 5月2日 is an added date, not a changed one; the new 第七条's 6天 is an inserted article.
    assert _listed("01_holiday_measures") == [
        ("第二条/(二)", "3天", "4天", "period"),
        ("第二条/(四)", "1天", "2天", "period"),
    ]


def test_company_law_numbers_checked_by_hand() -> None:
    assert _listed("06_company_law") == [
        ("第七十八条", "二人以上二百人以下", "一人以上二百人以下", "count"),
        ("第一百零二条/第二款", "百分之三以上", "百分之一以上", "percent"),
        ("第一百九十八条", "五万元以上五十万元以下", "五万元以上二百万元以下", "amount"),
        ("第二百零二条", "三万元以上三十万元以下", "一万元以上十万元以下", "amount"),
        ("第一百九十九条", "百分之五以上百分之十五以下", "五万元以上二十万元以下", "amount"),
        ("第二百一十八条", "2006年1月1日", "2024年7月1日", "date"),
    ]


def test_the_summary_counts_the_numbers_and_the_validator_accepts_them() -> None:
    report = json.loads(dumps(_real("06_company_law")))
    assert report["summary"]["numbers"] == len(report["numbers"]) == 6
    inputs = []
    for side in ("a", "b"):
        data = (REAL / "06_company_law" / f"{side}.txt").read_bytes()
        inputs.append((data.decode("utf-8"), data))
    assert validate(report, inputs[0], inputs[1]) == []
    report["numbers"][0]["a_span"] = [0, 3]
    report["numbers"][1]["kind"] = "size"
    report["summary"]["numbers"] = 5
    problems = validate(report, inputs[0], inputs[1])
    assert any("numbers[0]: a_span" in p for p in problems)
    assert any("numbers[1]: kind" in p for p in problems)
    assert any("summary numbers=5" in p for p in problems)


def test_markdown_and_html_list_the_numbers_and_mark_them_at_their_row(tmp_path: Path) -> None:
    diff = _real("01_holiday_measures")
    md = render_markdown(diff)
    assert "## 数字变化 numbers changed（2）" in md and "| 第二条/(二) | 期限 | 3天 | 4天 |" in md
    assert "数字 期限：1天 → 2天" in md
    page = render_html(diff)
    assert '<li class="numbers">数字变化 numbers <b>2</b></li>' in page
    assert "<a href=#r12>第二条/(二)</a> 期限 <del>3天</del> → <ins>4天</ins>" in page and "id=r12 " in page


def test_the_terminal_view_and_the_word_redline_list_the_numbers() -> None:
    diff = _real("01_holiday_measures")
    text = render_text(diff, TextView())
    assert "数字变化 numbers changed（2）" in text and "第二条/(二)：期限 3天 → 4天" in text
    header = Document(io.BytesIO(render_docx(diff))).sections[0].first_page_header
    lines = [p.text for p in header.paragraphs]
    assert "数字变化 numbers changed（2）" in lines and "第二条/(四)：期限 1天 → 2天" in lines
