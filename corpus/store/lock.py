"""The writers' lock: one process changes the store at a time; the others wait.

Rules:

* Every write to the store happens while holding an exclusive ``flock`` on
  the store's lock file. The kernel drops it when the holder exits, even when
  killed, so a crashed writer never leaves the store locked.
* A waiter polls with a short, growing sleep until `DEFAULT_TIMEOUT` seconds
  have passed, then gives up with a `StoreError` saying the store is busy;
  nothing is written then.
* Readers take no lock: the branch moves atomically, so a reader sees either
  the old or the new state.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from corpus.store.errors import StoreError

__all__ = ["DEFAULT_TIMEOUT", "locked"]

DEFAULT_TIMEOUT = 30.0
_FIRST_SLEEP = 0.002
_MAX_SLEEP = 0.01


@contextmanager
def locked(path: Path, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold the exclusive lock on the file ``path`` (created if needed) for the ``with`` body."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the lock file: {exc.strerror or exc}") from exc
    try:
        deadline = time.monotonic() + timeout
        pause = _FIRST_SLEEP
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"{path.parent}: the store is busy: another wendiff process has held its lock "
                        f"for more than {timeout:g} s; try again later"
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, _MAX_SLEEP)
        yield
    finally:
        os.close(fd)
