"""The steps of a duplicate-finding run on documents and pairs, the same whichever engine runs them.

Rules:

* Every engine (local, Dask) runs these functions and no copy of them: reading
  one input into its fingerprint, proposing candidate pairs, the MinHash
  prefilter, ordering pairs family by family, verifying a batch of pairs, and
  the one-line problem of an unexpected failure. Where the work runs (this
  process, a pool, a Dask worker) is the engine's business; what is computed is
  decided here.
* Pure: the same arguments always give the same value (a retried task gives
  back what the lost one would have); how a document is loaded is the caller's
  ``load`` (a worker reads files from the client's folder, say).
* A failure on one input or one pair never stops a run: an input that cannot
  be read is `Skipped` with its one-line problem; a pair that cannot be
  compared is one problem line, and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from corpus.document import Document
from corpus.errors import WendiffError
from corpus.options import Options
from diffing.dups.fingerprint import Fingerprint, Skipped, fingerprint_document
from diffing.dups.inputs import Input
from diffing.dups.minhash_index import candidate_pairs, containments, sketch_jaccard, sketch_jaccards
from diffing.dups.reworded import SpunWord
from diffing.dups.verify import PairResult, verify_pair
from diffing.model import Clause

__all__ = [
    "MIN_OVERLAP",
    "Loaded",
    "Pair",
    "Task",
    "by_family",
    "candidates",
    "estimate",
    "problem",
    "read_input",
    "to_compare",
    "verify_tasks",
    "worth_comparing",
]

MIN_OVERLAP = 0.1
"""Estimated share of the smaller document's shingles another must hold to be compared."""

Pair = tuple[int, int]
"""Two documents by report index, ``a < b``."""
Task = tuple[int, Input, int, Input]
"""A pair to verify: ``(a, a's input, b, b's input)``."""
Loaded = tuple[Document, list[SpunWord], tuple[Clause, ...]]
"""A document ready to be compared: its text, its spun words (``--unspin``) and its clauses."""


def problem(name: str, exc: Exception) -> str:
    """One line for an unexpected failure."""
    detail = " ".join(str(exc).split())[:200]
    return f"{name}: could not be processed ({type(exc).__name__}{': ' + detail if detail else ''})"


def read_input(
    index: int,
    inp: Input,
    load: Callable[[Input], Document],
    fingerprint: Callable[[int, str, Document], Fingerprint] = fingerprint_document,
) -> Fingerprint | Skipped:
    """The fingerprint of input number ``index``, or why it is skipped (one line naming it)."""
    try:
        return fingerprint(index, inp.name, load(inp))
    except WendiffError as exc:
        return Skipped(index, inp.name, str(exc))
    except Exception as exc:  # a bug must not stop a run over 10,000 files: report the file, go on
        return Skipped(index, inp.name, problem(inp.name, exc))


def verify_tasks(
    tasks: Sequence[Task], options: Options, load: Callable[[Input], Loaded]
) -> tuple[list[PairResult], list[str]]:
    """Align each pair (shared passages or none); also the problems met, one line each."""
    out: list[PairResult] = []
    problems: list[str] = []
    for a, a_in, b, b_in in tasks:
        try:
            a_doc, a_words, a_clauses = load(a_in)
            b_doc, b_words, b_clauses = load(b_in)
            out.append(verify_pair(a, a_doc, b, b_doc, options, a_words, b_words, (a_clauses, b_clauses)))
        except WendiffError as exc:  # changed or removed since it was read
            problems.append(f"{exc} (read again to compare {a_in.name} with {b_in.name})")
        except Exception as exc:  # a bug must not stop the run: report the pair, go on
            problems.append(problem(f"{a_in.name} and {b_in.name}", exc))
    return out, problems


def candidates(prints: Sequence[Fingerprint], exact_of: Mapping[int, int], user: Sequence[bool]) -> set[Pair]:
    """Pairs of documents with a band key in common (LSH), exact copies left out (their first stands for them).

    In ``--store`` mode (not every ``user``), only pairs with one of the user's documents.
    """
    indexed = [k for k in range(len(prints)) if k not in exact_of and len(prints[k].keys)]
    if not indexed:
        return set()
    keys = np.concatenate([prints[k].keys for k in indexed])
    owners = np.concatenate([np.full(len(prints[k].keys), k, dtype=np.int64) for k in indexed])
    pairs = candidate_pairs(keys, owners)
    if not all(user):
        pairs = {(a, b) for a, b in pairs if user[a] or user[b]}
    return pairs


def to_compare(prints: Sequence[Fingerprint], pairs: list[Pair]) -> tuple[list[Pair], dict[Pair, float]]:
    """The pairs `worth_comparing` (vectorized: a heavily overlapping corpus has 100,000s), in the order given,
    and the Jaccard estimate of each."""
    if not pairs:
        return [], {}
    index = np.asarray(pairs, dtype=np.int64)
    jaccards = sketch_jaccards([fp.sketch for fp in prints], index)
    sizes = np.asarray([fp.size for fp in prints], dtype=np.int64)
    keep = containments(jaccards, sizes[index[:, 0]], sizes[index[:, 1]]) >= MIN_OVERLAP
    kept = [pair for pair, ok in zip(pairs, keep.tolist(), strict=True) if ok]
    return kept, {pair: j for pair, j, ok in zip(pairs, jaccards.tolist(), keep.tolist(), strict=True) if ok}


def estimate(a: Fingerprint, b: Fingerprint) -> float | None:
    """The Jaccard estimate of a pair that passes the MinHash prefilter (the value `to_compare` gives); else None."""
    j = sketch_jaccard(a.sketch, b.sketch)
    sizes = np.asarray([a.size], dtype=np.int64), np.asarray([b.size], dtype=np.int64)
    return j if float(containments(np.asarray([j]), *sizes)[0]) >= MIN_OVERLAP else None


def worth_comparing(a: Fingerprint, b: Fingerprint) -> bool:
    """The MinHash prefilter: does the smaller document seem to share `MIN_OVERLAP` of its shingles?"""
    return estimate(a, b) is not None


def by_family(tasks: Sequence[Task]) -> list[Task]:
    """Pairs of connected documents together (each family's pairs sorted), families in order of their first pair.

    A worker verifying them in this order loads each document of a family about once.
    """
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, _, b, _ in tasks:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    families: dict[int, list[Task]] = {}
    for task in sorted(tasks, key=lambda t: (t[0], t[2])):
        families.setdefault(root(task[0]), []).append(task)
    return [task for family in families.values() for task in family]
