"""The 新旧对照表 as values: one row per changed article, 修改前 | 修改后 | 说明.

Rules:

* Rows follow the correspondence of articles (`diffing.correspond`), in B's
  reading order with deleted articles after their predecessor. Each cell holds
  its side's article (or heading, or run of text outside articles) as written:
  original text, paragraph by paragraph, with its own number.
* In 修改前, text that B does not keep is ``del``; in 修改后, text A did not have
  is ``ins``; everything else is ``same``. A clause whose row pairs it with a
  clause outside the partner article is wholly ``del``/``ins`` there. The 第X条
  labels of two linked articles are ``same``: each column shows its own number.
* Articles that are unchanged, or renumbered only, are left out unless ``full``;
  the table counts them (``unchanged``, ``renumbered``).
* Merged and split articles (`diffing.draft_groups`) are one row: every A
  article in 修改前, every B article in 修改后, at the place of the first A
  article; 说明 says 合并：第X条、第Y条合并为第Z条 or 拆分：第X条分为第Y条、第Z条.
* Division headings (编, 章, 节) are paired as the article map pairs their
  divisions (`diffing.division_pairs`), not by their rows: a row per pair at
  the place of its B heading (a deleted one at its A heading's), 说明 新增,
  删除, 修改 (renamed), ``第四章改为第三章`` (renumbered, shown like a renamed
  one: it frames the articles under it), ``第二章改为第二章第一节`` (a
  chapter turned into a section), ``合并：第二章、第三章合并为第二章``, or for
  a division split off another ``新增，部分内容来自第九章第十二节`` (its
  修改前 empty); an unchanged one is 未修改 (left out and counted unless ``full``).
* 说明 is otherwise one of 修改, 新增, 删除, 移自第X条 (with “，修改” when its text changed
  too), 条文顺序调整 (renumbered only), 未修改. A new article that holds text of
  other A articles says so (新增，部分内容来自第X条), as does a deleted one
  whose text went to other B articles (删除，部分内容移入第X条).
* Titles and dates come from the documents' front matter (`Outline.title`,
  `Outline.date`); empty when a document has none.
"""

from __future__ import annotations

from dataclasses import dataclass

from diffing.articles import Outline, Unit
from diffing.correspond import Correspondence, Link, correspond, quiet
from diffing.division_pairs import DivisionPair, Heading, chapter_of, division_pairs, fold
from diffing.draft_groups import Group, groups
from diffing.highlight import Highlight, Kind, clause_highlights, merge_highlights
from diffing.model import Diff

__all__ = ["Cell", "Table", "TableRow", "build_table", "unit_name"]

Cell = tuple[tuple[Highlight, ...], ...]
"""A cell: its paragraphs, each a run of segments."""

_NAME_MAX = 16


@dataclass(frozen=True)
class TableRow:
    """One article (or heading) of the table."""

    before: Cell
    """A's article; empty for an inserted one."""
    after: Cell
    """B's article; empty for a deleted one."""
    note: str
    """说明."""
    a_name: str
    """How A's side is cited (第七条, a heading's text), or empty."""
    b_name: str


@dataclass(frozen=True)
class Table:
    """The whole 对照表."""

    a_name: str
    b_name: str
    a_title: str
    b_title: str
    a_date: str
    b_date: str
    rows: tuple[TableRow, ...]
    unchanged: int
    """Articles left out (or shown, with ``full``) because nothing in them changed."""
    renumbered: int
    """Articles left out (or shown) because only their number changed."""
    full: bool
    notes: tuple[str, ...] = ()
    """Lines shown after the table: the numbers changed and the reviewer's pins (`diffing.reports`)."""


def unit_name(outline: Outline, unit: Unit) -> str:
    """How a unit is cited: its label, or the start of its text."""
    if unit.label:
        return unit.label
    text = outline.paragraph_text(unit.paragraphs[0]).lstrip("#").strip()
    return text if len(text) <= _NAME_MAX else text[: _NAME_MAX - 1] + "…"


def note(corr: Correspondence, link: Link) -> str:
    """说明 of a link (see the module's rules)."""
    status = link.status
    if status in ("inserted", "deleted"):
        other = corr.a if status == "inserted" else corr.b
        names = [unit_name(other, other.units[u]) for u in corr.elsewhere(link)[:2]]
        if not names:
            return "新增" if status == "inserted" else "删除"
        if status == "inserted":
            return "新增，部分内容来自" + "、".join(names)
        return "删除，部分内容移入" + "、".join(names)
    a_unit = corr.a_unit(link)
    assert a_unit is not None
    if status == "moved":
        return f"移自{unit_name(corr.a, a_unit)}" + ("，修改" if link.changed else "")
    if status == "modified":
        return "修改"
    return "条文顺序调整" if corr.renumbered(link) else "未修改"


