"""Chinese numbers as laws write them: 第一百二十四条 ↔ 124, and the 一、二、… of a numbered list.

Rules: `to_int` reads the numerals of article labels (simple or with 百/千,
with or without 零, also Arabic digits); `to_chinese` writes a number the way
a law cites it (十一, 一百零五, 二百一十). Both are pure and total on their domain.
"""

from __future__ import annotations

__all__ = ["to_chinese", "to_int"]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NAMES = "零一二三四五六七八九"


def to_int(text: str) -> int | None:
    """The value of a Chinese (or Arabic) numeral, None when ``text`` is not one.

    >>> to_int("一百二十四"), to_int("十一"), to_int("一百零五"), to_int("12")
    (124, 11, 105, 12)
    """
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total = current = 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def to_chinese(n: int) -> str:
    """``n`` (1–9999) in Chinese numerals as laws cite it.

    >>> to_chinese(11), to_chinese(105), to_chinese(210), to_chinese(1000)
    ('十一', '一百零五', '二百一十', '一千')
    """
    if n <= 0 or n > 9999:
        return str(n)
    if n < 10:
        return _NAMES[n]
    if n < 20:
        return "十" + (_NAMES[n - 10] if n > 10 else "")
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
