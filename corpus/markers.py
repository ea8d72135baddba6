"""The law's markers, spelled once: numerals, structural labels, date lines, document numbers.

Every module that reads a marker (segmentation, alignment, articles, the
reports, normalization, the store, the app's go-to) takes it from here and
has no pattern of its own. Rules:

* A **numeral** is Chinese — 〇零一二三四五六七八九两, the units 十百千万亿,
  the financial forms 壹贰叁肆伍陆柒捌玖拾佰仟, 廿 (20) and 卅 (30) — or
  Arabic (ASCII or full-width digits). `to_int` reads any of them (一百零五,
  壹佰零伍, 两千, 一万零三, 廿一; digits without units such as 二〇二一 are
  read place by place); `to_chinese` writes a number as a law cites it.
* A **label** opens a clause: 第X编, 第X分编, 第X章, 第X节 (divisions), 第X条
  and 第X条之Y (articles), then the list markers of a notice or an article:
  一、 (heading), （一）/(一) (item, 项), 1. / 1、 (subitem, 目) and (1)
  (sub-subitem). A label may hold stray spaces (``第一百二十四 条``, ``第 七
  章``) and a division may stand after Markdown ``#`` marks. `read_label`
  gives a label's `Level` and number: ``(ARTICLE, (12, 1))`` for 第十二条之一.
* `leading_number` is the span of a clause's leading structural number: what
  differs between two labels that are the same but for their numbering.
* A **date** is ``2021年6月20日`` (also with Chinese numerals: 二〇二一年六月二十日);
  a **date line** opens with one (a law's 题注: ``2023年12月29日 …修订``).
* A **document number** (文号) is ``机关代字〔年份〕序号号`` with any of the
  brackets 〔〕 [] ［］ 【】 () （）, or ``…令第N号``.
* ``目录`` alone on a line (spaces allowed inside) opens a table of contents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

__all__ = [
    "ARTICLE",
    "ARTICLE_LABEL",
    "CONTENTS",
    "DATE",
    "DIVISION",
    "DOC_NUMBER",
    "HANZI_NUMERAL",
    "LINE_MARKER",
    "LIST_MARKERS",
    "MARKER_AHEAD",
    "MARKER_FIRST",
    "NUMBER",
    "NUMERAL_CHARS",
    "Label",
    "Level",
    "compact",
    "is_date_line",
    "leading_number",
    "read_label",
    "to_chinese",
    "to_int",
]

# --- numerals -----------------------------------------------------------------------------------

_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}  # fmt: skip
_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
_TENS = {"廿": 20, "卅": 30}
_BIG = {"万": 10**4, "亿": 10**8}
NUMERAL_CHARS = "".join([*_DIGITS, *_UNITS, *_TENS, *_BIG])
"""Every character of a Chinese numeral."""
HANZI_NUMERAL = f"[{NUMERAL_CHARS}]+"
"""Regex: a Chinese numeral."""
NUMBER = rf"(?:[{NUMERAL_CHARS}]+|[0-9０-９]+)"
"""Regex: a Chinese or Arabic numeral."""
_NAMES = "零一二三四五六七八九"


def to_int(text: str) -> int | None:
    """The value of a Chinese (or Arabic) numeral, None when ``text`` is not one.

    >>> to_int("一百二十四"), to_int("十一"), to_int("一百零五"), to_int("12"), to_int("壹佰贰拾")
    (124, 11, 105, 12, 120)
    >>> to_int("一万零三"), to_int("二〇二一"), to_int("廿一"), to_int("第一")
    (10003, 2021, 21, None)
    """
    if not text:
        return None
    if text.isdecimal():
        try:
            return int(text)
        except ValueError:  # a decimal digit int() does not read
            return None
    if any(ch not in _DIGITS and ch not in _UNITS and ch not in _TENS and ch not in _BIG for ch in text):
        return None
    if all(ch in _DIGITS for ch in text):  # 二〇二一: place by place
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total = section = current = 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            section += (current or 1) * _UNITS[ch]
            current = 0
        elif ch in _TENS:
            section += _TENS[ch]
            current = 0
        elif ch == "万":
            total += (section + current or 1) * _BIG[ch]
            section = current = 0
        else:  # 亿: everything before it is a count of 亿
            total = (total + section + current or 1) * _BIG[ch]
            section = current = 0
    return total + section + current


def _four(n: int) -> str:
    """``n`` (0–9999) with its inner zeros (一千零五), without a leading 零."""
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _NAMES[digit] + unit
    return out


def to_chinese(n: int) -> str:
    """``n`` (1 to 10¹²−1) in Chinese numerals as laws cite it (Arabic digits outside that range).

    >>> to_chinese(11), to_chinese(105), to_chinese(210), to_chinese(1000), to_chinese(100005)
    ('十一', '一百零五', '二百一十', '一千', '十万零五')
    """
    if n <= 0 or n >= 10**12:
        return str(n)
    groups = (n % 10000, n // 10000 % 10000, n // 10**8)
    out = ""
    for k in (2, 1, 0):
        group = groups[k]
        if group == 0:
            continue
        if out and (group < 1000 or groups[k + 1] == 0):
            out += "零"
        out += _four(group) + ("", "万", "亿")[k]
    return out[1:] if out.startswith("一十") else out


# --- labels -------------------------------------------------------------------------------------


class Level(IntEnum):
    """The levels of a law's (or a notice's) structure, outermost first."""

    PART = 0  # 第X编
    SUBPART = 1  # 第X分编
    CHAPTER = 2  # 第X章
    SECTION = 3  # 第X节
    ARTICLE = 4  # 第X条
    HEADING = 5  # 一、
    ITEM = 6  # （一）
    SUBITEM = 7  # 1.
    SUBSUBITEM = 8  # (1)


DIVISION_LEVELS = {"编": Level.PART, "分编": Level.SUBPART, "章": Level.CHAPTER, "节": Level.SECTION}
_GAP = r"[^\S\n]*"
"""Stray spaces a label may hold (never a line break)."""
DIVISION = re.compile(rf"#*{_GAP}(第{_GAP}{NUMBER}{_GAP}(?:分编|编|章|节))")
"""A numbered division heading (第X编/分编/章/节), after Markdown marks; its group is the label."""
ARTICLE_LABEL = re.compile(rf"第{_GAP}(?P<n>{NUMBER}){_GAP}条(?:之(?P<sub>{NUMBER}))?")
"""A 第X条 or 第X条之Y label (to look for anywhere)."""
ARTICLE = re.compile(rf"#*{_GAP}(第{_GAP}{NUMBER}{_GAP}条)(?:之{NUMBER})?")
"""A 第X条 label opening a clause (after Markdown marks): group 1 is 第X条, the whole match the label."""
LIST_MARKERS: tuple[tuple[Level, re.Pattern[str]], ...] = (
    (Level.HEADING, re.compile(rf"({HANZI_NUMERAL})[、.．]")),
    (Level.ITEM, re.compile(rf"[(（]({HANZI_NUMERAL})[)）]")),
    (Level.SUBITEM, re.compile(r"(\d{1,3})[.．、](?!\d)")),
    (Level.SUBSUBITEM, re.compile(r"[(（](\d{1,3})[)）]")),
)
"""The list markers opening a clause, each with the numeral as group 1."""
ITEM = LIST_MARKERS[1][1]
"""An item （一）/(一): a 项 of an article."""
HEADING = LIST_MARKERS[0][1]
"""A heading 一、 of a notice."""
MARKER_AHEAD = (
    rf"{_GAP}(?:#|第{_GAP}{NUMBER}{_GAP}(?:分编|[编章节条])|{HANZI_NUMERAL}[、.．]"
    rf"|[(（](?:{HANZI_NUMERAL}|\d{{1,3}})[)）]|\d{{1,3}}[.．、](?!\d))"
)
"""Regex: a structural marker ahead (for a lookahead: a colon before a marker ends a clause)."""
MARKER_FIRST = frozenset("#第(（0123456789" + NUMERAL_CHARS)
"""Every character a label can start with (a clause starting with none of them has no marker)."""
LINE_MARKER = re.compile(
    rf"{_GAP}(?:第{_GAP}{NUMBER}{_GAP}(?:分编|[编章节条款])|{HANZI_NUMERAL}[、.．]"
    rf"|[(（](?:{HANZI_NUMERAL}|\d{{1,3}})[)）]|\d{{1,3}}[.．、](?!\d))"
)
"""A line that opens with a structural marker (第X编…条/款, 一、, (一), (1), 1.)."""
CONTENTS = re.compile(rf"{_GAP}#*{_GAP}目{_GAP}录{_GAP}")
"""``目录`` (fullmatch a line): a table of contents follows."""


@dataclass(frozen=True)
class Label:
    """A label read at the start of a text."""

    level: Level
    number: tuple[int, ...]
    """(12,) for 第十二条, (12, 1) for 第十二条之一, (3,) for （三）."""
    end: int
    """Where the label ends in the text read."""

    @property
    def dotted(self) -> str:
        """The number as ``12`` or ``12.1``."""
        return ".".join(map(str, self.number))


_LABEL_FIRST = MARKER_FIRST | frozenset("０１２３４５６７８９")


_LABEL_WINDOW = 64
"""Characters at the start of a text that can hold its label (the cache keys on them, never on a
whole paragraph)."""


def read_label(text: str) -> Label | None:
    """The label opening ``text`` (spaces and Markdown marks before it allowed), or None.

    >>> read_label("第十二条之一 本法").number, read_label("第壹条").number, read_label("（三）").level.name
    ((12, 1), (1,), 'ITEM')
    """
    return _read_label(text[:_LABEL_WINDOW])


@lru_cache(maxsize=1 << 16)
def _read_label(text: str) -> Label | None:
    if text.lstrip().lstrip("#").lstrip()[:1] not in _LABEL_FIRST:
        return None  # the quick answer for most clauses: no label can start here
    m = DIVISION.match(text)
    if m:
        label = compact(m.group(1))
        kind = "分编" if label.endswith("分编") else label[-1]
        n = to_int(label[1 : -len(kind)])
        return Label(DIVISION_LEVELS[kind], (n,), m.end()) if n is not None else None
    m = ARTICLE.match(text)
    if m:
        a = ARTICLE_LABEL.match(compact(m.group(0)))
        if a:
            numbers = [to_int(a.group("n"))] + ([to_int(a.group("sub"))] if a.group("sub") else [])
            if all(n is not None for n in numbers):
                return Label(Level.ARTICLE, tuple(n for n in numbers if n is not None), m.end())
        return None
    start = len(text) - len(text.lstrip())
    for level, pattern in LIST_MARKERS:
        m = pattern.match(text, start)
        if m:
            n = to_int(m.group(1))
            return Label(level, (n,), m.end()) if n is not None else None
    return None


_LEADING = (
    re.compile(rf"#*第(?P<n>{NUMBER}){_GAP}(?:分编|[编章节条])"),
    re.compile(rf"[(（](?P<n>{HANZI_NUMERAL}|\d{{1,3}})[)）]"),
    re.compile(rf"(?P<n>{HANZI_NUMERAL}|\d{{1,3}})[、.．](?!\d)"),
)


def leading_number(text: str, divisions: bool = True) -> tuple[int, int] | None:
    """The span of the leading structural number of a clause's text, or None without one.

    The number of 第X编/分编/章/节/条 counts only with ``divisions`` (a label or a heading: in a
    sentence, 第X条 cites another article); that of (X)/（X） and X、/X. always counts. Two clauses
    that read the same once their leading numbers are masked differ only in their numbering.

    >>> leading_number("第七条"), leading_number("（三）可能毁灭证据的；"), leading_number("第七条规定", False)
    ((1, 2), (1, 2), None)
    """
    patterns = _LEADING if divisions else _LEADING[1:]
    for pattern in patterns:
        m = pattern.match(text)
        if m:
            return m.span("n")
    return None


def compact(label: str) -> str:
    """A label without Markdown marks and spaces: ``## 第一百二十四 条`` → ``第一百二十四条``."""
    if label.isalnum():
        return label  # most labels: no mark, no space (and no substitution to run)
    return re.sub(r"\s+", "", label.lstrip("#"))


