"""The app's comparison job: read both sides of a `CompareRequest`, normalize them, compare them.

Rules:

* This is the one job that the app's compare worker and the head start's child
  (`tui.head_start`) both run. It needs only corpus/ and diffing/ (imported
  when it first runs, or by the head start before it forks: what only the app
  needs, the view's measures and the reports, the app imports meanwhile).
* Progress is reported through ``progress(stage, done, total)`` between
  stages (`STAGES`), as every job of `tui.jobs` reports it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from diffing.model import Diff
    from tui.sides import CompareRequest

__all__ = ["STAGES", "OnProgress", "run_compare"]

OnProgress = Callable[[str, int, int], None]
"""The callback a job reports its progress to: ``(stage, done, total)`` (not the duplicate finder's
`diffing.dups.result.Progress` value, which `tui.jobs.find_dups` turns into a call of it)."""
STAGES = ("reading A", "reading B", "normalizing A", "normalizing B", "comparing", "laying out")
"""The stages of a comparison in the app, the last one the view's (`tui.jobs.prepare_view`)."""


def quiet(stage: str, done: int, total: int) -> None:
    """A progress callback that reports nowhere."""


def run_compare(
    request: CompareRequest, progress: OnProgress = quiet, beside: Callable[[Diff], object] | None = None
) -> Diff:
    """Read both sides, normalize them with the request's options and compare them (stages 1-5); ``beside`` is
    `diffing.compare.compare`'s (work on the diff without inline parts, done while a child computes them)."""
    from corpus.pipeline import from_source
    from diffing.compare import compare

    total = len(STAGES)
    progress(STAGES[0], 0, total)
    source_a = request.a.read()
    progress(STAGES[1], 1, total)
    source_b = request.b.read()
    progress(STAGES[2], 2, total)
    doc_a = from_source(source_a, request.options)
    progress(STAGES[3], 3, total)
    doc_b = from_source(source_b, request.options)
    progress(STAGES[4], 4, total)
    return compare(doc_a, doc_b, request.options, pins=request.pins, beside=beside)
