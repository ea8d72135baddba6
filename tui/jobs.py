"""The work the app hands to worker threads: plain functions over corpus/ and diffing/.

Rules:

* Nothing here imports Textual: each job takes plain values and returns
  plain values (a `Diff`, a path, store values), so it can be tested and
  timed without an app. Screens run these in ``@work(thread=True)`` workers
  and post the results back as messages (tui/messages.py).
* Progress is reported through a callback ``progress(stage, done, total)``
  called between stages; a job never sleeps or polls.
* User errors are `WendiffError` (one line); an export that needs a format
  module not installed yet raises `ExportUnavailable`.
* An export is written by `tui.output`: never over a compared file or into
  the store, whole or not at all.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from corpus.document import Document
from corpus.errors import WendiffError
from corpus.store.values import BlameLine, DocumentInfo, Version
from diffing.model import Diff, Summary
from diffing.reports import FORMATS, Format, Report
from tui.comparing import STAGES, OnProgress, quiet, run_compare
from tui.dup_list import Base, DupLine, dup_lines
from tui.sides import CompareRequest, FileSide, StoreSide
from tui.view_lines import Measure

if TYPE_CHECKING:
    from diffing.draft_style import Style
    from diffing.dups.engine import Input

__all__ = [
    "STAGES",
    "DupsData",
    "ExportUnavailable",
    "HistoryData",
    "OnProgress",
    "export_report",
    "find_dups",
    "list_documents",
    "load_history",
    "prepare_view",
    "run_compare",
    "suggest_export_path",
    "version_summary",
]

class ExportUnavailable(WendiffError):
    """A report format whose module is not available."""


def prepare_view(
    diff: Diff, progress: OnProgress = quiet, unified: bool = True, early: Measure | None = None
) -> Measure:
    """What the compare view measures once per diff (stage 6), done before the view gets the diff.

    ``early`` is the measure of the same diff before its inline parts were computed (`Measure.carries`).
    (The diff of a large pair is millions of long-lived objects: the collector's thresholds that
    `tui.cli.main` sets keep full collections from pausing the UI thread while the view lays
    them out.)
    """
    progress(STAGES[5], 5, len(STAGES))
    return Measure(diff, early).prepare(unified)


def suggest_export_path(diff: Diff, fmt: str, folder: Path | None = None, report: str = "redline") -> Path:
    """``wendiff-A-vs-B.FMT`` (``wendiff-A-vs-B-table.FMT`` for another report than the redline) in
    ``folder`` (default: the working directory), names made file-safe."""

    def stem(name: str) -> str:
        base = Path(name).stem or "text"
        return "".join(c if c.isalnum() or c in "-_.@" else "_" for c in base)[:40]

    suffix = {"text": "txt"}.get(fmt, fmt)
    kind = "" if report == "redline" else f"-{report}"
    return (folder or Path.cwd()) / f"wendiff-{stem(diff.a.name)}-vs-{stem(diff.b.name)}{kind}.{suffix}"


def export_report(
    diff: Diff, fmt: Format, path: Path, kind: Report = "redline", style: Style | None = None
) -> Path:
    """Write the ``kind`` of report of ``diff`` in ``fmt`` to ``path`` (a 修改决定 in the issuer's
    ``style``, guessed when None); return the path written."""
    from diffing.reports import render, unsupported

    if fmt not in FORMATS:
        raise WendiffError(f"{fmt}: not a report format (one of {', '.join(FORMATS)})")
    reason = unsupported(kind, fmt)
    if reason:
        raise WendiffError(reason)
    try:
        report = render(diff, fmt) if kind == "redline" else render(diff, fmt, kind, style=style)
    except ImportError as exc:
        raise ExportUnavailable(f"{fmt} export is not available yet ({exc})") from exc
    data = report if isinstance(report, bytes) else report.encode("utf-8")
    from corpus.store.location import store_path
    from tui.output import check_output, write_report

    check_output(path, (diff.a.name, diff.b.name), (store_path(),))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WendiffError(f"{path}: cannot write the report ({exc.strerror or exc})") from exc
    write_report(path, data)
    return path


@dataclass(frozen=True)
class HistoryData:
    """The versions of one document, newest first, and the blame of the version shown."""

    doc_id: str
    versions: tuple[Version, ...]
    """Newest first."""
    blame: tuple[BlameLine, ...]
    """One line per clause of version ``blamed``."""
    blamed: int
    """Number of the version the blame is of (0 when there is none)."""
    originals: tuple[str, ...] = ()
    """Each blamed clause as it stands in the version's original text (as ``wendiff store blame`` shows
    it: runs of whitespace as one space), one per line of ``blame``."""


def load_history(store_path: Path, doc_id: str, blamed: int | None = None) -> HistoryData:
    """The log of ``doc_id`` and the blame of version ``blamed`` (default: the latest)."""
    from corpus.store import Rev, Store
    from corpus.store.blame import blame

    with Store.open(store_path, create=False) as store:
        versions = store.log(doc_id)
        number = blamed or (versions[0].number if versions else 0)
        lines = blame(store, doc_id, Rev("number", number)) if number else []
        doc = store.document(store.version(doc_id, Rev("number", number))) if lines else None
        originals = _blamed_originals(doc, lines) if doc is not None else []
    return HistoryData(doc_id, tuple(versions), tuple(lines), number, tuple(originals))


def version_summary(store_path: Path, doc_id: str, older: int, newer: int) -> Summary:
    """The summary of the comparison History's ``c`` opens for two versions: the same request (the
    default options and the pins kept in the store for the two), so the same counts as Compare's and
    as ``wendiff store diff -f json``'s. Pins that cannot be read are left out, as Compare does."""
    request = CompareRequest(StoreSide(store_path, doc_id, older), StoreSide(store_path, doc_id, newer))
    with contextlib.suppress(WendiffError):
        request = replace(request, pins=request.kept_pins())
    return run_compare(request).summary


