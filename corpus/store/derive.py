"""What the store computes from a document once, at add time.

Rules:

* clauses.txt holds the clauses of the normalized text, one per line, each
  clause's own line breaks replaced by spaces; it is what ``blame`` compares,
  by exact text, so it must come from the same options (`STORE_OPTIONS`) for
  every version.
* Cutting a text into clauses and comparing two versions is the clause
  engine's work (diffing/), which corpus/ never imports: the store's caller
  hands it in as a `ClauseAnalysis` (``diffing.versions.open_store`` does).
  Its stats count rows of the clause alignment: ``+`` inserted (and copied),
  ``~`` modified (and split, merged), ``-`` deleted, ``↔`` moved.
* The default title is the document's own title (`corpus.meta`, the one every
  report shows: never its 文号 nor its addressee line; empty when the text has
  no heading line), cut to `TITLE_MAX` characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from corpus.document import Document
from corpus.meta import text_meta
from corpus.options import DEFAULT_OPTIONS, Options
from corpus.store.values import ClauseStats

__all__ = [
    "STORE_OPTIONS",
    "TITLE_MAX",
    "ClauseAnalysis",
    "clause_lines",
    "decode_clauses",
    "default_title",
    "encode_clauses",
]

STORE_OPTIONS: Options = DEFAULT_OPTIONS
"""Normalization used for clauses.txt and for the stats of every version."""
TITLE_MAX = 100


class ClauseAnalysis(Protocol):
    """The clause engine, as the store uses it to record a version (documents normalized with `STORE_OPTIONS`)."""

    def clauses(self, document: Document) -> list[str]:
        """The texts of the clauses of ``document``, in order."""
        ...

    def compare(self, previous: Document, current: Document) -> tuple[ClauseStats, list[str]]:
        """The stats of ``current`` against ``previous``, and the texts of the clauses of ``current``."""
        ...


def clause_lines(clauses: Sequence[str]) -> list[str]:
    """The lines of clauses.txt for the clause texts ``clauses``."""
    return [" ".join(text.splitlines()) for text in clauses]


def encode_clauses(lines: list[str]) -> bytes:
    """clauses.txt bytes: UTF-8, one clause per line, each line ending in a newline."""
    return "".join(line + "\n" for line in lines).encode("utf-8")


def decode_clauses(data: bytes) -> list[str]:
    """The clause lines of clauses.txt bytes (invalid UTF-8 raises UnicodeDecodeError)."""
    return data.decode("utf-8").split("\n")[:-1] if data else []


def default_title(text: str) -> str:
    """The title ``add`` records when none is given."""
    return text_meta(text).title[:TITLE_MAX]
