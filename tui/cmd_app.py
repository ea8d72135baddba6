"""``wendiff library`` (also plain ``wendiff``), ``wendiff tui A B`` and ``wendiff demo``: the app's doors.

Rules:

* Textual is imported only when the app actually runs, so ``wendiff diff``
  and the other subcommands never pay for it.
* Files given on the command line are checked by the app's workers, not
  here: a bad file is a notification in the app, never a traceback.
* ``library`` and ``tui`` need a terminal (keys come from standard input):
  without one they say what to run instead and exit with status 2.
* ``wendiff demo`` never hangs without a terminal: when standard input or
  output is not a TTY it prints what the demo would show (the duplicated 2021 notice,
  copy 1 against copy 2, as ``wendiff diff`` would print it) and exits 0.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.errors import WendiffError
from tui.cli_help import exit_statuses
from tui.compat_argparse import Subparsers

if TYPE_CHECKING:
    from tui.sides import CompareRequest

__all__ = ["COMMANDS", "register"]

COMMANDS = {
    "library": "open the app on the store's documents (what plain 'wendiff' does)",
    "tui": "compare two files in the app",
    "demo": "open the app on the bundled samples",
}
"""The commands `register` adds, with the line ``wendiff --help`` shows for each."""

_APP_STATUSES = exit_statuses(
    (0, "the app was closed"),
    (2, "trouble: no terminal (standard input and output must be one), an internal error"),
)


def _store(args: argparse.Namespace) -> Path | None:
    from corpus.store.location import store_path

    return store_path(args.store)


def _need_terminal(instead: str) -> None:
    """The app reads keys from the terminal and draws on it: without one, say what to run instead."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise WendiffError(f"the app needs a terminal (standard input and output); {instead}")


def _library(args: argparse.Namespace) -> int:
    from tui.app import make_app

    _need_terminal("list the store with 'wendiff store list'")

    make_app(store=_store(args), files=args.files).run()
    return 0


def _tui(args: argparse.Namespace) -> int:
    from tui.cmd_diff import options_from
    from tui.sides import CompareRequest, FileSide

    if "-" in (args.a, args.b):
        raise WendiffError("-: the app reads its keys from standard input; give files (or use 'wendiff diff')")
    _check_files(args.a, args.b)
    _need_terminal("for a text report run 'wendiff diff A B'")
    strict = args.strict_decode
    request = CompareRequest(
        FileSide(args.a, args.max_size, strict), FileSide(args.b, args.max_size, strict), options_from(args)
    )
    head_start(request)
    from tui.app import make_app

    make_app(store=_store(args), files=[args.a, args.b], compare=request, library=False).run()
    return 0


def head_start(request: CompareRequest, columns: int | None = None) -> CompareRequest:
    """Start comparing ``request`` in a child process before Textual is imported (`tui.head_start`), with the
    pins the Compare screen will read for it, for a terminal ``columns`` wide (default: this terminal's); the
    request the screen will compute."""
    import shutil
    from contextlib import suppress
    from dataclasses import replace

    from tui import head_start

    if not request.pins:
        with suppress(WendiffError):  # the Compare screen says why, and compares without them
            request = replace(request, pins=request.kept_pins())
    head_start.start(request, columns or shutil.get_terminal_size().columns)
    return request


def _check_files(*paths: str) -> None:
    """A file that cannot be opened is the same one-line error (exit 2) as in 'wendiff diff', before the app
    starts."""
    import os
    import stat

    from corpus.errors import InputError

    for path in paths:
        try:
            info = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            raise InputError(path, "no such file") from None
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
        if stat.S_ISDIR(info.st_mode):
            raise InputError(path, "is a directory, not a file")
        if not os.access(path, os.R_OK):
            raise InputError(path, "permission denied")


def _demo(args: argparse.Namespace) -> int:
    from tui.demo import demo_request, demo_summary

    if not (sys.stdin.isatty() and sys.stdout.isatty()) and not args.force_app:
        sys.stdout.write(demo_summary(columns=args.columns))
        return 0
    from tui.app import make_app
    from tui.demo import demo_store

    with demo_store(args.store) as store, _exit_on_hangup():
        make_app(store=store, compare=demo_request()).run()
    return 0


@contextmanager
def _exit_on_hangup() -> Iterator[None]:
    """Turn SIGHUP and SIGTERM (a closed terminal, a kill) into SystemExit, so the temporary demo store is
    removed on the way out."""

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGHUP, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def register(subparsers: Subparsers) -> None:
    from tui.cmd_diff import MAX_COLUMNS, MIN_COLUMNS, add_normalization_arguments, parse_columns

    p = subparsers.add_parser(
        "library",
        help=COMMANDS["library"],
        description="Open the Library: the documents in the store and the files given; pick one to see its "
        "history, two to compare.",
        epilog=_APP_STATUSES,
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="files to list beside the store's documents")
    p.add_argument("--store", metavar="PATH", help="the version store (default: $WENDIFF_STORE or per-user)")
    p.set_defaults(func=_library)

    p = subparsers.add_parser(
        "tui", help=COMMANDS["tui"], description="Open the app's Compare screen on two files.",
        epilog=_APP_STATUSES,
    )
    p.add_argument("a", metavar="A", help="the older document")
    p.add_argument("b", metavar="B", help="the newer document")
    p.add_argument("--store", metavar="PATH", help="the version store (default: $WENDIFF_STORE or per-user)")
    add_normalization_arguments(p)
    p.set_defaults(func=_tui)

    p = subparsers.add_parser(
        "demo",
        help=COMMANDS["demo"],
        description="Open the app on the bundled samples, starting on the duplicated 2021 notice (copy 1 against "
        "copy 2), with a store holding the five samples and two real laws in two versions each. Without a "
        "terminal, print what the demo would show instead.",
        epilog=exit_statuses(
            (0, "the app was closed, or (without a terminal) what it would show was printed"),
            (2, "trouble: a demo store that cannot be built, an internal error"),
        ),
    )
    p.add_argument("--store", metavar="PATH", help="build the demo store here (default: a temporary folder)")
    p.add_argument("--columns", type=parse_columns, default=100, metavar="N",
                   help=f"width of the text printed without a TTY, {MIN_COLUMNS} to {MAX_COLUMNS}")  # fmt: skip
    p.add_argument("--app", dest="force_app", action="store_true", help="run the app even without a TTY")
    p.set_defaults(func=_demo)
