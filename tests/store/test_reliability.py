"""Atomic adds under SIGKILL, many writers at once, and the writers' lock."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from corpus.store import Store, StoreError
from corpus.store.check import check
from corpus.store.gitrepo import BranchMoved
from corpus.store.lock import locked
from diffing.versions import open_store

from .conftest import git

ROOT = Path(__file__).resolve().parents[2]


def _python(*args: str) -> list[str]:
    return [sys.executable, "-m", "tests.store.workers", *args]


def _assert_whole(store_path: Path) -> None:
    fsck = git(store_path, "fsck", "--full", "--strict", "--no-dangling", check=False)
    assert fsck.returncode == 0, fsck.stdout + fsck.stderr
    with open_store(store_path) as store:
        report = check(store)
    assert report.ok, report.problems


def test_adds_killed_at_random_moments_leave_the_old_or_the_new_version(store_path: Path) -> None:
    rounds = 100
    # 100 rounds take 10-16 s on 2 busy cores; the timeout only guards against a hang
    done = subprocess.run(_python("kill", str(store_path), str(rounds), "20240101"), cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout)
    assert summary["broken"] == []
    assert summary["versions"] >= 2
    _assert_whole(store_path)


def test_command_line_adds_killed_at_random_moments_leave_a_whole_store(
    store_path: Path, holiday: tuple[Path, Path]
) -> None:
    wendiff = [sys.executable, "-m", "tui.cli", "store", "--store", str(store_path), "add", "--doc", "h"]
    subprocess.run([*wendiff, str(holiday[0])], cwd=ROOT, check=True, capture_output=True)
    rng = random.Random(7)
    texts = {holiday[0].read_bytes(), holiday[1].read_bytes()}
    for round_ in range(8):
        proc = subprocess.Popen([*wendiff, str(holiday[round_ % 2 - 1])], cwd=ROOT, start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(rng.uniform(0.1, 0.6))
        os.killpg(proc.pid, signal.SIGKILL)  # with the git processes it started (see workers.kill)
        proc.wait()
        with open_store(store_path) as store:
            assert store.original(store.version("h")) in texts
    _assert_whole(store_path)


def test_a_writer_waits_for_the_lock_and_gives_up_with_a_clear_message(
    store_path: Path, holiday: tuple[Path, Path]
) -> None:
    with open_store(store_path) as store:
        store.add_file(holiday[1], doc_id="other")
    tip = git(store_path, "rev-parse", "main").stdout
    with open_store(store_path, lock_timeout=0.3) as store, locked(store_path / "wendiff.lock"):
        started = time.monotonic()
        with pytest.raises(StoreError, match="the store is busy: another wendiff process has held its lock"):
            store.add_file(holiday[0], doc_id="h")
        assert time.monotonic() - started >= 0.3
        assert git(store_path, "rev-parse", "main").stdout == tip


def test_a_waiting_writer_proceeds_when_the_lock_is_released(
    store_path: Path, holiday: tuple[Path, Path]
) -> None:
    with open_store(store_path) as store:
        store.add_file(holiday[1], doc_id="other")
    with open_store(store_path, lock_timeout=10) as store:
        held = threading.Event()

        def hold() -> None:
            with locked(store_path / "wendiff.lock"):
                held.set()
                time.sleep(0.3)

        holder = threading.Thread(target=hold)
        holder.start()
        held.wait()
        assert store.add_file(holiday[0], doc_id="h").created
        holder.join()


def test_a_left_over_git_ref_lock_is_waited_for_then_named(
    store_path: Path, holiday: tuple[Path, Path]
) -> None:
    with open_store(store_path) as store:
        store.add_file(holiday[0], doc_id="h")
        ref_lock = store_path / "refs" / "heads" / "main.lock"
        ref_lock.write_text("")
        with pytest.raises(StoreError, match=r"main\.lock exists"):
            store.add_file(holiday[1], doc_id="h")
        timer = threading.Timer(0.2, ref_lock.unlink)
        timer.start()
        assert store.add_file(holiday[1], doc_id="h").version.number == 2
        timer.join()


def test_the_branch_moves_only_from_the_commit_it_was_read_at(
    store_path: Path, holiday: tuple[Path, Path]
) -> None:
    with open_store(store_path) as store:
        first = store.add_file(holiday[0], doc_id="h").version.commit
        second = store.add_file(holiday[1], doc_id="h").version.commit
        with pytest.raises(BranchMoved):
            store.repo.move_head(first, first, "stale writer")
        assert store.repo.head() == second


def test_no_temporary_files_are_left_by_adds_that_finish(store: Store, holiday: tuple[Path, Path]) -> None:
    store.add_file(holiday[0], doc_id="h")
    store.add_file(holiday[1], doc_id="h")
    assert store.repo.temporary_objects() == []
    assert os.listdir(store.path.parent) == [store.path.name]


def test_an_object_folder_removed_by_git_gc_between_mkdir_and_rename_is_made_again(
    store_path: Path, holiday: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process's ``git gc`` prunes empty fan-out folders: one can vanish under gitdb's rename."""
    import os

    import gitdb.db.loose as loose

    real_rename = loose.rename
    removed: list[str] = []

    def rename_after_gc(src: str, dst: str) -> None:
        folder = os.path.dirname(dst)
        if not removed and not os.listdir(folder):  # as a concurrent prune-packed removes an empty folder
            os.rmdir(folder)
            removed.append(folder)
        real_rename(src, dst)

    with open_store(store_path) as store:
        monkeypatch.setattr(loose, "rename", rename_after_gc)
        result = store.add_file(holiday[0], doc_id="h")
        assert removed and result.created
        assert store.original(store.version("h")) == holiday[0].read_bytes()
