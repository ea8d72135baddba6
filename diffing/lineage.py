"""Lineages (沿革): each unit of a document followed through its versions.

Rules:

* Input is the unit correspondence of each pair of consecutive versions
  (`diffing.structure.Structure`: outlines and entries), nothing else: this
  module never compares texts, reads a store or a file.
* One lineage per unit of the levels in `LINEAGE_LEVELS`, from the version
  where it appears to the version where it is gone; one `Step` per version in
  which it exists, plus a final ``deleted`` step (no unit) in the version
  where it is gone. A step's ``op`` says what happened on the way *into* that
  version: the entry's op (``equal``, ``renumbered``, ``modified``, ``moved``,
  ``merged``, ``split``), ``inserted`` for the first step of a new unit.
* A 1:1 entry continues the lineage of its A unit. A ``merged`` entry (A units
  x1 … xn → one B unit y) continues the lineage of the A unit ``choose`` picks
  (the caller's judgement of which text y mostly is: `diffing.history` picks the
  most similar text), by default the first in reading order, into y (``with_``:
  the lineages merged into it); each other
  lineage ends with a ``merged`` step on y whose ``into`` names the
  continuing lineage. A ``split`` entry (x → y1 … yn) continues x's lineage
  into y1; each other y starts a lineage whose first step is ``split`` with
  ``from_`` naming x's lineage (and x's step lists them in ``with_``).
* Each comparison outlines both versions anew (their clauses are cut against the other version), so
  a version's units are carried from the pair before it to the pair after it by place: same level
  and same start in the version's text, else same level and label, in order.
* A unit of a version that no entry covers is treated as deleted (A side) or
  inserted (B side), so every unit of every version is in exactly one lineage
  step of that version, except the B unit of a merge, which the absorbed
  lineages' last steps share with the continuing lineage.
* Lineage ids are 0, 1, … in order of appearance: version 1's units in reading
  order, then each version's new units in its reading order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from corpus.markers import compact, read_label
from diffing.structure import Entry, Structure, Unit

__all__ = [
    "LINEAGE_LEVELS", "LINEAGE_OPS", "Lineage", "LineageError", "LineageOp", "Lineages", "Step", "chain", "find",
]  # fmt: skip

LINEAGE_LEVELS: tuple[str, ...] = ("part", "subpart", "chapter", "section", "article")
LineageOp = Literal["inserted", "equal", "renumbered", "modified", "moved", "merged", "split", "deleted"]
LINEAGE_OPS: tuple[LineageOp, ...] = (
    "inserted", "equal", "renumbered", "modified", "moved", "merged", "split", "deleted",
)  # fmt: skip


Choose = Callable[[int, tuple[int, ...], int], int]
"""``(version, A unit ids, B unit id) → A unit id``: which merged unit's lineage goes on (module rules)."""


class LineageError(ValueError):
    """A question about lineages that has no answer (an unknown article, a version out of range)."""


@dataclass(frozen=True)
class Step:
    """One version of a lineage."""

    version: int
    """1-based version number."""
    op: LineageOp
    unit: Unit | None
    """The unit in that version (None for ``deleted``)."""
    with_: tuple[int, ...] = ()
    """For ``merged``/``split``: the other lineages involved."""
    into: int | None = None
    """For the last step of a lineage merged into another: that lineage."""
    from_: int | None = None
    """For the first step of a lineage split from another: that lineage."""
    renumbered: bool = False
    """The number changed on the way into this version (also true for a ``renumbered`` op)."""
    modified: bool = False
    """The text changed on the way into this version (also true for a ``modified`` op)."""

    @property
    def label(self) -> str:
        return self.unit.label if self.unit is not None else ""

    @property
    def changed(self) -> bool:
        """Something a reader of an annotated text wants said: anything but ``equal``."""
        return self.op != "equal"


@dataclass(frozen=True)
class Lineage:
    """One unit through the versions."""

    id: int
    level: str
    steps: tuple[Step, ...]

    @property
    def first(self) -> int:
        return self.steps[0].version

    @property
    def last(self) -> int:
        """The last version in which the unit exists."""
        alive = [s.version for s in self.steps if s.op != "deleted" and s.into is None]
        return alive[-1] if alive else self.steps[-1].version

    def at(self, version: int) -> Step | None:
        """The step of ``version`` (the unit as it stands there), None where the lineage has none."""
        for s in self.steps:
            if s.version == version:
                return s
        return None

    def alive_at(self, version: int) -> Step | None:
        """The step of ``version`` when the unit exists there as itself (not deleted, not merged away)."""
        step = self.at(version)
        return step if step is not None and step.op != "deleted" and step.into is None else None


@dataclass(frozen=True)
class Lineages:
    """All lineages of a document of ``versions`` versions."""

    versions: int
    lineages: tuple[Lineage, ...]

    @cached_property
    def _index(self) -> dict[tuple[int, int], int]:
        return {
            (s.version, s.unit.id): lin.id
            for lin in self.lineages for s in lin.steps if s.unit is not None and s.into is None
        }  # fmt: skip

    def of_unit(self, version: int, unit_id: int) -> Lineage | None:
        """The lineage holding outline unit ``unit_id`` of ``version`` as itself."""
        k = self._index.get((version, unit_id))
        return None if k is None else self.lineages[k]


