"""No size breaks the aligner: long runs of one op, many moved blocks, a 1 MB pair."""

from __future__ import annotations

import random

import pytest

from corpus.pipeline import from_text
from diffing import align
from diffing.compare import compare
from diffing.model import Diff


def _clauses(n: int, seed: int = 0, tag: str = "") -> list[str]:
    rng = random.Random(seed)
    words = "国家建立健全生态保护补偿制度各级人民政府应当加强领导县级以上地方自然资源主管部门负责国土空间修复"
    return [f"{tag}第{k}项" + "".join(rng.choice(words) for _ in range(rng.randint(12, 30))) + "。" for k in range(n)]


def _diff(a: list[str], b: list[str]) -> Diff:
    return compare(from_text("\n".join(a), "a"), from_text("\n".join(b), "b"))


def test_ten_thousand_consecutive_deleted_clauses() -> None:
    keep = _clauses(20, seed=1, tag="留")
    gone = _clauses(10_000, seed=2, tag="删")
    diff = _diff(keep[:10] + gone + keep[10:], keep)
    ops = [row.op for row in diff.rows]
    assert ops.count("deleted") == 10_000 and ops.count("equal") == 20
    assert [row.a[0] for row in diff.rows if row.op == "deleted"] == list(range(10, 10_010))


def test_ten_thousand_consecutive_inserted_clauses() -> None:
    keep = _clauses(20, seed=1, tag="留")
    new = _clauses(10_000, seed=3, tag="增")
    diff = _diff(keep, keep[:10] + new + keep[10:])
    assert [row.op for row in diff.rows].count("inserted") == 10_000


def test_fifty_moved_blocks_of_three_hundred_clauses() -> None:
    blocks = [_clauses(300, seed=10 + k, tag=f"块{k}") for k in range(50)]
    order = list(range(50))
    random.Random(5).shuffle(order)
    a = [c for block in blocks for c in block]
    b = [c for k in order for c in blocks[k]]
    diff = _diff(a, b)
    assert {row.op for row in diff.rows} <= {"equal", "moved"}
    assert sum(len(row.b) for row in diff.rows) == len(b) == 15_000
    assert sum(row.op == "moved" for row in diff.rows) >= 300  # whole blocks out of order, not a rewrite


def test_a_one_megabyte_pair_with_moves_and_edits_finishes_with_every_clause_in_one_row() -> None:
    a = _clauses(30_000, seed=4)
    rng = random.Random(6)
    b = list(a)
    for k in rng.sample(range(len(b)), 600):
        b[k] = b[k][:-1] + "并予以公告。"
    for _ in range(20):
        k = rng.randrange(len(b) - 50)
        block, b[k : k + 50] = b[k : k + 50], []
        at = rng.randrange(len(b))
        b[at:at] = block
    assert len("\n".join(a).encode("utf-8")) > 1_000_000
    diff = _diff(a, b)
    assert sorted(i for row in diff.rows if row.op != "copied" for i in row.a) == list(range(len(a)))
    assert sorted(j for row in diff.rows for j in row.b) == list(range(len(b)))
    assert sum(row.op == "modified" for row in diff.rows) >= 550


def test_a_notice_pasted_many_times_with_a_few_edits_keeps_each_copy_with_its_copy_in_linear_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 24 item 9: a gap with no unique clause, beyond the LCS bound, once went to a quadratic
    ``SequenceMatcher`` that paired copies with other copies (thousands of deleted and copied rows)."""
    monkeypatch.setattr(align, "LCS_CELLS", 10_000)
    monkeypatch.setattr(align, "LCS_WINDOW", 64)
    cells: list[int] = []
    lcs = align._lcs

    def counted(ak: list[int], bk: list[int], a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> list[tuple[int, int]]:
        cells.append((a_hi - a_lo) * (b_hi - b_lo))
        return lcs(ak, bk, a_lo, a_hi, b_lo, b_hi)

    monkeypatch.setattr(align, "_lcs", counted)
    a = _clauses(20, seed=3) * 150
    b = list(a)
    for k in (2_900, 2_100, 1_500, 700, 40):  # from the end, so that the places stay right
        del b[k]
    for k in (2_500, 1_200, 300):
        b[k] = b[k][:-1] + "并公告。"
    diff = _diff(a, b)
    ops = [row.op for row in diff.rows]
    assert ops.count("equal") == 3_000 - 8 and ops.count("deleted") == 5 and ops.count("modified") == 3
    assert sum(cells) <= 4 * 64 * (len(a) + len(b))  # linear in the gap: no window is counted twice over
