"""Fixtures for the hostile-input tests (issue 15): every store lives in the test's folder."""

from __future__ import annotations

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
