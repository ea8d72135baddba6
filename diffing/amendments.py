"""The 修改决定 as values: numbered amendments in the official drafting style, citing A's 条, 款 and 项.

Rules:

* Items follow the correspondence of articles (`diffing.correspond`), in the
  order of the old text (a new article right after the A article before it
  in B); they cite A's numbers (第X条第Y款) for what is changed or deleted and
  B's numbers for where something new goes (作为第Y条, 作为第Y款). Runs of
  three or more articles read 第X条至第Y条 (`diffing.draft_text`).
* Articles merged or split (`diffing.draft_groups`) are one item each:
  ``将第X条、第Y条合并，作为第Z条，修改为：“…”``, ``将第X条分为两条，分别作为…``.
  Chapters and sections follow the article map (`diffing.draft_divisions`).
* A replacement (甲→乙) quoted in `THROUGHOUT_MIN` articles or more is one
  item after the others: ``将本法中的“甲”修改为“乙”`` when every 甲 of A's
  articles becomes 乙 and B has none, else ``将第X条、第Y条第Z款中的…``
  listing where; the articles' own items leave it out.
* Every in-place item is checked by making its edits one after the other at
  every place their text occurs (as a reader would) and comparing with B;
  a quoted fragment is never punctuation alone (it takes the word beside it)
  and never cuts a 《…》 title; quotes inside a quote are written ‘’.
* The opening, renumbering and closing follow the issuer's style
  (`diffing.draft_style`); a heavy revision opens with an advice line.
* Quoted new text is B's original text without the article label (a hard
  wrap inside a paragraph joined); a quote of several paragraphs opens each
  paragraph with “ and closes only the last ”.
  Quoted old text (the 甲 of “甲”修改为“乙”) is A's original text.
* An article whose wording changed gives, from the finest to the coarsest:
  in-place changes ``将第X条[第Y款]中的“甲”修改为“乙”`` / ``删去…中的“甲”`` /
  ``在…中的“甲”后增加“乙”`` when each change is short and its 甲 occurs in the
  cited article (or 款) only where it changes (a 甲 too short or not unique is
  widened by whole words, up to `_WIDEN` characters); else, for a 款 whose
  only change is one 项 (changed, or added or removed at its end), that 项
  (``将第X条第Y款第Z项修改为``, ``增加一项，作为第Z项``, ``删去…第Z项``); else one
  item per changed, added or removed 款; else, when that takes more than `_MAX_ITEMS`
  items, most of its 款 changed, or its only 款 is restated,
  ``将第X条修改为：“…”``.
* A 款 moved into another article is one item (`diffing.draft_moves`):
  ``将第X条第Y款移作第Z条第W款。`` (``，修改为：“…”`` when its text changed).
* New articles in a row are one item, ``增加两条，分别作为第X条、第Y条：`` with
  each article quoted under its own label; deleted articles in a row are one
  item too, ``删去第X条、第Y条。``
* A date or a quantity is quoted whole: a change whose edge falls inside
  ``2006年1月1日``, ``10个月``, ``25%`` or ``三十日`` takes in the rest of it
  (``“2006年1月1日”修改为“2024年7月1日”``, never ``“2006年1”修改为“2024年7”``).
* ``将第X条改为第Y条`` only for an article out of order (`Link.moved`), or for
  every renumbered article in the spc style; otherwise renumbering is said
  once, as the style says it (``此外，对条文顺序作相应调整。`` or in the closing).
* Every decision with an item ends as a promulgated one does:
  ``本决定自　　年　　月　　日起施行。`` (the date left blank for the drafter)
  and the style's sentence of publishing again (`Decision.ending`).
* Text outside articles and division titles (a preamble, a list of
  revisions) is not amended.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from corpus.document import Document
from corpus.markers import DIVISION, HANZI_NUMERAL, compact, to_chinese
from diffing import draft_style
from diffing.articles import Outline, Paragraph, Unit
from diffing.correspond import Correspondence, Link, correspond, quiet
from diffing.draft_divisions import division_items
from diffing.draft_groups import groups
from diffing.draft_moves import moved_kuan
from diffing.draft_style import Style
from diffing.draft_text import advice, count, fold, nest_quotes, punctuation_only, runs
from diffing.model import Diff, Row

if TYPE_CHECKING:
    pass

__all__ = ["CLOSING", "COMMENCEMENT", "Decision", "draft", "ordinal", "style_of"]

CLOSING = draft_style.RENUMBERED
COMMENCEMENT = draft_style.COMMENCEMENT
"""When the decision takes effect: a draft leaves the date blank for the drafter."""
THROUGHOUT_MIN = 2
"""A replacement made in this many articles or more is stated once, in its own item."""
_WIDEN = 8
"""At most this many characters are added around a change to make its 甲 unique."""
_SHORT = 30
"""A change quoted in place holds at most this many characters a side."""
_MAX_CHANGES = 3
"""At most this many distinct in-place changes in one 款."""
_MAX_ITEMS = 2
"""An article that would take more items than this is restated whole."""
_DIGITS = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
_QUANTITY = re.compile(
    rf"{_DIGITS}(?:年(?:{_DIGITS}月(?:{_DIGITS}日)?)?|个?月(?:{_DIGITS}日)?|[%％‰]|(?:万|亿)?元|周岁|[日天岁倍])?"
    rf"|{HANZI_NUMERAL}(?:个月|周岁|(?:万|亿)?元|[年日天岁倍])"
    r"|《[^《》\n]*》"
)
"""A date, a quantity or a title in 《》, which a quoted change never cuts (digits alone count too)."""
_WRAP = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")


@dataclass(frozen=True)
class Decision:
    """A drafted 修改决定: titles of both versions, the items (without ordinals) and the closing sentence."""

    a_name: str
    b_name: str
    title: str
    """The law's title as B writes it (A's when B has none), or empty."""
    items: tuple[str, ...]
    """Each item's text; a quote of several paragraphs holds line breaks."""
    closing: str
    """`CLOSING` when articles were renumbered and the style says so after the items, else empty."""
    articles: bool = True
    """Whether either version has articles (第X条) at all."""
    advice: str = ""
    """One line advising a 修订 instead, when the changes are many (`diffing.draft_text.advice`), or empty."""
    style: Style = "npc"
    """The issuer's drafting style (`diffing.draft_style`)."""
    renumbered: bool = False
    """Whether articles were renumbered."""

    @property
    def heading(self) -> str:
        return f"关于修改《{self.title}》的决定（草稿）" if self.title else "修改决定（草稿）"

    @property
    def intro(self) -> str:
        return draft_style.intro(self.style, self.title)

    @property
    def ending(self) -> tuple[str, ...]:
        """The sentences a decision ends with, after its items: when it takes effect, then (for a law
        with a title) how it is published again, in the words of the style (`diffing.draft_style`)."""
        return draft_style.ending(self.style, self.title, self.renumbered)

    def numbered(self) -> list[str]:
        """The items with their ordinals (一、二、…), then the closing sentence."""
        out = [f"{ordinal(k)}{item}" for k, item in enumerate(self.items, 1)]
        return [*out, self.closing] if self.closing else out


