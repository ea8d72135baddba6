"""What the duplicate finder reads: files, folders of files, versions in the store.

Rules:

* An `Input` names one document: a file, or one version of a document of the
  version store. It is a small frozen value, cheap to send to a worker.
* Folders are walked as `store import` walks them (`corpus.folder_files`):
  recursively, in sorted order, leaving out hidden files and folders (names
  starting with a dot). What that leaves out (a link out of the folder, a
  link to a folder, a FIFO, a folder that cannot be read) is an input refused
  before reading (`Input.refused`): the run skips it with its problem, in one
  warning line, and counts it. A name given that is neither a file nor a
  folder (missing, a FIFO, a device) is kept: reading it fails, and the run
  skips it the same way.
* An input's ``name`` is `corpus.display.report_name` of its path (bytes that
  are not UTF-8 written ``\\xff``); ``path`` is the path itself.
* `load_input` reads and normalizes; every problem with the input is a
  `WendiffError` with one line naming it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.display import report_name
from corpus.document import Document
from corpus.errors import InputError
from corpus.folder_files import files_under
from corpus.options import Options
from corpus.read import DEFAULT_MAX_SIZE

if TYPE_CHECKING:
    from corpus.store import Store

__all__ = ["Input", "collect_inputs", "load_input", "store_inputs"]


@dataclass(frozen=True)
class Input:
    """A document to check: a file, or a version in the store."""

    name: str
    """The name reports use."""
    path: str | None = None
    """The file to read."""
    store: str | None = None
    """Folder of the store holding it."""
    doc_id: str | None = None
    number: int | None = None
    """Version number in the store."""
    refused: str | None = None
    """Why the file is not read at all (a link out of its folder …): loading it fails with this problem."""

    @property
    def from_store(self) -> bool:
        return self.store is not None


def collect_inputs(paths: Sequence[str]) -> list[Input]:
    """Files named, and every file below each folder named (sorted, hidden ones left out).

    A name that is neither is kept: reading it fails, and it is skipped with its problem. What a folder
    leaves out (`corpus.folder_files`) comes last, refused.
    """
    found: list[Input] = []
    for given in paths:
        if Path(given).is_dir():
            below = files_under(given)
            found += [Input(report_name(str(path)), path=str(path)) for path in below.paths]
            found += [Input(report_name(note.path), path=note.path, refused=note.problem) for note in below.left_out]
        else:
            found.append(Input(report_name(given), path=given))
    return found


def store_inputs(store: str | None) -> list[Input]:
    """The latest version of every document in the store at ``store`` (default location if None)."""
    from corpus.store import Store

    with Store.open(store, create=False) as opened:
        latest = [opened.version(info.doc_id) for info in opened.documents()]
        return [
            Input(f"{v.doc_id}@{v.number}{Path(v.name).suffix}", store=str(opened.path), doc_id=v.doc_id,
                  number=v.number)
            for v in latest
        ]  # fmt: skip


def load_input(inp: Input, options: Options, max_size: int = DEFAULT_MAX_SIZE) -> Document:
    """Read and normalize an input (raises `InputError` for a bad file)."""
    if inp.from_store:
        return _store_document(inp, options)
    from corpus.pipeline import load

    assert inp.path is not None
    if inp.refused is not None:
        raise InputError(inp.path, inp.refused)
    return load(inp.path, options, max_size)


def _store_document(inp: Input, options: Options) -> Document:
    from corpus.store import Rev

    assert inp.store is not None and inp.doc_id is not None and inp.number is not None
    store = _open_store(inp.store)
    version = store.version(inp.doc_id)
    if version.number != inp.number:  # a version was added since the run started
        version = store.version(inp.doc_id, Rev("number", inp.number))
    return store.document(version, options)


@functools.cache
def _open_store(path: str) -> Store:
    from corpus.store import Store

    return Store.open(path, create=False)
