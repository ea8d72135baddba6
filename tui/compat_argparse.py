"""argparse's private names, in one place: reading a parser back (its actions, its subcommands).

Rules:

* argparse has no public way to list what a parser holds; shell completion
  (`tui.completion`) must, as shtab and argcomplete do. It reads
  ``ArgumentParser._actions``, ``_SubParsersAction`` and its
  ``_choices_actions`` (the subcommands' help) through this module only
  (``tests/test_private_apis.py`` fails on any other use);
  ``tests/cli/test_compat_argparse.py`` checks each against the running
  Python, so a release that changes one fails there, by name.
* `Subparsers` is the type of ``add_subparsers()``'s result, for the
  ``register`` functions of the commands.
* Standard library only: the parser of ``wendiff completion`` imports it.
"""

from __future__ import annotations

import argparse
from typing import TypeAlias

__all__ = ["Subparsers", "actions", "subcommands"]

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""What ``ArgumentParser.add_subparsers`` returns."""


def actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """Every action of ``parser`` (options, positionals, a subcommand group), in the order added."""
    return list(parser._actions)


def subcommands(action: argparse.Action) -> list[tuple[str, str, argparse.ArgumentParser]] | None:
    """For a subcommand group: each name (aliases included) with its help ("" for an alias) and its
    parser; None for any other action."""
    if not isinstance(action, argparse._SubParsersAction):
        return None
    helps = {a.dest: a.help or "" for a in action._choices_actions}
    return [(name, helps.get(name, ""), sub) for name, sub in action.choices.items()]
