"""The 修改决定 (diffing/amendments.py, diffing/reports/amendments.py): pair 01 against a text written by hand."""

from __future__ import annotations

import io

import docx
import pytest
from markdown_it import MarkdownIt

from corpus.pipeline import from_text
from diffing.amendments import CLOSING, Decision, draft, ordinal
from diffing.compare import compare
from diffing.reports.amendments import amendments_docx, amendments_html, amendments_markdown, amendments_text

from .pairs import real_diff

# Written by hand from corpus/samples/real/01_holiday_measures/a.txt and b.txt (the 2013 and 2024 texts):
# 第二条 changed in four of its seven items (restated whole, in B's full-width brackets), 第六条 changed
# 星期六、星期日 to 周六、周日 in both its sentences, a new 第七条, and the old 第七条 is now 第八条.
# A State Council measure (its date line names 国务院): 国务院决定对…, 此外，对条文顺序作相应调整。
PAIR_01_DECISION = """关于修改《全国年节及纪念日放假办法》的决定（草稿）

国务院决定对《全国年节及纪念日放假办法》作如下修改：
一、将第二条修改为：“全体公民放假的节日：
“（一）元旦，放假1天（1月1日）；
“（二）春节，放假4天（农历除夕、正月初一至初三）；
“（三）清明节，放假1天（农历清明当日）；
“（四）劳动节，放假2天（5月1日、2日）；
“（五）端午节，放假1天（农历端午当日）；
“（六）中秋节，放假1天（农历中秋当日）；
“（七）国庆节，放假3天（10月1日至3日）。”
二、将第六条中的“星期六、星期日”修改为“周六、周日”。
三、增加一条，作为第七条：“全体公民放假的假日，可合理安排统一放假调休，结合落实带薪年休假等制度，实际形成较长假期。\
除个别特殊情形外，法定节假日假期前后连续工作一般不超过6天。”
此外，对条文顺序作相应调整。
本决定自　　年　　月　　日起施行。
《全国年节及纪念日放假办法》根据本决定作相应修改，重新公布。
"""


def _decision_01() -> Decision:
    return draft(real_diff("01_holiday_measures"))


def test_pair_01_decision_is_the_text_written_by_hand() -> None:
    assert amendments_text(_decision_01()) == PAIR_01_DECISION


def test_pair_01_in_markdown_html_and_word_holds_the_same_paragraphs() -> None:
    decision = _decision_01()
    paragraphs = PAIR_01_DECISION.splitlines()[2:]
    md_html = MarkdownIt("commonmark").render(amendments_markdown(decision))
    page = amendments_html(decision)
    document = docx.Document(io.BytesIO(amendments_docx(decision)))
    word = [p.text for p in document.paragraphs]
    assert word[0] == decision.heading
    assert word[1:] == paragraphs
    for paragraph in paragraphs:
        assert f"<p>{paragraph}</p>" in md_html
        assert f"<p>{paragraph}</p>" in page


def _pair_06() -> Decision:
    return draft(real_diff("06_company_law"))


@pytest.mark.parametrize(
    "item",
    [
        # 必须 → 应当 in A 第八条 (both 款; B 第七条), 第十七条 (B 第十六条) and more: stated once, articles listed
        "将第八条、第十六条第二款、第十七条、第四十三条第二款、第一百五十五条、第一百六十五条第二款、第一百九十二条、"
        "第一百九十六条、第一百九十七条中的“必须”修改为“应当”。",
        # A 第十二条 is B 第九条: its first 款 reworded, its second 款 unchanged
        "将第十二条第一款修改为：“公司的经营范围由公司章程规定。公司可以修改公司章程，变更经营范围。”",
        # A 第九条 (变更公司形式) is B 第十二条 word for word, after three articles taken from further on
        "将第九条改为第十二条。",
        # B 第十一条 (法定代表人的行为) has no counterpart in A
        "增加一条，作为第十一条：“法定代表人以公司名义从事的民事活动，其法律后果由公司承受。\n"
        "“公司章程或者股东会对法定代表人职权的限制，不得对抗善意相对人。\n"
        "“法定代表人因执行职务造成他人损害的，由公司承担民事责任。公司承担民事责任后，依照法律或者公司章程的规定，"
        "可以向有过错的法定代表人追偿。”",
    ],
)
def test_pair_06_items_checked_by_hand(item: str) -> None:
    assert item in _pair_06().items


