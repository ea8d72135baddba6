"""Articles as units: labels go with their articles, clauses pair inside corresponding articles,
divisions correspond through their articles, and comparing B with A mirrors comparing A with B."""

from __future__ import annotations

import itertools
from functools import cache

import pytest

from corpus.pipeline import from_text, load
from corpus.samples import samples_dir
from diffing.compare import compare
from diffing.model import Diff, Row
from diffing.structure import Structure, Unit, structure
from tests.conftest import REAL, REAL_PAIRS

_SEEDS = sorted((samples_dir() / "seeds").glob("*.txt"))
PAIRS = [*(f"seed:{x.name}:{y.name}" for x, y in itertools.combinations(_SEEDS, 2)), *REAL_PAIRS]
_MIRROR = {"inserted": "deleted", "deleted": "inserted", "split": "merged", "merged": "split"}


def _paths(pair: str) -> tuple[str, str]:
    if pair.startswith("seed:"):
        _, x, y = pair.split(":")
        return str(samples_dir() / "seeds" / x), str(samples_dir() / "seeds" / y)
    return str(REAL / pair / "a.txt"), str(REAL / pair / "b.txt")


@cache
def _diff(pair: str, swap: bool = False) -> Diff:
    a, b = _paths(pair)
    if swap:
        a, b = b, a
    return compare(load(a), load(b), inline=False)


@cache
def _structure(pair: str, swap: bool = False) -> Structure:
    return structure(_diff(pair, swap))


def _rows_around(diff: Diff, label: str) -> list[Row]:
    """The rows holding a clause of B's article ``label``."""
    cl = diff.b_clauses
    start = next(k for k, c in enumerate(cl) if c.kind == "article" and c.text.replace(" ", "") == label)
    end = next((k for k in range(start + 1, len(cl)) if cl[k].kind == "article"), len(cl))
    return [row for row in diff.rows if any(start <= j < end for j in row.b)]


def _label(diff: Diff, side: str, row: Row) -> str:
    clauses, index = (diff.a_clauses, row.a[0]) if side == "a" else (diff.b_clauses, row.b[0])
    return clauses[index].place.split("/")[0]


def test_board_article_pairs_its_own_lead_in_not_the_managers() -> None:
    diff = _diff("06_company_law")
    rows = _rows_around(diff, "第六十七条")
    lead_in = next(r for r in rows if diff.b_text(r).startswith("董事会行使下列职权"))
    assert diff.a_text(lead_in).startswith("董事会对股东会负责")
    assert {_label(diff, "a", r) for r in rows if r.a and r.op != "copied"} <= {"第四十四条", "第四十六条"}
    label = rows[0]
    assert label.op == "renumbered" and diff.a_text(label) == "第四十六条"


def test_supervisory_board_size_sentence_is_modified_not_deleted() -> None:
    diff = _diff("06_company_law")
    rows = _rows_around(diff, "第七十六条")
    size = next(r for r in rows if r.a and diff.a_text(r).startswith("有限责任公司设监事会,其成员不得少于三人"))
    assert size.op == "modified" and _label(diff, "a", size) == "第五十一条"


def test_item_three_pairs_with_the_same_articles_item_three() -> None:
    diff = _diff("10_procuratorate_criminal_procedure_rules")
    rows = _rows_around(diff, "第一百二十八条")
    item = next(r for r in rows if diff.b_text(r).startswith("(三)可能毁灭"))
    assert _label(diff, "a", item) == "第一百三十九条"
    assert diff.a_text(item).startswith("(三)可能毁灭")


def test_chapters_correspond_through_their_articles() -> None:
    diff, units = _diff("04_admin_reconsideration_law"), _structure("04_admin_reconsideration_law")
    chapters = {
        (tuple(units.a[i].label for i in e.a), tuple(units.b[j].label for j in e.b)): e
        for e in units.entries
        if e.level == "chapter"
    }
    accept = chapters[("第四章行政复议受理",), ("第三章行政复议受理",)]
    assert accept.renumbered and accept.op in ("modified", "renumbered")
    assert chapters[(), ("第四章行政复议审理",)].op == "inserted"
    assert (("第七章附则",), ("第七章附则",)) in chapters
    heading_rows = [r for r in diff.rows if diff.b_text(r).replace(" ", "") == "##第三章行政复议受理"]
    assert [(r.op, diff.a_text(r).replace(" ", "")) for r in heading_rows] == [("renumbered", "##第四章行政复议受理")]


