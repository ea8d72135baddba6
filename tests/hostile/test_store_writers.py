"""A store add never fails after its version is recorded, and a slow add never blocks other writers
(issue 15, items 3 and 4)."""

from __future__ import annotations

import select
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from corpus.document import Document
from corpus.store import ClauseStats, Store, StoreError
from corpus.store.check import check
from corpus.store.gitrepo import GitRepo
from diffing.versions import VERSION_ANALYSIS, open_store
from tests.signals import default_signals
from tui.cli import main

from .conftest import one_line_error


def test_a_failed_gc_after_a_recorded_add_is_a_warning_and_exit_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full_disk(self: GitRepo) -> None:
        raise StoreError(f"{self.path}: git gc failed: fatal: No space left on device")

    monkeypatch.setattr(GitRepo, "pack_if_needed", full_disk)
    doc = tmp_path / "notice.txt"
    doc.write_text("第一条 本办法自公布之日起施行。\n", encoding="utf-8")
    store = str(tmp_path / "store")
    assert main(["store", "add", str(doc), "--store", store]) == 0
    out, err = capsys.readouterr()
    assert "notice v1" in out
    assert one_line_error(err).startswith("wendiff: warning: ") and "No space left on device" in err
    with open_store(store) as opened:
        assert [v.number for v in opened.log("notice")] == [1]


class _SlowAnalysis:
    """The real analysis, except that a comparison waits until the test lets it go."""

    def __init__(self) -> None:
        self.comparing = threading.Event()
        self.go_on = threading.Event()

    def clauses(self, document: Document) -> list[str]:
        return VERSION_ANALYSIS.clauses(document)

    def compare(self, previous: Document, current: Document) -> tuple[ClauseStats, list[str]]:
        self.comparing.set()
        assert self.go_on.wait(30)
        return VERSION_ANALYSIS.compare(previous, current)


def test_a_slow_comparison_does_not_hold_the_lock_against_another_documents_add(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with open_store(path) as store:
        store.add("第一条 旧的文字。\n".encode(), "slow.txt")
    slow = _SlowAnalysis()
    errors: list[BaseException] = []

    def add_slowly() -> None:
        try:
            with Store.open(path, analysis=slow) as store:
                store.add("第一条 新的文字。\n".encode(), "slow.txt")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    worker = threading.Thread(target=add_slowly)
    worker.start()
    try:
        assert slow.comparing.wait(30)
        with open_store(path, lock_timeout=10) as other:  # the slow add waits in its comparison until go_on
            added = other.add("第一条 另一份文件。\n".encode(), "other.txt")
        assert added.created
    finally:
        slow.go_on.set()
        worker.join(60)
    assert not errors
    with open_store(path) as store:
        assert [v.number for v in store.log("slow")] == [2, 1]
        assert [v.number for v in store.log("other")] == [1]


def test_an_add_that_lost_the_race_on_its_own_document_compares_again_with_the_new_latest(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with open_store(path) as store:
        store.add("第一条 第一版。\n".encode(), "doc.txt")
    slow = _SlowAnalysis()
    results = []

    def add_slowly() -> None:
        with Store.open(path, analysis=slow) as store:
            results.append(store.add("第一条 第三版。\n".encode(), "doc.txt"))

    worker = threading.Thread(target=add_slowly)
    worker.start()
    assert slow.comparing.wait(30)
    with open_store(path) as store:
        store.add("第一条 第二版。\n".encode(), "doc.txt")
    slow.go_on.set()
    worker.join(60)
    assert [r.version.number for r in results] == [3]
    with open_store(path) as store:
        assert [v.number for v in store.log("doc")] == [3, 2, 1]


# -- issue 24, item 11: a first add interrupted while others write never takes the store away ----------------

_ROOT = Path(__file__).resolve().parents[2]


def _worker(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.workers", *args], cwd=_ROOT, text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=default_signals,
    )


def _says(proc: subprocess.Popen[str], word: str) -> None:
    """Wait (at most 60 s) for the line ``word`` from ``proc``."""
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], 60)
    assert ready, f"no {word!r} from the worker within 60 s"
    assert proc.stdout.readline().strip() == word, proc.stderr.read() if proc.stderr else ""


def test_a_first_add_interrupted_while_others_open_and_add_leaves_their_versions_in_a_whole_store(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store"
    doc = tmp_path / "slow.txt"
    doc.write_text("第一条 慢的那一份。\n", encoding="utf-8")
    procs: list[subprocess.Popen[str]] = []
    try:
        slow = _worker("stalled-add", str(path), str(doc))
        procs.append(slow)
        _says(slow, "ready")  # the slow add has opened (or created) the store and is cutting clauses
        others = [_worker("gated-add", str(path), f"doc{n}") for n in range(4)]
        procs += others
        for other in others:
            _says(other, "opened")
        slow.send_signal(signal.SIGINT)
        _, slow_err = slow.communicate(timeout=60)
        assert slow.returncode == 130 and "interrupted" in slow_err
        results = [other.communicate("go\n", timeout=120) for other in others]
        failed = [(other.returncode, err[-500:]) for other, (_, err) in zip(others, results, strict=True)
                  if other.returncode != 0]  # fmt: skip
        assert not failed
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    with open_store(path, create=False) as store:
        assert [info.doc_id for info in store.documents()] == [f"doc{n}" for n in range(4)]
        assert check(store).ok
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slow.txt", "store"]  # no temporary store left beside


# -- issue 24, item 17: what was recorded before an error or a Ctrl-C is said ------------------------------


def test_ctrl_c_while_packing_after_an_add_says_the_version_was_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(self: GitRepo) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(GitRepo, "pack_if_needed", interrupted)
    doc = tmp_path / "notice.txt"
    doc.write_text("第一条 本办法自公布之日起施行。\n", encoding="utf-8")
    store = str(tmp_path / "store")
    assert main(["store", "add", str(doc), "--store", store]) == 130
    out, err = capsys.readouterr()
    assert "notice v1" in out
    line = one_line_error(err)
    assert line.startswith("wendiff: interrupted") and "1 new version was recorded" in line, line
    with open_store(store) as opened:
        assert [v.number for v in opened.log("notice")] == [1]


@pytest.mark.parametrize("verbose", [[], ["-v"]])
def test_an_import_that_fails_at_file_6_says_5_versions_were_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], verbose: list[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(1, 9):
        (folder / f"doc{n}.txt").write_text(f"第一条 第{n}份文件的内容。\n", encoding="utf-8")
    write_blob = GitRepo.write_blob

    def full_disk_at_file_6(self: GitRepo, data: bytes) -> str:
        if "第6份".encode() in data:
            raise StoreError(f"{self.path}: cannot write a git object: No space left on device")
        return write_blob(self, data)

    monkeypatch.setattr(GitRepo, "write_blob", full_disk_at_file_6)
    store = str(tmp_path / "store")
    assert main(["store", "import", str(folder), "--store", store, *verbose]) == 2
    out, err = capsys.readouterr()
    line = one_line_error(err)
    assert "No space left on device" in line and "5 new versions were recorded before" in line, line
    assert out.count("\n") == (5 if verbose else 0), out
    with open_store(store) as opened:
        assert [info.doc_id for info in opened.documents()] == [f"doc{n}" for n in range(1, 6)]
