"""Work done in a forked child while this process does other work (the inline parts computed beside the article map).

Rules:

* `start` forks a child that runs ``fn(*args)`` and sends its result back
  pickled; `Pending.result` waits for it and returns it.
* A child is an optimization, never a requirement, and never changes an
  outcome: it starts only on Linux, from a process with one thread (fork and
  threads don't mix), and whenever anything goes wrong (fork fails, ``fn``
  raises, the child dies or sends what does not unpickle) `Pending.result`
  runs ``fn(*args)`` in this process, so that an error is raised here exactly
  as it would be without a child (`Pending.sent` returns None instead, for a
  caller that does the work itself then). ``fn`` never returns None.
* The child writes nothing to this process's standard output or error (both
  go to /dev/null), ignores Ctrl-C (this process handles it and kills the
  child) and leaves with ``os._exit``, running none of this process's exit
  handlers.
* Worth it only where the other core is idle and the child's work is long, and
  what it sends back is small or quick to unpickle (text, numbers in arrays):
  the inline parts and a share of a JSON report's rows while this process builds
  the article map (`diffing.compare`), a large first document read and
  segmented while this process reads the second (`diffing.segment_ahead`, with
  the word segmenter's helper, `diffing.words`, started only afterwards: beside
  the reading it slowed both), a large pair's alignment while this process
  builds each document's outline and places (`diffing.align_apart`). A fork
  of a process holding large documents costs the pages both then write.
* The result is pickled into the pipe as it is made and unpickled as it comes
  (`Pending.sent`); a cut or bad reply is no result.
* Every child is reaped: by `Pending.result`, by `Pending.cancel` (which kills
  it first), or at exit.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["Pending", "start"]

T = TypeVar("T")


class Pending(Generic[T]):
    """The result of ``fn(*args)``, computed by a child when one could start."""

    def __init__(self, fn: Callable[..., T], args: tuple[object, ...], pid: int | None, reply: int | None) -> None:
        self._fn, self._args, self._pid, self._reply = fn, args, pid, reply

    @property
    def forked(self) -> bool:
        """Whether a child is (or was) computing the result."""
        return self._pid is not None

    def result(self) -> T:
        """The child's result, or ``fn(*args)`` computed here when the child failed or never started."""
        value = self.sent()
        return self._fn(*self._args) if value is None else value

    def sent(self) -> T | None:
        """The child's result, or None when no child sent one (it never started, failed or died): for a caller
        that does the work itself otherwise (`tui.head_start`)."""
        if self._reply is None:
            return None
        value: T | None = None
        try:
            with os.fdopen(self._reply, "rb", closefd=False) as reply:
                value = pickle.load(reply)  # read while the child still writes
        except Exception:  # a bad or cut reply is no result
            value = None
        finally:
            clean = self._reap()
        return value if clean else None

    def cancel(self) -> None:
        """Kill and reap the child (nothing happens when there is none)."""
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        self._reap()

    def _reap(self) -> bool:
        """Close the pipe and wait for the child; whether it exited with status 0."""
        if self._reply is not None:
            with contextlib.suppress(OSError):
                os.close(self._reply)
            self._reply = None
        pid, self._pid = self._pid, None
        if pid is None:
            return False
        with contextlib.suppress(ChildProcessError):
            _, status = os.waitpid(pid, 0)
            return os.waitstatus_to_exitcode(status) == 0
        return False


def start(fn: Callable[..., T], *args: object) -> Pending[T]:
    """``fn(*args)`` begun in a child where that is safe (see the module's rules), else left for `Pending.result`."""
    if sys.platform != "linux" or threading.active_count() != 1:
        return Pending(fn, args, None, None)
    reply_r, reply_w = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reply_r)
        os.close(reply_w)
        return Pending(fn, args, None, None)
    if pid == 0:  # the child
        status = 1
        try:
            os.close(reply_r)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (closed by os._exit)
            value = fn(*args)
            with os.fdopen(reply_w, "wb") as reply:  # sent as it is pickled, and unpickled as it comes
                pickle.dump(value, reply, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(reply_w)
    pending = Pending(fn, args, pid, reply_r)
    atexit.register(pending.cancel)
    return pending
