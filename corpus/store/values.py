"""What the store hands out: small frozen values, never git objects.

Rule: everything public in corpus/store returns these dataclasses (or bytes
and strings); a caller never sees GitPython.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AddResult", "BlameLine", "ClauseStats", "DocumentInfo", "Version"]


@dataclass(frozen=True)
class ClauseStats:
    """Clause changes of a version against the previous one, counted once at add time."""

    inserted: int
    """Clauses that are new (``inserted`` and ``copied`` rows)."""
    modified: int
    """Clauses reworded in place (``modified``, ``split`` and ``merged`` rows)."""
    deleted: int
    """Clauses removed."""
    moved: int
    """Clauses found out of order (possibly also reworded)."""
    equal: int
    """Clauses unchanged."""
    similarity: float
    """Overall similarity of the two versions in [0, 1]."""

    def short(self) -> str:
        """The compact form shown by ``log``: ``+3 ~5 -1 ↔2``."""
        return f"+{self.inserted} ~{self.modified} -{self.deleted} ↔{self.moved}"


@dataclass(frozen=True)
class Version:
    """One recorded version of a document."""

    doc_id: str
    number: int
    """1 for the first version of the document, then 2, 3 …"""
    commit: str
    """Hex id of the commit that recorded it."""
    added: str
    """When it was recorded, ISO 8601 in UTC (``2024-05-01T08:30:00Z``)."""
    title: str
    date: str
    """The document's own date as given with ``--date`` (``YYYY[-MM[-DD]]``), or empty."""
    source: str
    """Where it came from (a URL, a note), or empty."""
    message: str
    """The user's note for this version, or empty."""
    name: str
    """File name as added; its extension says how to read `original`."""
    encoding: str
    """Encoding the original bytes were decoded with."""
    sha256: str
    """Hex digest of the original bytes."""
    size: int
    """Number of original bytes."""
    clauses: int
    """Number of clauses (lines of clauses.txt)."""
    stats: ClauseStats | None
    """Changes against the previous version; None for version 1."""

    @property
    def when(self) -> str:
        """The document's date if known, else the day it was recorded."""
        return self.date or self.added[:10]


@dataclass(frozen=True)
class DocumentInfo:
    """A document of the store, as ``list`` shows it."""

    doc_id: str
    title: str
    """Title of the latest version."""
    versions: int
    """Number of versions recorded."""
    when: str
    """`Version.when` of the latest version."""


@dataclass(frozen=True)
class AddResult:
    """What ``add`` did."""

    version: Version
    """The new version, or the latest one when nothing was added."""
    created: bool
    """False when the content was identical to the latest version."""
    warning: str | None = None
    """A problem after the version was recorded (packing failed): worth a warning, not a failure."""


@dataclass(frozen=True)
class BlameLine:
    """One clause of a version and the version that introduced its current wording."""

    index: int
    """Position of the clause in its version (0-based)."""
    text: str
    """The clause's normalized text (one line of clauses.txt)."""
    version: int
    """Earliest version from which this text is present in every version up to the blamed one."""
    commit: str
    """Commit of that version."""
    when: str
    """Date of that version (see `Version.when`)."""
