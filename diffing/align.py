"""Clause alignment: which clause of A became which clause of B.

Rules, in the order they are applied:

1. **Atoms first: layout is not content.** An *atom* is a run of clauses up to
   one that its content ends (a sentence end, a table cell, a colon before a
   marker: ``Clause.cut``); the other clause ends (line breaks, paragraphs of
   spaces, a heading glued to its sentence or not) are layout. Atoms with the
   same text (spaces aside) are matched in order, and each matched pair is cut
   at the boundaries both sides share: every piece is an ``equal`` row, with
   several clauses on a side where that side has more boundaries (a pure
   boundary difference is never ``merged``/``split``). Bare 第X条 labels never
   match by themselves (rule 3).
2. **Anchors.** Inside each gap between matched atoms, clauses with the same
   text, in the same order, are ``equal``: patience diff over clause hashes
   (clauses unique on both sides anchor first); where no clause is unique (a
   text that repeats itself), a longest common subsequence (rapidfuzz, in C);
   a gap too large for it is walked in windows of `LCS_WINDOW` clauses: each
   window's LCS keeps the pairs of its first half, the next window starts after
   them (linear in the gap, where ``SequenceMatcher`` was quadratic on repeats).
   Then rule 1 again inside the gaps left.
3. **Articles are units** (`diffing.units`). Articles correspond as wholes;
   each pair's 第X条 labels pair (old 第七条 that is new 第八条 with the same
   body: an ``equal`` body under a ``renumbered`` label), and so do the
   headings of divisions that correspond through their articles. Repeated
   text that rule 2 paired across corresponding articles is freed, and the
   free clauses of each pair of articles pair inside it first (similarity ≥
   0.5, or the shorter standing almost whole inside the longer). A label left
   free pairs with the free label of the article holding most of its body's
   partners when the two are one article (`diffing.units.one_article`); the
   clause pairs left between two articles without a counterpart are undone
   (after rule 5). Label and heading pairs are never ``moved`` by themselves.
4. **Exact moves.** Free clauses with the same text, once among the free
   clauses of each side, pair (rule 7 names them ``moved``).
5. **Fuzzy pairs.** The clauses left are paired by similarity (rapidfuzz Indel
   ratio) over candidates from a character-bigram index, best first. A pair
   that falls between the same anchors and keeps their order is ``modified``
   (similarity ≥ 0.5); any other pair is ``moved`` (similarity ≥ 0.6 and at
   least 6 characters, so that short boilerplate does not fly around).
6. **Split and merged.** A paired clause whose neighbours on the other side are
   still free takes them in while that raises the similarity clearly: one A
   clause to several B clauses is ``split``, several A clauses to one B is
   ``merged`` — unless the joined texts are the same, which is ``equal``.
7. **Order.** Pairs off the heaviest chain that keeps both orders are ``moved``.
8. **Renumbered.** A modified pair of labels or headings that differ only in
   their number (第七条/第八条, 第二章总则/第三章总则, (一)/(二)) is ``renumbered``.
9. **Copied is repetition, not a stock phrase.** A free B clause whose text
   equals an A clause aligned elsewhere is ``copied`` (its ``a`` names that A
   clause as a reference, the only row whose A side repeats a clause of another
   row) only when it belongs to a repeated passage: a run of such B clauses
   holding at least 3 clauses, or at least 30 characters standing between old
   text. A short formula (构成犯罪的，依法追究刑事责任。) inside new or rewritten
   text, next to its own context, is part of that insertion or modification.
10. Everything else is ``inserted`` or ``deleted``.

Rows come out in reading order of B; a deleted row stands right after the row
of its preceding A clause. Nothing recurses over clauses: a run of any length
costs a loop, not a stack frame.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, count
from operator import itemgetter

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from corpus.markers import leading_number
from diffing.fast_values import new_row
from diffing.model import MIRRORED, Clause, Op, Row
from diffing.sequences import longest_increasing
from diffing.units import (
    POSTING_CAP,
    Article,
    ArticleMatch,
    article_order,
    articles,
    bigrams,
    division_level,
    divisions,
    match_articles,
    match_divisions,
    most_common,
    one_article,
    unit_of,
)

__all__ = ["MIN_CROSS", "MIN_MODIFIED", "MIN_MOVED", "align", "swapped"]

MIN_MODIFIED = 0.5
MIN_MOVED = 0.6
MIN_MOVED_LEN = 6
MIN_CROSS = 0.65
"""A clause pairs with a clause of another article than its own article's counterpart from this
similarity on (and `MIN_MOVED_LEN` characters): a stock sentence does not hop between articles."""
SPLIT_GAIN = 0.04
CANDIDATES_PER_CLAUSE = 8
LCS_CELLS = 10**9  # the bit-parallel LCS holds cells/64 words: 125 MB at this bound
LCS_WINDOW = 8_192
"""Keys per side of one window of the LCS walked over a gap of more than `LCS_CELLS` (≈ 10 ms each)."""
CONTAINED_LEN = 8
CONTAINED = 90
"""Partial similarity (percent) from which a clause stands whole inside another of its own article."""
GLUED_SEED = 75
"""Partial similarity (percent) from which a short clause inside one at least twice as long seeds a
merge or split (rule 6)."""
INSIDE_CELLS = 40_000
"""Pairs of free clauses compared inside one pair of articles at most (more is left to rule 5)."""
COPY_MIN_CLAUSES = 3
COPY_MIN_CHARS = 30
VOTING_GRAMS = 24
"""A clause votes for candidates with at most this many of its rarest bigrams ..."""
ALWAYS_VOTING = 10
"""... its rarest this many always ..."""
COMMON_SHARE = 6
"""... and beyond them none held by more than 1/COMMON_SHARE of the free B clauses (and more than
`COMMON_MIN`): such a gram (应当, 规定 …) votes for hundreds of clauses and decides nothing. On pair 10
this halves the votes counted (the fuzzy pass: 0.20 → 0.13 s) and changes no row of the seed pairs,
the real pairs or the generated 1 MB and 1.4 MB pairs."""
COMMON_MIN = 100


@dataclass(eq=False, slots=True)
class _Pair:
    """One link between clauses; compared by identity, so that `_State.pairs` removes one in O(1)."""

    op: Op
    a: list[int]
    b: list[int]
    similarity: float


@dataclass
class _State:
    a: Sequence[Clause]
    b: Sequence[Clause]
    a_pair: list[_Pair | None] = field(default_factory=list)
    b_pair: list[_Pair | None] = field(default_factory=list)
    pairs: dict[_Pair, None] = field(default_factory=dict)
    """The links in the order they were made (a dict: unlinking one is O(1), not a list scan)."""
    a_units: tuple[Article, ...] = ()
    b_units: tuple[Article, ...] = ()
    a_unit: list[int] = field(default_factory=list)
    """For each A clause, its article (-1 outside articles)."""
    b_unit: list[int] = field(default_factory=list)
    match: ArticleMatch = field(default_factory=lambda: ArticleMatch({}, (), 0))
    """Corresponding articles (`diffing.units.match_articles`)."""
    a_key: list[str] = field(init=False)
    """Each A clause's text without spaces (`_key`), computed once."""
    b_key: list[str] = field(init=False)
    a_label: list[bool] = field(init=False)
    """Whether each A clause is a bare 第X条 label (``kind == "article"``)."""
    b_label: list[bool] = field(init=False)

    @property
    def partner(self) -> dict[int, int]:
        """A article → its corresponding B article."""
        return self.match.partner

    def __post_init__(self) -> None:
        self.a_key = [c.text.replace(" ", "") for c in self.a]  # `_key`, inline
        self.b_key = [c.text.replace(" ", "") for c in self.b]
        self.a_label = [c.kind == "article" for c in self.a]
        self.b_label = [c.kind == "article" for c in self.b]

    def unlink(self, pair: _Pair) -> None:
        del self.pairs[pair]
        for i in pair.a:
            self.a_pair[i] = None
        for j in pair.b:
            self.b_pair[j] = None

    def crosses(self, i: int, j: int) -> bool:
        """A clause ``i`` and B clause ``j`` lie in articles that are not each other's counterparts,
        at least one of which has a counterpart of its own."""
        u, v = self.a_unit[i], self.b_unit[j]
        if u < 0 or v < 0:
            return False
        match = self.match
        partner = match.partner
        return partner.get(u) != v and (u in partner or v in match.partnered)

    def link(self, op: Op, a: list[int], b: list[int], similarity: float) -> _Pair:
        pair = _Pair(op, a, b, similarity)
        self.pairs[pair] = None
        for i in a:
            self.a_pair[i] = pair
        for j in b:
            self.b_pair[j] = pair
        return pair


