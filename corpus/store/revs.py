"""Naming a version: ``ID``, ``ID@N``, ``ID@-K`` or ``ID@COMMIT``.

Rules (the same text is shown by ``wendiff store --help``):

* ``ID`` alone is the latest version.
* ``ID@N``, N a number of up to 6 digits: version N (the first version is 1).
* ``ID@-K``: K versions before the latest (``ID@-1`` is the previous one,
  ``ID@-0`` the latest).
* ``ID@HEX``, 7 to 40 hexadecimal characters: the version recorded by the
  commit whose id starts with HEX (as ``log`` and ``git log`` show it).
* The id is everything before the last ``@`` (ids never hold an ``@``); a
  revision of any other form is a `StoreError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from corpus.store.errors import StoreError
from corpus.store.ids import validate_id
from corpus.store.values import Version

__all__ = ["HELP", "LATEST", "Rev", "parse_ref", "parse_rev", "select"]

HELP = (
    "A version is named ID (the latest), ID@N (version N, from 1), ID@-K (K versions before the "
    "latest: ID@-1 is the previous one) or ID@HEX (the version recorded by commit HEX…, 7+ hex digits)."
)


@dataclass(frozen=True)
class Rev:
    """Which version of a document."""

    kind: Literal["number", "back", "commit"]
    value: int | str
    """The version number, the count back from the latest, or a commit id prefix (lower case)."""


LATEST = Rev("back", 0)


def parse_rev(text: str) -> Rev:
    """The `Rev` written as ``text`` (what follows the ``@``)."""
    if re.fullmatch(r"[0-9]{1,6}", text):
        if int(text) == 0:
            raise StoreError("version numbers start at 1: @0 names no version")
        return Rev("number", int(text))
    if re.fullmatch(r"-[0-9]{1,6}", text):
        return Rev("back", -int(text))
    if re.fullmatch(r"[0-9a-fA-F]{7,40}", text):
        return Rev("commit", text.lower())
    raise StoreError(f"revision {text!r} is not N, -K or a commit id of 7 to 40 hex digits")


def parse_ref(text: str) -> tuple[str, Rev]:
    """The document id and `Rev` of ``ID[@REV]``."""
    doc_id, at, rev = text.rpartition("@")
    if not at:
        return validate_id(text), LATEST
    return validate_id(doc_id), parse_rev(rev)


def select(versions: list[Version], rev: Rev) -> Version:
    """The version named by ``rev`` among ``versions`` (one document's, newest first, not empty)."""
    doc_id = versions[0].doc_id
    if rev.kind == "back":
        back = int(rev.value)
        if back >= len(versions):
            raise StoreError(f"{doc_id}@-{back}: {doc_id!r} has only {len(versions)} version(s)")
        return versions[back]
    if rev.kind == "number":
        for version in versions:
            if version.number == rev.value:
                return version
        raise StoreError(f"{doc_id}@{rev.value}: {doc_id!r} has versions 1 to {versions[0].number}")
    found = [v for v in versions if v.commit.startswith(str(rev.value))]
    if len(found) != 1:
        problem = "names no version" if not found else "is ambiguous"
        raise StoreError(f"{doc_id}@{rev.value}: {problem} of {doc_id!r}")
    return found[0]
