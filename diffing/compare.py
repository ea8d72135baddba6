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
from diffing.words import cut_all

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
    changed = [k for k, row in enumerate(rows) if inline and row.a and row.b and row.similarity < 1.0]
    texts = [
        text
        for k in changed
        for text in ("".join(a_clauses[i].text for i in rows[k].a), "".join(b_clauses[j].text for j in rows[k].b))
    ]
    words = cut_all(texts) if options.inline == "word" else None  # every row's words at once
    for n, k in enumerate(changed):
        pair = (words[2 * n], words[2 * n + 1]) if words is not None else None
        rows[k] = replace(rows[k], inline=inline_diff(texts[2 * n], texts[2 * n + 1], options.inline, pair))
    return Diff(a, b, options, a_clauses, b_clauses, tuple(rows))
