"""The ``wendiff`` command line: a thin shell over corpus/ and diffing/.

Rules:

* Each subcommand lives in its own module ``tui/cmd_*.py`` with a
  ``register(subparsers)`` function that adds its parser and sets ``func``,
  and a ``COMMANDS`` table (name → the one line ``wendiff --help`` shows).
* Start-up is cheap. Importing a ``cmd_*`` module imports only the standard
  library and light wendiff modules (never an engine, rich, textual,
  GitPython, numpy …); a command's ``func`` imports what it runs. `main` builds
  in full only the parser of the command on the line; the others are named by
  their ``COMMANDS`` line, which is all the top-level ``--help`` shows. So
  ``wendiff --help`` and ``--version`` cost little more than starting Python,
  and ``wendiff diff`` of two text files never loads the store, the duplicate
  finder, the app or the .docx and HTML readers (tests/cli/test_start_up.py
  checks this; bench/bench_startup.py times it).
* A `WendiffError` (bad input, a broken store …) prints one line on stderr and
  exits with status 2 (`corpus.display.safe_name`: a file name holding a
  newline or an escape code is shown escaped, so it stays one line); no
  traceback ever reaches the user. Any other exception
  inside a command is a bug: one line ``wendiff: internal error: …`` and exit
  status 2, unless ``WENDIFF_DEBUG`` is set (not ``0``), which re-raises it with
  its traceback. Running out of memory is one line too (a document too large
  for this machine), exit status 2.
* Run as a program (`main` without arguments), standard output is guarded
  (`tui.stdout`): a full or closed one is one line and exit status 2. A
  ``diff`` run as a program runs without the cyclic collector
  (`tui.collector.for_one_shot`) and leaves as soon as its output is written
  (`_leave`): the exit handlers run, but the objects are not freed one by one.
* Environment variables are checked before any command runs
  (`corpus.environment.check_environment`).
* Every parser is a `tui.cli_help.Parser`: each command's ``--help`` ends with
  the exit statuses that command returns.
* ``wendiff`` with no arguments (or only ``--store PATH`` and files) opens the Library screen of the app.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence, Set
from typing import NoReturn

from corpus.display import safe_name
from corpus.errors import WendiffError
from tui import collector
from tui.cli_help import Parser

__all__ = ["COMMAND_MODULES", "DEBUG_VAR", "build_parser", "main", "version"]

COMMAND_MODULES = (
    "tui.cmd_diff", "tui.cmd_store", "tui.cmd_dups", "tui.cmd_app", "tui.cmd_serve", "tui.cmd_completion",
)  # fmt: skip

DEBUG_VAR = "WENDIFF_DEBUG"
"""Set (to anything but ``0``) to get the traceback of an internal error instead of one line."""

_MESSAGE_CHARS = 300
"""An internal error's message is cut to this many characters (it must stay one line)."""

_EPILOG = f"""Each command's --help lists its exit statuses; 2 is always trouble (bad input, an internal error).
{DEBUG_VAR}=1 shows the traceback of an internal error."""


def version() -> str:
    """wendiff's installed version, or a note saying it is not known."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("wendiff")
    except PackageNotFoundError:
        return "(version unknown: not installed as a package)"


class _VersionAction(argparse.Action):
    """``--version``: looks the version up only when asked (``importlib.metadata`` is slow to import)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, default=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(
        self, parser: argparse.ArgumentParser, namespace: object, values: object, option_string: str | None = None
    ) -> None:
        sys.stdout.write(f"wendiff {version()}\n")
        parser.exit()


def build_parser(only: Set[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every command in full, or (``only``) just those, the rest by name and help."""
    parser = Parser(
        prog="wendiff",
        description="Compare, version and de-duplicate Chinese official texts, clause by clause.",
        epilog=_EPILOG,
    )
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        commands: dict[str, str] = module.COMMANDS
        if only is None or not only.isdisjoint(commands):
            module.register(subparsers)
        else:
            for command, help_line in commands.items():
                subparsers.add_parser(command, help=help_line, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    collector.for_work()
    args_list = list(sys.argv[1:] if argv is None else argv)
    if argv is None:
        from tui.stdout import guard_stdout

        guard_stdout()
    one_shot = argv is None and not _named_command(args_list).isdisjoint(_LEAVE_AT_ONCE)
    if one_shot:
        collector.for_one_shot()
    try:
        from corpus.environment import check_environment

        check_environment()
        status = _run(_with_command(args_list))
        if sys.stdout is not None:
            sys.stdout.flush()  # here, so that a failure is reported (at exit it would be lost)
        if one_shot:
            _leave(status)
        return status
    except WendiffError as exc:
        print(f"wendiff: {safe_name(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("wendiff: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except MemoryError:
        print("wendiff: out of memory (a document too large for this machine? lower --max-size)", file=sys.stderr)
        return 2
    except Exception as exc:
        if os.environ.get(DEBUG_VAR, "0") not in ("", "0"):
            raise
        print(
            f"wendiff: internal error: {_one_line(exc)} (please report it; {DEBUG_VAR}=1 shows the traceback)",
            file=sys.stderr,
        )
        return 2


_LEAVE_AT_ONCE = frozenset({"diff"})
"""Commands that, run as a program, leave as soon as their output is written (`_leave`)."""


def _leave(status: int) -> NoReturn:
    """Exit with ``status`` now: the exit handlers run (children reaped, helpers stopped, temporary files
    removed) and standard output and error are flushed, but the interpreter does not free every object one by
    one (a 45 MB page's diff took over a second; a 1 MB pair's about 40 ms). The exit handlers let go of what
    they hold once they have run: the diff is kept to the end (`tui.collector.leave_at_exit`), or it would be
    freed object by object there (1.2 s on the 45 MB page)."""
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.flush()
    os._exit(status)


def _run(args_list: list[str]) -> int:
    parser = build_parser(only=_named_command(args_list))
    args = parser.parse_args(args_list)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    return int(func(args))


def _with_command(args_list: list[str]) -> list[str]:
    """``wendiff`` and ``wendiff --store PATH [FILE…]`` open the Library, as ``wendiff library …`` does."""
    if not args_list or args_list[0] == "--store" or args_list[0].startswith("--store="):
        return ["library", *args_list]
    return args_list


def _named_command(args_list: list[str]) -> frozenset[str]:
    """The command on the line (its first word that is not an option: no top-level option takes a value)."""
    command = next((word for word in args_list if not word.startswith("-")), None)
    return frozenset() if command is None else frozenset({command})


def _one_line(exc: BaseException) -> str:
    """``Type: message`` on one line, cut to `_MESSAGE_CHARS`."""
    message = safe_name(" ".join(str(exc).split()))
    if len(message) > _MESSAGE_CHARS:
        message = message[: _MESSAGE_CHARS - 1] + "…"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


if __name__ == "__main__":
    sys.exit(main())