def similarity(x: str, y: str) -> float:
    """Indel similarity: 2·LCS / (len x + len y), 1.0 for two empty strings."""
    return float(Indel.normalized_similarity(x, y))


def swapped(a: Sequence[Clause], b: Sequence[Clause]) -> bool:
    """Whether the pairs are computed with the sides swapped: the texts in canonical order make
    ``align(b, a)`` the mirror of ``align(a, b)`` by construction."""
    for x, y in zip(b, a, strict=False):  # ``[c.text for c in b] < [c.text for c in a]``, to the first difference
        if x.text != y.text:
            return x.text < y.text
    return len(b) < len(a)


def align(a: Sequence[Clause], b: Sequence[Clause]) -> list[Row]:
    """Align the clauses of A and B into rows (without inline differences).

    The pairs are computed on the two texts in canonical order (`swapped`) and
    mirrored back: comparing B with A gives the same pairs, ``inserted`` ↔
    ``deleted`` and ``split`` ↔ ``merged``. Copies (rule 9) are named after,
    on the sides as given: only B can repeat text of A.
    """
    if swapped(a, b):
        mirror = _pairs(b, a)
        st = _State(a, b, [None] * len(a), [None] * len(b))
        for p in mirror.pairs:
            st.link(MIRRORED.get(p.op, p.op), p.b, p.a, p.similarity)
    else:
        st = _pairs(a, b)
    _copies(st)
    return _rows(st)


