"""A document's legal structure and the correspondence of its units (report format version 3).

Rules:

* The **outline** is a flat list in reading order: 编/分编/章/节 divisions,
  articles (条; 第X条之一 has number X.1), their paragraphs (款, from
  `diffing.articles`), items (项, （一）) and subitems (目, 1.), a notice's
  headings (一、 （一） 1.), its title and meta lines (the front matter of a
  law). Each entry has the original span of its whole text, label included,
  and the id of the unit that encloses it.
* The **correspondence** is read from the rows, never re-derived: the aligner
  pairs a 第X条 label only with the label of the corresponding article, and a
  division heading only with the heading of the corresponding division
  (`diffing.align`, rule 3), so a row holding two labels is a pair of units.
* A pair is ``equal`` when every row inside it is quiet and stays inside the
  pair and the labels are the same, ``renumbered`` when only the labels
  differ, else ``modified`` (flag ``renumbered`` when the labels differ too);
  it is ``moved`` when it is off one longest run of pairs in the order of
  both documents (flags ``modified``/``renumbered``). An A unit with no
  partner whose body went mostly (`MERGE_SHARE`) into one paired B unit is
  ``merged`` into that pair's entry; a B unit likewise ``split`` from an A
  unit. Any other unit is ``inserted`` or ``deleted``.
* Entries come in B's reading order, deleted units at their place: the order
  of their first row.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

from corpus.markers import CONTENTS, compact, read_label
from corpus.markers import Level as MarkerLevel
from diffing.align import swapped
from diffing.articles import Outline as LawOutline
from diffing.articles import Unit as LawUnit
from diffing.correspond import labels_only, quiet
from diffing.fast_values import plain
from diffing.model import Clause, Diff, Row
from diffing.sequences import longest_increasing
from diffing.units import articles, division_level, divisions

__all__ = ["LEVELS", "STRUCTURE_OPS", "Entry", "Structure", "Unit", "contiguous", "document_outline", "structure"]

Level = Literal[
    "part", "subpart", "chapter", "section", "article", "paragraph", "item", "subitem", "heading", "toc", "title",
    "meta",
]  # fmt: skip
LEVELS: tuple[Level, ...] = (
    "part", "subpart", "chapter", "section", "article", "paragraph", "item", "subitem", "heading", "toc", "title",
    "meta",
)  # fmt: skip
StructureOp = Literal["equal", "renumbered", "modified", "moved", "merged", "split", "inserted", "deleted"]
STRUCTURE_OPS: tuple[StructureOp, ...] = (
    "equal", "renumbered", "modified", "moved", "merged", "split", "inserted", "deleted",
)  # fmt: skip
MERGE_SHARE = 0.5
_LIST_LEVELS = (MarkerLevel.HEADING, MarkerLevel.ITEM, MarkerLevel.SUBITEM)
_DIVISION_LEVELS: tuple[Level, ...] = ("part", "subpart", "chapter", "section")


@dataclass(frozen=True)
class Unit:
    """One outline entry."""

    id: int
    level: Level
    label: str
    number: float | None
    span: tuple[int, int]
    parent: int | None
    clauses: tuple[int, ...]
    """The document's clauses in this unit (label included)."""

    def as_report(self) -> dict[str, object]:
        number: object = self.number
        if isinstance(number, float) and number.is_integer():
            number = int(number)
        return {
            "id": self.id, "level": self.level, "label": self.label, "number": number,
            "span": list(self.span), "parent": self.parent,
        }  # fmt: skip


_FAST = plain(Unit, ("id", "level", "label", "number", "span", "parent", "clauses"))
"""Whether `Unit` is still the plain frozen dataclass `_new_unit` fills (`diffing.fast_values`: an outline
builds one for every article, 款 and 项 of a document)."""
_new = object.__new__


def _new_unit(
    uid: int,
    level: Level,
    label: str,
    number: float | None,
    span: tuple[int, int],
    parent: int | None,
    clauses: tuple[int, ...],
) -> Unit:
    """``Unit(uid, level, label, number, span, parent, clauses)``."""
    if not _FAST:
        return Unit(uid, level, label, number, span, parent, clauses)
    unit: Unit = _new(Unit)
    unit.__dict__.update(id=uid, level=level, label=label, number=number, span=span, parent=parent, clauses=clauses)
    return unit


