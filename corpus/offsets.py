"""Offset maps: where each character of a derived text came from.

Rules of this module (it owns offset arithmetic, in one place):

* A derived text is its source text with some ranges replaced. An `OffsetMap`
  stores only those replacements (`Edit`), sorted; everything between two edits
  is copied one to one, shifted by a constant.
* A replacement of ``n`` characters by ``n`` characters (OpenCC's t2s, width
  folding, U+3000 to space) is recorded as no edit at all: character ``i`` of
  the derived text still comes from character ``i`` of the source.
* Every derived character maps back to a non-empty source range; a character
  that comes out of an edit maps to the whole source range of that edit.
* Positions are code points, spans are half-open ``[start, end)``.

Lookups are ``O(log edits)``, so a 1 MB text with a handful of edits costs
nothing to map. `OffsetMap.spans_to_source` maps many spans at once (numpy's
``searchsorted`` over the edits, imported only then): the same spans as
`OffsetMap.span_to_source` one by one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import starmap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["Edit", "MapBuilder", "OffsetMap", "splice", "substitute"]


@dataclass(frozen=True)
class Edit:
    """Source ``[src_start, src_end)`` became derived ``[dst_start, dst_end)``."""

    src_start: int
    src_end: int
    dst_start: int
    dst_end: int


@dataclass(frozen=True)
class OffsetMap:
    """Maps positions in a derived text back to its source text (and forth)."""

    src_len: int
    dst_len: int
    edits: tuple[Edit, ...] = ()
    _dst_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _src_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_dst_starts", tuple(e.dst_start for e in self.edits))
        object.__setattr__(self, "_src_starts", tuple(e.src_start for e in self.edits))

    @staticmethod
    def identity(length: int) -> OffsetMap:
        """The map of a text that was not changed."""
        return OffsetMap(length, length)

    @property
    def is_identity(self) -> bool:
        """True when every derived character is the source character at the same place."""
        return not self.edits

    def char_to_source(self, pos: int) -> tuple[int, int]:
        """Source range of derived character ``pos`` (``0 <= pos < dst_len``)."""
        if not 0 <= pos < self.dst_len:
            raise IndexError(f"position {pos} outside derived text of length {self.dst_len}")
        k = bisect_right(self._dst_starts, pos) - 1
        if k >= 0:
            e = self.edits[k]
            if pos < e.dst_end:
                return e.src_start, e.src_end
            shifted = pos + (e.src_end - e.dst_end)
        else:
            shifted = pos
        return shifted, shifted + 1

    def pos_to_source(self, pos: int) -> int:
        """Source position of the boundary before derived character ``pos``."""
        if pos >= self.dst_len:
            return self.src_len
        return self.char_to_source(pos)[0]

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """Smallest source span that holds everything derived ``[start, end)`` came from."""
        if end <= start:
            p = self.pos_to_source(start)
            return p, p
        return self.char_to_source(start)[0], self.char_to_source(end - 1)[1]

    def spans_to_source(
        self, starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """`span_to_source` of each span ``[starts[k], ends[k])`` (int64 arrays), as two arrays: the source
        starts and ends. Every position must lie in the derived text (``0 <= start``, ``end <= dst_len``)."""
        import numpy as np

        dst_starts = np.fromiter(self._dst_starts, np.int64, len(self.edits))
        src_starts = np.fromiter(self._src_starts, np.int64, len(self.edits))
        src_ends = np.fromiter((e.src_end for e in self.edits), np.int64, len(self.edits))
        dst_ends = np.fromiter((e.dst_end for e in self.edits), np.int64, len(self.edits))
        shift = src_ends - dst_ends

        def to_source(pos: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
            """`char_to_source` of each of ``pos``: the source ranges' starts and ends."""
            k = np.searchsorted(dst_starts, pos, side="right") - 1
            at = np.maximum(k, 0)
            before = k < 0
            inside = ~before & (pos < dst_ends[at])
            shifted = np.where(before, pos, pos + shift[at])
            return np.where(inside, src_starts[at], shifted), np.where(inside, src_ends[at], shifted + 1)

        empty = ends <= starts
        lo = to_source(np.minimum(starts, self.dst_len - 1))[0]
        lo = np.where(empty & (starts >= self.dst_len), self.src_len, lo)
        hi = to_source(np.maximum(ends - 1, starts))[1]
        return lo, np.where(empty, lo, hi)

    def pos_to_derived(self, pos: int) -> int:
        """Derived position of the boundary before source character ``pos``."""
        if pos >= self.src_len:
            return self.dst_len
        k = bisect_right(self._src_starts, pos) - 1
        if k >= 0:
            e = self.edits[k]
            if pos < e.src_end:
                return e.dst_start
            return pos + (e.dst_end - e.src_end)
        return pos


class MapBuilder:
    """Builds a derived text piece by piece, recording its `OffsetMap`.

    ``replace`` of ``n`` characters by ``n`` characters is no edit; an edit that
    follows another with nothing kept between them is merged into it.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._edits: list[tuple[int, int, int, int]] = []
        self._src = 0
        self._dst = 0

    def keep(self, text: str) -> None:
        """Copy ``text`` from the source unchanged."""
        if text:
            self._parts.append(text)
            self._src += len(text)
            self._dst += len(text)

    def replace(self, src_len: int, new: str) -> None:
        """Replace the next ``src_len`` source characters by ``new``."""
        src, dst, n = self._src, self._dst, len(new)
        if src_len != n:
            edits = self._edits
            if edits and edits[-1][1] == src and edits[-1][3] == dst:
                edits[-1] = (edits[-1][0], src + src_len, edits[-1][2], dst + n)
            else:
                edits.append((src, src + src_len, dst, dst + n))
        self._parts.append(new)
        self._src = src + src_len
        self._dst = dst + n

    def build(self) -> tuple[str, OffsetMap]:
        """The derived text and its map back to the source."""
        return "".join(self._parts), OffsetMap(self._src, self._dst, tuple(starmap(Edit, self._edits)))


def splice(text: str, replacements: Iterable[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    """``text`` with each range ``[start, end)`` replaced by its string, and the offset map.

    The ranges come sorted and disjoint. The result is that of a `MapBuilder`
    keeping the text between the ranges and replacing each range, in one pass
    with no call per range: a range replaced by as many characters is no edit
    (the text changes, the map does not), an edit that starts where the one
    before ended is merged into it.
    """
    parts: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    pos = 0
    shift = 0  # derived position minus source position after ``pos``
    for start, end, new in replacements:
        if start > pos:
            parts.append(text[pos:start])
        parts.append(new)
        n = len(new)
        if end - start != n:
            if edits and edits[-1][1] == start:
                edits[-1] = (edits[-1][0], end, edits[-1][2], start + shift + n)
            else:
                edits.append((start, end, start + shift, start + shift + n))
            shift += n - (end - start)
        pos = end
    if not parts:
        return text, OffsetMap(len(text), len(text))
    parts.append(text[pos:])
    return "".join(parts), OffsetMap(len(text), len(text) + shift, tuple(starmap(Edit, edits)))


def substitute(
    text: str, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]
) -> tuple[str, OffsetMap]:
    """Like ``pattern.sub(repl, text)``, but also returns the offset map."""
    replacements = []
    for m in pattern.finditer(text):
        new = repl(m)
        if new != m.group():
            replacements.append((m.start(), m.end(), new))
    return splice(text, replacements)