def build_table(diff: Diff, full: bool = False, corr: Correspondence | None = None) -> Table:
    """The 对照表 of a diff (rows of changed articles only, unless ``full``)."""
    corr = corr or correspond(diff)
    cells = _Cells(corr)
    rows: list[TableRow] = []
    unchanged = renumbered = 0
    grouped = {k: g for g in groups(corr) for k in g.links}
    divisions = _Divisions(corr, division_pairs(corr, diff.structure))
    for k, link in enumerate(corr.links):
        if k in grouped:
            if grouped[k].first == k:
                rows.append(_group_row(corr, cells, grouped[k]))
            continue
        if divisions.covers(link):
            for pair in divisions.placed(link):
                said = division_note(corr, pair)
                if said == "未修改":
                    unchanged += 1
                    if not full:
                        continue
                rows.append(_division_row(corr, cells, pair, said))
            rows += divisions.outside(link, cells)
            continue
        if not link.changed and not link.moved:
            if corr.renumbered(link):
                renumbered += 1
            else:
                unchanged += 1
            if not full:
                continue
        a_unit, b_unit = corr.a_unit(link), corr.b_unit(link)
        rows.append(
            TableRow(
                cells.cell("a", link.a, _one(link.b)) if link.a is not None else (),
                cells.cell("b", link.b, _one(link.a)) if link.b is not None else (),
                note(corr, link),
                unit_name(corr.a, a_unit) if a_unit else "",
                unit_name(corr.b, b_unit) if b_unit else "",
            )
        )
    return Table(
        diff.a.name,
        diff.b.name,
        corr.a.title,
        corr.b.title,
        corr.a.date,
        corr.b.date,
        tuple(rows),
        unchanged,
        renumbered,
        full,
    )


def _one(unit: int | None) -> frozenset[int]:
    return frozenset() if unit is None else frozenset((unit,))


class _Divisions:
    """Where each pair of division headings is placed among the links, and which headings are paired."""

    def __init__(self, corr: Correspondence, pairs: list[DivisionPair]) -> None:
        self.corr = corr
        self.at_b = {p.b[0].unit: p for p in pairs if p.b}
        self.at_a = {p.a[0].unit: p for p in pairs if not p.b}
        self.a = {h.unit for p in pairs for h in p.a}
        self.b = {h.unit for p in pairs for h in p.b}

    def covers(self, link: Link) -> bool:
        """Whether a heading of the link is a paired division (its row is the pair's)."""
        return link.a in self.a or link.b in self.b

    def placed(self, link: Link) -> list[DivisionPair]:
        """The pairs whose row goes at this link: at a B heading, or a deleted division's A heading."""
        here = [self.at_b.get(link.b) if link.b is not None else None]
        here.append(self.at_a.get(link.a) if link.a is not None else None)
        return [p for p in here if p is not None]

    def outside(self, link: Link, cells: _Cells) -> list[TableRow]:
        """Rows for the link's other side when it is no paired division: on its own, 删除 or 新增."""
        corr, out = self.corr, []
        if link.a is not None and link.a not in self.a:
            name = unit_name(corr.a, corr.a.units[link.a])
            out.append(TableRow(cells.cell("a", link.a, frozenset()), (), "删除", name, ""))
        if link.b is not None and link.b not in self.b:
            name = unit_name(corr.b, corr.b.units[link.b])
            out.append(TableRow((), cells.cell("b", link.b, frozenset()), "新增", "", name))
        return out


def division_note(corr: Correspondence, pair: DivisionPair) -> str:
    """说明 of a pair of division headings (see the module's rules)."""
    if not pair.a:
        return "新增"
    if not pair.b:
        return "删除"
    if pair.op == "merged":
        return f"合并：{'、'.join(h.label for h in pair.a)}合并为{pair.b[0].label}"
    if pair.op == "split":
        return f"新增，部分内容来自{_qualified(corr, pair.a[0], 'a')}"
    old, new = pair.a[0], pair.b[0]
    renamed = fold(old.name) != fold(new.name)
    if old.label[-1] != new.label[-1]:  # a chapter turned into a section (or back): say where it went
        moved = f"{old.label}改为{_qualified(corr, new, 'b')}"
        return f"修改，{moved}" if renamed else moved
    if old.label != new.label:
        moved = f"{_qualified(corr, old, 'a')}改为{_qualified(corr, new, 'b')}"
        return f"修改，{moved}" if renamed else moved
    return "修改" if renamed else "未修改"