class _Builder:
    """The lineages being built, and which lineage holds each unit of the version at hand."""

    def __init__(self, choose: Choose | None = None) -> None:
        self.choose = choose
        self.steps: list[list[Step]] = []
        self.levels: list[str] = []
        self.current: dict[int, int] = {}
        """Unit id in the version at hand → lineage id."""
        self.next: dict[int, int] = {}
        """Unit id in the next version → lineage id."""

    def start(self, unit: Unit, step: Step) -> int:
        self.steps.append([step])
        self.levels.append(unit.level)
        return len(self.steps) - 1

    def follow(self, entry: Entry, b_units: dict[int, Unit], version: int) -> None:
        """Extend the lineages of ``entry``'s A units into ``version`` (module rules); ``b_units``: the
        units of ``version`` by id."""
        a_ids = sorted(entry.a)
        b_ids = sorted(entry.b)
        current, steps = self.current, self.steps
        if not b_ids:
            for x in a_ids:
                if x in current:
                    steps[current[x]].append(Step(version, "deleted", None))
            return
        if not a_ids or a_ids[0] not in current:
            for y in b_ids:
                self.next[y] = self.start(b_units[y], Step(version, "inserted", b_units[y]))
            return
        first = a_ids[0]
        if self.choose is not None and len(a_ids) > 1:
            picked = self.choose(version, tuple(a_ids), b_ids[0])
            first = picked if picked in current else first
        main = current[first]
        others = [current[x] for x in a_ids if x != first and x in current]
        new = [self.start(b_units[y], Step(version, "split", b_units[y], (main,), from_=main)) for y in b_ids[1:]]
        for y, lid in zip(b_ids[1:], new, strict=True):
            self.next[y] = lid
        op: LineageOp = entry.op if entry.op not in ("inserted", "deleted") else "modified"
        renumbered = entry.renumbered or op == "renumbered"
        modified = entry.modified or op == "modified"
        y0 = b_units[b_ids[0]]
        steps[main].append(Step(version, op, y0, (*others, *new), renumbered=renumbered, modified=modified))
        self.next[y0.id] = main
        for lid in others:
            steps[lid].append(Step(version, "merged", y0, (main,), into=main, modified=True))


def chain(
    structures: Sequence[Structure], outline: tuple[Unit, ...] | None = None, choose: Choose | None = None
) -> Lineages:
    """The lineages of a document whose consecutive versions correspond as ``structures`` say.

    ``structures[k]`` compares version k+1 with version k+2 (1-based); ``outline`` is version 1's
    outline when there is no structure (a document with one version). The outlines may hold only the
    units of `LINEAGE_LEVELS` (a cached structure does): units are found by id, not by position.
    ``choose(version, a_ids, b_id)`` names the A unit whose lineage a merge continues (module rules).
    """
    first = structures[0].a if structures else (outline or ())
    b = _Builder(choose)
    for unit in first:
        if unit.level in LINEAGE_LEVELS:
            b.current[unit.id] = b.start(unit, Step(1, "inserted", unit))
    for k, st in enumerate(structures):
        version = k + 2
        if k > 0:
            b.current = _by_place(b.current, structures[k - 1].b, st.a)
        b.next = {}
        seen_a: set[int] = set()
        b_units = {u.id: u for u in st.b}
        for entry in st.entries:
            if entry.level in LINEAGE_LEVELS:
                seen_a.update(entry.a)
                b.follow(entry, b_units, version)
        for uid, lid in b.current.items():
            if uid not in seen_a:
                b.steps[lid].append(Step(version, "deleted", None))
        for unit in st.b:
            if unit.level in LINEAGE_LEVELS and unit.id not in b.next:
                b.next[unit.id] = b.start(unit, Step(version, "inserted", unit))
        b.current = b.next
    lineages = tuple(
        Lineage(k, level, tuple(steps)) for k, (level, steps) in enumerate(zip(b.levels, b.steps, strict=True))
    )
    return Lineages(len(structures) + 1, lineages)


def _by_place(current: dict[int, int], before: tuple[Unit, ...], after: tuple[Unit, ...]) -> dict[int, int]:
    """``current`` (unit id → lineage) re-keyed from one outline of a version to another outline of the
    same version: units are the same when they have the same level and start at the same place of the
    text, else (a unit cut at another clause boundary) the same level and label, in order."""
    old = {u.id: u for u in before}
    by_start = {(u.level, u.span[0]): u.id for u in after}
    out: dict[int, int] = {}
    left: list[tuple[Unit, int]] = []
    for uid, lid in current.items():
        unit = old.get(uid)
        if unit is None:
            continue
        new = by_start.get((unit.level, unit.span[0]))
        if new is None:
            left.append((unit, lid))
        else:
            out[new] = lid
    if left:
        free: dict[tuple[str, str], list[int]] = {}
        for u in after:
            if u.id not in out:
                free.setdefault((u.level, compact(u.label)), []).append(u.id)
        for unit, lid in left:
            spare = free.get((unit.level, compact(unit.label)))
            if spare:
                out[spare.pop(0)] = lid
    return out


def find(lineages: Lineages, version: int, label: str) -> Lineage:
    """The lineage of the unit labelled ``label`` (第二十二条, 第22条, 第三章) in ``version``.

    A `LineageError` when no unit of that version has the label.
    """
    wanted = compact(label)
    parsed = read_label(wanted)
    key = None if parsed is None else (parsed.level.name.lower(), float(parsed.dotted))
    for lin in lineages.lineages:
        step = lin.alive_at(version)
        if step is None or step.unit is None:
            continue
        if compact(step.unit.label) == wanted:
            return lin
        if key is not None and (step.unit.level, step.unit.number) == key:
            return lin
    raise LineageError(f"no {label} in version {version}")
