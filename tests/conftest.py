"""Shared fixtures: the bundled samples and the real version pairs beside the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.samples import seed

REAL = Path(__file__).resolve().parents[2] / "shared" / "benchmark" / "real"
REAL_PAIRS = sorted(p.name for p in REAL.iterdir() if p.is_dir()) if REAL.is_dir() else []


@pytest.fixture
def seed_000_copies() -> tuple[str, str]:
    """Seed 000 holds the 2021 notice twice: its first and second copy."""
    text = seed("000").read_text(encoding="utf-8")
    first_line = text.split("\n", 1)[0]
    cut = text.index(first_line, len(first_line))
    return text[:cut], text[cut:]
