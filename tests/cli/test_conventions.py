"""Command-line conventions: ``--version``, one line for an internal error."""

from __future__ import annotations

import importlib.metadata

import pytest

import diffing.compare
from corpus.samples import real_pair
from tui.cli import main

A, B = (str(p) for p in real_pair("01_holiday_measures"))


def test_version_prints_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"wendiff {importlib.metadata.version('wendiff')}\n"


def test_version_of_a_copy_that_is_not_installed_says_it_is_unknown(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def not_installed(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    with pytest.raises(SystemExit):
        main(["--version"])
    out = capsys.readouterr().out
    assert out.startswith("wendiff ") and "unknown" in out and out.count("\n") == 1


def test_an_internal_error_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded\nwhile aligning")

    monkeypatch.delenv("WENDIFF_DEBUG", raising=False)
    monkeypatch.setattr(diffing.compare, "compare", broken)
    assert main(["diff", A, B]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("wendiff: internal error: RecursionError: maximum recursion depth exceeded while aligning")
    assert "WENDIFF_DEBUG=1" in err


def test_wendiff_debug_shows_the_internal_errors_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setenv("WENDIFF_DEBUG", "1")
    monkeypatch.setattr(diffing.compare, "compare", broken)
    with pytest.raises(RecursionError):
        main(["diff", A, B])
