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

from collections.abc import Iterable, Iterator

from corpus.store.revs import LATEST, Rev, select
from corpus.store.store import Store
from corpus.store.values import BlameLine

__all__ = ["BATCH", "blame", "origins"]

BATCH = 16
"""Versions read per git process."""


def blame(store: Store, doc_id: str, rev: Rev = LATEST) -> list[BlameLine]:
    """One `BlameLine` per clause of the version of ``doc_id`` named by ``rev``."""
    versions = store.log(doc_id)
    target = select(versions, rev)
    lines = store.clauses(target)
    older = versions[versions.index(target) + 1 :]

    def older_clauses() -> Iterator[list[str]]:
        for start in range(0, len(older), BATCH):
            yield from store.clauses_of(older[start : start + BATCH])

    chain = [target, *older]
    return [
        BlameLine(index, text, chain[back].number, chain[back].commit, chain[back].when)
        for index, (text, back) in enumerate(zip(lines, origins(lines, older_clauses()), strict=True))
    ]


def origins(lines: list[str], older: Iterable[list[str]]) -> list[int]:
    """For each of ``lines``, how many versions back its text has been present without a break.

    ``older`` gives the lines of the earlier versions, newest first; it is read only as far
    as needed. 0 means the line is new in this version.
    """
    back = [0] * len(lines)
    waiting: dict[str, list[int]] = {}
    for index, text in enumerate(lines):
        waiting.setdefault(text, []).append(index)
    if not waiting:
        return back
    for steps, clauses in enumerate(older, start=1):
        present = set(clauses)
        for text in list(waiting):
            if text in present:
                for index in waiting[text]:
                    back[index] = steps
            else:
                del waiting[text]
        if not waiting:
            break
    return back
