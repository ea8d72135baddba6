"""What the store computes from a document once, at add time.

Rules:

* clauses.txt holds the clauses of the normalized text (``diffing.segment``),
  one per line, each clause's own line breaks replaced by spaces; it is what
  ``blame`` compares, by exact text, so it must come from the same options
  (`STORE_OPTIONS`) for every version.
* Clause stats against the previous version come from ``diffing.compare`` and
  count rows of the clause alignment: ``+`` inserted (and copied), ``~``
  modified (and split, merged), ``-`` deleted, ``↔`` moved.
* The default title is the first non-empty line of the text that is not the
  document's 文号, without Markdown ``#`` marks, cut to `TITLE_MAX` characters.
"""

from __future__ import annotations

from corpus.document import Document
from corpus.options import DEFAULT_OPTIONS, Options
from corpus.store.docnumber import canonical_doc_number, find_doc_number
from corpus.store.values import ClauseStats
from diffing.model import Clause

__all__ = [
    "STORE_OPTIONS",
    "TITLE_MAX",
    "clause_lines",
    "clause_stats",
    "decode_clauses",
    "default_title",
    "encode_clauses",
]

STORE_OPTIONS: Options = DEFAULT_OPTIONS
"""Normalization used for clauses.txt and for the stats of every version."""
TITLE_MAX = 100


def clause_lines(clauses: tuple[Clause, ...]) -> list[str]:
    """The lines of clauses.txt for ``clauses``."""
    return [" ".join(clause.text.splitlines()) for clause in clauses]


def encode_clauses(lines: list[str]) -> bytes:
    """clauses.txt bytes: UTF-8, one clause per line, each line ending in a newline."""
    return "".join(line + "\n" for line in lines).encode("utf-8")


def decode_clauses(data: bytes) -> list[str]:
    """The clause lines of clauses.txt bytes (invalid UTF-8 raises UnicodeDecodeError)."""
    return data.decode("utf-8").split("\n")[:-1] if data else []


def clause_stats(previous: Document, current: Document) -> tuple[ClauseStats, tuple[Clause, ...]]:
    """Stats of ``current`` against ``previous``, and the clauses of ``current`` (computed on the way)."""
    from diffing.compare import compare

    diff = compare(previous, current, STORE_OPTIONS)
    summary = diff.summary
    counts = summary.counts
    stats = ClauseStats(
        inserted=counts["inserted"] + counts["copied"],
        modified=counts["modified"] + counts["split"] + counts["merged"],
        deleted=counts["deleted"],
        moved=counts["moved"],
        equal=counts["equal"],
        similarity=summary.similarity,
    )
    return stats, diff.b_clauses


def default_title(text: str) -> str:
    """The title ``add`` records when none is given."""
    number = find_doc_number(text)
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line and canonical_doc_number(line) != number:
            return line[:TITLE_MAX]
    return ""
