"""python-docx's private names, in one place: the XML elements under its public objects.

Rules:

* The Word writers build long bodies as WordprocessingML and need the lxml
  element under a python-docx paragraph, run or footer, which python-docx keeps
  in private attributes (``Paragraph._p``, ``Run._r``, ``_Footer._element``) and
  a part's bytes (``Part._blob``). Every such use goes through this module
  (``tests/test_private_apis.py`` fails on any other);
  ``tests/reports/test_docx_compat.py`` checks each one against the installed
  python-docx, so an upgrade that renames one fails there, by name.
* python-docx is imported only by the caller (it is heavy); this module imports
  nothing of it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["footer_element", "paragraph_element", "run_element", "set_part_blob"]


def paragraph_element(paragraph: Any) -> Any:
    """The ``<w:p>`` element of a python-docx ``Paragraph``."""
    return paragraph._p


def run_element(run: Any) -> Any:
    """The ``<w:r>`` element of a python-docx ``Run``."""
    return run._r


def footer_element(footer: Any) -> Any:
    """The ``<w:ftr>`` element of a python-docx section footer."""
    return footer._element


def set_part_blob(part: Any, blob: bytes) -> None:
    """Replace the bytes a package part (one read as a plain ``Part``, like the font table) is saved with."""
    part._blob = blob
