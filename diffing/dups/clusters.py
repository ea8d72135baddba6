"""Clusters of near-duplicate documents: connected components of similar pairs.

Rules:

* Two documents are near-duplicates when their verified whole-document
  similarity is at least `NEAR_DUPLICATE`; a cluster is a connected
  component of such pairs (so a chain A~B~C is one cluster even if A and C
  differ more).
* Only groups of two or more documents are clusters. Each cluster lists its
  documents in increasing index; clusters are ordered by their first document.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["NEAR_DUPLICATE", "clusters"]

NEAR_DUPLICATE = 0.7
"""Lowest whole-document similarity of a near-duplicate pair."""


def clusters(pairs: Iterable[tuple[int, int, float]], threshold: float = NEAR_DUPLICATE) -> list[list[int]]:
    """Connected components of the pairs ``(a, b, similarity)`` with similarity ≥ ``threshold``."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, similarity in pairs:
        if similarity < threshold or a == b:
            continue
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for x in parent:
        groups.setdefault(root(x), []).append(x)
    return sorted(sorted(g) for g in groups.values())
