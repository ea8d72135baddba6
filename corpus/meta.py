"""A document's metadata, read once from its own text: title, dates, document number, issuer.

Every report (HTML, Markdown, Word, text, 对照表, 修改决定) and the store's
derived title take these from `document_meta` / `text_meta`, so all say the
same. Nothing is made up: what a text does not hold is empty. Rules:

* The **head** is the text's first non-empty lines (at most `HEAD_LINES`) up
  to the body: a line that opens with a structural marker (第X编…条, 一、,
  （一）, 1.), a ``<!--`` line, an addressee line (ending in ：), or a sentence
  (a line ending in 。；，, or longer than `TITLE_MAX`).
* The **title** is the head's first line that reads as a heading: a Markdown
  heading (``# 标题``, the marks dropped), or a line of at most `TITLE_MAX`
  characters holding Chinese that is no document number and no date line,
  cut before a date it holds (a 题注 glued to the title in a text laid out
  without line breaks). A
  notice's document number and addressee are never its title: a notice with
  no heading line (seed 000: 文号, addressee, body) has none.
* The **dates** are the head's date lines (``2023年12月29日 …修订``) cut into
  one event per date (a line may list two), spaces collapsed and an unmatched
  bracket at either end dropped; ``date`` is the last one — this version's.
  A text whose head has none takes the date of its **signature**: a last line
  that is a date, or an issuer and a date (``自然资源部 … 2024年8月8日``); the
  issuer is the text before that date on its line, or the short line above it.
* The **number** (文号) is the canonical form of the first document number in
  the first `NUMBER_LINES` lines, one that is a whole line winning over one
  inside a line (further down, a 文号 is a citation): brackets 〔〕, ASCII
  digits, no spaces.
* A web page's **metadata table** (``Source.page_meta``, `corpus.web_page`)
  comes first: 标题 is the title, 发文字号 (文号) the number, 发文机关 the
  issuer, and its dates (成文日期, 发布日期, 生效日期…) the dates, each written
  ``2019年01月22日 成文``, the first of them the date; a field the table does
  not fill is read from the text as above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.document import Document
from corpus.markers import CONTENTS, DATE, DOC_NUMBER, LINE_MARKER, is_date_line

__all__ = [
    "HEAD_LINES",
    "NUMBER_LINES",
    "TITLE_MAX",
    "Meta",
    "canonical_doc_number",
    "document_meta",
    "find_doc_number",
    "page_meta",
    "text_meta",
]

HEAD_LINES = 20
"""Lines read for a title and the dates."""
NUMBER_LINES = 12
"""Lines read for a document number."""
TITLE_MAX = 80
"""Longest line taken as a title (a longer one is text)."""
_SIGNATURE_MAX = 60
"""Longest issuer line of a signature."""
_READ = 20_000
"""Characters read at each end of the text (the head and the signature are near the ends)."""
_MD_HEADING = re.compile(r"\s{0,3}#{1,6}\s+(.*?)\s*#*\s*")
_SENTENCE_END = ("。", "；", "，", ";", ",")
_ADDRESSEE_END = ("：", ":")
_OPEN, _CLOSE = "（(〔[【", "）)〕]】"
_CANON = str.maketrans({"[": "〔", "［": "〔", "【": "〔", "(": "〔", "（": "〔",
                        "]": "〕", "］": "〕", "】": "〕", ")": "〕", "）": "〕"}
                       | {chr(0xFF10 + i): str(i) for i in range(10)})  # fmt: skip


@dataclass(frozen=True)
class Meta:
    """What a document says about itself (each field empty when it does not say)."""

    title: str = ""
    date: str = ""
    """This version's date line: the last dated event of the head, else the signature's date."""
    dates: tuple[str, ...] = ()
    """Every dated event of the head (adoption, each amendment, commencement), in order."""
    number: str = ""
    """The document number (文号), canonical."""
    issuer: str = ""
    """Who signed (a notice's signature), or empty."""


_NOTHING = Meta()
_TITLE_LABELS = ("标题", "文件名称", "名称")
_NUMBER_LABELS = ("发文字号", "文号")
_ISSUER_LABELS = ("发文机关", "发布机构", "发布机关")
_DATE_LABELS = ("成文日期", "发布日期", "生效日期", "施行日期", "实施日期")
"""In this order: the first present is ``date`` (a notice's own date is the day it was signed, 成文)."""


def document_meta(document: Document) -> Meta:
    """The metadata of ``document``: a web page's metadata table first, then its original text."""
    found = text_meta(document.original)
    pairs = document.source.page_meta
    return page_meta(pairs, found) if pairs else found


def page_meta(pairs: tuple[tuple[str, str], ...], found: Meta = _NOTHING) -> Meta:
    """``found`` with each field the metadata table ``pairs`` fill in its place (see the module's rules)."""
    table = dict(pairs)

    def first(labels: tuple[str, ...]) -> str:
        return next((table[label] for label in labels if table.get(label)), "")

    number = first(_NUMBER_LABELS)
    dates = tuple(f"{table[label]} {label.removesuffix('日期')}" for label in _DATE_LABELS if table.get(label))
    return Meta(
        title=first(_TITLE_LABELS) or found.title,
        date=dates[0] if dates else found.date,
        dates=dates or found.dates,
        number=canonical_doc_number(number) if number else found.number,
        issuer=first(_ISSUER_LABELS) or found.issuer,
    )


def text_meta(text: str) -> Meta:
    """The metadata of a text (see the module's rules)."""
    head = _head(text)
    title = next((t for t in map(_title_of, head) if t), "")
    dates = tuple(event for line in head if is_date_line(line) for event in _events(line))
    issuer = ""
    date = dates[-1] if dates else ""
    if not dates:
        issuer, date = _signature(text)
    return Meta(title, date, dates, find_doc_number(text) or "", issuer)


def canonical_doc_number(number: str) -> str:
    """``number`` with 〔〕 brackets, ASCII digits and no spaces."""
    return re.sub(r"\s+", "", number.translate(_CANON))


def find_doc_number(text: str) -> str | None:
    """The canonical 文号 at the head of ``text``, or None."""
    head = _lines(text[:_READ])[:NUMBER_LINES]
    for line in head:
        if DOC_NUMBER.fullmatch(line.lstrip("#").strip()):
            return canonical_doc_number(line.lstrip("#").strip())
    for line in head:
        match = DOC_NUMBER.search(line)
        if match:
            return canonical_doc_number(match.group())
    return None


def _lines(text: str) -> list[str]:
    return [s for line in text.splitlines() if (s := line.strip())]


def _head(text: str) -> list[str]:
    out: list[str] = []
    for line in _lines(text[:_READ])[:HEAD_LINES]:
        bare = line.lstrip("#").strip()
        if line.startswith("<!--") or LINE_MARKER.match(bare) or CONTENTS.fullmatch(bare):
            break
        if _MD_HEADING.fullmatch(line):
            out.append(line)
            continue
        if line.endswith(_ADDRESSEE_END) or line.endswith(_SENTENCE_END) or len(line) > TITLE_MAX:
            if is_date_line(line):  # a 题注 line may end as it likes
                out.append(line)
                continue
            break
        out.append(line)
    return out


def _title_of(line: str) -> str:
    m = _MD_HEADING.fullmatch(line)
    if m:
        line = m.group(1)
    elif is_date_line(line) or DOC_NUMBER.fullmatch(line) or not _has_ideograph(line):
        return ""
    date = DATE.search(line)
    return line[: date.start()].strip() if date else line  # a 题注 glued to its title is no part of it


def _has_ideograph(line: str) -> bool:
    """Does ``line`` hold a CJK unified ideograph (U+4E00–U+9FFF)? (A class of that range takes 3 ms to compile.)"""
    return any("\u4e00" <= ch <= "\u9fff" for ch in line)


def _events(line: str) -> list[str]:
    """The dated events of a 题注 line: one per date, each from its date to the next."""
    starts = [m.start() for m in DATE.finditer(line)]
    return [_tidy(line[a:b]) for a, b in zip(starts, [*starts[1:], len(line)], strict=True)]


def _tidy(text: str) -> str:
    """Spaces collapsed, an unmatched bracket at either end dropped."""
    text = " ".join(text.split())
    while text and text[-1] in _CLOSE and text.count(text[-1]) > text.count(_OPEN[_CLOSE.index(text[-1])]):
        text = text[:-1].rstrip()
    while text and text[0] in _OPEN and text.count(text[0]) > text.count(_CLOSE[_OPEN.index(text[0])]):
        text = text[1:].lstrip()
    return text


def _signature(text: str) -> tuple[str, str]:
    """(issuer, date) of a signature closing the text, or empty strings."""
    tail = _lines(text[-_READ:])[-2:]
    if not tail:
        return "", ""
    last = tail[-1].strip(" |")
    dates = list(DATE.finditer(last))
    if not dates or dates[-1].end() != len(last):
        return "", ""
    date = dates[-1]
    before = last[: date.start()].strip()
    if before:
        short = len(before) <= _SIGNATURE_MAX and not before.endswith(_SENTENCE_END)
        return (" ".join(before.split()), _tidy(date.group())) if short else ("", "")
    above = tail[0] if len(tail) == 2 else ""
    signed = above and len(above) <= _SIGNATURE_MAX and not above.endswith(_SENTENCE_END)
    signed = signed and not LINE_MARKER.match(above) and not DATE.search(above)
    return (" ".join(above.split()) if signed else ""), _tidy(date.group())
