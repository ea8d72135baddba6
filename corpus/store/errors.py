"""The store's own error.

Rule: anything that goes wrong inside the version store (a bad document id, a
git failure, a damaged or foreign repository, a lock held too long) reaches the
caller as a `StoreError` with a one-line message naming the store or the
document and the problem; git's own exceptions never escape the package. Ctrl-C once a version is
recorded is an `InterruptedAfterRecording`, which carries that version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.errors import WendiffError

if TYPE_CHECKING:
    from corpus.store.values import AddResult

__all__ = ["InterruptedAfterRecording", "StoreError"]


class StoreError(WendiffError):
    """A version-store problem the user can act on; its message is one line."""


class InterruptedAfterRecording(KeyboardInterrupt):
    """Ctrl-C after an add recorded its version (while the store was being packed): the version stays."""

    def __init__(self, result: AddResult) -> None:
        self.result = result
        super().__init__(f"{result.version.doc_id} v{result.version.number} was recorded")
