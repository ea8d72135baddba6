"""Folding text into terminal lines by cell width: the one place the app measures text.

Rules:

* Widths are terminal cells (`rich.cells`): a Chinese character takes two, a
  combining or zero-width character none. Nothing here measures with ``len()``.
* Lines are folded character by character (Chinese has no spaces to break
  at); a double-width character that would straddle the edge goes to the next
  line, so a line is never wider than asked, and ``\\n`` always breaks.
* Text is made safe to draw first (`displayable`): ``\\r`` is dropped, a tab
  becomes a space and every other control character becomes its visible
  Control Pictures sign (U+2400 …), so a file can never send escape sequences
  to the terminal. `count_lines` and `fold` apply the same rule, so the height
  measured for a text is exactly the number of lines drawn for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from rich.cells import cell_len, get_character_cell_size

__all__ = ["count_lines", "displayable", "fold", "pad"]

T = TypeVar("T")

_CONTROLS = {code: chr(0x2400 + code) for code in range(32) if code not in (9, 10, 13)}
_CONTROLS |= {9: " ", 13: None, 127: "\u2421"}  # type: ignore[dict-item]
_CONTROLS |= {code: "\ufffd" for code in range(0x80, 0xA0)}
_TABLE = str.maketrans(_CONTROLS)


def displayable(text: str) -> str:
    """``text`` with carriage returns dropped and other control characters made visible."""
    return text.translate(_TABLE)


def count_lines(text: str, width: int) -> int:
    """Number of lines `fold` makes of displayable ``text`` at ``width`` cells (at least 1)."""
    width = max(2, width)
    total = 0
    for line in text.split("\n"):
        total += 1
        if cell_len(line) <= width:
            continue
        used = 0
        for char in line:
            size = get_character_cell_size(char)
            if used + size > width:
                total += 1
                used = 0
            used += size
    return total


def fold(pieces: Sequence[tuple[str, T]], width: int) -> list[list[tuple[str, T]]]:
    """Fold styled pieces of displayable text into lines of at most ``width`` cells.

    Each line is a list of ``(text, tag)`` pieces, neighbours with the same tag
    joined; an empty text gives one empty line.
    """
    width = max(2, width)
    lines: list[list[tuple[str, T]]] = [[]]
    used = 0
    for text, tag in pieces:
        for k, chunk in enumerate(text.split("\n")):
            if k:
                lines.append([])
                used = 0
            if not chunk:
                continue
            if used + cell_len(chunk) <= width:
                _add(lines[-1], chunk, tag)
                used += cell_len(chunk)
                continue
            start = 0
            for i, char in enumerate(chunk):
                size = get_character_cell_size(char)
                if used + size > width:
                    _add(lines[-1], chunk[start:i], tag)
                    lines.append([])
                    start, used = i, 0
                used += size
            _add(lines[-1], chunk[start:], tag)
    return lines


def _add(line: list[tuple[str, T]], text: str, tag: T) -> None:
    if not text:
        return
    if line and line[-1][1] == tag:
        line[-1] = (line[-1][0] + text, tag)
    else:
        line.append((text, tag))


def pad(line: Sequence[tuple[str, T]], width: int, tag: T) -> list[tuple[str, T]]:
    """``line`` filled with spaces (tagged ``tag``) up to ``width`` cells."""
    used = sum(cell_len(text) for text, _ in line)
    out = list(line)
    if used < width:
        out.append((" " * (width - used), tag))
    return out
