"""A large pair aligned in a child while this process builds each document's own values (`diffing.align_apart`)
gives the same rows, outlines, places and report as aligning first and building them after."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from corpus.document import Document
from corpus.pipeline import from_text, load
from corpus.samples import seed
from diffing import align_apart
from diffing.align import align
from diffing.compare import compare
from diffing.model import Diff
from diffing.reports.redline_json import dumps
from diffing.segment import segment

REAL = Path(__file__).parents[1] / "data" / "real"
NOTICE = "关于加强管理的通知\n渝府发〔2021〕12号\n各区县人民政府：\n一、总体要求\n为了加强管理，制定本办法。\n"
GLUED = "关于进一步加强管理的通知渝府发〔2021〕13号各区县、自治县人民政府：一、总体要求为了加强和规范管理，制定本办法。"


def _pairs() -> dict[str, tuple[Document, Document]]:
    law_a, law_b = (load(str(REAL / "06_company_law" / f"{side}.txt")) for side in "ab")
    holiday_a, holiday_b = ((REAL / "01_holiday_measures" / f"{side}.txt").read_text("utf-8") for side in "ab")
    return {
        "company law": (law_a, law_b),
        "company law, B against A": (law_b, law_a),
        "two notices": (load(str(seed("000"))), load(str(seed("004")))),
        "a notice glued onto one line (clauses cut)": (from_text(NOTICE, "a"), from_text(GLUED, "b")),
        "a side on one line (borrowed breaks)": (
            from_text(holiday_a, "a"), from_text(holiday_b.replace("\n", ""), "b"),
        ),
    }  # fmt: skip


PAIRS = _pairs()
OWN = ("a_original", "b_original", "outlines", "document_outlines", "places")


@pytest.mark.parametrize("name", PAIRS)
def test_rows_sent_back_packed_are_the_rows_aligned_here(name: str) -> None:
    a, b = PAIRS[name]
    a_clauses, b_clauses = segment(a), segment(b)
    rows = align(a_clauses, b_clauses)
    assert align_apart._unpacked(align_apart._aligned(a_clauses, b_clauses)) == rows


@pytest.mark.parametrize("name", PAIRS)
def test_own_values_given_to_a_diff_are_the_ones_it_builds(name: str) -> None:
    a, b = PAIRS[name]
    a_clauses, b_clauses = segment(a), segment(b)
    built = compare(a, b, clauses=(a_clauses, b_clauses))
    given = Diff(a, b, built.options, built.a_clauses, built.b_clauses, built.rows)
    align_apart._own(a, b, a_clauses, b_clauses).give(given)
    if built.a_clauses is a_clauses and built.b_clauses is b_clauses:
        assert set(OWN) <= given.__dict__.keys()
    else:  # the glue cutter made new clauses: nothing is given
        assert not set(OWN) & given.__dict__.keys()
    for name in OWN:
        assert getattr(given, name) == getattr(built, name)
    assert dumps(given) == dumps(built)


@pytest.mark.parametrize("name", PAIRS)
def test_a_pair_aligned_in_a_child_gives_the_same_report(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = PAIRS[name]
    alone = dumps(compare(a, b))
    monkeypatch.setattr(align_apart, "APART", 0)
    assert dumps(compare(a, b)) == alone


def _forced(lines: str, last: str) -> str:
    """What a fresh process (one thread, so that it may fork) prints that runs ``lines`` and then ``last`` (a
    compare of pair 06), with every pair aligned in a child."""
    pair = [str(REAL / "06_company_law" / f"{side}.txt") for side in "ab"]
    script = (
        "from corpus import forked\n"
        "from corpus.pipeline import load\n"
        "from diffing import align_apart\n"
        "from diffing.compare import compare\n"
        "align_apart.APART = 0\n"
        f"{lines}"
        f"a, b = (load(p) for p in {pair!r})\n"
        f"{last}"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    return done.stdout.strip()


def test_a_large_pair_is_aligned_in_a_child_and_gets_its_own_values_from_this_process() -> None:
    counting = (
        "started = []\n"
        "real_start = forked.start\n"
        "def counted(fn, *args):\n"
        "    pending = real_start(fn, *args)\n"
        "    started.append((fn.__name__, pending.forked))\n"
        "    return pending\n"
        "align_apart.start = counted\n"
    )
    printed = _forced(
        counting,
        "diff = compare(a, b, inline=True)\n"
        "print(started, sorted(set(diff.__dict__) & {'outlines', 'places', 'a_original'}))\n",
    )
    assert printed == "[('_aligned', True)] ['a_original', 'outlines', 'places']"


_BESIDE = (
    "import time\n"
    "class Beside:\n"
    "    own = None\n"
    "    def aligning(self, own): self.own = own\n"
    "    def __call__(self, early): pass\n"
    "beside = Beside()\n"
)
"""A ``beside`` that keeps the own values it is given while a child aligns."""


def test_work_on_the_own_values_is_done_while_the_child_aligns() -> None:
    beside = (
        f"{_BESIDE}"
        "real_aligned = align_apart._aligned\n"
        "def slow_aligned(*args):\n"
        "    time.sleep(2)\n"  # still aligning once this process has built the own values
        "    return real_aligned(*args)\n"
        "align_apart._aligned = slow_aligned\n"
    )
    printed = _forced(
        beside,
        "diff = compare(a, b, beside=beside)\n"
        "print(beside.own is not None and beside.own.units == diff.document_outlines)\n",
    )
    assert printed == "True"


def test_work_on_the_own_values_is_left_to_the_caller_when_the_child_is_done_first() -> None:
    beside = (
        f"{_BESIDE}"
        "real_own = align_apart._own\n"
        "def slow_own(*args):\n"
        "    own = real_own(*args)\n"
        "    time.sleep(3)\n"  # the child has aligned the pair meanwhile
        "    return own\n"
        "align_apart._own = slow_own\n"
    )
    printed = _forced(
        beside,
        "diff = compare(a, b, beside=beside)\n"
        "print(beside.own is None, sorted(set(diff.__dict__) & {'outlines', 'places'}))\n",
    )
    assert printed == "True ['outlines', 'places']"  # the own values are the diff's all the same


def test_only_a_pair_long_on_both_sides_is_aligned_in_a_child() -> None:
    assert align_apart.apart(align_apart.APART, align_apart.APART)
    assert not align_apart.apart(60_000, 35)  # a long text against a short one aligns in no time
    assert not align_apart.apart(6_000, 6_000)  # a 1 MB pair