def test_article_whose_first_sentence_changed_keeps_its_label() -> None:
    rest = "第二条 本办法适用于全市。\n第三条 本办法自公布之日起施行。\n"
    a = "第一条 为了规范管理，制定本办法。\n" + rest
    b = "第一条 为了加强和规范管理，根据有关法律，制定本办法。\n" + rest
    diff = compare(from_text(a, "a"), from_text(b, "b"))
    ops = [(r.op, diff.a_text(r), diff.b_text(r)) for r in diff.rows]
    assert ops[0] == ("equal", "第一条", "第一条")
    assert ops[1][0] == "modified"


@pytest.mark.parametrize("pair", PAIRS)
def test_no_label_is_deleted_and_inserted_while_its_body_is_aligned(pair: str) -> None:
    diff, units = _diff(pair), _structure(pair)
    a_articles = {u.id: u for u in units.a if u.level == "article"}
    b_articles = {u.id: u for u in units.b if u.level == "article"}
    row_of_a = {i: r for r in diff.rows if r.op != "copied" for i in r.a}
    b_article_of = {j: u.id for u in b_articles.values() for j in u.clauses}
    deleted = {i for e in units.entries if e.level == "article" and e.op == "deleted" for i in e.a}
    inserted = {j for e in units.entries if e.level == "article" and e.op == "inserted" for j in e.b}
    for uid in deleted:
        body = a_articles[uid].clauses[1:]
        targets = {b_article_of.get(row_of_a[i].b[0]) for i in body if row_of_a[i].b}
        assert not targets & inserted, (pair, a_articles[uid].label)


@pytest.mark.parametrize("pair", PAIRS)
def test_identical_articles_are_equal_or_renumbered_or_moved_unchanged(pair: str) -> None:
    """An article whose body is the same text (once on each side) pairs with its twin, unchanged;
    it is ``moved`` only off the longest run of articles in both orders (pair 06: 第九条 → 第十二条)."""
    diff, units = _diff(pair), _structure(pair)

    def body(doc_clauses: object, unit_clauses: tuple[int, ...]) -> str:
        return "".join(doc_clauses[k].text for k in unit_clauses[1:]).replace(" ", "")  # type: ignore[index]

    b_bodies: dict[str, list[int]] = {}
    for u in units.b:
        if u.level == "article":
            b_bodies.setdefault(body(diff.b_clauses, u.clauses), []).append(u.id)
    a_bodies = [(u, body(diff.a_clauses, u.clauses)) for u in units.a if u.level == "article"]
    a_count: dict[str, int] = {}
    for _, text in a_bodies:
        a_count[text] = a_count.get(text, 0) + 1
    entry_of = {i: e for e in units.entries for i in e.a if e.level == "article"}
    for u, text in a_bodies:
        if text and a_count[text] == 1 and len(b_bodies.get(text, [])) == 1:
            e = entry_of[u.id]
            unchanged = e.op in ("equal", "renumbered") or (e.op == "moved" and not e.modified)
            assert unchanged and e.b == tuple(b_bodies[text]), (pair, u.label, e)


@pytest.mark.parametrize("pair", PAIRS)
def test_comparing_b_with_a_mirrors_comparing_a_with_b(pair: str) -> None:
    forward, backward = _diff(pair), _diff(pair, swap=True)

    def rows(diff: Diff, swap: bool) -> set[tuple[str, tuple[int, ...], tuple[int, ...]]]:
        out = set()
        for r in diff.rows:
            op, a, b = ("inserted", (), r.b) if r.op == "copied" else (r.op, r.a, r.b)
            out.add((_MIRROR.get(op, op), b, a) if swap else (op, a, b))
        return out

    assert rows(forward, False) == rows(backward, True)
    f, m = _structure(pair), _structure(pair, swap=True)
    assert {(e.level, e.op, e.a, e.b) for e in f.entries} == {
        (e.level, _MIRROR.get(e.op, e.op), e.b, e.a) for e in m.entries
    }


def test_inline_differences_mirror_too_with_deletions_first() -> None:
    a, b = _paths("01_holiday_measures")
    forward, backward = compare(load(a), load(b)), compare(load(b), load(a))
    flip = {"-": "+", "+": "-", "=": "="}
    back = {(r.b, r.a): r.inline for r in backward.rows}
    changed = 0
    for r in forward.rows:
        if r.inline is not None:
            mirrored = [(flip[op], text) for op, text in back[(r.a, r.b)] or ()]
            for k in range(len(mirrored) - 1):  # the mirror's runs read insertion first: swap them back
                if mirrored[k][0] == "+" and mirrored[k + 1][0] == "-":
                    mirrored[k], mirrored[k + 1] = mirrored[k + 1], mirrored[k]
            assert tuple(mirrored) == r.inline
            assert all(not (x == "+" and y == "-") for (x, _), (y, _) in itertools.pairwise(r.inline))
            changed += 1
    assert changed >= 5