def _pairs(a: Sequence[Clause], b: Sequence[Clause]) -> _State:
    st = _State(a, b, [None] * len(a), [None] * len(b))
    _boundaries(st)
    _anchor(st)
    _boundaries(st)
    _units(st)
    _attach_labels(st)
    _exact_moves(st)
    _fuzzy(st)
    _attach_labels(st)
    _unpair_strays(st)
    _order(st)
    _renumbered(st)
    return st


def _gaps(st: _State) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The A and B ranges between consecutive pairs made so far (which keep both orders), both non-empty."""
    spans = sorted([(p.a[0], p.a[-1] + 1, p.b[0], p.b[-1] + 1) for p in st.pairs if p.a and p.b], key=itemgetter(0))
    out = []
    prev_i = prev_j = 0
    for a_lo, a_hi, b_lo, b_hi in [*spans, (len(st.a),) * 2 + (len(st.b),) * 2]:
        if a_lo > prev_i and b_lo > prev_j:
            out.append(((prev_i, a_lo), (prev_j, b_lo)))
        prev_i, prev_j = a_hi, b_hi
    return out


def _anchor(st: _State) -> None:
    """Rule 2: clauses of the same text, in order, inside each gap between matched atoms."""
    for (a_lo, a_hi), (b_lo, b_hi) in _gaps(st):
        ids: dict[str, int] = {}
        ak = [
            ids.setdefault(st.a[i].text, len(ids)) if st.a[i].kind != "article" else -1 - i for i in range(a_lo, a_hi)
        ]
        bk = [
            ids.setdefault(st.b[j].text, len(ids)) if st.b[j].kind != "article" else -1 - len(st.a) - j
            for j in range(b_lo, b_hi)
        ]
        for i, j in _patience(ak, bk):
            st.link("equal", [a_lo + i], [b_lo + j], 1.0)


def _patience(ak: list[int], bk: list[int]) -> list[tuple[int, int]]:
    """Monotone pairs of equal keys: patience diff (unique keys as anchors), then a longest common
    subsequence (in windows beyond `LCS_CELLS`) inside the gaps that hold no unique common key."""
    out: list[tuple[int, int]] = []
    stack = [(0, len(ak), 0, len(bk))]
    while stack:
        a_lo, a_hi, b_lo, b_hi = stack.pop()
        while a_lo < a_hi and b_lo < b_hi and ak[a_lo] == bk[b_lo]:
            out.append((a_lo, b_lo))
            a_lo, b_lo = a_lo + 1, b_lo + 1
        while a_lo < a_hi and b_lo < b_hi and ak[a_hi - 1] == bk[b_hi - 1]:
            a_hi, b_hi = a_hi - 1, b_hi - 1
            out.append((a_hi, b_hi))
        if a_lo >= a_hi or b_lo >= b_hi:
            continue
        count_a = Counter(ak[a_lo:a_hi])
        count_b = Counter(bk[b_lo:b_hi])
        where_b = {bk[j]: j for j in range(b_lo, b_hi) if count_b[bk[j]] == 1}
        unique = [(i, where_b[ak[i]]) for i in range(a_lo, a_hi) if count_a[ak[i]] == 1 and ak[i] in where_b]
        if unique:
            chain = [unique[k] for k in longest_increasing([j for _, j in unique])]
            prev_i, prev_j = a_lo, b_lo
            for i, j in chain:
                out.append((i, j))
                stack.append((prev_i, i, prev_j, j))
                prev_i, prev_j = i + 1, j + 1
            stack.append((prev_i, a_hi, prev_j, b_hi))
        elif (a_hi - a_lo) * (b_hi - b_lo) <= LCS_CELLS:
            # A longest common subsequence (bit-parallel, in C): in a text that repeats itself
            # (a notice pasted many times) it keeps each copy against its own copy.
            out.extend(_lcs(ak, bk, a_lo, a_hi, b_lo, b_hi))
        else:
            out.extend(_windowed_lcs(ak, bk, a_lo, a_hi, b_lo, b_hi, LCS_WINDOW))
    return out


def _lcs(ak: list[int], bk: list[int], a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> list[tuple[int, int]]:
    """The pairs of a longest common subsequence of ``ak[a_lo:a_hi]`` and ``bk[b_lo:b_hi]``, in order."""
    out: list[tuple[int, int]] = []
    for op in Indel.opcodes(ak[a_lo:a_hi], bk[b_lo:b_hi]):
        if op.tag == "equal":
            i, j = a_lo + op.src_start, b_lo + op.dest_start
            out.extend((i + k, j + k) for k in range(op.src_end - op.src_start))
    return out


def _windowed_lcs(
    ak: list[int], bk: list[int], a_lo: int, a_hi: int, b_lo: int, b_hi: int, window: int
) -> list[tuple[int, int]]:
    """Monotone pairs of equal keys in a gap too large for one LCS, in time linear in the gap.

    From ``(i, j)``, the LCS of the next ``window`` keys of each side; its pairs in the first half
    of the window on both sides (all of them where a side's window reaches its end; at least its
    first pair) are kept and the next window starts after the last one kept. A window without a
    pair moves on by half a window on each side that has more.
    """
    out: list[tuple[int, int]] = []
    half = window // 2
    i, j = a_lo, b_lo
    while i < a_hi and j < b_hi:
        i_end, j_end = min(i + window, a_hi), min(j + window, b_hi)
        found = _lcs(ak, bk, i, i_end, j, j_end)
        if i_end == a_hi and j_end == b_hi:
            out.extend(found)
            break
        if not found:
            i = i if i_end == a_hi else i + half
            j = j if j_end == b_hi else j + half
            continue
        i_half = a_hi if i_end == a_hi else i + half
        j_half = b_hi if j_end == b_hi else j + half
        kept = [(x, y) for x, y in found if x < i_half and y < j_half] or found[:1]
        out.extend(kept)
        i, j = kept[-1][0] + 1, kept[-1][1] + 1
    return out


def _boundaries(st: _State) -> None:
    """Rule 1: atoms of the same text, matched in order inside each gap between the pairs made so
    far (the whole text at first), become ``equal`` rows cut at the boundaries both sides share."""
    for a_range, b_range in _gaps(st):
        _match_atoms(st, a_range, b_range)


def _key(text: str) -> str:
    return text.replace(" ", "")


def _atoms(clauses: Sequence[Clause], lo: int, hi: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = lo
    for k in range(lo, hi):
        if clauses[k].cut or k == hi - 1:
            out.append((start, k + 1))
            start = k + 1
    return out


def _match_atoms(st: _State, a_range: tuple[int, int], b_range: tuple[int, int]) -> None:
    a_atoms = _atoms(st.a, *a_range)
    b_atoms = _atoms(st.b, *b_range)
    ids: dict[str, int] = {}
    unique = count(-1, -1)  # a key no other atom has
    ak = _atom_keys(st.a_label, st.a_key, a_atoms, ids, unique)
    bk = _atom_keys(st.b_label, st.b_key, b_atoms, ids, unique)
    for x, y in _patience(ak, bk):
        _zip(st, a_atoms[x], b_atoms[y])


def _atom_keys(
    labels: list[bool], keys: list[str], atoms: list[tuple[int, int]], ids: dict[str, int], unique: Iterator[int]
) -> list[int]:
    """Each atom's key: the id of its text (spaces aside) in ``ids``, or a key of its own (``unique``) for
    bare labels, which follow their bodies and never each other."""
    out: list[int] = []
    for lo, hi in atoms:
        if hi == lo + 1:
            if labels[lo]:
                out.append(next(unique))
                continue
            key = keys[lo]
        elif all(labels[lo:hi]):
            out.append(next(unique))
            continue
        else:
            key = "".join(keys[lo:hi])
        out.append(ids.setdefault(key, len(ids)))
    return out


def _zip(st: _State, a_atom: tuple[int, int], b_atom: tuple[int, int]) -> None:
    """Cut two atoms of the same text at their shared boundaries; each piece is ``equal``."""
    (i, a_end), (j, b_end) = a_atom, b_atom
    if a_end == i + 1 and b_end == j + 1:  # most atoms: one clause a side
        st.link("equal", [i], [j], 1.0)
        return
    a_key, b_key = st.a_key, st.b_key
    while i < a_end and j < b_end:
        gi, gj = i, j
        la, lb = len(a_key[i]), len(b_key[j])
        i, j = i + 1, j + 1
        while la != lb:  # the atoms hold the same text, so the shorter side always has a clause left
            if la < lb:
                la += len(a_key[i])
                i += 1
            else:
                lb += len(b_key[j])
                j += 1
        st.link("equal", list(range(gi, i)), list(range(gj, j)), 1.0)


def _attach_labels(st: _State) -> None:
    """Pair each free article label with the free label of the B article holding most of its body's
    partners, when the two are one article (`diffing.units.one_article`)."""
    in_order: Callable[[int, int], bool] | None = None
    for u, art in enumerate(st.a_units):
        if st.a_pair[art.label] is not None:
            continue
        votes: Counter[int] = Counter()
        for k in art.body:
            pair = st.a_pair[k]
            if pair is not None and pair.b and pair.op != "copied" and (v := st.b_unit[pair.b[0]]) >= 0:
                votes[v] += len(st.a[k].text)
        if votes:
            v = min(votes, key=lambda v: (-votes[v], v))
            in_order = in_order or article_order(st.match)
            if one_article(st.a, st.b, art, st.b_units[v], _aligned(st, u, v), in_order(u, v)):
                _link_label(st, art.label, st.b_units[v].label)


def _aligned(st: _State, u: int, v: int) -> tuple[float, float]:
    """The characters of A article ``u``'s body paired into B article ``v`` and of ``v``'s paired from
    ``u``, each weighted by its pair's similarity."""
    a_in = sum(
        len(_key(st.a[i].text)) * p.similarity
        for i in st.a_units[u].body
        if (p := st.a_pair[i]) is not None and p.b and p.op != "copied" and st.b_unit[p.b[0]] == v
    )
    b_in = sum(
        len(_key(st.b[j].text)) * p.similarity
        for j in st.b_units[v].body
        if (p := st.b_pair[j]) is not None and p.a and p.op != "copied" and st.a_unit[p.a[0]] == u
    )
    return a_in, b_in


