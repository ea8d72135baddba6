"""Cleaning steps: invisible characters, mojibake junk, web boilerplate.

Each step is a pure ``str -> StepOutput`` (see `corpus.steps`). Steps only
delete characters or replace one character by one character, so every output
character maps back to exactly one input character, which it equals (or is the
space or line break that stands for it).

Rules:

* `remove_invisible` (its sets: `corpus.charsets`) deletes zero-width and format characters (U+200B-U+200F,
  U+202A-U+202E, U+2060-U+206F, U+FEFF anywhere, U+00AD soft hyphen) and
  control characters (C0, DEL, C1) except tab, line feed and carriage return.
  Spaces of other widths (U+3000, NBSP, U+2002-U+200A, U+202F, U+205F) become
  an ASCII space; vertical tab, form feed, NEL, and the line and paragraph
  separators U+2028/U+2029 become a line feed (so no two lines are glued
  together). None of this is junk: no holes.
* `remove_junk` removes mojibake: a run of characters that are neither
  whitespace nor CJK (ideographs, kana, hangul, CJK and full-width punctuation,
  typographic quotes and dashes) and that holds at least one U+FFFD. The whole
  run goes, with the Latin spam injected beside the broken bytes
  (``以及����ϣ��WilliamHill领土`` keeps ``以及`` and ``领土``), also when a
  hard wrap or a stray space falls inside it; sentence
  punctuation at the run's edges stays. Latin text without U+FFFD (URLs,
  e-mail addresses, "UDI") is never touched. Each removed run is a hole.
* `remove_ranges` removes the page furniture a paged reader found (running
  headers, footers, page numbers of a PDF or OFD: `corpus.pages`); each range
  is a hole. The pipeline runs it first, as a ``boilerplate`` layer.
* `remove_boilerplate` removes sidebars of unrelated headlines that web pages
  put around an article. A sidebar starts at a label line: a channel label
  (a few CJK characters and a capitalised Latin word, "乐活HOT", "娱乐LOVE") or
  a navigation label ("相关新闻", "推荐阅读", "责任编辑：…", "上一篇：…", "返回顶部"
  …). It goes on over blank lines, bullet lines ("  • headline"), teaser lines
  indented deeper than the bullet above them, and further labels. It
  is removed when it holds a bullet line or runs to the end of the text; a
  navigation label on its own is removed as a single line; anything else is
  kept. Each removed block is a hole (from the label to the end of its last
  non-blank line). Layout is a hint, not a requirement: a page copied as one
  line (or re-wraps it) glues the sidebar to the article's last sentence, so
  where no label line starts it, a channel label (two CJK characters and a
  capitalised Latin word, line breaks and spaces inside it allowed) followed by
  a bullet, inside a line, starts a sidebar too when another bullet follows
  within `_MAX_ITEM` characters; it ends one item after its last bullet (at a
  line break there, or at the end of the text when that is near), never
  taking the text after it, and a label block that it starts in or right
  after (a sidebar re-wrapped by a PDF's page width, whose wrapped lines end
  the block early; labels stacked above it) is taken into it.
* The patterns of rare cases (mojibake runs, channel labels, inline sidebars)
  are compiled on first use: their big classes cost milliseconds at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Literal

from corpus.charsets import ODD_BREAKS, ODD_SPACES, REMOVED, ZERO_WIDTH, chars
from corpus.offsets import splice
from corpus.steps import StepOutput, unchanged

__all__ = ["NAV_LABELS", "remove_boilerplate", "remove_invisible", "remove_junk", "remove_ranges"]

# --- invisible characters -------------------------------------------------

_INVISIBLE = re.compile(f"(?P<drop>[{REMOVED}]+)|(?P<space>[{ODD_SPACES}]+)|(?P<brk>[{ODD_BREAKS}]+)")
_INVISIBLE_CHAR = re.compile(f"[{REMOVED}{ODD_SPACES}{ODD_BREAKS}]")
"""Where a match of `_INVISIBLE` can start: ``re`` looks for one class ten times faster than for the
alternation, which is then matched only there."""


def remove_invisible(text: str) -> StepOutput:
    """Delete invisible characters; odd spaces become " ", odd line breaks "\\n"."""
    replacements: list[tuple[int, int, str]] = []
    pos = 0
    while (hit := _INVISIBLE_CHAR.search(text, pos)) and (m := _INVISIBLE.match(text, hit.start())):
        start, pos = m.span()
        if m.lastgroup == "space":
            replacements.append((start, pos, " " * (pos - start)))
        elif m.lastgroup == "brk":
            replacements.append((start, pos, "\n" * (pos - start)))
        else:
            replacements.append((start, pos, ""))
    out, offset_map = splice(text, replacements)
    return StepOutput(out, offset_map)


# --- mojibake junk --------------------------------------------------------

_CJK = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u9fff"
    "\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003ffff"
    "\u2010-\u2027\u2030-\u205e"
)
"""Characters that end a mojibake run: CJK scripts and punctuation, typographic punctuation."""
_RUN_GAP = "[ \\t]*(?:\\r?\\n)?[ \\t]*"  # a hard wrap or a stray space does not end a run


@cache
def _run_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A run character, the rest of a run, a run's end before a position: compiled on the first text
    that holds U+FFFD (their classes take 17 ms to compile, and most texts hold none)."""
    return (
        re.compile(f"[^\\s{_CJK}]"),
        re.compile(f"(?:[^\\s{_CJK}]|{_RUN_GAP}(?=[^\\s{_CJK}]))*"),
        re.compile(f"[^\\s{_CJK}]{_RUN_GAP}\\Z"),
    )


