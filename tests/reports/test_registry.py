"""One table of writers (`diffing.reports.WRITERS`): each one exists, and the command line, its completion and
the app's export dialog offer exactly what the table holds."""

from __future__ import annotations

import argparse
from importlib import import_module

from diffing.reports import FORMATS, REPORT_FORMATS, REPORTS, WRITERS, render
from tui.cli import build_parser
from tui.compat_argparse import actions, subcommands
from tui.completion import script

from .pairs import diff_000_001


def _diff_parser() -> argparse.ArgumentParser:
    for action in actions(build_parser()):
        for name, _, sub in subcommands(action) or []:
            if name == "diff":
                return sub
    raise AssertionError("no diff subcommand")


def test_every_writer_names_a_function_of_its_module_and_each_pair_is_written_once() -> None:
    assert len({(w.report, w.fmt) for w in WRITERS}) == len(WRITERS)
    for writer in WRITERS:
        assert callable(getattr(import_module(f"diffing.reports.{writer.module}"), writer.function)), writer


def test_every_registered_pair_writes_a_report() -> None:
    diff = diff_000_001()
    for writer in WRITERS:
        out = render(diff, writer.fmt, writer.report)
        assert len(out) > 100, writer


def test_the_command_line_and_its_completion_offer_the_tables_reports_and_formats() -> None:
    choices = {tuple(a.option_strings): a.choices for a in actions(_diff_parser()) if a.choices}
    assert tuple(choices[("--report",)]) == REPORTS
    assert tuple(choices[("-f", "--format")]) == FORMATS
    bash = script(build_parser(), "bash")
    assert " ".join(FORMATS) in bash
    assert " ".join(REPORTS) in bash


def test_the_export_dialog_offers_the_tables_reports_and_formats() -> None:
    from tui.screens.export import EXPORT_FORMATS, EXPORT_REPORTS, refusal

    assert [r for r, _ in EXPORT_REPORTS] == list(REPORTS)
    assert sorted(f for f, _ in EXPORT_FORMATS) == sorted(FORMATS)
    for report in REPORTS:
        assert [f for f in FORMATS if refusal(report, f) is None] == list(REPORT_FORMATS[report])
