"""``wendiff store …`` end to end through tui.cli.main, on real git in a temporary folder."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from diffing.versions import open_store
from tui.cli import main

from .conftest import git

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(store_path: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    """Run ``wendiff store --store STORE ARGS…``; return (status, stdout, stderr)."""

    def runner(*args: str) -> tuple[int, str, str]:
        status = main(["store", "--store", str(store_path), *args])
        out, err = capsys.readouterr()
        return status, out, err

    return runner


def test_add_list_log_through_the_command_line(run: Run, holiday: tuple[Path, Path]) -> None:
    status, out, _ = run("add", str(holiday[0]), "--doc", "holiday", "--date", "2013-12-11", "-m", "2013")
    assert status == 0
    assert out.startswith("holiday v1 ") and "new, " in out
    status, out, _ = run("add", str(holiday[1]), "--doc", "holiday", "--source", "https://www.gov.cn/x")
    assert status == 0 and out.startswith("holiday v2 ")
    status, out, _ = run("list")
    assert status == 0
    assert out.splitlines()[1].split()[:2] == ["holiday", "2"]
    assert "全国年节及纪念日放假办法" in out
    status, out, _ = run("log", "holiday")
    lines = out.splitlines()
    assert status == 0 and len(lines) == 3
    assert lines[1].startswith("v2") and "<https://www.gov.cn/x>" in lines[1] and "↔" in lines[1]
    assert lines[2].startswith("v1") and "2013-12-11  " in lines[2] and lines[2].endswith(" 2013")


def test_adding_identical_content_says_so(run: Run, holiday: tuple[Path, Path]) -> None:
    run("add", str(holiday[0]), "--doc", "holiday")
    status, out, _ = run("add", str(holiday[0]), "--doc", "holiday")
    assert status == 0
    assert "identical to version 1; no new version" in out


def test_show_writes_the_exact_original_bytes(
    store_path: Path, holiday: tuple[Path, Path], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    main(["store", "--store", str(store_path), "add", str(holiday[0]), str(holiday[1]), "--doc", "h"])
    capsysbinary.readouterr()
    assert main(["store", "--store", str(store_path), "show", "h@1"]) == 0
    assert capsysbinary.readouterr().out == holiday[0].read_bytes()
    assert main(["store", "--store", str(store_path), "show", "h"]) == 0
    assert capsysbinary.readouterr().out == holiday[1].read_bytes()


def test_diff_compares_the_previous_version_with_the_latest_in_any_format(
    run: Run, tribunal: tuple[Path, Path]
) -> None:
    run("add", str(tribunal[0]), str(tribunal[1]), "--doc", "tribunal")
    status, out, _ = run("diff", "tribunal", "--format", "json")
    report = json.loads(out)
    assert status == 1
    assert (report["format"], report["a"]["name"], report["b"]["name"]) == (
        "wendiff.diff", "tribunal@1.txt", "tribunal@2.txt",
    )
    assert report["summary"]["equal"] < len(report["rows"])
    status, out, _ = run("diff", "tribunal@1", "tribunal@1", "--format", "json")
    assert status == 0
    status, out, _ = run("diff", "tribunal@1", "--format", "text", "--color", "never", "--columns", "80")
    assert status == 1 and "tribunal@1.txt" in out


def test_blame_prints_one_line_per_clause_with_its_version(run: Run, tmp_path: Path) -> None:
    v1, v2 = tmp_path / "v1.txt", tmp_path / "v2.txt"
    v1.write_text("第一条　本办法用于测试。\n第二条　本办法自公布之日起施行。\n", "utf-8")
    v2.write_text("第一条　本办法用于测试。\n第二条　本办法自二〇二五年一月一日起施行。\n", "utf-8")
    run("add", str(v1), str(v2), "--doc", "law")
    status, out, _ = run("blame", "law")
    lines = out.splitlines()
    assert status == 0 and len(lines) == 4
    assert lines[1].startswith("v1 ") and lines[1].endswith("│ 本办法用于测试。")
    assert lines[3].startswith("v2 ") and lines[3].endswith("│ 本办法自二〇二五年一月一日起施行。")
    status, out, _ = run("blame", "law@1")
    assert all(line.startswith("v1 ") for line in out.splitlines())


def test_import_adds_every_file_in_path_order_and_skips_hidden_ones(
    run: Run, tmp_path: Path, store_path: Path, tribunal: tuple[Path, Path]
) -> None:
    folder = tmp_path / "drafts"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(tribunal[0], folder / "1.txt")
    shutil.copy(tribunal[1], folder / "sub" / "2.txt")
    (folder / ".notes.txt").write_text("private", "utf-8")
    status, out, _ = run("import", str(folder), "--doc", "tribunal")
    assert status == 0
    assert "imported 2 files: 2 new versions of 1 documents" in out
    with open_store(store_path) as store:
        versions = store.log("tribunal")
        assert [v.name for v in versions] == ["2.txt", "1.txt"]


def test_an_unreadable_file_stops_import_before_anything_is_added(
    run: Run, tmp_path: Path, store_path: Path, tribunal: tuple[Path, Path]
) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    shutil.copy(tribunal[0], folder / "1.txt")
    (folder / "2.bin").write_bytes(bytes(range(256)) * 20)
    status, _out, err = run("import", str(folder), "--doc", "tribunal")
    assert status == 2
    assert err.strip() == f"wendiff: {folder / '2.bin'}: binary file, not a text document"
    assert git(store_path, "rev-parse", "--verify", "-q", "main", check=False).stdout == ""


def test_export_writes_every_version_and_never_overwrites(
    run: Run, tmp_path: Path, holiday: tuple[Path, Path]
) -> None:
    run("add", str(holiday[0]), str(holiday[1]), "--doc", "holiday")
    out_dir = tmp_path / "out"
    status, _out, _ = run("export", "holiday", str(out_dir))
    assert status == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["v001.txt", "v002.txt"]
    assert (out_dir / "v001.txt").read_bytes() == holiday[0].read_bytes()
    assert (out_dir / "v002.txt").read_bytes() == holiday[1].read_bytes()
    (out_dir / "v001.txt").write_bytes(b"edited")
    status, _, err = run("export", "holiday", str(out_dir))
    assert status == 2 and "already exists" in err
    assert (out_dir / "v001.txt").read_bytes() == b"edited"


def test_check_exit_status_says_whole_damaged_or_trouble(
    run: Run, store_path: Path, tmp_path: Path, holiday: tuple[Path, Path]
) -> None:
    run("add", str(holiday[0]), "--doc", "holiday")
    status, out, _ = run("check")
    assert status == 0 and "store is whole (1 versions of 1 documents)" in out
    sha = git(store_path, "rev-parse", "main:docs/holiday/clauses.txt").stdout.strip()
    (store_path / "objects" / sha[:2] / sha[2:]).unlink()
    status, out, _ = run("check")
    assert status == 1 and "clauses.txt cannot be read (missing object)" in out
    assert main(["store", "--store", str(tmp_path / "nowhere"), "check"]) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "{file}", "--doc", "../escape"], "wendiff: document id '../escape' starts with '.'"),
        (["add", "{file}", "--doc=-rf"], "wendiff: document id '-rf' starts with '-'"),
        (["add", "{file}", "--date", "2024-02-30"], "is not a date"),
        (["add", "/no/such/file.txt"], "wendiff: /no/such/file.txt: no such file"),
        (["log", "nothing"], "no document 'nothing'"),
        (["show", "holiday@9"], "holiday@9: 'holiday' has versions 1 to 1"),
        (["show", "holiday@zz"], "revision 'zz' is not"),
    ],
)
def test_user_errors_are_one_line_with_status_2_and_leave_the_store_untouched(
    run: Run, store_path: Path, holiday: tuple[Path, Path], args: list[str], message: str
) -> None:
    run("add", str(holiday[0]), "--doc", "holiday")
    head = git(store_path, "rev-parse", "main").stdout
    status, _out, err = run(*(a.format(file=holiday[1]) for a in args))
    assert status == 2
    assert message in err and err.count("\n") == 1
    assert git(store_path, "rev-parse", "main").stdout == head


def test_store_option_is_accepted_before_or_after_the_subcommand(
    tmp_path: Path, holiday: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    where = tmp_path / "elsewhere"
    assert main(["store", "add", str(holiday[0]), "--doc", "h", "--store", str(where)]) == 0
    assert main(["store", "--store", str(where), "list"]) == 0
    assert "h  " in capsys.readouterr().out


def test_without_store_option_the_environment_names_the_store(
    tmp_path: Path, holiday: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["store", "add", str(holiday[0]), "--doc", "h"]) == 0
    assert (tmp_path / "env-store" / "HEAD").is_file()


def test_a_file_without_an_id_stops_add_before_any_file_is_added(
    run: Run, tmp_path: Path, store_path: Path, holiday: tuple[Path, Path]
) -> None:
    nameless = tmp_path / "draft@2.txt"
    nameless.write_text("没有文号的草稿。\n", "utf-8")
    status, _out, err = run("add", str(holiday[0]), str(nameless))
    assert status == 2
    assert "no 文号 found" in err and "--doc" in err
    assert not store_path.exists()