_BODY = (
    "第一章 总则\n第一条 为了规范管理，制定本条例。\n第二条 本条例适用于本市。\n第二章 管理\n"
    "第三条 主管部门负责管理工作。\n第四条 有关部门按照职责做好工作。\n第三章 附则\n第五条 本条例自公布之日起施行。\n"
)
_TOC = "目录\n第一章 总则\n第二章 管理\n第三章 附则\n"


def test_a_table_of_contents_lines_never_pair_with_body_headings() -> None:
    diff = compare(from_text("某某条例\n" + _TOC + _BODY, "a"), from_text("某某条例\n" + _BODY, "b"), inline=False)
    units = structure(diff)
    toc = next(u for u in units.a if u.level == "toc")
    assert all(not r.b for r in diff.rows if set(r.a) & set(toc.clauses))
    assert units.summary["toc"] == {"deleted": 1}
    assert units.summary["chapter"] == {"equal": 3}


def test_a_table_of_contents_matches_a_table_of_contents() -> None:
    b = "某某条例\n" + (_TOC + _BODY).replace("第二章 管理", "第二章 监督管理")
    diff = compare(from_text("某某条例\n" + _TOC + _BODY, "a"), from_text(b, "b"), inline=False)
    units = structure(diff)
    assert units.summary["toc"] == {"modified": 1}
    assert units.summary["chapter"] == {"equal": 2, "modified": 1}
    toc_b = next(u for u in units.b if u.level == "toc")
    heading = next(r for r in diff.rows if diff.b_text(r) == "第二章监督管理" and r.b[0] in toc_b.clauses)
    assert diff.a_text(heading) == "第二章管理"


def test_a_chapter_is_not_called_moved_by_the_articles_around_it() -> None:
    from diffing.correspond import correspond

    corr = correspond(compare(*(load(p) for p in _paths("04_admin_reconsideration_law"))))
    headings = {
        (corr.a.original(corr.a.units[link.a].clauses[0]).replace(" ", ""), link.status)
        for link in corr.links
        if link.a is not None and corr.a.units[link.a].kind == "heading"
    }
    assert ("##第五章行政复议决定", "moved") not in headings
    assert ("##第七章附则", "unchanged") in headings


def _paragraph_counts(units: tuple[Unit, ...]) -> dict[int, int]:
    """Article id → how many 款 the outline gives it."""
    counts = {u.id: 0 for u in units if u.level == "article"}
    for u in units:
        if u.level == "paragraph" and u.parent in counts:
            counts[u.parent] += 1
    return counts


@pytest.mark.parametrize("flat", ["a", "b"])
def test_a_side_without_line_breaks_takes_its_paragraphs_from_the_other_side(flat: str) -> None:
    pair = "06_company_law"
    texts = {side: (REAL / pair / f"{side}.txt").read_text(encoding="utf-8") for side in "ab"}
    texts[flat] = texts[flat].replace("\r", "").replace("\n", "")
    s = structure(compare(from_text(texts["a"], "a.txt"), from_text(texts["b"], "b.txt"), inline=False))
    a_counts, b_counts = _paragraph_counts(s.a), _paragraph_counts(s.b)
    same = [e for e in s.entries if e.level == "article" and e.op in ("equal", "renumbered")]
    laid_out = [b_counts[e.b[0]] for e in same] if flat == "a" else [a_counts[e.a[0]] for e in same]
    assert sum(n > 1 for n in laid_out) >= 5  # the laid-out side has articles of several 款
    assert [a_counts[e.a[0]] for e in same] == [b_counts[e.b[0]] for e in same]


_KEPT = (
    "医疗费根据医疗机构出具的医药费、住院费等收款凭证，结合病历和诊断证明等相关证据确定。",
    "误工费根据受害人的误工时间和收入状况确定。",
    "护理费根据护理人员的收入状况和护理人数、护理期限确定。",
)
_HEAD = (
    "第一条 为了规范人身损害赔偿案件的审理，制定本解释。\n"
    "第二条 赔偿权利人起诉请求赔偿义务人赔偿物质损害的，人民法院应予受理。\n"
)
_END = "第七条 本解释自公布之日起施行。\n"
_DELETED = (
    "受害人或者死者近亲属遭受精神损害，赔偿权利人向人民法院请求赔偿精神损害抚慰金的，适用《最高人民法院关于确定民事侵权"
    "精神损害赔偿责任若干问题的解释》予以确定。精神损害抚慰金的请求权，不得让与或者继承。但赔偿义务人已经以书面方式承诺"
    "给予金钱赔偿，或者赔偿权利人已经向人民法院起诉的除外。"
)
_ADDED = "精神损害抚慰金适用《最高人民法院关于确定民事侵权精神损害赔偿责任若干问题的解释》予以确定。"


