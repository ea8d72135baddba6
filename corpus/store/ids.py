"""Document ids: the name of a document's folder inside the store.

Rules:

* An id is one path segment: it becomes ``docs/<ID>/`` in the repository and
  is passed to git, so it must not be able to escape that folder or reach git
  as an option. Rejected: empty ids, ``.`` and ``..``, ``/`` and ``\\`` (no
  path traversal, no absolute paths, no nesting: a nested id could collide
  with another document's files), a leading ``-`` or ``.``, leading or trailing
  spaces, control and other invisible characters (Unicode categories C*, Zl,
  Zp), ``@`` (it separates an id from a revision, ``ID@REV``) and ids longer
  than `MAX_ID_BYTES` bytes in UTF-8 (a file-name limit on every system).
* Ids are NFC-normalized (`validate_id`, `derive_id`): a composed and a
  decomposed ``é`` name one document. Otherwise an id is not rewritten
  silently: a bad id is a `StoreError` that names it.
"""

from __future__ import annotations

import unicodedata

from corpus.display import safe_name
from corpus.store.errors import StoreError

__all__ = ["MAX_ID_BYTES", "derive_id", "is_valid_id", "validate_id"]

MAX_ID_BYTES = 200
_FORBIDDEN = {"/": "a '/'", "\\": "a '\\'", "@": "an '@' (it separates an id from a revision)"}


def _problem(doc_id: str) -> str | None:
    """Why ``doc_id`` is not a valid id, or None."""
    if not doc_id:
        return "is empty"
    if doc_id in (".", ".."):
        return "is a relative path"
    if doc_id.startswith("-"):
        return "starts with '-'"
    if doc_id.startswith("."):
        return "starts with '.'"
    if doc_id != doc_id.strip():
        return "starts or ends with a space"
    for char in doc_id:
        if char in _FORBIDDEN:
            return f"contains {_FORBIDDEN[char]}"
        category = unicodedata.category(char)
        if category[0] == "C" or category in ("Zl", "Zp"):
            return f"contains the control or invisible character U+{ord(char):04X}"
    if len(doc_id.encode("utf-8")) > MAX_ID_BYTES:
        return f"is longer than {MAX_ID_BYTES} bytes"
    return None


def is_valid_id(doc_id: str) -> bool:
    """True when ``doc_id`` can name a document."""
    return _problem(doc_id) is None


def validate_id(doc_id: str) -> str:
    """``doc_id`` in NFC when valid; a `StoreError` saying why otherwise."""
    doc_id = unicodedata.normalize("NFC", doc_id)
    problem = _problem(doc_id)
    if problem is not None:
        raise StoreError(f"document id {safe_name(repr(doc_id))} {problem}")
    return doc_id


def derive_id(text: str, name: str) -> str:
    """The default id of a document: its 文号, else its file name without extension.

    A file name that is not a valid id is a `StoreError` asking for ``--doc``.
    """
    from pathlib import PurePath

    from corpus.store.docnumber import find_doc_number

    number = find_doc_number(text)
    if number is not None and is_valid_id(number):
        return unicodedata.normalize("NFC", number)
    stem = unicodedata.normalize("NFC", PurePath(name).stem if name not in ("", "-") else "")
    problem = _problem(stem)
    if problem is not None:
        raise StoreError(f"{name}: no 文号 found and the file name {problem}; give an id with --doc ID")
    return stem
