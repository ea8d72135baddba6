"""Which candidate pairs are aligned: all of a small family, cluster by cluster in a large one.

Rules:

* A family is a connected component of the pairs to compare (candidates that
  passed the MinHash prefilter). A family with at most `EXHAUSTIVE_FACTOR`
  pairs per document (or at most `EXHAUSTIVE_PAIRS` pairs) has every pair
  aligned, as it always had: copies, quotes and pairs of versions.
* A larger family — an archive of many versions of one text, dozens of news
  items quoting one notice — is verified cluster by cluster, so that its cost
  grows with its documents, not with its pairs:

  1. Its pairs are taken in decreasing order of estimated similarity (the
     Jaccard estimate of the documents' MinHash sketches). A pair whose two
     documents are already in one verified cluster is implied and skipped:
     aligning it could not change any cluster.
  2. Cheap checks before the alignment: a pair already implied costs a
     look-up; a pair whose estimate is below `GATE` is not aligned in this
     step (it is deferred), because no pair that low is a near-duplicate
     (bench/bench_dups_overlap.py checks it: same clusters as aligning every
     pair). The others are aligned in rounds
     of at most `ROUND` pairs, one pair per two clusters in a round, and a
     pair at least ``near_duplicate`` similar joins its clusters.
  3. Then, between each two clusters (a lone document is a cluster of one)
     that still have deferred pairs, one pair is aligned: the one with the
     best estimate, standing for the re-use between them. A near-duplicate
     found there joins the clusters too.

  So clusters are those of aligning every pair, and the report lists the
  pairs aligned: each document with the cluster it joined, and the re-use
  between clusters once; re-use between two members of one cluster is implied.
* Pure: the alignment is the caller's ``verify`` (a list of pairs in, their
  results out, in any order), which runs each round on the workers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from diffing.dups.verify import PairResult

__all__ = ["EXHAUSTIVE_FACTOR", "EXHAUSTIVE_PAIRS", "GATE", "ROUND", "families", "is_large", "verify_pairs"]

EXHAUSTIVE_FACTOR = 3
"""A family with at most this many pairs per document has every pair aligned."""
EXHAUSTIVE_PAIRS = 64
"""A family with at most this many pairs has every pair aligned."""
GATE = 0.05
"""Lowest estimated Jaccard similarity of a pair aligned to find clusters (step 2). Near-duplicates of the
overlap benchmark have estimates from 0.22 up; machine-reworded copies change many shingles, hence the margin
(it costs almost nothing: by the time such pairs come up, most are implied)."""
ROUND = 32
"""Pairs aligned in one round of a large family."""

Pair = tuple[int, int]
Verify = Callable[[list[Pair]], list[PairResult]]


class _Clusters:
    """Union-find over document indices."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def root(self, x: int) -> int:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(self, a: int, b: int) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def families(pairs: Sequence[Pair]) -> list[list[Pair]]:
    """The pairs grouped by connected component, each group in the order given, groups by first pair."""
    groups = _Clusters()
    for a, b in pairs:
        groups.join(a, b)
    by_root: dict[int, list[Pair]] = {}
    for a, b in pairs:
        by_root.setdefault(groups.root(a), []).append((a, b))
    return list(by_root.values())


def is_large(family: Sequence[Pair]) -> bool:
    """True for a family verified cluster by cluster (see the module rules)."""
    documents = len({x for pair in family for x in pair})
    return len(family) > max(EXHAUSTIVE_PAIRS, EXHAUSTIVE_FACTOR * documents)


def verify_pairs(
    pairs: Sequence[Pair], estimates: Mapping[Pair, float], verify: Verify, near_duplicate: float,
    on_done: Callable[[int], None] | None = None,
) -> list[PairResult]:
    """The results of the pairs aligned (all of small families, cluster by cluster in large ones).

    ``estimates`` holds each pair's estimated Jaccard similarity (of the MinHash sketches).

    ``on_done`` hears how many pairs were settled (aligned, implied or passed over) each time.
    """
    small: list[Pair] = []
    large: list[list[Pair]] = []
    for family in families(pairs):
        if is_large(family):
            large.append(family)
        else:
            small.extend(family)
    results: list[PairResult] = []
    if small:
        results.extend(verify(small))
        if on_done is not None:
            on_done(len(small))
    for family in large:
        results.extend(_by_cluster(family, estimates, verify, near_duplicate, on_done))
    return results


def _by_cluster(
    family: list[Pair], estimate: Mapping[Pair, float], verify: Verify, near: float,
    on_done: Callable[[int], None] | None,
) -> list[PairResult]:
    ordered = sorted(family, key=lambda p: (-estimate[p], p))
    clusters = _Clusters()
    results: list[PairResult] = []

    def settle(batch: list[Pair]) -> None:
        for result in verify(batch):
            results.append(result)
            if result.similarity >= near:
                clusters.join(result.a, result.b)

    # Steps 1 and 2: clusters from the pairs worth aligning, best first, implied pairs skipped.
    queue = [p for p in ordered if estimate[p] >= GATE]
    deferred = [p for p in ordered if estimate[p] < GATE]
    while queue:
        batch: list[Pair] = []
        seen: set[Pair] = set()
        later: list[Pair] = []
        settled = 0
        for at, (a, b) in enumerate(queue):
            ra, rb = clusters.root(a), clusters.root(b)
            if ra == rb:
                settled += 1
                continue
            key = (min(ra, rb), max(ra, rb))
            if key in seen:
                later.append((a, b))
                continue
            seen.add(key)
            batch.append((a, b))
            if len(batch) >= ROUND:
                later.extend(queue[at + 1 :])
                break
        settle(batch)
        if on_done is not None:
            on_done(settled + len(batch))
        queue = later

    # Step 3: the re-use between clusters, one pair for each two clusters, best estimate first.
    while deferred:
        best: dict[Pair, Pair] = {}
        settled = 0
        for a, b in deferred:
            ra, rb = clusters.root(a), clusters.root(b)
            if ra == rb:
                settled += 1
                continue
            best.setdefault((min(ra, rb), max(ra, rb)), (a, b))
        chosen = list(best.values())
        settle(chosen)
        chosen_set = set(chosen)
        if on_done is not None:
            on_done(settled + len(chosen))
        keys = set(best)
        after: list[Pair] = []
        for a, b in deferred:
            if (a, b) in chosen_set:
                continue
            ra, rb = clusters.root(a), clusters.root(b)
            if ra == rb:
                continue
            key = (min(ra, rb), max(ra, rb))
            if key not in keys:  # two clusters that a near-duplicate just joined to a third: not yet stood for
                after.append((a, b))
        if on_done is not None:
            on_done(len(deferred) - settled - len(chosen) - len(after))
        deferred = after
    return results
