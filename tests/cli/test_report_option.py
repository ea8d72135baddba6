"""`--report {redline,table,amendments}` on `wendiff diff` and `wendiff store diff`: formats, refusals, exits."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from corpus.samples import real_pair
from tui.cli import main

A, B = (str(p) for p in real_pair("01_holiday_measures"))


def test_redline_is_the_default_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", A, B, "-f", "json"]) == 1
    default = capsys.readouterr().out
    assert main(["diff", A, B, "-f", "json", "--report", "redline"]) == 1
    assert capsys.readouterr().out == default
    assert json.loads(default)["format"] == "wendiff.diff"


def test_table_as_text_goes_to_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", A, B, "--report", "table"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("《全国年节及纪念日放假办法》新旧对照表\n")
    assert "【第七条】新增" in out and "未列入本表" in out


def test_all_puts_renumbered_articles_in_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    main(["diff", A, B, "--report", "table", "--all"])
    assert "【第七条 → 第八条】条文顺序调整" in capsys.readouterr().out


@pytest.mark.parametrize("report", ["table", "amendments"])
@pytest.mark.parametrize("suffix", [".docx", ".html", ".md"])
def test_each_new_report_is_written_in_the_format_of_the_suffix(report: str, suffix: str, tmp_path: Path) -> None:
    out = tmp_path / f"report{suffix}"
    assert main(["diff", A, B, "--report", report, "-o", str(out)]) == 1
    data = out.read_bytes()
    if suffix == ".docx":
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    else:
        text = data.decode("utf-8")
    assert ("新旧对照表" if report == "table" else "的决定（草稿）") in text


def test_amendments_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", A, B, "--report", "amendments"]) == 1
    out = capsys.readouterr().out
    assert "三、增加一条，作为第七条：“" in out
    assert out.endswith("此外，对条文顺序作相应调整。\n本决定自　　年　　月　　日起施行。\n"
                        "《全国年节及纪念日放假办法》根据本决定作相应修改，重新公布。\n")


@pytest.mark.parametrize("report", ["table", "amendments"])
def test_a_report_in_a_format_it_has_not_is_one_line_and_exit_2(report: str, tmp_path: Path) -> None:
    for extra in (["-f", "json"], ["-o", str(tmp_path / "r.json")]):
        result = subprocess.run(
            [sys.executable, "-m", "tui.cli", "diff", A, B, "--report", report, *extra],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert result.returncode == 2
        assert result.stderr == (
            f"wendiff: --report {report} cannot be written as json (it can be: text, html, md, docx)\n"
        )
        assert result.stdout == ""
    assert not (tmp_path / "r.json").exists()


def test_an_unknown_report_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["diff", A, B, "--report", "minutes"])
    assert exc.value.code == 2
    assert "invalid choice: 'minutes'" in capsys.readouterr().err


def test_store_diff_takes_the_report_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "store")
    assert main(["store", "--store", store, "add", A, B, "--doc", "holiday"]) == 0
    capsys.readouterr()
    assert main(["store", "--store", store, "diff", "holiday", "--report", "amendments"]) == 1
    assert "三、增加一条，作为第七条" in capsys.readouterr().out
    out = tmp_path / "t.md"
    assert main(["store", "--store", store, "diff", "holiday", "--report", "table", "-o", str(out)]) == 1
    assert "| 修改前 | 修改后 | 说明 |" in out.read_text(encoding="utf-8")
    assert main(["store", "--store", store, "diff", "holiday", "--report", "table", "-f", "json"]) == 2
    assert "cannot be written as json" in capsys.readouterr().err


def test_color_always_colours_the_table_and_never_leaves_marks(capsys: pytest.CaptureFixture[str]) -> None:
    main(["diff", A, B, "--report", "table", "--color", "always"])
    out = capsys.readouterr().out
    assert "\x1b[9;31m新年\x1b[0m" in out and "\x1b[1;32m元旦\x1b[0m" in out
    assert "[-" not in out


@pytest.mark.parametrize(
    ("style", "opening", "last"),
    [
        ("npc", "对《", "根据本决定作相应修改并对条文顺序作相应调整，重新公布。"),
        ("state-council", "国务院决定对《", "》根据本决定作相应修改，重新公布。"),
        ("spc", "对《", "根据本决定，《全国年节及纪念日放假办法》作相应修改，重新公布。"),
    ],
)
def test_style_chooses_the_issuers_opening_and_closing(
    capsys: pytest.CaptureFixture[str], style: str, opening: str, last: str
) -> None:
    assert main(["diff", A, B, "--report", "amendments", "--style", style]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].startswith(opening)
    assert lines[-1].endswith(last)


def test_an_unknown_style_is_refused_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["diff", A, B, "--report", "amendments", "--style", "court"])
    assert exit_info.value.code == 2
    assert "--style" in capsys.readouterr().err