def test_pair_06_closes_with_the_order_of_articles_and_renumbers_only_moved_articles() -> None:
    decision = _pair_06()  # a law: the NPC's closing says the order was adjusted
    assert decision.closing == ""
    assert decision.ending[-1] == "《中华人民共和国公司法》根据本决定作相应修改并对条文顺序作相应调整，重新公布。"
    # A 第十条 is B 第八条 word for word, in order: renumbered, so no item names it
    assert not any(item.startswith("将第十条") for item in decision.items)


def _draft(a: str, b: str) -> list[str]:
    """The numbered items, in the style that states renumbering after them (此外，对条文顺序作相应调整。)."""
    return draft(compare(from_text(a, "a.txt"), from_text(b, "b.txt")), style="state-council").numbered()


_TWO = "第一条 为了规范公司的行为，制定本法。\n\n第二条 公司应当依法纳税。\n"


def test_a_removed_paragraph_is_cited_as_a_kuan() -> None:
    a = "第一条 本法所称公司是指依照本法设立的公司。\n\n股东以出资额为限承担责任。\n\n第二条 公司应当遵守法律。\n"
    b = "第一条 本法所称公司是指依照本法设立的公司。\n\n第二条 公司应当遵守法律。\n"
    assert _draft(a, b) == ["一、删去第一条第二款。"]


def test_an_added_paragraph_becomes_a_new_kuan_quoted_from_b() -> None:
    a = "第一条 本法所称公司是指依照本法设立的公司。\n\n第二条 公司应当遵守法律。\n"
    b = "第一条 本法所称公司是指依照本法设立的公司。\n\n股东以出资额为限承担责任。\n\n第二条 公司应当遵守法律。\n"
    assert _draft(a, b) == ["一、在第一条中增加一款，作为第二款：“股东以出资额为限承担责任。”"]


def test_a_short_removal_is_quoted_in_place() -> None:
    a = "第一条 公司应当遵守法律、行政法规和社会公德。\n\n第二条 公司应当依法纳税。\n"
    b = "第一条 公司应当遵守法律和社会公德。\n\n第二条 公司应当依法纳税。\n"
    assert _draft(a, b) == ["一、删去第一条中的“、行政法规”。"]


def test_a_deleted_article_renumbers_the_rest_without_an_item_for_them() -> None:
    a = _TWO + "\n第三条 本法自公布之日起施行。\n"
    b = "第一条 为了规范公司的行为，制定本法。\n\n第二条 本法自公布之日起施行。\n"
    assert _draft(a, b) == ["一、删去第二条。", CLOSING]


def test_an_article_out_of_order_is_moved_by_number() -> None:
    a = _TWO + "\n第三条 本法自公布之日起施行。\n"
    b = "第一条 为了规范公司的行为，制定本法。\n\n第二条 本法自公布之日起施行。\n\n第三条 公司应当依法纳税。\n"
    assert _draft(a, b) == ["一、将第三条改为第二条。", CLOSING]


def test_same_articles_need_no_amendment() -> None:
    assert _draft(_TWO, _TWO) == []


def test_ordinals_count_as_chinese_documents_do() -> None:
    expected = ["一、", "十、", "十一、", "二十、", "二十一、", "一百零五、"]
    assert [ordinal(n) for n in (1, 10, 11, 20, 21, 105)] == expected


@pytest.mark.parametrize(
    "item",
    [
        "将第三条修改为：“审理本规定第二条所称案件的下级人民法院应当按照规定及时向知识产权法庭移送纸质、电子卷宗。”",
        "删去第四条、第五条。",
        "增加一条，作为第四条：“知识产权法庭可以要求当事人披露涉案知识产权相关权属、侵权、授权确权等关联案件情况。"
        "当事人拒不如实披露的，可以作为认定其是否遵循诚实信用原则和构成滥用权利等的考量因素。”",
        "将第十一条中的“第一、二、三项所称第一审案件”修改为“第一款规定类型的第一审民事和行政案件”。",
        "删去第十二条至第十四条。",  # three articles in a row: 第X条至第Y条
    ],
)
def test_pair_03_items_checked_by_hand(item: str) -> None:
    # 知识产权法庭规定 2018 → 2023: read side by side in tests/data/real/03_ip_tribunal_provisions
    assert item in draft(real_diff("03_ip_tribunal_provisions")).items


