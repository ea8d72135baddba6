"""``wendiff dups FILE|DIR…``: repeats, re-used passages and near-duplicate clusters.

Rules:

* A thin shell over `diffing.dups.engine`: collect the inputs, run, write the
  terminal summary (default) or the ``wendiff.dups`` JSON (``--format json``)
  to standard output or ``-o FILE``.
* ``-o FILE`` is never one of the files scanned, nor inside the store, nor a
  FIFO, device or folder (checked before any reading); the report is written
  whole or not at all (`tui.output`).
* A file that cannot be read is skipped with one warning line on standard
  error (``wendiff: warning: NAME: problem``) and counted in the summary; the
  run goes on. No readable input at all is trouble (exit 2).
* ``--store [PATH]`` checks the files against the latest version of every
  document in the version store (the default store when PATH is left out).
* A progress bar is drawn on standard error when it is a terminal.
* ``--engine dask`` runs the same pipeline on a Dask cluster
  (`diffing.dups.dask_engine`); the report is the same.
* Exit status: 0 when the run completed (whatever it found), 2 for trouble.
* Building the parser never imports the engine (it pulls in numpy, scipy and
  datasketch): the engine, the report writers and rich are imported by `_run`.
  So the summary's length a section is the command line's own
  `SHOWN_PER_SECTION`, passed to `render_summary`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from corpus.display import safe_name
from corpus.errors import WendiffError
from diffing.dups.clusters import NEAR_DUPLICATE
from tui.cli_help import exit_statuses
from tui.cmd_diff import add_normalization_arguments, check_output_option, options_from
from tui.compat_argparse import Subparsers

if TYPE_CHECKING:
    from diffing.dups.result import Progress

__all__ = ["COMMANDS", "MAX_WORKERS", "SHOWN_PER_SECTION", "register"]

COMMANDS = {"dups": "find repeated passages, re-used text and near-duplicate documents"}
"""The commands `register` adds, with the line ``wendiff --help`` shows for each."""

_DEFAULT_STORE = "\0default"
"""``--store`` given without a PATH (no argument can hold a NUL): the default store; ``--store ''`` is refused."""
SHOWN_PER_SECTION = 20
"""Findings listed in each section of the terminal summary, unless ``--all``."""

MAX_WORKERS = 256
"""The most processes ``--workers`` may ask for (more only exhausts the machine)."""


def _similarity(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {text}")
    return value


def _workers(text: str) -> int:
    """``--workers``: a whole number from 1 to `MAX_WORKERS`."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {MAX_WORKERS}, not {text!r}")
    return value


@contextmanager
def _reporting(show_bar: bool) -> Iterator[tuple[Callable[[Progress], None], Callable[[str], None]]]:
    """A progress callback and a warning callback, drawing a bar on standard error if asked."""
    if not show_bar:
        yield (lambda _p: None), (lambda line: print(f"wendiff: warning: {safe_name(line)}", file=sys.stderr))
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    console = Console(stderr=True)
    with Bar(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True,
    ) as bar:  # fmt: skip
        tasks = {"read": bar.add_task("reading", total=None), "compare": bar.add_task("comparing", total=None)}

        def progress(p: Progress) -> None:
            bar.update(tasks[p.stage], completed=p.done, total=p.total)

        def warn(line: str) -> None:
            console.print(f"wendiff: warning: {safe_name(line)}", markup=False, highlight=False)

        yield progress, warn


def _run(args: argparse.Namespace) -> int:
    from diffing.dups.engine import collect_inputs, find_duplicates, store_inputs
    from diffing.dups.report import dups_report, to_json
    from diffing.dups.summary import render_summary

    options = options_from(args)
    inputs = collect_inputs(args.paths)
    stores = []
    if args.store is not None:
        from corpus.store.location import store_path

        chosen = None if args.store == _DEFAULT_STORE else args.store
        inputs += store_inputs(chosen)
        stores.append(store_path(chosen))
    check_output_option(args, [inp.path for inp in inputs if inp.path is not None], stores)
    show_bar = sys.stderr.isatty() and not args.quiet
    engine = find_duplicates
    if args.engine == "dask":
        from diffing.dups.dask_engine import cluster_engine

        engine = cluster_engine(args.scheduler)
    elif args.scheduler:
        raise WendiffError("--scheduler: needs --engine dask")
    with _reporting(show_bar) as (progress, warn):
        result = engine(
            inputs, options, max_size=args.max_size, workers=args.workers, progress=progress, warn=warn,
            near_duplicate=args.near,
        )  # fmt: skip
    if args.format == "json":
        text = to_json(dups_report(result, options))
    else:
        text = render_summary(result, limit=0 if args.all else SHOWN_PER_SECTION)
    if args.output:
        from tui.output import write_report

        write_report(args.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0


def register(subparsers: Subparsers) -> None:
    p = subparsers.add_parser(
        "dups",
        help=COMMANDS["dups"],
        description=(
            "Find passages repeated inside a document, passages re-used between documents (also through "
            "Traditional script and, with --unspin, machine rewording) and clusters of near-duplicate "
            "documents. Folders are read recursively. Exit 0 when the run completed, 2 for trouble."
        ),
        epilog=exit_statuses(
            (0, "the run completed, whatever it found (unreadable files are skipped with a warning)"),
            (2, "trouble: no readable input, a report that cannot be written, a cluster that cannot be "
                "reached, an internal error"),
        ),
    )
    p.add_argument("paths", nargs="+", metavar="FILE|DIR", help="files, or folders of files, to check")
    g = p.add_argument_group("output")
    g.add_argument("-f", "--format", choices=("text", "json"), default="text",
                   help="terminal summary (text, default) or the wendiff.dups JSON report")  # fmt: skip
    g.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    g.add_argument("--all", action="store_true", help=f"list every finding (else {SHOWN_PER_SECTION} a section)")
    g.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    r = p.add_argument_group("run")
    r.add_argument("--store", nargs="?", const=_DEFAULT_STORE, metavar="PATH",
                   help="also check against each document of the version store (default store if no PATH)")  # fmt: skip
    r.add_argument("--near", type=_similarity, default=NEAR_DUPLICATE, metavar="SIM",
                   help=f"lowest similarity of near-duplicate documents (default {NEAR_DUPLICATE})")  # fmt: skip
    r.add_argument("--workers", type=_workers, metavar="N",
                   help=f"processes to use, 1 to {MAX_WORKERS} (default: one per CPU)")  # fmt: skip
    r.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="run here (local, default) or on a Dask cluster (dask)")  # fmt: skip
    r.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: tcp://HOST:8786 (default: a local cluster on all cores)")  # fmt: skip
    add_normalization_arguments(p)
    p.set_defaults(func=_run)