def _unpair_strays(st: _State) -> None:
    """Unpair clauses paired across two articles that stay without a counterpart (labels unpaired):
    they are not one article (`_attach_labels`), so the deleted one's text did not go into the
    inserted one."""
    for p in list(st.pairs):
        if not p.a or not p.b:
            continue
        u, v = st.a_unit[p.a[0]], st.b_unit[p.b[0]]
        if u >= 0 and v >= 0 and st.a_pair[st.a_units[u].label] is None and st.b_pair[st.b_units[v].label] is None:
            st.unlink(p)


def _link_label(st: _State, i: int, j: int) -> None:
    """Pair two free labels (``_renumbered`` later names a change of number alone)."""
    if st.a_pair[i] is None and st.b_pair[j] is None:
        sim = similarity(st.a[i].text, st.b[j].text)
        st.link("equal" if st.a_key[i] == st.b_key[j] else "modified", [i], [j], sim)


def _units(st: _State) -> None:
    """Rule 3: articles correspond as units (`diffing.units`); each pair's labels pair, stock
    sentences that the exact passes paired across corresponding articles are freed, division
    headings pair through their articles, and the free clauses of each pair of articles pair
    inside it before any clause is looked for elsewhere."""
    st.a_units, st.b_units = articles(st.a), articles(st.b)
    st.a_unit, st.b_unit = unit_of(len(st.a), st.a_units), unit_of(len(st.b), st.b_units)
    if not st.a_units or not st.b_units:
        return
    links = [(p.a, p.b) for p in st.pairs if p.a and p.b]
    st.match = match_articles(st.a, st.b, st.a_units, st.b_units, links, (st.a_unit, st.b_unit))
    _free_stock(st)
    _divisions(st)
    for u, v in sorted(st.partner.items()):
        _link_label(st, st.a_units[u].label, st.b_units[v].label)
        _pair_inside(st, st.a_units[u].body, st.b_units[v].body)


