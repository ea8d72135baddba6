"""The terminal, the app and every report mark the same hidden characters (`corpus.charsets`)."""

from __future__ import annotations

from corpus.charsets import HIDDEN, codes
from corpus.display import safe_text
from diffing.visible import mark_html, mark_plain
from tui.wrap import displayable

_OWN_RULES = {0x09, 0x0D}
"""Tab and carriage return: the app shows a tab as a space and drops a CR, the terminal shows a CR as ␍."""


def test_the_terminal_the_app_and_the_reports_mark_the_same_characters() -> None:
    hidden = codes(HIDDEN)
    for code in (*range(0xD800), *range(0xE000, 0x30000), *range(0xE0000, 0xE0100)):
        if code in _OWN_RULES:
            continue
        ch = chr(code)
        marked = {
            "report": mark_plain(ch) != ch, "html": mark_html(ch) != ch, "terminal": safe_text(ch) != ch,
            "app": displayable(ch) != ch,
        }  # fmt: skip
        assert len(set(marked.values())) == 1, (f"U+{code:04X}", marked)
        assert marked["report"] == (code in hidden), f"U+{code:04X}"


def test_a_zero_width_space_is_marked_in_the_terminal_as_in_the_reports() -> None:
    assert safe_text("第一条\u200b本法") == mark_plain("第一条\u200b本法") == "第一条<U+200B>本法"
