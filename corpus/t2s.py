"""OpenCC t2s (Traditional to Simplified), one character for one character, fast.

Rules:

* The reference is opencc-python-reimplemented (the pure Python OpenCC the
  design names): its ``OpenCC("t2s")`` and the dictionaries it ships,
  ``TSPhrases.txt`` before ``TSCharacters.txt``, the first value of an entry
  with several. This module reads those same files (through
  `corpus.opencc_data`, which alone knows where they are) and gives the same output
  as ``OpenCC("t2s").convert`` run line by line, about twenty times faster:
  ``str.translate`` for the characters, and the phrases (which decide 乾/干,
  覆/复, 瞭/了, 於/于 …) only where one compiled pattern finds one.
* The reference's choice of phrases is kept exactly. Between two separators
  (spaces, punctuation; no entry holds one) it takes the longest phrase, the
  leftmost of equally long ones, then does the same on what is left on either
  side; that equals taking every occurrence in the order (longest, leftmost)
  and keeping each one that overlaps none kept before, which is what
  ``_phrases_in`` does.
* Only a line holding a Traditional character (one that TSCharacters changes
  on its own) is converted; every other line is returned as it is.
* A line keeps its length: a line whose conversion would change length is
  converted character by character, and a character whose conversion is not
  one character is kept. (No entry of the shipped dictionaries changes length;
  the rule guards the offset maps against one that would.)
* Nothing loads at import. Whether a text holds a Traditional character is
  read from ``corpus/data/t2s_traditional.txt`` (generated from the reference
  by ``python -m corpus.make_t2s_data``); the dictionaries load, in about 10 ms,
  on the first text that does. A text of `LONG_TEXT` characters or more is
  searched with one class compiled from that list, on the first such text.

Why not another converter (measured on 1 MB, see README.md): the OpenCC C++
binding (PyPI ``opencc``) is a little faster (0.02 s against 0.03 s; the target
is 0.2 s) but adds a 7 MB compiled wheel that takes the same module name and
ships newer dictionaries whose output differs from the reference (2 % of the
characters of phrase-dense text); the Rust converters (opencc-pyo3,
zhconv-rs) differ too, and zhconv-rs is GPL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from corpus.opencc_data import CHARACTERS, PHRASES, SEPARATORS, dictionary

__all__ = [
    "LONG_TEXT", "TRADITIONAL_FILE", "Tables", "build", "convert", "convert_line", "has_traditional", "tables",
    "traditional_chars",
]  # fmt: skip

TRADITIONAL_FILE = "t2s_traditional.txt"
"""In ``corpus/data``: ``Tables.traditional`` of the reference, written by ``python -m corpus.make_t2s_data``."""



@dataclass(frozen=True)
class Tables:
    """The reference dictionaries, compiled for ``str.translate`` and one pattern."""

    chars: dict[int, str]
    """TSCharacters: code point to its first value."""
    single: dict[int, str]
    """What each character becomes converted alone, where that is one character."""
    phrases: dict[str, str]
    """TSPhrases: phrase to its first value (phrases holding a separator left out)."""
    lengths: tuple[int, ...]
    """The phrase lengths, longest first."""
    finder: re.Pattern[str]
    """Matches where some phrase starts (the longest phrase at that place)."""
    traditional: frozenset[str]
    """The characters TSCharacters changes on their own."""


def build(chars: dict[str, str], phrases: dict[str, str]) -> Tables:
    """Compile a character dictionary and a phrase dictionary (key to first value)."""
    phrases = {k: v for k, v in phrases.items() if k and not SEPARATORS.search(k)}
    char_table = {ord(k): v for k, v in chars.items() if len(k) == 1 and not SEPARATORS.match(k)}
    single = {cp: v for cp, v in char_table.items() if len(v) == 1}
    for key, value in phrases.items():  # a one-character phrase comes first, as in the reference
        if len(key) == 1:
            single.pop(ord(key), None)
            if len(value) == 1:
                single[ord(key)] = value
    keys = sorted(phrases, key=lambda k: (-len(k), k))
    return Tables(
        chars=char_table,
        single=single,
        phrases=phrases,
        lengths=tuple(sorted({len(k) for k in phrases}, reverse=True)),
        finder=re.compile("|".join(map(re.escape, keys)) if keys else "(?!)"),
        traditional=frozenset(chr(cp) for cp, v in char_table.items() if v != chr(cp)),
    )


@cache
def tables() -> Tables:
    """The reference dictionaries, read and compiled once, on first use."""
    return build(dictionary(CHARACTERS), dictionary(PHRASES))


@cache
def traditional_chars() -> frozenset[str]:
    """Every character that t2s changes on its own, from the shipped list (no dictionary loads)."""
    text = (resources.files("corpus") / "data" / TRADITIONAL_FILE).read_text(encoding="utf-8")
    return frozenset("".join(line for line in text.splitlines() if not line.startswith("#")))


LONG_TEXT = 100_000
"""Characters from which `has_traditional` looks with one compiled class (5 ms to compile, once; then
about seven times faster than a set test)."""
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@cache
def _traditional_finder() -> tuple[re.Pattern[str], frozenset[str]]:
    """A class of the Traditional characters of the Basic Multilingual Plane, and the others as a set.

    ``re`` looks for a class of BMP characters through a bitmap; one astral
    character in the class would make it try each character in turn, hundreds
    of times slower.
    """
    chars = traditional_chars()
    bmp = "".join(sorted(ch for ch in chars if ch <= "\uffff"))
    return re.compile(f"[{re.escape(bmp)}]"), frozenset(ch for ch in chars if ch > "\uffff")


def has_traditional(text: str) -> bool:
    """Does ``text`` hold a character that t2s changes on its own?"""
    if len(text) < LONG_TEXT:
        return not traditional_chars().isdisjoint(text)
    bmp, astral = _traditional_finder()
    return bmp.search(text) is not None or not astral.isdisjoint(_ASTRAL.findall(text))


def _phrases_in(line: str, t: Tables) -> list[tuple[int, int, str]]:
    """The phrases the reference converts in ``line``: (start, end, value), in order."""
    found: list[tuple[int, int]] = []  # (-length, start) of every occurrence
    m = t.finder.search(line)
    while m is not None:
        start = m.start()
        for n in t.lengths:
            if n <= len(m.group()) and line[start : start + n] in t.phrases:
                found.append((-n, start))
        m = t.finder.search(line, start + 1)
    found.sort()
    taken = bytearray(len(line))
    kept: list[tuple[int, int, str]] = []
    for neg, start in found:
        end = start - neg
        if not any(taken[start:end]):
            taken[start:end] = b"\1" * (end - start)
            kept.append((start, end, t.phrases[line[start:end]]))
    kept.sort()
    return kept


def convert_line(line: str, t: Tables | None = None) -> str:
    """One line through t2s, keeping its length (see the module rules)."""
    t = t if t is not None else tables()
    kept = _phrases_in(line, t)
    if not kept:
        out = line.translate(t.chars)
    else:
        parts: list[str] = []
        pos = 0
        for start, end, value in kept:
            parts += (line[pos:start].translate(t.chars), value)
            pos = end
        parts.append(line[pos:].translate(t.chars))
        out = "".join(parts)
    return out if len(out) == len(line) else line.translate(t.single)


def convert(text: str) -> str:
    """``text`` through t2s, line by line, only the lines holding a Traditional character."""
    if not has_traditional(text):
        return text
    trad = traditional_chars()
    return "\n".join(line if trad.isdisjoint(line) else convert_line(line) for line in text.split("\n"))
