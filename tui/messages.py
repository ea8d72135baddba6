"""The app's messages: how workers and widgets tell screens what happened.

Rules:

* Messages are dataclasses carrying plain values (a `Diff`, a request, store
  values); no message carries a widget to be changed by its receiver.
* Workers report only through these messages, posted to the screen that
  started them (they do not bubble further);
  progress messages replace each other in the queue (``can_replace``) so a
  busy worker never floods the UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from textual.message import Message

from corpus.store.values import DocumentInfo
from diffing.model import Diff, Summary
from tui.jobs import DupsData, HistoryData
from tui.sides import CompareRequest
from tui.view_lines import Measure

__all__ = [
    "CursorMoved",
    "DiffFailed",
    "DiffProgress",
    "DiffReady",
    "DupsFound",
    "DupsProgress",
    "ExportFinished",
    "HistoryLoaded",
    "LibraryLoaded",
    "VersionCounted",
    "WorkFailed",
]


@dataclass
class DiffProgress(Message, bubble=False):
    """A compare worker reached a stage."""

    stage: str
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, DiffProgress)


@dataclass
class DiffReady(Message, bubble=False):
    """A compare worker finished."""

    request: CompareRequest
    diff: Diff
    measure: Measure
    """The view's measurements of ``diff``, prepared in the worker."""
    seconds: float
    """Time the worker took, reading included."""


@dataclass
class DiffFailed(Message, bubble=False):
    """A compare worker could not compare (a bad file, a broken store …)."""

    request: CompareRequest
    error: str
    """The one-line message of the error."""


@dataclass
class CursorMoved(Message):
    """The compare view's cursor is on another entry."""

    row: int | None
    """Diff row under the cursor (None: nothing shown)."""
    kind: str
    """Entry kind: ``row``, ``origin`` or ``fold``."""
    change: int
    """Position of the cursor among the changes, from 1 (0: not on a change)."""
    changes: int
    """Number of changes in the view."""


@dataclass
class ExportFinished(Message, bubble=False):
    """A report was written (``error`` empty) or could not be (``error`` says why)."""

    path: Path
    fmt: str
    error: str = ""
    unavailable: bool = False
    """True when the format's module is missing (not the user's fault)."""


@dataclass
class LibraryLoaded(Message, bubble=False):
    """The store's documents were listed (``error``: why not)."""

    documents: list[DocumentInfo] = field(default_factory=list)
    error: str = ""


@dataclass
class HistoryLoaded(Message, bubble=False):
    """A document's versions and blame were read (``error``: why not)."""

    data: HistoryData | None
    error: str = ""


@dataclass
class VersionCounted(Message, bubble=False):
    """History counted version ``number`` of ``doc_id`` against the version before it (Compare's count)."""

    doc_id: str
    number: int
    key: tuple[str, str]
    """The commits of the two versions compared."""
    summary: Summary | None
    """None: the two could not be compared (the versions cannot be read)."""


@dataclass
class DupsProgress(Message, bubble=False):
    """The duplicate finder reached a stage."""

    stage: str
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, DupsProgress)


@dataclass
class DupsFound(Message, bubble=False):
    """The duplicate finder finished (``error``: why it could not run)."""

    data: DupsData | None
    error: str = ""


@dataclass
class WorkFailed(Message, bubble=False):
    """Any other worker failed with a one-line message."""

    error: str