def _inside(x: str, y: str, cutoff: float, longer: int = 1, sim: float = 1.0) -> bool:
    """The shorter text (`CONTAINED_LEN` characters or more) stands inside the other, at least
    ``longer`` times its length, with a partial similarity of ``cutoff`` percent or more.

    ``sim`` is the two texts' `similarity` when the caller has it: their longest common subsequence
    *l* bounds the partial similarity (a window of *k* ≤ *L* characters of the longer text has at most
    min(*l*, *k*) in common with the shorter one of *L*: 2·min(l, k)/(L + k) ≤ 2l/(L + l)), so a pair
    that cannot reach ``cutoff`` skips the window search (the answer is the same)."""
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    if len(short) < CONTAINED_LEN or len(long) < longer * len(short):
        return False
    common = sim * (len(x) + len(y)) / 2 + 0.01  # the LCS, rounded up past float error
    if 200 * common / (len(short) + common) < cutoff - 1e-6:
        return False
    return bool(fuzz.partial_ratio(short, long, score_cutoff=cutoff))


def _free_stock(st: _State) -> None:
    """Unpair 1:1 pairs of a text that repeats (a stock sentence, a list item) that cross articles."""
    a_count = Counter(st.a_key)
    b_count = Counter(st.b_key)
    crosses = st.crosses
    for p in list(st.pairs):
        if len(p.a) == 1 and len(p.b) == 1:
            i, j = p.a[0], p.b[0]
            key = st.a_key[i]
            if (a_count[key] > 1 or b_count[key] > 1) and crosses(i, j):
                st.unlink(p)


