"""What a report says about each document beyond its file: its title and date, read from its own text.

Rules: a title is the document's first heading — its first non-empty line when
that line is a Markdown heading (``# 标题``, the marks dropped) or reads like a
title (short, not a sentence) — else its file name. A date is the last line
dated ``YYYY年M月D日`` among the lines before the body (before the first
第X章/编/节/条, 一、 or ``<!-- … -->`` line, within the first lines); laws list
their adoption and each amendment there, so the last is this version's. No
date is made up: a document without such a line has none.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from corpus.document import Document

__all__ = ["document_date", "document_title"]

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_BODY_START = re.compile(r"^\s*(第[一二三四五六七八九十百千零〇两\d]+[编章节条]|[一二三四五六七八九十]+、|<!--)")
_HEAD_LINES = 20
"""Lines read for a date."""
_TITLE_MAX = 60
"""Longest first line taken as a title when it is not a Markdown heading."""


def _lines(doc: Document, limit: int) -> list[str]:
    out: list[str] = []
    for line in doc.original.splitlines():
        text = line.strip()
        if text:
            out.append(text)
            if len(out) >= limit:
                break
    return out


def document_title(doc: Document) -> str:
    """The document's first heading, else its file name."""
    lines = _lines(doc, 1)
    if lines:
        m = _MD_HEADING.match(lines[0])
        if m and m.group(1):
            return m.group(1)
        first = lines[0]
        if len(first) <= _TITLE_MAX and not first.endswith(("。", "；", "，", ".", ";")) and not _DATE.search(first):
            return first
    return PurePath(doc.name).name or doc.name


def document_date(doc: Document) -> str | None:
    """The last dated line before the body (``2023年12月29日 第十四届全国人大常委会第七次会议修订``), or None."""
    found: str | None = None
    for line in _lines(doc, _HEAD_LINES)[1:]:
        if _BODY_START.match(line):
            break
        if _DATE.search(line):
            found = " ".join(line.split())
    return found
