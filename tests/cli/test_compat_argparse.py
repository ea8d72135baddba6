"""The argparse internals shell completion reads (`tui.compat_argparse`) still hold for the running Python."""

from __future__ import annotations

import argparse

from tui.compat_argparse import actions, subcommands


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wendiff")
    parser.add_argument("--flag", action="store_true")
    subparsers = parser.add_subparsers(dest="command")
    subparsers.add_parser("diff", help="compare two documents", aliases=["d"])
    subparsers.add_parser("store")
    return parser


def test_actions_lists_help_options_and_the_subcommand_group_in_order() -> None:
    found = actions(_parser())
    assert [a.option_strings for a in found] == [["-h", "--help"], ["--flag"], []]


def test_subcommands_gives_names_aliases_helps_and_parsers_and_none_for_an_option() -> None:
    group = actions(_parser())[-1]
    subs = subcommands(group)
    assert subs is not None
    assert [(name, help_line) for name, help_line, _ in subs] == [
        ("diff", "compare two documents"), ("d", ""), ("store", ""),
    ]
    assert all(isinstance(sub, argparse.ArgumentParser) for _, _, sub in subs)
    assert subcommands(actions(_parser())[1]) is None
