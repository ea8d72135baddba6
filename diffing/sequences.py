"""Order-keeping subsequences, used by the aligner and by the reports' reading order.

Rule: one implementation of the longest increasing subsequence (patience
sorting, ``O(n log n)``), returning positions so that callers keep their own data.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

__all__ = ["longest_increasing"]


def longest_increasing(values: Sequence[int]) -> list[int]:
    """Positions, in order, of a longest strictly increasing subsequence of ``values``.

    >>> longest_increasing([3, 1, 2, 5, 4])
    [1, 2, 4]
    """
    tails: list[int] = []  # tails[n]: smallest last value of an increasing run of length n + 1
    tail_at: list[int] = []  # position of that value
    parent = [-1] * len(values)
    for k, v in enumerate(values):
        n = bisect_left(tails, v)
        if n == len(tails):
            tails.append(v)
            tail_at.append(k)
        else:
            tails[n] = v
            tail_at[n] = k
        parent[k] = tail_at[n - 1] if n else -1
    out: list[int] = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(k)
        k = parent[k]
    return out[::-1]
