"""Children that a test interrupts start with the default handling of the signals it sends.

Rule: a test that sends SIGINT, SIGTERM or SIGHUP to a child starts it with
``preexec_fn=default_signals``. A shell that runs the suite in the background
(``make test &``, a CI runner without job control) starts it with SIGINT
ignored, and an ignored signal is inherited: the child would never hear the
Ctrl-C the test sends it, and the test would pass or hang by accident.
"""

from __future__ import annotations

import signal

__all__ = ["default_signals"]


def default_signals() -> None:
    """In the child, before it runs: SIGINT, SIGTERM and SIGHUP back to their default handling."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
