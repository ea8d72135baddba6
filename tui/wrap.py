"""Folding text into terminal lines by cell width: the one place the app measures text.

Rules:

* Widths are terminal cells as rich measures them (`rich.cells`): a Chinese
  character takes two, a combining or zero-width character none. The
  character classes below are built, on first use (~10 ms), with the size
  rich's ``rich.cells.get_character_cell_size`` gives every character of the
  Basic Multilingual Plane (read from the table it searches, or asked
  character by character where rich has no such table: `_sizes`); a
  character beyond it (an emoji, a rare ideograph) is asked about one at a
  time. So `width` agrees with rich character by character, whatever rich's
  version (a test asks about all 65,536); nothing here measures with
  ``len()``.
* Lines are folded character by character (Chinese has no spaces to break
  at); a double-width character that would straddle the edge goes to the next
  line, so a line is never wider than asked, and ``\\n`` always breaks.
* Breaks keep to the common Chinese 避头尾 rules: closing punctuation
  (`CLOSING`: ``。，；：！？、）》」』”’`` …) never starts a line and opening
  brackets and quotes (`OPENING`: ``《（「『“‘`` …) never end one; the break
  moves back a few characters instead (a line then ends short).
* Text is scanned in runs of equal-width characters (one regular expression),
  so measuring a long clause costs a few steps per run, not per character.
  `count_lines` and `fold` share that scan, so the height measured for a text
  is exactly the number of lines drawn for it.
* Text is made safe to draw first (`displayable`): ``\\r`` is dropped, a tab
  becomes a space and every other control or bidi character becomes its
  visible mark (`corpus.display`: ``␛``, ``<U+202E>``), so a file can never
  send escape sequences to the terminal. `cell` does the same for one-line
  table cells (names, titles), and keeps Textual from reading them as markup.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from typing import TypeVar

from rich.cells import get_character_cell_size
from rich.text import Text

from corpus.display import TEXT_MARKS, safe_name

__all__ = [
    "CLOSING",
    "OPENING",
    "cell",
    "count_lines",
    "displayable",
    "elide_middle",
    "ellipsize",
    "fold",
    "fold_measured",
    "pad",
    "warm_up",
    "width",
]

T = TypeVar("T")

_CONTROLS: dict[int, str | None] = {**TEXT_MARKS, 9: " ", 13: None}
_TABLE = str.maketrans(_CONTROLS)


_PLANE = 0x10000
"""Characters below this are measured ahead, in classes; those from it on one at a time."""


def _char_class(ranges: Sequence[tuple[int, int]]) -> str:
    return "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges
    )


def _ranges(sizes: bytes, size: int) -> list[tuple[int, int]]:
    """Runs ``(first, last)`` of code points whose cell size (``sizes[code]``) is ``size``."""
    return [(run.start(), run.end() - 1) for run in re.finditer(re.escape(bytes([size])) + b"+", sizes)]


def _rich_table() -> Sequence[tuple[int, int, int]] | None:
    """The ``(first, last, cells)`` ranges that ``rich.cells.get_character_cell_size`` searches (recent rich:
    ``rich.cells.load_cell_table``), None where rich has no such table."""
    try:
        from rich.cells import load_cell_table  # type: ignore[attr-defined,unused-ignore]

        widths: Sequence[tuple[int, int, int]] = load_cell_table("auto").widths
    except (ImportError, AttributeError, TypeError):
        return None
    return widths


def _sizes(table: Sequence[tuple[int, int, int]] | None) -> bytes:
    """The cell size of every character of the Basic Multilingual Plane, as
    ``rich.cells.get_character_cell_size`` measures it: read from its ``table`` (`_rich_table`) by the same
    rules, in a millisecond; without one, asked character by character (~0.1 s)."""
    if table is None:
        return bytes(get_character_cell_size(chr(code)) for code in range(_PLANE))
    sizes = bytearray(b"\x01" * _PLANE)  # a character the table does not list takes one cell
    for first, last, cells in table:
        if first < _PLANE:
            last = min(last, _PLANE - 1)
            sizes[first : last + 1] = bytes([cells]) * (last - first + 1)
    for first, end in ((1, 0x20), (0x7F, 0xA0)):  # control characters take none, whatever the table says
        sizes[first:end] = bytes(end - first)
    return bytes(sizes)


@functools.cache
def _classes() -> re.Pattern[str]:
    """Runs of wide (group 1), zero-width (group 2) and narrow (group 3) characters of the Basic
    Multilingual Plane, or one character beyond it (group 4)."""
    sizes = _sizes(_rich_table())
    wide_class, zero_class = _char_class(_ranges(sizes, 2)), _char_class(_ranges(sizes, 0))
    beyond = f"{re.escape(chr(_PLANE))}-{re.escape(chr(0x10FFFF))}"
    return re.compile(f"([{wide_class}]+)|([{zero_class}]+)|([^{wide_class}{zero_class}{beyond}]+)|([{beyond}])")


_SIZE = {1: 2, 2: 0, 3: 1}


def warm_up() -> None:
    """Build the character classes now (a worker does, so that the first screen does not wait for them)."""
    _classes()


def _runs(text: str) -> Iterator[tuple[str, int]]:
    """``text`` as runs of characters of one cell size: ``(run, size)``."""
    for match in _classes().finditer(text):
        group = match.lastindex or 3
        run = match.group()
        yield run, _SIZE[group] if group != 4 else get_character_cell_size(run)


def displayable(text: str) -> str:
    """``text`` with carriage returns dropped and other control characters made visible."""
    return text.translate(_TABLE)


def cell(text: str) -> Text:
    """A one-line table cell showing ``text`` as it is (marks for controls, no markup)."""
    return Text(safe_name(text))


def width(text: str) -> int:
    """Cells ``text`` takes on one line (``\\n`` counts as nothing)."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(len(run) * size for run, size in _runs(text.replace("\n", "")))


