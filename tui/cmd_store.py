"""``wendiff store …``: the version store on the command line, a thin shell over corpus/store.

Rules:

* Each subcommand opens the store (``--store``, else ``$WENDIFF_STORE``, else
  the per-user default), calls one library function and prints; ``add`` and
  ``import`` create the store on first use, the other commands never do.
* ``add`` and ``import`` print each version as it is recorded (``import``
  with ``-v``); an error or Ctrl-C that stops them after some were recorded
  says how many stand (and which was last) in its one line.
* Exit status: 0 done; ``diff`` as diff(1) (0 same, 1 different); ``check``
  0 whole, 1 problems found; 2 for any trouble (a `WendiffError`, printed as
  one line by tui/cli.py).
* Everything from a document or a file name (ids, titles, messages, clause
  text, paths) is shown through `corpus.display.safe_name`: control and bidi
  characters appear as marks, never reach the terminal raw.
* Text recorded in the store (``--doc``, ``--title``, ``--date``, ``--source``,
  ``-m``) must be UTF-8: an argument holding other bytes is a usage error.
* ``store diff -o FILE`` never writes inside the store it reads (`tui.output`).
* Columns are measured in terminal cells (`rich.cells.cell_len`): a Chinese
  character takes two.
* Importing this module is cheap: the store itself, GitPython, rich and the
  diff engine are imported by the subcommand that uses them. `register` loads
  the store package (its help quotes ``corpus.store.revs.HELP``), so tui/cli.py
  calls it only when the command is ``store`` (or every parser is needed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from corpus.display import safe_name
from tui.cli_help import exit_statuses
from tui.compat_argparse import Subparsers

if TYPE_CHECKING:
    from corpus.store import AddResult, Store, Version
    from diffing.history import History
    from diffing.pins import Pin
    from diffing.version_dates import VersionDates

__all__ = ["COMMANDS", "register"]

COMMANDS = {"store": "keep every version of a document (git-backed)"}
"""The commands `register` adds, with the line ``wendiff --help`` shows for each."""

_TROUBLE = (2, "trouble: a file that cannot be read, no such document or version, a broken store, an internal error")

_SHORT = 10
"""Characters of a commit id shown."""


def _store(args: argparse.Namespace, create: bool = False) -> Store:
    from diffing.versions import open_store

    return open_store(getattr(args, "store", None), create=create)


def _pad(text: str, cells: int) -> str:
    """``text`` padded with spaces to ``cells`` terminal cells."""
    from rich.cells import cell_len

    return text + " " * max(0, cells - cell_len(text))


TITLE_CELLS = 40
"""Titles longer than this many terminal cells are cut with an ellipsis in ``list``."""


def _table(rows: list[list[str]]) -> str:
    """Rows of cells aligned in columns (the last column is not padded)."""
    from rich.cells import cell_len

    if not rows:
        return ""
    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = ["  ".join([*(_pad(c, w) for c, w in zip(row, widths, strict=False)), row[-1]]) for row in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _stats(version: Version) -> str:
    return version.stats.short() if version.stats else f"new, {version.clauses} clauses"


def _added_line(path: str, result: AddResult) -> str:
    v = result.version
    if not result.created:
        return safe_name(f"{v.doc_id}: {path} is identical to version {v.number}; no new version")
    return safe_name(f"{v.doc_id} v{v.number} {v.commit[:_SHORT]}  {_stats(v)}  ({path})")


# -- subcommands -------------------------------------------------------------------------------------


def _add(args: argparse.Namespace) -> int:
    from corpus.read import read_source
    from corpus.store import InterruptedAfterRecording
    from corpus.store.ids import derive_id, validate_id
    from corpus.store.meta import validate_date
    from tui.cmd_diff import warn_read

    sources = [read_source(path, args.max_size, strict_decode=args.strict_decode) for path in args.files]
    for source in sources:
        warn_read(source)
    ids = [validate_id(args.doc) if args.doc else derive_id(s.text, s.name) for s in sources]
    validate_date(args.date or "")
    recorded = _Recorded(echo=True)

    def add_all() -> None:
        with _store(args, create=True) as store:
            for path, source, doc_id in zip(args.files, sources, ids, strict=True):
                try:
                    result = store.add_source(
                        source, doc_id=doc_id, title=args.title, date=args.date, source=args.source,
                        message=args.message,
                    )
                except InterruptedAfterRecording as exc:
                    recorded.heard(path, exc.result)
                    raise
                recorded.heard(path, result)

    return _saying_what_was_recorded(add_all, recorded)


class _Recorded:
    """The versions a writing command has recorded so far, each heard of as it is recorded.

    ``echo`` prints each one's line as it comes; an error or Ctrl-C then says how many stand.
    """

    def __init__(self, echo: bool) -> None:
        self.echo = echo
        self.results: list[AddResult] = []

    def heard(self, path: object, result: AddResult) -> None:
        self.results.append(result)
        if self.echo:
            print(_added_line(str(path), result), flush=True)
        _warn_after(result)

    def summary(self, before: str) -> str:
        """``3 new versions were recorded before BEFORE (the last: ID vN)``."""
        new = [r.version for r in self.results if r.created]
        if not new:
            return f"no new version was recorded before {before}"
        counted = "1 new version was" if len(new) == 1 else f"{len(new)} new versions were"
        return f"{counted} recorded before {before} (the last: {new[-1].doc_id} v{new[-1].number})"


def _saying_what_was_recorded(body: Callable[[], None], recorded: _Recorded) -> int:
    """Run ``body``; if an error or Ctrl-C stops it once it recorded versions, say how many (exit 2, or 130)."""
    from corpus.errors import WendiffError

    try:
        body()
    except KeyboardInterrupt:
        if not recorded.results:
            raise
        print(safe_name(f"wendiff: interrupted; {recorded.summary('the interruption')}"), file=sys.stderr)
        return 130
    except WendiffError as exc:
        if not recorded.results:
            raise
        raise WendiffError(f"{exc}; {recorded.summary('this error')}") from exc
    return 0


def _warn_after(result: AddResult) -> None:
    """A warning line for a version recorded with a problem after it (packing failed)."""
    if result.warning:
        print(f"wendiff: warning: {safe_name(result.warning)}", file=sys.stderr)


def _list(args: argparse.Namespace) -> int:
    from tui.wrap import ellipsize

    with _store(args) as store:
        infos = store.documents()
    rows = [["ID", "VERSIONS", "DATE", "TITLE"]]
    rows += [[safe_name(i.doc_id), str(i.versions), i.when, ellipsize(safe_name(i.title), TITLE_CELLS)] for i in infos]
    sys.stdout.write(_table(rows) if infos else "no documents\n")
    return 0


def _log(args: argparse.Namespace) -> int:
    from corpus.store.ids import validate_id

    doc_id = validate_id(args.doc)
    with _store(args) as store:
        versions = store.log(doc_id)
    rows = [["VERSION", "DATE", "COMMIT", "CHANGES", "MESSAGE"]]
    for v in versions:
        note = " ".join(part for part in (v.message, f"<{v.source}>" if v.source else "") if part)
        rows.append([f"v{v.number}", v.when, v.commit[:_SHORT], _stats(v), safe_name(note)])
    sys.stdout.write(_table(rows))
    return 0


def _show(args: argparse.Namespace) -> int:
    from corpus.store import parse_ref

    doc_id, rev = parse_ref(args.ref)
    with _store(args) as store:
        if args.as_of is not None:
            version, line = _as_of(store, doc_id, args.as_of, "@" in args.ref)
            print(safe_name(f"{doc_id}: {line}"), file=sys.stderr)
        else:
            version = store.version(doc_id, rev)
        data = store.original(version)
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
    return 0


def _as_of(store: Store, doc_id: str, day: str, has_rev: bool) -> tuple[Version, str]:
    """The version of ``doc_id`` in force on ``day``, and a line saying from when to when."""
    from corpus.errors import WendiffError
    from diffing.version_dates import read_dates

    if has_rev:
        raise WendiffError("--as-of picks the version itself: give ID without @REV")
    versions = list(reversed(store.log(doc_id)))
    k, line = _in_force([read_dates(store.document(v).original, v.date) for v in versions], day)
    return versions[k - 1], line


def _in_force(dates: Sequence[VersionDates], day: str) -> tuple[int, str]:
    """The number of the version in force on ``day`` (``--as-of``), and a line saying from when to when."""
    from corpus.errors import WendiffError
    from diffing.version_dates import AsOfError, in_force, parse_day

    try:
        k, start, until = in_force(dates, parse_day(day))
    except (ValueError, AsOfError) as exc:
        raise WendiffError(f"--as-of: {exc}") from exc
    return k, f"v{k} in force from {start} to {until or 'now'}"


def _diff(args: argparse.Namespace) -> int:
    from tui.cmd_diff import beside_inline, check_output_option, check_report, emit, options_from, prefetch_words

    prefetch_words(options_from(args), args)  # first: the segmenter loads while the store is opened and read
    from corpus.store import LATEST, Rev, parse_ref
    from diffing.compare import compare

    check_report(args)
    doc_id, rev = parse_ref(args.old)
    new_id, new_rev = parse_ref(args.new) if args.new else (doc_id, LATEST)
    if args.new is None and "@" not in args.old:
        rev = Rev("back", 1)
    options = options_from(args)
    with _store(args) as store:
        check_output_option(args, (), (store.path,))
        old_v, new_v = store.version(doc_id, rev), store.version(new_id, new_rev)
        old_doc, new_doc = store.document(old_v, options), store.document(new_v, options)
        kept = store.pins(old_v, new_v)
    pins = _stored_pins(kept, f"{store.path} (pins of {old_v.doc_id}@{old_v.number} vs {new_v.doc_id}@{new_v.number})")
    beside = beside_inline(args)
    diff = compare(old_doc, new_doc, options, pins=pins, beside=beside)
    for problem in diff.pin_problems:
        print(f"wendiff: warning: pins kept in the store: {safe_name(problem)}", file=sys.stderr)
    return emit(diff, args, beside)


def _stored_pins(data: bytes | None, name: str) -> tuple[Pin, ...]:
    """The reviewer's pins the store keeps for two versions (`corpus.store.Store.pins`; the app writes
    them: W in Compare), none when it keeps none."""
    from diffing.pins import pins_of_bytes

    return () if data is None else pins_of_bytes(data, name)


def _blame(args: argparse.Namespace) -> int:
    from corpus.store import parse_ref
    from corpus.store.blame import blame
    from diffing.segment import segment

    doc_id, rev = parse_ref(args.ref)
    with _store(args) as store:
        lines = blame(store, doc_id, rev)
        doc = store.document(store.version(doc_id, rev))
    # Show each clause as it stands in the original text (clauses.txt holds the normalized form).
    clauses = segment(doc)
    originals = (
        [" ".join(doc.original[lo:hi].split()) for lo, hi in (doc.to_original(c.start, c.end) for c in clauses)]
        if len(clauses) == len(lines)
        else [line.text for line in lines]
    )
    width = max((len(f"v{line.version}") for line in lines), default=2)
    for line, text in zip(lines, originals, strict=True):
        label = _pad(f"v{line.version}", width)
        sys.stdout.write(f"{label} {line.commit[:_SHORT]} {line.when} │ {safe_name(text)}\n")
    return 0


def _warn(line: str) -> None:
    print(f"wendiff: warning: {safe_name(line)}", file=sys.stderr)


def _import(args: argparse.Namespace) -> int:
    from corpus.store.transfer import files_in, import_files

    found = files_in(args.folder)
    for note in found.notes:
        print(f"wendiff: warning: {safe_name(note)}", file=sys.stderr)
    paths = list(found.paths)
    reading = {"strict_decode": args.strict_decode, "warn": _warn}
    recorded = _Recorded(echo=args.verbose)

    def import_all() -> None:
        with _store(args, create=True) as store:
            if sys.stderr.isatty() and paths:
                from rich.console import Console
                from rich.progress import Progress

                with Progress(console=Console(stderr=True), transient=True) as progress:
                    task = progress.add_task("importing", total=len(paths))

                    def heard(path: object, result: AddResult) -> None:
                        recorded.heard(path, result)
                        progress.advance(task)

                    import_files(store, paths, args.doc, heard, **reading)
            else:
                import_files(store, paths, args.doc, recorded.heard, **reading)

    status = _saying_what_was_recorded(import_all, recorded)
    if status:
        return status
    created = sum(r.created for r in recorded.results)
    documents = len({r.version.doc_id for r in recorded.results})
    print(f"imported {len(paths)} files: {created} new versions of {documents} documents, "
          f"{len(recorded.results) - created} same")  # fmt: skip
    return 0


def _export(args: argparse.Namespace) -> int:
    from corpus.store.ids import validate_id
    from corpus.store.transfer import export_versions

    doc_id = validate_id(args.doc)
    with _store(args) as store:
        paths = export_versions(store, doc_id, args.folder)
    print(safe_name(f"wrote {len(paths)} versions of {doc_id} to {args.folder}"))
    return 0


def _check(args: argparse.Namespace) -> int:
    from corpus.store.check import check

    with _store(args) as store:
        report = check(store)
        where = store.path
    for problem in report.problems:
        print(safe_name(problem))
    summary = f"{report.versions} versions of {report.documents} documents"
    if report.leftovers:
        print(f"note: {report.leftovers} temporary files of interrupted adds in objects/ (harmless)")
    if report.ok:
        print(safe_name(f"{where}: store is whole ({summary})"))
        return 0
    print(safe_name(f"{where}: {len(report.problems)} problem(s) found ({summary}); nothing was changed"))
    return 1


# -- parser ------------------------------------------------------------------------------------------


def register(subparsers: Subparsers) -> None:
    from corpus.store.location import ENV_VAR
    from corpus.store.revs import HELP as REV_HELP

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--store", metavar="PATH", default=argparse.SUPPRESS,
        help=f"the store folder (default: ${ENV_VAR}, else the per-user data folder)",
    )
    p = subparsers.add_parser(
        "store", parents=[common], help=COMMANDS["store"],
        description="Keep every version of a document in a git repository, with history and clause blame. "
        + REV_HELP,
        epilog=exit_statuses(
            (0, "done; for 'diff' the versions are the same, for 'check' the store is whole"),
            (1, "'diff': the versions differ; 'check': problems found"),
            _TROUBLE,
        ),
    )
    sub = p.add_subparsers(dest="store_command", metavar="COMMAND", required=True)

    def command(
        name: str, func: object, help_text: str, statuses: tuple[tuple[int, str], ...] = ((0, "done"),)
    ) -> argparse.ArgumentParser:
        parser = sub.add_parser(
            name, parents=[common], help=help_text, description=help_text, epilog=exit_statuses(*statuses, _TROUBLE)
        )
        parser.set_defaults(func=func)
        return parser

    from corpus.read import DEFAULT_MAX_SIZE
    from tui.cli_help import utf8_text
    from tui.cmd_diff import STRICT_DECODE_HELP, add_output_arguments, parse_size

    a = command("add", _add, "record files as new versions (identical content records nothing)")
    a.add_argument("files", nargs="+", metavar="FILE", help="the file(s); several are added in order")
    a.add_argument("--doc", type=utf8_text, metavar="ID",
                   help="document id (default: the text's 文号, else the file name)")  # fmt: skip
    a.add_argument("--title", type=utf8_text, help="title (default: the first line of the text)")
    a.add_argument("--date", type=utf8_text, help="the document's own date, YYYY-MM-DD")
    a.add_argument("--source", type=utf8_text, metavar="URL", help="where this version came from")
    a.add_argument("-m", "--message", type=utf8_text, metavar="MSG", help="a note on this version")
    a.add_argument("--max-size", type=parse_size, default=DEFAULT_MAX_SIZE, metavar="SIZE",
                   help="refuse files larger than this (default 100M)")  # fmt: skip
    a.add_argument("--strict-decode", action="store_true", help=STRICT_DECODE_HELP)

    command("list", _list, "documents with their titles, number of versions and latest date")

    lg = command("log", _log, "versions of a document, newest first, with changes against the previous one")
    lg.add_argument("doc", metavar="ID")

    s = command("show", _show, "write the original bytes of a version to standard output")
    s.add_argument("ref", metavar="ID[@REV]", help=REV_HELP)
    s.add_argument("--as-of", metavar="YYYY-MM-DD",
                   help="the version in force on that day (its dates: --date, else the text's own)")  # fmt: skip

    d = command("diff", _diff, "compare two versions (default: the previous one with the latest)",
                ((0, "the versions are the same (after normalization)"), (1, "they differ")))  # fmt: skip
    d.add_argument("old", metavar="ID[@REV]", help="the older version (given alone, ID means ID@-1, "
                   "and either is compared with the latest)")  # fmt: skip
    d.add_argument("new", metavar="ID[@REV]", nargs="?", help="the newer version (default: the latest)")
    add_output_arguments(d)
    d.epilog = f"{REV_HELP}\n\n{d.epilog}"

    b = command("blame", _blame, "for each clause, the version that introduced its current wording")
    b.add_argument("ref", metavar="ID[@REV]", help=REV_HELP)

    i = command("import", _import, "add every file under a folder (hidden files skipped), in path order")
    i.add_argument("folder", metavar="DIR")
    i.add_argument("--doc", type=utf8_text, metavar="ID", help="make every file a version of this document")
    i.add_argument("-v", "--verbose", action="store_true", help="print one line per file")
    i.add_argument("--strict-decode", action="store_true", help=STRICT_DECODE_HELP)

    e = command("export", _export, "write every version of a document into a folder as v001.ext, v002.ext …")
    e.add_argument("doc", metavar="ID")
    e.add_argument("folder", metavar="DIR")

    _register_lineage(command)

    command("check", _check, "verify the store (git fsck and the store's own rules); changes nothing",
            ((0, "the store is whole"), (1, "problems found (listed; nothing is changed)")))  # fmt: skip


# -- lineage, annotate, as-of ------------------------------------------------------------------------


def _pick_version(args: argparse.Namespace, hist: History) -> tuple[int, str]:
    """The version ``--at`` or ``--as-of`` names (default: the latest), and a line saying when it was in force."""
    from corpus.errors import WendiffError

    count = len(hist.versions)
    if getattr(args, "as_of", None):
        return _in_force(hist.dates, args.as_of)
    k = count if args.at is None else args.at
    if not 1 <= k <= count:
        raise WendiffError(f"--at {k}: the document has versions 1 to {count}")
    return k, ""


def _report_bytes(args: argparse.Namespace, title: str, blocks: list[object], json_body: object | None) -> bytes:
    import json

    from diffing.reports.blocks import Block, render

    if args.format == "json" and json_body is not None:
        return (json.dumps(json_body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    colour = args.format == "text" and args.output is None and sys.stdout.isatty()
    return render(title, [b for b in blocks if isinstance(b, Block)], args.format, colour)


def _emit_bytes(args: argparse.Namespace, data: bytes, store_path: object) -> None:
    from corpus.errors import WendiffError
    from tui.output import write_report

    if args.output is not None:
        write_report(args.output, data)
        return
    if args.format == "docx" and sys.stdout.isatty():
        raise WendiffError("--format docx: give -o FILE (a .docx is not for the terminal)")
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def _history(args: argparse.Namespace, store: Store) -> tuple[History, int, str]:
    """The document's history (with ``-o`` checked first), the version chosen (`_pick_version`) and when
    it was in force: what lineage and annotate both start from."""
    from corpus.errors import WendiffError
    from corpus.store.ids import validate_id
    from diffing.history import history
    from tui.output import check_output

    if args.output is not None:
        check_output(args.output, (), (store.path,))
    doc_id = validate_id(args.doc)
    hist = history(store, doc_id)
    if len(hist.versions) < 2:
        raise WendiffError(f"{doc_id}: only one version in the store; a lineage needs two or more")
    return hist, *_pick_version(args, hist)


def _lineage(args: argparse.Namespace) -> int:
    from corpus.errors import WendiffError
    from diffing.lineage import LineageError, find
    from diffing.reports.lineage import lineage_blocks, lineage_json

    with _store(args) as store:
        hist, k, in_force_line = _history(args, store)
        lineages = hist.lineages
        if args.unit is None or args.unit.upper() == "ALL":
            chosen = list(lineages.lineages)  # every unit of every version, deleted ones too
        else:
            try:
                chosen = [find(lineages, k, args.unit)]
            except LineageError as exc:
                raise WendiffError(f"{args.doc}: {exc}") from exc
        body = lineage_json(hist.versions[0].doc_id, hist.dates, [v.sha256 for v in hist.versions], lineages, chosen)
        if in_force_line:
            body["as_of"] = {"date": args.as_of, "version": k}
        title = f"{hist.versions[-1].title or args.doc} — 沿革"
        blocks = lineage_blocks(hist.text, hist.dates, lineages, chosen)
        data = _report_bytes(args, title + (f" ({in_force_line})" if in_force_line else ""), list(blocks), body)
        _emit_bytes(args, data, store.path)
    return 0


def _annotate(args: argparse.Namespace) -> int:
    from diffing.reports.annotate import annotate_blocks

    with _store(args) as store:
        hist, k, in_force_line = _history(args, store)
        version = hist.versions[k - 1]
        title = f"{version.title or args.doc}（编注版，v{k}{'，' + in_force_line if in_force_line else ''}）"
        blocks = annotate_blocks(hist.text, hist.dates, hist.lineages, k)
        _emit_bytes(args, _report_bytes(args, title, list(blocks), None), store.path)
    return 0


def _register_lineage(command: Callable[..., argparse.ArgumentParser]) -> None:
    from tui.cli_help import utf8_text

    ln = command("lineage", _lineage, "each article's (or chapter's) history through every version (沿革)")
    ln.add_argument("doc", metavar="ID")
    ln.add_argument("unit", metavar="第X条|第X章|ALL", nargs="?", type=utf8_text,
                    help="the article or division, as labelled in the version chosen (default: ALL)")  # fmt: skip
    _version_options(ln)
    ln.add_argument("--format", choices=("text", "json", "html", "md", "docx"), default="text")
    ln.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (default: standard output)")

    an = command("annotate", _annotate, "the annotated text (编注版): a version with, under each article, "
                 "how each amendment changed it")  # fmt: skip
    an.add_argument("doc", metavar="ID")
    _version_options(an)
    an.add_argument("--format", choices=("text", "html", "md", "docx"), default="text")
    an.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (default: standard output)")


def _version_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--at", type=int, metavar="N",
                       help="the version whose labels you give and see (default: the latest)")  # fmt: skip
    group.add_argument("--as-of", metavar="YYYY-MM-DD", help="the version in force on that day")
