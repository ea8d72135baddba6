"""When each version of a document was made and when it was in force.

Rules:

* A version's **date** is the date given to ``store add --date`` (the user's word wins), else the
  last dated event of the text's head (``2018年10月26日…修正``; `corpus.meta`), else unknown.
* Its **effective** date is the date of a ``自……起施行`` clause in the text when that is not
  before the version's date (a new law's commencement), else the version's date: an amended text
  still quoting its first commencement (``本法自2006年11月1日起施行``) came into force when it
  was amended. Unknown when both are unknown.
* Dates read from the text are ``YYYY-MM-DD`` (Arabic or Chinese numerals, 〇/零 for zero);
  a given date of the form ``YYYY`` or ``YYYY-MM`` counts as its first day.
* **In force on** a day: the last version whose effective date is on or before it; a version
  is in force from its effective date to the day before the next version's effective date. A day
  before the first version's effective date has no version in force (`AsOfError`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta

from corpus.meta import text_meta

__all__ = ["AsOfError", "VersionDates", "in_force", "parse_day", "read_dates", "text_date"]

_DIGITS = {c: str(k) for k, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0"}
_YEAR = r"([0-9０-９]{4}|[〇零○Ｏ一二三四五六七八九]{4})"
_PART = r"([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})"
DATE = re.compile(rf"{_YEAR}\s*年\s*{_PART}\s*月\s*{_PART}\s*日")
EFFECTIVE = re.compile(rf"自\s*{DATE.pattern}\s*起\s*施行")


class AsOfError(ValueError):
    """No version is in force on the day asked for."""


@dataclass(frozen=True)
class VersionDates:
    date: str | None
    effective: str | None


def _number(text: str) -> int:
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if len(text) == 4:  # a year written digit by digit
        return int("".join(_DIGITS[c] for c in text))
    tens, _, units = text.partition("十")
    if "十" not in text:
        return int(_DIGITS[text])
    return (int(_DIGITS[tens]) if tens else 1) * 10 + (int(_DIGITS[units]) if units else 0)


def _iso(match: re.Match[str]) -> str | None:
    try:
        return Date(_number(match[1]), _number(match[2]), _number(match[3])).isoformat()
    except (ValueError, KeyError):
        return None


def text_date(text: str) -> str | None:
    """The first date written in ``text`` as ``YYYY-MM-DD``, or None."""
    match = DATE.search(text)
    return _iso(match) if match else None


def parse_day(value: str) -> Date:
    """``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``: the first day) as a date; ValueError otherwise."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a date of the form YYYY-MM-DD")
    return Date(int(match[1]), int(match[2] or 1), int(match[3] or 1))


def read_dates(text: str, given: str = "") -> VersionDates:
    """The date and effective date of a version whose text is ``text`` (module rules)."""
    date = parse_day(given).isoformat() if given else None
    if date is None:
        meta = text_meta(text)
        date = text_date(meta.date) if meta.date else None
    commencements = [d for m in EFFECTIVE.finditer(text) if (d := _iso(m)) is not None]
    effective = commencements[-1] if commencements else None
    if effective is None or (date is not None and effective < date):
        effective = date
    return VersionDates(date, effective)


def in_force(dates: Sequence[VersionDates], day: Date) -> tuple[int, str, str | None]:
    """The 1-based version in force on ``day``, from when, and until when (None: still in force)."""
    known = [(k, d.effective) for k, d in enumerate(dates, start=1) if d.effective]
    if not known:
        raise AsOfError("no version has a date (give one with 'store add --date')")
    chosen = [(k, e) for k, e in known if e <= day.isoformat()]
    if not chosen:
        raise AsOfError(f"{day.isoformat()} is before the first version came into force ({known[0][1]})")
    k, start = chosen[-1]
    later = [e for j, e in known if j > k and e > start]
    until = (Date.fromisoformat(later[0]) - timedelta(days=1)).isoformat() if later else None
    return k, start, until
