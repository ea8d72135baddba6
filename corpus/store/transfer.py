"""Many versions in and out: ``import`` a folder of files, ``export`` every version of a document.

Rules:

* Import takes the regular files under a folder, recursively, in sorted path
  order, skipping hidden files and folders (names starting with ``.``). Every
  file is read and decoded, and its id found, before the first one is added,
  so an unreadable file stops the import with the store untouched. Files with
  the same id become successive versions in path order.
* Export writes version N of a document as ``vNNN<ext>`` (its original
  bytes, the extension of the file it was added from) into a folder, created
  if needed. It never overwrites: if any target file exists, nothing is
  written.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePath

from corpus.store.errors import StoreError
from corpus.store.ids import derive_id, validate_id
from corpus.store.store import Store
from corpus.store.values import AddResult

__all__ = ["export_name", "export_versions", "files_in", "import_files"]


def files_in(folder: str | os.PathLike[str]) -> list[Path]:
    """The files ``import`` takes from ``folder``, in the order it adds them."""
    root = Path(folder)
    if not root.is_dir():
        raise StoreError(f"{root}: not a folder")
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found.extend(Path(dirpath) / f for f in filenames if not f.startswith("."))
    return sorted((p for p in found if p.is_file()), key=lambda p: p.relative_to(root).parts)


def import_files(
    store: Store, paths: list[Path], doc_id: str | None = None,
    on_added: Callable[[Path, AddResult], None] | None = None,
    *, strict_decode: bool = False, warn: Callable[[str], None] | None = None,
) -> list[AddResult]:
    """Add each of ``paths`` as a version (all read first); ``on_added`` hears of each one.

    ``warn`` hears one line for each text read with invalid byte sequences as U+FFFD
    (``strict_decode`` refuses such a text instead).
    """
    from corpus.read import read_source

    sources = [read_source(str(path), strict_decode=strict_decode) for path in paths]
    for source in sources:
        if warn is not None and source.decode_errors is not None:
            warn(source.decode_errors.warning(source.name))
    ids = [validate_id(doc_id) if doc_id else derive_id(s.text, s.name) for s in sources]
    results = []
    for path, source, source_id in zip(paths, sources, ids, strict=True):
        result = store.add_source(source, doc_id=source_id)
        results.append(result)
        if on_added is not None:
            on_added(path, result)
    return results


def export_name(number: int, name: str) -> str:
    """File name of version ``number`` added from a file called ``name``: ``v003.txt``."""
    return f"v{number:03d}{PurePath(name).suffix}"


def export_versions(store: Store, doc_id: str, folder: str | os.PathLike[str]) -> list[Path]:
    """Write every version of ``doc_id`` into ``folder``; the paths written, oldest first."""
    target = Path(folder)
    versions = list(reversed(store.log(doc_id)))
    paths = [target / export_name(v.number, v.name) for v in versions]
    existing = [p for p in paths if p.exists()]
    if existing:
        raise StoreError(f"{existing[0]}: already exists; export writes into a folder without such files")
    try:
        target.mkdir(parents=True, exist_ok=True)
        for version, path in zip(versions, paths, strict=True):
            with open(path, "xb") as out:
                out.write(store.original(version))
    except OSError as exc:
        raise StoreError(f"{exc.filename or target}: cannot write: {exc.strerror or exc}") from exc
    return paths
