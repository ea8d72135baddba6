"""The git-backed version store: every version of a document, with history and clause blame.

Public API (everything else in the package is an implementation detail):

* `Store` — open (or create) a store; ``add`` (given a `ClauseAnalysis`), ``documents``, ``log``,
  ``version``, ``original``, ``clauses``, ``document``.
* `blame` — for each clause of a version, the version that introduced its wording.
* `check` — git fsck plus the store's own invariants, read-only.
* `parse_ref` — ``ID[@REV]`` to an id and a `Rev`.
* Values: `Version`, `ClauseStats`, `DocumentInfo`, `AddResult`, `BlameLine`;
  errors: `StoreError`, `InterruptedAfterRecording` (Ctrl-C after a version was recorded).

Rules: corpus/store never imports diffing, textual or tui (clauses and comparisons
come from the `ClauseAnalysis` its caller hands to ``Store.open``:
``diffing.versions.open_store``), and only corpus/store/gitrepo.py imports GitPython.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corpus.store.derive import ClauseAnalysis
    from corpus.store.errors import InterruptedAfterRecording, StoreError
    from corpus.store.revs import LATEST, Rev, parse_ref
    from corpus.store.store import Store
    from corpus.store.values import AddResult, BlameLine, ClauseStats, DocumentInfo, Version

__all__ = [
    "LATEST", "AddResult", "BlameLine", "ClauseAnalysis", "ClauseStats", "DocumentInfo", "InterruptedAfterRecording",
    "Rev", "Store", "StoreError", "Version", "parse_ref",
]

_HOME = {
    "ClauseAnalysis": "derive", "InterruptedAfterRecording": "errors", "StoreError": "errors", "LATEST": "revs",
    "Rev": "revs", "parse_ref": "revs", "Store": "store", "AddResult": "values", "BlameLine": "values",
    "ClauseStats": "values", "DocumentInfo": "values", "Version": "values",
}  # fmt: skip
"""Where each public name lives: the package imports a module when a name of it is first asked for, so
that a command that only needs `corpus.store.location` (where the store is) loads no git machinery."""


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'corpus.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"corpus.store.{home}"), name)
    globals()[name] = value
    return value
