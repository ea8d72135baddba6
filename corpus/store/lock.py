"""The writers' lock: one process changes the store at a time; the others wait.

Rules:

* Every write to the store happens while holding the exclusive lock on the
  store's lock file, taken with `filelock` (an OS lock on the open file:
  ``flock`` on POSIX, ``LockFileEx`` on Windows). The system drops it when the
  holder exits, even when killed, so a crashed writer never leaves the store
  locked.
* A waiter polls every `_POLL` seconds until `DEFAULT_TIMEOUT` seconds have
  passed, then gives up with a `StoreError` saying the store is busy; nothing
  is written then.
* Readers take no lock: the branch moves atomically, so a reader sees either
  the old or the new state.
* Nothing platform-specific is imported before a lock is taken: `filelock` is
  imported by `locked`, not with this module.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from corpus.store.errors import StoreError

__all__ = ["DEFAULT_TIMEOUT", "locked"]

DEFAULT_TIMEOUT = 30.0
_POLL = 0.005
"""Seconds between two tries of a waiting writer."""


@contextmanager
def locked(path: Path, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold the exclusive lock on the file ``path`` (created if needed) for the ``with`` body."""
    from filelock import FileLock, Timeout

    lock = FileLock(path, thread_local=False)
    try:
        lock.acquire(timeout=max(0.0, timeout), poll_interval=_POLL)
    except Timeout:
        raise StoreError(
            f"{path.parent}: the store is busy: another wendiff process has held its lock "
            f"for more than {timeout:g} s; try again later"
        ) from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the lock file: {exc.strerror or exc}") from exc
    try:
        yield
    finally:
        lock.release()