@pytest.mark.parametrize("swap", [False, True])
def test_a_deleted_article_whose_sentence_lives_on_in_an_added_one_elsewhere_is_no_unit_with_it(swap: bool) -> None:
    """人身损害赔偿解释 2020 (real chain 03): the decision deletes old 第十八条 and adds new 第二十三条, which
    rewords its first sentence, at another place. One sentence out of three, out of order, does not make
    the two articles one: old 第三条 is deleted, new 第六条 inserted, and no row pairs their clauses."""
    a = _HEAD + f"第三条 {_DELETED}\n第四条 {_KEPT[0]}\n第五条 {_KEPT[1]}\n第六条 {_KEPT[2]}\n" + _END
    b = _HEAD + f"第三条 {_KEPT[0]}\n第四条 {_KEPT[1]}\n第五条 {_KEPT[2]}\n第六条 {_ADDED}\n" + _END
    old, new = ("第三条", "第六条")
    if swap:  # the same texts compared the other way: the added article is A's, the deleted one B's
        a, b, old, new = b, a, new, old
    diff = compare(from_text(a, "a.txt"), from_text(b, "b.txt"), inline=False)
    units = structure(diff)
    ops = {
        (tuple(units.a[i].label for i in e.a), tuple(units.b[j].label for j in e.b)): e.op
        for e in units.entries
        if e.level == "article"
    }
    assert ops[(old,), ()] == "deleted"
    assert ops[(), (new,)] == "inserted"
    assert sum(op in ("renumbered", "equal") for op in ops.values()) == 6  # the six other articles
    old_unit = next(u for u in units.a if u.label == old)
    new_unit = next(u for u in units.b if u.label == new)
    assert not [r for r in diff.rows if set(r.a) & set(old_unit.clauses) and set(r.b) & set(new_unit.clauses)]


def test_the_articles_and_divisions_of_one_tuple_of_clauses_are_grouped_once_and_match_a_fresh_grouping() -> None:
    from collections import Counter

    from diffing.segment import segment_text
    from diffing.units import Article, articles, divisions, most_common

    text = "第一章 总则\n第一条 为了规范。\n第二条 本法适用。\n（一）其一；\n第二章 附则\n第三条 施行。"
    clauses = segment_text(text)
    first = articles(clauses)
    assert articles(clauses) is first  # the aligner's grouping is the outline's
    assert articles(list(clauses)) == first == (Article(1, 3), Article(3, 6), Article(7, 9))
    heads = divisions(clauses, first)
    assert divisions(clauses, first) is heads
    assert divisions(list(clauses), list(first)) == heads
    assert [(d.heading, d.end, d.articles) for d in heads] == [(0, 6, (0, 1)), (6, 9, (2,))]
    other = segment_text("第一条 甲。\n第二条 乙。")
    assert articles(other) == (Article(0, 2), Article(2, 4))
    for n in range(1, 7):  # more tuples than are remembered: the first is grouped again, the same
        assert len(articles(segment_text("第一条 甲。\n" * n))) == n
    assert articles(clauses) == first
    votes = Counter([5, 3, 3, 5, 7, 9, 9, 1])  # ties keep the order of first votes, as Counter.most_common
    assert most_common(votes, 3) == votes.most_common(3) == [(5, 2), (3, 2), (9, 2)]


def test_a_clause_cites_its_labels_without_their_spaces_and_marks_and_an_article_drops_its_chapter() -> None:
    from diffing.segment import segment_text

    text = "## 第 七 章　总则\n一、说明\n第一百二十四 条 内容。\n（一）项；\n1. 目\n第十二条之一 本条。"
    clauses = segment_text(text)
    assert [(c.kind, c.place) for c in clauses] == [
        ("heading", "第七章"),
        ("heading", "第七章/一"),
        ("article", "第一百二十四条"),
        ("sentence", "第一百二十四条"),
        ("heading", "第一百二十四条/(一)"),
        ("heading", "第一百二十四条/(一)/1"),
        ("article", "第十二条之一"),
        ("sentence", "第十二条之一"),
    ]
