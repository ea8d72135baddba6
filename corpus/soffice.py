"""Running LibreOffice on a stranger's file: its own profile, no network, a timeout, and nothing left behind.

Rules:

* Every run works in a fresh temporary folder (``wendiff-soffice-*``, `work_folder`)
  that holds the input, the output and a LibreOffice user profile of its own
  (``-env:UserInstallation``), so concurrent runs never share a profile or a
  lock. The folder is removed afterwards, whatever happened.
* The profile (`write_profile`) blocks what a document could reach outside
  itself: content linked from an untrusted place (a linked image, a beacon:
  ``BlockUntrustedRefererLinks``), link and field updates, and macros.
* Where the platform allows it, the program runs without a network: in a
  network namespace of its own (``unshare --net --map-root-user``, tried once,
  `no_network_prefix`); where it does not, the profile alone holds.
* The program runs in a process session of its own (soffice starts
  soffice.bin), with a timeout; a timeout, an error or any exception while it
  runs (Ctrl-C included) kills the whole session, and waits until its
  processes are gone, before the folder is removed.
* In the main thread, SIGINT, SIGTERM and SIGHUP while the folder exists stop
  the run the same way (one that comes while the program is being started is
  held until `subprocess.Popen` has returned it, then stops it); once the session is killed and the folder removed,
  the signal is handed to the handler that was in place before (so SIGTERM
  still ends the process, Ctrl-C is still "interrupted"; if that handler
  returns, the run is an `ExtractError`). A signal that is ignored
  (``nohup``) stays ignored. Other threads cannot catch signals: there an
  exception still kills the session and removes the folder.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

from corpus.extract import ExtractError

__all__ = ["PROFILE_SETTINGS", "no_network_prefix", "run_contained", "work_folder", "write_profile"]

_SCRIPTING = "/org.openoffice.Office.Common/Security/Scripting"
_WRITER_UPDATE = "/org.openoffice.Office.Writer/Content/Update"

PROFILE_SETTINGS: tuple[tuple[str, str, str], ...] = (
    (_SCRIPTING, "BlockUntrustedRefererLinks", "true"),  # no linked image or object from outside the document
    (_SCRIPTING, "DisableMacrosExecution", "true"),
    (_SCRIPTING, "MacroSecurityLevel", "3"),  # very high: unsigned macros never run
    (_WRITER_UPDATE, "Link", "0"),  # never update links
    (_WRITER_UPDATE, "Field", "false"),
    (_WRITER_UPDATE, "Chart", "false"),
)
"""(path, property, value) written into the profile's ``registrymodifications.xcu``."""

_STOPPING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_UNSHARE = ("--net", "--map-root-user")
_GONE_WITHIN = 5.0
"""Seconds to wait for killed LibreOffice processes to be gone (they were sent SIGKILL: normally at once)."""


def write_profile(profile: Path) -> None:
    """A LibreOffice user profile at ``profile`` holding `PROFILE_SETTINGS`."""
    items = "\n".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
        for path, name, value in PROFILE_SETTINGS
    )
    user = profile / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f"{items}\n</oor:items>\n",
        encoding="utf-8",
    )


@functools.cache
def no_network_prefix() -> tuple[str, ...]:
    """``unshare --net --map-root-user`` when this platform lets us use it, else nothing (tried once)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    try:
        done = subprocess.run(
            [unshare, *_UNSHARE, "true"], stdin=subprocess.DEVNULL, capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    return (unshare, *_UNSHARE) if done.returncode == 0 else ()


class _Stopped(BaseException):
    """Raised by the signal handler while a run may be interrupted (a BaseException: nothing may swallow it)."""


class _Guard:
    """The signal caught while the folder exists; raises `_Stopped` at the first one while armed."""

    def __init__(self) -> None:
        self.caught: int | None = None
        self.armed = False

    def handle(self, signum: int, frame: FrameType | None) -> None:
        if self.caught is None:
            self.caught = signum
        if self.armed:
            self.armed = False
            raise _Stopped

    def arm(self) -> None:
        """From now on a signal stops the run (at once, if one came already)."""
        if self.caught is not None:
            raise _Stopped
        self.armed = True

    def hold(self) -> bool:
        """Until `arm`, a signal is only noted (while a process is being started: stopped inside
        `subprocess.Popen`, it would be left running); whether it was armed."""
        armed, self.armed = self.armed, False
        return armed


_guards: list[_Guard] = []
"""The guards of the main thread's folders that exist, innermost last (`run_contained` holds the innermost;
only the main thread catches signals)."""


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def work_folder() -> Iterator[Path]:
    """A fresh ``wendiff-soffice-*`` folder, removed on the way out; signals stop the block (see the rules)."""
    guard = _Guard()
    previous = _install(guard.handle)
    mine = _guards if _in_main_thread() else []
    mine.append(guard)
    try:
        folder = Path(tempfile.mkdtemp(prefix="wendiff-soffice-"))
        try:
            guard.arm()
            yield folder
        except _Stopped:
            pass
        finally:
            guard.armed = False
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        mine.remove(guard)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if guard.caught is not None:
        signal.raise_signal(guard.caught)  # the handler in place before: SIGTERM ends the process, SIGINT raises
        raise ExtractError(f"LibreOffice was stopped by {signal.Signals(guard.caught).name}")  # that handler returned


_Handler = Callable[[int, FrameType | None], object] | int
"""A signal handler as `signal.getsignal` returns it."""


def _install(handler: Callable[[int, FrameType | None], None]) -> dict[int, _Handler]:
    """Put ``handler`` on every stopping signal not ignored (main thread only); the handlers it replaced."""
    if not _in_main_thread():
        return {}
    previous: dict[int, _Handler] = {}
    for signum in _STOPPING:
        current = signal.getsignal(signum)
        if current is None or current == signal.SIG_IGN:
            continue
        previous[signum] = current
        signal.signal(signum, handler)
    return previous


def run_contained(command: list[str], timeout: float) -> None:
    """Run ``command`` without a network where possible, in a session of its own, killed as a whole unless it ends.

    Raises `subprocess.TimeoutExpired` when it runs past ``timeout`` seconds (the session is killed first).
    """
    prefix = no_network_prefix()
    guard = _guards[-1] if _guards and _in_main_thread() else None
    held = guard is not None and guard.hold()
    process = subprocess.Popen(
        [*prefix, *command], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        if held and guard is not None:
            guard.arm()  # a signal that came while it started stops the run now, its session killed
        process.wait(timeout=timeout)
    except BaseException:
        _kill_session(process)
        raise


def _kill_session(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL to every process of the session ``process`` leads, and wait (a few seconds at most) until all are gone.

    The leader is not yet reaped when the group is killed, so the id is still its own; a group id is never
    reused while a process of the group lives, so polling it afterwards is safe.
    """
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + _GONE_WITHIN
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.02)
