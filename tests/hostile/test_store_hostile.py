"""Stores that are not what they seem: a received store that tries to run code, a damaged branch, an empty
``--store`` (issue 24, items 4, 10 and 18)."""

from __future__ import annotations

import hashlib
import stat
import subprocess
from pathlib import Path

import pytest

from corpus.store import gitrepo
from tui.cli import main

from .conftest import one_line_error

TEXT = "第一条 本办法自公布之日起施行。\n第二条 本办法由国务院负责解释。\n"
CHANGED = "第一条 本办法自发布之日起施行。\n第二条 本办法由国务院负责解释。\n"
HOOKS = (
    "applypatch-msg", "pre-applypatch", "post-applypatch", "pre-commit", "pre-merge-commit", "prepare-commit-msg",
    "commit-msg", "post-commit", "pre-rebase", "post-checkout", "post-merge", "pre-push", "pre-receive", "update",
    "proc-receive", "post-receive", "post-update", "reference-transaction", "push-to-checkout", "pre-auto-gc",
    "post-rewrite", "sendemail-validate", "fsmonitor-watchman", "post-index-change",
)


def _git(path: Path, *args: str, data: bytes | None = None) -> str:
    done = subprocess.run(["git", "-C", str(path), *args], input=data, capture_output=True, check=True)
    return done.stdout.decode().strip()


def _script(path: Path, marker: Path) -> Path:
    path.write_text(f'#!/bin/sh\necho "$0 $*" >> "{marker}"\nexit 0\n', encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def _blobs_in_fan_out_17(count: int) -> list[bytes]:
    """``count`` blob contents whose ids start with 17: the folder git samples to decide on ``gc --auto``."""
    found: list[bytes] = []
    n = 0
    while len(found) < count:
        data = f"filler {n}\n".encode()
        if hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest().startswith("17"):  # noqa: S324 - git's ids
            found.append(data)
        n += 1
    return found


@pytest.fixture
def booby_trapped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """A store (received from someone) whose hooks and config run a program that writes a marker file."""
    store = tmp_path / "received"
    doc = tmp_path / "notice.txt"
    doc.write_text(TEXT, encoding="utf-8")
    assert main(["store", "add", str(doc), "--doc", "notice", "--store", str(store)]) == 0
    for data in _blobs_in_fan_out_17(2):  # enough loose objects for git's own `gc --auto` (gc.auto=1)
        _git(store, "hash-object", "-w", "--stdin", data=data)
    marker = tmp_path / "ran"
    elsewhere = tmp_path / "their-hooks"
    elsewhere.mkdir()
    (store / "hooks").mkdir(exist_ok=True)
    for name in HOOKS:
        _script(store / "hooks" / name, marker)
        _script(elsewhere / name, marker)
    program = _script(tmp_path / "program", marker)
    for key, value in {
        "core.hooksPath": str(elsewhere), "core.fsmonitor": str(program), "core.sshCommand": str(program), "core.pager": str(program),
        "core.editor": str(program), "diff.external": str(program), "gc.auto": "1", "gc.autoDetach": "true",
        "gpg.program": str(program), "log.showSignature": "true", "pager.log": str(program),
    }.items():
        _git(store, "config", key, value)
    (store / "info").mkdir(exist_ok=True)
    (store / "info" / "attributes").write_text("* diff=evil filter=evil\n", encoding="utf-8")
    _git(store, "config", "diff.evil.textconv", str(program))
    _git(store, "config", "filter.evil.clean", str(program))
    _git(store, "config", "filter.evil.smudge", str(program))
    capsys.readouterr()
    return store, marker


def test_a_received_stores_hooks_and_config_programs_never_run(
    booby_trapped: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store, marker = booby_trapped
    monkeypatch.setattr(gitrepo, "PACK_THRESHOLD", 0)  # every add ends with `git gc --auto`
    changed = tmp_path / "notice-2.txt"
    changed.write_text(CHANGED, encoding="utf-8")
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "other.txt").write_text("第一条 另一份文件。\n", encoding="utf-8")
    commands = [
        ["add", str(changed), "--doc", "notice"], ["list"], ["log", "notice"], ["show", "notice@1"],
        ["diff", "notice"], ["blame", "notice"], ["import", str(folder), "--doc", "other"],
        ["export", "notice", str(tmp_path / "out")], ["check"],
    ]
    for command in commands:
        status = main(["store", *command, "--store", str(store)])
        assert status in (0, 1), (command, capsys.readouterr())
    capsys.readouterr()
    assert not marker.exists(), marker.read_text()
    assert _git(store, "rev-list", "--count", "main") == "3"
