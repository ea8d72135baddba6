"""Which article of A became which article of B: a correspondence built from the diff's rows.

Rules:

* Articles correspond as the aligner paired them: a row holding two 第X条
  labels is a pair of articles (`diffing.align`, rule 3). Other units (see
  `diffing.articles`), and articles whose labels stayed unpaired, correspond
  by the text their clauses share in rows with both sides: A unit *u* and B
  unit *v* pair when each is the other's best partner (most A characters
  aligned between them). Units pair only with units of the same kind; front
  matter takes no part.
* An A unit with no partner is ``deleted``, a B unit with none ``inserted``.
* A pair is **changed** unless every clause of both units lies in a quiet row
  whose other side lies in the partner unit; rows of 第X条 labels alone are
  left out (a label is the article's number, not its text). A row is quiet
  (`quiet`) when it is ``equal`` or ``renumbered``, or ``moved`` with no
  change of text (the aligner's view of a whole article out of order) or
  between two 第X条 labels.
* A pair is **moved** when it is out of order: the pairs, in B's order, that
  are not on one longest run increasing in A's order, among the pairs of
  their own kind (a chapter heading is not moved by the articles around it).
  Every other pair whose labels differ is renumbered only
  (`Correspondence.renumbered`).
* `Correspondence.elsewhere` names, for an inserted or deleted unit, the units
  of the other side it shares text with (`_SHARED_MIN` characters or more).
* `Link`s come in reading order of B; a deleted unit stands right after the
  link of the A unit before it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from diffing.articles import Outline, Unit
from diffing.model import QUIET_OPS, Diff, Row
from diffing.sequences import longest_increasing

__all__ = ["Correspondence", "Link", "Status", "correspond", "labels_only", "quiet"]

_SHARED_MIN = 8
"""Characters of text two units must share for `Correspondence.elsewhere` to name one for the other."""

Status = Literal["unchanged", "modified", "moved", "inserted", "deleted"]


@dataclass(frozen=True)
class Link:
    """An A unit and the B unit it became (either may be None)."""

    a: int | None
    b: int | None
    changed: bool
    """Some text of the pair changed (always True for inserted and deleted units)."""
    moved: bool = False

    @property
    def status(self) -> Status:
        if self.a is None:
            return "inserted"
        if self.b is None:
            return "deleted"
        if self.moved:
            return "moved"
        return "modified" if self.changed else "unchanged"


@dataclass(frozen=True)
class Correspondence:
    """The two outlines and their links."""

    diff: Diff
    a: Outline
    b: Outline
    links: tuple[Link, ...]

    def a_unit(self, link: Link) -> Unit | None:
        return None if link.a is None else self.a.units[link.a]

    def b_unit(self, link: Link) -> Unit | None:
        return None if link.b is None else self.b.units[link.b]

    def renumbered(self, link: Link) -> bool:
        """Both sides exist and their labels differ."""
        a, b = self.a_unit(link), self.b_unit(link)
        return a is not None and b is not None and a.label != b.label

    def elsewhere(self, link: Link) -> list[int]:
        """For an inserted (deleted) unit: the A (B) units its text is aligned with, most shared text first."""
        if (link.a is None) == (link.b is None):
            return []
        side_a = link.a is not None
        unit = self.a.units[link.a] if link.a is not None else self.b.units[link.b]  # type: ignore[index]
        rows_of = self.row_of_a if side_a else self.row_of_b
        other = self.b if side_a else self.a
        clauses = self.diff.a_clauses if side_a else self.diff.b_clauses
        shared: dict[int, int] = defaultdict(int)
        for i in unit.clauses:
            row = self.diff.rows[rows_of[i]]
            if row.op == "renumbered":
                continue
            for u in {other.unit_of[j] for j in (row.b if side_a else row.a)}:
                if u >= 0 and other.units[u].kind == unit.kind:
                    shared[u] += len(clauses[i].text)
        return sorted((u for u in shared if shared[u] >= _SHARED_MIN), key=lambda u: (-shared[u], u))

    @cached_property
    def row_of_a(self) -> tuple[int, ...]:
        """For each A clause, the index of its row."""
        return _rows_of(self.diff, "a")

    @cached_property
    def row_of_b(self) -> tuple[int, ...]:
        """For each B clause, the index of its row."""
        return _rows_of(self.diff, "b")


def quiet(diff: Diff, row: Row) -> bool:
    """True for a row that changes no wording (see the module's rules)."""
    if row.op in QUIET_OPS:
        return True
    if row.op != "moved" or len(row.a) != 1 or len(row.b) != 1:
        return False
    if row.similarity >= 1.0:
        return True
    return diff.a_clauses[row.a[0]].kind == "article" and diff.b_clauses[row.b[0]].kind == "article"


def labels_only(diff: Diff, row: Row) -> bool:
    """A row of 第X条 labels alone (on the sides it has)."""
    return all(diff.a_clauses[i].kind == "article" for i in row.a) and all(
        diff.b_clauses[j].kind == "article" for j in row.b
    )


def correspond(diff: Diff) -> Correspondence:
    """Link the units of A and B (see the module's rules)."""
    a, b = diff.outlines
    a_of, b_of = a.unit_of, b.unit_of
    labelled = _label_pairs(diff, a, b)
    weight: dict[tuple[int, int], int] = defaultdict(int)
    for row in diff.rows:
        if not row.a or not row.b or row.op == "copied":
            continue
        b_units = {b_of[j] for j in row.b if b_of[j] >= 0}
        for i in row.a:
            u = a_of[i]
            if u < 0 or u in labelled:
                continue
            size = len(diff.a_clauses[i].text)
            for v in b_units:
                if a.units[u].kind == b.units[v].kind and v not in labelled.values():
                    weight[u, v] += size
    best_b: dict[int, tuple[int, int]] = {}
    best_a: dict[int, tuple[int, int]] = {}
    for (u, v), w in weight.items():
        if w > best_b.get(u, (-1, 0))[0] or (w == best_b[u][0] and v < best_b[u][1]):
            best_b[u] = (w, v)
        if w > best_a.get(v, (-1, 0))[0] or (w == best_a[v][0] and u < best_a[v][1]):
            best_a[v] = (w, u)
    partner_of_b = {v: u for v, (_, u) in best_a.items() if best_b.get(u, (0, -1))[1] == v}
    partner_of_b.update((v, u) for u, v in labelled.items())
    partner_of_a = {u: v for v, u in partner_of_b.items()}
    in_order: set[int] = set()
    for kind in {unit.kind for unit in b.units}:  # articles move among articles, headings among headings
        in_order |= _increasing([partner_of_b[v] for v in sorted(partner_of_b) if b.units[v].kind == kind])
    changed_a, changed_b = _changed(diff, a, b, partner_of_a, partner_of_b)

    links: list[Link] = []
    placed: dict[int, int] = {}  # A unit → position of its link
    for v in range(len(b.units)):
        if v not in partner_of_b:
            links.append(Link(None, v, True))
        else:
            u = partner_of_b[v]
            placed[u] = len(links)
            links.append(Link(u, v, u in changed_a or v in changed_b, u not in in_order))
    after: dict[int, list[int]] = defaultdict(list)  # position of a link → deleted A units that follow it
    anchor = -1
    for u in range(len(a.units)):
        if u in placed:
            anchor = placed[u]
        else:
            after[anchor].append(u)
    out = [Link(u, None, True) for u in after[-1]]
    for k, link in enumerate(links):
        out.append(link)
        out.extend(Link(u, None, True) for u in after[k])
    return Correspondence(diff, a, b, tuple(out))


def _label_pairs(diff: Diff, a: Outline, b: Outline) -> dict[int, int]:
    """A article unit → B article unit, from the rows that pair their 第X条 labels."""
    out: dict[int, int] = {}
    for row in diff.rows:
        if len(row.a) == 1 and len(row.b) == 1 and row.op != "copied":
            i, j = row.a[0], row.b[0]
            if diff.a_clauses[i].kind == "article" and diff.b_clauses[j].kind == "article":
                u, v = a.unit_of[i], b.unit_of[j]
                if u >= 0 and v >= 0 and a.units[u].kind == b.units[v].kind == "article":
                    out[u] = v
    return out


def _changed(
    diff: Diff, a: Outline, b: Outline, partner_of_a: dict[int, int], partner_of_b: dict[int, int]
) -> tuple[set[int], set[int]]:
    """Units (of A, of B) with a clause in a changed row, or in a row whose other side is outside the partner."""
    changed_a: set[int] = set()
    changed_b: set[int] = set()
    a_of, b_of = a.unit_of, b.unit_of
    for row in diff.rows:
        if labels_only(diff, row):
            continue  # 第X条 labels: their numbers are the renumbering's business, never a change of text
        a_units = {a_of[i] for i in row.a} - {-1}
        b_units = {b_of[j] for j in row.b} - {-1}
        if quiet(diff, row):
            for u in a_units:
                if partner_of_a.get(u) not in b_units:
                    changed_a.add(u)
            for v in b_units:
                if partner_of_b.get(v) not in a_units:
                    changed_b.add(v)
        else:
            changed_a |= a_units
            changed_b |= b_units
    return changed_a, changed_b


def _increasing(values: list[int]) -> set[int]:
    """The values on one longest strictly increasing subsequence (patience sorting)."""
    return {values[k] for k in longest_increasing(values)}


def _rows_of(diff: Diff, side: Literal["a", "b"]) -> tuple[int, ...]:
    n = len(diff.a_clauses if side == "a" else diff.b_clauses)
    out = [-1] * n
    for r, row in enumerate(diff.rows):
        for i in row.a if side == "a" else row.b:
            out[i] = r
    return tuple(out)
