"""Programs outside Python that some tests drive: headless Chromium, LibreOffice, zsh and fish; and a font
with Chinese glyphs, which PDFium draws a PDF's text in when the PDF names a CJK font it does not embed.

Rule: a test that needs one asks `need_program` or `need_cjk_font` (or the fixtures of
tests/conftest.py). Where it is missing the test is skipped with one line naming it, except
when ``CI=true`` is set: there a missing program or font fails the test, so CI cannot pass
without running it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import NoReturn

import pytest

__all__ = ["CHROMIUM", "CJK_FONT", "FISH", "SOFFICE", "ZSH", "Program", "need_cjk_font", "need_program"]


class Program:
    """A program on PATH, and the Debian package that installs it."""

    def __init__(self, name: str, package: str) -> None:
        self.name = name
        self.package = package


CHROMIUM = Program("chromium", "chromium")
SOFFICE = Program("soffice", "libreoffice-writer-nogui")
ZSH = Program("zsh", "zsh")
FISH = Program("fish", "fish")


CJK_FONT = Program("a font with Chinese glyphs", "fonts-noto-cjk")


def need_program(program: Program) -> str:
    """The path of ``program``; skip the calling test when it is missing (fail it under CI=true)."""
    path = shutil.which(program.name)
    if path is not None:
        return path
    _missing(program)


def need_cjk_font() -> None:
    """Return when fontconfig knows a font with Chinese glyphs; else skip the calling test (fail it under
    CI=true): a page PDFium draws would show no Chinese text."""
    fc_list = shutil.which("fc-list")
    if fc_list is not None:
        listed = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False)
        if listed.stdout.strip():
            return
    _missing(CJK_FONT)


def _missing(program: Program) -> NoReturn:
    hint = f"apt-get install {program.package}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{program.name} is not installed, and CI=true requires it ({hint})", pytrace=False)
    pytest.skip(f"{program.name} is not installed ({hint})")
