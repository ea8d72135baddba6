"""Articles, 款 and 项 (diffing/articles.py), Chinese numerals (corpus/markers.py) and the
correspondence of A's articles to B's (diffing/correspond.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.markers import to_chinese, to_int
from corpus.pipeline import from_text
from diffing.articles import outline
from diffing.compare import compare
from diffing.correspond import correspond
from diffing.segment import segment
from tests.reports.pairs import real_diff


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_numerals_read_back_to_the_number(n: int) -> None:
    assert to_int(to_chinese(n)) == n


def test_numerals_as_laws_write_them() -> None:
    texts = ("一百二十四", "十一", "一百零五", "二百一十", "两千", "12")
    assert [to_int(t) for t in texts] == [124, 11, 105, 210, 2000, 12]
    assert to_int("条") is None


def test_articles_numbered_in_financial_numerals_or_with_stray_spaces_have_their_numbers() -> None:
    text = "第壹条 为了规范。\n第贰拾条 本法自公布之日起施行。\n第一百二十四 条 附则。\n第五条之一 补充。\n"
    doc = from_text(text, "a.txt")
    units = outline(doc, segment(doc)).units
    assert [(u.label, u.number) for u in units] == [
        ("第壹条", 1), ("第贰拾条", 20), ("第一百二十四条", 124), ("第五条之一", None)
    ]


def test_a_reference_to_an_articles_paragraph_after_a_semicolon_opens_no_article() -> None:
    """农产品质量安全法 2006 第五十二条: ``……由农业行政主管部门决定；第五十条第二款、第三款规定的处理、处罚，由
    工商行政管理部门决定。`` cites 第五十条 after a cut; it is no second 第五十条."""
    text = (
        "第五十条 违反本法的，责令改正。\n"
        "第五十二条 本法第五十条第一款规定的处罚，由农业行政主管部门决定；第五十条第二款、第三款规定的处理、处罚，"
        "由工商行政管理部门决定。第五十一条、第五十三条规定的处罚，由本部门决定。\n第五十三条 本法自公布之日起施行。\n"
    )
    doc = from_text(text, "a.txt")
    assert [c.text for c in segment(doc) if c.kind == "article"] == ["第五十条", "第五十二条", "第五十三条"]


def test_a_label_followed_by_a_stray_enumeration_comma_still_opens_its_article() -> None:
    """Only 、 or 至 before another 第… makes a 第X条 a citation: ``第二条 、家保护…`` (a damaged first
    character) is still 第二条 (the 修改决定 property test found it drafted as a merge of 第一条 and 第二条)."""
    text = "第一条 各级人民政府应当加强领导。\n第二条 、家保护公民的合财产不受侵犯。\n第三条 本法自公布之日起施行。\n"
    doc = from_text(text, "a.txt")
    assert [c.text for c in segment(doc) if c.kind == "article"] == ["第一条", "第二条", "第三条"]


def test_a_division_heading_with_spaces_inside_is_one_heading_clause() -> None:
    text = "第七章  法律责任\n第五十条 违反本法。\n第八章 附 则\n第二编 物权\n第一分编　 通则\n第一章 一般规定\n"
    doc = from_text(text, "a.txt")
    headings = [(c.place, c.text) for c in segment(doc) if c.kind == "heading"]
    assert headings == [
        ("第七章", "第七章法律责任"),
        ("第八章", "第八章附则"),
        ("第二编", "第二编物权"),
        ("第二编/第一分编", "第一分编通则"),
        ("第二编/第一分编/第一章", "第一章一般规定"),
    ]


def test_pair_01_articles_with_their_kuan_and_items() -> None:
    diff = real_diff("01_holiday_measures")
    b = outline(diff.b, diff.b_clauses)
    articles = [u for u in b.units if u.kind == "article"]
    assert [u.number for u in articles] == list(range(1, 9))
    second = articles[1]
    assert len(second.kuan) == 1 and len(second.kuan[0]) == 8  # one 款: the lead-in and its seven 项
    assert [p.item for p in second.paragraphs] == [False] + [True] * 7
    assert b.paragraph_text(second.paragraphs[0], drop_label=True) == "全体公民放假的节日："
    assert b.title == "全国年节及纪念日放假办法"
    assert b.date.startswith("2024年11月10日")
    assert all(b.unit_of[i] == -1 for i in b.front)


def test_paragraphs_follow_the_original_line_breaks() -> None:
    diff = real_diff("06_company_law")
    a = outline(diff.a, diff.a_clauses)
    sixth = next(u for u in a.units if u.label == "第六条")
    assert len(sixth.kuan) == 3
    third = "公众可以向公司登记机关申请查询公司登记事项，公司登记机关应当提供查询服务。"
    assert a.paragraph_text(sixth.paragraphs[2]) == third
    headings = [a.paragraph_text(u.paragraphs[0]) for u in a.units if u.kind == "heading"]
    assert headings[0] == "## 第一章 总则"


def test_a_text_without_articles_has_no_front_matter_and_no_article_units() -> None:
    doc = from_text("一、总体要求\n坚持生态优先。\n二、主要任务\n加强管控。\n", "n.txt")
    o = outline(doc, segment(doc))
    assert o.front == () and {u.kind for u in o.units} == {"text"}
    assert len(o.units) == 2


def test_pair_01_correspondence_names_the_new_and_the_renumbered_article() -> None:
    corr = correspond(real_diff("01_holiday_measures"))
    seen = []
    for link in corr.links:
        a, b = corr.a_unit(link), corr.b_unit(link)
        seen.append((a.label if a else None, b.label if b else None, link.status, corr.renumbered(link)))
    assert ("第二条", "第二条", "modified", False) in seen
    assert ("第六条", "第六条", "modified", False) in seen
    assert (None, "第七条", "inserted", False) in seen
    assert ("第七条", "第八条", "unchanged", True) in seen


@pytest.mark.parametrize("name", ["01_holiday_measures", "04_admin_reconsideration_law", "06_company_law"])
def test_every_unit_of_both_sides_is_in_exactly_one_link(name: str) -> None:
    corr = correspond(real_diff(name))
    assert sorted(link.a for link in corr.links if link.a is not None) == list(range(len(corr.a.units)))
    assert sorted(link.b for link in corr.links if link.b is not None) == list(range(len(corr.b.units)))
    b_order = [link.b for link in corr.links if link.b is not None]
    assert b_order == sorted(b_order)


def test_identical_articles_renumbered_in_order_are_unchanged_not_moved() -> None:
    a = "第一条 甲方应当守法。\n\n第二条 乙方应当纳税。\n\n第三条 本法自公布之日起施行。\n"
    b = "第一条 新增的规定。\n\n第二条 甲方应当守法。\n\n第三条 乙方应当纳税。\n\n第四条 本法自公布之日起施行。\n"
    corr = correspond(compare(from_text(a, "a.txt"), from_text(b, "b.txt")))
    statuses = [(link.status, corr.renumbered(link)) for link in corr.links]
    assert statuses == [("inserted", False), ("unchanged", True), ("unchanged", True), ("unchanged", True)]


def test_a_long_text_before_the_first_article_is_content_not_front_matter() -> None:
    body = "各单位要认真贯彻执行，切实加强管理。\n\n" * 200
    notice = "关于印发管理办法的通知\n\n" + body + "第一条 为了加强管理，制定本办法。\n"
    doc = from_text(notice, "n.txt")
    o = outline(doc, segment(doc))
    assert o.front == ()
    assert o.units[0].kind == "text" and o.units[-1].kind == "article"


def test_an_item_indented_with_spaces_is_still_an_item_and_a_paren_that_is_none_is_no_item() -> None:
    """The outline asks ITEM only of a text whose first character can open one (a bracket, or a space
    before it): indented items stay items, a bracket that opens no item stays the 款's text."""
    text = "第一条 下列情形：\n\u3000\u3000（一）甲；\n  (二)乙；\n（注：丙）\n\n第二条 本法自公布之日起施行。\n"
    doc = from_text(text, "a.txt")
    first = outline(doc, segment(doc)).units[0]
    assert [p.item for p in first.paragraphs] == [False, True, True, False]
