"""A long document read or segmented in a child (`diffing.segment_ahead`) is the very document read here, with
the very clauses segmented here.

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

_RECORDED = """
import sys
from pathlib import Path
from corpus import forked
from corpus.pipeline import from_text, load
from diffing import segment_ahead as ahead
from diffing.segment import segment
started = []
def start(*args):
    pending = forked.start(*args)
    started.append(pending.forked)
    return pending
ahead.start = start
"""
"""A fresh interpreter's preamble: ``started`` records whether each child `segment_ahead` starts forked."""


def _fresh(script: str, *args: str) -> list[str]:
    """The lines ``script`` prints, run after `_RECORDED` in a fresh interpreter (one thread: a child forks)."""
    done = subprocess.run(
        [sys.executable, "-c", _RECORDED + script, *args], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.splitlines()


_CHECK = """
text = "\\n".join((Path(sys.argv[1]) / f"{side}.txt").read_text(encoding="utf-8") for side in "abab")
doc = from_text(text, "long.txt")
got, want = ahead.segment_ahead(doc)(), segment(doc)
print(len(doc.text) >= ahead.AHEAD_CHARS, started, got == want, [vars(c) for c in got] == [vars(c) for c in want])
print(sorted({c.kind for c in got}))
"""


def test_a_long_document_segmented_in_a_child_has_the_same_clauses_field_by_field() -> None:
    assert _fresh(_CHECK, str(PAIR)) == ["True [True] True True", "['article', 'heading', 'sentence']"]


_READ = """
doc, clauses = ahead.read_ahead(sys.argv[1])()
here = load(sys.argv[1])
print(started, doc.text == here.text, doc.original == here.original, doc.source == here.source)
print(clauses == segment(here), [vars(c) for c in clauses] == [vars(c) for c in segment(here)])
print(all(doc.to_original(c.start, c.end) == here.to_original(c.start, c.end) for c in clauses))
"""


def test_a_large_file_read_in_a_child_is_the_document_read_here_with_the_same_clauses(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("\n".join((PAIR / f"{side}.txt").read_text(encoding="utf-8") for side in "ab"), encoding="utf-8")
    assert big.stat().st_size >= ahead.AHEAD_BYTES
    assert _fresh(_READ, str(big)) == ["[True] True True True", "True True", "True"]


def test_only_large_regular_files_read_by_wendiff_itself_are_read_ahead(tmp_path: Path) -> None:
    for name in ("big.txt", "big.html", "big.docx", "big.pdf", "big.doc", "big.odt", "big.ofd", "small.txt"):
        (tmp_path / name).write_bytes(b"x" * (10 if name.startswith("small") else ahead.AHEAD_BYTES))
    ahead_of = {name: ahead.reads_ahead(str(tmp_path / name)) for name in sorted(p.name for p in tmp_path.iterdir())}
    assert ahead_of == {
        "big.doc": False, "big.docx": True, "big.html": True, "big.odt": False, "big.ofd": False, "big.pdf": False,
        "big.txt": True, "small.txt": False,
    }  # fmt: skip
    assert not ahead.reads_ahead("-") and not ahead.reads_ahead(str(tmp_path)) and not ahead.reads_ahead("/dev/zero")
    assert not ahead.reads_ahead(str(tmp_path / "missing.txt"))


def test_a_short_document_is_segmented_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_child(*args: object) -> None:
        raise AssertionError("a child was started")

    monkeypatch.setattr(ahead, "start", no_child)
    doc = from_text((PAIR / "a.txt").read_text(encoding="utf-8"), "a.txt")
    assert len(doc.text) < ahead.AHEAD_CHARS
    assert ahead.segment_ahead(doc)() == segment(doc)


_ALIGNED_AHEAD = """
from diffing import align_apart
from diffing.compare import compare
align_apart.APART = 0  # any pair is aligned in a child
begun = []
real_start = align_apart.start
def counted(fn, *args):
    pending = real_start(fn, *args)
    begun.append((fn.__name__, pending.forked))
    return pending
align_apart.start = counted
b = load(sys.argv[2])
b_clauses = segment(b)
a, a_clauses, aligned = ahead.read_ahead(sys.argv[1]).with_alignment(b_clauses)
print(started, begun, aligned is not None)
diff = compare(a, b, clauses=(a_clauses, b_clauses), aligned=aligned)
print(begun)
here = compare(load(sys.argv[1]), b)
print(diff.rows == here.rows, [vars(c) for c in diff.a_clauses] == [vars(c) for c in here.a_clauses])
"""


def test_a_pair_aligned_in_a_child_is_begun_before_the_clauses_read_ahead_are_rebuilt_with_the_same_rows(
    tmp_path: Path,
) -> None:
    big = tmp_path / "big.txt"
    big.write_text("\n".join((PAIR / f"{side}.txt").read_text(encoding="utf-8") for side in "ab"), encoding="utf-8")
    printed = _fresh(_ALIGNED_AHEAD, str(big), str(PAIR / "b.txt"))
    assert printed == [
        "[True] [('_made_aligned', True)] True",
        "[('_made_aligned', True)]",  # compare used the child begun: it started no other
        "True True",
    ]


def test_a_pair_aligned_here_begins_no_child_ahead(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("\n".join((PAIR / f"{side}.txt").read_text(encoding="utf-8") for side in "ab"), encoding="utf-8")
    script = (
        "b_clauses = segment(load(sys.argv[2]))\n"
        "a, a_clauses, aligned = ahead.read_ahead(sys.argv[1]).with_alignment(b_clauses)\n"
        "print(started, aligned, a_clauses == segment(load(sys.argv[1])))\n"
    )
    assert _fresh(script, str(big), str(PAIR / "b.txt")) == ["[True] None True"]  # a 1 MB pair is aligned here
