"""wendiff's own errors.

Rule: every error a user can cause is a `WendiffError` whose ``str()`` is one
line that names the file (or the thing) and the problem. The command line prints
that line and exits with status 2; nothing else reaches the user as a traceback.
"""

from __future__ import annotations


class WendiffError(Exception):
    """A problem the user can act on; its message is one line."""


class InputError(WendiffError):
    """A file (or standard input) that cannot be read as a document."""

    def __init__(self, name: str, problem: str) -> None:
        from corpus.display import report_name

        self.name = report_name(name)
        self.problem = problem
        super().__init__(f"{self.name}: {problem}")


class LimitError(WendiffError):
    """A container or its text over a limit (corpus/limits.py); the message is the problem, one line.

    The reader that hit it turns it into an `InputError` naming the file.
    """