@dataclass(frozen=True)
class Entry:
    """One unit (or several, merged or split) of A against its counterpart(s) in B."""

    level: Level
    op: StructureOp
    a: tuple[int, ...]
    b: tuple[int, ...]
    rows: tuple[int, ...]
    renumbered: bool = False
    modified: bool = False

    def as_report(self) -> dict[str, object]:
        out: dict[str, object] = {"level": self.level, "op": self.op, "a": list(self.a), "b": list(self.b)}
        out["rows"] = list(self.rows)
        if self.renumbered and self.op in ("modified", "moved"):
            out["renumbered"] = True
        if self.modified and self.op == "moved":
            out["modified"] = True
        return out


@dataclass(frozen=True)
class Structure:
    """Both outlines and the correspondence of their units."""

    a: tuple[Unit, ...]
    b: tuple[Unit, ...]
    entries: tuple[Entry, ...]

    @cached_property
    def summary(self) -> dict[str, dict[str, int]]:
        """Entries counted by level and op."""
        out: dict[str, dict[str, int]] = {}
        for e in self.entries:
            counts = out.setdefault(e.level, {})
            counts[e.op] = counts.get(e.op, 0) + 1
        return out


@lru_cache(maxsize=1 << 14)
def _number(text: str) -> float | None:
    """The number of the label ``text``: 12.0 for 第十二条, 12.1 for 第十二条之一, 3.0 for （三）."""
    label = read_label(text)
    return None if label is None else float(label.dotted)


def _level(text: str) -> MarkerLevel | None:
    label = read_label(text)
    return None if label is None else label.level


def document_outline(law: LawOutline) -> tuple[Unit, ...]:
    """The outline of one document, from its outline of articles (see the module's rules)."""
    clauses, spans, original = law.clauses, law.spans, law.document.original
    out: list[Unit] = []

    def add(level: Level, label: str, number: float | None, members: tuple[int, ...], parent: int | None) -> int:
        uid = len(out)
        out.append(_new_unit(uid, level, label, number, (spans[members[0]][0], spans[members[-1]][1]), parent, members))
        return uid

    toc = _toc(clauses)
    for k, i in enumerate(law.front):
        if i == toc.start and toc:
            add("toc", "目录", None, tuple(toc), None)
        if i in toc:
            continue
        text = law.original(i).lstrip("#").strip()
        add("title" if k == 0 and law.title and text == law.title else "meta", "", None, (i,), None)
    arts = articles(clauses)
    division_end = {d.heading: d.end for d in divisions(clauses, arts)}
    art_of_label = {art.label: art for art in arts}
    open_divisions: list[tuple[int, int]] = []  # (level, unit id), innermost last
    if toc and not any(u.level == "toc" for u in out):
        add("toc", "目录", None, tuple(toc), None)
    for unit in law.units:
        members = unit.clauses
        head = members[0]
        if head in toc:
            continue
        kind = unit.kind
        if kind == "article":
            art = art_of_label.get(head)
            whole = tuple(range(art.label, art.end)) if art is not None else members
            uid = add("article", unit.label, _number(unit.label), whole, _top(open_divisions))
            _paragraphs(add, original, spans, unit, uid)
            continue
        level = division_level(clauses[head]) if kind == "heading" else None
        if level is not None:
            while open_divisions and open_divisions[-1][0] >= level:
                open_divisions.pop()
            holder = tuple(range(head, division_end[head]))
            label = compact(clauses[head].text)
            uid = add(_DIVISION_LEVELS[level], label, _number(label), holder, _top(open_divisions))
            open_divisions.append((level, uid))
        elif kind == "heading" or _level(original[spans[head][0] : spans[head][1]]) in _LIST_LEVELS:
            add("heading", "", None, members, _top(open_divisions))
    return tuple(out)


def _toc(clauses: tuple[Clause, ...]) -> range:
    """A 目录 block before the first article: the 目录 line and the headings after it up to the first
    heading that repeats one of them (the body's), or empty."""
    first_article = next((k for k, c in enumerate(clauses) if c.kind == "article"), len(clauses))
    start = next((k for k in range(first_article) if CONTENTS.fullmatch(clauses[k].text)), None)
    if start is None:
        return range(0)
    seen: set[str] = set()
    k = start + 1
    while k < first_article:
        key = compact(clauses[k].text)
        if key in seen:
            break
        seen.add(key)
        k += 1
    return range(start, k)