def _divisions(st: _State) -> None:
    """Division headings (第X章 …) pair through the articles they hold, replacing a 1:1 pair the
    exact passes made for either heading (the same title may now stand over other articles)."""
    a_divs, b_divs = divisions(st.a, st.a_units), divisions(st.b, st.b_units)
    for h, g in sorted(match_divisions(st.a, st.b, a_divs, b_divs, st.partner).items()):
        i, j = a_divs[h].heading, b_divs[g].heading
        old = list(dict.fromkeys(p for p in (st.a_pair[i], st.b_pair[j]) if p is not None))
        if len(old) == 1 and old[0].a == [i] and old[0].b == [j]:
            continue
        if any(len(p.a) != 1 or len(p.b) != 1 for p in old):
            continue
        for p in old:
            st.unlink(p)
        _link_label(st, i, j)


def _pair_inside(st: _State, a_range: range, b_range: range) -> None:
    """Pair the free clauses of two corresponding articles by similarity, best first (then split/merge)."""
    free_a = [i for i in a_range if st.a_pair[i] is None]
    free_b = [j for j in b_range if st.b_pair[j] is None]
    if not free_a or not free_b or len(free_a) * len(free_b) > INSIDE_CELLS:
        return
    scored = []
    for x, i in enumerate(free_a):
        for y, j in enumerate(free_b):
            sim = similarity(st.a[i].text, st.b[j].text)
            # An item that lost or gained an explanation stands almost whole inside the other.
            inside = sim < MIN_MODIFIED and _inside(st.a[i].text, st.b[j].text, CONTAINED, 1, sim)
            score = sim if sim >= MIN_MODIFIED else MIN_MODIFIED * inside
            if score:
                scored.append((-score, abs(x / len(free_a) - y / len(free_b)), i, j, sim))
    scored.sort()
    linked = []
    for *_, i, j, sim in scored:
        if st.a_pair[i] is None and st.b_pair[j] is None:
            linked.append(st.link("equal" if sim == 1.0 else "modified", [i], [j], sim))
    for pair in linked:
        _extend(st, pair)


def _exact_moves(st: _State) -> None:
    """Free clauses with the same text, once among the free clauses of each side: out of order, or
    they would be anchors. They pair before the fuzzy search (``_order`` names them ``moved``)."""
    free_a: dict[str, list[int]] = {}
    for i, c in enumerate(st.a):
        if st.a_pair[i] is None and c.kind != "article":
            free_a.setdefault(c.text, []).append(i)
    free_b: dict[str, list[int]] = {}
    for j, c in enumerate(st.b):
        if st.b_pair[j] is None and c.kind != "article" and c.text in free_a:
            free_b.setdefault(c.text, []).append(j)
    for text, js in free_b.items():
        is_ = free_a[text]
        if len(is_) == 1 and len(js) == 1 and len(text) >= MIN_MOVED_LEN:
            st.link("equal", is_, js, 1.0)


