"""The place column's words: a place (`diffing.places`, read from the document's outline) in the cells there are.

Rules:

* `short_place` writes a place in fewer cells without losing its article or
  its item: Chinese numbers of 条 and 款 become Arabic (``第128条/第2款/(一)``),
  then the parts between the first and the last give way to ``…``, then the
  leading 第 of the article and of a last 款 (``139条第2款``, ``1165条1款``):
  every digit of the article stays.
"""

from __future__ import annotations

import re

from corpus.markers import read_label
from tui.wrap import ellipsize
from tui.wrap import width as cells

__all__ = ["short_place"]

_NUMBERED = re.compile(r"第([〇零一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟]+)(条|款)")


def short_place(place: str, room: int) -> str:
    """``place`` in at most ``room`` cells, keeping its first part (the article) and its last (the item)."""
    if cells(place) <= room:
        return place
    arabic = _NUMBERED.sub(_arabic, place)
    if cells(arabic) <= room:
        return arabic
    parts = arabic.split("/")
    joined = "".join(parts)  # 第128条第2款(一): a citation reads without the slashes
    if len(parts) > 1 and parts[0].endswith("条") and cells(joined) <= room:
        return joined
    if len(parts) < 2:
        return ellipsize(arabic, room)
    first, last = parts[0], parts[-1]
    for middle in ("/…/", "…"):
        if len(parts) > 2 or middle == "…":
            shorter = first + middle + last
            if cells(shorter) <= room:
                return shorter
    keep = room - cells(last)
    digits = first.strip("第条")
    if keep >= 3 and ellipsize(first + "…", keep).startswith("第" + digits):
        return ellipsize(first + "…", keep) + last  # the article's end gives way, never its item
    for shorter in _without_di(first, parts[1:-1], last):
        if cells(shorter) <= room:
            return shorter
    if keep >= 3:
        return ellipsize(first + "…", keep) + last
    return ellipsize(arabic, room)


def _without_di(first: str, middle: list[str], last: str) -> tuple[str, ...]:
    """Shorter forms that keep every digit of the article: its leading 第 dropped (``139条第2款``), the
    middle parts as ``…``, then the 第 of a last 款 dropped too (``1165条1款``)."""
    if not (first.startswith("第") and first.endswith("条")):
        return ()
    bare = first[1:]
    gap = "…" if middle else ""
    last_bare = last[1:] if last.startswith("第") and last.endswith("款") else last
    return (bare + gap + last, bare + gap + last_bare)


def _arabic(m: re.Match[str]) -> str:
    label = read_label(f"第{m.group(1)}条")
    return f"第{label.dotted}{m.group(2)}" if label is not None else m.group(0)
