"""Many writers at once: eight processes adding fifty versions each to one document."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from corpus.store.check import check
from diffing.versions import open_store

from .conftest import git

ROOT = Path(__file__).resolve().parents[2]


def _python(*args: str) -> list[str]:
    return [sys.executable, "-m", "tests.store.workers", *args]


@pytest.mark.slow
def test_eight_processes_adding_fifty_versions_each_all_land(store_path: Path) -> None:
    open_store(store_path).close()
    procs = [
        subprocess.Popen(
            _python("add", str(store_path), "shared", f"p{p}", "50"),
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for p in range(8)
    ]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    report = [(proc.returncode, out, err) for proc, (out, err) in zip(procs, outputs, strict=True)]
    failed = [(code, err[-2000:]) for code, _, err in report if code != 0]
    assert not failed, failed
    with open_store(store_path) as store:
        versions = store.log("shared")
    assert sorted(v.number for v in versions) == list(range(1, 401))
    assert {v.message for v in versions} == {f"p{p}:{i}" for p in range(8) for i in range(50)}
    assert git(store_path, "fsck", "--full", "--strict", "--no-dangling").returncode == 0
    with open_store(store_path) as store:
        assert check(store).ok
