"""`corpus.soffice`: a signal that lands while LibreOffice's process is being started (after the fork, before
`subprocess.Popen` returns) still stops the run with the whole session killed, never leaves the program behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

import pytest

from corpus import soffice
from corpus.extract import ExtractError


def test_a_signal_while_the_program_starts_kills_the_started_session(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int] = []
    real_popen = subprocess.Popen

    def popen_then_signal(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        process = real_popen(*args, **kwargs)
        started.append(process.pid)
        signal.raise_signal(signal.SIGINT)  # as if Ctrl-C came in the last instructions of Popen
        return process

    monkeypatch.setattr(soffice.subprocess, "Popen", popen_then_signal)
    monkeypatch.setattr(soffice, "no_network_prefix", lambda: ())
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))  # "interrupted", here
    try:
        with pytest.raises(ExtractError, match="SIGINT"), soffice.work_folder() as folder:
            soffice.run_contained([sys.executable, "-c", "import time; time.sleep(60)", str(folder)], 120)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert caught == [signal.SIGINT]  # handed on once the session was killed
    assert started
    with pytest.raises(ChildProcessError):
        os.waitpid(started[0], os.WNOHANG)  # reaped: killed and waited for
    with pytest.raises(ProcessLookupError):
        os.killpg(started[0], 0)  # no process of its session is left
