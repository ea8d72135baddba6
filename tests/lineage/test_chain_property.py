"""Lineage chaining against a generator's truth: chains of 2–8 versions whose units are renumbered by
insertions and deletions, modified, moved, merged and split, at the article and the chapter level."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.markers import to_chinese
from diffing.lineage import Lineages, chain
from diffing.structure import Entry, Structure, Unit

KINDS = ("equal", "modified", "moved", "delete", "insert", "merge", "split")


@dataclass
class Truth:
    """What the generator knows: per lineage, its steps as (version, op, unit id or None, partner keys)."""

    steps: list[list[tuple[int, str, int | None, frozenset[tuple[int, int]]]]]


def _unit(uid: int, level: str, number: int) -> Unit:
    word = "条" if level == "article" else "章"
    return Unit(uid, level, f"第{to_chinese(number)}{word}", float(number), (uid * 10, uid * 10 + 9), None, ())  # type: ignore[arg-type]


@st.composite
def chains(draw: st.DrawFn) -> tuple[list[Structure], Truth]:
    """A chain of structures and the truth of its lineages."""
    versions = draw(st.integers(2, 8))
    levels = ("article", "chapter")
    # per level: the lineage of each unit of the current version, in reading order
    current = {lv: list(range(draw(st.integers(1, 6)))) for lv in levels}
    truth_steps: list[list[tuple[int, str, int | None, frozenset[tuple[int, int]]]]] = []
    key_of: list[tuple[int, int]] = []  # lineage → (first version, first unit id): a canonical name
    # version 1 outline: chapters after articles, ids in that order
    outline: list[Unit] = []
    for lv in levels:
        for k in range(len(current[lv])):
            u = _unit(len(outline), lv, k + 1)
            outline.append(u)
            key_of.append((1, u.id))
            truth_steps.append([(1, "inserted", u.id, frozenset())])
            current[lv][k] = len(truth_steps) - 1
    a_outline = tuple(outline)
    a_ids = {lv: [u.id for u in a_outline if u.level == lv] for lv in levels}
    structures: list[Structure] = []
    for version in range(2, versions + 1):
        b_outline: list[Unit] = []
        entries: list[Entry] = []
        new_current: dict[str, list[int]] = {}
        new_ids: dict[str, list[int]] = {}
        for lv in levels:
            lins, ids = current[lv], a_ids[lv]
            plan = draw(st.lists(st.sampled_from(KINDS), min_size=len(lins), max_size=len(lins)))
            out_lins: list[int] = []
            out_ids: list[int] = []
            pending: list[tuple[str, tuple[int, ...], int, int, str]] = []  # (op, a ids, b count, lineage, kind)
            k = 0
            while k < len(lins):
                kind = plan[k]
                if kind == "insert":
                    pending.append(("inserted", (), 1, -1, kind))
                    pending.append(("equal", (ids[k],), 1, lins[k], "equal"))
                elif kind == "delete":
                    pending.append(("deleted", (ids[k],), 0, lins[k], kind))
                elif kind == "merge" and k + 1 < len(lins):
                    pending.append(("merged", (ids[k], ids[k + 1]), 1, lins[k], kind))
                    pending.append(("absorbed", (ids[k + 1],), 0, lins[k + 1], kind))
                    k += 1
                elif kind == "split":
                    pending.append(("split", (ids[k],), 2, lins[k], kind))
                elif kind in ("modified", "moved"):
                    pending.append((kind, (ids[k],), 1, lins[k], kind))
                else:
                    pending.append(("equal", (ids[k],), 1, lins[k], "equal"))
                k += 1
            absorbed_by: dict[int, int] = {}
            for op, a, count, lin, _kind in pending:
                if op == "absorbed":
                    continue
                b_here = []
                for _ in range(count):
                    u = _unit(0, lv, 0)  # placeholder, numbered below
                    b_outline.append(u)
                    b_here.append(len(b_outline) - 1)
                out_ids.extend(b_here)
                if op == "inserted":
                    truth_steps.append([(version, "inserted", b_here[0], frozenset())])
                    key_of.append((version, b_here[0]))
                    out_lins.append(len(truth_steps) - 1)
                    entries.append(Entry(lv, "inserted", (), tuple(b_here), ()))  # type: ignore[arg-type]
                elif op == "deleted":
                    truth_steps[lin].append((version, "deleted", None, frozenset()))
                    entries.append(Entry(lv, "deleted", a, (), ()))  # type: ignore[arg-type]
                elif op == "merged":
                    other = pending[pending.index((op, a, count, lin, _kind)) + 1][3]
                    absorbed_by[other] = lin
                    truth_steps[lin].append((version, "merged", b_here[0], frozenset({key_of[other]})))
                    truth_steps[other].append((version, "merged", b_here[0], frozenset({key_of[lin]})))
                    out_lins.append(lin)
                    entries.append(Entry(lv, "merged", a, tuple(b_here), ()))  # type: ignore[arg-type]
                elif op == "split":
                    truth_steps.append([(version, "split", b_here[1], frozenset({key_of[lin]}))])
                    key_of.append((version, b_here[1]))
                    new = len(truth_steps) - 1
                    truth_steps[lin].append((version, "split", b_here[0], frozenset({key_of[new]})))
                    out_lins.extend([lin, new])
                    entries.append(Entry(lv, "split", a, tuple(b_here), ()))  # type: ignore[arg-type]
                else:
                    truth_steps[lin].append((version, op, b_here[0], frozenset()))
                    out_lins.append(lin)
                    entries.append(Entry(lv, op, a, tuple(b_here), (), modified=op == "modified"))  # type: ignore[arg-type]
            new_current[lv], new_ids[lv] = out_lins, out_ids
        # number the B units: their ids are their places; labels count within each level
        for lv in levels:
            for n, uid in enumerate(new_ids[lv], start=1):
                b_outline[uid] = _unit(uid, lv, n)
        structures.append(Structure(a_outline, tuple(b_outline), tuple(entries)))
        a_outline, current, a_ids = tuple(b_outline), new_current, new_ids
    return structures, Truth(truth_steps)


def _canonical(lineages: Lineages) -> set[tuple[object, ...]]:
    key = {lin.id: (lin.steps[0].version, lin.steps[0].unit.id if lin.steps[0].unit else -1)
           for lin in lineages.lineages}  # fmt: skip
    return {
        tuple((s.version, s.op, s.unit.id if s.unit else None, frozenset(key[w] for w in s.with_)) for s in lin.steps)
        for lin in lineages.lineages
    }


@settings(derandomize=True, database=None, max_examples=300, deadline=None)
@given(chains())
def test_lineages_equal_the_generators_truth(case: tuple[list[Structure], Truth]) -> None:
    structures, truth = case
    got = _canonical(chain(structures))
    assert got == {tuple(steps) for steps in truth.steps}


@settings(derandomize=True, database=None, max_examples=200, deadline=None)
@given(chains())
def test_every_unit_of_every_version_is_in_exactly_one_lineage(case: tuple[list[Structure], Truth]) -> None:
    structures, _truth = case
    lineages = chain(structures)
    outlines = [structures[0].a, *(s.b for s in structures)]
    for version, outline in enumerate(outlines, start=1):
        holders = [lineages.of_unit(version, u.id) for u in outline]
        assert all(h is not None for h in holders)
        assert len({h.id for h in holders if h is not None}) == len(outline)


def _shifted(outline: tuple[Unit, ...], entries: tuple[Entry, ...]) -> tuple[tuple[Unit, ...], tuple[Entry, ...]]:
    """The same A outline with a title line found in front (every id one more), and its entries."""
    title = Unit(0, "title", "", None, (0, 5), None, ())
    moved = tuple(Unit(u.id + 1, u.level, u.label, u.number, u.span, u.parent, u.clauses) for u in outline)
    return (title, *moved), tuple(
        Entry(e.level, e.op, tuple(i + 1 for i in e.a), e.b, e.rows, e.renumbered, e.modified) for e in entries
    )


@settings(derandomize=True, database=None, max_examples=200, deadline=None)
@given(chains())
def test_a_version_outlined_with_other_ids_in_its_next_pair_is_followed_by_place(
    case: tuple[list[Structure], Truth],
) -> None:
    """Each comparison cuts a version's clauses against the other version (glued clauses), so one
    version's outline ids may differ between the pair before it and the pair after it: units are
    matched by level and where they start in the version's text, not by id."""
    structures, truth = case
    shifted = [structures[0]]
    for pair in structures[1:]:
        a, entries = _shifted(pair.a, pair.entries)
        shifted.append(Structure(a, pair.b, entries))
    assert _canonical(chain(shifted)) == {tuple(steps) for steps in truth.steps}
