"""Real diffs for report tests: the seeds and the real law pairs, compared once per session."""

from __future__ import annotations

from functools import cache

from corpus.pipeline import from_text, load
from corpus.samples import seed
from diffing.compare import compare
from diffing.kuan_rows import KuanGroup, kuan_groups
from diffing.model import Diff
from diffing.reports.order import is_change, reading_order
from tests.conftest import REAL, REAL_PAIRS

__all__ = ["change_entries", "diff_000_001", "diff_002_t2s", "real_diff", "real_pair_names"]


@cache
def diff_000_001() -> Diff:
    """The first copy of the 2021 notice (seed 000) against the news item reusing it (seed 001)."""
    text = seed("000").read_text(encoding="utf-8")
    first_line = text.split("\n", 1)[0]
    first_copy = text[: text.index(first_line, len(first_line))]
    return compare(from_text(first_copy, seed("000").name), load(str(seed("001"))))


@cache
def diff_002_t2s() -> Diff:
    """Seed 002 (Traditional script) against its OpenCC t2s conversion: all equal."""
    import opencc

    text = seed("002").read_text(encoding="utf-8")
    converted = opencc.OpenCC("t2s").convert(text)
    return compare(load(str(seed("002"))), from_text(converted, "002_t2s.txt"))


def change_entries(diff: Diff) -> list[KuanGroup]:
    """The changes as the HTML and Markdown reports show them, in reading order: a 款's inserted (deleted)
    rows as one (`diffing.kuan_rows`)."""
    changed = [diff.rows[i.row] for i in reading_order(diff) if i.kind == "row" and is_change(diff.rows[i.row])]
    return list(kuan_groups(diff, changed))


def real_pair_names() -> list[str]:
    """The ten real pairs kept with the tests (tests/data/real)."""
    return list(REAL_PAIRS)


@cache
def real_diff(name: str) -> Diff:
    """One real law pair (older against newer version)."""
    return compare(load(str(REAL / name / "a.txt")), load(str(REAL / name / "b.txt")))
