"""Characters a reader cannot see, made visible in reports (which they are: `corpus.charsets`).

Rules: a report that shows document text to a person (HTML, Markdown) never
passes on a character that changes how other text looks without being seen
itself — bidirectional controls (U+202A–202E, U+2066–2069, U+200E/200F,
U+061C), zero-width and other format characters (Unicode category Cf), C0/C1
controls other than tab and line ends, and the line/paragraph separators
U+2028/2029. Each is replaced by a mark naming it, ``<U+202E>``, so
``价款‮元001‬`` reads ``价款<U+202E>元001<U+202C>``, as the file says, not
``价款100元``. Tab, LF and CR stay.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from corpus.charsets import HIDDEN

__all__ = ["INVISIBLE", "mark_html", "mark_plain", "name_of"]

INVISIBLE = re.compile(f"[{HIDDEN}]")
"""Characters shown as marks: `corpus.charsets.HIDDEN` (format characters, controls but tab/LF/CR,
U+2028/2029), the same the terminal and the app mark."""


def name_of(char: str) -> str:
    """``<U+202E>``: how a hidden character is shown."""
    return f"<U+{ord(char):04X}>"


def _html_mark(m: re.Match[str]) -> str:
    return f'<span class="u">&lt;U+{ord(m.group()):04X}&gt;</span>'


def _plain_mark(m: re.Match[str]) -> str:
    return name_of(m.group())


def mark_html(escaped: str) -> str:
    """HTML-escaped text with each hidden character as ``<span class="u">&lt;U+202E&gt;</span>``."""
    return INVISIBLE.sub(_html_mark, escaped)


def mark_plain(text: str, wrap: Callable[[str], str] | None = None) -> str:
    """Text with each hidden character as ``<U+202E>`` (passed through ``wrap`` when given)."""
    if wrap is None:
        return INVISIBLE.sub(_plain_mark, text)
    return INVISIBLE.sub(lambda m: wrap(name_of(m.group())), text)
