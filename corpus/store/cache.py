"""Derived data kept beside a store: files that can be rebuilt at any time, never a source of truth.

Rules:

* The cache is the folder `CACHE_DIR` inside the store's repository folder (git ignores it: it is
  not in any tree, and ``store check`` looks only at git's objects and refs).
* An entry is one file named by its key (hex digits, chosen by the caller so that it changes with
  everything the data was computed from); its content is opaque bytes here.
* Reading never fails: a missing, unreadable or half-written entry is a miss. Writing never fails
  either: it goes to a temporary file renamed into place (readers see the whole file or none), and
  a store that cannot be written (read-only media, a full disk) simply keeps no cache.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

__all__ = ["CACHE_DIR", "read", "write"]

CACHE_DIR = "wendiff-cache"
_KEY = re.compile(r"[0-9a-f]{16,128}")


def _path(store: Path, key: str) -> Path:
    if not _KEY.fullmatch(key):
        raise ValueError(f"cache key {key!r} is not hex digits")
    return store / CACHE_DIR / key[:2] / key


def read(store: Path, key: str) -> bytes | None:
    """The bytes stored under ``key``, or None."""
    try:
        return _path(store, key).read_bytes()
    except OSError:
        return None


def write(store: Path, key: str, data: bytes) -> bool:
    """Store ``data`` under ``key``; False when the cache cannot be written (nothing else happens)."""
    target = _path(store, key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True
