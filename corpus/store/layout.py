"""Where things are inside the store's repository: the one place that spells paths.

Rules:

* The store is a bare git repository whose branch `BRANCH` holds one folder
  per document, ``docs/<ID>/``, with exactly three files: `ORIGINAL` (the
  bytes as added), `CLAUSES` (the normalized text, one clause per line, UTF-8)
  and `META` (a small JSON object, see corpus/store/meta.py).
* Each version of a document is one commit that changes only that folder.
* Paths given to git pathspecs are literal (``:(literal)``): ids such as
  发改环资〔2015〕3214号 may be written with ``[ ]`` and must never act as globs.
"""

from __future__ import annotations

__all__ = [
    "BRANCH",
    "CLAUSES",
    "DOCS",
    "FILES",
    "LOCK_FILE",
    "MARKER_KEY",
    "META",
    "ORIGINAL",
    "doc_dir",
    "doc_file",
    "literal_pathspec",
]

BRANCH = "refs/heads/main"
"""The branch whose tip is the store's current state."""
DOCS = "docs"
"""Top-level folder holding one folder per document."""
ORIGINAL = "original"
CLAUSES = "clauses.txt"
META = "meta.json"
FILES = (ORIGINAL, CLAUSES, META)
"""The files of a document folder, all required."""
LOCK_FILE = "wendiff.lock"
"""Lock file in the repository directory, taken by every writer."""
MARKER_KEY = "wendiff.store"
"""Config key set to the layout version when the store is created."""


def doc_dir(doc_id: str) -> str:
    """Folder of a document, ``docs/<ID>`` (``doc_id`` already validated)."""
    return f"{DOCS}/{doc_id}"


def doc_file(doc_id: str, name: str) -> str:
    """Path of one of a document's `FILES`."""
    return f"{DOCS}/{doc_id}/{name}"


def literal_pathspec(path: str) -> str:
    """A git pathspec that matches ``path`` literally."""
    return f":(literal){path}"
