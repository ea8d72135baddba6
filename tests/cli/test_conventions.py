"""Command-line conventions: ``--version``, exit statuses in every ``--help``, one line for an internal error."""

from __future__ import annotations

import importlib.metadata
import re

import pytest

import diffing.compare
from corpus.samples import real_pair
from tui.cli import build_parser, main
from tui.completion import levels

A, B = (str(p) for p in real_pair("01_holiday_measures"))

EXIT_STATUSES = {
    "wendiff diff": {0, 1, 2},
    "wendiff store": {0, 1, 2},
    "wendiff store add": {0, 2},
    "wendiff store list": {0, 2},
    "wendiff store log": {0, 2},
    "wendiff store show": {0, 2},
    "wendiff store diff": {0, 1, 2},
    "wendiff store blame": {0, 2},
    "wendiff store import": {0, 2},
    "wendiff store export": {0, 2},
    "wendiff store check": {0, 1, 2},
    "wendiff store lineage": {0, 2},
    "wendiff store annotate": {0, 2},
    "wendiff dups": {0, 2},
    "wendiff library": {0, 2},
    "wendiff tui": {0, 2},
    "wendiff demo": {0, 2},
    "wendiff serve": {0, 2},
    "wendiff completion": {0, 2},
}
"""What each command returns (read from its code), as its ``--help`` must list it."""


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


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


def test_every_command_is_in_the_table_of_exit_statuses() -> None:
    commands = {level.path for level in levels(build_parser())} - {"wendiff"}
    assert commands == set(EXIT_STATUSES)


@pytest.mark.parametrize("path", sorted(EXIT_STATUSES))
def test_help_lists_the_exit_statuses_the_command_returns(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(path.split()[1:], capsys)
    assert "\nexit status:\n" in text
    listed = {int(code) for code in re.findall(r"^  (\d+)  \S", text.split("\nexit status:\n", 1)[1], re.M)}
    assert listed == EXIT_STATUSES[path]


def test_top_level_help_names_every_command_and_where_exit_statuses_are(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help([], capsys)
    for command in ("diff", "store", "dups", "library", "tui", "demo", "completion"):
        assert re.search(rf"^    {command}\b", text, re.M), command
    assert "--version" in text and "exit statuses" in text


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
