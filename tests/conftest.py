"""Shared fixtures: the bundled samples and the ten real version pairs kept with the tests.

Rule: tests read only files of the repository (``tests/data``) or of the installed
package, never a path outside the checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from corpus.samples import seed
from tests.programs import CHROMIUM, SOFFICE, need_program

settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", parent=settings.get_profile("dev"), derandomize=True, print_blob=True)
settings.register_profile("thorough", parent=settings.get_profile("dev"), max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
"""Hypothesis: no deadline (the machine is shared); under CI=true the same examples every run (derandomized);
HYPOTHESIS_PROFILE=thorough for a longer search."""

REAL = Path(__file__).resolve().parent / "data" / "real"
"""The ten real law pairs (tests/data/real/README.md and manifest.json say what each holds)."""
REAL_PAIRS = sorted(p.name for p in REAL.iterdir() if p.is_dir())


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