def ordinal(n: int) -> str:
    """``一、`` for 1, ``十一、`` for 11."""
    return f"{to_chinese(n)}、"


def style_of(diff: Diff) -> Style:
    """The issuer's style `draft` uses when none is given: guessed from B's title (else A's) and both
    documents' date lines (`diffing.draft_style.guess`)."""
    a, b = diff.outlines
    return draft_style.guess(b.title or a.title, (b.date, a.date))


def draft(diff: Diff, corr: Correspondence | None = None, style: Style | None = None) -> Decision:
    """The 修改决定 that turns A into B (see the module's rules), in the issuer's ``style`` (guessed from
    the documents when None: `diffing.draft_style.guess`)."""
    corr = corr or correspond(diff)
    title = corr.b.title or corr.a.title
    style = style or style_of(diff)
    drafter = _Drafter(corr)
    shape = diff.structure
    joined = _joined(corr, drafter)
    divisions: dict[tuple[str, int], list[str]] = defaultdict(list)
    for d in division_items(corr, shape, draft_style.lists_renumbering(style)):
        divisions[d.side, d.unit].append(d.text)
    drafted = [([], [], []) if k in joined else _link_items(drafter, link) for k, link in enumerate(corr.links)]
    throughout = _throughout(corr, drafter, drafted)
    moved_kuan(corr, [d[0] for d in drafted], drafter.moved_text)
    entries: list[tuple[float, int, str, list[str] | Unit]] = []
    anchor = -1.0
    renumbered = False
    touched = 0
    for seq, link in enumerate(corr.links):
        a_unit, b_unit = corr.a_unit(link), corr.b_unit(link)
        if link.a is not None:
            anchor = float(link.a)
        if a_unit and b_unit and a_unit.kind == "article" and a_unit.label != b_unit.label:
            renumbered = True
        key = anchor if link.a is not None else anchor + 0.5
        if (a_unit or b_unit) and (a_unit or b_unit).kind == "heading":  # type: ignore[union-attr]
            own = divisions.get(("a", link.a), []) if link.a is not None else []
            own = own + (divisions.get(("b", link.b), []) if link.b is not None else [])
            entries.append((key, seq, "items", own))
            continue
        if seq in joined:
            if joined[seq]:
                entries.append((key, seq, "items", joined[seq]))
                touched += 1
            continue
        if link.status == "deleted" and a_unit is not None and a_unit.kind == "article":
            entries.append((key, seq, "deleted", a_unit))
        elif link.status == "inserted" and b_unit is not None and b_unit.kind == "article":
            entries.append((key, seq, "inserted", b_unit))
        else:  # (an unchanged article too: it ends a run of deleted or new articles)
            own = drafted[seq][0]
            if draft_style.lists_renumbering(style) and _renumbered_only(a_unit, b_unit, own):
                own = [*own, f"将{a_unit.label}改为{b_unit.label}。"]  # type: ignore[union-attr]
            entries.append((key, seq, "items", own))
        if a_unit is not None and a_unit.kind == "article" and (drafted[seq][0] or link.b is None):
            touched += 1
    entries.sort(key=lambda e: (e[0], e[1]))  # items in the order of the old text
    items: list[str] = []
    deleted: list[str] = []
    added: list[Unit] = []

    def flush() -> None:
        if deleted:
            items.append("删去" + runs(deleted) + "。")
            deleted.clear()
        if len(added) > 1:
            items.append(drafter.added_articles(added))
        elif added:
            items.extend(drafter.items_of_inserted(added[0]))
        added.clear()

    for _, _, kind, payload in entries:
        if kind == "deleted" and isinstance(payload, Unit):
            if added:
                flush()
            deleted.append(payload.label)
        elif kind == "inserted" and isinstance(payload, Unit):
            if deleted:
                flush()
            added.append(payload)
        elif isinstance(payload, list):
            flush()
            items.extend(payload)
    flush()
    items.extend(throughout)
    articles_a = sum(1 for u in corr.a.units if u.kind == "article")
    articles = articles_a > 0 or any(u.kind == "article" for u in corr.b.units)
    return Decision(
        diff.a.name, diff.b.name, title, tuple(items), draft_style.closing(style, renumbered), articles,
        advice(len(items), touched, articles_a), style, renumbered,
    )  # fmt: skip


