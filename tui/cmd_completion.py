"""``wendiff completion SHELL``: print the shell completion script for bash, zsh or fish.

Rules: the script is generated from the whole parser (`tui.completion`), so it
always matches the installed wendiff; it is printed on standard output and the
shell loads it (how is in ``--help``). Exit status: 0 printed, 2 an unknown shell.
"""

from __future__ import annotations

import argparse
import sys

from tui.cli_help import exit_statuses
from tui.compat_argparse import Subparsers
from tui.completion import SHELLS

__all__ = ["COMMANDS", "register"]

COMMANDS = {"completion": "print a shell completion script (bash, zsh, fish)"}
"""The commands `register` adds, with the line ``wendiff --help`` shows for each."""

_HOW = """Print a completion script for SHELL on standard output. To load it:
  bash:  source <(wendiff completion bash)   (in ~/.bashrc), or save it as
         ~/.local/share/bash-completion/completions/wendiff
  zsh:   wendiff completion zsh > "${fpath[1]}/_wendiff"   (a folder in $fpath), then start a new shell
  fish:  wendiff completion fish > ~/.config/fish/completions/wendiff.fish"""


def _run(args: argparse.Namespace) -> int:
    from tui.cli import build_parser
    from tui.completion import script

    sys.stdout.write(script(build_parser(), args.shell))
    sys.stdout.flush()
    return 0


def register(subparsers: Subparsers) -> None:
    p = subparsers.add_parser(
        "completion",
        help=COMMANDS["completion"],
        description=_HOW,
        epilog=exit_statuses((0, "the script was printed"), (2, "trouble: an unknown shell, an internal error")),
    )
    p.add_argument("shell", metavar="SHELL", choices=SHELLS, help="bash, zsh or fish")
    p.set_defaults(func=_run)
