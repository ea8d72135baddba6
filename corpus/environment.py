"""Environment variables with a format, read and checked in one place.

Rules:

* ``WENDIFF_SOFFICE_TIMEOUT`` is the seconds a LibreOffice conversion may
  take: a finite number above 0 and at most `MAX_SOFFICE_TIMEOUT` (a day);
  unset or empty means `DEFAULT_SOFFICE_TIMEOUT`. Anything else (``abc``,
  ``nan``, ``inf``, ``-1``) is a `WendiffError` of one line naming the
  variable and its value.
* The command line calls `check_environment` before any command runs, so a
  bad value is refused at once, not when a legacy file happens to be read.
* Standard library only (it runs at every start).
"""

from __future__ import annotations

import math
import os

from corpus.errors import WendiffError

__all__ = ["DEFAULT_SOFFICE_TIMEOUT", "MAX_SOFFICE_TIMEOUT", "SOFFICE_TIMEOUT_VAR", "check_environment",
           "soffice_timeout"]  # fmt: skip

SOFFICE_TIMEOUT_VAR = "WENDIFF_SOFFICE_TIMEOUT"
DEFAULT_SOFFICE_TIMEOUT = 120.0
"""Seconds a conversion may take by default (a cold LibreOffice start takes a few)."""
MAX_SOFFICE_TIMEOUT = 86_400.0
"""The longest timeout accepted: a day."""


def soffice_timeout() -> float:
    """``WENDIFF_SOFFICE_TIMEOUT`` in seconds, checked (see the module's rules)."""
    text = os.environ.get(SOFFICE_TIMEOUT_VAR, "").strip()
    if not text:
        return DEFAULT_SOFFICE_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= MAX_SOFFICE_TIMEOUT):
        from corpus.display import safe_name

        raise WendiffError(
            f"{SOFFICE_TIMEOUT_VAR}={safe_name(repr(text))}: not a number of seconds above 0 and at most "
            f"{MAX_SOFFICE_TIMEOUT:g} (e.g. 120)"
        )
    return value


def check_environment() -> None:
    """Refuse (`WendiffError`) any variable wendiff reads that does not hold a value of its format."""
    soffice_timeout()
