"""The value a cleaning or normalization step returns.

Rule: a step is a pure function ``str -> StepOutput``. It never loses track of
a character: ``map`` sends every output position back to the input, and
``holes`` lists the input ranges it removed as junk or boilerplate (so that
no clause covers them). Whitespace or invisible characters a step removes are
not holes: they stay inside the spans of the clauses around them.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus.offsets import OffsetMap

__all__ = ["StepOutput", "unchanged"]


@dataclass(frozen=True)
class StepOutput:
    """A step's output text, its map back to the input, and removed junk ranges."""

    text: str
    map: OffsetMap
    holes: tuple[tuple[int, int], ...] = ()


def unchanged(text: str) -> StepOutput:
    """The output of a step that changed nothing."""
    return StepOutput(text, OffsetMap.identity(len(text)))
