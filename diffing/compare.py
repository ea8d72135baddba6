"""Compare two documents: segment, align, then inline-diff the changed rows.

Rule: this is the one entry point the command line, the store, the duplicate
finder and the app call; it never reads files and never prints.
"""

from __future__ import annotations

from dataclasses import replace

from corpus.document import Document
from corpus.options import DEFAULT_OPTIONS, Options
from diffing.align import align
from diffing.inline import inline_diff
from diffing.model import Clause, Diff
from diffing.segment import segment

__all__ = ["compare"]


def compare(
    a: Document, b: Document, options: Options = DEFAULT_OPTIONS, *, inline: bool = True,
    clauses: tuple[tuple[Clause, ...], tuple[Clause, ...]] | None = None,
) -> Diff:
    """Align the clauses of ``a`` and ``b`` and compute inline differences.

    ``inline=False`` leaves the inline differences out (the duplicate finder needs only the
    alignment: rows and similarities are the same); ``clauses`` are ``segment(a)`` and
    ``segment(b)`` when the caller has them already.
    """
    a_clauses, b_clauses = clauses if clauses is not None else (segment(a), segment(b))
    rows = align(a_clauses, b_clauses)
    out = []
    for row in rows:
        if inline and row.a and row.b and row.similarity < 1.0:
            a_text = "".join(a_clauses[i].text for i in row.a)
            b_text = "".join(b_clauses[j].text for j in row.b)
            row = replace(row, inline=inline_diff(a_text, b_text, options.inline))
        out.append(row)
    return Diff(a, b, options, a_clauses, b_clauses, tuple(out))
