"""Clause blame: which version introduced each clause of a version, in its current wording.

Rules:

* A clause is its line in clauses.txt: normalized text (繁简, full/half-width
  punctuation and line wrapping already folded), so blame is fooled by none of
  those; nothing is normalized again here.
* A clause of version V is blamed on the earliest version K such that its text
  is a line of clauses.txt in every version K, K+1 … V. A wording that
  disappeared and came back is blamed on its return.
* Versions are read newest to oldest, and reading stops as soon as every
  clause has found its origin; each clauses.txt is read once (one git
  process serves all reads) and looked up as a set.
"""

from __future__ import annotations

from corpus.store.revs import LATEST, Rev, select
from corpus.store.store import Store
from corpus.store.values import BlameLine, Version

__all__ = ["blame"]


def blame(store: Store, doc_id: str, rev: Rev = LATEST) -> list[BlameLine]:
    """One `BlameLine` per clause of the version of ``doc_id`` named by ``rev``."""
    versions = store.log(doc_id)
    target = select(versions, rev)
    lines = store.clauses(target)
    origin: list[Version] = [target] * len(lines)
    waiting: dict[str, list[int]] = {}
    for index, text in enumerate(lines):
        waiting.setdefault(text, []).append(index)
    for older in versions[versions.index(target) + 1 :]:
        if not waiting:
            break
        present = set(store.clauses(older))
        for text in list(waiting):
            if text in present:
                for index in waiting[text]:
                    origin[index] = older
            else:
                del waiting[text]
    return [
        BlameLine(index, text, version.number, version.commit, version.when)
        for index, (text, version) in enumerate(zip(lines, origin, strict=True))
    ]