def test_texts_without_articles_say_why_there_is_no_decision() -> None:
    a = from_text("一、总体要求\n坚持生态优先。\n", "a.txt")
    b = from_text("一、总体要求\n坚持绿色发展。\n", "b.txt")
    text = amendments_text(draft(compare(a, b)))
    assert "没有“第X条”式的条文" in text


_DISSOLVE = (
    "第一条 为了规范公司的行为，制定本法。\n\n第二条 有下列情形之一的，公司应当解散：\n\n"
    "（一）公司章程规定的营业期限届满；\n\n（二）股东会决议解散；\n\n（三）依法被吊销营业执照。\n\n"
    "第三条 本法自公布之日起施行。\n"
)


def test_an_item_added_at_the_end_is_cited_as_a_new_xiang() -> None:
    b = _DISSOLVE.replace("（三）依法被吊销营业执照。", "（三）依法被吊销营业执照；\n\n（四）人民法院依法予以解散。")
    assert _draft(_DISSOLVE, b) == ["一、在第二条中增加一项，作为第四项：“（四）人民法院依法予以解散。”"]


def test_an_item_removed_from_the_end_is_cited_by_its_number() -> None:
    b = _DISSOLVE.replace("；\n\n（三）依法被吊销营业执照。", "。")
    assert _draft(_DISSOLVE, b) == ["一、删去第二条第三项。"]


def test_one_item_rewritten_is_restated_alone() -> None:
    new = "（二）因公司合并或者分立需要解散，且合并或者分立的方案已经股东会以特别决议通过并公告；"
    b = _DISSOLVE.replace("（二）股东会决议解散；", new)
    assert _draft(_DISSOLVE, b) == [f"一、将第二条第二项修改为：“{new}”"]


def test_pair_01_hard_wrapped_at_37_columns_gives_the_same_decision() -> None:
    from corpus.pipeline import load
    from tests.conftest import REAL
    from tests.diffing.test_layout_proof import wrapped

    pair = REAL / "01_holiday_measures"
    b_text = (pair / "b.txt").read_text(encoding="utf-8")
    relaid = compare(load(str(pair / "a.txt")), from_text(wrapped(b_text, stray=0.0), "b.txt"))
    assert amendments_text(draft(relaid)) == PAIR_01_DECISION


def test_a_renamed_chapter_gets_its_new_name_and_a_new_chapter_is_added_by_number() -> None:
    a = "## 第一章 总则\n\n第一条 为了规范公司的行为，制定本法。\n\n## 第二章 附则\n\n第二条 本法自公布之日起施行。\n"
    b = (
        "## 第一章 一般规定\n\n第一条 为了规范公司的行为，制定本法。\n\n## 第二章 公司登记\n\n"
        "第二条 设立公司，应当依法向公司登记机关申请设立登记。\n\n## 第三章 附则\n\n第三条 本法自公布之日起施行。\n"
    )
    assert _draft(a, b) == [
        "一、将第一章的章名修改为“一般规定”。",
        "二、增加一章，作为第二章，章名为“公司登记”。",
        "三、增加一条，作为第二条：“设立公司，应当依法向公司登记机关申请设立登记。”",
        CLOSING,
    ]


def test_new_articles_in_a_row_are_one_item_each_quoted_under_its_label() -> None:
    b = (
        "第一条 为了规范公司的行为，制定本法。\n\n第二条 国家保护公民的合法财产不受侵犯。\n\n"
        "各级人民政府应当加强领导。\n\n第三条 任何单位和个人不得非法占用耕地。\n\n第四条 公司应当依法纳税。\n"
    )
    assert _draft(_TWO, b) == [
        "一、增加两条，分别作为第二条、第三条：“第二条 国家保护公民的合法财产不受侵犯。\n"
        "“各级人民政府应当加强领导。”\n“第三条 任何单位和个人不得非法占用耕地。”",
        CLOSING,
    ]