def _joined(corr: Correspondence, drafter: _Drafter) -> dict[int, list[str]]:
    """Articles merged into one or split into several (`diffing.draft_groups`), as one item each:
    ``将第X条、第Y条合并，作为第Z条，修改为：“…”`` and ``将第X条分为两条，分别作为第Y条、第Z条：“…”``.
    Keyed by link: the first A article's link holds the item, the other links involved hold none."""
    out: dict[int, list[str]] = {}
    for group in groups(corr):
        a_units = [corr.a.units[u] for u in group.a]
        b_units = [corr.b.units[v] for v in group.b]
        if group.op == "merged":
            text = quote(drafter._paragraphs(corr.b, b_units[0].paragraphs))
            item = f"将{runs([u.label for u in a_units])}合并，作为{b_units[0].label}，修改为：{text}"
        else:
            quotes = drafter.labelled_quotes(b_units)
            labels = runs([v.label for v in b_units])
            item = f"将{a_units[0].label}分为{count(len(b_units))}条，分别作为{labels}：{quotes}"
        out.update({k: [] for k in group.links})
        out[group.first] = [item]
    return out


def _renumbered_only(a_unit: Unit | None, b_unit: Unit | None, items: list[str]) -> bool:
    """An article whose number changed and whose items do not say so already."""
    if a_unit is None or b_unit is None or a_unit.kind != "article" or a_unit.label == b_unit.label:
        return False
    return not any(item.startswith(f"将{a_unit.label}改为") for item in items)


_Drafted = tuple[list[str], list[tuple[str, str]], list[tuple[tuple[str, str], str, int]]]


def _link_items(drafter: _Drafter, link: Link) -> _Drafted:
    """A link's items, the replacements they quote and the replacements made throughout they leave out."""
    drafter.used, drafter.covered = [], []
    items = drafter.items(link)
    a_unit = drafter.corr.a_unit(link)
    covered = drafter.covered
    if a_unit is not None and any(i.startswith((f"将{a_unit.label}修改为：", f"将{a_unit.label}改为")) for i in items):
        covered = []  # restated whole after all: B's text, which the replacement has nothing to do with
    return items, drafter.used, covered


def _throughout(corr: Correspondence, drafter: _Drafter, drafted: list[_Drafted]) -> list[str]:
    """Items for the replacements made in `THROUGHOUT_MIN` articles or more, stated once; the links they
    touch drafted again without them (in ``drafted``)."""
    links_of: dict[tuple[str, str], set[int]] = defaultdict(set)
    first_use: dict[tuple[str, str], int] = {}
    for k, (_, used, _) in enumerate(drafted):
        for pair in used:
            links_of[pair].add(k)
            first_use.setdefault(pair, len(first_use))
    chosen = _apart({pair: len(links) for pair, links in links_of.items() if len(links) >= THROUGHOUT_MIN})
    redo = sorted({k for pair in chosen for k in links_of[pair]})  # every round: a pair dropped must be put back
    while chosen:
        drafter.throughout = tuple(sorted(chosen, key=first_use.__getitem__))
        for k in redo:
            drafted[k] = _link_items(drafter, corr.links[k])
        cites: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
        places: dict[tuple[str, str], int] = defaultdict(int)
        for k in redo:
            for pair, cite, n in drafted[k][2]:
                cites[pair].append((corr.links[k].a or 0, cite))
                places[pair] += n
        keep = {pair for pair in chosen if len({a for a, _ in cites[pair]}) >= THROUGHOUT_MIN}
        if keep == chosen:
            break
        chosen = keep
    drafter.throughout = ()
    if not chosen:
        return []
    b_text = "\n".join(fold(corr.b.paragraph_text(p)) for p in _article_paragraphs(corr.b))
    a_text = "\n".join(_one_line(corr.a.paragraph_text(p)) for p in _article_paragraphs(corr.a))
    scope = _scope_name(corr.b.title or corr.a.title)
    out = []
    for pair in sorted(chosen, key=first_use.__getitem__):  # the order the drafter applied them in
        old, new = pair
        phrase = f"中的“{nest_quotes(old)}”修改为“{nest_quotes(new)}”。"
        if scope and fold(old) not in b_text and a_text.count(old) == places[pair]:  # every 甲 of A becomes 乙
            out.append(f"将{scope}{phrase}")
        else:
            listed = [cite for _, cite in sorted(set(cites[pair]))]
            out.append(f"将{runs(listed)}{phrase}")
    return out


