"""Shared fixtures: the bundled samples and the ten real version pairs kept with the tests.

Rule: tests read only files of the repository (``tests/data``) or of the installed
package, never a path outside the checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

from corpus.samples import seed
from tests.programs import CHROMIUM, SOFFICE, need_program

settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True, database=None,
    print_blob=True,
)
"""The default: every run tries the same examples (a test's own ``@settings`` keep their sizes), so a
red run is red again on a rerun and a failure is never lost to luck; ``make test`` and CI run it. No
deadline: the machine may be shared."""
settings.register_profile(
    "explore", parent=settings.get_profile("ci"), derandomize=False,
    database=DirectoryBasedExampleDatabase(".hypothesis/examples"),
)
"""``HYPOTHESIS_PROFILE=explore make test``: new examples on every run, failures kept in
``.hypothesis/``; a failure found this way is added to its test as an ``@example``."""
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REAL = Path(__file__).resolve().parent / "data" / "real"
"""The ten real law pairs (tests/data/real/README.md and manifest.json say what each holds)."""
REAL_PAIRS = sorted(p.name for p in REAL.iterdir() if p.is_dir())

os.environ["WENDIFF_OCR"] = "0"
"""Scanned pages are not read by OCR in the tests (a page takes seconds), except in tests/corpus/test_ocr.py,
which turns it on for its own reads."""


@pytest.fixture
def seed_000_copies() -> tuple[str, str]:
    """Seed 000 holds the 2021 notice twice: its first and second copy."""
    text = seed("000").read_text(encoding="utf-8")
    first_line = text.split("\n", 1)[0]
    cut = text.index(first_line, len(first_line))
    return text[:cut], text[cut:]


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of headless Chromium (the test is skipped without it, or fails under CI=true)."""
    return need_program(CHROMIUM)


@pytest.fixture(scope="session")
def soffice() -> str:
    """Path of LibreOffice's soffice (the test is skipped without it, or fails under CI=true)."""
    return need_program(SOFFICE)