def _top(stack: list[tuple[int, int]]) -> int | None:
    return stack[-1][1] if stack else None


_Add = Callable[[Level, str, "float | None", tuple[int, ...], "int | None"], int]


def _paragraphs(add: _Add, original: str, spans: tuple[tuple[int, int], ...], unit: LawUnit, article_id: int) -> None:
    """The 款 of an article (`diffing.articles.Unit.kuan`: a paragraph that is no item, with the items that
    follow it), their 项 and the 目 inside each 项."""
    paragraphs = unit.paragraphs
    count = len(paragraphs)
    start = n = 0
    while start < count:
        end = start + 1
        while end < count and paragraphs[end].item:
            end += 1
        n += 1
        if end == start + 1:  # most 款: one paragraph, no item
            add("paragraph", "", float(n), paragraphs[start].clauses, article_id)
            start = end
            continue
        kuan = paragraphs[start:end]
        pid = add("paragraph", "", float(n), tuple(i for p in kuan for i in p.clauses), article_id)
        item_id = None
        for p in kuan[1:]:
            lo, hi = spans[p.clauses[0]]
            text = original[lo:hi].lstrip()  # a label lies inside its paragraph's first clause
            marker = read_label(text)
            if p.item and marker is not None:
                item_id = add("item", text[: marker.end], float(marker.dotted), p.clauses, pid)
            elif item_id is not None and marker is not None and marker.level >= MarkerLevel.SUBITEM:
                add("subitem", compact(text[: marker.end]), float(marker.dotted), p.clauses, item_id)
        start = end


def structure(diff: Diff) -> Structure:
    """Both outlines and the correspondence of their units at the levels part … article (module rules)."""
    a, b = diff.document_outlines
    entries: list[Entry] = []
    a_levels, b_levels = _by_level(a), _by_level(b)
    rows = _rows(diff, a_levels, b_levels)
    flip = swapped(diff.a_clauses, diff.b_clauses)
    for level in _PAIRED_LEVELS:
        a_units, b_units = a_levels.get(level, []), b_levels.get(level, [])
        if a_units or b_units:
            entries.extend(_entries(diff, a_units, b_units, rows, rows.pairs.get(level, {}), flip))
    entries.sort(key=lambda e: (e.rows[0] if e.rows else -1, _DEPTH[e.level]))
    return Structure(a, b, tuple(entries))


_DEPTH = {level: k for k, level in enumerate(LEVELS)}
_PAIRED_LEVELS: tuple[Level, ...] = ("article", *_DIVISION_LEVELS, "toc")


def _by_level(units: tuple[Unit, ...]) -> dict[Level, list[Unit]]:
    out: dict[Level, list[Unit]] = defaultdict(list)
    for u in units:
        out[u.level].append(u)
    return out


_SKIP, _CHANGED, _INSIDE, _INSIDE_MANY = 0, 1, 2, 3
"""What a row says of the pair it lies in (`_Rows.verdicts`)."""


@dataclass(frozen=True)
class _Rows:
    """What the entries read of the rows."""

    a: list[int]
    """For each A clause, its row (-1 for none; a copy's reference in A is none)."""
    b: list[int]
    """For each B clause, its row (-1 for none)."""
    verdicts: list[int]
    """For each row: `_CHANGED` when it changes the pair it lies in, whatever the pair; `_SKIP` when it never
    does (第X条 labels: their numbers are the renumbering's business); `_INSIDE` (one clause a side) or
    `_INSIDE_MANY` (more) when it does unless its clauses lie inside the pair (a quiet row)."""
    many: frozenset[int]
    """The `_INSIDE_MANY` rows."""
    pairs: dict[Level, dict[int, int]]
    """The pairs of units of each paired level (A id → B id): the units whose first clauses (label or
    heading) a 1:1 row holds, in the order of the rows."""