@pytest.mark.parametrize(
    ("old", "new", "item"),
    [
        # the inline diff changes 2006年1 into 2024年7; a drafter quotes the whole date
        (
            "本法自2006年1月1日起施行。",
            "本法自2024年7月1日起施行。",
            "将第二条中的“2006年1月1日”修改为“2024年7月1日”。",
        ),
        ("应当在三十日内作出决定。", "应当在十五日内作出决定。", "将第二条中的“三十日”修改为“十五日”。"),
        (
            "处五千元以上二万元以下的罚款。",
            "处一万元以上五万元以下的罚款。",
            "将第二条中的“五千元以上二万元”修改为“一万元以上五万元”。",
        ),
        ("期限为10月。", "期限为10个月。", "将第二条中的“10月”修改为“10个月”。"),
        ("比例不得低于25%。", "比例不得低于30%。", "将第二条中的“25%”修改为“30%”。"),
    ],
)
def test_a_changed_date_or_quantity_is_quoted_whole(old: str, new: str, item: str) -> None:
    head = "第一条 为了规范公司的行为，制定本法。\n\n第二条 "
    assert _draft(head + old + "\n", head + new + "\n") == [f"一、{item}"]


def test_pair_06_quotes_the_commencement_date_whole() -> None:
    assert "将第二百一十八条中的“2006年1月1日”修改为“2024年7月1日”。" in _pair_06().items


def test_every_format_ends_as_a_promulgated_decision_does() -> None:
    decision = _decision_01()
    ending = ["本决定自　　年　　月　　日起施行。", "《全国年节及纪念日放假办法》根据本决定作相应修改，重新公布。"]
    assert amendments_text(decision).splitlines()[-2:] == ending
    assert [line for line in amendments_markdown(decision).splitlines() if line][-2:] == ending
    assert amendments_html(decision).index(ending[0]) < amendments_html(decision).index(ending[1])
    paragraphs = [p.text for p in docx.Document(io.BytesIO(amendments_docx(decision))).paragraphs if p.text]
    assert paragraphs[-2:] == ending


def test_a_text_without_a_title_ends_with_the_date_only() -> None:
    a = "第一条 公司应当遵守法律、行政法规和社会公德。\n\n第二条 公司应当依法纳税。\n"
    b = "第一条 公司应当遵守法律和社会公德。\n\n第二条 公司应当依法纳税。\n"
    decision = draft(compare(from_text(a, "a.txt"), from_text(b, "b.txt")))
    assert decision.title == ""
    last = ["一、删去第一条中的“、行政法规”。", "本决定自　　年　　月　　日起施行。"]
    assert amendments_text(decision).splitlines()[-2:] == last


def test_a_cross_reference_opening_an_article_is_amended_in_place() -> None:
    head = "第一条 为了规范公司的行为，制定本法。\n\n第二条 "
    a = head + "第十二条第二款规定的期限届满的，应当报告。\n"
    b = head + "第十三条第二款规定的期限届满的，应当报告。\n"
    assert _draft(a, b) == ["一、将第二条中的“第十二条”修改为“第十三条”。"]


@pytest.mark.parametrize(
    ("name", "phrase", "at_least"),
    [
        ("06_company_law", "中的“股东大会”修改为“股东会”。", 8),
        ("06_company_law", "中的“必须”修改为“应当”。", 9),
        ("10_procuratorate_criminal_procedure_rules", "中的“械具”修改为“戒具”。", 1),
    ],
)
def test_a_replacement_made_in_several_articles_is_stated_once(name: str, phrase: str, at_least: int) -> None:
    items = draft(real_diff(name)).items
    stating = [item for item in items if phrase in item]
    assert len(stating) == 1
    cited = stating[0][1 : stating[0].index(phrase)]
    assert cited.startswith("本") or cited.count("条") >= at_least


