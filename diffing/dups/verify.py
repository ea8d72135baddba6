"""Verify a candidate pair: align the two documents and keep what they really share.

Rules:

* Nothing LSH proposes is reported before this check: the two documents are
  compared clause by clause (`diffing.compare.compare`), and only the
  passages of that alignment (`diffing.dups.reuse`) are re-use. Inline
  differences are not reported here, so they are not computed (the alignment
  and the similarities do not depend on them).
* The pair's similarity is the whole comparison's, weighted by clause length
  as ``Diff.summary`` weighs it, with one change that makes it the same both
  ways round: a deleted clause whose text is matched elsewhere in A counts as
  matched, as ``copied`` does for B. A notice pasted twice is then as similar
  to the notice pasted once as the other way round.
* With unspin on, a passage whose text on one side was reworded by a spinner
  says so: which document, and the substitutions seen inside the passage.
* Pure: documents in, values out; the caller decides where documents come from.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus.document import Document
from corpus.options import Options
from diffing.compare import compare
from diffing.dups.reuse import Passage, passages
from diffing.dups.reworded import SpunWord, spun_words, summarize
from diffing.model import Clause, Diff

__all__ = ["PairResult", "Reuse", "Reworded", "pair_similarity", "verify_pair"]


@dataclass(frozen=True)
class Reworded:
    """The side of a passage that a spinner reworded."""

    doc: int
    """Index of the reworded document."""
    substitutions: tuple[tuple[str, str], ...]
    """Distinct ``(spun, common)`` pairs seen in the passage, most frequent first."""


@dataclass(frozen=True)
class Reuse:
    """A passage of document ``a`` found again in document ``b``."""

    a: int
    b: int
    passage: Passage
    reworded: Reworded | None = None


@dataclass(frozen=True)
class PairResult:
    """What two documents share."""

    a: int
    b: int
    similarity: float
    """Similarity of the whole documents, in [0, 1]."""
    reuse: tuple[Reuse, ...]
    """Shared passages, longest first."""


def verify_pair(
    a: int,
    a_doc: Document,
    b: int,
    b_doc: Document,
    options: Options,
    a_words: list[SpunWord] | None = None,
    b_words: list[SpunWord] | None = None,
    clauses: tuple[tuple[Clause, ...], tuple[Clause, ...]] | None = None,
) -> PairResult:
    """Compare documents ``a`` and ``b`` (indices and documents) and list their shared passages.

    ``a_words``/``b_words`` are the documents' `spun_words`, and ``clauses`` their clauses, when the
    caller has them already.
    """
    diff = compare(a_doc, b_doc, options.with_(inline="char"), inline=False, clauses=clauses)
    if options.unspin:
        a_words = spun_words(a_doc, options) if a_words is None else a_words
        b_words = spun_words(b_doc, options) if b_words is None else b_words
    reuse = []
    for p in passages(diff):
        reuse.append(Reuse(a, b, p, _reworded(p, a, a_words or [], b, b_words or [])))
    return PairResult(a, b, pair_similarity(diff), tuple(reuse))


def pair_similarity(diff: Diff) -> float:
    """Whole-document similarity in [0, 1], the same whichever document is A (see the module rules)."""
    matched = {diff.a_clauses[i].text for row in diff.rows if row.op == "equal" for i in row.a}
    weight = total = 0.0
    for row in diff.rows:
        size = sum(len(diff.a_clauses[i].text) for i in row.a) + sum(len(diff.b_clauses[j].text) for j in row.b)
        similarity = row.similarity
        if row.op == "deleted" and all(diff.a_clauses[i].text in matched for i in row.a):
            similarity = 1.0
        total += size
        weight += size * similarity
    return 1.0 if total == 0 else round(weight / total, 4)


def _reworded(p: Passage, a: int, a_words: list[SpunWord], b: int, b_words: list[SpunWord]) -> Reworded | None:
    in_a = summarize(a_words, p.a) if a_words else []
    in_b = summarize(b_words, p.b) if b_words else []
    if not in_a and not in_b:
        return None
    if len(in_b) >= len(in_a):
        return Reworded(b, tuple(in_b))
    return Reworded(a, tuple(in_a))
