"""Unspin: map a machine-reworded ("spun", 伪原创) text back to the common words.

A spinner replaces words by odd synonyms (建设 -> 设置装备摆设, 环境 -> 情况,
基础 -> 根蒂根基). The table (``corpus/data/unspin.tsv``, extendable by the
user's own file) lists ``spun -> common`` pairs, each of kind ``marker`` (a
form normal text never uses) or ``word`` (a form that is itself an ordinary
word, such as 情况).

Rules of this module:

* A text is changed only when it **looks spun**: at least `MIN_MARKERS` marker
  hits and at least `MARKERS_PER_1000` hits per 1,000 characters (markers
  counted on their own, longest first). A text that
  does not look spun is returned unchanged, so normal text is never damaged
  (a law that really changes 情况 to 环境 keeps that change).
* In a text that looks spun, every pair applies at once: one left-to-right
  pass, longest match first, each match replaced by its common word and never
  looked at again. Swapped pairs (the spinner writes 情况 for 环境 and 环境
  for 情况) are therefore swapped back, not collapsed.
* The output is a `StepOutput` whose map sends every character back to the
  input (see corpus/offsets.py); unspin removes nothing, so it has no holes.
* A user's table is a regular file of at most `MAX_TABLE_BYTES` (a FIFO or a
  device is refused before it is opened, a larger file before it is read).
* `spin` is the spinner's direction of the same table; it exists to build
  test and benchmark copies, never to change a user's text.
"""

from __future__ import annotations

import functools
import math
import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

from corpus.errors import InputError
from corpus.offsets import MapBuilder
from corpus.steps import StepOutput, unchanged

__all__ = [
    "MARKERS_PER_1000",
    "MAX_TABLE_BYTES",
    "MIN_MARKERS",
    "Substitution",
    "UnspinTable",
    "bundled_table",
    "find_substitutions",
    "load_table",
    "looks_spun",
    "parse_table",
    "reworded",
    "spin",
    "unspin",
]

MIN_MARKERS = 3
"""Fewest marker hits for a text to look spun."""
MARKERS_PER_1000 = 0.5
"""Fewest marker hits per 1,000 characters for a text to look spun."""

MAX_TABLE_BYTES = 16 * 1024 * 1024
"""Largest user table read (the bundled one is a few KB)."""
_OVER_LIMIT = f"over the {MAX_TABLE_BYTES // 2**20} MB limit of an unspin table"

KINDS = ("marker", "word")

_Trie = dict[str, "_Trie"]


class UnspinTable(dict[str, str]):
    """``spun -> common`` pairs, and which spun forms are markers. Treat as read-only."""

    markers: frozenset[str]
    """Spun forms whose hits show that a text was machine-reworded."""

    def __init__(self, pairs: Mapping[str, str], markers: Iterable[str] = ()) -> None:
        super().__init__(pairs)
        self.markers = frozenset(m for m in markers if m in pairs)
        self._pattern: re.Pattern[str] | None = None
        self._marker_pattern: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        """A regex matching every spun form, the longest first at each position."""
        if self._pattern is None:
            self._pattern = longest_first_pattern(self)
        return self._pattern

    @property
    def marker_pattern(self) -> re.Pattern[str]:
        """A regex matching the markers only."""
        if self._marker_pattern is None:
            self._marker_pattern = longest_first_pattern(self.markers)
        return self._marker_pattern


@dataclass(frozen=True)
class Substitution:
    """One spun form found in a text."""

    start: int
    """Start of the spun form in the text."""
    end: int
    """End of the spun form in the text."""
    spun: str
    """The form the spinner wrote."""
    common: str
    """The common word it stands for."""


def longest_first_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A regex of ``words`` as a trie, so that each match is the longest word at its start."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # the end of a word

    def build(node: _Trie) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(build(trie) or "(?!)")


def find_substitutions(text: str, table: Mapping[str, str]) -> tuple[Substitution, ...]:
    """Every spun form of ``table`` in ``text``: left to right, longest first, never overlapping."""
    pattern = table.pattern if isinstance(table, UnspinTable) else longest_first_pattern(table)
    return tuple(
        Substitution(m.start(), m.end(), m.group(), table[m.group()]) for m in pattern.finditer(text)
    )