def test_pair_04_replacement_in_a_run_of_articles_is_one_item_with_a_run() -> None:
    # A 第三十五条 to 第三十七条 each say 行政处分 where B says 处分
    items = draft(real_diff("04_admin_reconsideration_law")).items
    assert "将第三十五条至第三十七条中的“行政处分”修改为“处分”。" in items


def test_a_heavy_revision_opens_with_the_advice_to_make_it_a_revised_text() -> None:
    # pairs 04 (72 items), 06 and 10 (hundreds): a 修订 with a 对照表 suits better; pair 01 (3 items) does not
    assert draft(real_diff("01_holiday_measures")).advice == ""
    for name in ("04_admin_reconsideration_law", "06_company_law", "10_procuratorate_criminal_procedure_rules"):
        decision = draft(real_diff(name))
        assert "宜采用修订方式" in decision.advice
        text = amendments_text(decision)
        assert text.splitlines()[2] == decision.advice
        assert decision.advice in amendments_html(decision)
        word = [p.text for p in docx.Document(io.BytesIO(amendments_docx(decision))).paragraphs]
        assert word[1] == decision.advice


def test_pair_06_merged_and_split_articles_are_one_item_each() -> None:
    items = draft(real_diff("06_company_law")).items
    merged = [item for item in items if item.startswith("将第一百三十三条、第一百三十五条合并，作为第一百五十一条")]
    split = [item for item in items if item.startswith("将第十四条分为两条，分别作为第十三条、第三十八条：“第十三条 ")]
    assert len(merged) == len(split) == 1
    # neither the split article's second half nor the merged article is presented as new, or deleted
    assert not any(item.startswith(("增加一条，作为第三十八条", "删去第一百三十五条")) for item in items)


def test_quotes_inside_a_quoted_article_are_single_quotes() -> None:
    # pair 10: B's new 第四百五十七条 says 贯彻“教育、感化、挽救”方针
    items = draft(real_diff("10_procuratorate_criminal_procedure_rules")).items
    assert any("贯彻‘教育、感化、挽救’方针" in item for item in items)
    assert not any("贯彻“教育" in item for item in items)


@pytest.mark.parametrize(
    "name", ["04_admin_reconsideration_law", "06_company_law", "10_procuratorate_criminal_procedure_rules"]
)
def test_no_quoted_fragment_is_punctuation_alone_or_cuts_a_title(name: str) -> None:
    import re

    from diffing.draft_text import punctuation_only

    items = draft(real_diff(name)).items
    fragments = [q for item in items if "中的" in item for q in re.findall(r"“([^”\n]*)”", item)]
    assert fragments
    assert not [q for q in fragments if punctuation_only(q)]
    assert not [q for q in fragments if q.count("《") != q.count("》")]


def test_items_follow_the_old_text() -> None:
    # pair 06: A 第十一条 becomes B 第五条 — its item comes after those of A 第三条 and 第四条, not before
    import re

    from corpus.markers import to_int

    items = draft(real_diff("06_company_law")).items
    cited = [re.match(r"(?:将|在|删去)第([^条]+)条", item) for item in items[:20]]
    numbers = [to_int(m.group(1)) or 0 for m in cited if m]
    assert numbers == sorted(numbers)


# The same revision as the NPC drafts a law's: pure renumbering left to the closing sentence (since 2018).
PAIR_01_NPC_ENDING = """一般不超过6天。”
本决定自　　年　　月　　日起施行。
《全国年节及纪念日放假办法》根据本决定作相应修改并对条文顺序作相应调整，重新公布。
"""
# As the Supreme People's Court drafts: every renumbering its own item, and its own closing.
PAIR_01_SPC_ENDING = """四、将第七条改为第八条。
本决定自　　年　　月　　日起施行。
根据本决定，《全国年节及纪念日放假办法》作相应修改，重新公布。
"""


def test_the_three_issuer_styles_of_pair_01_are_the_texts_written_by_hand() -> None:
    diff = real_diff("01_holiday_measures")
    assert amendments_text(draft(diff, style="state-council")) == PAIR_01_DECISION
    npc = amendments_text(draft(diff, style="npc"))
    assert npc.splitlines()[2] == "对《全国年节及纪念日放假办法》作如下修改："
    assert npc.endswith(PAIR_01_NPC_ENDING)
    spc = amendments_text(draft(diff, style="spc"))
    assert spc.splitlines()[2] == "对《全国年节及纪念日放假办法》作如下修改："
    assert spc.endswith(PAIR_01_SPC_ENDING)


