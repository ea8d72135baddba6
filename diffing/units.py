"""Articles and divisions as units of the alignment: which 第X条 (第X章 …) of A is which of B.

Rules:

* An **article** is a 第X条 label clause and the clauses after it up to the
  next label or division heading; its **body** is those clauses without the
  label. A **division** is a numbered heading 第X编/分编/章/节; it holds the
  articles up to the next heading of the same or a higher level.
* Articles correspond as wholes, before any clause is paired by similarity:
  A article *u* and B article *v* are candidates when the pairs made so far
  (exact text) link them or they share rare character bigrams. A candidate's
  score is the similarity of the two whole bodies (spaces aside). Pairs are
  taken best first, each article once: near-identical ones
  (`ARTICLE_SURE`) first, then, against the order those keep, a pair that
  keeps it from `ARTICLE_MIN`, one that breaks it (a moved article) from
  `ARTICLE_MOVED`. A body that shares no bigram with any other is left alone.
* Two articles the aligner finds linked only by clause pairs made later
  (`one_article`) are one when their bodies pass the same bar, or when those
  pairs carry most (`ARTICLE_SHARE`, characters weighted by similarity) of
  the shorter body in order, of each body out of order. In order
  (`article_order`): between the near-identical pairs around (as above), or
  between the corresponding articles nearest before and after (where these
  two cross, they name no place). One sentence that went from an article the
  text deletes into one it adds elsewhere does not make them one article.
* Divisions correspond through their articles: heading *h* of A and *g* of B,
  of the same level, pair when each holds most of the other's corresponding
  articles (mutual best); a tie goes to the closer heading text.
* Nothing here links clauses: the aligner links labels, headings and body
  clauses from these unit pairs (`diffing.align`, rule 3).
* `articles` and `divisions` remember their answers for the last few tuples
  of clauses (by identity; a tuple of frozen clauses never changes): the
  outline of the reports (`diffing.structure`) reads the aligner's grouping.
"""

from __future__ import annotations

import operator
import threading
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from typing import Generic, TypeVar

from rapidfuzz.distance import Indel

from corpus.markers import Level, read_label
from diffing.model import Clause
from diffing.sequences import longest_increasing

__all__ = [
    "ARTICLE_MIN", "ARTICLE_MOVED", "ARTICLE_SHARE", "ARTICLE_SURE", "POSTING_CAP", "Article", "ArticleMatch",
    "Division",
    "article_order", "articles", "bigrams", "division_level", "divisions", "match_articles", "match_divisions",
    "most_common", "one_article", "unit_of",
]  # fmt: skip

POSTING_CAP = 500
"""A character bigram held by more texts than this never votes for candidates (here or in the
aligner's fuzzy pass): counting its votes for every text would make the search quadratic in a text
that repeats itself (issue 24, item 9). A text whose bigrams are all that common finds no candidate
by votes; its exact copies were paired before."""
ARTICLE_SURE = 0.9
ARTICLE_MIN = 0.4
ARTICLE_MOVED = 0.6
ARTICLE_SHARE = 0.5
_CANDIDATES = 6
_VOTING_GRAMS = 24
_SORTED_COUNTS = 4096
"""Up to this many counted keys, a sort (in C) picks the most common faster than ``Counter``'s heap."""


@dataclass(frozen=True)
class Article:
    """Clauses ``label`` … ``end - 1`` of a document: a 第X条 label and its body."""

    label: int
    end: int

    @property
    def body(self) -> range:
        return range(self.label + 1, self.end)


@dataclass(frozen=True)
class Division:
    """A numbered division heading (clause ``heading``) and the articles it holds (indices into `articles`)."""

    heading: int
    level: int
    """0 编, 1 分编, 2 章, 3 节."""
    end: int
    """The clause after the division's last (the next heading of the same or a higher level)."""
    articles: tuple[int, ...]


