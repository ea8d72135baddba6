"""Start-up stays cheap: each command imports only what it runs (see tui/cli.py).

Each case runs the real command line in a fresh interpreter with ``-X importtime``,
which lists every module the process imported. No timings are asserted here;
bench/bench_startup.py measures them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from corpus.samples import seed

ROOT = Path(__file__).resolve().parents[2]

NOT_FOR_A_TEXT_DIFF = (
    "dask", "distributed", "datasketch", "scipy", "numpy",  # the duplicate finder
    "textual",  # the app
    "docx", "trafilatura", "lxml",  # .docx and .html inputs, Word reports
    "git",  # the version store
)  # fmt: skip
"""Third-party packages ``wendiff diff`` of two .txt files must never load."""

ENGINES = (
    *NOT_FOR_A_TEXT_DIFF,
    "rich", "rapidfuzz", "rjieba", "opencc", "diff_match_patch", "platformdirs",
    "corpus.pipeline", "corpus.normalize", "corpus.clean", "corpus.unspin", "corpus.store.gitrepo",
    "diffing.compare", "diffing.align", "diffing.inline", "diffing.segment", "diffing.model", "diffing.highlight",
    "diffing.reports.redline_text", "diffing.reports.redline_json", "diffing.reports.redline_html",
    "diffing.reports.redline_md", "diffing.reports.redline_docx",
    "diffing.dups.engine", "diffing.dups.summary", "diffing.dups.report",
    "tui.app",
)  # fmt: skip
"""What building the parser must not load: every engine, renderer and heavy library."""

STORE_HELP_FORBIDDEN = tuple(m for m in ENGINES if m not in ("corpus.store.gitrepo", "diffing.model"))


def imported(*argv: str) -> tuple[int, set[str]]:
    """The exit status of ``wendiff ARGV`` and the modules it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tui.cli", *argv],
        cwd=ROOT, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    names = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert names, done.stderr
    return done.returncode, names


def loaded(names: set[str], forbidden: tuple[str, ...]) -> list[str]:
    """The modules of ``names`` that are, or are inside, one of ``forbidden``."""
    return sorted(n for n in names if any(n == f or n.startswith(f + ".") for f in forbidden))


def test_diff_of_two_text_files_loads_neither_the_duplicate_finder_nor_the_app_nor_other_readers() -> None:
    status, names = imported("diff", str(seed("000")), str(seed("001")), "--color", "never")
    assert status == 1
    assert "diffing.compare" in names  # it did run the diff
    assert loaded(names, (*NOT_FOR_A_TEXT_DIFF, "corpus.store")) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["diff", "--help"],
        ["store", "--help"],
        ["store", "diff", "--help"],
        ["dups", "--help"],
        ["library", "--help"],
        ["tui", "--help"],
        ["demo", "--help"],
        ["completion", "--help"],
    ],
    ids=" ".join,
)
def test_help_loads_no_engine(argv: list[str]) -> None:
    status, names = imported(*argv)
    assert status == 0
    # The store's own help quotes the store package, whose __init__ loads Store (and so its git
    # layer, without GitPython); every other command's help must not load the store at all.
    forbidden = STORE_HELP_FORBIDDEN if argv[0] == "store" else (*ENGINES, "corpus.store")
    assert loaded(names, forbidden) == []


def test_version_loads_no_engine() -> None:
    status, names = imported("--version")
    assert status == 0
    assert loaded(names, (*ENGINES, "corpus.store")) == []


def test_a_bad_argument_is_refused_before_any_engine_loads() -> None:
    status, names = imported("diff", "a.txt", "b.txt", "--layout", "diagonal")
    assert status == 2
    assert loaded(names, (*ENGINES, "corpus.store")) == []
