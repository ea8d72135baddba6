"""Where a reviewer cites each clause, read from the document's outline: one place for every view and report.

Rules:

* A clause inside an article is cited by the outline of `diffing.structure`
  (`document_outline`, built on `diffing.articles`): the article, then its 款
  when the article has more than one (``第一百二十八条/第二款``), then the 项
  and 目 of that 款 (``第一百二十八条/第二款/(一)``). A 款 after an item list
  is its own 款, never the last item; the items of 第二款 are never cited as
  those of 第一款.
* A clause outside any article keeps the place the reader gave it
  (`diffing.model.Clause.place`: ``第六章/第五节``, a notice's ``二/(三)``),
  except in a table: every clause from a table's first row to its last (the
  cells, and lists written inside a cell) is cited as the table, under the
  place the table stands at (``六/表``), never as an item of its own.
* `Diff.place_a` and `Diff.place_b` (the JSON report's ``place_a``/``place_b``,
  every report's place column) and the app's place column read these places.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from corpus.markers import read_label, to_chinese
from diffing.articles import Outline as LawOutline
from diffing.model import Clause
from diffing.structure import Unit, contiguous, document_outline

__all__ = ["TABLE", "clause_places"]

TABLE = "表"
"""The last part of the place of a clause inside a table."""
_HALF = str.maketrans("（）", "()")


def clause_places(law: LawOutline, outline: Sequence[Unit] | None = None) -> tuple[str, ...]:
    """The place of every clause of one document, from its outline of articles (``Diff.outlines``) and
    the outline built on it (``Diff.document_outlines``, built here when not given; see the module's rules)."""
    clauses = law.clauses
    if outline is None:
        outline = document_outline(law)
    out = [c.place for c in clauses]
    paragraphs: dict[int, int] = {}
    for u in outline:
        if u.level == "paragraph" and u.parent is not None:
            paragraphs[u.parent] = paragraphs.get(u.parent, 0) + 1
    cited: dict[int, str] = {}  # the place of each unit inside an article, enclosing units first
    for u in outline:  # in reading order, enclosing units first: the innermost unit has the last word
        if u.level in _INSIDE:
            place = cited[u.id] = _cite(u, cited, paragraphs)
            members = u.clauses
            if contiguous(members):
                lo, hi = members[0], members[-1] + 1
                if u.level != "article" and clauses[lo].kind == "article":
                    lo += 1  # a label row cites its article (only a unit's first clause can be one)
                out[lo:hi] = [place] * (hi - lo)
                continue
            for k in members:
                if u.level == "article" or clauses[k].kind != "article":  # a label row cites its article
                    out[k] = place
    _cite_tables(clauses, out)
    return tuple(out)


_INSIDE = frozenset(("article", "paragraph", "item", "subitem"))


def _cite(unit: Unit, cited: dict[int, str], paragraphs: dict[int, int]) -> str:
    """``第X条[/第Y款][/(一)][/1.]`` for an outline unit inside an article: its enclosing unit's place (in
    ``cited`` when that unit is inside an article too), then its own part."""
    above = cited.get(unit.parent, "") if unit.parent is not None else ""
    if unit.level == "article":
        own = unit.label
    elif unit.level == "paragraph":
        count = paragraphs.get(unit.parent, 0) if unit.parent is not None else 0
        own = _kuan(int(unit.number)) if count > 1 and unit.number is not None else ""
    else:
        own = unit.label.strip().translate(_HALF)
    return f"{above}/{own}" if above and own else above or own


@lru_cache(maxsize=256)
def _kuan(n: int) -> str:
    """``第二款`` for 2."""
    return f"第{to_chinese(n)}款"


def _cite_tables(clauses: Sequence[Clause], out: list[str]) -> None:
    """Every clause from a table's first row to its last is cited as the table, under the place before it."""
    rows = [k for k, c in enumerate(clauses) if c.kind == "row"]
    k = 0
    while k < len(rows):
        first = last = rows[k]
        while k + 1 < len(rows) and _same_table(clauses, last, rows[k + 1]):
            k += 1
            last = rows[k]
        base = out[first - 1] if first > 0 else ""
        place = f"{base}/{TABLE}" if base else TABLE
        for j in range(first, last + 1):
            out[j] = place
        k += 1


def _same_table(clauses: Sequence[Clause], last: int, following: int) -> bool:
    """Rows ``last`` and ``following`` belong to one table: what stands between them is a cell's inside (no
    heading of a higher level than a list item, at most a few clauses)."""
    between = clauses[last + 1 : following]
    if len(between) > 8:
        return False
    for c in between:
        label = read_label(c.text)
        listed = label is not None and label.level.name in ("ITEM", "SUBITEM")
        if c.kind == "article" or (c.kind == "heading" and not listed):
            return False
    return True
