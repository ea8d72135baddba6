"""文号 detection: the issuing number printed at the head of an official text.

Rules:

* Two shapes are recognized: ``机关代字〔年份〕序号号`` (渝规资〔2021〕428号,
  发改环资[2015]3214号, 国发〔2024〕1号) with any of the brackets 〔〕 [] ［］
  【】 () （）, and ``…令第N号`` (国务院令第700号, 主席令第二十四号).
* Only the first `HEAD_LINES` non-empty lines are searched: further down, a
  文号 is a citation of another document. A line that is a 文号 and nothing
  else wins over a 文号 inside a line; otherwise the first one found wins.
* The number returned is canonical, so that one document written with
  different brackets or digit widths in two versions gets one id: brackets
  become 〔〕 and full-width digits ASCII, spaces are dropped.
"""

from __future__ import annotations

import re

__all__ = ["HEAD_LINES", "canonical_doc_number", "find_doc_number"]

HEAD_LINES = 12

_DIGITS = "0-9０-９"
_BRACKETED = (
    rf"[\u4e00-\u9fff]{{1,8}}\s*[〔\[［【(（]\s*(?:19|20|１９|２０)[{_DIGITS}]{{2}}\s*[〕\]］】)）]"
    rf"\s*[{_DIGITS}]{{1,6}}\s*号"
)
_DECREE = (
    rf"[\u4e00-\u9fff]{{1,20}}令\s*第\s*(?:[{_DIGITS}]{{1,6}}|[一二三四五六七八九十百千零〇两]{{1,8}})\s*号"
)
_NUMBER = re.compile(rf"(?:{_BRACKETED})|(?:{_DECREE})")
_CANON = str.maketrans({"[": "〔", "［": "〔", "【": "〔", "(": "〔", "（": "〔",
                        "]": "〕", "］": "〕", "】": "〕", ")": "〕", "）": "〕"}
                       | {chr(0xFF10 + i): str(i) for i in range(10)})


def canonical_doc_number(number: str) -> str:
    """``number`` with 〔〕 brackets, ASCII digits and no spaces."""
    return re.sub(r"\s+", "", number.translate(_CANON))


def find_doc_number(text: str) -> str | None:
    """The canonical 文号 at the head of ``text``, or None."""
    lines = [line.strip().lstrip("#").strip() for line in text.splitlines()]
    head = [line for line in lines if line][:HEAD_LINES]
    for line in head:
        if _NUMBER.fullmatch(line):
            return canonical_doc_number(line)
    for line in head:
        match = _NUMBER.search(line)
        if match:
            return canonical_doc_number(match.group())
    return None
