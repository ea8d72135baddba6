"""Normalization steps: script, width, whitespace. Each is ``str -> StepOutput``.

Rules:

* Normalization only decides what counts as *the same*; it never changes what
  the user sees (that is the original text, reached through the offset maps).
* ``to_simplified``: OpenCC t2s (``corpus.t2s``: opencc-python-reimplemented's
  output from its own dictionaries, about twenty times faster), run only on
  lines that hold a Traditional character (most texts hold none and cost
  nothing), then the Taiwan/HK variants t2s leaves standing (著 for 着 outside
  the mainland words 著名, 显著 …, 衞, 敍, 擡 …). Conversion keeps the length of every line; a line whose length
  would change is converted character by character, so offsets stay exact.
* ``fold_width``: full-width ASCII forms to ASCII, CJK corner quotes to curly
  quotes, 〔〕【】 to [], the half-width CJK punctuation ｡｢｣､ (U+FF61–FF64) to
  。“”、 and the small forms (U+FE50–FE6B: ﹐﹑﹒﹔﹕﹖﹗﹘﹙﹚﹛﹜﹝﹞﹟﹠﹡﹢﹣﹤﹥﹦﹨﹩﹪﹫) to
  what their full-width forms fold to — all one character to one character.
* ``fold_whitespace``: a run of spaces between two letters or digits of a
  spaced script (``William Hill``, ``13:57 20``) becomes one space, every other
  run is removed (Chinese needs no spaces: ``辽 宁省``, ``1 |``, ``; 2.``); a hard line-wrap (a long line that stops
  mid-sentence) is joined; every other line break becomes a single ``\\n``
  (a paragraph break), blank lines collapse.
* Nothing costly is compiled at import: `is_cjk` looks a code point up in
  sorted range bounds, and the patterns that only a hard-wrapped text needs
  compile on the first one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import cache

from corpus import t2s
from corpus.markers import LINE_MARKER
from corpus.offsets import OffsetMap, splice
from corpus.steps import StepOutput, unchanged

__all__ = ["fold_whitespace", "fold_width", "is_cjk", "to_simplified"]

# Variants OpenCC t2s leaves standing (measured on seed 002 and a list of Taiwan/HK forms).
_VARIANTS = {
    "衞": "卫", "敍": "叙", "擡": "抬", "倣": "仿", "汚": "污", "衹": "只", "幷": "并",
    "暱": "昵", "粧": "妆", "碁": "棋", "凃": "涂", "鬪": "斗", "枱": "台",
}  # fmt: skip
# 著 stays 著 in these mainland words; everywhere else (蕴含著, 著力, 随著 …) it is 着.
# A hard wrap or a stray space may stand between 著 and its neighbour: normalization comes before
# whitespace folding, so the neighbours are looked up across whitespace.
_ZHU_AFTER = re.compile(r"著\s{0,3}[名作称述录书者]")
_ZHU_BEFORE = re.compile(r"[显卓昭土编专原名论遗巨撰合译拙新大]\s{0,3}\Z")
_VARIANT_RE = re.compile("[" + "".join(_VARIANTS) + "著]")


def _fix_variant(m: re.Match[str]) -> str:
    ch = m.group()
    if ch == "著":
        text, at = m.string, m.start()
        keep = _ZHU_AFTER.match(text, at) or _ZHU_BEFORE.search(text, max(0, at - 4), at)
        return "著" if keep else "着"
    return _VARIANTS[ch]


def to_simplified(text: str) -> StepOutput:
    """Traditional to Simplified, one character for one character."""
    text = t2s.convert(text)
    if _VARIANT_RE.search(text):
        text = _VARIANT_RE.sub(_fix_variant, text)
    return StepOutput(text, OffsetMap.identity(len(text)))


_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update(
    {
        0x3000: 0x20,  # ideographic space
        0xFF61: ord("。"),  # halfwidth ideographic full stop
        0x300C: ord("“"), 0x300D: ord("”"), 0x300E: ord("‘"), 0x300F: ord("’"),
        0x3014: ord("["), 0x3015: ord("]"), 0x3010: ord("["), 0x3011: ord("]"),
        0xFF62: ord("“"), 0xFF63: ord("”"), 0xFF64: ord("、"),  # halfwidth corner brackets, comma
    }
)  # fmt: skip
# Small form variants (U+FE50–FE6B; FE53 and FE67 are unassigned): as their full-width forms fold.
_SMALL_FORMS = ",、.?;:?!—(){}[]#&*+-<>=?\\$%@"
_WIDTH_TABLE.update({0xFE50 + k: ord(ch) for k, ch in enumerate(_SMALL_FORMS) if k not in (3, 23)})


_WIDTH_PAIRS = {chr(cp): chr(to) for cp, to in _WIDTH_TABLE.items()}
_WIDTH_CHAR = re.compile("[" + "".join(sorted(_WIDTH_PAIRS)) + "]")


def fold_width(text: str) -> StepOutput:
    """Full-width forms to half width (same length, so the map is the identity).

    Each character of the table that the text holds is replaced throughout with
    ``str.replace`` (no folded character is folded again: the table's values are
    none of its keys), several times faster than ``str.translate`` over the
    whole text.
    """
    for ch in set(_WIDTH_CHAR.findall(text)):
        text = text.replace(ch, _WIDTH_PAIRS[ch])
    return StepOutput(text, OffsetMap.identity(len(text)))


_CJK_RANGES = (
    ("\u3000", "\u303f"),  # CJK punctuation
    ("\u3400", "\u4dbf"),
    ("\u4e00", "\u9fff"),
    ("\uf900", "\ufaff"),
    ("\uff00", "\uffef"),  # full-width forms
    ("\u2018", "\u201d"),  # curly quotes, used as Chinese quotes
    ("\u2014", "\u2026"),  # dashes, ellipsis
)


def _bounds(ranges: tuple[tuple[str, str], ...]) -> tuple[int, ...]:
    """The starts and ends (exclusive) of ``ranges`` merged where they overlap or touch, in order."""
    out: list[int] = []
    for lo, hi in sorted((ord(lo), ord(hi) + 1) for lo, hi in ranges):
        if out and lo <= out[-1]:
            out[-1] = max(out[-1], hi)
        else:
            out += (lo, hi)
    return tuple(out)


_CJK_BOUNDS = _bounds(_CJK_RANGES)
"""Starts and ends of `_CJK_RANGES`, merged: a code point is CJK when an odd number of them are at most it
(a lookup, not a class that takes 4 ms to compile)."""


def is_cjk(ch: str) -> bool:
    """True for a Chinese character or Chinese punctuation (the first character of ``ch``; ``""`` is not)."""
    return bool(ch) and bisect_right(_CJK_BOUNDS, ord(ch[0])) % 2 == 1


_SPACES = " \t\f\v\u00a0\u3000"
"""The spaces folded inside a line (`_SPACE_RUN`) and stripped from its ends."""
_SPACE_RUN = re.compile(f"[{_SPACES}]+")


@cache
def _wrap_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A line that ends a sentence, a line that starts a list item: compiled on the first wrapped text."""
    return (
        re.compile(r"[。；;！!？?：:|][」』”\"）)】\]]*\s*$"),
        re.compile(rf"\s*(?:[#>*•·\-|]|<!--|{LINE_MARKER.pattern})"),
    )


