"""A head start for the app's first comparison: a child process compares while the app starts.

``wendiff tui A B`` spends about as long importing and starting Textual as it
does reading and comparing the two files, and both are Python work that one
process does one after the other. Forked before Textual is imported, a child
process does the comparison on another core meanwhile. It hands the `Diff`
back in three steps: once aligned, the diff without its inline parts or places
but with its clauses' original spans (`diffing.compare.spanned`; pickled: a
few hundredths of a second for a 100 k-character pair), which the app reads
once Textual has started and measures (`tui.view_lines.Measure.read`: texts,
reading order); then what the child built meanwhile, the other values
`diffing.compare.with_inline` carries (`diffing.compare.carried`: places,
summary), with which the app cites each row's places; then, once the child's
own child has computed them, the inline parts, row by row. The child writes
the diff from a thread and goes on to the places: the app reads only once
Textual has started. Heights depend on the width: while the inline parts are
computed, the app measures the clauses' heights at the columns the compare
view will have in a terminal as wide as the one it was started in
(`view_columns`), with the character classes it has built meanwhile
(`tui.wrap.warm_up`).

Rules:

* `start` first starts the helper that loads the word segmenter
  (`diffing.words.prefetch`: it loads on the other core while this process
  imports), imports what both processes need (`_import_for_both`), then forks
  a child with `corpus.forked` (only on Linux and only while one thread runs:
  forking a process with threads can deadlock the child) and hands the helper
  over to it (`diffing.words.hand_over`); otherwise the app compares in its
  worker as always.
* The child runs exactly what the app's worker runs (`tui.comparing.run_compare`)
  on the same `CompareRequest`, and the diff the app rebuilds from the three
  steps (`diffing.compare.with_inline`) is the one the app would have made; the
  app measures it as its worker does (`tui.jobs.prepare_view`). The child runs
  without the cyclic collector (`tui.collector.for_one_shot`: it leaves once
  the diff is sent), never writes to the terminal, ignores Ctrl+C (the app owns
  the keys) and leaves with ``os._exit`` (`corpus.forked`'s rules).
* `take` hands the diff over once, for an equal request only; it returns None
  when there is no head start, the request differs (an option was switched
  meanwhile) or the child failed for any reason (a file that cannot be read, a
  killed child, a step that does not arrive whole). The caller then compares
  itself, so errors are reported exactly as without a head start.
* A head start never taken is killed when the app's process exits.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from corpus import forked

if TYPE_CHECKING:
    from diffing.model import Diff
    from diffing.vocabulary import InlinePart
    from tui.sides import CompareRequest
    from tui.view_lines import Columns, Measure

__all__ = ["CHROME", "start", "take", "view_columns", "waiting"]

CHROME = 3
"""Columns of the terminal that the compare view leaves to its scrollbar and the change map beside it
(tests/tui/test_head_start.py checks the guess)."""

_Inline = Sequence["tuple[InlinePart, ...] | None"]
_pending: list[tuple[CompareRequest, int, forked.Pending[_Inline], int]] = []
_lock = threading.Lock()


def start(request: CompareRequest, columns: int) -> bool:
    """Fork a child comparing ``request`` for a terminal ``columns`` cells wide; whether one was started (see
    the module rules)."""
    if _pending:
        return False
    from diffing import words

    helper = request.options.inline == "word" and words.prefetch()  # rjieba loads while this process imports
    _import_for_both()
    early_r, early_w = os.pipe()
    pending = forked.start(_work, request, early_w, early_r)
    os.close(early_w)
    if not pending.forked:
        os.close(early_r)
        return False
    if helper:
        words.hand_over()  # the child's, and its own child's, which cuts the words
    _pending.append((request, columns, pending, early_r))
    return True


def view_columns(columns: int) -> Columns:
    """The columns of the compare view in a terminal ``columns`` cells wide, with no pane beside it."""
    from tui.view_lines import Columns

    return Columns.fit(columns - CHROME)


def _import_for_both() -> None:
    """Import what the comparison needs before forking, once for both processes (the app imports it anyway, and
    a module imported in the child would be imported a second time in the app); only that: what only the app
    needs (the view's measures, the reports) it imports after the fork, while the child compares."""
    import corpus.pipeline  # noqa: F401
    import diffing.compare  # noqa: F401
    import tui.comparing  # noqa: F401


def _work(request: CompareRequest, early_w: int, early_r: int) -> _Inline:
    """The child's work: the diff of ``request`` without inline parts, then its places, sent to ``early_w`` while
    the child's own child computes the inline parts; then returned, each row's inline parts."""
    from tui import collector
    from tui.comparing import run_compare

    os.close(early_r)
    collector.for_one_shot()  # the child's one task

    def send(early: Diff) -> None:
        from diffing.compare import carried, spanned

        with os.fdopen(early_w, "wb") as out:
            diff = pickle.dumps(spanned(early), protocol=pickle.HIGHEST_PROTOCOL)  # the app's texts read the spans
            writer = threading.Thread(target=out.write, args=(diff,))  # the app reads once it has started
            writer.start()
            late = pickle.dumps(carried(early), protocol=pickle.HIGHEST_PROTOCOL)  # meanwhile: the places
            writer.join()
            out.write(late)

    diff = run_compare(request, beside=send)
    return tuple(row.inline for row in diff.rows)


def waiting(request: CompareRequest) -> bool:
    """Whether a head start is comparing ``request`` (`take` will wait for it)."""
    return bool(_pending) and _pending[-1][0] == request


def take(request: CompareRequest) -> tuple[Diff, Measure] | None:
    """The head start's diff and measure if it compared ``request`` and succeeded (waiting for it); else None."""
    from diffing.compare import adopt, with_inline
    from tui.jobs import prepare_view
    from tui.view_lines import SIDE_BY_SIDE_MIN_WIDTH, Measure

    with _lock:
        started = _pending.pop() if _pending else None
    if started is None:
        return None
    asked, columns, pending, early_r = started
    if asked != request:
        os.close(early_r)
        pending.cancel()
        return None
    early: Diff | None = None
    try:
        with os.fdopen(early_r, "rb") as reply:
            early = pickle.load(reply)  # read while the child still writes
            measured = Measure(early).read()  # while the child finds the places
            adopt(early, pickle.load(reply))
    except Exception:  # no early diff or no places (the child failed): no head start
        early = None
    if early is None:
        pending.cancel()
        return None
    measured.prepare(unified=False).warm(view_columns(columns))  # while the child's child computes the inline parts
    inline = pending.sent()
    if inline is None or len(inline) != len(early.rows):
        return None
    diff = with_inline(early, inline)
    return diff, prepare_view(diff, unified=columns < SIDE_BY_SIDE_MIN_WIDTH, early=measured)
