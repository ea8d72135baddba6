"""Programs outside Python that some tests drive: headless Chromium, LibreOffice, zsh and fish.

Rule: a test that needs one asks `need_program` (or the fixtures of tests/conftest.py).
Where the program is missing the test is skipped with one line naming it, except when
``CI=true`` is set: there a missing program fails the test, so CI cannot pass without
running it.
"""

from __future__ import annotations

import os
import shutil

import pytest

__all__ = ["CHROMIUM", "FISH", "SOFFICE", "ZSH", "Program", "need_program"]


class Program:
    """A program on PATH, and the Debian package that installs it."""

    def __init__(self, name: str, package: str) -> None:
        self.name = name
        self.package = package


CHROMIUM = Program("chromium", "chromium")
SOFFICE = Program("soffice", "libreoffice-writer-nogui")
ZSH = Program("zsh", "zsh")
FISH = Program("fish", "fish")


def need_program(program: Program) -> str:
    """The path of ``program``; skip the calling test when it is missing (fail it under CI=true)."""
    path = shutil.which(program.name)
    if path is not None:
        return path
    hint = f"apt-get install {program.package}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{program.name} is not installed, and CI=true requires it ({hint})", pytrace=False)
    pytest.skip(f"{program.name} is not installed ({hint})")
