"""Articles merged into one or split into several, on the correspondence of articles the reports follow.

Rules:

* A group is a ``merged`` or ``split`` article entry of the article map
  (`diffing.structure`): several A articles that became one B article, or one
  A article that became several.
* It is taken only when the correspondence (`diffing.correspond`) links its
  articles among themselves or to nothing (inserted, deleted): then the
  reports can show it as one item or one row group, and no other link loses
  its article. Groups never share a link.
* ``links`` are the correspondence links the group replaces; ``first`` is the
  one (the first A article's) where the reports put it.
* The article map is the diff's own (``Diff.structure``, built once per diff).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from diffing.correspond import Correspondence

if TYPE_CHECKING:
    pass

__all__ = ["Group", "groups"]

@dataclass(frozen=True)
class Group:
    """Merged or split articles: unit indices in each outline, in reading order."""

    op: Literal["merged", "split"]
    a: tuple[int, ...]
    b: tuple[int, ...]
    links: frozenset[int]
    first: int


def groups(corr: Correspondence) -> list[Group]:
    """The merged and split articles the reports show as one (module rules)."""
    by_a = {corr.a.units[link.a].clauses[0]: k for k, link in enumerate(corr.links) if link.a is not None}
    by_b = {corr.b.units[link.b].clauses[0]: k for k, link in enumerate(corr.links) if link.b is not None}
    shape = corr.diff.structure
    out: list[Group] = []
    taken: set[int] = set()
    for entry in shape.entries:
        if entry.level != "article" or entry.op not in ("merged", "split"):
            continue
        a_links = [by_a.get(shape.a[i].clauses[0]) for i in entry.a]
        b_links = [by_b.get(shape.b[j].clauses[0]) for j in entry.b]
        a_found = [k for k in a_links if k is not None]
        b_found = [k for k in b_links if k is not None]
        if len(a_found) != len(a_links) or len(b_found) != len(b_links):
            continue
        involved = set(a_found) | set(b_found)
        a_set = {corr.links[k].a for k in a_found}
        b_set = {corr.links[k].b for k in b_found}
        if involved & taken or any(
            corr.links[k].a not in a_set | {None} or corr.links[k].b not in b_set | {None} for k in involved
        ):
            continue
        a_units = tuple(sorted(u for u in a_set if u is not None))
        b_units = tuple(sorted(v for v in b_set if v is not None))
        op: Literal["merged", "split"] = "merged" if entry.op == "merged" else "split"
        taken |= involved
        out.append(Group(op, a_units, b_units, frozenset(involved), min(a_found)))
    return out
