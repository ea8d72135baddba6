"""Fixtures for the version store tests: real git in temporary folders, never the user's store."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.samples import real_pair
from corpus.store import Store
from diffing.versions import open_store


@pytest.fixture(autouse=True)
def _no_user_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the default store and the XDG data folder into the test's folder."""
    monkeypatch.setenv("WENDIFF_STORE", str(tmp_path / "env-store"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    with open_store(store_path) as opened:
        yield opened


@pytest.fixture
def holiday() -> tuple[Path, Path]:
    """Two real versions of 全国年节及纪念日放假办法 (2013 and 2024)."""
    return real_pair("01_holiday_measures")


@pytest.fixture
def tribunal() -> tuple[Path, Path]:
    """Two real versions of 最高人民法院关于知识产权法庭若干问题的规定."""
    return real_pair("03_ip_tribunal_provisions")


def git(path: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run plain git on the store at ``path``."""
    return subprocess.run(["git", "-C", str(path), *args], capture_output=True, text=True, check=check)