_EDGE_PUNCTUATION = frozenset(",.;:!?()[]{}<>\"'")
_REPLACEMENT = "\ufffd"


def remove_junk(text: str) -> StepOutput:
    """Remove runs of non-CJK characters that hold U+FFFD; each is a hole."""
    if _REPLACEMENT not in text:
        return unchanged(text)
    run_char, run_end, run_back = _run_patterns()
    runs: list[tuple[int, int]] = []
    pos = text.find(_REPLACEMENT)
    while pos >= 0:
        start = pos
        floor = runs[-1][1] if runs else 0
        while start > floor:
            if run_char.match(text, start - 1):
                start -= 1
                continue
            back = run_back.search(text, max(floor, start - 8), start)
            if back is None:
                break
            start = back.start()
        end = run_end.match(text, pos).end()  # type: ignore[union-attr]
        while text[start] in _EDGE_PUNCTUATION:
            start += 1
        while text[end - 1] in _EDGE_PUNCTUATION:
            end -= 1
        runs.append((start, end))
        pos = text.find(_REPLACEMENT, end)
    return _delete(text, runs)


def _delete(text: str, holes: list[tuple[int, int]]) -> StepOutput:
    """``text`` without the sorted, disjoint ranges ``holes``, which become the step's holes."""
    out, offset_map = splice(text, [(start, end, "") for start, end in holes])
    return StepOutput(out, offset_map, tuple(holes))


def remove_ranges(text: str, ranges: tuple[tuple[int, int], ...]) -> StepOutput:
    """``text`` without the sorted, disjoint ``ranges`` (page furniture a reader found); each is a hole."""
    return _delete(text, list(ranges)) if ranges else unchanged(text)


# --- web boilerplate ------------------------------------------------------

NAV_LABELS = (
    "相关新闻", "相关阅读", "相关文章", "相关链接", "相关推荐", "相关报道", "推荐阅读", "延伸阅读",
    "热点推荐", "热门推荐", "热点新闻", "热门新闻", "热门文章", "热门排行", "精彩推荐", "猜你喜欢",
    "今日推荐", "最新新闻", "最新文章", "责任编辑", "分享到", "上一篇", "下一篇", "返回顶部",
    "打印本页", "关闭窗口",
)  # fmt: skip
"""Labels of navigation and "more news" boxes (a line that is one of these, maybe with a short tail)."""

