"""The clause engine for the version store: what corpus/store needs of diffing/ to record a version.

Rules:

* corpus/ never imports diffing/ (the import-linter contracts of pyproject.toml):
  the store takes a `corpus.store.derive.ClauseAnalysis` from its caller, and
  `VersionAnalysis` is the one that cuts with `diffing.segment` and compares
  with `diffing.compare`.
* `open_store` is how the app and the command line open a store that can add
  versions; a store opened with ``Store.open`` alone only reads.
* Stats count rows of the clause alignment: ``+`` inserted (and copied), ``~``
  modified (and split, merged), ``-`` deleted, ``↔`` moved.
"""

from __future__ import annotations

import os

from corpus.document import Document
from corpus.store import ClauseStats, Store
from corpus.store.derive import STORE_OPTIONS
from corpus.store.lock import DEFAULT_TIMEOUT

__all__ = ["VERSION_ANALYSIS", "VersionAnalysis", "open_store"]


class VersionAnalysis:
    """Clauses and stats of a version, as the store records them (a `ClauseAnalysis`)."""

    def clauses(self, document: Document) -> list[str]:
        """The texts of the clauses of ``document``, in order."""
        from diffing.segment import segment

        return [clause.text for clause in segment(document)]

    def compare(self, previous: Document, current: Document) -> tuple[ClauseStats, list[str]]:
        """The stats of ``current`` against ``previous``, and the texts of the clauses of ``current``."""
        from diffing.compare import compare

        diff = compare(previous, current, STORE_OPTIONS)
        counts = diff.summary.counts
        stats = ClauseStats(
            inserted=counts["inserted"] + counts["copied"],
            modified=counts["modified"] + counts["split"] + counts["merged"],
            deleted=counts["deleted"],
            moved=counts["moved"],
            equal=counts["equal"],
            similarity=diff.summary.similarity,
        )
        return stats, [clause.text for clause in diff.b_clauses]


VERSION_ANALYSIS = VersionAnalysis()


def open_store(
    path: str | os.PathLike[str] | None = None, *, create: bool = True, lock_timeout: float = DEFAULT_TIMEOUT
) -> Store:
    """The store at ``path`` (default: the user's store), created if absent and ``create``, able to add."""
    return Store.open(path, create=create, lock_timeout=lock_timeout, analysis=VERSION_ANALYSIS)
