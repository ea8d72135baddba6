"""Standard output that cannot be written (a full device, a closed descriptor) is one `WendiffError`.

Rules:

* `guard_stdout` is called once by the command line before a command runs. It
  replaces ``sys.stdout`` (only when it is the process's own standard output,
  never a test's capture) by a writer on the same descriptor, with the same
  encoding and buffering, whose failures are `StdoutError`: "standard
  output: cannot write (No space left on device)". A broken pipe stays
  `BrokenPipeError` (the reader left: exit 1, silently, as before).
* A closed standard output (``wendiff diff a b >&-``) gets ``/dev/null`` on
  its descriptor, so no file opened later takes descriptor 1 and receives the
  report; writing to it is the `StdoutError` "standard output is closed".
  A command that writes only to ``-o FILE`` runs as usual.
* After the first failure, what is still buffered is dropped: the exit does
  not fail again on flushing it (no second message, no exit status 120).
* Standard library only (it runs at every start).
"""

from __future__ import annotations

import io
import os
import sys

from corpus.errors import WendiffError

__all__ = ["StdoutError", "guard_stdout"]


class StdoutError(WendiffError):
    """Standard output cannot be written."""


class _GuardedStdout(io.FileIO):
    """Descriptor 1, raising `StdoutError` instead of an `OSError` (once; later writes are dropped)."""

    closed_at_start = False
    failed = False

    def write(self, data: object) -> int:
        size = len(data)  # type: ignore[arg-type]
        if self.failed:
            return size
        if self.closed_at_start:
            self.failed = True
            raise StdoutError("standard output is closed; nothing was written (use -o FILE)")
        try:
            return super().write(data)  # type: ignore[arg-type]
        except BrokenPipeError:
            self.failed = True
            raise
        except OSError as exc:
            self.failed = True
            raise StdoutError(f"standard output: cannot write ({exc.strerror or exc})") from exc


def guard_stdout() -> None:
    """Put the guarded writer in place of the process's standard output (see the module's rules)."""
    current = sys.stdout
    if current is not None and current is not sys.__stdout__:
        return
    closed = current is None
    if closed:
        _hold_descriptor_1()
    try:
        raw = _GuardedStdout(1, "w", closefd=False)
    except OSError:
        return
    raw.closed_at_start = closed
    encoding = current.encoding if current is not None else "utf-8"
    errors = current.errors if current is not None else "strict"
    line_buffering = current.line_buffering if current is not None else False
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(raw), encoding=encoding, errors=errors, line_buffering=line_buffering
    )


def _hold_descriptor_1() -> None:
    """Open /dev/null as descriptor 1, so that no file opened later becomes standard output."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    if fd != 1:
        os.dup2(fd, 1)
        os.close(fd)
