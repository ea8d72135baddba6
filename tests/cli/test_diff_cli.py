"""`wendiff diff` as a user runs it: exit codes, formats, and one clear line for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.samples import real_pair, seed
from tests.conftest import REAL
from tui.cli import main

A, B = (str(p) for p in real_pair("01_holiday_measures"))


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], input=stdin, capture_output=True, timeout=60)


def test_same_file_exits_0_and_different_files_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", A, A]) == 0
    assert main(["diff", A, B]) == 1
    out = capsys.readouterr().out
    assert "+++ " in out and "renumbered 1 · modified 6" in out


def test_plain_text_view_marks_words_not_runs_of_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    main(["diff", A, B, "--color", "never", "--layout", "unified"])
    out = capsys.readouterr().out
    assert "[-星期六、星期日-]{+周六、周日+}" in out
    assert "\x1b[" not in out


def test_color_always_uses_ansi_escapes(capsys: pytest.CaptureFixture[str]) -> None:
    main(["diff", A, B, "--color", "always"])
    assert "\x1b[" in capsys.readouterr().out


def test_side_by_side_columns_stay_aligned_by_cell_width(capsys: pytest.CaptureFixture[str]) -> None:
    from rich.cells import cell_len

    main(["diff", A, B, "--layout", "side", "--columns", "120", "--color", "never"])
    lines = capsys.readouterr().out.splitlines()[3:]
    assert lines and all(cell_len(line.rstrip()) <= 120 for line in lines)


def test_json_report_to_file(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert main(["diff", A, B, "-o", str(out)]) == 1
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["format"] == "wendiff.diff" and report["version"] == 3
    assert report["summary"]["inserted"] == 5


def test_switches_are_recorded_in_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    main(["diff", A, B, "-f", "json", "--no-width", "--no-t2s", "--inline", "char"])
    report = json.loads(capsys.readouterr().out)
    assert report["options"]["width"] is False and report["options"]["script"] == "none"
    assert report["options"]["inline"] == "char"
    # Without width folding the half- and full-width brackets of 01 differ.
    assert report["summary"]["modified"] > 7


def test_standard_input_is_one_document() -> None:
    result = _run("diff", "-", B, "-f", "json", stdin=Path(A).read_bytes())
    assert result.returncode == 1
    assert json.loads(result.stdout)["a"]["name"] == "-"


def test_empty_file_is_an_empty_document(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["diff", str(empty), str(empty)]) == 0
    assert main(["diff", str(empty), A, "-o", str(tmp_path / "r.json")]) == 1
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert {row["op"] for row in report["rows"]} == {"inserted"}


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[str, str]]:
    png = tmp_path / "image.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes([0x81, 0xFF, 0xFE, 0x80, 0xC3]) * 40)
    big = tmp_path / "big.txt"
    big.write_bytes("国家".encode() * 2000)
    return {
        "missing": (str(tmp_path / "nope.txt"), "nope.txt"),
        "directory": (str(tmp_path), str(tmp_path)),
        "binary": (str(png), "image.png"),
        "undecodable": (str(junk), "junk.txt"),
        "too large": (str(big), "big.txt"),
    }


@pytest.mark.parametrize("case", ["missing", "directory", "binary", "undecodable", "too large"])
def test_bad_input_gives_one_line_naming_the_file_and_exit_2(tmp_path: Path, case: str) -> None:
    path, name = _bad_inputs(tmp_path)[case]
    result = _run("diff", path, A, "--max-size", "10k")
    err = result.stderr.decode()
    assert result.returncode == 2
    assert err.count("\n") == 1 and name in err and "Traceback" not in err
    assert result.stdout == b""


def test_seed_pair_runs_end_to_end_from_the_command_line() -> None:
    result = _run("diff", str(seed("000")), str(seed("001")), "--color", "never")
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "乐活HOT" not in out and "跨区域生态补偿机制" in out


def test_a_row_whose_places_differ_names_both_a_first(capsys: pytest.CaptureFixture[str]) -> None:
    main(["diff", A, B, "--color", "never", "--layout", "unified"])
    lines = capsys.readouterr().out.splitlines()
    # Old 第七条 is new 第八条: its label row says where it was and where it is.
    assert any(line.startswith("# 第七条→第八条  ") for line in lines)
    # A new article has one place, B's.
    assert any(line.startswith("+ 第七条  ") for line in lines)


@pytest.mark.parametrize("bad_side", ["a", "b"])
def test_a_large_bad_file_beside_a_large_good_one_is_named(tmp_path: Path, bad_side: str) -> None:
    png = tmp_path / "image.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 400)
    good = REAL / "10_procuratorate_criminal_procedure_rules" / "a.txt"
    a, b = (png, good) if bad_side == "a" else (good, png)
    result = _run("diff", str(a), str(b))
    err = result.stderr.decode()
    assert result.returncode == 2
    assert err.count("\n") == 1 and "image.png" in err and "Traceback" not in err


def test_the_json_report_from_the_command_line_is_the_report_of_the_library(tmp_path: Path) -> None:
    from corpus.pipeline import load
    from diffing.compare import compare
    from diffing.reports.redline_json import dumps

    a, b = REAL / "06_company_law" / "a.txt", REAL / "06_company_law" / "b.txt"
    result = _run("diff", str(a), str(b), "--format", "json", "-o", str(tmp_path / "r.json"))
    assert result.returncode == 1, result.stderr
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == dumps(compare(load(str(a)), load(str(b))))


def test_a_large_a_read_ahead_reports_its_trouble_before_bs_as_when_read_first(tmp_path: Path) -> None:
    from diffing.segment_ahead import AHEAD_BYTES, reads_ahead

    binary = tmp_path / "big.txt"
    binary.write_bytes(bytes(range(256)) * (AHEAD_BYTES // 256 + 1))
    text = tmp_path / "law.txt"
    text.write_text((REAL / "10_procuratorate_criminal_procedure_rules" / "a.txt").read_text(encoding="utf-8"))
    assert reads_ahead(str(binary)) and reads_ahead(str(text))
    missing = str(tmp_path / "missing.txt")
    both_bad = _run("diff", str(binary), missing)
    assert both_bad.returncode == 2
    assert both_bad.stderr.decode().splitlines() == [f"wendiff: {binary}: binary file, not a text document"]
    b_bad = _run("diff", str(text), missing)
    assert (b_bad.returncode, b_bad.stderr.decode()) == (2, f"wendiff: {missing}: no such file\n")
    fine = _run("diff", str(text), str(REAL / "10_procuratorate_criminal_procedure_rules" / "b.txt"), "-f", "json")
    assert fine.returncode == 1 and json.loads(fine.stdout)["summary"]["changes"] > 0