def _rows(diff: Diff, a_levels: dict[Level, list[Unit]], b_levels: dict[Level, list[Unit]]) -> _Rows:
    """What the entries read of the rows, in one pass over them (no two units of the paired levels start at
    one clause)."""
    a_head = {u.clauses[0]: u for level in _PAIRED_LEVELS for u in a_levels.get(level, ())}
    b_head = {u.clauses[0]: u for level in _PAIRED_LEVELS for u in b_levels.get(level, ())}
    pairs: dict[Level, dict[int, int]] = defaultdict(dict)
    a_rows = [-1] * len(diff.a_clauses)
    b_rows = [-1] * len(diff.b_clauses)
    verdicts = []
    for r, row in enumerate(diff.rows):
        ra, rb = row.a, row.b
        single = len(ra) == 1 and len(rb) == 1
        if row.op != "copied":
            for i in ra:
                a_rows[i] = r
            if single and (ua := a_head.get(ra[0])) is not None:
                ub = b_head.get(rb[0])
                if ub is not None and ua.level == ub.level:
                    pairs[ua.level][ua.id] = ub.id
        for j in rb:
            b_rows[j] = r
        if not quiet(diff, row):
            verdicts.append(_SKIP if labels_only(diff, row) else _CHANGED)
        elif row.op == "copied" or not ra or not rb:
            verdicts.append(_CHANGED)
        else:
            verdicts.append(_INSIDE if single else _INSIDE_MANY)
    many = frozenset(r for r, v in enumerate(verdicts) if v == _INSIDE_MANY)
    return _Rows(a_rows, b_rows, verdicts, many, pairs)


def _entries(
    diff: Diff, a_units: list[Unit], b_units: list[Unit], rows: _Rows, pairs: dict[int, int], flip: bool
) -> list[Entry]:
    """The entries of the units of one level; ``pairs`` are their pairs (`_Rows.pairs`), ``flip`` the
    aligner's orientation (`diffing.align.swapped`)."""
    a_inner, b_inner = _innermost(len(diff.a_clauses), a_units), _innermost(len(diff.b_clauses), b_units)
    by_id_a = {u.id: u for u in a_units}
    by_id_b = {u.id: u for u in b_units}
    partner_b = {v: u for u, v in pairs.items()}
    # Units without a partner: merged into / split from a pair when most of their text went there.
    joined_a: dict[int, list[int]] = defaultdict(list)  # paired A unit → merged A units
    joined_b: dict[int, list[int]] = defaultdict(list)
    for u in a_units:
        if u.id not in pairs:
            target = _main_target(diff, u, "a", b_inner, rows.a)
            if target is not None and target in partner_b:
                joined_a[partner_b[target]].append(u.id)
    for v in b_units:
        if v.id not in partner_b:
            target = _main_target(diff, v, "b", a_inner, rows.b)
            if target is not None and target in pairs:
                joined_b[target].append(v.id)
    in_order = _in_order(pairs, a_units, b_units, flip)
    out: list[Entry] = []
    consumed_a: set[int] = set()
    consumed_b: set[int] = set()
    for ia, ib in pairs.items():
        ua, vb = by_id_a[ia], by_id_b[ib]
        a_ids = tuple(sorted([ia, *joined_a[ia]])) if ia in joined_a else (ia,)
        b_ids = tuple(sorted([ib, *joined_b[ia]])) if ia in joined_b else (ib,)  # keyed by the pair's A unit
        consumed_a.update(a_ids)
        consumed_b.update(b_ids)
        a_side = _row_set(map(by_id_a.__getitem__, a_ids), rows.a)
        b_side = _row_set(map(by_id_b.__getitem__, b_ids), rows.b)
        every = a_side | b_side
        every.discard(-1)
        renumbered = ua.number != vb.number if ua.number is not None and vb.number is not None else ua.label != vb.label
        changed = _changed(diff, every, a_side, b_side, a_ids, b_ids, a_inner, b_inner, rows)
        if len(a_ids) > 1 or len(b_ids) > 1:
            op: StructureOp = "merged" if len(a_ids) > 1 else "split"
        elif ia not in in_order:
            op = "moved"
        elif changed:
            op = "modified"
        else:
            op = "renumbered" if renumbered else "equal"
        out.append(Entry(ua.level, op, a_ids, b_ids, tuple(sorted(every)), renumbered, changed))
    for u in a_units:
        if u.id not in consumed_a:
            out.append(Entry(u.level, "deleted", (u.id,), (), _sorted_rows(_row_set([u], rows.a))))
    for v in b_units:
        if v.id not in consumed_b:
            out.append(Entry(v.level, "inserted", (), (v.id,), _sorted_rows(_row_set([v], rows.b))))
    return out


