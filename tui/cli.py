"""The ``wendiff`` command line: a thin shell over corpus/ and diffing/.

Rules:

* Each subcommand lives in its own module ``tui/cmd_*.py`` with a
  ``register(subparsers)`` function that adds its parser and sets ``func``.
* A `WendiffError` (bad input, a broken store …) prints one line on stderr and
  exits with status 2; no traceback ever reaches the user.
* ``wendiff`` with no arguments opens the Library screen of the app.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from corpus.errors import WendiffError

__all__ = ["build_parser", "main"]

COMMAND_MODULES = ("tui.cmd_diff", "tui.cmd_store", "tui.cmd_dups", "tui.cmd_app")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wendiff",
        description="Compare, version and de-duplicate Chinese official texts, clause by clause.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args_list:
        args_list = ["library"]
    args = parser.parse_args(args_list)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return int(func(args))
    except WendiffError as exc:
        print(f"wendiff: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("wendiff: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