_BLANK = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000" + chars(ZERO_WIDTH + "\u200e\u200f")
)
"""Whitespace (every ``str.isspace`` character) and the zero-width characters that may sit
around a line: this step runs before `remove_invisible`."""
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""Where ``str.splitlines`` ends a line (each one is in `_BLANK`)."""
_CAPITAL_AT_LINE_END = re.compile(
    "[A-Z][" + re.escape("".join(ch for ch in _BLANK if ch not in _LINE_BREAKS)) + "]*(?:["
    + re.escape(_LINE_BREAKS) + "]|\\Z)"
)  # fmt: skip
_ANY_NAV_LABEL = re.compile("|".join(NAV_LABELS))
_NAV_LABEL = re.compile("[【\\[]?(?:" + "|".join(NAV_LABELS) + ")[】\\]]?(?:[:：].{0,80}|[ \u3000].{0,80})?")
_LABEL_STARTS = tuple(f"{open_}{label}" for label in NAV_LABELS for open_ in ("", "【", "["))
_MAX_LABEL_LINE = 100
_BULLET = re.compile(r"[•●▪◆■◇□▶►·\-*] ")
_BULLET_INSIDE = re.compile(r"[•●▪◆■◇□▶►]\s")
_MAX_ITEM = 300
"""Characters at most between two bullets of one inline sidebar (a headline and its summary)."""


@cache
def _channel_label() -> re.Pattern[str]:
    """A channel label line, compiled when a text has a line that may be a label."""
    return re.compile(r"[\u4e00-\u9fff]{1,6} ?[A-Z]{2,12}")


@cache
def _inline_sidebar_start() -> re.Pattern[str]:
    """A channel label and a bullet inside a line, compiled when a text has a bullet."""
    return re.compile(r"[\u4e00-\u9fff]\s*[\u4e00-\u9fff]\s*[A-Z](?:\s*[A-Z]){1,11}\s*[•●▪◆■◇□▶►]\s")


_Kind = Literal["blank", "bullet", "channel", "nav", "text"]


@dataclass(frozen=True)
class _Line:
    """One line of the text, without its line break."""

    start: int
    """Offset of its first character."""
    end: int
    """Offset after its last character (before the line break)."""
    indent: int
    """Number of leading whitespace (and invisible) characters."""
    kind: _Kind
    """``blank``, ``bullet``, ``channel`` or ``nav`` (labels), or ``text``."""


_ROUNDS = 3
"""Passes of boilerplate removal at most: a removal can expose a sidebar the pass before could not see."""


def remove_boilerplate(text: str) -> StepOutput:
    """Remove sidebars of headlines and navigation labels; each removed block is a hole.

    Removing a navigation label can join a channel label to the bullets below
    it, which is a sidebar too: passes repeat (up to `_ROUNDS`) until one
    removes nothing, so that the step is idempotent; the holes of later passes
    are mapped back to ``text`` and merged with the first's.
    """
    out = _boilerplate_once(text)
    for _ in range(_ROUNDS - 1):
        again = _boilerplate_once(out.text) if out.holes else None
        if again is None or not again.holes:
            break
        mapped = [out.map.span_to_source(lo, hi) for lo, hi in again.holes]
        out = _delete(text, _merged([*out.holes, *mapped]))
    return out


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping or touching ones joined."""
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _boilerplate_once(text: str) -> StepOutput:
    """One pass of `remove_boilerplate`."""
    raws = text.splitlines(keepends=True) if _may_hold_label(text) else []
    inline = _inline_sidebar(text)
    if not any(_may_be_label(raw) for raw in raws):
        return _delete(text, [inline]) if inline else unchanged(text)
    lines = _lines(raws)
    holes: list[tuple[int, int]] = []
    blocks: list[tuple[int, int]] = []  # every label's block, removed or not
    i = 0
    while i < len(lines):
        if lines[i].kind not in ("channel", "nav"):
            i += 1
            continue
        last, has_bullet, to_end = _block(lines, i)
        blocks.append((lines[i].start, lines[last].end))
        if has_bullet or to_end:
            holes.append((lines[i].start, lines[last].end))
        else:
            # A later label inside this block would end at the same line, also without a
            # bullet: only the navigation labels among them go, each on its own.
            holes.extend((line.start, line.end) for line in lines[i : last + 1] if line.kind == "nav")
        i = last + 1
    if inline:
        # The inline sidebar runs to the end: it takes over any label block it starts inside or
        # right after (a re-wrapped sidebar whose block ended early at a wrapped line, or labels
        # stacked above it), so that a second pass finds nothing left to remove.
        start = min([inline[0]] + [lo for lo, hi in blocks if lo <= inline[0] <= hi + 1])
        holes = [h for h in holes if h[1] <= start] + [(start, inline[1])] + [h for h in holes if h[0] >= inline[1]]
    if not holes:
        return unchanged(text)
    return _delete(text, holes)


