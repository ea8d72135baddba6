"""Highlights on the original text (diffing/highlight.py)."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.document import Document, Layer, Source
from corpus.offsets import MapBuilder
from corpus.options import DEFAULT_OPTIONS
from diffing.highlight import Highlight, clause_highlights, row_highlights, unified_highlights, unified_runs
from diffing.model import Clause, Diff, Row

from .handmade import auto_diff, document, make_diff


def _span_text(doc: Document, spans: list[tuple[int, int]]) -> str:
    return "".join(doc.original[lo:hi] for lo, hi in spans)


def _joined(segments: list[Highlight], *kinds: str) -> str:
    return "".join(s.text for s in segments if s.kind in kinds)


_line = st.text(alphabet="甲乙丙丁戊 ab", min_size=1, max_size=12).filter(lambda s: s.strip(" "))


@settings(max_examples=150, deadline=None)
@given(st.lists(_line, min_size=1, max_size=6), st.lists(_line, min_size=1, max_size=6))
def test_segments_join_back_to_each_sides_original_spans(a_lines: list[str], b_lines: list[str]) -> None:
    diff = auto_diff(document("\n".join(a_lines)), document("\n".join(b_lines), "b.txt"))
    for row in diff.rows:
        a_segs = row_highlights(diff, row, "a")
        b_segs = row_highlights(diff, row, "b")
        assert _joined(a_segs, "same", "del") == _span_text(diff.a, diff.a_spans(row))
        assert _joined(b_segs, "same", "ins") == _span_text(diff.b, diff.b_spans(row))
        assert {s.kind for s in a_segs} <= {"same", "del"}
        assert {s.kind for s in b_segs} <= {"same", "ins"}
        unified = unified_highlights(diff, row)
        runs = unified_runs(diff, row)
        for j in row.b:
            clause = diff.b_clauses[j]
            in_clause = "".join(r.text for r in runs if r.b_clause == j)
            assert in_clause == _span_text(diff.b, diff.b.spans(clause.start, clause.end))
        assert all((r.a_clause is None) == (r.kind == "ins") for r in runs)
        assert all((r.b_clause is None) == (r.kind == "del") for r in runs)
        assert _joined(unified, "same", "ins") == _span_text(diff.b, diff.b_spans(row))
        # Without the spaces the normalizer removed, highlighted text is exactly the inline parts.
        parts = row.inline or ()
        if parts:
            assert _joined(a_segs, "del").replace(" ", "") == "".join(t for op, t in parts if op == "-")
            assert _joined(b_segs, "ins").replace(" ", "") == "".join(t for op, t in parts if op == "+")
            assert _joined(unified, "del").replace(" ", "") == "".join(t for op, t in parts if op == "-")


def test_removed_spaces_stay_with_the_unchanged_neighbour() -> None:
    diff = make_diff(document("加强 两地国土 空间"), document("加强两地领土空间", "b.txt"), [("modified", [0], [0])])
    assert row_highlights(diff, diff.rows[0], "a") == [
        Highlight("加强 两地", "same"),
        Highlight("国", "del"),
        Highlight("土 空间", "same"),
    ]
    assert row_highlights(diff, diff.rows[0], "b") == [
        Highlight("加强两地", "same"),
        Highlight("领", "ins"),
        Highlight("土空间", "same"),
    ]
    assert unified_highlights(diff, diff.rows[0]) == [
        Highlight("加强两地", "same"),
        Highlight("国", "del"),
        Highlight("领", "ins"),
        Highlight("土空间", "same"),
    ]


def test_parts_inside_one_edit_never_repeat_text() -> None:
    # "ABC" became "XY": both derived characters map back to the whole of "ABC".
    builder = MapBuilder()
    builder.keep("前")
    builder.replace(3, "XY")
    builder.keep("后")
    text, offsets = builder.build()
    source = Source("a.txt", "前ABC后", "utf-8", hashlib.sha256(b"").hexdigest(), 0)
    a = Document(source, (Layer("test", text, offsets),))
    b = Document(Source("b.txt", "前Y后", "utf-8", "", 0))
    a_cl = (Clause(0, 0, 4, text, "sentence", ""),)
    b_cl = (Clause(0, 0, 3, "前Y后", "sentence", ""),)
    row = Row("modified", (0,), (0,), 0.8, (("=", "前"), ("-", "X"), ("=", "Y后")))
    diff = Diff(a, b, DEFAULT_OPTIONS, a_cl, b_cl, (row,))
    segments = row_highlights(diff, row, "a")
    assert _joined(segments, "same", "del") == "前ABC后"
    assert segments[0] == Highlight("前", "same")


def test_holes_are_left_out_of_the_segments() -> None:
    builder = MapBuilder()
    builder.keep("甲乙")
    builder.replace(4, "")  # junk removed from the original
    builder.keep("丙丁")
    text, offsets = builder.build()
    original = "甲乙��WH丙丁"
    a = Document(Source("a.txt", original, "utf-8", "", 0), (Layer("junk", text, offsets),), ((2, 6),))
    b = Document(Source("b.txt", "甲乙丙戊", "utf-8", "", 0))
    a_cl = (Clause(0, 0, 4, "甲乙丙丁", "sentence", ""),)
    b_cl = (Clause(0, 0, 4, "甲乙丙戊", "sentence", ""),)
    row = Row("modified", (0,), (0,), 0.75, (("=", "甲乙丙"), ("-", "丁"), ("+", "戊")))
    diff = Diff(a, b, DEFAULT_OPTIONS, a_cl, b_cl, (row,))
    assert row_highlights(diff, row, "a") == [Highlight("甲乙丙", "same"), Highlight("丁", "del")]


def test_rows_without_inline_parts_are_one_segment_per_side() -> None:
    a, b = document("一、总则\n旧的一句\n"), document("一、总则\n新加的一句\n", "b.txt")
    diff = make_diff(a, b, [("equal", [0], [0]), ("deleted", [1], []), ("inserted", [], [1])])
    equal, deleted, inserted = diff.rows
    assert row_highlights(diff, equal, "a") == [Highlight("一、总则", "same")]
    assert row_highlights(diff, deleted, "a") == [Highlight("旧的一句", "del")]
    assert row_highlights(diff, deleted, "b") == []
    assert row_highlights(diff, inserted, "b") == [Highlight("新加的一句", "ins")]
    assert unified_highlights(diff, deleted) == [Highlight("旧的一句", "del")]


def test_split_row_gives_segments_per_clause() -> None:
    a = document("第一句话和第二句话")
    b = document("第一句话\n和第二句话", "b.txt")
    diff = make_diff(a, b, [("split", [0], [0, 1])])
    groups = clause_highlights(diff, diff.rows[0], "b")
    assert [g.index for g in groups] == [0, 1]
    assert ["".join(s.text for s in g.highlights) for g in groups] == ["第一句话", "和第二句话"]
    assert all(s.kind == "same" for g in groups for s in g.highlights)
    assert [(r.text, r.a_clause, r.b_clause) for r in unified_runs(diff, diff.rows[0])] == [
        ("第一句话", 0, 0),
        ("和第二句话", 0, 1),
    ]


@settings(max_examples=150, deadline=None)
@given(st.lists(_line, min_size=1, max_size=4), st.lists(_line, min_size=1, max_size=4))
def test_runs_of_a_many_to_many_row_keep_each_clause_of_both_sides(a_lines: list[str], b_lines: list[str]) -> None:
    a, b = document("\n".join(a_lines)), document("\n".join(b_lines), "b.txt")
    n_a, n_b = len(a_lines), len(b_lines)
    diff = make_diff(a, b, [("merged" if n_a > n_b else "split", list(range(n_a)), list(range(n_b)))])
    (row,) = diff.rows
    runs = unified_runs(diff, row)
    for j, clause in enumerate(diff.b_clauses):
        text = "".join(r.text for r in runs if r.b_clause == j)
        assert text == _span_text(diff.b, diff.b.spans(clause.start, clause.end))
    for i, clause in enumerate(diff.a_clauses):
        # The A side of a run: its own text when deleted; B's wording (same after normalization) when same.
        text = "".join(r.text for r in runs if r.a_clause == i).replace(" ", "")
        assert text == clause.text
    a_order = [r.a_clause for r in runs if r.a_clause is not None]
    b_order = [r.b_clause for r in runs if r.b_clause is not None]
    assert a_order == sorted(a_order) and b_order == sorted(b_order)
