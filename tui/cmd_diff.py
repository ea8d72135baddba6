"""``wendiff diff A B``: compare two files clause by clause.

Rules:

* Exit status as diff(1): 0 same, 1 different, 2 trouble (`EXIT_STATUSES`,
  shown by ``--help``).
* Every cleaning and normalization step has a switch; the report's
  ``options`` records them. Output goes to standard output or ``-o FILE``
  (format from ``--format``, else from the file's suffix); colour only on a
  terminal unless ``--color always``.
* ``-o FILE`` is checked before any reading (`check_output_option`): never
  an input, never inside the store, never a FIFO, device or folder; the report
  is written whole or not at all (`tui.output`).
* The text view is `MIN_COLUMNS` to `MAX_COLUMNS` cells wide: ``--columns``
  outside that range is refused, a terminal's width is held to it.
* Building the parser is cheap: at the top this module imports only the
  standard library and light wendiff modules (no engine, no rich); reading,
  comparing and rendering are imported by the functions that run them. The
  argument helpers here are shared by ``store diff``, ``dups`` and ``tui``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.errors import WendiffError
from corpus.read import DEFAULT_MAX_SIZE
from diffing.draft_style import STYLES
from diffing.reports import FORMATS, REPORT_FORMATS, REPORT_NAMES, REPORTS, SUFFIXES, Format, Report, unsupported
from tui import collector
from tui.cli_help import exit_statuses
from tui.compat_argparse import Subparsers

if TYPE_CHECKING:
    from corpus.document import Source
    from corpus.options import Options
    from diffing.align_apart import Own
    from diffing.model import Diff
    from diffing.pins import Pin
    from diffing.reports.redline_json import Early, OutlineTexts, Piece, RowTexts

__all__ = [
    "COMMANDS", "EXIT_STATUSES", "MAX_COLUMNS", "MIN_COLUMNS", "STRICT_DECODE_HELP", "JsonParts",
    "add_normalization_arguments", "add_output_arguments", "beside_inline", "check_output_option", "check_report",
    "emit", "options_from", "parse_columns", "prefetch_words", "register", "text_width", "warn_read",
]  # fmt: skip

COMMANDS = {"diff": "compare two documents clause by clause"}
"""The commands `register` adds, with the line ``wendiff --help`` shows for each."""

EXIT_STATUSES = exit_statuses(
    (0, "the documents are the same (after normalization)"),
    (1, "they differ"),
    (2, "trouble: a file that cannot be read, a report that cannot be written, an internal error"),
)

STRICT_DECODE_HELP = "refuse a text with any invalid byte (default: a few become U+FFFD, with a warning)"

_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
_SIZE = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*([kmgt]?)i?b?")
MAX_SIZE_LIMIT = 1024**4
"""The largest ``--max-size`` accepted (1 TB): beyond that a limit means nothing."""


def parse_size(text: str) -> int:
    """``100M``, ``512k``, ``2G``, ``1.5M`` or a number of bytes; at most `MAX_SIZE_LIMIT`.

    Strict: digits with an optional fraction and unit, nothing else (no ``inf``, ``nan``,
    exponents or signs), so every answer is a finite number of bytes.
    """
    match = _SIZE.fullmatch(text.strip().lower())
    if match is None:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 100M, 512k)")
    number, unit = match.group(1), match.group(2) or ""
    if len(number) > 16:
        raise argparse.ArgumentTypeError(f"size too large: {text!r} (at most 1T)")
    value = int(float(number) * _UNITS[unit])
    if value > MAX_SIZE_LIMIT:
        raise argparse.ArgumentTypeError(f"size too large: {text!r} (at most 1T)")
    return value


MIN_COLUMNS = 20
"""The narrowest text view (a side-by-side row needs room for a place and a few characters a side)."""
MAX_COLUMNS = 1000
"""The widest text view: wider than any terminal; beyond it a layout only costs time."""


def parse_columns(text: str) -> int:
    """``--columns``: a whole number from `MIN_COLUMNS` to `MAX_COLUMNS`."""
    if not re.fullmatch(r"\s*[0-9]{1,9}\s*", text) or not MIN_COLUMNS <= int(text) <= MAX_COLUMNS:
        raise argparse.ArgumentTypeError(f"must be a whole number from {MIN_COLUMNS} to {MAX_COLUMNS}, not {text!r}")
    return int(text)


def text_width(columns: int | None, to_tty: bool) -> int:
    """The text view's width: ``--columns``, else the terminal's (held to the range), else 100."""
    if columns is not None:
        return columns
    if not to_tty:
        return 100
    return min(MAX_COLUMNS, max(MIN_COLUMNS, shutil.get_terminal_size((100, 24)).columns))


def add_normalization_arguments(parser: argparse.ArgumentParser) -> None:
    """Switches for each cleaning and normalization step."""
    g = parser.add_argument_group("cleaning and normalization (all on by default)")
    g.add_argument("--script", choices=("t2s", "none"), default="t2s", help="Traditional→Simplified (t2s) or none")
    g.add_argument("--no-t2s", dest="script", action="store_const", const="none", help="same as --script none")
    g.add_argument("--no-width", dest="width", action="store_false", help="keep full/half-width forms apart")
    g.add_argument("--no-whitespace", dest="whitespace", action="store_false", help="keep line-wraps and spaces")
    g.add_argument("--no-boilerplate", dest="boilerplate", action="store_false", help="keep web sidebars")
    g.add_argument("--no-junk", dest="junk", action="store_false", help="keep mojibake runs")
    g.add_argument("--no-invisible", dest="invisible", action="store_false", help="keep zero-width/control chars")
    g.add_argument("--unspin", action="store_true", help="map machine-reworded words back (环境 for 情况 …)")
    g.add_argument("--unspin-table", metavar="FILE", help="your own substitution table (TSV: spun<TAB>common)")
    g.add_argument("--inline", choices=("word", "char"), default="word", help="inline diff by word or character")
    g.add_argument("--max-size", type=parse_size, default=DEFAULT_MAX_SIZE, metavar="SIZE",
                   help="refuse files larger than this (default 100M)")  # fmt: skip
    g.add_argument("--strict-decode", action="store_true", help=STRICT_DECODE_HELP)


def options_from(args: argparse.Namespace) -> Options:
    """The `Options` the switches describe."""
    from corpus.options import Options

    return Options(
        invisible=args.invisible,
        junk=args.junk,
        boilerplate=args.boilerplate,
        script=args.script,
        width=args.width,
        whitespace=args.whitespace,
        unspin=args.unspin or bool(args.unspin_table),
        unspin_table=args.unspin_table,
        inline=args.inline,
        strict_decode=args.strict_decode,
    )


def prefetch_words(options: Options, args: argparse.Namespace) -> None:
    """For an inline diff by words: start loading the word segmenter beside the reading (`diffing.words`).

    When the helper started, the terminal view's writer (rich) is imported now too: for a small pair this
    process would otherwise wait for the helper and then import it, for a large one the total is the same.
    """
    if options.inline != "word":
        return
    from diffing.words import prefetch

    if prefetch() and getattr(args, "report", "redline") == "redline" and _format(args) == "text":
        import diffing.reports.redline_text  # noqa: F401


def beside_inline(args: argparse.Namespace) -> Callable[[Diff], object] | None:
    """What the report will need of the diff that a comparison can build while a child computes the
    inline parts (`diffing.compare`): the article map, for the JSON report, the 对照表 and the 修改决定, and
    for the JSON report its parts that need no inline parts (`JsonParts`: pass it on to `emit`)."""
    if _format(args) == "json" and getattr(args, "report", "redline") == "redline":
        return JsonParts()
    if getattr(args, "report", "redline") != "redline":
        return _article_map
    return None


def _article_map(diff: Diff) -> object:
    return diff.structure


class JsonParts:
    """The JSON report's parts that need no inline parts (`diffing.compare.AfterInline`), kept for `emit`: the
    outlines and the structure (`redline_json.prepare`) built beside the child, and the rows but for their
    places (`redline_json.row_texts`), shared between this process and the child (`redline_json.child_share`),
    which also sends the summary; both outlines encoded while a child aligns a large pair
    (`diffing.compare.WhileAligning`), or, when it is done first, beside the child (`prepare`)."""

    def __init__(self) -> None:
        self.early: Early | None = None
        self.rows: RowTexts | None = None
        self._own: tuple[Piece, ...] = ()
        self._outlines: OutlineTexts | None = None

    def aligning(self, own: Own) -> None:
        from diffing.reports.redline_json import outline_texts

        self._outlines = outline_texts(own.units)

    def __call__(self, diff: Diff) -> None:
        from diffing.reports.redline_json import prepare, row_texts

        self.early = prepare(diff, self._outlines)
        diff.places  # noqa: B018 (built here, beside the child: the rows cite them)
        self._own = row_texts(diff, child=False, outlined=self._outlines is not None)

    def in_child(self, diff: Diff) -> object:
        from diffing.reports.redline_json import row_texts

        rows = row_texts(diff, child=True, outlined=self._outlines is not None)
        return rows, diff.summary  # the summary too: the child has time to spare

    def received(self, diff: Diff, value: object) -> None:
        from diffing.compare import adopt
        from diffing.model import Summary
        from diffing.reports.redline_json import RowTexts

        if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], Summary)):
            return
        pieces, summary = value
        if isinstance(pieces, tuple) and len(pieces) == len(self._own) == len(diff.rows):
            self.rows = RowTexts(diff.rows, pieces).merged(self._own)
            adopt(diff, {"summary": summary})  # the same rows' summary, made in the child


def warn_read(source: Source) -> None:
    """A warning line on standard error for each of `Source.warnings` (invalid bytes, scanned pages)."""
    from corpus.display import safe_name

    for warning in source.warnings():
        print(f"wendiff: warning: {safe_name(warning)}", file=sys.stderr)


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """``--format``, ``-o``, ``--color``, ``--layout``, ``--all`` and the normalization switches."""
    g = parser.add_argument_group("output")
    g.add_argument("--report", choices=REPORTS, default="redline",
                   help="redline: the diff (default); " + "; ".join(
                       f"{r}: {REPORT_NAMES[r][0]} ({', '.join(REPORT_FORMATS[r])})" for r in REPORTS[1:]
                   ))  # fmt: skip
    g.add_argument("--style", choices=STYLES,
                   help="amendments: the issuer's drafting style — npc (laws), state-council (条例), spc "
                   "(最高人民法院); guessed from the title and issuer line when not given")  # fmt: skip
    g.add_argument("-f", "--format", choices=FORMATS, help=f"text (default on a terminal), {', '.join(FORMATS[1:])}")
    g.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    g.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the text view")
    g.add_argument("--layout", choices=("auto", "side", "unified"), default="auto",
                   help="side by side, unified, or by terminal width (auto)")  # fmt: skip
    g.add_argument("--columns", type=parse_columns, metavar="N",
                   help=f"width of the text view, {MIN_COLUMNS} to {MAX_COLUMNS} (default: the terminal's)")
    g.add_argument("--all", dest="full", action="store_true",
                   help="show equal clauses too, not folded (table: unchanged, renumbered articles)")  # fmt: skip
    add_normalization_arguments(parser)


def _format(args: argparse.Namespace) -> Format:
    if args.format:
        return args.format  # type: ignore[no-any-return]
    if args.output:
        return SUFFIXES.get(Path(args.output).suffix.lower(), "text")
    return "text"


def check_output_option(args: argparse.Namespace, inputs: Iterable[str], stores: Iterable[Path] = ()) -> None:
    """Refuse (`WendiffError`, exit 2) an ``-o`` that is an input, lies in a store or is not a file.

    Without ``stores``, the default store (``$WENDIFF_STORE``, else the per-user one) is the store.
    """
    if not args.output:
        return
    from tui.output import check_output

    if not stores:
        from corpus.store.location import store_path

        stores = (store_path(),)
    check_output(args.output, inputs, stores)


def check_report(args: argparse.Namespace) -> None:
    """Refuse (`WendiffError`, exit 2) a report that cannot be written in the format asked for."""
    reason = unsupported(getattr(args, "report", "redline"), _format(args))
    if reason:
        raise WendiffError(reason)


def emit(diff: Diff, args: argparse.Namespace, beside: object = None) -> int:
    """Write the report ``args`` ask for; return 0 when the documents are the same, else 1. ``beside`` is what
    `beside_inline` gave the comparison (the JSON report's early parts)."""
    check_report(args)
    fmt = _format(args)
    report_kind: Report = getattr(args, "report", "redline")
    to_tty = args.output is None and sys.stdout.isatty()
    color = args.color == "always" or (args.color == "auto" and to_tty and "NO_COLOR" not in os.environ)
    if report_kind != "redline":
        from diffing.reports import render

        report: str | bytes = render(diff, fmt, report_kind, args.full, color, getattr(args, "style", None))
    elif fmt == "text":
        from diffing.reports.redline_text import TextView, render_text

        view = TextView(color=color, width=text_width(args.columns, to_tty), layout=args.layout, full=args.full)
        report = render_text(diff, view)
    elif fmt == "json" and isinstance(beside, JsonParts):
        from diffing.reports.redline_json import dump_bytes

        report = dump_bytes(diff, beside.early, beside.rows)
    else:
        from diffing.reports import render

        report = render(diff, fmt)
    if args.output:
        from tui.output import write_report

        write_report(args.output, report if isinstance(report, bytes) else report.encode("utf-8"))
    elif isinstance(report, bytes):
        sys.stdout.buffer.write(report)
        sys.stdout.flush()
    else:
        sys.stdout.write(report)
        sys.stdout.flush()
    return 0 if diff.same else 1


def _run(args: argparse.Namespace) -> int:
    if args.a == "-" and args.b == "-":
        raise WendiffError("-: standard input can be only one of the two documents")
    check_report(args)
    check_output_option(args, [name for name in (args.a, args.b) if name != "-"])
    options = options_from(args)
    from corpus.pipeline import load
    from diffing.segment import segment
    from diffing.segment_ahead import read_ahead, reads_ahead

    ahead = reads_ahead(args.a)
    if not ahead:
        prefetch_words(options, args)  # first: the segmenter loads while the engine is imported, the files read

    pins: tuple[Pin, ...] = ()
    if args.pins:
        from diffing.pins import load_pins

        pins = load_pins(Path(args.pins))  # a bad file stops here: nothing compared, nothing written
    read_a = read_ahead(args.a, options, args.max_size)  # a large A in a child, while B is read
    from diffing.compare import compare

    try:
        b = load(args.b, options, args.max_size)
    except Exception:
        read_a()  # A's trouble is reported first, as when A is read first
        raise
    b_clauses = segment(b)
    a, a_clauses, aligned = read_a.with_alignment(b_clauses)
    if ahead:
        prefetch_words(options, args)  # now: while both files were read, it would have slowed the reading
    warn_read(a.source)
    warn_read(b.source)
    beside = beside_inline(args)
    diff = compare(a, b, options, clauses=(a_clauses, b_clauses), pins=pins, beside=beside, aligned=aligned)
    collector.leave_at_exit(diff)
    from corpus.display import safe_name

    for problem in diff.pin_problems:
        print(f"wendiff: warning: pins {safe_name(args.pins)}: {safe_name(problem)}", file=sys.stderr)
    return emit(diff, args, beside)


def register(subparsers: Subparsers) -> None:
    p = subparsers.add_parser(
        "diff",
        help=COMMANDS["diff"],
        description="Compare two documents clause by clause (exit 0 same, 1 different, 2 trouble).",
        epilog=EXIT_STATUSES,
    )
    p.add_argument("a", metavar="A", help="the older document (- for standard input)")
    p.add_argument("b", metavar="B", help="the newer document (- for standard input)")
    p.add_argument("--pins", metavar="FILE",
                   help="a reviewer's pins (wendiff.pins JSON, as the app writes it): pairings applied as constraints")
    add_output_arguments(p)
    p.set_defaults(func=_run)
