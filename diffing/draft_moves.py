"""A 款 moved into another article, as one item of the 修改决定: ``将第X条第Y款移作第Z条第W款。``

Rules:

* A 款 of an A article moved when the article's own items delete it
  (``删去第X条第Y款。``) and another article's items add a 款 (``在第Z条中增加一款，
  作为第W款：“…”``) whose text is the deleted 款's, row for row: every clause of
  the one is paired (`diffing.correspond`'s rows) only with clauses of the other.
* The two items become one, at the place of the deletion (the old text's
  order): ``将第X条第Y款移作第Z条第W款。``, or, when its text changed too,
  ``将第X条第Y款移作第Z条第W款，修改为：“…”`` quoting B's 款. As in ``在第Z条中
  增加一款``, X, Y and Z are A's numbers and W is B's.
* Anything else (an article restated whole, a 款 spread over several) keeps
  the deletion and the addition.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from corpus.markers import to_int
from diffing.articles import Paragraph, Unit
from diffing.correspond import Correspondence

__all__ = ["moved_kuan"]

_NUM = r"[〇零一二三四五六七八九十百千两]+"
_DELETED = re.compile(rf"删去(第{_NUM}条(?:之{_NUM})?)第({_NUM})款。")
_ADDED = re.compile(rf"在(第{_NUM}条(?:之{_NUM})?)中增加一款，作为第({_NUM})款：")

Kuan = tuple[Paragraph, ...]


def _index(numeral: str) -> int:
    value = to_int(numeral)
    return -1 if value is None else value - 1


def moved_kuan(
    corr: Correspondence, drafted: list[list[str]], changed: Callable[[Kuan, Kuan], str | None]
) -> None:
    """Turn each deletion and addition of one moved 款 into one item, in ``drafted`` (the items of each link
    of ``corr``; module rules). ``changed`` gives the quote of B's 款 when its text differs from A's, else None."""
    added: dict[tuple[int, int], tuple[int, int]] = {}  # (B unit, B 款) → (link, its item)
    for k, items in enumerate(drafted):
        link = corr.links[k]
        b_unit = corr.b_unit(link)
        if b_unit is None or b_unit.kind != "article" or link.b is None:
            continue
        for n, item in enumerate(items):
            if (m := _ADDED.match(item)) and 0 <= _index(m.group(2)) < len(b_unit.kuan):
                added[link.b, _index(m.group(2))] = (k, n)
    if not added:
        return
    gone: set[tuple[int, int]] = set()
    for k, items in enumerate(drafted):
        a_unit = corr.a_unit(corr.links[k])
        if a_unit is None or a_unit.kind != "article":
            continue
        for n, item in enumerate(items):
            m = _DELETED.fullmatch(item)
            if not m or m.group(1) != a_unit.label or not 0 <= _index(m.group(2)) < len(a_unit.kuan):
                continue
            target = _target(corr, a_unit.kuan[_index(m.group(2))])
            if target is None or target not in added or added[target] in gone:
                continue
            at, which = added[target]
            found = _ADDED.match(drafted[at][which])
            assert found is not None
            kb = corr.b.units[target[0]].kuan[target[1]]
            quoted = changed(a_unit.kuan[_index(m.group(2))], kb)
            where = f"将{m.group(1)}第{m.group(2)}款移作{found.group(1)}第{found.group(2)}款"
            items[n] = f"{where}，修改为：{quoted}" if quoted else f"{where}。"
            gone.add((at, which))
    for at, which in sorted(gone, reverse=True):
        del drafted[at][which]


def _target(corr: Correspondence, ka: Kuan) -> tuple[int, int] | None:
    """The B article and 款 that the A 款 ``ka`` went to whole and alone (module rules), or None."""
    diff = corr.diff
    a_set = {i for p in ka for i in p.clauses if diff.a_clauses[i].kind != "article"}
    if not a_set:
        return None
    rows = {corr.row_of_a[i] for i in a_set}
    b_set = {j for r in rows for j in diff.rows[r].b if diff.b_clauses[j].kind != "article"}
    if not b_set or any(not set(diff.rows[r].a) <= a_set for r in rows):
        return None
    units = {corr.b.unit_of[j] for j in b_set}
    if len(units) != 1:
        return None
    v = units.pop()
    unit: Unit = corr.b.units[v]
    for kb_index, kb in enumerate(unit.kuan):
        clauses = {j for p in kb for j in p.clauses if diff.b_clauses[j].kind != "article"}
        if clauses == b_set and all(set(diff.rows[corr.row_of_b[j]].a) <= a_set for j in clauses):
            return v, kb_index
    return None
