"""Quantities in a normalized text: amounts, periods, dates, percentages, counts, as values.

Rules:

* A quantity is a numeral (Arabic, with decimals, or Chinese: `corpus.markers`
  reads it, nothing is spelled here) followed by a unit, or a date, or a
  percentage (``5%``, ``百分之五``) or a fraction (``三分之一``). A numeral right
  after 第 (a label: 第十二条, 第三次) is never a quantity, nor is one without a unit.
* Its ``value`` is notation-free: ``五千元``, ``5000元`` and ``0.5万元`` are all
  ``("amount", "元", (5000,), "")``; 日 and 天 are both days. A qualifier written
  right after it (以上, 以下, 以内, 以外) is part of the value, and so is one
  written before it that says the same (不少于三人 is 三人以上: in Chinese law
  以上 and 以下 include the number); two quantities
  joined as a range (``五千元以上五万元以下``, ``三日至五日``) are one quantity
  with two numbers (the first takes the second's unit when it has none).
* A date is ``Y年M月D日`` with any of Y, D left out, and a bare ``N日`` that
  follows a date after 、/至/到/和/及/或 (``10月1日、2日``): it takes that date's
  month. ``N月`` alone is a date (a month), ``N个月`` a period: 10月 → 10个月 is a
  change. A four-digit year (``2019年``) alone is a date.
* Offsets are into the text given (normalized text: width folded, so digits
  are ASCII).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from corpus.markers import NUMERAL_CHARS, to_int

__all__ = ["Kind", "Quantity", "quantities"]

Kind = Literal["amount", "period", "date", "percent", "count", "other"]

_NUM = rf"(?:[0-9]+(?:\.[0-9]+)?|[{NUMERAL_CHARS}]+(?:点[{NUMERAL_CHARS}]+)?|半)"
_UNITS: dict[str, tuple[Kind, str, int]] = {
    # written unit: (kind, canonical unit, multiplier)
    "亿元": ("amount", "元", 10**8), "万元": ("amount", "元", 10**4), "千元": ("amount", "元", 1000),
    "百元": ("amount", "元", 100), "元": ("amount", "元", 1),
    "个工作日": ("period", "工作日", 1), "工作日": ("period", "工作日", 1),
    "个小时": ("period", "小时", 1), "小时": ("period", "小时", 1),
    "个月": ("period", "月", 1), "日": ("period", "日", 1), "天": ("period", "日", 1),
    "周年": ("period", "年", 1), "年": ("period", "年", 1), "周岁": ("other", "岁", 1), "岁": ("other", "岁", 1),
    "个星期": ("period", "周", 1), "星期": ("period", "周", 1), "周": ("period", "周", 1),
    "倍": ("count", "倍", 1), "人": ("count", "人", 1), "名": ("count", "名", 1), "次": ("count", "次", 1),
    "项": ("count", "项", 1), "件": ("count", "件", 1), "家": ("count", "家", 1), "户": ("count", "户", 1),
    "万人": ("count", "人", 10**4), "%": ("percent", "%", 1), "公里": ("other", "公里", 1),
    "公斤": ("other", "公斤", 1), "吨": ("other", "吨", 1), "平方米": ("other", "平方米", 1),
}  # fmt: skip
_UNIT = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_QUALIFIER = r"(?:以上|以下|以内|以外)"
_Y = r"(?:[0-9]{4}|[〇零一二三四五六七八九]{4})"
_MD = rf"(?:[0-9]{{1,2}}|[{NUMERAL_CHARS}]{{1,3}})"
_TOKEN = re.compile(
    rf"(?P<date>(?P<y>{_Y})年(?:(?P<m>{_MD})月(?:(?P<d>{_MD})日)?)?(?!{_NUM})|(?P<m2>{_MD})月(?:(?P<d2>{_MD})日)?)"
    rf"|(?P<pct>百分之(?P<pn>{_NUM}))"
    rf"|(?P<frac>(?P<den>{_NUM})分之(?P<num>{_NUM}))"
    rf"|(?P<n>{_NUM})(?P<unit>{_UNIT})"
)
_LEADS = {
    "不得少于": "以上", "不少于": "以上", "不得低于": "以上", "不低于": "以上",
    "不得超过": "以下", "不超过": "以下", "不得高于": "以下", "不高于": "以下",
}  # fmt: skip
_LEADING = re.compile(f"(?:{'|'.join(sorted(_LEADS, key=len, reverse=True))})$")
_RANGE = re.compile(r"(?:以上|至|到|－|-|~|～)")
_AFTER_DATE = re.compile(r"[、至到和及或]")


@dataclass(frozen=True)
class Quantity:
    """One quantity found in a text."""

    start: int
    end: int
    text: str
    kind: Kind
    value: tuple[object, ...]
    """Notation-free: equal values are the same quantity however written."""


def _number(text: str) -> Decimal | None:
    if text == "半":
        return Decimal("0.5")
    if "点" in text:
        whole, _, frac = text.partition("点")
        w = to_int(whole)
        digits = [to_int(ch) for ch in frac]
        if w is None or any(d is None for d in digits):
            return None
        return Decimal(f"{w}.{''.join(str(d) for d in digits)}")
    try:
        return Decimal(text)
    except InvalidOperation:
        n = to_int(text)
        return None if n is None else Decimal(n)


def _norm(d: Decimal) -> str:
    return format(d.normalize(), "f")


@dataclass(frozen=True)
class _Raw:
    start: int
    end: int
    kind: Kind
    unit: str
    numbers: tuple[str, ...]
    bare_day: bool = False
    """A ``N日`` read as a period that may become a date (after another date)."""


def _raw(m: re.Match[str]) -> _Raw | None:
    if m["date"]:
        y = m["y"]
        month, day = (m["m"], m["d"]) if y else (m["m2"], m["d2"])
        parts = [_number(p) if p else None for p in (y, month, day)]
        if any(p is None for p, text in zip(parts, (y, month, day), strict=True) if text):
            return None
        return _Raw(m.start(), m.end(), "date", "", tuple("" if p is None else _norm(p) for p in parts))
    if m["pct"]:
        n = _number(m["pn"])
        return None if n is None else _Raw(m.start(), m.end(), "percent", "%", (_norm(n),))
    if m["frac"]:
        den, num = _number(m["den"]), _number(m["num"])
        if den is None or num is None:
            return None
        return _Raw(m.start(), m.end(), "other", "分之", (_norm(num), _norm(den)))
    n = _number(m["n"])
    if n is None:
        return None
    kind, unit, times = _UNITS[m["unit"]]
    return _Raw(m.start(), m.end(), kind, unit, (_norm(n * times),), bare_day=m["unit"] == "日")


def quantities(text: str) -> list[Quantity]:
    """The quantities of ``text`` in reading order."""
    raws: list[_Raw] = []
    pos = 0
    while (m := _TOKEN.search(text, pos)) is not None:
        pos = m.end()
        if m.start() > 0 and text[m.start() - 1] == "第":
            continue
        raw = _raw(m)
        if raw is None:
            continue
        prev = raws[-1] if raws else None
        after_date = prev is not None and prev.kind == "date" and _AFTER_DATE.fullmatch(text[prev.end : raw.start])
        if raw.bare_day and prev is not None and after_date:
            raw = _Raw(raw.start, raw.end, "date", "", (prev.numbers[0], prev.numbers[1], raw.numbers[0]))
        raws.append(raw)
    return _joined(text, raws)


def _joined(text: str, raws: list[_Raw]) -> list[Quantity]:
    """Ranges joined, qualifiers taken in, values made."""
    out: list[Quantity] = []
    k = 0
    while k < len(raws):
        raw = raws[k]
        numbers, end, unit = list(raw.numbers), raw.end, raw.unit
        nxt = raws[k + 1] if k + 1 < len(raws) else None
        if (
            nxt is not None
            and nxt.kind == raw.kind
            and raw.kind != "date"
            and _RANGE.fullmatch(text[raw.end : nxt.start])
        ):
            numbers += nxt.numbers
            end = nxt.end
            k += 1
        k += 1
        start, qualifier = raw.start, ""
        q = re.match(_QUALIFIER, text[end : end + 2])
        if q:
            qualifier = q.group()
            end += 2
        elif (lead := _LEADING.search(text, max(0, start - 4), start)) is not None:
            start, qualifier = lead.start(), _LEADS[lead.group()]
        value: tuple[object, ...] = (raw.kind, unit, tuple(numbers), qualifier)
        out.append(Quantity(start, end, text[start:end], raw.kind, value))
    return out
