"""Text rules of a drafted 修改决定: nested quotes, runs of article numbers, punctuation, the advice line.

Rules:

* Text quoted in an item that itself holds “…” writes them ‘…’ (a quote
  inside a quote, as official decisions print it).
* A list of three or more consecutive articles is written as a run,
  ``第六十五条至第七十一条``; two are joined by ``、``. Labels with 之一 never
  join a run.
* A quoted fragment is **punctuation only** when every character is
  punctuation or space: such a fragment is never quoted alone.
* Texts are compared as `fold` makes them: width forms and spaces folded,
  ‘’ read as “” (a decision does not amend what normalization removes).
* The advice line: a decision of more than `ADVICE_ITEMS` items, or one
  whose items touch more than `ADVICE_SHARE` of the old articles, is better
  made a 修订 (a revised text published whole, with a 对照表).
"""

from __future__ import annotations

import re
import unicodedata

from corpus.markers import read_label, to_chinese

__all__ = ["ADVICE_ITEMS", "ADVICE_SHARE", "advice", "fold", "nest_quotes", "punctuation_only", "runs"]

ADVICE_ITEMS = 60
"""More items than this call for a 修订."""
ADVICE_SHARE = 0.5
"""Items touching more than this share of the old articles call for a 修订."""
_SPACE = re.compile(r"\s+")


def nest_quotes(text: str) -> str:
    """“甲”→‘甲’ inside a quote."""
    return text.replace("“", "‘").replace("”", "’")


def fold(text: str) -> str:
    """``text`` as comparisons see it (module rules)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text.replace("‘", "“").replace("’", "”")))


def punctuation_only(text: str) -> bool:
    """True for a non-empty text of punctuation and spaces alone."""
    return bool(text) and all(unicodedata.category(c)[0] in "PZS" or c.isspace() for c in text)


def _number(label: str) -> int | None:
    read = read_label(label)
    if read is None or len(read.number) != 1 or not label.endswith("条"):
        return None
    return read.number[0]


def runs(labels: list[str]) -> str:
    """Article labels joined with ``、``, three or more consecutive ones as ``第X条至第Y条`` (module rules)."""
    parts: list[str] = []
    k = 0
    while k < len(labels):
        n = _number(labels[k])
        end = k
        while n is not None and end + 1 < len(labels) and _number(labels[end + 1]) == n + (end + 1 - k):
            end += 1
        if end - k >= 2:
            parts.append(f"{labels[k]}至{labels[end]}")
            k = end + 1
        else:
            parts.append(labels[k])
            k += 1
    return "、".join(parts)


def count(n: int) -> str:
    """两 for 2, 三 for 3: how a decision counts articles (增加两条)."""
    return "两" if n == 2 else to_chinese(n)


def advice(items: int, touched: int, articles: int) -> str:
    """The advice line for a decision of ``items`` items touching ``touched`` of A's ``articles`` articles,
    or empty (module rules)."""
    share = touched / articles if articles else 0.0
    if items <= ADVICE_ITEMS and share <= ADVICE_SHARE:
        return ""
    return (
        f"（起草建议：本决定共{to_chinese(items)}项，涉及原文{to_chinese(articles)}条中的{to_chinese(touched)}条；"
        f"修改超过{to_chinese(ADVICE_ITEMS)}项或者涉及原文过半条文的，宜采用修订方式，公布修订后的全文并附新旧对照表。）"
    )
