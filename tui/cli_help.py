"""How ``wendiff … --help`` is laid out: one parser class for every command, and exit-status epilogs.

Rules:

* Every parser of the command line is a `Parser`, so every ``--help`` is
  formatted by `HelpFormatter`: a description or epilog is wrapped line by line
  (a line's leading spaces are kept), so an epilog can list one item a line.
* Each command's ``--help`` ends with its exit statuses (`exit_statuses`),
  written next to the code that returns them.
* A usage error (a missing argument, an option's value refused by its type)
  is one line on standard error, ``wendiff diff: argument --columns: …
  (see wendiff diff --help)``, and exit status 2; control characters in it are
  shown escaped.
* `utf8_text` is the type of an option whose text is recorded: an argument
  holding bytes that are not UTF-8 (Python decodes them as lone surrogates)
  is refused, naming the first such byte.
* This module imports only the standard library and `corpus.display`:
  building the parser must stay cheap (see tui/cli.py).
"""

from __future__ import annotations

import argparse
import re
import textwrap
from typing import NoReturn

__all__ = ["HelpFormatter", "Parser", "exit_statuses", "utf8_text"]


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

    def error(self, message: str) -> NoReturn:
        """One line on standard error, and exit status 2."""
        from corpus.display import safe_name

        self.exit(2, f"{self.prog}: {safe_name(' '.join(message.split()))} (see {self.prog} --help)\n")


def utf8_text(text: str) -> str:
    """``text``, if every byte of the argument was UTF-8 (else an `argparse.ArgumentTypeError`)."""
    bad = next((ch for ch in text if "\udc80" <= ch <= "\udcff"), None)
    if bad is not None:
        byte = ord(bad) - 0xDC00
        raise argparse.ArgumentTypeError(f"not UTF-8 text (byte \\x{byte:02x})")
    return text


def exit_statuses(*statuses: tuple[int, str]) -> str:
    """An epilog listing exit statuses, e.g. ``exit_statuses((0, "the same"), (1, "different"))``."""
    return "exit status:\n" + "\n".join(f"  {code}  {meaning}" for code, meaning in statuses)