CLOSING = frozenset("。，、；：！？）》」』”’〉】〕］｝〗〙．…‥・·,.;:!?)]}%％")
"""Characters that never start a folded line (避头: closing punctuation and brackets)."""
OPENING = frozenset("《（「『“‘〈【〔［｛〖〘([{")
"""Characters that never end a folded line (避尾: opening brackets and quotes)."""
_BACK_OFF = 8
"""How many characters a break may move back to keep to 避头尾; past that the line breaks where it fills."""


def _breaks(line: str, width: int) -> list[int]:
    """Where displayable ``line`` (no ``\\n``) is folded at ``width`` cells: the index each new line starts at.

    Greedy by cells, then 避头尾: a break that would start a line with closing
    punctuation (``。``, ``”`` …) or end one with an opening bracket (``《``,
    ``“`` …) moves back, taking the characters before it to the next line.
    A break never comes before a zero-width character, nor leaves a line empty.
    """
    if 2 * len(line) <= width:
        return []
    breaks: list[int] = []
    start = used = pos = 0
    for run, size in _runs(line):
        if not size:
            pos += len(run)
            continue
        k = 0
        while k < len(run):
            fit = (width - used) // size
            if len(run) - k <= fit:
                used += (len(run) - k) * size
                break
            at = pos + k + fit
            p = _kinsoku(line, start, at)
            breaks.append(p)
            start = p
            used = _cells(line[p:at]) if p < at else 0
            k += fit
        pos += len(run)
    return breaks


def _kinsoku(line: str, start: int, at: int) -> int:
    """The break at or before ``at`` that keeps to 避头尾 and leaves the line from ``start`` non-empty."""
    p = at
    while p > start + 1 and at - p < _BACK_OFF:
        c = line[p]
        if c in CLOSING or line[p - 1] in OPENING or not get_character_cell_size(c):
            p -= 1
            continue
        return p
    return at


def _cells(text: str) -> int:
    """`width`, for functions whose parameter of that name hides it."""
    return width(text)


def count_lines(text: str, width: int) -> int:
    """Number of lines `fold` makes of displayable ``text`` at ``width`` cells (at least 1)."""
    width = max(2, width)
    return sum(1 + len(_breaks(line, width)) for line in text.split("\n"))


def fold(pieces: Sequence[tuple[str, T]], width: int) -> list[list[tuple[str, T]]]:
    """Fold styled pieces of displayable text into lines of at most ``width`` cells.

    Each line is a list of ``(text, tag)`` pieces, neighbours with the same tag
    joined; an empty text gives one empty line.
    """
    return [line for line, _ in fold_measured(pieces, width)]


def fold_measured(pieces: Sequence[tuple[str, T]], width: int) -> list[tuple[list[tuple[str, T]], int]]:
    """`fold`, with the cells each line takes."""
    width = max(2, width)
    text = "".join(t for t, _ in pieces)
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        for b in _breaks(line, width):
            spans.append((start, pos + b))
            start = pos + b
        spans.append((start, pos + len(line)))
        pos += len(line) + 1
    starts = [0]
    for t, _ in pieces:
        starts.append(starts[-1] + len(t))
    lines: list[tuple[list[tuple[str, T]], int]] = []
    k = 0
    for lo, hi in spans:
        while k < len(pieces) and starts[k + 1] <= lo:
            k += 1
        out: list[tuple[str, T]] = []
        j = k
        while j < len(pieces) and starts[j] < hi:
            piece, tag = pieces[j]
            _add(out, piece[max(lo, starts[j]) - starts[j] : min(hi, starts[j + 1]) - starts[j]], tag)
            j += 1
        lines.append((out, _cells("".join(t for t, _ in out))))
    return lines


def _add(line: list[tuple[str, T]], text: str, tag: T) -> None:
    if not text:
        return
    if line and line[-1][1] == tag:
        line[-1] = (line[-1][0] + text, tag)
    else:
        line.append((text, tag))


def pad(line: Sequence[tuple[str, T]], cells: int, tag: T) -> list[tuple[str, T]]:
    """``line`` filled with spaces (tagged ``tag``) up to ``cells`` cells."""
    used = sum(width(text) for text, _ in line)
    out = list(line)
    if used < cells:
        out.append((" " * (cells - used), tag))
    return out


def ellipsize(text: str, room: int) -> str:
    """``text`` in at most ``room`` cells, its end cut with ``…`` when it is longer."""
    if width(text) <= room:
        return text
    out, used = [], 0
    for c in text:
        size = width(c)
        if used + size > room - 1:
            break
        out.append(c)
        used += size
    return "".join(out) + "…"


def elide_middle(text: str, room: int) -> str:
    """``text`` in at most ``room`` cells: its start and end kept, the middle replaced by ``…``."""
    if width(text) <= room:
        return text
    head_room = (room - 1) // 3
    tail_room = room - 1 - head_room
    head, used = "", 0
    for c in text:
        if used + width(c) > head_room:
            break
        head += c
        used += width(c)
    tail, used = "", 0
    for c in reversed(text):
        if used + width(c) > tail_room:
            break
        tail = c + tail
        used += width(c)
    return f"{head}…{tail}"
