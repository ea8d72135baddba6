"""PDFs that would take the process down are read in a child with limits and refused in one line
(issue 24, items 1 and 6). Figures for the full-size cases are in bench/bench_pdf_bombs.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.errors import InputError
from corpus.read import read_source
from tui.cli import main

from .conftest import one_line_error
from .pdf_bombs import dense_text, fan_out, recursive_xobject

TEXT = "第一条 本办法自公布之日起施行。\n"


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "plain.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _small_child(monkeypatch: pytest.MonkeyPatch) -> None:
    """The child that reads a PDF gets 300 MB: a bomb meets the limit sooner than under the default."""
    monkeypatch.setenv("WENDIFF_PDF_MEMORY", "300")


def _bomb(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_pdf_whose_form_draws_itself_twice_is_refused_in_one_line_naming_the_file(
    tmp_path: Path, plain: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = _bomb(tmp_path, "bomb.pdf", recursive_xobject())
    assert bomb.stat().st_size < 1000
    assert main(["diff", str(bomb), str(plain)]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert err.startswith(f"wendiff: {bomb}: PDFium ")
    assert "memory limit: a PDF bomb?" in err


@pytest.mark.parametrize(("levels", "fan"), [(27, 2), (8, 10)])
def test_a_pdf_of_forms_fanning_out_to_millions_of_draws_is_refused_in_one_line(
    tmp_path: Path, plain: Path, capsys: pytest.CaptureFixture[str], levels: int, fan: int
) -> None:
    bomb = _bomb(tmp_path, "fan.pdf", fan_out(levels, fan))
    assert main(["diff", str(bomb), str(plain)]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert err.startswith(f"wendiff: {bomb}: ") and "a PDF bomb?" in err


def test_the_fan_out_generator_makes_a_readable_pdf_when_it_fans_out_little(tmp_path: Path) -> None:
    assert read_source(str(_bomb(tmp_path, "ok.pdf", fan_out(3, 2)))).text.startswith("Article 1 applies.")


def test_a_pdf_that_overruns_its_time_limit_is_refused_naming_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WENDIFF_PDF_MEMORY", "100000")
    monkeypatch.setenv("WENDIFF_PDF_TIMEOUT", "0.5")
    with pytest.raises(InputError, match=r"reading the PDF took over 0\.5 s \(a PDF bomb\?\)"):
        read_source(str(_bomb(tmp_path, "slow.pdf", fan_out(27, 2))))


@pytest.mark.parametrize("value", ["abc", "0", "-5", "nan", "inf"])
def test_a_pdf_limit_in_the_environment_that_is_not_a_positive_number_is_one_line(
    tmp_path: Path, plain: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("WENDIFF_PDF_TIMEOUT", value)
    pdf = _bomb(tmp_path, "ok.pdf", dense_text(100))
    assert main(["diff", str(pdf), str(plain)]) == 2
    assert one_line_error(capsys.readouterr().err) == (
        f"wendiff: WENDIFF_PDF_TIMEOUT={value!r}: not a number of seconds above 0\n"
    )


def test_a_page_with_millions_of_characters_is_refused_before_its_text_is_copied(tmp_path: Path) -> None:
    dense = _bomb(tmp_path, "dense.pdf", dense_text(300_000))
    with pytest.raises(InputError, match=r"page 1 holds 300,\d{3} characters, over the limit of 200,000 a page"):
        read_source(str(dense))


def test_a_small_pdf_with_a_huge_text_layer_over_many_pages_stops_at_the_ratio_limit(tmp_path: Path) -> None:
    bomb = _bomb(tmp_path, "pages.pdf", dense_text(100_000, pages=60))
    with pytest.raises(InputError, match=r"characters from .* of PDF \(over 10 a byte: a PDF text bomb\?\); "
                                         r"refused at page \d+$"):  # fmt: skip
        read_source(str(bomb))


def test_max_size_is_checked_on_each_page_before_its_text_is_extracted(tmp_path: Path) -> None:
    pdf = _bomb(tmp_path, "two.pdf", dense_text(40_000, pages=2))
    assert len(read_source(str(pdf)).text) > 80_000
    with pytest.raises(InputError, match=r"text layer over the 50 KB size limit \(raise it with --max-size\)"):
        read_source(str(pdf), max_size=50 * 1024)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, timeout=300,
                          check=False, env={**os.environ, "WENDIFF_DEBUG": "0"})  # fmt: skip


def test_dups_skips_a_pdf_bomb_with_a_warning_and_reads_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT, encoding="utf-8")
    bomb = _bomb(folder, "bomb.pdf", recursive_xobject())
    done = _run("dups", str(folder), "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert f"{bomb}: PDFium " in done.stderr and "Traceback" not in done.stderr
    assert "1 skipped" in done.stdout


def test_store_import_of_a_folder_with_a_pdf_bomb_is_refused_naming_it_and_creates_no_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    bomb = _bomb(folder, "bomb.pdf", recursive_xobject())
    store = tmp_path / "s"
    assert main(["store", "import", str(folder), "--store", str(store)]) == 2
    assert one_line_error(capsys.readouterr().err).startswith(f"wendiff: {bomb}: PDFium ")
    assert not store.exists()
