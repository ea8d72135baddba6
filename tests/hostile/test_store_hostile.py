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
        if hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest().startswith("17"):
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
        "core.hooksPath": str(elsewhere), "core.fsmonitor": str(program), "core.sshCommand": str(program),
        "core.pager": str(program), "core.editor": str(program), "diff.external": str(program), "gc.auto": "1",
        "gc.autoDetach": "true", "gpg.program": str(program), "log.showSignature": "true", "pager.log": str(program),
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


# -- item 10: a damaged branch is refused, never read as an empty store nor written over -------------------


def _missing_tip(store: Path, _tmp: Path) -> None:
    (store / "refs" / "heads" / "main").write_text("0123456789abcdef0123456789abcdef01234567\n", encoding="ascii")


def _garbage_packed_refs(store: Path, _tmp: Path) -> None:
    _git(store, "pack-refs", "--all")
    assert not (store / "refs" / "heads" / "main").exists()
    (store / "packed-refs").write_bytes(b"# pack-refs with: peeled fully-peeled sorted\n\x00\xffnot a ref line\n")


def _tip_is_a_tree(store: Path, _tmp: Path) -> None:
    (store / "refs" / "heads" / "main").write_text(_git(store, "rev-parse", "main^{tree}") + "\n", encoding="ascii")


def _branch_deleted(store: Path, _tmp: Path) -> None:
    (store / "refs" / "heads" / "main").unlink()


def _document_made_a_file(store: Path, tmp: Path) -> None:
    """A foreign commit that replaces the folder docs/notice by a file."""
    blob = _git(store, "hash-object", "-w", "--stdin", data=b"not a folder\n")
    docs = _git(store, "mktree", data=f"100644 blob {blob}\tnotice\n".encode())
    root = _git(store, "mktree", data=f"040000 tree {docs}\tdocs\n".encode())
    commit = _git(store, "commit-tree", root, "-p", "main", "-m", "foreign change")
    _git(store, "update-ref", "refs/heads/main", commit)


def _docs_made_a_file(store: Path, tmp: Path) -> None:
    blob = _git(store, "hash-object", "-w", "--stdin", data=b"not a folder\n")
    root = _git(store, "mktree", data=f"100644 blob {blob}\tdocs\n".encode())
    commit = _git(store, "commit-tree", root, "-p", "main", "-m", "foreign change")
    _git(store, "update-ref", "refs/heads/main", commit)


DAMAGE = [_missing_tip, _garbage_packed_refs, _tip_is_a_tree, _branch_deleted, _document_made_a_file,
          _docs_made_a_file]  # fmt: skip


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__.strip("_"))
def test_every_command_refuses_a_damaged_branch_and_never_writes_over_it(
    damage: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    doc, changed = tmp_path / "notice.txt", tmp_path / "notice-2.txt"
    doc.write_text(TEXT, encoding="utf-8")
    changed.write_text(CHANGED, encoding="utf-8")
    assert main(["store", "add", str(doc), "--doc", "notice", "--store", str(store)]) == 0
    assert callable(damage)
    damage(store, tmp_path)
    before = _snapshot(store)
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "notice.txt").write_text(CHANGED, encoding="utf-8")
    capsys.readouterr()
    for command in (
        ["add", str(changed), "--doc", "notice"], ["add", str(changed), "--doc", "other"], ["list"],
        ["log", "notice"], ["show", "notice"], ["diff", "notice@1", "notice"], ["blame", "notice"],
        ["import", str(folder)], ["export", "notice", str(tmp_path / "out")],
    ):
        assert main(["store", *command, "--store", str(store)]) == 2, command
        err = one_line_error(capsys.readouterr().err)
        assert "run 'wendiff store check'" in err, (command, err)
    assert _snapshot(store) == before
    assert not (tmp_path / "out").exists()
    assert main(["store", "check", "--store", str(store)]) == 1
    out = capsys.readouterr().out
    assert "problem(s) found" in out
    assert _snapshot(store) == before


# -- item 18: an empty store path is refused, never taken for the default store ------------------------------


@pytest.mark.parametrize("command", [["add", "{doc}"], ["list"], ["import", "{folder}"]])
def test_an_empty_store_option_is_refused_in_one_line(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "notice.txt"
    doc.write_text(TEXT, encoding="utf-8")
    args = [a.format(doc=doc, folder=tmp_path) for a in command]
    assert main(["store", *args, "--store", ""]) == 2
    assert "--store is empty" in one_line_error(capsys.readouterr().err)
    assert not (tmp_path / "env-store").exists()


def test_an_empty_wendiff_store_variable_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WENDIFF_STORE", "")
    doc = tmp_path / "notice.txt"
    doc.write_text(TEXT, encoding="utf-8")
    assert main(["store", "add", str(doc)]) == 2
    assert "WENDIFF_STORE is set but empty" in one_line_error(capsys.readouterr().err)
    assert not (tmp_path / "xdg").exists()


def test_dups_with_an_empty_store_option_is_refused_but_a_bare_one_means_the_default_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(CHANGED, encoding="utf-8")
    assert main(["dups", str(folder), "-q", "--store", ""]) == 2
    assert "--store is empty" in one_line_error(capsys.readouterr().err)
    assert main(["store", "add", str(folder / "a.txt"), "--doc", "a"]) == 0  # the default store ($WENDIFF_STORE)
    capsys.readouterr()
    assert main(["dups", str(folder), "-q", "--store"]) in (0, 1)
    assert "a@1" in capsys.readouterr().out