def looks_spun(text: str, table: Mapping[str, str]) -> bool:
    """True when ``text`` holds markers of ``table`` many and dense enough.

    Markers are counted on their own (longest first, never overlapping). A plain
    mapping (not an `UnspinTable`) has no markers: every text looks spun to it.
    """
    if not isinstance(table, UnspinTable):
        return True
    need = max(MIN_MARKERS, math.ceil(MARKERS_PER_1000 * len(text) / 1000))
    return any(hits >= need for hits, _ in enumerate(table.marker_pattern.finditer(text), start=1))


def reworded(text: str, table: Mapping[str, str]) -> tuple[Substitution, ...]:
    """The substitutions unspin makes in ``text``: all of them if it looks spun, else none."""
    return find_substitutions(text, table) if looks_spun(text, table) else ()


def unspin(text: str, table: Mapping[str, str]) -> StepOutput:
    """The pipeline step: ``text`` with its spun forms replaced, if it looks spun."""
    subs = reworded(text, table)
    if not subs:
        return unchanged(text)
    builder = MapBuilder()
    pos = 0
    for s in subs:
        builder.keep(text[pos : s.start])
        builder.replace(s.end - s.start, s.common)
        pos = s.end
    builder.keep(text[pos:])
    out, offset_map = builder.build()
    return StepOutput(out, offset_map)


def spin(text: str, table: Mapping[str, str]) -> str:
    """What the spinner would write for ``text``: each common word replaced by its spun form.

    Where several spun forms stand for one common word, the first in the table is used.
    """
    forward: dict[str, str] = {}
    for spun, common in table.items():
        forward.setdefault(common, spun)
    return longest_first_pattern(forward).sub(lambda m: forward[m.group()], text)


def parse_table(text: str, name: str) -> UnspinTable:
    """Pairs of a table file's text; a malformed line is an `InputError` naming ``name`` and the line."""
    pairs: dict[str, str] = {}
    markers: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) not in (2, 3) or not fields[0] or not fields[1]:
            raise InputError(name, f"line {number}: expected 'spun<TAB>common[<TAB>marker|word]'")
        spun, common = fields[0], fields[1]
        kind = fields[2] if len(fields) == 3 and fields[2] else "word"
        if kind not in KINDS:
            raise InputError(name, f"line {number}: kind must be 'marker' or 'word', not {kind!r}")
        if spun == common:
            raise InputError(name, f"line {number}: {spun!r} is mapped to itself")
        pairs[spun] = common
        if kind == "marker":
            markers.add(spun)
        else:
            markers.discard(spun)
    return UnspinTable(pairs, markers)


@functools.cache
def bundled_table() -> UnspinTable:
    """The table shipped with wendiff (corpus/data/unspin.tsv)."""
    text = (resources.files("corpus") / "data" / "unspin.tsv").read_text(encoding="utf-8")
    return parse_table(text, "unspin.tsv")


def load_table(path: str | None = None) -> UnspinTable:
    """The bundled table, extended (and overridden, pair by pair) by the user's file at ``path``."""
    if path is None:
        return bundled_table()
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InputError(path, f"cannot read unspin table: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, f"unspin table is not a regular file ({_kind(info.st_mode)})")
    if info.st_size > MAX_TABLE_BYTES:
        raise InputError(path, f"unspin table is {info.st_size:,} bytes, {_OVER_LIMIT}")
    return _load_user_table(path, info.st_mtime_ns, info.st_size)


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))  # fmt: skip
    return next((word for test, word in kinds if test(mode)), "not a file")


@functools.lru_cache(maxsize=8)
def _load_user_table(path: str, mtime_ns: int, size: int) -> UnspinTable:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_TABLE_BYTES + 1)
        if len(data) > MAX_TABLE_BYTES:
            raise InputError(path, f"unspin table grew while read, {_OVER_LIMIT}")
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"unspin table is not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise InputError(path, f"cannot read unspin table: {exc.strerror or exc}") from exc
    user = parse_table(text, path)
    base = bundled_table()
    markers = (base.markers - user.keys()) | user.markers
    return UnspinTable({**base, **user}, markers)