def _inline_sidebar(text: str) -> tuple[int, int] | None:
    """The first sidebar glued inside a line (a page copied as one line, or re-wrapped), as a hole, if any.

    It starts at a channel label followed by a bullet and takes the bullets that
    follow at most `_MAX_ITEM` characters apart; it ends at the first line break
    after its last bullet if one comes within two items (an item: the longest gap
    between its bullets), else one item after it, or at the end of the text if
    that is nearer:
    a sidebar in the middle of a text (pages joined into one file) never takes
    the text after it.
    """
    if not _BULLET_INSIDE.search(text):
        return None
    body = text.rstrip(_BLANK + "\r\n")
    for m in _inline_sidebar_start().finditer(body):
        bullets = [m.end() - 2]
        for b in _BULLET_INSIDE.finditer(body, m.end()):
            if b.start() - bullets[-1] > _MAX_ITEM:
                break
            bullets.append(b.start())
        if len(bullets) < 2:  # the label's own bullet and at least one more
            continue
        item = max(b - a for a, b in pairwise(bullets))
        end = bullets[-1] + item
        if end >= len(body) - item:
            return m.start(), len(body)
        line_end = body.find("\n", bullets[-1])
        return m.start(), (line_end if -1 < line_end < end + item else end)
    return None


def _may_hold_label(text: str) -> bool:
    """False when no line of ``text`` can pass `_may_be_label` (one ends with a capital letter, or
    a navigation label stands somewhere): two searches of the whole text instead of a test per line."""
    return _CAPITAL_AT_LINE_END.search(text) is not None or _ANY_NAV_LABEL.search(text) is not None


def _may_be_label(raw: str) -> bool:
    """Cheap test that rules out nearly every line of a text without boilerplate."""
    content = raw.strip(_BLANK)
    return 0 < len(content) <= _MAX_LABEL_LINE and (
        "A" <= content[-1] <= "Z" or content.startswith(_LABEL_STARTS)
    )


def _lines(raws: list[str]) -> list[_Line]:
    lines: list[_Line] = []
    start = 0
    for raw in raws:
        body = raw.rstrip("\r\n")
        lines.append(_classify(start, body))
        start += len(raw)
    return lines


def _classify(start: int, body: str) -> _Line:
    content = body.lstrip(_BLANK)
    indent = len(body) - len(content)
    content = content.rstrip(_BLANK)
    end = start + indent + len(content)
    kind: _Kind
    if not content:
        kind = "blank"
    elif _BULLET.match(content):
        kind = "bullet"
    elif _channel_label().fullmatch(content):
        kind = "channel"
    elif _NAV_LABEL.fullmatch(content):
        kind = "nav"
    else:
        kind = "text"
    return _Line(start, end, indent, kind)


def _block(lines: list[_Line], first: int) -> tuple[int, bool, bool]:
    """The sidebar that starts at label ``first``: its last non-blank line, whether it
    holds a bullet, and whether only blank lines follow it.

    A teaser line must sit deeper than the bullet above it; right after a label
    (before any bullet) only blank lines, bullets and labels go on.
    """
    last = first
    has_bullet = False
    bullet_indent: int | None = None
    for k in range(first + 1, len(lines)):
        line = lines[k]
        if line.kind == "blank":
            continue
        if line.kind == "bullet":
            has_bullet = True
            bullet_indent = line.indent
        elif line.kind in ("channel", "nav"):
            bullet_indent = None
        elif bullet_indent is None or line.indent <= bullet_indent:
            return last, has_bullet, False
        last = k
    return last, has_bullet, True