# --- dates and document numbers -----------------------------------------------------------------

_YEAR = r"(?:[0-9０-９]{4}|[〇零一二三四五六七八九]{4})"
_MONTH_DAY = r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})"
DATE = re.compile(rf"{_YEAR}{_GAP}年{_GAP}{_MONTH_DAY}{_GAP}月{_GAP}{_MONTH_DAY}{_GAP}日")
"""A full date: 2021年6月20日, 二〇二一年六月二十日."""
_DATE_LINE = re.compile(rf"[(（\s]*{DATE.pattern}")


def is_date_line(line: str) -> bool:
    """Whether ``line`` opens with a date (a 题注 line such as ``2023年12月29日 …修订``, or a signature's date)."""
    return _DATE_LINE.match(line) is not None


_AD = "0-9０-９"
DOC_NUMBER = re.compile(
    rf"(?:[\u4e00-\u9fff]{{1,8}}\s*[〔\[［【(（]\s*(?:19|20|１９|２０)[{_AD}]{{2}}\s*[〕\]］】)）]\s*[{_AD}]{{1,6}}\s*号)"
    rf"|(?:[\u4e00-\u9fff]{{1,20}}令\s*第\s*(?:[{_AD}]{{1,6}}|{HANZI_NUMERAL})\s*号)"
)
"""A document number (文号): 渝规资〔2021〕428号, 发改环资[2015]3214号, 国务院令第700号."""
