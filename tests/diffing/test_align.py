"""Clause alignment on small hand-made cases: each op in its simplest form."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.pipeline import from_text
from diffing.compare import compare
from diffing.model import Diff


def _diff(a: str, b: str) -> Diff:
    return compare(from_text(a, "a"), from_text(b, "b"))


def _ops(diff: Diff) -> list[str]:
    return [row.op for row in diff.rows]


S1 = "国家建立健全生态保护补偿制度。"
S2 = "各级人民政府应当加强对生态修复工作的领导。"
S3 = "县级以上地方人民政府自然资源主管部门负责本行政区域内的国土空间生态修复工作。"
S4 = "鼓励社会资本参与生态保护修复，依法保障其合法权益。"


def test_identical_texts_are_all_equal() -> None:
    assert _ops(_diff(S1 + S2, S1 + S2)) == ["equal", "equal"]


def test_changed_word_is_modified_with_inline_parts() -> None:
    diff = _diff(S1 + S2, S1 + S2.replace("加强", "强化"))
    row = diff.rows[1]
    assert row.op == "modified" and 0.5 < row.similarity < 1
    assert row.inline is not None
    assert ("-", "加强") in row.inline and ("+", "强化") in row.inline


def test_inserted_and_deleted_clauses() -> None:
    diff = _diff(S1 + S2 + S3, S1 + S3 + S4)
    assert _ops(diff) == ["equal", "deleted", "equal", "inserted"]


def test_clause_moved_far_is_moved_not_deleted_and_inserted() -> None:
    diff = _diff("\n".join([S1, S2, S3, S4]), "\n".join([S2, S3, S4, S1]))
    ops = _ops(diff)
    assert ops.count("moved") == 1 and "deleted" not in ops and "inserted" not in ops
    moved = next(row for row in diff.rows if row.op == "moved")
    assert diff.a_text(moved) == S1 and moved.similarity == 1.0


def test_clause_moved_and_edited_is_moved_with_similarity_below_one() -> None:
    diff = _diff("\n".join([S1, S2, S3, S4]), "\n".join([S2, S3, S4, S1.replace("健全", "完善")]))
    moved = next(row for row in diff.rows if row.op == "moved")
    assert 0.6 <= moved.similarity < 1 and moved.inline is not None


def test_one_clause_split_in_two() -> None:
    long = "县级以上人民政府应当将生态保护修复纳入国民经济和社会发展规划，所需经费列入本级财政预算。"
    two = "县级以上人民政府应当将生态保护修复纳入国民经济和社会发展规划。所需经费列入本级财政预算。"
    diff = _diff(S1 + long + S2, S1 + two + S2)
    split = [row for row in diff.rows if row.op == "split"]
    assert len(split) == 1 and len(split[0].b) == 2 and len(split[0].a) == 1


def test_two_clauses_merged_in_one() -> None:
    a = S1 + "县级以上人民政府应当将生态保护修复纳入国民经济和社会发展规划。所需经费列入本级财政预算。" + S2
    b = S1 + "县级以上人民政府应当将生态保护修复纳入国民经济和社会发展规划，所需经费列入本级财政预算。" + S2
    merged = [row for row in _diff(a, b).rows if row.op == "merged"]
    assert len(merged) == 1 and len(merged[0].a) == 2


def test_passage_repeated_in_b_is_copied() -> None:
    diff = _diff("\n".join([S1, S2, S3, S4]), "\n".join([S1, S2, S3, S4, S1, S2, S3]))
    assert _ops(diff) == ["equal"] * 4 + ["copied"] * 3
    assert [row.a for row in diff.rows[4:]] == [(0,), (1,), (2,)]


def test_long_clause_repeated_in_b_is_copied() -> None:
    diff = _diff("\n".join([S1, S3, S4]), "\n".join([S1, S3, S4, S3]))
    assert _ops(diff) == ["equal", "equal", "equal", "copied"]
    assert diff.rows[-1].a == (1,)


def test_stock_formula_inside_new_text_is_part_of_the_insertion() -> None:
    formula = "构成犯罪的，依法追究刑事责任。"
    new = "违反本法规定，擅自占用生态保护红线的，由主管部门责令改正。"
    diff = _diff("\n".join([S1, formula, S3]), "\n".join([S1, formula, S3, new + formula]))
    assert _ops(diff) == ["equal", "equal", "equal", "inserted", "inserted"]


def test_renumbered_article_is_a_new_label_over_an_equal_body() -> None:
    a = f"第六条 {S1}\n第七条 {S2}"
    b = f"第六条 {S1}\n第七条 {S3}\n第八条 {S2}"
    diff = _diff(a, b)
    body = next(row for row in diff.rows if diff.b_text(row) == S2)
    assert body.op == "equal"
    label = next(row for row in diff.rows if row.b and diff.b_text(row) == "第八条")
    assert label.op == "renumbered" and diff.a_text(label) == "第七条"
    inserted = next(row for row in diff.rows if row.b and diff.b_text(row) == "第七条")
    assert inserted.op == "inserted"
    assert diff.summary.counts["renumbered"] == 1 and diff.summary.changes == 2


def test_repetitive_legal_clauses_align_in_order() -> None:
    items = [f"({n})依法应当予以处罚的情形;" for n in "一二三四五六七八九十"]
    a = "\n".join(["第一条 有下列情形之一的:", *items])
    b = "\n".join(["第一条 有下列情形之一的:", *items[:5], "(新)新增的情形;", *items[5:]])
    diff = _diff(a, b)
    assert [row.op for row in diff.rows].count("equal") == 12
    assert [row.op for row in diff.rows].count("inserted") == 1


WORDS = st.sampled_from([S1, S2, S3, S4, "第一条", "第二条", "(一)", "本法自公布之日起施行。", "删去。"])


@settings(max_examples=120, deadline=None)
@given(st.lists(WORDS, max_size=12), st.lists(WORDS, max_size=12))
def test_rows_cover_each_clause_exactly_once(a: list[str], b: list[str]) -> None:
    diff = _diff("\n".join(a), "\n".join(b))
    seen_a = [i for row in diff.rows if row.op != "copied" for i in row.a]
    seen_b = [j for row in diff.rows for j in row.b]
    assert sorted(seen_a) == list(range(len(diff.a_clauses)))
    assert sorted(seen_b) == list(range(len(diff.b_clauses)))
    b_order = [row.b[0] for row in diff.rows if row.b]
    assert b_order == sorted(b_order)


def test_long_stock_formula_next_to_new_text_is_part_of_the_insertion() -> None:
    formula = "对直接负责的主管人员和其他直接责任人员处以一万元以上十万元以下的罚款。"
    new = "违反本法规定，擅自占用生态保护红线的，由主管部门责令改正，没收违法所得。"
    diff = _diff("\n".join([S1, formula, S3]), "\n".join([S1, formula, S3, new, formula]))
    assert _ops(diff) == ["equal", "equal", "equal", "inserted", "inserted"]


def test_bare_labels_never_match_each_other_as_atoms() -> None:
    # Each label stands alone between anchored bodies; two different labels must not pair as equal.
    body = [S1, S2, S3, S4]
    a = "\n".join(f"第{n}条\n{s}" for n, s in zip("一二三四", body, strict=True))
    b = "\n".join(f"第{n}条\n{s}" for n, s in zip("二三四五", body, strict=True))
    diff = _diff(a, b)
    for row in diff.rows:
        if row.op == "equal":
            assert diff.a_text(row) == diff.b_text(row)
    assert [row.op for row in diff.rows].count("renumbered") == 4


_HAN = "甲乙丙丁戊己庚辛壬癸"


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=_HAN, min_size=0, max_size=40),
    st.text(alphabet=_HAN, min_size=0, max_size=40),
    st.text(alphabet=_HAN, min_size=0, max_size=40),
    st.lists(st.integers(0, 39), max_size=6),
    st.sampled_from([75, 90]),
    st.sampled_from([1, 2]),
)
def test_a_text_inside_another_is_found_the_same_with_or_without_the_similarity_bound(
    x: str, before: str, after: str, dropped: list[int], cutoff: int, longer: int
) -> None:
    from diffing.align import _inside, similarity

    y = before + "".join(ch for k, ch in enumerate(x) if k not in dropped) + after  # x, edited, inside more
    assert _inside(x, y, cutoff, longer, similarity(x, y)) == _inside(x, y, cutoff, longer)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 9)), max_size=25, unique_by=lambda t: t[0]))
def test_the_order_kept_is_a_heaviest_increasing_chain(items: list[tuple[int, int]]) -> None:
    from itertools import pairwise

    from diffing.align import _heaviest_chain

    js, weights = [j for j, _ in items], [float(w) for _, w in items]
    chain = sorted(_heaviest_chain(js, weights, 31))
    assert all(js[x] < js[y] for x, y in pairwise(chain))
    best = [0.0] * len(js)  # the heaviest chain ending at each position, by the quadratic recurrence
    for k in range(len(js)):
        best[k] = weights[k] + max((best[m] for m in range(k) if js[m] < js[k]), default=0.0)
    assert sum(weights[k] for k in chain) == max(best, default=0.0)


def test_the_canonical_order_compares_the_clause_texts_as_lists() -> None:
    from itertools import product

    from diffing.align import swapped
    from diffing.model import Clause

    texts = ["", "a", "ab", "b"]
    sides = [[Clause(k, 0, len(t), t, "sentence", "") for k, t in enumerate(seq)] for n in range(4)
             for seq in product(texts, repeat=n)]  # fmt: skip
    for a, b in product(sides, repeat=2):
        assert swapped(a, b) == ([c.text for c in b] < [c.text for c in a])
