"""Reports that must not destroy anything, and options that must not hang or crash (issue 24, items 2, 3, 15, 16).

A report never overwrites an input or a store and is never left half written; every option and environment
variable is checked, and a standard output that cannot be written is one line and exit 2.
"""

from __future__ import annotations

import errno
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from diffing.versions import open_store
from tui.cli import main

from .conftest import one_line_error

A_TEXT = "第一条 本办法自公布之日起施行。\n"
B_TEXT = "第一条 本办法自发布之日起施行。\n"


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(A_TEXT, encoding="utf-8")
    b.write_text(B_TEXT, encoding="utf-8")
    return a, b


def _run(*args: str, timeout: float = 60, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WENDIFF_DEBUG": "0", **kwargs.pop("env", {})}  # type: ignore[dict-item]
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=kwargs.pop("capture", True),
                          text=True, timeout=timeout, check=False, env=env, **kwargs)  # type: ignore[call-overload]  # fmt: skip


# -- item 2: an output that is an input, or inside the store ------------------------------------------------


@pytest.mark.parametrize("how", ["same name", "symlink to B", "hard link to A"])
def test_a_report_over_an_input_is_refused_and_the_input_kept(
    tmp_path: Path, pair: tuple[Path, Path], how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = pair
    out = {"same name": a, "symlink to B": tmp_path / "link.json", "hard link to A": tmp_path / "hard.json"}[how]
    if how == "symlink to B":
        out.symlink_to(b)
    elif how == "hard link to A":
        out.hardlink_to(a)
    assert main(["diff", str(a), str(b), "-f", "json", "-o", str(out)]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert err.startswith(f"wendiff: {out}: ") and "is an input" in err
    assert a.read_text(encoding="utf-8") == A_TEXT and b.read_text(encoding="utf-8") == B_TEXT


def test_dups_refuses_a_report_over_a_file_it_scans(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(A_TEXT, encoding="utf-8")
    (folder / "two.txt").write_text(B_TEXT, encoding="utf-8")
    out = folder / "one.txt"
    assert main(["dups", str(folder), "-o", str(out), "--workers", "1", "-q"]) == 2
    assert "is an input" in one_line_error(capsys.readouterr().err)
    assert out.read_text(encoding="utf-8") == A_TEXT


def test_a_new_report_inside_the_scanned_folder_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(A_TEXT, encoding="utf-8")
    out = folder / "report.json"
    assert main(["dups", str(folder), "-o", str(out), "-f", "json", "--workers", "1", "-q"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "wendiff.dups"


@pytest.fixture
def store(tmp_path: Path, pair: tuple[Path, Path]) -> Path:
    where = tmp_path / "store"
    with open_store(where) as opened:
        for path in pair:
            opened.add_file(path, doc_id="x")
    return where


@pytest.mark.parametrize("inside", ["refs/heads/main", "new.json", "objects/new.json"])
def test_store_diff_refuses_a_report_inside_the_store(
    store: Path, inside: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = store / inside
    before = out.read_bytes() if out.exists() else None
    assert main(["store", "diff", "x", "-f", "json", "-o", str(out), "--store", str(store)]) == 2
    assert "inside the store" in one_line_error(capsys.readouterr().err)
    assert (out.read_bytes() if out.exists() else None) == before
    assert main(["store", "list", "--store", str(store)]) == 0
    assert "x " in capsys.readouterr().out


def test_dups_with_the_store_refuses_a_report_inside_it(
    store: Path, pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    out = store / "HEAD"
    before = out.read_bytes()
    assert main(["dups", str(pair[0]), "--store", str(store), "-o", str(out), "--workers", "1", "-q"]) == 2
    assert "inside the store" in one_line_error(capsys.readouterr().err)
    assert out.read_bytes() == before


def test_diff_refuses_a_report_inside_the_default_store(
    store: Path, pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WENDIFF_STORE", str(store))
    assert main(["diff", *map(str, pair), "-f", "json", "-o", str(store / "HEAD")]) == 2
    assert "inside the store" in one_line_error(capsys.readouterr().err)


def test_a_report_replaces_the_old_file_and_nothing_of_it_is_kept(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    out, other = tmp_path / "r.json", tmp_path / "other-name.json"
    out.write_text("old report", encoding="utf-8")
    other.hardlink_to(out)
    out.chmod(0o600)
    assert main(["diff", *map(str, pair), "-o", str(out)]) == 1
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "wendiff.diff"
    assert other.read_text(encoding="utf-8") == "old report"  # renamed into place, not written through
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# -- item 3: a full disk never leaves a partial report ------------------------------------------------------


def _full_disk_at(call: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``os.write`` (after writing a few bytes) or ``os.fsync`` fail as on a full file system."""
    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        if len(data) > 10:
            real_write(fd, bytes(data)[:10])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, call, {"write": write, "fsync": fsync}[call])


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_full_disk_leaves_the_old_report_untouched_and_no_partial_file(
    tmp_path: Path, pair: tuple[Path, Path], call: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "r.html"
    out.write_text("the old report", encoding="utf-8")
    before = sorted(os.listdir(tmp_path))
    _full_disk_at(call, monkeypatch)
    assert main(["diff", *map(str, pair), "-o", str(out)]) == 2
    monkeypatch.undo()
    err = one_line_error(capsys.readouterr().err)
    assert err == f"wendiff: {out}: cannot write the report (No space left on device)\n"
    assert out.read_text(encoding="utf-8") == "the old report"
    assert sorted(os.listdir(tmp_path)) == before


def test_dups_on_a_full_disk_leaves_no_partial_report(
    tmp_path: Path, pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "d.json"
    _full_disk_at("fsync", monkeypatch)
    assert main(["dups", *map(str, pair), "-o", str(out), "-f", "json", "--workers", "1", "-q"]) == 2
    monkeypatch.undo()
    assert "No space left on device" in one_line_error(capsys.readouterr().err)
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt"]


def test_the_apps_export_on_a_full_disk_keeps_the_old_file(
    tmp_path: Path, pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from corpus.errors import WendiffError
    from corpus.pipeline import load
    from diffing.compare import compare
    from tui.jobs import export_report

    diff = compare(load(str(pair[0])), load(str(pair[1])))
    out = tmp_path / "r.md"
    out.write_text("the old report", encoding="utf-8")
    _full_disk_at("fsync", monkeypatch)
    with pytest.raises(WendiffError, match="No space left on device"):
        export_report(diff, "md", out)
    monkeypatch.undo()
    assert out.read_text(encoding="utf-8") == "the old report"
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt", "r.md"]


# -- item 15: options and environment -----------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["-5", "0", "19", "1001", "100000000", "abc"])
def test_columns_out_of_range_are_refused_in_one_line(
    pair: tuple[Path, Path], columns: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["diff", *map(str, pair), "--columns", columns])
    assert done.value.code == 2
    err = one_line_error(capsys.readouterr().err)
    assert "--columns" in err and "20 to 1000" in err


@pytest.mark.parametrize("columns", ["20", "1000"])
def test_columns_at_the_ends_of_the_range_work(
    pair: tuple[Path, Path], columns: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", *map(str, pair), "--columns", columns]) == 1
    assert "[-公布-]" in capsys.readouterr().out


@pytest.mark.parametrize(("terminal", "expected"), [(100_000_000, 1000), (3, 20), (120, 120)])
def test_the_terminals_width_is_held_to_the_same_range(
    terminal: int, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from tui.cmd_diff import text_width

    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=(80, 24): os.terminal_size((terminal, 24)))
    assert text_width(None, to_tty=True) == expected


def test_an_unspin_table_that_is_a_device_is_refused(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", *map(str, pair), "--unspin-table", "/dev/zero"]) == 2
    assert one_line_error(capsys.readouterr().err) == (
        "wendiff: /dev/zero: unspin table is not a regular file (a character device)\n"
    )


def test_an_unspin_table_that_is_a_fifo_is_refused_without_blocking(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    fifo = tmp_path / "table.tsv"
    os.mkfifo(fifo)
    done = _run("diff", *map(str, pair), "--unspin-table", str(fifo))
    assert done.returncode == 2
    assert one_line_error(done.stderr) == f"wendiff: {fifo}: unspin table is not a regular file (a FIFO)\n"


def test_a_huge_unspin_table_is_refused_before_reading(
    tmp_path: Path, pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from corpus.unspin import MAX_TABLE_BYTES

    table = tmp_path / "table.tsv"
    with table.open("wb") as f:
        f.truncate(MAX_TABLE_BYTES + 1)
    assert main(["diff", *map(str, pair), "--unspin-table", str(table)]) == 2
    assert "over the 16 MB limit of an unspin table" in one_line_error(capsys.readouterr().err)


@pytest.mark.parametrize("kind", ["fifo", "directory", "device"])
def test_an_output_that_is_not_a_regular_file_is_refused_without_blocking(
    tmp_path: Path, pair: tuple[Path, Path], kind: str
) -> None:
    out = {"fifo": tmp_path / "r.json", "directory": tmp_path / "dir", "device": Path("/dev/null")}[kind]
    if kind == "fifo":
        os.mkfifo(out)
    elif kind == "directory":
        out.mkdir()
    done = _run("diff", *map(str, pair), "-f", "json", "-o", str(out))
    assert done.returncode == 2
    assert one_line_error(done.stderr).startswith(f"wendiff: {out}: not a regular file (")
    if kind == "fifo":
        assert out.is_fifo()


@pytest.mark.parametrize("value", ["abc", "nan", "inf", "-1", "0", "1e400"])
def test_a_soffice_timeout_that_is_not_a_finite_positive_number_is_refused(
    pair: tuple[Path, Path], value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WENDIFF_SOFFICE_TIMEOUT", value)
    assert main(["diff", *map(str, pair)]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert err.startswith("wendiff: WENDIFF_SOFFICE_TIMEOUT=") and "seconds" in err


def test_a_soffice_timeout_is_read_as_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus.environment import soffice_timeout

    monkeypatch.setenv("WENDIFF_SOFFICE_TIMEOUT", "2.5")
    assert soffice_timeout() == 2.5
    monkeypatch.delenv("WENDIFF_SOFFICE_TIMEOUT")
    assert soffice_timeout() == 120.0


def test_the_largest_max_size_reads_ordinary_files_and_standard_input(pair: tuple[Path, Path]) -> None:
    assert main(["diff", *map(str, pair), "--max-size", "1T"]) == 1
    done = _run("diff", "-", str(pair[1]), "--max-size", "1T", input=A_TEXT)
    assert done.returncode == 1, done.stderr


def _memory_cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024**2, 1536 * 1024**2))


def test_a_file_too_large_for_the_memory_left_is_one_line_naming_it(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(2 * 1024**3)  # sparse: takes no disk
    done = _run("diff", str(big), str(pair[1]), "--max-size", "1T", preexec_fn=_memory_cap)
    assert done.returncode == 2
    assert one_line_error(done.stderr).startswith(f"wendiff: {big}: file is 2 GB: too large to read into memory")


def test_a_file_over_an_eighth_of_the_machines_memory_is_refused_before_reading(
    tmp_path: Path, pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(memory // 8 + 1)  # sparse: takes no disk
    assert main(["diff", str(big), str(pair[1]), "--max-size", "1T"]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert err.startswith(f"wendiff: {big}: file is ") and "too large to read into memory (at most" in err


def test_running_out_of_memory_is_one_line(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import diffing.compare

    def exhausted(*_args: object, **_kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(diffing.compare, "compare", exhausted)
    assert main(["diff", *map(str, pair)]) == 2
    assert one_line_error(capsys.readouterr().err).startswith("wendiff: out of memory")


# -- item 16: standard output, store paths, arguments that are not UTF-8 -----------------------------------


def test_standard_output_on_a_full_device_is_one_line(pair: tuple[Path, Path]) -> None:
    with open("/dev/full", "w") as full:
        done = _run("diff", *map(str, pair), capture=False, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2
    assert one_line_error(done.stderr) == "wendiff: standard output: cannot write (No space left on device)\n"


def test_a_closed_standard_output_is_one_line(pair: tuple[Path, Path]) -> None:
    done = _run("diff", *map(str, pair), capture=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                preexec_fn=lambda: os.close(1))  # fmt: skip
    assert done.returncode == 2
    assert one_line_error(done.stderr) == "wendiff: standard output is closed; nothing was written (use -o FILE)\n"


def test_a_closed_standard_output_does_not_matter_with_an_output_file(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    out = tmp_path / "r.json"
    done = _run("diff", *map(str, pair), "-o", str(out), capture=False, stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "wendiff.diff"


@pytest.mark.parametrize("command", ["add", "list", "import", "dups", "env"])
def test_a_store_path_under_a_regular_file_is_one_line(
    tmp_path: Path, pair: tuple[Path, Path], command: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    where = str(blocker / "sub")
    argv = {
        "add": ["store", "add", str(pair[0]), "--store", where],
        "list": ["store", "list", "--store", where],
        "import": ["store", "import", str(pair[0].parent), "--store", where],
        "dups": ["dups", str(pair[0]), "--store", where, "--workers", "1", "-q"],
        "env": ["store", "add", str(pair[0])],
    }[command]
    monkeypatch.setenv("WENDIFF_STORE", where)
    assert main(argv) == 2
    assert one_line_error(capsys.readouterr().err) == f"wendiff: {where}: cannot be a store: {blocker} is a file\n"
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("option", ["-m", "--title", "--source", "--doc"])
def test_an_argument_that_is_not_utf8_is_one_line(
    tmp_path: Path, pair: tuple[Path, Path], option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = os.fsdecode(b"note \xff")
    with pytest.raises(SystemExit) as done:
        main(["store", "add", str(pair[0]), "--store", str(tmp_path / "s"), option, bad])
    assert done.value.code == 2
    err = one_line_error(capsys.readouterr().err)
    assert "not UTF-8 text" in err and "\\xff" in err
    assert not (tmp_path / "s").exists()


def test_a_usage_error_is_one_line(pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["diff", str(pair[0])])
    assert done.value.code == 2
    assert one_line_error(capsys.readouterr().err).startswith("wendiff diff: ")


@pytest.mark.parametrize("command", ["add", "list"])
def test_store_commands_on_a_full_or_closed_standard_output_are_one_line(
    tmp_path: Path, pair: tuple[Path, Path], command: str
) -> None:
    where = str(tmp_path / "s")
    assert main(["store", "add", str(pair[0]), "--doc", "x", "--store", where]) == 0
    argv = ["store", command, *([str(pair[1]), "--doc", "x"] if command == "add" else []), "--store", where]
    with open("/dev/full", "w") as full:
        done = _run(*argv, capture=False, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2
    error = one_line_error(done.stderr)
    assert error.startswith("wendiff: standard output: cannot write (No space left on device)")
    if command == "add":  # the version is recorded all the same, and the line says so
        assert error.endswith("; 1 new version was recorded before this error (the last: x v2)\n")
    else:
        assert error == "wendiff: standard output: cannot write (No space left on device)\n"
    done = _run("store", "list", "--store", where, capture=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                preexec_fn=lambda: os.close(1))  # fmt: skip
    assert done.returncode == 2
    assert "standard output is closed" in one_line_error(done.stderr)


@pytest.mark.parametrize("workers", ["0", "-1", "257", "100000000", "x"])
def test_workers_out_of_range_are_refused_in_one_line(
    pair: tuple[Path, Path], workers: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["dups", *map(str, pair), "--workers", workers])
    assert done.value.code == 2
    err = one_line_error(capsys.readouterr().err)
    assert "--workers" in err and "1 to 256" in err
