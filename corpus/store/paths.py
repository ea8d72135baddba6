"""Where things are inside the store's repository: the one place that spells paths.

Rules:

* The store is a bare git repository whose branch `BRANCH` holds one folder
  per document, ``docs/<ID>/``, with exactly three files: `ORIGINAL` (the
  bytes as added), `CLAUSES` (the normalized text, one clause per line, UTF-8)
  and `META` (a small JSON object, see corpus/store/meta.py).
* Each version of a document is one commit that changes only that folder.
* The reviewer's data lives beside the versions, on a ref of its own,
  `PINS_REF`: each save is a commit there (so it is versioned too), whose tree
  holds ``pins/<sha256 of A>-<sha256 of B>.json`` for each pair of versions the
  reviewer pinned (`pins_file`). The versions' branch never changes for it.
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
    "PINS",
    "PINS_REF",
    "doc_dir",
    "doc_file",
    "literal_pathspec",
    "pins_file",
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
PINS_REF = "refs/wendiff/pins"
"""The ref of the reviewer's pins (see the rules)."""
PINS = "pins"
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


def pins_file(a_sha256: str, b_sha256: str) -> str:
    """Name of the pins of version A (its original's sha256) against version B, inside `PINS`."""
    return f"{a_sha256}-{b_sha256}.json"
