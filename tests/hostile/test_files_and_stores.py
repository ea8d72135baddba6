"""Odd files and stores that aren't ours: FIFOs, empty extractions, names that are not UTF-8, links out of a
folder, look-alike ids, failed imports and exports, stores owned by another user (issue 15, items 6-9, 11, 14)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from corpus.store.transfer import files_in
from diffing.versions import open_store
from tui.cli import main

from .conftest import one_line_error

TEXT = "第一条 本办法自公布之日起施行。\n"
BAD = os.fsdecode(b"a\xff.txt")
"""A file name whose bytes are not UTF-8 (legal on Linux), as Python sees it (surrogateescape)."""


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "plain.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


# -- item 7: FIFOs and other non-regular files ------------------------------------------------------------


def _run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, timeout=timeout,
                          check=False, env={**os.environ, "WENDIFF_DEBUG": "0"})  # fmt: skip


def test_a_fifo_is_refused_in_one_line_by_diff_and_store_add(tmp_path: Path, plain: Path) -> None:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    for args in (["diff", str(fifo), str(plain)], ["store", "add", str(fifo), "--store", str(tmp_path / "s")]):
        done = _run(*args, timeout=120)
        assert done.returncode == 2
        assert one_line_error(done.stderr) == f"wendiff: {fifo}: not a regular file (a FIFO); only files are read\n"
    assert not (tmp_path / "s").exists()


def test_dups_of_a_folder_holding_a_fifo_skips_it_with_a_note(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(folder / "fifo.txt")
    done = _run("dups", str(folder), "--workers", "1", timeout=60)
    assert done.returncode == 0
    assert "fifo.txt: not a regular file (a FIFO)" in done.stderr
    assert "1 skipped" in done.stdout


def test_store_import_leaves_out_a_fifo_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(folder / "fifo.txt")
    assert main(["store", "import", str(folder), "--store", str(tmp_path / "s")]) == 0
    err = capsys.readouterr().err
    assert err == f"wendiff: warning: {folder / 'fifo.txt'}: not a regular file (a FIFO), skipped\n"


# -- item 8: empty extraction -----------------------------------------------------------------------------


def _deep_html(levels: int) -> str:
    return "<html><body>" + "<div>" * levels + "第一条 本办法自公布之日起施行。" + "</div>" * levels + "</body></html>"


def test_an_html_page_that_yields_no_text_is_refused_and_never_stored(
    tmp_path: Path, plain: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "deep.html"
    page.write_text(_deep_html(300), encoding="utf-8")
    assert main(["diff", str(page), str(plain)]) == 2
    assert "no text found" in one_line_error(capsys.readouterr().err)
    assert main(["store", "add", str(page), "--store", str(tmp_path / "s"), "--doc", "x"]) == 2
    assert "no text found" in one_line_error(capsys.readouterr().err)
    assert not (tmp_path / "s").exists()


# -- item 6: names that are not UTF-8 ---------------------------------------------------------------------


def test_names_that_are_not_utf8_work_end_to_end_and_are_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    odd = folder / BAD
    odd.write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT.replace("公布", "发布"), encoding="utf-8")
    store = str(tmp_path / "store")
    assert main(["store", "add", str(odd), "--doc", "x", "--store", store]) == 0
    assert "a\\xff.txt" in capsys.readouterr().out
    assert main(["store", "import", str(folder), "--doc", "y", "--store", store]) == 0
    report = tmp_path / os.fsdecode(b"r\xfe.json")
    assert main(["diff", str(odd), str(folder / "b.txt"), "-o", str(report)]) == 1
    assert json.loads(report.read_text(encoding="utf-8"))["a"]["name"].endswith("a\\xff.txt")
    dups = tmp_path / os.fsdecode(b"d\xfe.json")
    assert main(["dups", str(folder), "-o", str(dups), "-f", "json", "--workers", "1"]) == 0
    names = [d["name"] for d in json.loads(dups.read_text(encoding="utf-8"))["documents"]]
    assert any(n.endswith("a\\xff.txt") for n in names)
    capsys.readouterr()
    with open_store(store) as opened:
        assert opened.log("x")[0].name == "a\\xff.txt"


def test_a_name_that_is_not_utf8_without_an_id_is_one_line_and_creates_no_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = tmp_path / BAD
    odd.write_text("没有文号的文字。\n", encoding="utf-8")
    assert main(["store", "add", str(odd), "--store", str(tmp_path / "store")]) == 2
    assert "give an id with --doc ID" in one_line_error(capsys.readouterr().err)
    assert not (tmp_path / "store").exists()


# -- item 11: failed import and export ----------------------------------------------------------------------


def test_a_failed_import_leaves_no_new_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe\x00\x00\x00")
    assert main(["store", "import", str(folder), "--store", str(tmp_path / "store")]) == 2
    assert "binary file" in one_line_error(capsys.readouterr().err)
    assert not (tmp_path / "store").exists()


def test_a_failed_export_leaves_no_partial_files_and_can_be_run_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from corpus.store import Store, StoreError

    store = str(tmp_path / "store")
    with open_store(store) as opened:
        opened.add(TEXT.encode(), "doc.txt")
        opened.add(TEXT.replace("公布", "发布").encode(), "doc.txt")
    real = Store.original
    calls = []

    def corrupt_second(self: Store, version: object) -> bytes:
        calls.append(version)
        if len(calls) == 2:
            raise StoreError(f"{store}: cannot read blob: corrupt object (see store check)")
        return real(self, version)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "original", corrupt_second)
    out = tmp_path / "out"
    assert main(["store", "export", "doc", str(out), "--store", store]) == 2
    one_line_error(capsys.readouterr().err)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
    monkeypatch.setattr(Store, "original", real)
    assert main(["store", "export", "doc", str(out), "--store", store]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["v001.txt", "v002.txt"]


# -- item 14: links and look-alikes -------------------------------------------------------------------------


def test_store_import_does_not_follow_a_link_out_of_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to(folder / "a.txt")
    found = files_in(folder)
    assert [p.name for p in found.paths] == ["a.txt", "inside.txt"]
    assert main(["store", "import", str(folder), "--store", str(tmp_path / "store"), "--doc", "d"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{folder / 'passwd.txt'}: a link to {secret}, outside the folder: not followed" in err
    with open_store(tmp_path / "store") as opened:
        assert all(b"root:" not in opened.original(v) for v in opened.log("d"))


def test_a_composed_and_a_decomposed_id_name_one_document(tmp_path: Path) -> None:
    composed, decomposed = "caf\u00e9", unicodedata.normalize("NFD", "caf\u00e9")
    assert composed != decomposed
    with open_store(tmp_path / "store") as store:
        store.add(TEXT.encode(), "a.txt", doc_id=composed)
        store.add(TEXT.replace("公布", "发布").encode(), "b.txt", doc_id=decomposed)
        assert [d.doc_id for d in store.documents()] == [composed]
        assert [v.number for v in store.log(decomposed)] == [2, 1]


# -- item 9: a store owned by another user -------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give the store away")
def test_a_store_owned_by_another_user_says_so_with_the_fix(
    tmp_path: Path, plain: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    store = tmp_path / "store"
    assert main(["store", "add", str(plain), "--doc", "x", "--store", str(store)]) == 0
    for root, dirs, files in os.walk(store):
        for name in [*dirs, *files]:
            os.chown(os.path.join(root, name), 12345, 12345)
    os.chown(store, 12345, 12345)
    capsys.readouterr()
    for command in (["list"], ["check"], ["log", "x"]):
        assert main(["store", *command, "--store", str(store)]) == 2
        err = one_line_error(capsys.readouterr().err)
        assert "owned by another user" in err and "dubious ownership" in err
        assert f"git config --global --add safe.directory {store}" in err
