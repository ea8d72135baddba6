"""The longest increasing subsequence is increasing, in order, and as long as the quadratic answer."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from diffing.sequences import longest_increasing


def _quadratic_length(values: list[int]) -> int:
    best = [1] * len(values)
    for k in range(len(values)):
        for m in range(k):
            if values[m] < values[k]:
                best[k] = max(best[k], best[m] + 1)
    return max(best, default=0)


def test_example() -> None:
    assert longest_increasing([3, 1, 2, 5, 4]) == [1, 2, 4]


@given(st.lists(st.integers(0, 30), max_size=40))
def test_positions_pick_a_longest_strictly_increasing_run(values: list[int]) -> None:
    positions = longest_increasing(values)
    assert positions == sorted(set(positions))
    picked = [values[k] for k in positions]
    assert all(x < y for x, y in pairwise(picked))
    assert len(positions) == _quadratic_length(values)
