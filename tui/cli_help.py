"""How ``wendiff … --help`` is laid out: one parser class for every command, and exit-status epilogs.

Rules:

* Every parser of the command line is a `Parser`, so every ``--help`` is
  formatted by `HelpFormatter`: a description or epilog is wrapped line by line
  (a line's leading spaces are kept), so an epilog can list one item a line.
* Each command's ``--help`` ends with its exit statuses (`exit_statuses`),
  written next to the code that returns them.
* This module imports only the standard library: building the parser must stay
  cheap (see tui/cli.py).
"""

from __future__ import annotations

import argparse
import re
import textwrap

__all__ = ["HelpFormatter", "Parser", "exit_statuses"]


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, but descriptions and epilogs keep their line breaks.

    Each line is wrapped on its own. An indented line keeps its spacing, and
    when it reads ``  TERM  text`` its continuation lines align with ``text``.
    """

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines = []
        for line in text.splitlines():
            if not line.strip():
                lines.append("")
                continue
            hang = _HANGING.match(line)
            lines.append(textwrap.fill(
                line.strip(), width, initial_indent=indent + line[: len(line) - len(line.lstrip())],
                subsequent_indent=indent + " " * (hang.end() if hang else 0),
            ))  # fmt: skip
        return "\n".join(lines)


_HANGING = re.compile(r"\s+\S+(?: \S+)*? {2,}")
"""The ``  TERM  `` that starts an indented two-column line."""


class Parser(argparse.ArgumentParser):
    """An `argparse.ArgumentParser` that formats its help with `HelpFormatter` (subparsers inherit the class)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


def exit_statuses(*statuses: tuple[int, str]) -> str:
    """An epilog listing exit statuses, e.g. ``exit_statuses((0, "the same"), (1, "different"))``."""
    return "exit status:\n" + "\n".join(f"  {code}  {meaning}" for code, meaning in statuses)
