"""Environment variables with a format, read and checked in one place.

Rules:

* ``WENDIFF_SOFFICE_TIMEOUT`` is the seconds a LibreOffice conversion may
  take: a finite number above 0 and at most `MAX_SOFFICE_TIMEOUT` (a day);
  unset or empty means `DEFAULT_SOFFICE_TIMEOUT`. Anything else (``abc``,
  ``nan``, ``inf``, ``-1``) is a `WendiffError` of one line naming the
  variable and its value.
* Every other numeric setting (``WENDIFF_PDF_MEMORY``, ``WENDIFF_PDF_TIMEOUT``)
  is read by `positive_setting`: a finite number above 0 (and at most its
  maximum), else the same one-line error.
* The command line calls `check_environment` before any command runs, so a
  bad value is refused at once, not when a legacy file happens to be read.
* Standard library only (it runs at every start).
"""

from __future__ import annotations

import math
import os

from corpus.errors import WendiffError

__all__ = ["DEFAULT_SOFFICE_TIMEOUT", "MAX_SOFFICE_TIMEOUT", "SOFFICE_TIMEOUT_VAR", "check_environment",
           "positive_setting", "soffice_timeout"]  # fmt: skip

SOFFICE_TIMEOUT_VAR = "WENDIFF_SOFFICE_TIMEOUT"
DEFAULT_SOFFICE_TIMEOUT = 120.0
"""Seconds a conversion may take by default (a cold LibreOffice start takes a few)."""
MAX_SOFFICE_TIMEOUT = 86_400.0
"""The longest timeout accepted: a day."""


def soffice_timeout() -> float:
    """``WENDIFF_SOFFICE_TIMEOUT`` in seconds, checked (see the module's rules)."""
    return positive_setting(SOFFICE_TIMEOUT_VAR, DEFAULT_SOFFICE_TIMEOUT, MAX_SOFFICE_TIMEOUT, "seconds", "120")


def positive_setting(name: str, default: float, maximum: float = math.inf, unit: str = "", example: str = "") -> float:
    """The number in environment variable ``name`` (unset or empty: ``default``), checked."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= maximum):
        from corpus.display import safe_name

        what = f"a number of {unit}" if unit else "a number"
        bound = f" and at most {maximum:g}" if math.isfinite(maximum) else ""
        hint = f" (e.g. {example})" if example else ""
        raise WendiffError(f"{name}={safe_name(repr(text))}: not {what} above 0{bound}{hint}")
    return value


def check_environment() -> None:
    """Refuse (`WendiffError`) any variable wendiff reads that does not hold a value of its format."""
    soffice_timeout()
    positive_setting("WENDIFF_PDF_MEMORY", 1.0, unit="megabytes")
    positive_setting("WENDIFF_PDF_TIMEOUT", 1.0, unit="seconds")