@pytest.mark.parametrize(
    ("name", "style"),
    [
        ("01_holiday_measures", "state-council"),  # 国务院 in its issuer line
        ("03_ip_tribunal_provisions", "spc"),  # 最高人民法院关于…的规定
        ("06_company_law", "npc"),  # …公司法
        ("09_spc_criminal_procedure_interpretation", "spc"),
    ],
)
def test_the_style_is_guessed_from_the_title_and_issuer_line(name: str, style: str) -> None:
    assert draft(real_diff(name)).style == style


def test_the_spc_style_applied_to_a_still_gives_bs_articles() -> None:
    from .decision_applier import a_articles, apply_decision, b_articles, normal

    for name in ("03_ip_tribunal_provisions", "06_company_law"):
        diff = real_diff(name)
        got = apply_decision(draft(diff, style="spc").items, a_articles(diff))
        assert [[normal(x) for x in a] for a in got] == [[normal(x) for x in a] for a in b_articles(diff)]


def test_pair_04_chapters_follow_the_article_map() -> None:
    # A 第二章 行政复议范围 is B 第二章第一节; A 第四章 受理 is B 第三章 (renumbered only: no item);
    # B 第四章 审理 is new, and its sections name their chapter
    items = draft(real_diff("04_admin_reconsideration_law")).items
    assert "将第二章改为第二章第一节，节名为“行政复议范围”。" in items
    assert "增加一章，作为第四章，章名为“行政复议审理”。" in items
    assert "在第四章中增加一节，作为第一节，节名为“一般规定”。" in items
    assert not any(item.startswith(("增加一章，作为第三章", "将第四章的章名修改为", "增加一节")) for item in items)


def test_pair_06_sections_are_cited_inside_their_chapter() -> None:
    items = draft(real_diff("06_company_law")).items
    assert "删去第二章第三节的节名。" in items
    assert "将第四章第二节的节名修改为“股东会”。" in items


_MOVE_A = (
    "第一条 为了规范公司的行为，制定本法。\n\n第二条 公司应当遵守法律。\n\n任何单位和个人不得侵占公司的财产。\n\n"
    "第三条 公司应当依法纳税。\n\n第四条 本法自公布之日起施行。\n"
)


@pytest.mark.parametrize(
    ("moved", "item"),
    [
        ("任何单位和个人不得侵占公司的财产。", "一、将第二条第二款移作第三条第二款。"),
        (
            "任何组织和个人不得侵占公司的财产。",
            "一、将第二条第二款移作第三条第二款，修改为：“任何组织和个人不得侵占公司的财产。”",
        ),
    ],
)
def test_a_kuan_moved_into_another_article_is_one_item(moved: str, item: str) -> None:
    b = (
        "第一条 为了规范公司的行为，制定本法。\n\n第二条 公司应当遵守法律。\n\n"
        f"第三条 公司应当依法纳税。\n\n{moved}\n\n第四条 本法自公布之日起施行。\n"
    )
    assert _draft(_MOVE_A, b) == [item]


def test_a_kuan_moved_into_another_article_applies_to_a_as_b() -> None:
    from .decision_applier import a_articles, apply_decision, b_articles, normal

    b = (
        "第一条 为了规范公司的行为，制定本法。\n\n第二条 公司应当遵守法律。\n\n"
        "第三条 任何单位和个人不得侵占公司的财产。\n\n公司应当依法纳税。\n\n第四条 本法自公布之日起施行。\n"
    )
    diff = compare(from_text(_MOVE_A, "a.txt"), from_text(b, "b.txt"))
    items = draft(diff).items
    assert items == ("将第二条第二款移作第三条第一款。",)
    got = apply_decision(items, a_articles(diff))
    assert [[normal(x) for x in a] for a in got] == [[normal(x) for x in a] for a in b_articles(diff)]