def division_level(clause: Clause) -> int | None:
    """The level of a numbered division heading (0 编 … 3 节), None for any other clause."""
    if clause.kind != "heading":
        return None
    label = read_label(clause.text)
    return int(label.level) if label is not None and label.level <= Level.SECTION else None


_KEPT = 4
_T = TypeVar("_T")


class _Recent(Generic[_T]):
    """What was computed from the last few tuples read (a tuple of frozen clauses, or of articles, always
    gives the same answer), keyed by their identity; an entry holds its tuples, so that no id is reused
    while it is kept. The aligner and the outline of the reports (`diffing.structure`) read the same
    document's articles and divisions without grouping its clauses again."""

    def __init__(self) -> None:
        self._kept: dict[tuple[int, ...], tuple[tuple[object, ...], _T]] = {}
        self._lock = threading.Lock()  # comparisons may run in threads (the app's worker, wendiff serve)

    def get(self, args: tuple[object, ...], compute: Callable[[], _T]) -> _T:
        if not all(isinstance(arg, tuple) for arg in args):
            return compute()  # a list can change: nothing is remembered for it
        key = tuple(map(id, args))
        with self._lock:
            kept = self._kept.get(key)
        if kept is not None and all(x is y for x, y in zip(kept[0], args, strict=True)):
            return kept[1]
        found = compute()
        with self._lock:
            if len(self._kept) >= _KEPT:
                del self._kept[next(iter(self._kept))]
            self._kept[key] = (args, found)
        return found


_articles_of: _Recent[tuple[Article, ...]] = _Recent()
_divisions_of: _Recent[tuple[Division, ...]] = _Recent()


def articles(clauses: Sequence[Clause]) -> tuple[Article, ...]:
    """The articles of a document, in reading order (remembered for the last few tuples of clauses)."""
    return _articles_of.get((clauses,), lambda: _articles(clauses))


def _articles(clauses: Sequence[Clause]) -> tuple[Article, ...]:
    out: list[Article] = []
    start: int | None = None
    for k, clause in enumerate(clauses):
        kind = clause.kind
        if (
            kind == "article"
            or (kind == "heading" and division_level(clause) is not None)
            or clause.text.startswith("#")
        ):
            if start is not None:
                out.append(Article(start, k))
            start = k if kind == "article" else None
    if start is not None:
        out.append(Article(start, len(clauses)))
    return tuple(out)


def unit_of(size: int, units: Sequence[Article]) -> list[int]:
    """For each of ``size`` clauses, the index of the article holding it, -1 outside articles."""
    out = [-1] * size
    for u, art in enumerate(units):
        for k in range(art.label, art.end):
            out[k] = u
    return out


def divisions(clauses: Sequence[Clause], units: Sequence[Article]) -> tuple[Division, ...]:
    """The numbered division headings of a document, each with the articles it holds (remembered for
    the last few tuples of clauses and articles)."""
    return _divisions_of.get((clauses, units), lambda: _divisions(clauses, units))


def _divisions(clauses: Sequence[Clause], units: Sequence[Article]) -> tuple[Division, ...]:
    heads = [
        (k, level) for k, c in enumerate(clauses) if c.kind == "heading" and (level := division_level(c)) is not None
    ]
    ends = [len(clauses)] * len(heads)
    open_heads: list[int] = []  # indices into heads, levels increasing
    for n, (k, level) in enumerate(heads):
        while open_heads and heads[open_heads[-1]][1] >= level:
            ends[open_heads.pop()] = k
        open_heads.append(n)
    labels = [art.label for art in units]
    return tuple(
        Division(k, level, end, tuple(range(bisect_right(labels, k), bisect_left(labels, end))))
        for (k, level), end in zip(heads, ends, strict=True)
    )


_TEXT = operator.attrgetter("text")


def _body_key(clauses: Sequence[Clause], art: Article) -> str:
    return "".join(map(_TEXT, clauses[art.label + 1 : art.end])).replace(" ", "")


