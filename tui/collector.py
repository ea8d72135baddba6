"""The cyclic garbage collector's settings for the two kinds of work wendiff does: comparing and viewing.

Rules:

* Comparing (`for_work`, set by `tui.cli.main` for every command, and by the
  Compare screen's worker before each comparison): a comparison allocates
  hundreds of thousands of long-lived objects (clauses, rows, outline units)
  and frees few, and Python's default thresholds (700, 10, 10) rescan them
  again and again: a tenth of a 1 MB diff's time went to the collector (5 full
  collections), 3 % with `WORK_THRESHOLDS` (none).
* Viewing (`for_view`, set by the Compare screen once a diff is shown): every
  object alive then is frozen (``gc.freeze``: no collection scans it again)
  and the young generation is collected every 2,000 allocations
  (`VIEW_THRESHOLDS`). Drawing a page makes cyclic garbage (Textual's strips
  keep caches that refer back to them); with the work thresholds it was
  collected 50,000 objects at a time, in 20-90 ms pauses, and an older
  generation holding the diff took 100 ms more: one page-down in ten missed
  50 ms. Frozen objects are still freed by reference counting (a diff, its
  measure and its layout hold no reference cycles); cycles frozen with them
  are unfrozen by the next `for_work` and collected with the oldest generation.
* A one-shot comparison (`for_one_shot`: ``wendiff diff`` run as a program,
  which leaves once its report is written) runs without the collector; so does
  the app's comparison (`comparing`), whose results are frozen when it is done.
  A one-shot comparison's diff is kept until the process leaves
  (`leave_at_exit`), so that it is never freed object by object.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = [
    "VIEW_THRESHOLDS",
    "WORK_THRESHOLDS",
    "comparing",
    "for_one_shot",
    "for_view",
    "for_work",
    "leave_at_exit",
]

WORK_THRESHOLDS = (50_000, 20, 20)
VIEW_THRESHOLDS = (2_000, 10, 10)

_one_shot = False
_LEFT: list[object] = []
"""What a one-shot run keeps until it leaves (`leave_at_exit`)."""


def for_work() -> None:
    """Thresholds for comparing; what a view froze is collectable again; not a one-shot run (`leave_at_exit`
    keeps nothing, and lets go of what it kept)."""
    global _one_shot
    _one_shot = False
    _LEFT.clear()
    gc.unfreeze()
    gc.set_threshold(*WORK_THRESHOLDS)


def leave_at_exit(value: object) -> None:
    """Keep ``value`` alive until the process leaves, in a one-shot comparison (`for_one_shot`), which leaves with
    ``os._exit``: a large diff is then never freed object by object (a 45 MB page's took 1.2 s). Elsewhere,
    nothing is kept."""
    if _one_shot:
        _LEFT.append(value)


def for_one_shot() -> None:
    """A comparison that is the process's one task (``wendiff diff`` run as a program, `tui.cli`): no cyclic
    collection at all. A comparison makes almost no cyclic garbage (an 11 MB page's peak memory is 938 MB with
    the collector and without) and collecting took a tenth of its time."""
    global _one_shot
    _one_shot = True
    gc.disable()


@contextmanager
def comparing() -> Iterator[None]:
    """A comparison in the app's worker (`tui.screens.compare`): `for_work`, then no cyclic collection while it
    runs (it makes almost no cyclic garbage: `for_one_shot`); when it is done, everything alive is frozen (the
    view's collections never scan the new diff) and collecting resumes."""
    for_work()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def for_view() -> None:
    """Freeze what is alive (the diff shown) and collect the garbage of drawing in small steps."""
    gc.freeze()
    gc.set_threshold(*VIEW_THRESHOLDS)
