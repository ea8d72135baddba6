"""Writing a report to a file: never over an input, never into a store, never half a file.

Rules:

* `check_output` runs before any work and refuses, with a `WendiffError` of one
  line naming the file: an output that exists and is not a regular file (a
  FIFO would block the writer, a device or a folder is no report); an output
  that is one of the inputs (the same device and inode, so a symlink or a hard
  link to an input counts); an output inside a store folder (the report would
  replace a branch or an object).
* `write_report` writes a temporary file in the output's folder (a new file,
  created with the mode the umask gives), syncs it to disk and renames it over
  the output. On any failure (a full disk, an interrupt) the temporary file is
  removed and the old file is left as it was; the error is one line naming the
  file. Nothing of an old file is kept: not its mode, nor its other hard links
  (they keep the old content).
* Standard library only: the command line imports this when it writes.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from corpus.errors import WendiffError

__all__ = ["check_output", "write_report"]

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))  # fmt: skip


def check_output(output: str | os.PathLike[str], inputs: Iterable[str] = (), stores: Iterable[Path] = ()) -> None:
    """Refuse ``output`` if it is not a regular file, is one of ``inputs`` or lies inside one of ``stores``."""
    name = os.fspath(output)
    try:
        info: os.stat_result | None = os.stat(name)
    except OSError:
        info = None  # a new file (or one the writer will fail to create, with its reason)
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            kind = next((word for test, word in _KINDS if test(info.st_mode)), "not a file")
            raise WendiffError(f"{name}: not a regular file ({kind}); a report is written only to a file")
        for given in inputs:
            try:
                same = os.path.samestat(info, os.stat(given))
            except OSError:
                continue
            if same:
                raise WendiffError(f"{name}: is an input ({given}); the report would overwrite it")
    real = Path(os.path.realpath(name))
    for store in stores:
        if real.is_relative_to(os.path.realpath(store)):
            raise WendiffError(f"{name}: inside the store {store}; write the report elsewhere")


def write_report(output: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``output`` whole or not at all (temporary file, fsync, rename)."""
    name = os.fspath(output)
    folder = os.path.dirname(name) or "."
    try:
        fd, temporary = _create_beside(folder, os.path.basename(name))
    except OSError as exc:
        raise _cannot_write(name, exc) from exc
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, name)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise _cannot_write(name, exc) from exc
        raise
    _sync_folder(folder)


def _create_beside(folder: str, base: str) -> tuple[int, str]:
    """A new, empty file ``.BASE.XXXX.tmp`` in ``folder``, open for writing (mode 0666 less the umask)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        temporary = os.path.join(folder, f".{base[:200]}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue


def _sync_folder(folder: str) -> None:
    """Make the rename durable where the platform allows (best effort: the report is written already)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _cannot_write(name: str, exc: OSError) -> WendiffError:
    return WendiffError(f"{name}: cannot write the report ({exc.strerror or exc})")