def bigrams(text: str) -> set[str]:
    """The character bigrams of a text (a text of two characters or less is its own gram): what
    candidate votes count, here and in the aligner's fuzzy pass."""
    return set(map(operator.add, text, text[1:])) if len(text) > 2 else {text}


@dataclass(frozen=True)
class ArticleMatch:
    """Corresponding articles (`match_articles`)."""

    partner: dict[int, int]
    """A article index → B article index."""
    anchors: tuple[int, ...]
    """The A articles of the near-identical pairs (`ARTICLE_SURE`) kept in order: the order the others
    are judged against."""
    b_count: int
    """How many articles B has."""

    @cached_property
    def partnered(self) -> frozenset[int]:
        """The B articles that have a counterpart (the values of `partner`)."""
        return frozenset(self.partner.values())


def match_articles(
    a: Sequence[Clause],
    b: Sequence[Clause],
    a_units: Sequence[Article],
    b_units: Sequence[Article],
    links: Iterable[tuple[Sequence[int], Sequence[int]]],
    unit_maps: tuple[Sequence[int], Sequence[int]] | None = None,
) -> ArticleMatch:
    """Corresponding articles of A and B (see the module's rules).

    ``links`` are the (A clauses, B clauses) of the pairs made so far; ``unit_maps``, each side's
    `unit_of` when the caller has them.
    """
    a_of, b_of = unit_maps or (unit_of(len(a), a_units), unit_of(len(b), b_units))
    candidates: set[tuple[int, int]] = set()
    for ai, bj in links:
        if len(ai) == 1 and len(bj) == 1:  # most links: one clause a side
            if (u := a_of[ai[0]]) >= 0 and (v := b_of[bj[0]]) >= 0:
                candidates.add((u, v))
            continue
        us = {a_of[i] for i in ai} - {-1}
        vs = {b_of[j] for j in bj} - {-1}
        candidates.update((u, v) for u in us for v in vs)
    a_keys = [_body_key(a, art) for art in a_units]
    b_keys = [_body_key(b, art) for art in b_units]
    linked = [(_similarity(a_keys[u], b_keys[v]), u, v) for u, v in candidates]
    sure_a = {u for sim, u, _ in linked if sim >= ARTICLE_SURE}
    sure_b = {v for sim, _, v in linked if sim >= ARTICLE_SURE}
    voted = _voted(
        [(u, k) for u, k in enumerate(a_keys) if u not in sure_a],
        [(v, k) for v, k in enumerate(b_keys) if v not in sure_b],
    )
    scored = sorted(
        [*linked, *((_similarity(a_keys[u], b_keys[v]), u, v) for u, v in voted - candidates)],
        key=lambda t: (-t[0], abs(t[1] / len(a_units) - t[2] / len(b_units)), t[1], t[2]),
    )
    partner: dict[int, int] = {}
    taken: set[int] = set()
    for sim, u, v in scored:
        if sim < ARTICLE_SURE:
            break
        if u not in partner and v not in taken:
            partner[u] = v
            taken.add(v)
    chain_a = sorted(partner)
    anchors = tuple(chain_a[k] for k in longest_increasing([partner[u] for u in chain_a]))
    for sim, u, v in scored:
        if u in partner or v in taken or sim == 0.0:
            continue
        if sim >= _bar(_between(partner, anchors, u, v, len(b_units))):
            partner[u] = v
            taken.add(v)
    return ArticleMatch(partner, anchors, len(b_units))


def _between(partner: dict[int, int], keys: Sequence[int], u: int, v: int, b_count: int) -> bool:
    """B article *v* stands between the partners of the A articles of ``keys`` (ascending) around A article
    *u*, or those two partners cross (then they name no place)."""
    k = bisect_left(keys, u)
    lo = partner[keys[k - 1]] if k else -1
    hi = partner[keys[k]] if k < len(keys) else b_count
    return lo < v < hi or lo > hi


def _bar(in_order: bool) -> float:
    return ARTICLE_MIN if in_order else ARTICLE_MOVED


