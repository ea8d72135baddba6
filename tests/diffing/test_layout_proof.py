"""Layout is a hint, never content: the same text re-laid out compares all equal.

The layouts reviewers are sent: a whole notice on one line (a web page), one
sentence per line (an editor), hard wraps every 20-80 columns with a stray space
here and there (a PDF copy).
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.pipeline import from_text
from corpus.samples import seed
from diffing.compare import compare
from diffing.model import Diff
from diffing.segment import segment
from tests.conftest import REAL, REAL_PAIRS

SEEDS = ("000", "001", "002", "003", "004")


def one_line(text: str) -> str:
    return text.replace("\r", "").replace("\n", "")


def sentence_per_line(text: str) -> str:
    return re.sub(r"([。！？；])", r"\1\n", one_line(text))


def wrapped(text: str, width: int = 37, seed_: int = 1, stray: float = 0.3) -> str:
    rng = random.Random(seed_)
    flat = one_line(text)
    lines = []
    for k in range(0, len(flat), width):
        line = flat[k : k + width]
        if len(line) > 2 and rng.random() < stray:
            p = rng.randrange(1, len(line))
            line = line[:p] + " " + line[p:]
        lines.append(line)
    return "\n".join(lines)


LAYOUTS = {"one line": one_line, "sentence per line": sentence_per_line, "wrapped at 37": wrapped}


def _not_equal(diff: Diff) -> list[tuple[str, str, str]]:
    return [(row.op, diff.a_text(row)[:30], diff.b_text(row)[:30]) for row in diff.rows if row.op != "equal"]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", SEEDS)
def test_seed_relaid_out_compares_all_equal(name: str, layout: str) -> None:
    text = seed(name).read_text(encoding="utf-8")
    diff = compare(from_text(text, name), from_text(LAYOUTS[layout](text), f"{name} {layout}"))
    assert _not_equal(diff) == []


@pytest.mark.slow
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("pair", REAL_PAIRS)
def test_real_law_relaid_out_compares_all_equal(pair: str, layout: str) -> None:
    for side in ("a", "b"):
        text = (REAL / pair / f"{side}.txt").read_text(encoding="utf-8")
        diff = compare(from_text(text, side), from_text(LAYOUTS[layout](text), f"{side} {layout}"))
        assert _not_equal(diff) == [], side


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(SEEDS),
    width=st.integers(min_value=20, max_value=80),
    seed_=st.integers(min_value=0, max_value=10_000),
)
def test_any_wrap_width_with_stray_spaces_compares_all_equal(name: str, width: int, seed_: int) -> None:
    text = seed(name).read_text(encoding="utf-8")
    relaid = wrapped(text, width, seed_)
    diff = compare(from_text(text, name), from_text(relaid, f"{name} wrapped at {width}"))
    assert _not_equal(diff) == []


def test_markers_are_clauses_wherever_the_line_breaks_fall() -> None:
    text = "各区县人民政府：现将有关事项通知如下：一、明确目标责任。先行示范地区要做好规划。（一）加强组织领导。"
    clauses = [c.text for c in segment(from_text(text))]
    assert clauses == [
        "各区县人民政府:现将有关事项通知如下:",
        "一、明确目标责任。",
        "先行示范地区要做好规划。",
        "(一)加强组织领导。",
    ]
    assert [c.place for c in segment(from_text(text))][1:] == ["一", "一", "一/(一)"]


def test_article_labels_are_found_on_one_line() -> None:
    text = "## 第一章 总则第一条 为了规范公司的组织和行为，制定本法。第二条 本法所称公司是指有限责任公司。"
    clauses = [(c.text, c.kind) for c in segment(from_text(text))]
    assert clauses == [
        ("##第一章总则", "heading"),
        ("第一条", "article"),
        ("为了规范公司的组织和行为,制定本法。", "sentence"),
        ("第二条", "article"),
        ("本法所称公司是指有限责任公司。", "sentence"),
    ]


@pytest.mark.parametrize("layout", ["第二条 第一条", "第二条\n第一条", "第二条　第一条"])
def test_an_article_whose_body_opens_with_a_cross_reference_keeps_it_as_its_body(layout: str) -> None:
    """``第二条 第一条规定的…``: a 第X条 right after a label is the body citing another article, not a
    second label (an article is never empty), however the two are laid out."""
    text = f"第一条 公司应当依法纳税。\n{layout}规定的期限届满的，应当报告。"
    clauses = [(c.text, c.kind, c.place) for c in segment(from_text(text))]
    assert clauses[2:] == [("第二条", "article", "第二条"), ("第一条规定的期限届满的,应当报告。", "sentence", "第二条")]


def test_a_changed_cross_reference_at_the_start_of_a_body_is_a_change_not_a_renumbering() -> None:
    head = "第一条 为了规范公司的行为，制定本法。\n第二条 "
    a = from_text(head + "第十二条第二款规定的期限届满的，应当报告。\n", "a.txt")
    b = from_text(head + "第十三条第二款规定的期限届满的，应当报告。\n", "b.txt")
    diff = compare(a, b)
    assert [row.op for row in diff.rows] == ["equal", "equal", "equal", "modified"]


def test_a_flattened_table_gives_the_same_cells_as_one_cell_per_line() -> None:
    per_line = "序号 |\n地区名称 |\n1 |\n北京市怀柔区 |\n1.强化协同; 2.探索机制。 |"
    flat = per_line.replace("\n", "")
    cells = [c.text for c in segment(from_text(per_line))]
    assert cells == [c.text for c in segment(from_text(flat))]
    assert cells[:4] == ["序号|", "地区名称|", "1|", "北京市怀柔区|"]


def test_heading_glued_to_its_first_sentence_is_equal_with_two_spans() -> None:
    a = "一、总体要求\n以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。\n二、主要任务"
    b = "一、总体要求以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。二、主要任务"
    diff = compare(from_text(a, "a"), from_text(b, "b"))
    assert [row.op for row in diff.rows] == ["equal", "equal"]
    glued = diff.rows[0]
    assert len(glued.a) == 2 and len(glued.b) == 1
    assert diff.ignored(glued) == ("whitespace",)  # the original texts differ by the line break: a layout difference


def test_a_real_merge_stays_merged() -> None:
    a = "县级以上人民政府应当将生态保护修复纳入国民经济和社会发展规划。所需经费列入本级财政预算。"
    b = "县级以上人民政府应当将生态保护修复纳入国民经济和社会发展规划，所需经费列入本级财政预算。"
    diff = compare(from_text(a, "a"), from_text(b, "b"))
    assert [row.op for row in diff.rows] == ["merged"]


def test_a_run_without_punctuation_is_cut_into_bounded_clauses() -> None:
    text = "甲乙丙丁戊己庚辛" * 1000
    clauses = segment(from_text(text))
    assert len(clauses) >= 8 and all(len(c.text) <= 1000 for c in clauses)
    assert "".join(c.text for c in clauses) == text


def test_an_insertion_in_a_run_without_punctuation_changes_only_the_pieces_around_it() -> None:
    rng = random.Random(3)
    run = "".join(rng.choice("国家建立健全生态保护补偿制度各级人民政府应当加强领导") for _ in range(20_000))
    diff = compare(from_text(run, "a"), from_text(run[:9_000] + "新增的文字" + run[9_000:], "b"))
    changed = [row for row in diff.rows if row.op != "equal"]
    assert 1 <= len(changed) <= 3
    assert sum(row.op == "equal" for row in diff.rows) >= len(diff.rows) - 3


def test_ignored_names_only_the_steps_that_treated_the_two_sides_differently() -> None:
    a, b = "全体公民放假的假日，应当在工作日補假。", "全体公民放假的假日，应当在工作日补假。"
    diff = compare(from_text(a, "a"), from_text(b, "b"))
    (row,) = diff.rows
    assert row.op == "equal" and diff.ignored(row) == ("script",)  # both commas were folded alike: not "width"
