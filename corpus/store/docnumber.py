"""文号 detection: the issuing number printed at the head of an official text.

Rules: the number is the document's own (`corpus.meta`, whose rules say which
shapes count, where it is looked for and its canonical form: one document
written with different brackets or digit widths in two versions gets one id).
This module names it for the store.
"""

from __future__ import annotations

from corpus.meta import NUMBER_LINES, canonical_doc_number, find_doc_number

__all__ = ["HEAD_LINES", "canonical_doc_number", "find_doc_number"]

HEAD_LINES = NUMBER_LINES
