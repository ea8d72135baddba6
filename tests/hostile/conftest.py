"""Fixtures for the hostile-input tests (issue 15): every store lives in the test's folder."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _no_user_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the default store and the XDG data folder into the test's folder."""
    monkeypatch.setenv("WENDIFF_STORE", str(tmp_path / "env-store"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("WENDIFF_DEBUG", raising=False)


def one_line_error(err: str) -> str:
    """The single line of ``err`` (asserting it is one line and no traceback)."""
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    return err


@dataclass
class Peak:
    """The most memory Python allocated inside an `allocated` block, in MB."""

    mb: float = 0.0


@contextmanager
def allocated() -> Iterator[Peak]:
    """Measure the peak of Python's allocations (tracemalloc: inflated bytes count) in a block: what a
    bomb test asserts instead of a time, which a busy machine makes meaningless."""
    peak = Peak()
    tracemalloc.start()
    try:
        yield peak
    finally:
        peak.mb = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
