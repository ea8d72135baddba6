"""A long document segmented in a child (`diffing.segment_ahead`) has the very clauses segmented here.

A child forks only from a process with one thread, and a test worker may hold threads: the check runs in a
fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from corpus.pipeline import from_text
from diffing import segment_ahead as ahead
from diffing.segment import segment

PAIR = Path(__file__).parents[1] / "data" / "real" / "10_procuratorate_criminal_procedure_rules"

_CHECK = """
import sys
from pathlib import Path
from corpus import forked
from corpus.pipeline import from_text
from diffing import segment_ahead as ahead
from diffing.segment import segment
started = []
def start(*args):
    pending = forked.start(*args)
    started.append(pending.forked)
    return pending
ahead.start = start
text = "\\n".join((Path(sys.argv[1]) / f"{side}.txt").read_text(encoding="utf-8") for side in "abab")
doc = from_text(text, "long.txt")
got, want = ahead.segment_ahead(doc)(), segment(doc)
print(len(doc.text) >= ahead.AHEAD_CHARS, started, got == want, [vars(c) for c in got] == [vars(c) for c in want])
print(sorted({c.kind for c in got}))
"""


def test_a_long_document_segmented_in_a_child_has_the_same_clauses_field_by_field() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CHECK, str(PAIR)], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.splitlines() == ["True [True] True True", "['article', 'heading', 'sentence']"]


def test_a_short_document_is_segmented_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_child(*args: object) -> None:
        raise AssertionError("a child was started")

    monkeypatch.setattr(ahead, "start", no_child)
    doc = from_text((PAIR / "a.txt").read_text(encoding="utf-8"), "a.txt")
    assert len(doc.text) < ahead.AHEAD_CHARS
    assert ahead.segment_ahead(doc)() == segment(doc)
