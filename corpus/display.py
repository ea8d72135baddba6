"""Text made safe for a terminal: control and bidirectional-override characters shown as visible marks.

Rules:

* Everything wendiff writes to a terminal that comes from a file — document
  text, titles, clause labels, messages, file names — goes through `safe_text`
  (text that may span lines) or `safe_name` (one line: a name, a table cell, an
  error message). Nothing a file holds can then move the cursor, retitle,
  recolour or clear the terminal, or reorder what is shown.
* Marks: a C0 control (``U+0000``–``U+001F``) is its Control Pictures sign
  (ESC ``U+001B`` is ``␛``, BEL is ``␇``), DEL is ``␡``; every other hidden
  character (`corpus.charsets.HIDDEN`: C1 controls, format characters such as
  bidirectional controls, zero-width spaces and the soft hyphen, line and
  paragraph separators) is ``<U+202E>``-style, as in the reports. `safe_text`
  keeps newlines and tabs (a carriage return is shown as ``␍``); `safe_name`
  shows them too, so its result is one line.
* A name that was not UTF-8 reaches Python with ``surrogateescape`` (each bad
  byte a lone surrogate ``U+DC80``–``U+DCFF``); it is shown as ``\\xff``, so
  it can always be printed in UTF-8.
* `report_name` is the name a file is known by once read (``Source.name``,
  the names of reports and of the store's records): its bytes that were not
  UTF-8 are written ``\\xff``, so it can be encoded in UTF-8 anywhere (JSON,
  HTML, meta.json), while the path itself is used, unchanged, to open it.
* Only the terminal view and messages are escaped: reports written as JSON,
  HTML, Markdown or Word escape in their own way, and the store keeps the
  original bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from corpus.charsets import HIDDEN, codes

__all__ = ["TEXT_MARKS", "report_name", "safe_name", "safe_text"]

def _marks() -> dict[int, str]:
    table: dict[int, str] = {code: f"<U+{code:04X}>" for code in codes(HIDDEN)}
    table.update({code: chr(0x2400 + code) for code in range(0x20)})
    table[0x7F] = "\u2421"
    for byte in range(0x80, 0x100):
        table[0xDC00 + byte] = f"\\x{byte:02x}"
    return table


_NAME_MARKS = _marks()
_TEXT_MARKS = {code: mark for code, mark in _NAME_MARKS.items() if code not in (0x09, 0x0A)}
TEXT_MARKS: Mapping[int, str] = MappingProxyType(_TEXT_MARKS)
"""What `safe_text` replaces (code point → mark), for a view that adds rules of its own (tui/wrap.py)."""


def report_name(name: str) -> str:
    """``name`` with the bytes that were not UTF-8 (``surrogateescape``) written as ``\\xff``; else unchanged."""
    if name.isascii():
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def safe_text(text: str) -> str:
    """``text`` with every control and bidi character shown as a mark; newlines and tabs kept."""
    return text.translate(_TEXT_MARKS)


def safe_name(text: str) -> str:
    """``text`` on one line, with every control and bidi character (newlines and tabs too) shown as a mark."""
    return text.translate(_NAME_MARKS)