def _candidates(st: _State, free_a: list[int], free_b: list[int]) -> list[tuple[float, int, int]]:
    """Pairs (similarity, i, j) of free clauses similar enough to be modified, or where one stands
    almost whole inside the other (a seed of a glued run, rule 6)."""
    index: defaultdict[str, list[int]] = defaultdict(list)
    b_grams: dict[int, set[str]] = {}
    for j in free_b:
        grams = bigrams(st.b[j].text)
        b_grams[j] = grams
        for g in grams:
            index[g].append(j)
    common = max(COMMON_MIN, len(free_b) // COMMON_SHARE)
    size = {g: len(js) for g, js in index.items()}
    out: list[tuple[float, int, int]] = []
    for i in free_a:
        text = st.a[i].text
        # The rarest grams carry the evidence; common ones (的, 规定 …) only cost time.
        rare = sorted([(size[g], g) for g in bigrams(text) & size.keys()])[:VOTING_GRAMS]
        rare = [x for k, x in enumerate(rare) if (k < ALWAYS_VOTING or x[0] <= common) and x[0] <= POSTING_CAP]
        counts = Counter(chain.from_iterable(index[g] for _, g in rare))  # one count, in vote order
        for j, shared in most_common(counts, CANDIDATES_PER_CLAUSE):
            if shared < 0.2 * min(len(rare), len(b_grams[j])):
                break
            sim = similarity(text, st.b[j].text)
            if sim >= MIN_MODIFIED or _inside(text, st.b[j].text, GLUED_SEED, 2, sim):
                out.append((sim, i, j))
    return out


def _fuzzy(st: _State) -> None:
    free_a = [i for i, c in enumerate(st.a) if st.a_pair[i] is None and c.kind != "article"]
    free_b = [j for j, c in enumerate(st.b) if st.b_pair[j] is None and c.kind != "article"]
    if not free_a or not free_b:
        return
    # Anchors: A index -> B index of every pair made so far (monotone for equal anchors).
    anchor_a = [i for i in range(len(st.a)) if st.a_pair[i] is not None and st.a_pair[i].op == "equal"]  # type: ignore[union-attr]
    anchor_b = [st.a_pair[i].b[0] for i in anchor_a]  # type: ignore[union-attr]

    def gap(i: int, j: int) -> int | None:
        """The anchor gap that holds both i and j, if any."""
        k = bisect_left(anchor_a, i)
        prev_b = anchor_b[k - 1] if k > 0 else -1
        next_b = anchor_b[k] if k < len(anchor_b) else len(st.b)
        return k if prev_b < j < next_b else None

    scored = []
    for sim, i, j in _candidates(st, free_a, free_b):
        g = gap(i, j)
        if sim < MIN_MODIFIED and g is None:
            continue  # a glued run is looked for only between its neighbours' pairs
        bonus = 0.05 if g is not None else 0.0
        scored.append((max(sim, MIN_MODIFIED - 0.01) + bonus, sim, i, j, g))
    scored.sort(key=lambda t: (-t[0], abs(t[2] / max(1, len(st.a)) - t[3] / max(1, len(st.b)))))
    accepted: list[tuple[int, int, float, int | None]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, sim, i, j, g in scored:
        if i in used_a or j in used_b:
            continue
        short = min(len(st.a[i].text), len(st.b[j].text)) < MIN_MOVED_LEN
        if g is None and (sim < MIN_MOVED or short):
            continue
        if st.crosses(i, j) and (sim < MIN_CROSS or short):
            continue
        used_a.add(i)
        used_b.add(j)
        accepted.append((i, j, sim, g))
    linked = [st.link("equal" if sim == 1.0 else "modified", [i], [j], sim) for i, j, sim, _ in sorted(accepted)]
    for pair in linked:
        _extend(st, pair)
        if pair.similarity < MIN_MODIFIED:
            st.unlink(pair)  # a seed that found no glued run to take in


def _order(st: _State) -> None:
    """Pairs off the heaviest chain that keeps both orders become ``moved``."""
    pairs = sorted((p for p in st.pairs if p.a and p.b), key=lambda p: p.a[0])
    a_len = [len(c.text) for c in st.a]
    b_len = [len(c.text) for c in st.b]
    weights = [
        p.similarity
        * (
            a_len[p.a[0]] + b_len[p.b[0]]
            if len(p.a) == 1 and len(p.b) == 1
            else sum(a_len[i] for i in p.a) + sum(b_len[j] for j in p.b)
        )
        + 1e-3
        for p in pairs
    ]
    chain = set(_heaviest_chain([p.b[0] for p in pairs], weights, len(st.b)))
    for k, p in enumerate(pairs):
        if k not in chain and p.op in ("equal", "modified") and not _labels_only(st, p):
            p.op = "moved"


def _labels_only(st: _State, p: _Pair) -> bool:
    """A pair of 第X条 labels or of 第X章 headings: it goes where its unit goes, and is never ``moved``
    by itself (the correspondence of units says which unit moved)."""
    return all(_is_label(c) for c in chain((st.a[i] for i in p.a), (st.b[j] for j in p.b)))


def _is_label(clause: Clause) -> bool:
    return clause.kind == "article" or division_level(clause) is not None


def _heaviest_chain(js: list[int], weights: list[float], size: int) -> list[int]:
    """Indices of the max-weight subsequence of ``js`` that strictly increases."""
    if not js:
        return []
    tree = [0.0] * (size + 1)  # Fenwick tree: prefix max over j (its weight, and where it ends)
    tree_at = [-1] * (size + 1)
    best = [0.0] * len(js)
    prev = [-1] * len(js)
    for k, (j, weight) in enumerate(zip(js, weights, strict=True)):
        q, w, arg = j, 0.0, -1
        while q:
            if (t := tree[q]) > w:
                w, arg = t, tree_at[q]
            q &= q - 1  # q -= q & -q
        here = best[k] = w + weight
        prev[k] = arg
        q = j + 1
        while q <= size:
            if tree[q] < here:
                tree[q], tree_at[q] = here, k
            q += q & -q
    k = max(range(len(js)), key=best.__getitem__)
    out: list[int] = []
    while k >= 0:
        out.append(k)
        k = prev[k]
    return out


def _extend(st: _State, pair: _Pair) -> None:
    """Grow a 1:1 pair into a split or a merge while that clearly raises similarity.

    The shorter side grows: a long A clause takes in B neighbours (``split``),
    a long B clause takes in A neighbours (``merged``).
    """
    a_text, b_text = st.a[pair.a[0]].text, st.b[pair.b[0]].text
    if len(a_text) == len(b_text):
        return
    grow_b = len(a_text) > len(b_text)
    whole, part = (a_text, b_text) if grow_b else (b_text, a_text)
    clauses, owners, members = (st.b, st.b_pair, pair.b) if grow_b else (st.a, st.a_pair, pair.a)
    best = pair.similarity
    grown = True
    while grown:
        grown = False
        for k, front in ((members[-1] + 1, False), (members[0] - 1, True)):
            if not (0 <= k < len(clauses) and owners[k] is None and clauses[k].kind != "article"):
                continue
            if (st.b_unit if grow_b else st.a_unit)[k] != (st.b_unit if grow_b else st.a_unit)[members[0]]:
                continue  # a split or merge stays inside its article
            text = clauses[k].text + part if front else part + clauses[k].text
            sim = similarity(whole, text)
            if sim > best + SPLIT_GAIN:
                best, part = sim, text
                members.insert(0, k) if front else members.append(k)
                owners[k] = pair
                grown = True
                break
    if len(members) > 1:
        pair.op, pair.similarity = ("split" if grow_b else "merged"), best
        if _key(whole) == _key(part):
            pair.op, pair.similarity = "equal", 1.0  # a pure boundary difference, not a merge


def _renumbered(st: _State) -> None:
    """A label or heading pair that differs only in its number is ``renumbered``."""
    for p in st.pairs:
        if p.op == "modified" and len(p.a) == 1 and len(p.b) == 1:
            a_bare, b_bare = _unnumbered(st.a[p.a[0]]), _unnumbered(st.b[p.b[0]])
            if a_bare is not None and b_bare is not None and _key(a_bare) == _key(b_bare):
                p.op, p.similarity = "renumbered", 1.0


def _unnumbered(clause: Clause) -> str | None:
    """The clause's text with its leading structural number masked (``第#条``, ``(#)``), or None without
    one. 第X编/章/节/条 number only labels and headings: in a sentence it cites another article."""
    text = clause.text
    span = leading_number(text, divisions=clause.kind in ("article", "heading"))
    if span is None:
        return None
    lo, hi = span
    return text[:lo] + ("0" if text[lo].isdigit() else "#") + text[hi:]


def _copies(st: _State) -> None:
    """Free B clauses that repeat an A clause: ``copied`` only as part of a repeated passage."""
    first_a: dict[str, int] = {}
    for i, c in enumerate(st.a):
        first_a.setdefault(c.text, i)
    runs: list[list[int]] = [[]]
    for j, c in enumerate(st.b):
        if st.b_pair[j] is not None:
            runs.append([])
        elif c.kind != "article":
            if c.text in first_a:
                runs[-1].append(j)
            else:
                runs.append([])
    for run in runs:
        if not run:
            continue
        if len(run) < COPY_MIN_CLAUSES and (
            sum(len(st.b[j].text) for j in run) < COPY_MIN_CHARS
            or _is_new(st, _neighbour(st, run[0], -1))
            or _is_new(st, _neighbour(st, run[-1], 1))
        ):
            continue
        for j in run:
            pair = _Pair("copied", [first_a[st.b[j].text]], [j], 1.0)
            st.pairs[pair] = None
            st.b_pair[j] = pair


def _neighbour(st: _State, j: int, step: int) -> int | None:
    """The B clause next to ``j`` in direction ``step``, skipping 第X条 labels."""
    j += step
    while 0 <= j < len(st.b) and st.b[j].kind == "article":
        j += step
    return j if 0 <= j < len(st.b) else None


def _is_new(st: _State, j: int | None) -> bool:
    """Is B clause ``j`` new or rewritten text (free, or in a modified/split/merged row)?"""
    if j is None:
        return False
    pair = st.b_pair[j]
    return pair is None or pair.op in ("modified", "split", "merged")


def _rows(st: _State) -> list[Row]:
    for i, pair in enumerate(st.a_pair):
        if pair is None:
            st.link("deleted", [i], [], 0.0)
    for j, pair in enumerate(st.b_pair):
        if pair is None:
            st.link("inserted", [], [j], 0.0)
    placed = sorted([(p.b[0], p) for p in st.pairs if p.b], key=itemgetter(0))
    # Deleted rows hang after the row of their preceding A clause.
    after: dict[int, list[_Pair]] = {}
    for p in st.pairs:
        if not p.b:
            i = p.a[0]
            parent = st.a_pair[i - 1] if i > 0 else None
            after.setdefault(id(parent) if parent is not None else 0, []).append(p)
    out: list[Row] = []
    stack = [*(p for _, p in reversed(placed)), *reversed(after.get(0, ()))]
    while stack:  # depth-first without recursion: a run of deleted clauses can be any length
        p = stack.pop()
        out.append(new_row(p.op, tuple(p.a), tuple(p.b), round(p.similarity, 4)))
        if after and (hanging := after.get(id(p))):
            stack.extend(reversed(hanging))
    return out
