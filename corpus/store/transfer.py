"""Many versions in and out: ``import`` a folder of files, ``export`` every version of a document.

Rules:

* Import takes the regular files under a folder as `corpus.folder_files`
  finds them (recursively, in sorted path order, hidden ones left out; never
  a link out of the folder nor a link to a folder; no FIFO, socket or device;
  a folder it cannot read is named): each entry left out is one note
  (`Found.notes`), which the command line prints as a warning. Every
  file is read and decoded, and its id found, before the first one is added,
  so an unreadable file stops the import with the store untouched. Files with
  the same id become successive versions in path order; the caller hears of
  each version as it is recorded (``on_added``), so an import stopped by an
  error or Ctrl-C can say what it recorded.
* Export writes version N of a document as ``vNNN<ext>`` (its original
  bytes, the extension of the file it was added from) into a folder, created
  if needed. It never overwrites: if any target file exists, nothing is
  written. The files are made in a temporary folder beside the target and
  moved into place at the end (the folder renamed when it did not exist, else
  each file hard-linked in), so a failed export leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath

from corpus.display import report_name
from corpus.folder_files import files_under
from corpus.store.errors import InterruptedAfterRecording, StoreError
from corpus.store.ids import derive_id, validate_id
from corpus.store.store import Store
from corpus.store.values import AddResult

__all__ = ["Found", "export_name", "export_versions", "files_in", "import_files"]


@dataclass(frozen=True)
class Found:
    """What ``import`` takes from a folder, and one note for each entry it leaves out."""

    paths: tuple[Path, ...]
    """Regular files, in the order they are added."""
    notes: tuple[str, ...]
    """``PATH: why it is left out`` (a link out of the folder, a FIFO …), one line each."""


def files_in(folder: str | os.PathLike[str]) -> Found:
    """The files ``import`` takes from ``folder``, in the order it adds them, and what it leaves out."""
    root = Path(folder)
    if not root.is_dir():
        raise StoreError(f"{report_name(str(root))}: not a folder")
    found = files_under(root)
    return Found(found.paths, tuple(str(note) for note in found.left_out))


def import_files(
    store: Store, paths: list[Path], doc_id: str | None = None,
    on_added: Callable[[Path, AddResult], None] | None = None,
    *, strict_decode: bool = False, warn: Callable[[str], None] | None = None,
) -> list[AddResult]:
    """Add each of ``paths`` as a version (all read first); ``on_added`` hears of each one.

    ``warn`` hears each of `Source.warnings` (invalid byte sequences read as U+FFFD, scanned pages)
    (``strict_decode`` refuses a text with invalid byte sequences instead).
    """
    from corpus.read import read_source

    sources = [read_source(str(path), strict_decode=strict_decode) for path in paths]
    for source in sources:
        if warn is not None:
            for warning in source.warnings():
                warn(warning)
    ids = [validate_id(doc_id) if doc_id else derive_id(s.text, s.name) for s in sources]
    results = []
    for path, source, source_id in zip(paths, sources, ids, strict=True):
        try:
            result = store.add_source(source, doc_id=source_id)
        except InterruptedAfterRecording as exc:  # recorded: heard of like the others, then the interruption
            if on_added is not None:
                on_added(path, exc.result)
            raise
        results.append(result)
        if on_added is not None:
            on_added(path, result)
    return results


def export_name(number: int, name: str) -> str:
    """File name of version ``number`` added from a file called ``name``: ``v003.txt``."""
    return f"v{number:03d}{PurePath(name).suffix}"


def export_versions(store: Store, doc_id: str, folder: str | os.PathLike[str]) -> list[Path]:
    """Write every version of ``doc_id`` into ``folder``; the paths written, oldest first.

    The files are written into a temporary folder beside ``folder`` and moved into place only
    when all are written: a failure (a corrupt store, a full disk) leaves no partial files.
    """
    target = Path(folder)
    versions = list(reversed(store.log(doc_id)))
    names = [export_name(v.number, v.name) for v in versions]
    existing = [target / n for n in names if (target / n).exists()]
    if existing:
        raise StoreError(
            f"{report_name(str(existing[0]))}: already exists; export writes into a folder without such files"
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.export-", dir=target.parent))
    except OSError as exc:
        raise StoreError(f"{report_name(str(exc.filename or target))}: cannot write: {exc.strerror or exc}") from exc
    try:
        for version, name in zip(versions, names, strict=True):
            with open(staging / name, "xb") as out:
                out.write(store.original(version))
        if not target.exists():
            os.rename(staging, target)
        else:
            linked: list[Path] = []
            try:
                for name in names:
                    os.link(staging / name, target / name)  # fails if one appeared meanwhile: never overwrites
                    linked.append(target / name)
            except OSError:
                for path in linked:
                    path.unlink(missing_ok=True)
                raise
    except OSError as exc:
        raise StoreError(f"{report_name(str(exc.filename or target))}: cannot write: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [target / name for name in names]
