"""A reader of a drafted 修改决定: applies its items to A's articles, the way a drafter reads them.

Rules (the item forms `diffing.amendments` emits, nothing else):

* An article is a list of 款, a 款 a list of lines (its lead, then its 项).
  Items cite A's numbers (第X条第Y款第Z项) for what changes or goes, B's numbers
  where something new goes (作为第Y条, 作为第Y款, 作为第Z项).
* Within one article, edits apply first (by A's numbers), removals mark their
  slot, and additions go in at the end, in B's numbers, in ascending order.
* ``将第X条第Y款移作第Z条第W款`` removes the 款 from 第X条 and adds it (or the
  quote after ``修改为：``) to 第Z条 (A's number) as its 款 W (B's number).
* ``中的“甲”修改为“乙”`` replaces every 甲 in the cited scope; ``删去“甲”``
  removes it; ``在“甲”后(前)增加“乙”`` adds after (before) every 甲. A
  replacement made throughout (``将本法中的`` / ``将第X条、第Y条…中的``)
  applies after every other item, to the whole text or to the cited scopes.
* The new order: articles placed by an item (增加, 改为, 合并, 分为, 单列)
  take their B numbers; the other surviving A articles fill the remaining
  numbers in A's order (此外，对条文顺序作相应调整).
* Quotes inside quotes (‘’) are read as “”, in the decision and in both texts.
* An item of any other form fails the test (the applier knows no more).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import opencc

from corpus.markers import ITEM, read_label, to_int
from diffing.articles import Outline, Unit, outline
from diffing.model import Diff

__all__ = ["a_articles", "apply_decision", "b_articles"]

_WRAP = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")
_NUM = r"[〇零一二三四五六七八九十百千万两]+"
_LABEL = rf"第{_NUM}条(?:之{_NUM})?"
_CITE = rf"(?P<art>{_LABEL})(?:第(?P<kuan>{_NUM})款)?(?:第(?P<xiang>{_NUM})项)?"
_DIVISION_ITEM = (
    r"(?:在第.+?[章编]中)?增加一[章节编]|将第.+?[章节编]的[章节编]名|将第.+?[章节编](?:改为|分为|合并|作为)|删去第[^条]+?[章节编]"
)
_T2S = opencc.OpenCC("t2s")
_PLAIN = rf"{_LABEL}(?:第{_NUM}款)?(?:第{_NUM}项)?"
_PHRASES = re.compile(r"“([^”]*)”修改为“([^”]*)”|删去((?:“[^”]*”、?)+)|在“([^”]*)”(后|前)增加“([^”]*)”")


def _fold(text: str) -> str:
    return text.replace("‘", "“").replace("’", "”")


def normal(text: str) -> str:
    """Text as the comparison sees it: width forms and spaces folded (`corpus` normalizes them, a decision
    does not amend them)."""
    return _T2S.convert(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)))


def _line(text: str) -> str:
    return _fold(_WRAP.sub("", text).strip())


def _articles(law: Outline) -> list[tuple[str, list[list[str]]]]:
    out = []
    for unit in law.units:
        if unit.kind == "article":
            out.append((unit.label, _kuan_lines(law, unit)))
    return out


def _kuan_lines(law: Outline, unit: Unit) -> list[list[str]]:
    out: list[list[str]] = []
    first = True
    for kuan in unit.kuan:
        lines = []
        for p in kuan:
            text = _line(law.paragraph_text(p, drop_label=first))
            first = False
            if text:
                lines.append(text)
        if lines:
            out.append(lines)
    return out


def a_articles(diff: Diff) -> list[tuple[str, list[list[str]]]]:
    """A's articles: label and 款 (lines)."""
    return _articles(outline(diff.a, diff.a_clauses, diff.a_original))


def b_articles(diff: Diff) -> list[list[str]]:
    """B's articles in order, each as its lines (label left out)."""
    law = outline(diff.b, diff.b_clauses, diff.b_original)
    return [[line for kuan in k for line in kuan] for _, k in _articles(law)]


def _number(text: str | None) -> int:
    assert text is not None
    value = to_int(text)
    assert value is not None, text
    return value


def _key(label: str) -> float:
    read = read_label(label)
    assert read is not None, label
    return float(read.dotted)


