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
* The child pickles its result into a file in memory (``memfd_create``) that
  both processes hold, then writes one byte to a pipe; `Pending.sent` waits on
  the pipe and unpickles the file mapped in place. A child that dies before
  that byte (however it exits) sent no result, nor did one whose file does not
  unpickle. Through a pipe, as the result was pickled, the 45 MB page's first
  document (240 MB pickled) took 1.7 s to arrive, the two processes taking
  turns on the pipe's 64 kB; through the file 0.7 s.
* Every child is reaped: by `Pending.result`, by `Pending.cancel` (which kills
  it first), or at exit. Once reaped, a child's `Pending` is no longer held by
  the exit handlers, nor are its arguments: a one-shot command that leaves
  with ``os._exit`` (`tui.cli`) frees none of them one by one at exit.
"""

from __future__ import annotations

import atexit
import contextlib
import mmap
import os
import pickle
import select
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["Pending", "start"]

T = TypeVar("T")

_DONE = b"\x01"
"""What the child writes to the pipe once its whole result is in the shared file."""
_SHARED = mmap.MAP_SHARED | getattr(mmap, "MAP_POPULATE", 0)
"""The shared file mapped with its pages read in at once (one fault per page took a third of the unpickling)."""


class Pending(Generic[T]):
    """The result of ``fn(*args)``, computed by a child when one could start."""

    def __init__(
        self,
        fn: Callable[..., T],
        args: tuple[object, ...],
        pid: int | None,
        reply: int | None,
        result: int | None = None,
    ) -> None:
        self._fn, self._args, self._pid, self._reply, self._result = fn, args, pid, reply, result

    @property
    def forked(self) -> bool:
        """Whether a child is (or was) computing the result."""
        return self._pid is not None

    @property
    def done(self) -> bool:
        """Whether the child has finished, having sent its result or not (`sent` would not wait for it); True
        when there is no child."""
        if self._reply is None:
            return True
        return bool(select.select([self._reply], [], [], 0)[0])

    def result(self) -> T:
        """The child's result, or ``fn(*args)`` computed here when the child failed or never started."""
        value = self.sent()
        return self._fn(*self._args) if value is None else value

    def sent(self) -> T | None:
        """The child's result, or None when no child sent one (it never started, failed or died): for a caller
        that does the work itself otherwise (`tui.head_start`)."""
        if self._reply is None or self._result is None:  # both are a child's, or neither
            return None
        value: T | None = None
        try:
            if os.read(self._reply, 1) == _DONE:  # else the child died before its whole result was written
                with mmap.mmap(self._result, 0, flags=_SHARED, prot=mmap.PROT_READ) as result:
                    value = pickle.loads(result)
        except Exception:  # a bad or cut result is no result
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
        for fd in (self._reply, self._result):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._reply = self._result = None
        pid, self._pid = self._pid, None
        if pid is None:
            return False
        atexit.unregister(self.cancel)  # nothing left to reap at exit: the arguments are not held till then
        with contextlib.suppress(ChildProcessError):
            _, status = os.waitpid(pid, 0)
            return os.waitstatus_to_exitcode(status) == 0
        return False


def start(fn: Callable[..., T], *args: object) -> Pending[T]:
    """``fn(*args)`` begun in a child where that is safe (see the module's rules), else left for `Pending.result`."""
    if sys.platform != "linux" or threading.active_count() != 1:
        return Pending(fn, args, None, None)
    try:
        result = os.memfd_create("wendiff-forked", os.MFD_CLOEXEC)
    except OSError:
        return Pending(fn, args, None, None)
    reply_r, reply_w = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (result, reply_r, reply_w):
            os.close(fd)
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
            with os.fdopen(result, "wb", closefd=False) as out:  # pickled straight into shared memory
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.write(reply_w, _DONE)
            status = 0
        finally:
            os._exit(status)
    os.close(reply_w)
    pending = Pending(fn, args, pid, reply_r, result)
    atexit.register(pending.cancel)
    return pending