def _article_paragraphs(law: Outline) -> list[Paragraph]:
    return [p for u in law.units if u.kind == "article" for p in u.paragraphs]


def _apart(counts: dict[tuple[str, str], int]) -> set[tuple[str, str]]:
    """The replacements, most used first, whose texts hold no other's 甲 (and whose 甲 no other's texts
    hold): replacements made throughout never act on each other."""
    out: list[tuple[str, str]] = []
    for pair in sorted(counts, key=lambda p: (-counts[p], p)):
        if all(pair[0] not in o + n and o not in pair[0] + pair[1] for o, n in out):
            out.append(pair)
    return set(out)


def _scope_name(title: str) -> str:
    """本法, 本条例, 本规定… after the kind of act the title names; empty when it names none."""
    for kind in ("条例", "规定", "办法", "规则", "解释", "细则", "决定", "法"):
        if title.endswith(kind):
            return "本" + kind
    return ""


def quote(paragraphs: list[str]) -> str:
    """“…” around text of several paragraphs: each opens with “, the last closes with ”; quotes inside
    are written ‘’."""
    return "\n".join(f"“{nest_quotes(p)}" for p in paragraphs) + "”"


@dataclass(frozen=True)
class _Hunk:
    """One in-place change inside a modified row, in the row's normalized coordinates."""

    row: Row
    a_lo: int
    a_hi: int
    b_lo: int
    b_hi: int
    lo_limit: int
    """How far left it may widen (A coordinates): the end of the previous change."""
    hi_limit: int
    """How far right it may widen (A coordinates): the start of the next change."""
    inserted: int = 0
    """For a pure insertion: how many characters were inserted (the rest is widening context)."""


