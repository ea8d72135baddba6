"""``store check`` on whole and damaged stores: problems are reported, nothing is rewritten."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest

from corpus.store import Rev, Store, StoreError
from corpus.store.check import check

from .conftest import git


@pytest.fixture
def filled(store: Store, holiday: tuple[Path, Path], tribunal: tuple[Path, Path]) -> Store:
    store.add_file(holiday[0], doc_id="holiday")
    store.add_file(tribunal[0], doc_id="tribunal")
    store.add_file(holiday[1], doc_id="holiday")
    return store


def _object_file(store_path: Path, spec: str) -> Path:
    sha = git(store_path, "rev-parse", spec).stdout.strip()
    return store_path / "objects" / sha[:2] / sha[2:]


def _commit_file(store_path: Path, tmp_path: Path, files: dict[str, bytes]) -> None:
    """With plain git plumbing, commit ``files`` (path -> bytes) on top of main, as a foreign tool might."""
    env = {**os.environ, "GIT_INDEX_FILE": str(tmp_path / "index")}

    def run(*args: str, data: bytes | None = None) -> str:
        done = subprocess.run(["git", "-C", str(store_path), *args], input=data, env=env, capture_output=True,
                              check=True)  # fmt: skip
        return done.stdout.decode().strip()

    run("read-tree", "main")
    for path, data in files.items():
        blob = run("hash-object", "-w", "--stdin", data=data)
        run("update-index", "--add", "--cacheinfo", f"100644,{blob},{path}")
    tree = run("write-tree")
    commit = run("commit-tree", tree, "-p", "main", "-m", "foreign change")
    run("update-ref", "refs/heads/main", commit)


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_whole_store_passes(filled: Store) -> None:
    report = check(filled)
    assert report.ok, report.problems
    assert (report.versions, report.documents) == (3, 2)


def test_an_empty_store_passes(store: Store) -> None:
    assert check(store).ok


def test_a_deleted_object_is_reported_and_reading_it_is_a_clear_error(
    filled: Store, store_path: Path
) -> None:
    _object_file(store_path, "main~2:docs/holiday/original").unlink()
    report = check(filled)
    assert not report.ok
    assert any(p.startswith("git fsck:") and "missing" in p for p in report.problems)
    assert any("holiday" in p and "original cannot be read" in p for p in report.problems)
    with pytest.raises(StoreError, match="original is missing"):
        filled.original(filled.version("holiday", Rev("number", 1)))


def test_a_half_written_object_file_is_reported(filled: Store, store_path: Path) -> None:
    target = _object_file(store_path, "main:docs/holiday/meta.json")
    data = target.read_bytes()
    target.chmod(0o644)
    target.write_bytes(data[: len(data) // 2])
    report = check(filled)
    assert not report.ok
    assert any(p.startswith("git fsck:") for p in report.problems)
    assert any("holiday: meta.json cannot be read (corrupt object)" in p for p in report.problems)


def test_a_truncated_meta_json_is_reported_and_log_fails_clearly(
    filled: Store, store_path: Path, tmp_path: Path
) -> None:
    meta = git(store_path, "show", "main:docs/holiday/meta.json").stdout.encode()
    _commit_file(store_path, tmp_path, {"docs/holiday/meta.json": meta[: len(meta) // 2]})
    report = check(filled)
    assert any("holiday: meta.json is not valid JSON" in p for p in report.problems), report.problems
    with pytest.raises(StoreError, match=r"meta\.json is not valid JSON"):
        filled.log("holiday")


def test_an_original_that_does_not_match_its_digest_is_reported(
    filled: Store, store_path: Path, tmp_path: Path
) -> None:
    _commit_file(store_path, tmp_path, {"docs/tribunal/original": b"tampered"})
    problems = check(filled).problems
    assert any("tribunal" in p and "SHA-256" in p for p in problems)
    assert any("tribunal" in p and "expected 2" in p for p in problems)


def test_a_commit_touching_two_documents_is_reported(filled: Store, store_path: Path, tmp_path: Path) -> None:
    _commit_file(store_path, tmp_path, {"docs/tribunal/extra": b"x", "docs/holiday/extra": b"y"})
    assert any("not the files of one document" in p for p in check(filled).problems)


def test_check_changes_nothing_in_a_damaged_store(filled: Store, store_path: Path) -> None:
    _object_file(store_path, "main~1:docs/tribunal/clauses.txt").unlink()
    before = _snapshot(store_path)
    assert not check(filled).ok
    assert _snapshot(store_path) == before