def _quote(text: str) -> list[str]:
    """The paragraphs of one quote “p1\\n“p2”."""
    assert text.startswith("“") and text.endswith("”"), text
    return [_fold(line[1:]) for line in text[:-1].split("\n")]


def _labelled_quotes(text: str) -> list[list[str]]:
    """Several quotes, one per article, each opening with its label: “第Y条 p1\\n“p2”\\n“第Z条 …”."""
    out: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        assert line.startswith("“"), line
        body = line[1:]
        closes = body.endswith("”")
        if closes:
            body = body[:-1]
        if not current:
            m = re.match(rf"第\s*{_NUM}\s*条(?:之{_NUM})?\s*", body)
            assert m, line
            body = body[m.end() :]
        current.append(_fold(body))
        if closes:
            out.append([x for x in current if x])
            current = []
    assert not current, text
    return out


def _as_kuan(lines: list[str]) -> list[list[str]]:
    out: list[list[str]] = []
    for line in lines:
        if ITEM.match(line) and out:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _substitute(item_phrases: str, scope: str) -> str:
    seen = 0
    for m in _PHRASES.finditer(item_phrases):
        seen += 1
        if m.group(1) is not None:
            old, new = _fold(m.group(1)), _fold(m.group(2))
            assert old in scope, (old, scope)
            scope = scope.replace(old, new)
        elif m.group(3) is not None:
            for old in re.findall(r"“([^”]*)”", m.group(3)):
                assert _fold(old) in scope, (old, scope)
                scope = scope.replace(_fold(old), "")
        else:
            anchor, where, added = _fold(m.group(4)), m.group(5), _fold(m.group(6))
            assert anchor in scope, (anchor, scope)
            scope = scope.replace(anchor, anchor + added if where == "后" else added + anchor)
    assert seen, f"no change in: {item_phrases}"
    return scope