_Kuan = tuple[Paragraph, ...]
_Edits = tuple[list[tuple[str, str, str]], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
"""In-place edits (kind, 甲, 乙) and the phrases saying the changed, removed and added ones."""


class _Drafter:
    """The items of one link at a time, from the finest form that says it to the coarsest (module rules)."""

    def __init__(self, corr: Correspondence, throughout: tuple[tuple[str, str], ...] = ()) -> None:
        self.corr = corr
        self.diff = corr.diff
        self.throughout = throughout
        """Replacements (甲, 乙) made throughout: their own item states them, once."""
        self.used: list[tuple[str, str]] = []
        """The replacements the items drafted so far quote (甲, 乙)."""
        self._edits: dict[tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]], _Edits | None] = {}
        self.covered: list[tuple[tuple[str, str], str, int]] = []
        """The replacements made throughout, each with a cite (第X条[第Y款]) it was left out of and how many
        times its 甲 occurs there."""

    def items(self, link: Link) -> list[str]:
        """The items of one link (none for an unchanged or renumbered article, or text outside articles)."""
        corr = self.corr
        a_unit, b_unit = corr.a_unit(link), corr.b_unit(link)
        if link.status == "inserted" and b_unit is not None:
            if b_unit.kind == "article":
                return self.items_of_inserted(b_unit)
            if b_unit.kind == "heading" and (m := _division(corr.b, b_unit)):
                kind = m[0][-1]
                where = _enclosing(corr.b, link.b or 0) if kind == "节" else ""
                return [f"{'在' + where + '中' if where else ''}增加一{kind}，作为{m[0]}，{kind}名为“{m[1]}”。"]
            return []
        if a_unit is None or b_unit is None:
            return []
        if not (link.changed or link.moved):
            if a_unit.kind == "article" and _shape(a_unit) != _shape(b_unit):  # a 款 cut in two, or two joined
                return [f"将{a_unit.label}修改为：{quote(self._paragraphs(corr.b, b_unit.paragraphs))}"]
            return []
        if a_unit.kind == "heading":
            old, new = _division(corr.a, a_unit), _division(corr.b, b_unit)
            if old and new and _fold_spaces(old[1]) != _fold_spaces(new[1]):
                kind = old[0][-1]
                return [f"将{old[0]}的{kind}名修改为“{new[1]}”。"]
            return []
        if a_unit.kind != "article":
            return []
        new_text = quote(self._paragraphs(corr.b, b_unit.paragraphs))
        if link.moved:
            if not link.changed:
                return [f"将{a_unit.label}改为{b_unit.label}。"]
            return [f"将{a_unit.label}改为{b_unit.label}，修改为：{new_text}"]
        changes = self._kuan_changes(a_unit, b_unit)
        if changes is None:
            return [f"将{a_unit.label}修改为：{new_text}"]
        return changes

    def items_of_inserted(self, b_unit: Unit) -> list[str]:
        """``增加一条，作为第X条：“…”`` for one new article."""
        return [f"增加一条，作为{b_unit.label}：{quote(self._paragraphs(self.corr.b, b_unit.paragraphs))}"]

    def added_articles(self, units: list[Unit]) -> str:
        """``增加两条，分别作为第X条、第Y条：“第X条 …”“第Y条 …”`` for new articles in a row, each quoted
        with its own label as B writes it."""
        return f"增加{count(len(units))}条，分别作为{runs([u.label for u in units])}：" + self.labelled_quotes(units)

    def labelled_quotes(self, units: list[Unit]) -> str:
        """B's articles quoted one after the other, each under its own label: “第X条 …”\n“第Y条 …”."""
        quotes = []
        for unit in units:
            texts = [_one_line(self.corr.b.paragraph_text(p, drop_label=k > 0)) for k, p in enumerate(unit.paragraphs)]
            quotes.append(quote([t for t in texts if t]))
        return "\n".join(quotes)

    def moved_text(self, ka: _Kuan, kb: _Kuan) -> str | None:
        """B's 款 ``kb`` quoted when its text is not A's ``ka`` (a 款 moved and changed), else None."""
        a_text, b_text = self._paragraphs(self.corr.a, ka), self._paragraphs(self.corr.b, kb)
        return quote(b_text) if fold("\n".join(a_text)) != fold("\n".join(b_text)) else None

    def _paragraphs(self, outline: Outline, paragraphs: tuple[Paragraph, ...]) -> list[str]:
        """Original text of the paragraphs, one line each, the article label left out."""
        texts = [_one_line(outline.paragraph_text(p, drop_label=True)) for p in paragraphs]
        return [t for t in texts if t]

    def _kuan_changes(self, a_unit: Unit, b_unit: Unit) -> list[str] | None:
        """Items for an article changed in place, 款 by 款; None when the whole article is to be restated."""
        a_kuan, b_kuan = a_unit.kuan, b_unit.kuan
        pairs = _pair_kuan(self.corr, a_kuan, b_kuan)
        single = len(a_kuan) == 1
        if not single and all(ka is not None and kb is not None for ka, kb in pairs):
            whole = self._substitution(a_unit.paragraphs, b_unit.paragraphs, a_unit.label)
            if whole is not None:
                return [whole] if whole else []
        out: list[str] = []
        restated = 0
        rewritten = False
        for ka, kb in pairs:
            if ka is not None and kb is not None:
                if not self._kuan_changed(a_kuan[ka], b_kuan[kb]):
                    continue
                cite = a_unit.label if single else f"{a_unit.label}第{to_chinese(ka + 1)}款"
                sub = self._substitution(a_kuan[ka], b_kuan[kb], cite)
                if sub is None:
                    sub = self._item(a_kuan[ka], b_kuan[kb], cite)
                if sub is not None:
                    out.extend([sub] if sub else [])  # "": made by replacements throughout alone
                    continue
                restated += 1
                rewritten = True
                texts = self._paragraphs(self.corr.b, b_kuan[kb])
                out.append(f"将{cite}修改为：{quote(texts)}")
            elif kb is not None:
                restated += 1
                texts = self._paragraphs(self.corr.b, b_kuan[kb])
                out.append(f"在{a_unit.label}中增加一款，作为第{to_chinese(kb + 1)}款：{quote(texts)}")
            elif ka is not None:
                restated += 1
                out.append(f"删去{a_unit.label}第{to_chinese(ka + 1)}款。")
        if (single and rewritten) or len(out) > _MAX_ITEMS:
            return None
        if restated > 1 and 2 * restated >= max(len(a_kuan), len(b_kuan)):
            return None
        return out

    def _item(self, ka: _Kuan, kb: _Kuan, cite: str) -> str | None:
        """The one 项 of a 款 that changed, was added at its end or removed from its end, as an item; else None."""
        if len(ka) < 2 or len(kb) < 2 or abs(len(ka) - len(kb)) > 1:
            return None
        common = min(len(ka), len(kb))
        changed = [k for k in range(common) if self._kuan_changed((ka[k],), (kb[k],))]
        if len(ka) != len(kb) and changed == [common - 1] and self._ends_only(ka[common - 1], kb[common - 1]):
            changed = []  # a 项 added (removed) at the end turns the one before it from “。” to “；” (and back)
        if len(kb) > len(ka) and not changed and kb[-1].item:
            text = quote(self._paragraphs(self.corr.b, (kb[-1],)))
            return f"在{cite}中增加一项，作为第{to_chinese(len(kb) - 1)}项：{text}"
        if len(ka) > len(kb) and not changed and ka[-1].item:
            return f"删去{cite}第{to_chinese(len(ka) - 1)}项。"
        if len(ka) != len(kb) or len(changed) != 1 or changed[0] == 0:
            return None
        k = changed[0]
        item = f"{cite}第{to_chinese(k)}项"
        sub = self._substitution((ka[k],), (kb[k],), item)
        return sub if sub is not None else f"将{item}修改为：{quote(self._paragraphs(self.corr.b, (kb[k],)))}"

    def _ends_only(self, pa: Paragraph, pb: Paragraph) -> bool:
        """The two paragraphs differ at most in their closing punctuation."""
        a = self.corr.a.paragraph_text(pa).rstrip("；。;.，,")
        b = self.corr.b.paragraph_text(pb).rstrip("；。;.，,")
        return _fold_brackets(a) == _fold_brackets(b)

    def _gives(self, edits: list[tuple[str, str, str]], ka: _Kuan, kb: _Kuan) -> bool:
        """Whether the edits, made one after the other at every place their text occurs in ``ka``, give ``kb``
        (a reader applies them so: an edit whose text the one before created would go wrong)."""
        text = "\n".join(self._paragraphs(self.corr.a, ka))
        for kind, old, new in edits:
            if old not in text:
                return False
            if kind == "after":
                new = old + new
            elif kind == "before":
                new = new + old
            text = text.replace(old, new)
        return fold(text) == fold("\n".join(self._paragraphs(self.corr.b, kb)))

    def _kuan_changed(self, ka: _Kuan, kb: _Kuan) -> bool:
        """Some text of the two 款 (or 项) changed, or went to or came from elsewhere (labels aside)."""
        a_set = {i for p in ka for i in p.clauses if self.diff.a_clauses[i].kind != "article"}
        b_set = {j for p in kb for j in p.clauses if self.diff.b_clauses[j].kind != "article"}
        rows = {self.corr.row_of_a[i] for i in a_set} | {self.corr.row_of_b[j] for j in b_set}
        for r in rows:
            row = self.diff.rows[r]
            if not quiet(self.diff, row) or not set(row.a) <= a_set or not set(row.b) <= b_set:
                return True
        return False

    def _substitution(self, ka: _Kuan, kb: _Kuan, cite: str) -> str | None:
        """``将{cite}中的“甲”修改为“乙”`` for a 款 changed in a few short places, else None; "" when the
        replacements made throughout (`throughout`) make every change of it."""
        key = (tuple(p.clauses for p in ka), tuple(p.clauses for p in kb))
        if key not in self._edits:  # the same 款 are drafted again once replacements throughout are chosen
            self._edits[key] = self._find_edits(ka, kb)
        found = self._edits[key]
        if found is None:
            return None
        edits, said_changed, removed, added = found
        changed = list(said_changed)
        pairs = [(old, new) for kind, old, new in edits if kind == "changed"]
        self.used.extend(pairs)
        left = [pair for pair in self.throughout if pair in pairs]  # in the order their items come
        if left:
            kept = [e for e in edits if e[0] != "changed" or (e[1], e[2]) not in self.throughout]
            if self._gives(kept + [("changed", old, new) for old, new in left], ka, kb):
                a_text = "\n".join(self._paragraphs(self.corr.a, ka))
                self.covered.extend((pair, cite, a_text.count(pair[0])) for pair in left)
                if not kept:
                    return ""
                said = {f"“{nest_quotes(o)}”修改为“{nest_quotes(n)}”" for o, n in left}
                changed = [p for p in changed if p not in said]
        parts = []
        if changed:
            parts.append("将{cite}中的" + "，".join(changed))
        if removed:
            parts.append(("删去" if parts else "删去{cite}中的") + "、".join(removed))
        for k, phrase in enumerate(added):
            parts.append(phrase.replace("在“", "在{cite}中的“", 1) if not parts and not k else phrase)
        return "，".join(parts).replace("{cite}", cite) + "。"

    def _find_edits(self, ka: _Kuan, kb: _Kuan) -> _Edits | None:
        """The in-place edits that turn ``ka`` into ``kb`` (checked by making them), with their phrases; None
        when the change is not a few short ones."""
        diff = self.diff
        a_set = [i for p in ka for i in p.clauses if diff.a_clauses[i].kind != "article"]
        b_set = {j for p in kb for j in p.clauses if diff.b_clauses[j].kind != "article"}
        rows = sorted({self.corr.row_of_a[i] for i in a_set} | {self.corr.row_of_b[j] for j in b_set})
        hunks: list[_Hunk] = []
        for r in rows:
            row = diff.rows[r]
            if quiet(diff, row):
                continue
            if row.op != "modified" or row.inline is None or row.a[0] not in a_set or row.b[0] not in b_set:
                return None
            hunks.extend(_hunks(row, _word_parts(diff, row)))
        if not hunks:
            return None
        scope = "\n".join(diff.a_clauses[i].text for i in a_set)
        widened = _widen(diff, hunks, scope)
        if widened is None:
            return None
        widened = [_whole_quantities(diff, h) for h in widened]
        changed: list[str] = []
        removed: list[str] = []
        added: list[str] = []
        edits: list[tuple[str, str, str]] = []  # (changed, 甲, 乙), (removed, 甲, ""), (after|before, 甲, 乙)
        seen: set[tuple[str, str]] = set()
        for h in widened:
            old = _original(diff.a, diff.a_clauses[h.row.a[0]].start, h.a_lo, h.a_hi)
            new = _original(diff.b, diff.b_clauses[h.row.b[0]].start, h.b_lo, h.b_hi)
            if (old, new) in seen:
                continue
            seen.add((old, new))
            if len(old) > _SHORT or len(new) > _SHORT or not old.strip():
                return None
            if h.inserted and new.startswith(old) and len(new) - len(old) == h.inserted:
                added.append(f"在“{nest_quotes(old)}”后增加“{nest_quotes(new[len(old) :])}”")
                edits.append(("after", old, new[len(old) :]))
            elif h.inserted and new.endswith(old) and len(new) - len(old) == h.inserted:
                added.append(f"在“{nest_quotes(old)}”前增加“{nest_quotes(new[: len(new) - len(old)])}”")
                edits.append(("before", old, new[: len(new) - len(old)]))
            elif new:
                changed.append(f"“{nest_quotes(old)}”修改为“{nest_quotes(new)}”")
                edits.append(("changed", old, new))
            else:
                removed.append(f"“{nest_quotes(old)}”")
                edits.append(("removed", old, ""))
        if len(seen) > _MAX_CHANGES or any(e[1].count("《") != e[1].count("》") for e in edits):
            return None
        order = {"changed": 0, "removed": 1, "after": 2, "before": 2}
        edits.sort(key=lambda e: order[e[0]])  # the order the item states them in
        if not self._gives(edits, ka, kb):
            return None
        return edits, tuple(changed), tuple(removed), tuple(added)