def _blamed_originals(doc: Document, lines: Sequence[BlameLine]) -> list[str]:
    """The original text of each blamed clause (its normalized text where the clauses do not line up)."""
    from diffing.segment import segment

    clauses = segment(doc)
    if len(clauses) != len(lines):
        return [line.text for line in lines]
    return [" ".join(doc.original[lo:hi].split()) for lo, hi in (doc.to_original(c.start, c.end) for c in clauses)]


def list_documents(store_path: Path | None) -> list[DocumentInfo]:
    """The documents of the store at ``store_path``; none when there is no store there yet."""
    from corpus.store import Store

    if store_path is None or not store_path.exists():
        return []
    with Store.open(store_path, create=False) as store:
        return store.documents()


@dataclass(frozen=True)
class DupsData:
    """What the Duplicates screen shows."""

    lines: tuple[DupLine, ...]
    documents: int
    """Documents read."""
    skipped: tuple[str, ...]
    """One-line problems of the inputs that could not be read."""


def find_dups(store_path: Path | None, files: Sequence[str], progress: OnProgress = quiet) -> DupsData:
    """Repeats and re-used passages among the files given and the store's documents (latest versions).

    With files, the files are checked against the store (the finder's ``--store``
    semantics: repeats in the files, passages shared with the files). Without
    files, the store's documents are checked among themselves: the finder
    compares only documents given as files, so their bytes are written to a
    temporary folder for the run and named back to their store versions.
    """
    from diffing.dups.engine import Input, find_duplicates
    from diffing.dups.result import Progress

    def report(p: Progress) -> None:
        progress("reading" if p.stage == "read" else "comparing", p.done, p.total)

    documents = list_documents(store_path)
    bases: dict[str, tuple[str, Base]] = {f: (f, FileSide(f)) for f in files}
    with tempfile.TemporaryDirectory(prefix="wendiff-dups-") as folder:
        inputs = [Input(f, path=f) for f in files]
        if store_path is not None and documents:
            inputs += _store_inputs(store_path, documents, Path(folder) if not files else None, bases)
        if not inputs:
            return DupsData((), 0, ())
        result = find_duplicates(inputs, workers=1, progress=report)
    return DupsData(tuple(dup_lines(result, bases)), len(result.documents), tuple(s.problem for s in result.skipped))


def _store_inputs(
    store_path: Path, documents: Sequence[DocumentInfo], folder: Path | None, bases: dict[str, tuple[str, Base]]
) -> list[Input]:
    """Inputs for the store's latest versions: store references, or (``folder``) files of their bytes."""
    from corpus.store import Store
    from diffing.dups.engine import Input

    inputs = []
    with Store.open(store_path, create=False) as store:
        for k, doc in enumerate(documents):
            version = store.version(doc.doc_id)
            name = f"{doc.doc_id}@{version.number}"
            side = StoreSide(store_path, doc.doc_id, version.number)
            if folder is None:
                inputs.append(Input(name, store=str(store_path), doc_id=doc.doc_id, number=version.number))
                bases[f"{name}{PurePath(version.name).suffix}"] = (name, side)  # as `Store.document` names it
                continue
            path = folder / f"{k:05d}{PurePath(version.name).suffix}"
            path.write_bytes(store.original(version))
            inputs.append(Input(name, path=str(path)))
            bases[str(path)] = (name, side)
    return inputs