@dataclass
class _Article:
    kuan: list[list[str | None] | None]
    added_kuan: list[tuple[int, list[str]]] = field(default_factory=list)
    added_items: list[tuple[int, int, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        kuan: list[list[str]] = []
        for k, lines in enumerate(self.kuan):
            if lines is None:
                continue
            kept = [x for x in lines if x is not None]
            ends = len(kept) > 1 and (lines[-1] is None or any(at == k for at, _, _ in self.added_items))
            for at, where, text in sorted(self.added_items, key=lambda t: t[1]):
                if at == k:
                    kept.insert(where, text)
            if ends:  # a 项 added or removed at the end: the 项 before the last closes with ；, the last with 。
                kept = [x[:-1] + "；" if x.endswith("。") else x for x in kept[:-1]] + [
                    kept[-1][:-1] + "。" if kept[-1].endswith("；") else kept[-1]
                ]
                kept[0] = lines[0] if lines[0] is not None else kept[0]
            kuan.append(kept)
        for where, lines in sorted(self.added_kuan, key=lambda t: t[0]):
            kuan.insert(where, lines)
        return [x for k in kuan for x in k]


class _Reader:
    def __init__(self, a: list[tuple[str, list[list[str]]]]) -> None:
        self.order = [label for label, _ in a]
        self.articles = {label: _Article([list(k) for k in kuan]) for label, kuan in a}
        self.gone: set[str] = set()
        self.placed: dict[float, list[str]] = {}
        self.moved: dict[str, float] = {}
        self.throughout: list[tuple[list[re.Match[str]] | None, str]] = []

    def article(self, label: str) -> _Article:
        assert label in self.articles and label not in self.gone, label
        return self.articles[label]

    def scope(self, cite: re.Match[str]) -> tuple[_Article, int | None, int | None]:
        art = self.article(cite["art"])
        kuan = _number(cite["kuan"]) - 1 if cite["kuan"] else None
        xiang = _number(cite["xiang"]) if cite["xiang"] else None
        if kuan is None and xiang is not None:
            kuan = 0  # the 项 of an article of one 款
        return art, kuan, xiang

    def get(self, cite: re.Match[str]) -> str:
        art, kuan, xiang = self.scope(cite)
        if kuan is None:
            return "\n".join(x for k in art.kuan if k is not None for x in k if x is not None)
        lines = art.kuan[kuan]
        assert lines is not None
        if xiang is None:
            return "\n".join(x for x in lines if x is not None)
        value = lines[xiang]
        assert value is not None
        return value

    def put(self, cite: re.Match[str], text: str, restate: bool = False) -> None:
        art, kuan, xiang = self.scope(cite)
        if kuan is None:
            lines = text.split("\n")
            shape = [len([x for x in k if x is not None]) for k in art.kuan if k is not None]
            if restate or sum(shape) != len(lines):
                art.kuan = [list(k) for k in _as_kuan(lines)] if text else []
                art.added_kuan.clear()
                art.added_items.clear()
                return
            kept: list[list[str | None] | None] = []
            for n in shape:
                kept.append(list(lines[:n]))
                lines = lines[n:]
            art.kuan = kept
            return
        lines = art.kuan[kuan]
        assert lines is not None
        if xiang is None:
            art.kuan[kuan] = list(text.split("\n"))
        else:
            lines[xiang] = text

    def apply(self, item: str) -> None:
        if re.match(_DIVISION_ITEM, item):
            return  # divisions: not compared here
        if m := re.fullmatch(rf"将{_CITE}修改为：(.*)", item, re.S):
            self.put(m, "\n".join(_quote(m.group(4))), restate=True)
            return
        if m := re.fullmatch(rf"将{_CITE}移作({_LABEL})第({_NUM})款(?:，修改为：(.*)|。)", item, re.S):
            art, kuan, _ = self.scope(m)
            assert kuan is not None, item
            lines = art.kuan[kuan]
            assert lines is not None, item
            moved = _quote(m.group(6)) if m.group(6) else [x for x in lines if x is not None]
            art.kuan[kuan] = None
            self.article(m.group(4)).added_kuan.append((_number(m.group(5)) - 1, moved))
            return
        if m := re.fullmatch(rf"在{_CITE}中增加一款，作为第({_NUM})款：(.*)", item, re.S):
            art, _, _ = self.scope(m)
            art.added_kuan.append((_number(m.group(4)) - 1, _quote(m.group(5))))
            return
        if m := re.fullmatch(rf"在{_CITE}中增加一项，作为第({_NUM})项：(.*)", item, re.S):
            art, kuan, _ = self.scope(m)
            art.added_items.append((kuan or 0, _number(m.group(4)), "\n".join(_quote(m.group(5)))))
            return
        if m := re.fullmatch(rf"删去{_CITE}。", item):
            art, kuan, xiang = self.scope(m)
            if kuan is None:
                self.gone.add(m["art"])
            elif xiang is None:
                art.kuan[kuan] = None
            else:
                lines = art.kuan[kuan]
                assert lines is not None
                lines[xiang] = None
            return
        if m := re.fullmatch(rf"删去((?:{_LABEL}(?:至{_LABEL})?、?)+)。", item):
            for label in self.labels(m.group(1)):
                self.article(label)
                self.gone.add(label)
            return
        if m := re.fullmatch(rf"增加一条，作为({_LABEL})：(.*)", item, re.S):
            self.place(m.group(1), _quote(m.group(2)))
            return
        if m := re.fullmatch(rf"增加[^条]+条，分别作为((?:{_LABEL}(?:至{_LABEL})?、?)+)：(.*)", item, re.S):
            self.place_all(m.group(1), m.group(2))
            return
        if m := re.fullmatch(rf"将({_LABEL})改为({_LABEL})(?:，修改为：(.*))?。?", item, re.S):
            art = self.article(m.group(1))
            if m.group(3):
                art.kuan = [list(k) for k in _as_kuan(_quote(m.group(3)))]
                art.added_kuan.clear()
                art.added_items.clear()
            self.moved[m.group(1)] = _key(m.group(2))
            return
        if m := re.fullmatch(rf"将((?:{_LABEL}(?:至{_LABEL})?、?)+)合并，作为({_LABEL})，修改为：(.*)", item, re.S):
            for label in self.labels(m.group(1)):
                self.article(label)
                self.gone.add(label)
            self.place(m.group(2), _quote(m.group(3)))
            return
        if m := re.fullmatch(rf"将({_LABEL})分为[^条]+条，分别作为((?:{_LABEL}(?:至{_LABEL})?、?)+)：(.*)", item, re.S):
            self.article(m.group(1))
            self.gone.add(m.group(1))
            self.place_all(m.group(2), m.group(3))
            return
        if m := re.fullmatch(r"将本[^中]{1,4}中的(.*)。", item, re.S):
            self.throughout.append((None, m.group(1)))
            return
        listed = rf"{_PLAIN}(?:至{_LABEL})?(?:、{_PLAIN}(?:至{_LABEL})?)*"
        m = re.fullmatch(rf"将({listed})中的(.*)。", item, re.S)
        if m and ("、" in m.group(1) or "至" in m.group(1)):
            self.throughout.append((self.cites(m.group(1)), m.group(2)))
            return
        if m := re.match(rf"(?:将|删去|在){_CITE}中的", item):
            rest = item[m.end() :]
            self.put(m, _substitute(item[: 2 if item.startswith("删去") else 1] + rest, self.get(m)))
            return
        raise AssertionError(f"an item of a form the applier does not know: {item}")

    def labels(self, text: str) -> list[str]:
        out: list[str] = []
        for part in text.split("、"):
            if "至" in part:
                lo, hi = part.split("至")
                keys = (_key(lo), _key(hi))
                out += [label for label in self.order if keys[0] <= _key(label) <= keys[1]]
            else:
                out.append(part)
        return out

    def cites(self, text: str) -> list[re.Match[str]]:
        out: list[re.Match[str]] = []
        for part in text.split("、"):
            if "至" in part:
                for label in self.labels(part):
                    m = re.fullmatch(_CITE, label)
                    assert m
                    out.append(m)
            else:
                m = re.fullmatch(_CITE, part)
                assert m, part
                out.append(m)
        return out

    def place(self, label: str, lines: list[str]) -> None:
        key = _key(label)
        assert key not in self.placed, label
        self.placed[key] = lines

    def place_all(self, labels: str, quotes: str) -> None:
        keys: list[float] = []
        for part in labels.split("、"):
            if "至" in part:
                lo, hi = (_key(x) for x in part.split("至"))
                keys += [float(k) for k in range(int(lo), int(hi) + 1)]
            else:
                keys.append(_key(part))
        blocks = _labelled_quotes(quotes)
        assert len(blocks) == len(keys), (labels, len(blocks))
        for key, block in zip(keys, blocks, strict=True):
            assert key not in self.placed
            self.placed[key] = block

    def result(self) -> list[list[str]]:
        placed: dict[float, list[str]] = dict(self.placed)
        survivors: list[list[str]] = []
        for label in self.order:
            if label in self.gone:
                continue
            lines = self.articles[label].lines()
            if label in self.moved:
                assert self.moved[label] not in placed, label
                placed[self.moved[label]] = lines
            else:
                survivors.append(lines)
        free = (k for k in range(1, 10**6) if float(k) not in placed)
        slots = {next(free): lines for lines in survivors}
        everything = {**placed, **{float(k): v for k, v in slots.items()}}
        return [everything[k] for k in sorted(everything)]

    def _throughout(self, lines: list[str], phrases: str) -> list[str]:
        text = "\n".join(lines)
        for m in _PHRASES.finditer(phrases):
            text = text.replace(_fold(m.group(1)), _fold(m.group(2)))
        return text.split("\n")

    def apply_throughout(self) -> None:
        """Replacements made throughout, in their order, after every other item: to the articles they list,
        or (本法中的) to every article."""
        for scopes, phrases in self.throughout:
            if scopes is not None:
                for cite in scopes:
                    self.put(cite, _substitute(phrases, self.get(cite)))
                continue
            for label, art in self.articles.items():
                if label not in self.gone:
                    art.kuan = [list(k) for k in _as_kuan(self._throughout(art.lines(), phrases))]
                    art.added_kuan.clear()
                    art.added_items.clear()
            self.placed = {k: self._throughout(v, phrases) for k, v in self.placed.items()}


def apply_decision(items: tuple[str, ...], a: list[tuple[str, list[list[str]]]]) -> list[list[str]]:
    """B's articles as the decision's items make them out of A's (module rules)."""
    reader = _Reader(a)
    for item in items:
        try:
            reader.apply(item)
        except AssertionError as e:
            raise AssertionError(f"{item[:200]}: {e}") from e
    reader.apply_throughout()
    return reader.result()


def expected(diff: Diff) -> list[list[str]]:
    return b_articles(diff)
