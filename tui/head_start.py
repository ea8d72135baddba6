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
  forks only where ``os.fork`` exists and only while one thread runs
  (forking a process with threads can deadlock the child); otherwise it does
  nothing and the app compares in its worker as always.
* The child runs exactly what the app's worker runs (`tui.jobs.run_compare`,
  `tui.jobs.prepare_view`) on the same `CompareRequest`, so the diff is the
  one the app would have made (the unified segments too when the terminal's
  ``columns`` choose the unified layout).
  It never writes to the terminal, ignores Ctrl+C (the app owns the keys),
  and leaves with ``os._exit`` (no atexit handlers, no inherited
  buffers flushed twice).
* `take` hands the diff over once, for an equal request only; it returns None
  when there is no head start, the request differs (an option was switched
  meanwhile) or the child failed for any reason (a file that cannot be read, a
  killed child). The caller then compares itself, so errors are reported
  exactly as without a head start.
* A head start never taken is killed when the app's process exits.
"""

from __future__ import annotations

import atexit
import os
import pickle
import signal
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from diffing.model import Diff
    from tui.sides import CompareRequest
    from tui.view_lines import Measure

__all__ = ["start", "take", "waiting"]


@dataclass
class _Child:
    request: CompareRequest
    pid: int
    read_fd: int


_pending: list[_Child] = []
_lock = threading.Lock()


def start(request: CompareRequest, columns: int) -> bool:
    """Fork a child comparing ``request`` for a terminal ``columns`` cells wide; whether one was started (see
    the module rules)."""
    if not hasattr(os, "fork") or threading.active_count() != 1 or _pending:
        return False
    _import_for_both()
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return False
    if pid == 0:  # pragma: no cover - the child, measured by bench/bench_tui.py
        os.close(read_fd)
        _child(request, columns, write_fd)
    os.close(write_fd)
    _pending.append(_Child(request, pid, read_fd))
    atexit.register(_end)
    return True


def _import_for_both() -> None:
    """Import what the comparison needs before forking, once for both processes (the app imports most of it
    anyway, and a module imported in the child would be imported a second time in the app)."""
    import corpus.pipeline  # noqa: F401
    import diffing.compare  # noqa: F401
    import tui.jobs  # noqa: F401


def _child(request: CompareRequest, columns: int, write_fd: int) -> None:  # pragma: no cover - in the child
    """Compare ``request``, write the pickled diff and measure to ``write_fd`` and leave: status 0 sent, 1 not."""
    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        data = pickle.dumps(_work(request, columns), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_fd, "wb") as out:
            out.write(data)
        status = 0
    except BaseException:
        pass
    os._exit(status)


def _work(request: CompareRequest, columns: int) -> tuple[Diff, Measure]:
    """What the child sends: the diff of ``request`` and its measure, prepared for a terminal ``columns`` wide."""
    from tui.jobs import prepare_view, run_compare
    from tui.view_lines import SIDE_BY_SIDE_MIN_WIDTH

    diff = run_compare(request)
    return diff, prepare_view(diff, unified=columns < SIDE_BY_SIDE_MIN_WIDTH)


def waiting(request: CompareRequest) -> bool:
    """Whether a head start is comparing ``request`` (`take` will wait for it)."""
    return bool(_pending) and _pending[-1].request == request


def take(request: CompareRequest) -> tuple[Diff, Measure] | None:
    """The head start's diff and measure if it compared ``request`` and succeeded (waiting for it); else None."""
    with _lock:
        child = _pending.pop() if _pending else None
    if child is None:
        return None
    if child.request != request:
        _stop(child)
        return None
    with os.fdopen(child.read_fd, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(child.pid, 0)
    if status != 0 or not data:
        return None
    try:
        diff, measure = pickle.loads(data)
    except Exception:
        return None
    return diff, measure


def _stop(child: _Child) -> None:
    """Kill and reap a child whose diff is not wanted."""
    os.close(child.read_fd)
    try:
        os.kill(child.pid, signal.SIGKILL)
        os.waitpid(child.pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _end() -> None:
    """At exit: a head start never taken is killed."""
    with _lock:
        children = list(_pending)
        _pending.clear()
    for child in children:
        _stop(child)
