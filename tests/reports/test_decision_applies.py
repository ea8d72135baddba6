"""The acceptance property of the 修改决定: applied to A by a reader (`decision_applier`), it gives B's articles."""

from __future__ import annotations

import pytest

from diffing.amendments import draft

from .decision_applier import a_articles, apply_decision, b_articles, normal
from .pairs import real_diff, real_pair_names


def _folded(articles: list[list[str]]) -> list[list[str]]:
    return [[normal(line) for line in lines] for lines in articles]


@pytest.mark.parametrize("name", real_pair_names())
def test_the_decision_applied_to_a_gives_bs_articles_on_every_real_pair(name: str) -> None:
    diff = real_diff(name)
    got = apply_decision(draft(diff).items, a_articles(diff))
    assert _folded(got) == _folded(b_articles(diff))
