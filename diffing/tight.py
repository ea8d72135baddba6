"""Tight inline changes: a word-level difference refined to characters where that marks fewer of them.

Rules:

* The word-level parts are the start and the fallback: the result never marks
  more characters (the length of its ``-`` and ``+`` parts) than they do.
* Each changed run of the word-level parts (the ``-`` and ``+`` parts between two
  ``=`` parts) is diffed again by characters (with semantic cleanup); so is the
  whole row. A character-level equality is kept only where it stays readable:
  cut to the longest stretch that is **whole words of A or whole words of B**
  (所负数额较大 in 所负|数额较大|的 → 因所负|数额较大 is kept; 土 of 国土 → 领土 is
  not, so a rewritten word stays one replacement). An equality left between two
  edits that are each at least as long is dropped (the rule of semantic cleanup).
* Of the candidates (word-level; word-level with each run refined where that
  marks fewer characters than the run's words; the whole row by characters),
  the one marking the fewest characters wins; a tie keeps the earlier, coarser
  one. So the result never marks more than the words, nor more than the
  characters once made readable.
* The parts join back to both texts, like every inline difference.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate

__all__ = ["marked", "tighten"]

Part = tuple[str, str]
CharDiff = Callable[[str, str], list[Part]]


def marked(parts: Sequence[Part]) -> int:
    """Characters a reader sees marked: the length of the ``-`` and ``+`` parts."""
    return sum(len(t) for op, t in parts if op != "=")


def _bounds(words: Sequence[str]) -> list[int]:
    return [0, *accumulate(map(len, words))]


def _readable(
    parts: Sequence[Part], a_bounds: list[int], b_bounds: list[int], a0: int = 0, b0: int = 0
) -> list[Part]:
    """``parts`` (a character diff starting at ``a0``/``b0`` of the texts) with each equality cut to
    whole words of one side; what is cut off becomes a deletion plus an insertion."""
    out: list[Part] = []
    pa, pb = a0, b0
    for op, text in parts:
        n = len(text)
        if op != "=":
            out.append((op, text))
            if op == "-":
                pa += n
            else:
                pb += n
            continue
        best = (0, 0)
        for p, bounds in ((pa, a_bounds), (pb, b_bounds)):
            lo, hi = bisect_left(bounds, p), bisect_right(bounds, p + n) - 1
            if lo < hi and bounds[hi] - bounds[lo] > best[1] - best[0]:
                best = (bounds[lo] - p, bounds[hi] - p)
        s, e = best
        if s > 0:
            out += [("-", text[:s]), ("+", text[:s])]
        if e > s:
            out.append(("=", text[s:e]))
        if e < n:
            out += [("-", text[e:]), ("+", text[e:])]
        pa += n
        pb += n
    return _drop_small_equalities(_runs(out))


def _runs(parts: Sequence[Part]) -> list[Part]:
    """Each run of changes between two equalities as one deletion then one insertion; equalities joined."""
    out: list[Part] = []
    dele: list[str] = []
    ins: list[str] = []

    def flush() -> None:
        if dele:
            out.append(("-", "".join(dele)))
        if ins:
            out.append(("+", "".join(ins)))
        dele.clear()
        ins.clear()

    for op, text in parts:
        if not text:
            continue
        if op == "=":
            flush()
            if out and out[-1][0] == "=":
                out[-1] = ("=", out[-1][1] + text)
            else:
                out.append((op, text))
        else:
            (dele if op == "-" else ins).append(text)
    flush()
    return out


def _drop_small_equalities(parts: list[Part]) -> list[Part]:
    """An equality between two changes, each with a part at least as long, becomes part of the change."""
    k = 1
    while k < len(parts) - 1:
        if parts[k][0] == "=" and parts[k - 1][0] != "=" and parts[k + 1][0] != "=":
            size = len(parts[k][1])
            left = max(len(t) for _, t in _change_at(parts, k - 1, -1))
            right = max(len(t) for _, t in _change_at(parts, k + 1, 1))
            if size <= left and size <= right:
                eq = parts[k][1]
                parts = _runs([*parts[:k], ("-", eq), ("+", eq), *parts[k + 1 :]])
                k = 1
                continue
        k += 1
    return parts


def _change_at(parts: Sequence[Part], k: int, step: int) -> list[Part]:
    """The run of changes that holds part ``k`` (walking from ``k`` by ``step``)."""
    out = []
    while 0 <= k < len(parts) and parts[k][0] != "=":
        out.append(parts[k])
        k += step
    return out


def tighten(
    word_parts: Sequence[Part], a_words: Sequence[str], b_words: Sequence[str], char_diff: CharDiff
) -> list[Part]:
    """The tightest readable parts (see the rules); ``char_diff`` is the character diff with semantic cleanup."""
    words = list(word_parts)
    a_text = "".join(t for o, t in words if o != "+")
    b_text = "".join(t for o, t in words if o != "-")
    floor = abs(len(a_text) - len(b_text))  # no difference of the two texts marks fewer characters
    if marked(words) == floor:
        return words  # nothing can be tighter, and a tie keeps the words
    a_bounds, b_bounds = _bounds(a_words), _bounds(b_words)
    refined: list[Part] = []
    pa = pb = 0
    k = 0
    while k < len(words):
        op, text = words[k]
        if op == "=":
            refined.append((op, text))
            pa += len(text)
            pb += len(text)
            k += 1
            continue
        j = k
        while j < len(words) and words[j][0] != "=":
            j += 1
        run = words[k:j]
        a_run = "".join(t for o, t in run if o == "-")
        b_run = "".join(t for o, t in run if o == "+")
        best_run = run
        if a_run and b_run and marked(run) > abs(len(a_run) - len(b_run)):
            chars = _readable(char_diff(a_run, b_run), a_bounds, b_bounds, pa, pb)
            if marked(chars) < marked(run):
                best_run = chars
        refined.extend(best_run)
        pa += len(a_run)
        pb += len(b_run)
        k = j
    candidates = [words, _runs(refined)]
    if min(map(marked, candidates)) > floor:  # else the whole row by characters cannot win (a tie keeps the earlier)
        candidates.append(_readable(char_diff(a_text, b_text), a_bounds, b_bounds))
    return min(candidates, key=marked)
