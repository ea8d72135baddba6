"""Chinese words (rjieba) for the inline diff and the 修改决定, in this process or in a helper started ahead.

Rules:

* `cut_all` gives each text's words; they always join back to the text (a
  text they would not rebuild is cut into its characters instead).
* rjieba builds its dictionary when it is imported: 0.10–0.15 s, holding the
  GIL, so a thread cannot hide it. `prefetch` (called by the command line
  before it reads the two files) forks a helper that imports rjieba while this
  process reads, normalizes, segments and aligns; `cut_all` then asks the
  helper. The words are the same either way: the helper runs the same rjieba.
* The helper starts only where fork is safe and cheap: on Linux, from a
  process with one thread (fork and threads don't mix), and once. It reads
  requests until its pipe closes, touches none of this process's files or
  output, ignores Ctrl-C (this process handles it and closes the pipe) and
  leaves with ``os._exit``. Any failure of the helper (it died, it could not
  import rjieba) falls back to importing rjieba here, silently: a helper is an
  optimization, never a requirement.
* A helper serves one process at a time: the process that started it, or
  the child it was handed over to (`hand_over`), which the process's own
  children then inherit.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import pickle
import signal
import sys
import threading
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import IO

__all__ = ["cut_all", "hand_over", "prefetch", "stop"]


@dataclass(frozen=True)
class _Helper:
    """The helper process and the two pipes to it."""

    pid: int
    requests: IO[bytes]
    replies: IO[bytes]

    def ask(self, texts: list[str]) -> list[list[str]]:
        """The words of ``texts``: the helper sends back only their lengths, which pickle much faster."""
        pickle.dump(texts, self.requests, protocol=pickle.HIGHEST_PROTOCOL)
        self.requests.flush()
        counts, lengths = pickle.load(self.replies)
        out: list[list[str]] = []
        k = 0
        for text, count in zip(texts, counts, strict=True):
            words, at = [], 0
            for length in lengths[k : k + count]:
                words.append(text[at : at + length])
                at += length
            out.append(words)
            k += count
        return out

    def close(self) -> None:
        for stream in (self.requests, self.replies):
            with contextlib.suppress(OSError):
                stream.close()
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(self.pid, signal.SIGKILL)  # still loading rjieba if nothing was asked: no need to wait
            os.waitpid(self.pid, 0)


_helper: _Helper | None = None
_started = False


def prefetch() -> bool:
    """Start the helper that loads rjieba ahead, where that is safe (see the rules); whether it started."""
    global _helper, _started
    if _started or sys.platform != "linux" or threading.active_count() != 1 or "rjieba" in sys.modules:
        return False
    _started = True
    request_r, request_w = os.pipe()
    reply_r, reply_w = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (request_r, request_w, reply_r, reply_w):
            os.close(fd)
        return False
    if pid == 0:  # the helper
        status = 1
        try:
            os.close(request_w)
            os.close(reply_r)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            _serve(os.fdopen(request_r, "rb"), os.fdopen(reply_w, "wb"))
            status = 0
        finally:
            os._exit(status)
    os.close(request_r)
    os.close(reply_w)
    _helper = _Helper(pid, os.fdopen(request_w, "wb"), os.fdopen(reply_r, "rb"))
    atexit.register(stop)
    return True


def hand_over() -> None:
    """Leave the helper to the child forked since `prefetch` (`tui.head_start`: it started the helper before
    forking, so that rjieba loads while this process imports): this process closes its ends of the pipes and
    cuts words itself from now on; the helper ends once the child closes its own, and a thread here reaps it."""
    global _helper
    if _helper is None:
        return
    helper, _helper = _helper, None
    for stream in (helper.requests, helper.replies):
        with contextlib.suppress(OSError):
            stream.close()
    threading.Thread(target=_reap, args=(helper.pid,), name="wendiff-words-reaper", daemon=True).start()


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """The helper's loop: a list of texts in, their words out, until the pipe closes."""
    cut = _rjieba_cut()
    while True:
        try:
            texts = pickle.load(requests)
        except EOFError:
            return
        words = [cut(text) for text in texts]
        counts = array("I", map(len, words))
        lengths = array("I", map(len, itertools.chain.from_iterable(words)))
        pickle.dump((counts, lengths), replies, protocol=pickle.HIGHEST_PROTOCOL)
        replies.flush()


def stop() -> None:
    global _helper
    if _helper is not None:
        helper, _helper = _helper, None
        helper.close()


@cache
def _rjieba_cut() -> Callable[[str], Sequence[str]]:
    import rjieba

    cut: Callable[[str], Sequence[str]] = rjieba.cut
    return cut


def cut_all(texts: Sequence[str]) -> list[list[str]]:
    """The Chinese words of each text (its characters where the words would not rebuild it)."""
    if not texts:
        return []
    words: list[list[str]] | None = None
    if _helper is not None:
        try:
            words = _helper.ask(list(texts))
        except (OSError, EOFError, pickle.UnpicklingError, ValueError):
            stop()  # the helper is gone: rjieba is loaded here from now on
    if words is None or len(words) != len(texts):
        cut = _rjieba_cut()
        words = [list(cut(text)) for text in texts]
    return [w if "".join(w) == text else list(text) for w, text in zip(words, texts, strict=True)]