def _wrap_width(lengths: list[int]) -> int | None:
    """The width a text was hard-wrapped at, or None when it was not.

    A wrapped text has many lines of (nearly) one length: the most common
    length, which at least a fifth of the long lines have, give or take three.
    """
    long = Counter(n for n in lengths if n >= 20)
    total = sum(long.values())
    if total < 3:
        return None
    width = max(long, key=lambda n: (long[n], n))
    near = sum(long[k] for k in range(width - 3, width + 4))
    return width if near >= max(3, total // 5) else None


def fold_whitespace(text: str) -> StepOutput:
    """Remove wraps and stray spaces; keep paragraph breaks as single newlines.

    Each change is a range of the text and its replacement, spliced in one
    pass at the end (`corpus.offsets.splice`). A hard-wrapped text, or one with
    line breaks other than CR and LF, is read line by line (``str.splitlines``):
    the break before a line with its leading spaces (and the blank lines
    between) becomes ``""`` (a wrap) or ``"\\n"``; each space run inside it is
    folded (`_fold_run`); its trailing spaces go; blank lines before the first
    line go. Any other text gives the same changes run by run
    (`_unwrapped_changes`), with no step per line.
    """
    if not text:
        return unchanged(text)
    width = _wrap_width(list(map(len, map(str.strip, text.splitlines()))))
    if width is None and not _ODD_BREAK.search(text):
        out, omap = splice(text, _unwrapped_changes(text))
        return StepOutput(out, omap)
    lines = text.splitlines(keepends=True)
    bodies = [line.rstrip("\r\n") for line in lines]
    reps: list[tuple[int, int, str]] = []  # (start, end, replacement), in order
    pending = -1  # where the line break waiting to be decided starts, or -1 before the first line
    prev = ""  # the previous non-blank line, stripped
    pos = 0  # where the line starts
    runs = _SPACE_RUN.finditer(text)
    run = next(runs, None)
    run_start = run.start() if run is not None else len(text)
    for line, body in zip(lines, bodies, strict=True):
        nxt = pos + len(line)
        if body and body[0] not in _SPACES and body[-1] not in _SPACES:
            stripped, lead, trail = body, 0, 0
        else:
            stripped = body.strip(_SPACES)
            if not stripped:
                # Blank line: swallowed into the pending break (a paragraph break).
                if pending < 0:
                    reps.append((pos, nxt, ""))
                pos = nxt
                continue
            lead = len(body) - len(body.lstrip(_SPACES))
            trail = len(body) - lead - len(stripped)
        start = pos + lead
        if pending >= 0:
            joined = width is not None and _is_wrap(text[pending:pos], prev, stripped, width)
            sep = "" if joined else "\n"
            if start - pending != len(sep) or text[pending:start] != sep:
                reps.append((pending, start, sep))
        elif lead:
            reps.append((pos, start, ""))
        end = start + len(stripped)
        while run_start < end:  # the space runs of the text, those inside this line folded
            if run_start > start and run is not None:
                _fold_run(reps, text, *run.span())
            run = next(runs, None)
            run_start = run.start() if run is not None else len(text)
        if trail:
            reps.append((end, end + trail, ""))
        prev = stripped
        pending = pos + len(body)
        pos = nxt
    if 0 <= pending < len(text):
        reps.append((pending, len(text), ""))
    out, omap = splice(text, reps)
    return StepOutput(out, omap)


_ODD_BREAK = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
"""Line breaks of ``str.splitlines`` other than CR and LF (the first two are spaces too)."""
_GAP_CHARS = " \t\u00a0\u3000\r\n"
_GAP = re.compile(f"[{_GAP_CHARS}](?:(?<=\\n)(?=[{_GAP_CHARS}])|(?<!\\n))[{_GAP_CHARS}]*")
"""A run of spaces and line breaks, but a lone LF (the most common, which changes nothing)."""


def _unwrapped_changes(text: str) -> list[tuple[int, int, str]]:
    """The changes of `fold_whitespace` to a text not hard-wrapped whose only line breaks are CR and LF,
    found run by run instead of line by line (the same changes).

    Spaces and breaks before the first line and after the last go; a run inside a
    line is folded; a run holding a break is the line's trailing spaces (they go)
    and, from its first break, a paragraph break (``"\\n"``).
    """
    head = len(text) - len(text.lstrip(_GAP_CHARS))
    if head == len(text):
        return [(0, head, "")]
    tail = len(text.rstrip(_GAP_CHARS))
    reps = [(0, head, "")] if head else []
    for m in _GAP.finditer(text, head, tail):
        lo, hi = m.span()
        run = m.group()
        if "\n" not in run and "\r" not in run:
            _fold_run(reps, text, lo, hi)
            continue
        lf, cr = run.find("\n"), run.find("\r")
        brk = lf if cr < 0 or 0 <= lf < cr else cr
        if brk:
            reps.append((lo, lo + brk, ""))
        if run[brk:] != "\n":
            reps.append((lo + brk, hi, "\n"))
    if tail < len(text):
        reps.append((tail, len(text), ""))
    return reps


def _is_wrap(brk: str, prev: str, nxt: str, width: int) -> bool:
    """Is the break between ``prev`` and ``nxt`` a hard wrap inside a paragraph?"""
    if brk.count("\n") + brk.count("\r") - brk.count("\r\n") > 1:
        return False  # a blank line between them
    if len(prev) < width - 3:
        return False
    line_end_terminal, list_start = _wrap_patterns()
    return not (line_end_terminal.search(prev) or list_start.match(nxt))


def _is_word(ch: str) -> bool:
    """A letter or digit of a spaced script (Latin …): the only place a space means something."""
    return ch.isalnum() and not is_cjk(ch)


def _fold_run(reps: list[tuple[int, int, str]], text: str, lo: int, hi: int) -> None:
    """Add to ``reps`` the folding of ``text[lo:hi]``, a space run inside a line: one space between two words
    of a spaced script, else none."""
    new = " " if _is_word(text[lo - 1]) and _is_word(text[hi]) else ""
    if new != text[lo:hi]:
        reps.append((lo, hi, new))