def _shape(unit: Unit) -> tuple[int, ...]:
    """How many paragraphs each 款 of an article holds."""
    return tuple(len(k) for k in unit.kuan)


def _fold_brackets(text: str) -> str:
    return text.replace("（", "(").replace("）", ")")


def _division(outline: Outline, unit: Unit) -> tuple[str, str] | None:
    """(第X章, its name as written) of a division heading, None for another heading."""
    text = outline.paragraph_text(unit.paragraphs[0])
    m = DIVISION.match(text)
    return (compact(m.group(1)), text[m.end() :].split("\n", 1)[0].strip()) if m else None


def _enclosing(outline: Outline, index: int) -> str:
    """The 第X章 a section heading (unit ``index``) lies in, or empty."""
    for unit in reversed(outline.units[:index]):
        if unit.kind == "heading" and (m := _division(outline, unit)) and m[0].endswith("章"):
            return m[0]
    return ""


def _fold_spaces(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def _pair_kuan(
    corr: Correspondence, a_kuan: tuple[_Kuan, ...], b_kuan: tuple[_Kuan, ...]
) -> list[tuple[int | None, int | None]]:
    """The 款 of two articles paired by shared text (mutual best), in B's order, removed 款 after their predecessor."""
    diff = corr.diff
    b_index = {j: k for k, kuan in enumerate(b_kuan) for p in kuan for j in p.clauses}
    weight: dict[tuple[int, int], int] = defaultdict(int)
    for ka, kuan in enumerate(a_kuan):
        for p in kuan:
            for i in p.clauses:
                if diff.a_clauses[i].kind == "article":
                    continue  # the label belongs to the article, not to its first 款
                row = diff.rows[corr.row_of_a[i]]
                for kb in {b_index[j] for j in row.b if j in b_index}:
                    weight[ka, kb] += len(diff.a_clauses[i].text)
    best_b: dict[int, tuple[int, int]] = {}
    best_a: dict[int, tuple[int, int]] = {}
    for (ka, kb), w in sorted(weight.items()):
        if w > best_b.get(ka, (0, -1))[0]:
            best_b[ka] = (w, kb)
        if w > best_a.get(kb, (0, -1))[0]:
            best_a[kb] = (w, ka)
    partner = {kb: ka for kb, (_, ka) in best_a.items() if best_b.get(ka, (0, -1))[1] == kb}
    placed = set(partner.values())
    out: list[tuple[int | None, int | None]] = []
    pending = [ka for ka in range(len(a_kuan)) if ka not in placed]
    for kb in range(len(b_kuan)):
        mate = partner.get(kb)
        if mate is not None:
            while pending and pending[0] < mate:
                out.append((pending.pop(0), None))
        out.append((mate, kb))
    out.extend((ka, None) for ka in pending)
    return out


def _word_parts(diff: Diff, row: Row) -> list[tuple[str, str]]:
    """The row's changes by whole words: a decision quotes phrases, not the characters the inline
    view tightens to (`diffing.tight`)."""
    from diffing.inline import word_diff
    from diffing.words import cut_all

    a_words, b_words = cut_all([diff.a_text(row), diff.b_text(row)])
    return word_diff(a_words, b_words)


def _hunks(row: Row, parts: list[tuple[str, str]]) -> list[_Hunk]:
    """The runs of ``-``/``+`` parts of a modified row, with how far each may widen."""
    assert row.inline is not None
    b_text = "".join(text for op, text in row.inline if op != "-")
    spans: list[list[int]] = []
    a = b = 0
    open_hunk = False
    for op, text in parts:
        if op == "=":
            a += len(text)
            b += len(text)
            open_hunk = False
            continue
        if not open_hunk:
            spans.append([a, a, b, b])
            open_hunk = True
        if op == "-":
            a += len(text)
            spans[-1][1] = a
        else:
            b += len(text)
            spans[-1][3] = b
    spans = _join_inside_wholes(spans, "".join(text for op, text in row.inline if op != "+"), b_text)
    out = []
    for k, (a_lo, a_hi, b_lo, b_hi) in enumerate(spans):
        lo_limit = spans[k - 1][1] if k else 0
        hi_limit = spans[k + 1][0] if k + 1 < len(spans) else a
        inserted = b_hi - b_lo if a_lo == a_hi else 0
        if inserted and punctuation_only(b_text[b_lo:b_hi]):
            inserted = 0  # punctuation goes with the word beside it: “甲”修改为“甲，”
        out.append(_Hunk(row, a_lo, a_hi, b_lo, b_hi, lo_limit, hi_limit, inserted))
    return out


def _join_inside_wholes(spans: list[list[int]], a_text: str, b_text: str) -> list[list[int]]:
    """Neighbouring changes joined when the text between them lies inside one date, quantity or 《…》
    title (of either side): a quote never cuts one, so the two are quoted as one change."""
    a_wholes = [m.span() for m in _QUANTITY.finditer(a_text)]
    b_wholes = [m.span() for m in _QUANTITY.finditer(b_text)]
    out: list[list[int]] = []
    for span in spans:
        if out and (
            any(lo <= out[-1][1] and span[0] <= hi for lo, hi in a_wholes)
            or any(lo <= out[-1][3] and span[2] <= hi for lo, hi in b_wholes)
        ):
            out[-1] = [out[-1][0], span[1], out[-1][2], span[3]]
        else:
            out.append(list(span))
    return out


def _widen(diff: Diff, hunks: list[_Hunk], scope: str) -> list[_Hunk] | None:
    """Widen each hunk by whole words until its old text has two characters or more and occurs in ``scope``
    only where it changes, the same way each time; None when that takes more than `_WIDEN` characters.
    A pure insertion widens to the left first (``在“甲”后增加“乙”``), any other change to the right first."""
    current = list(hunks)
    bounds: dict[int, list[int]] = {}
    for step in range(2 * _WIDEN + 1):
        texts = [_texts(diff, h) for h in current]
        same_change: dict[tuple[str, str], int] = defaultdict(int)
        for t in texts:
            same_change[t] += 1
        bad = [
            k
            for k, (old, new) in enumerate(texts)
            if len(old) < 2
            or scope.count(old) != same_change[old, new]
            or "\n" in old
            or punctuation_only(old)
            or punctuation_only(new)
        ]
        if not bad:
            return current
        for k in bad:
            h = current[k]
            words = bounds.get(id(h.row))
            if words is None:
                words = bounds[id(h.row)] = _word_bounds(diff.a_text(h.row))
            order = ("left", "right") if h.inserted or step % 2 else ("right", "left")
            for direction in order:
                wider = _step(h, words, direction)
                if wider is not None:
                    current[k] = wider
                    break
            else:
                return None
            if (current[k].a_hi - current[k].a_lo) > _WIDEN + (hunks[k].a_hi - hunks[k].a_lo):
                return None
    return None


def _step(h: _Hunk, words: list[int], direction: str) -> _Hunk | None:
    """``h`` widened by one word to the left or right, None at a limit."""
    if direction == "left":
        k = bisect_left(words, h.a_lo) - 1
        if k < 0 or words[k] < h.lo_limit:
            return None
        d = h.a_lo - words[k]
        return _Hunk(h.row, h.a_lo - d, h.a_hi, h.b_lo - d, h.b_hi, h.lo_limit, h.hi_limit, h.inserted)
    k = bisect_right(words, h.a_hi)
    if k >= len(words) or words[k] > h.hi_limit:
        return None
    d = words[k] - h.a_hi
    return _Hunk(h.row, h.a_lo, h.a_hi + d, h.b_lo, h.b_hi + d, h.lo_limit, h.hi_limit, h.inserted)


def _whole_quantities(diff: Diff, h: _Hunk) -> _Hunk:
    """``h`` widened (within its limits) until neither of its edges falls inside a date or a quantity
    on either side; the text it takes in is the same on both sides, as it lies outside the change."""
    a_spans = [m.span() for m in _QUANTITY.finditer(diff.a_text(h.row))]
    b_spans = [m.span() for m in _QUANTITY.finditer(diff.b_text(h.row))]
    while True:
        left = max(_cut_into(a_spans, h.a_lo)[0], _cut_into(b_spans, h.b_lo)[0])
        right = max(_cut_into(a_spans, h.a_hi)[1], _cut_into(b_spans, h.b_hi)[1])
        if (not left and not right) or h.a_lo - left < h.lo_limit or h.a_hi + right > h.hi_limit:
            return h
        h = replace(h, a_lo=h.a_lo - left, a_hi=h.a_hi + right, b_lo=h.b_lo - left, b_hi=h.b_hi + right)


def _cut_into(spans: list[tuple[int, int]], at: int) -> tuple[int, int]:
    """How far the span that ``at`` falls strictly inside reaches to its left and right; (0, 0) for none."""
    for lo, hi in spans:
        if lo < at < hi:
            return at - lo, hi - at
    return 0, 0


def _word_bounds(text: str) -> list[int]:
    """Positions between Chinese words of ``text`` (`diffing.words`), its start and end included."""
    from diffing.words import cut_all

    out = [0]
    for token in cut_all([text])[0]:
        out.append(out[-1] + len(token))
    return out


def _texts(diff: Diff, h: _Hunk) -> tuple[str, str]:
    """Normalized old and new text of a hunk."""
    return diff.a_text(h.row)[h.a_lo : h.a_hi], diff.b_text(h.row)[h.b_lo : h.b_hi]


def _original(doc: Document, start: int, lo: int, hi: int) -> str:
    """Original text of normalized ``[start + lo, start + hi)``, with what normalization removed just before
    it (an invisible or control character must be quoted, never silently dropped); spaces at the ends go."""
    if lo == hi:
        return ""
    o_lo, o_hi = doc.to_original(start + lo, start + hi)
    if lo > 0:
        o_lo = min(o_lo, doc.to_original(start + lo - 1, start + lo)[1])
    return _one_line(doc.original[o_lo:o_hi]).strip(" \t\u3000\u00a0")


def _one_line(text: str) -> str:
    """Text quoted in an item holds no line break: a hard wrap inside a paragraph is joined."""
    return _WRAP.sub("", text) if "\n" in text or "\r" in text else text