def _innermost(size: int, chosen: list[Unit]) -> list[int]:
    """For each of ``size`` clauses, the id of the innermost chosen unit holding it (-1 for none)."""
    out = [-1] * size
    for u in sorted(chosen, key=lambda u: len(u.clauses), reverse=True):
        members = u.clauses
        if contiguous(members):
            out[members[0] : members[-1] + 1] = [u.id] * len(members)
        else:
            for i in members:
                out[i] = u.id
    return out


def contiguous(members: tuple[int, ...]) -> bool:
    """A unit's clauses (increasing, as every outline lists them) are one run of clauses (`Unit.clauses`)."""
    return members[-1] - members[0] + 1 == len(members)


def _main_target(diff: Diff, unit: Unit, side: str, other_inner: list[int], rows_of: list[int]) -> int | None:
    """The unit of the other side holding most (at least `MERGE_SHARE`) of this unit's aligned text."""
    clauses = diff.a_clauses if side == "a" else diff.b_clauses
    shared: Counter[int] = Counter()
    total = 0
    for i in unit.clauses[1:]:
        size = len(clauses[i].text)
        total += size
        if rows_of[i] < 0:
            continue  # an A clause shown only as a copy's reference
        row = diff.rows[rows_of[i]]
        others = row.b if side == "a" else row.a
        if others and (k := others[0]) < len(other_inner) and other_inner[k] >= 0:
            shared[other_inner[k]] += size
    if not shared or total == 0:
        return None
    target, size = min(shared.items(), key=lambda t: (-t[1], t[0]))
    return target if size >= MERGE_SHARE * total else None


def _in_order(pairs: dict[int, int], a_units: list[Unit], b_units: list[Unit], flip: bool) -> set[int]:
    """A ids of the pairs on one longest run that keeps both orders, chosen on the sides in the
    aligner's canonical order (`diffing.align.swapped`) so that B against A marks the same pairs."""
    a_rank = {u.id: k for k, u in enumerate(a_units)}
    b_rank = {u.id: k for k, u in enumerate(b_units)}
    if flip:
        ordered = sorted(pairs, key=lambda u: a_rank[u])
        keep = longest_increasing([b_rank[pairs[u]] for u in ordered])
    else:
        ordered = sorted(pairs, key=lambda u: b_rank[pairs[u]])
        keep = longest_increasing([a_rank[u] for u in ordered])
    return {ordered[k] for k in keep}


def _row_set(units: Iterable[Unit], rows_of: list[int]) -> set[int]:
    """The rows of the units' clauses (-1 among them when a clause has none)."""
    out: set[int] = set()
    for u in units:
        members = u.clauses
        if contiguous(members):
            out.update(rows_of[members[0] : members[-1] + 1])
        else:
            out.update(rows_of[i] for i in members)
    return out


def _sorted_rows(rows: set[int]) -> tuple[int, ...]:
    return tuple(sorted(rows - {-1}))


def _changed(
    diff: Diff,
    every: set[int],
    a_side: set[int],
    b_side: set[int],
    a_ids: tuple[int, ...],
    b_ids: tuple[int, ...],
    a_inner: list[int],
    b_inner: list[int],
    rows: _Rows,
) -> bool:
    """Some text of the pair changed: a row that is not quiet, or one whose other side lies outside.

    ``every`` are the pair's rows, ``a_side`` and ``b_side`` the rows of its A clauses and of its B
    clauses (-1 among them for a clause without one). The units of one level never overlap (an article
    ends where the next label or heading starts, a division where the next of its level or higher does),
    so a quiet row of one clause a side lies inside the pair exactly when both sides' rows hold it; a row
    of more clauses is read clause by clause."""
    verdict = rows.verdicts.__getitem__
    if _CHANGED in map(verdict, every):
        return True
    one_side = a_side ^ b_side
    one_side.discard(-1)
    if not set(map(verdict, one_side)) <= {_SKIP}:
        return True
    return any(_outside(diff.rows[r], a_ids, b_ids, a_inner, b_inner) for r in every & rows.many)


def _outside(row: Row, a_ids: tuple[int, ...], b_ids: tuple[int, ...], a_inner: list[int], b_inner: list[int]) -> bool:
    """Some clause of the row lies outside the pair's units."""
    return any(a_inner[i] not in a_ids for i in row.a) or any(b_inner[j] not in b_ids for j in row.b)