def _qualified(corr: Correspondence, heading: Heading, side: str) -> str:
    """A section's label with its chapter (第二章第一节); any other label as it is."""
    return (chapter_of(corr, heading.unit, side) if heading.label.endswith("节") else "") + heading.label


def _division_row(corr: Correspondence, cells: _Cells, pair: DivisionPair, said: str) -> TableRow:
    """One row for a pair of division headings: every A heading in 修改前, every B heading in 修改后."""
    olds = () if pair.op == "split" else pair.a  # split off: its A division has its own row
    a_units, b_units = frozenset(h.unit for h in olds), frozenset(h.unit for h in pair.b)
    before = tuple(p for h in olds for p in cells.cell("a", h.unit, b_units))
    after = tuple(p for h in pair.b for p in cells.cell("b", h.unit, a_units))
    a_names = "、".join(unit_name(corr.a, corr.a.units[h.unit]) for h in olds)
    b_names = "、".join(unit_name(corr.b, corr.b.units[h.unit]) for h in pair.b)
    return TableRow(before, after, said, a_names, b_names)


def _group_row(corr: Correspondence, cells: _Cells, group: Group) -> TableRow:
    """One row for merged or split articles: every A article in 修改前, every B article in 修改后."""
    before = tuple(p for u in group.a for p in cells.cell("a", u, frozenset(group.b)))
    after = tuple(p for v in group.b for p in cells.cell("b", v, frozenset(group.a)))
    a_names = [unit_name(corr.a, corr.a.units[u]) for u in group.a]
    b_names = [unit_name(corr.b, corr.b.units[v]) for v in group.b]
    if group.op == "merged":
        note = f"合并：{'、'.join(a_names)}合并为{b_names[0]}"
    else:
        note = f"拆分：{a_names[0]}分为{'、'.join(b_names)}"
    return TableRow(before, after, note, "、".join(a_names), "、".join(b_names))


class _Cells:
    """Segments of the clauses of a unit, against its partner unit."""

    def __init__(self, corr: Correspondence) -> None:
        self.corr = corr
        self.diff = corr.diff
        self._row_highlights: dict[tuple[str, int], dict[int, tuple[Highlight, ...]]] = {}

    def cell(self, side: str, unit_index: int, partners: frozenset[int]) -> Cell:
        outline = self.corr.a if side == "a" else self.corr.b
        other = self.corr.b if side == "a" else self.corr.a
        rows_of = self.corr.row_of_a if side == "a" else self.corr.row_of_b
        unit = outline.units[unit_index]
        changed: Kind = "del" if side == "a" else "ins"
        paragraphs: list[tuple[Highlight, ...]] = []
        for paragraph in unit.paragraphs:
            segments: list[Highlight] = []
            gaps: list[int] = []
            for k, i in enumerate(paragraph.clauses):
                if k:
                    gap = outline.gap(paragraph.clauses[k - 1])
                    if gap:
                        gaps.append(len(segments))
                        segments.append(Highlight(gap, "same"))
                r = rows_of[i]
                row = self.diff.rows[r]
                others = row.b if side == "a" else row.a
                inside = any(other.unit_of[j] in partners for j in others)
                if partners and outline.clauses[i].kind == "article":
                    segments.append(Highlight(outline.original(i), "same"))  # each column shows its own number
                elif not inside:
                    segments.append(Highlight(outline.original(i), changed))
                elif quiet(self.diff, row):
                    segments.append(Highlight(outline.original(i), "same"))
                else:
                    segments.extend(self._segments(side, r)[i])
            for g in gaps:  # a space between two deleted (inserted) clauses is deleted (inserted) too
                before, after = segments[g - 1].kind, segments[g + 1].kind if g + 1 < len(segments) else "same"
                if before == after != "same":
                    segments[g] = Highlight(segments[g].text, before)
            paragraphs.append(tuple(merge_highlights(segments)))
        return tuple(paragraphs)

    def _segments(self, side: str, r: int) -> dict[int, tuple[Highlight, ...]]:
        key = (side, r)
        if key not in self._row_highlights:
            groups = clause_highlights(self.diff, self.diff.rows[r], "a" if side == "a" else "b")
            self._row_highlights[key] = {g.index: g.highlights for g in groups}
        return self._row_highlights[key]
