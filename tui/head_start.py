"""A head start for the app's first comparison: a child process compares while the app starts.

``wendiff tui A B`` spends about as long importing and starting Textual as it
does reading and comparing the two files, and both are Python work that one
process does one after the other. Forked before Textual is imported, a child
process does the comparison on another core meanwhile, and hands the `Diff`
back (pickled: a few hundredths of a second for a 100 k-character pair) with
the view's width-independent measurements (`tui.view_lines.Measure`: texts,
places, reading order). Heights, which depend on the width, are left to the
app, which meanwhile has built its character classes (`tui.wrap.warm_up`).

Rules:

* `start` imports what both processes need first (`_import_for_both`), then
  forks a child with `corpus.forked` (only on Linux and only while one thread
  runs: forking a process with threads can deadlock the child); otherwise it
  does nothing and the app compares in its worker as always.
* The child runs exactly what the app's worker runs (`tui.jobs.run_compare`,
  `tui.jobs.prepare_view`) on the same `CompareRequest`, so the diff is the
  one the app would have made (the unified segments too when the terminal's
  ``columns`` choose the unified layout). It never writes to the terminal,
  ignores Ctrl+C (the app owns the keys) and leaves with ``os._exit``
  (`corpus.forked`'s rules).
* `take` hands the diff over once, for an equal request only; it returns None
  when there is no head start, the request differs (an option was switched
  meanwhile) or the child failed for any reason (a file that cannot be read, a
  killed child). The caller then compares itself, so errors are reported
  exactly as without a head start.
* A head start never taken is killed when the app's process exits.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from corpus import forked

if TYPE_CHECKING:
    from diffing.model import Diff
    from tui.sides import CompareRequest
    from tui.view_lines import Measure

__all__ = ["start", "take", "waiting"]

_pending: list[tuple[CompareRequest, forked.Pending[tuple[Diff, Measure]]]] = []
_lock = threading.Lock()


def start(request: CompareRequest, columns: int) -> bool:
    """Fork a child comparing ``request`` for a terminal ``columns`` cells wide; whether one was started (see
    the module rules)."""
    if _pending:
        return False
    _import_for_both()
    pending = forked.start(_work, request, columns)
    if not pending.forked:
        return False
    _pending.append((request, pending))
    return True


def _import_for_both() -> None:
    """Import what the comparison needs before forking, once for both processes (the app imports most of it
    anyway, and a module imported in the child would be imported a second time in the app)."""
    import corpus.pipeline  # noqa: F401
    import diffing.compare  # noqa: F401
    import tui.jobs  # noqa: F401


def _work(request: CompareRequest, columns: int) -> tuple[Diff, Measure]:
    """What the child sends: the diff of ``request`` and its measure, prepared for a terminal ``columns`` wide."""
    from tui.jobs import prepare_view, run_compare
    from tui.view_lines import SIDE_BY_SIDE_MIN_WIDTH, Measure

    if request.options.inline == "word":
        from diffing.words import prefetch

        prefetch()  # the word segmenter loads beside the reading (the command line's way)
    early: list[Measure] = []
    diff = run_compare(request, beside=lambda d: early.append(Measure(d).prepare(unified=False)))
    return diff, prepare_view(diff, unified=columns < SIDE_BY_SIDE_MIN_WIDTH, early=early[0] if early else None)


def waiting(request: CompareRequest) -> bool:
    """Whether a head start is comparing ``request`` (`take` will wait for it)."""
    return bool(_pending) and _pending[-1][0] == request


def take(request: CompareRequest) -> tuple[Diff, Measure] | None:
    """The head start's diff and measure if it compared ``request`` and succeeded (waiting for it); else None."""
    with _lock:
        started = _pending.pop() if _pending else None
    if started is None:
        return None
    asked, pending = started
    if asked != request:
        pending.cancel()
        return None
    return pending.sent()
