"""The store's own error.

Rule: anything that goes wrong inside the version store (a bad document id, a
git failure, a damaged or foreign repository, a lock held too long) reaches the
caller as a `StoreError` with a one-line message naming the store or the
document and the problem; git's own exceptions never escape the package.
"""

from __future__ import annotations

from corpus.errors import WendiffError

__all__ = ["StoreError"]


class StoreError(WendiffError):
    """A version-store problem the user can act on; its message is one line."""
