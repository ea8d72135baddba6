"""Clause blame: which version introduced each clause of a version, in its current wording.

Rules:

* A clause is its line in clauses.txt: normalized text (繁简, full/half-width
  punctuation and line wrapping already folded), so blame is fooled by none of
  those; nothing is normalized again here.
* A clause of version V is blamed on the earliest version K such that its text
  is a line of clauses.txt in every version K, K+1 … V. A wording that
  disappeared and came back is blamed on its return.
* Versions are read newest to oldest, `BATCH` at a time (one git process per
  batch), and reading stops as soon as every clause has found its origin;
  each clauses.txt is read once and looked up as a set.
"""

from __future__ import annotations

from corpus.store.revs import LATEST, Rev, select
from corpus.store.store import Store
from corpus.store.values import BlameLine, Version

__all__ = ["BATCH", "blame"]

BATCH = 16
"""Versions read per git process."""


def blame(store: Store, doc_id: str, rev: Rev = LATEST) -> list[BlameLine]:
    """One `BlameLine` per clause of the version of ``doc_id`` named by ``rev``."""
    versions = store.log(doc_id)
    target = select(versions, rev)
    lines = store.clauses(target)
    origin: list[Version] = [target] * len(lines)
    waiting: dict[str, list[int]] = {}
    for index, text in enumerate(lines):
        waiting.setdefault(text, []).append(index)
    older = versions[versions.index(target) + 1 :]
    for start in range(0, len(older), BATCH):
        if not waiting:
            break
        chunk = older[start : start + BATCH]
        for version, clauses in zip(chunk, store.clauses_of(chunk), strict=True):
            if not waiting:
                break
            present = set(clauses)
            for text in list(waiting):
                if text in present:
                    for index in waiting[text]:
                        origin[index] = version
                else:
                    del waiting[text]
    return [
        BlameLine(index, text, version.number, version.commit, version.when)
        for index, (text, version) in enumerate(zip(lines, origin, strict=True))
    ]