def one_article(
    a: Sequence[Clause], b: Sequence[Clause], u: Article, v: Article, aligned: tuple[float, float], in_order: bool
) -> bool:
    """Whether A article ``u`` and B article ``v``, linked by clause pairs, are one article (see the
    module's rules). ``aligned``: the characters of ``u``'s body paired into ``v`` and of ``v``'s paired
    from ``u``, each weighted by its pair's similarity; ``in_order``: see `article_order`."""
    a_key, b_key = _body_key(a, u), _body_key(b, v)
    if _similarity(a_key, b_key) >= _bar(in_order):
        return True
    shares = (aligned[0] / max(1, len(a_key)), aligned[1] / max(1, len(b_key)))
    share = (shares[0] if len(a_key) <= len(b_key) else shares[1]) if in_order else min(shares)
    return share >= ARTICLE_SHARE


def article_order(match: ArticleMatch) -> Callable[[int, int], bool]:
    """Whether B article *v* stands in order for A article *u*, given the corresponding articles (see the
    module's rules): between the anchors around, or between the nearest corresponding articles."""
    partner, paired = match.partner, sorted(match.partner)

    def in_order(u: int, v: int) -> bool:
        return _between(partner, match.anchors, u, v, match.b_count) or _between(partner, paired, u, v, match.b_count)

    return in_order


def _similarity(x: str, y: str) -> float:
    return float(Indel.normalized_similarity(x, y)) if x and y else 0.0


def _voted(a_keys: Sequence[tuple[int, str]], b_keys: Sequence[tuple[int, str]]) -> set[tuple[int, int]]:
    """Candidate pairs by shared rare bigrams: each A body's few best-voted B bodies."""
    index: dict[str, list[int]] = defaultdict(list)
    for v, key in b_keys:
        for g in bigrams(key):
            index[g].append(v)
    size = {g: n for g, vs in index.items() if (n := len(vs)) <= POSTING_CAP}
    out: set[tuple[int, int]] = set()
    for u, key in a_keys:
        rare = sorted([(size[g], g) for g in bigrams(key) & size.keys()])[:_VOTING_GRAMS]
        votes = Counter(chain.from_iterable(index[g] for _, g in rare))
        out.update((u, v) for v, _ in most_common(votes, _CANDIDATES))
    return out


def most_common(counts: Counter[int], n: int) -> list[tuple[int, int]]:
    """``counts.most_common(n)``, ties in insertion order as there, without its heap over a small count."""
    if len(counts) <= _SORTED_COUNTS:
        return sorted(counts.items(), key=operator.itemgetter(1), reverse=True)[:n]
    return counts.most_common(n)


def match_divisions(
    a: Sequence[Clause],
    b: Sequence[Clause],
    a_divs: Sequence[Division],
    b_divs: Sequence[Division],
    partner: dict[int, int],
) -> dict[int, int]:
    """A division index → B division index, through the corresponding articles they hold."""
    b_holder: dict[tuple[int, int], int] = {}  # (level, B article) → B division
    for g, div in enumerate(b_divs):
        for v in div.articles:
            b_holder[div.level, v] = g
    weight: Counter[tuple[int, int]] = Counter()
    for h, div in enumerate(a_divs):
        for u in div.articles:
            holder = b_holder.get((div.level, partner[u])) if u in partner else None
            if holder is not None:
                weight[h, holder] += 1

    def closeness(h: int, g: int) -> float:
        return Indel.normalized_similarity(a[a_divs[h].heading].text, b[b_divs[g].heading].text)

    best_g: dict[int, tuple[int, float, int]] = {}
    best_h: dict[int, tuple[int, float, int]] = {}
    for (h, g), w in weight.items():
        score = (w, closeness(h, g))
        if score > best_g.get(h, (0, -1.0, -1))[:2]:
            best_g[h] = (*score, g)
        if score > best_h.get(g, (0, -1.0, -1))[:2]:
            best_h[g] = (*score, h)
    return {h: g for h, (_, _, g) in best_g.items() if best_h[g][2] == h}
