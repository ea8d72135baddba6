"""Benchmark of Traditional→Simplified (the ``script`` normalization step) on 1 MB.

Target: ``to_simplified`` of 1 MB of Traditional text (seed 002 repeated) in
≤ 0.2 s, with the same output as before. Baseline in the same run: the old
step, kept below as it was — opencc-python-reimplemented's ``OpenCC("t2s")``
on each line holding a Traditional character, character by character where a
line would change length — followed by the same Taiwan/HK variant fixes.

Also shown: 1 MB of short lines (the UDHR's Traditional copy, ~13,000 lines),
and, in a fresh interpreter, the cost of ``import corpus.normalize``, that a
Simplified text loads no dictionary, and the first Traditional text's
dictionary load. Figures are the best of three runs in this process, except
the old way's (one run). Run: ``.venv/bin/python bench/bench_t2s.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus.normalize import _VARIANT_RE, _fix_variant, to_simplified  # noqa: E402
from corpus.opencc_data import CHARACTERS, dictionary  # noqa: E402
from corpus.samples import seed  # noqa: E402

TARGET = 0.2  # seconds for 1 MB
UDHR = ROOT / "tests" / "data" / "real" / "02_udhr_simplified_vs_traditional" / "b.txt"


# --- The old way, as corpus/normalize.py had it (the baseline) ---------------------------------
@cache
def _old_converter() -> object:
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _old_traditional() -> frozenset[str]:
    return frozenset(k for k, v in dictionary(CHARACTERS).items() if len(k) == 1 and v != k)


def _old_convert_line(line: str) -> str:
    convert = _old_converter().convert  # type: ignore[attr-defined]
    out: str = convert(line)
    if len(out) != len(line):
        out = "".join(c2 if len(c2 := convert(ch)) == 1 else ch for ch in line)
    return out


def old_to_simplified(text: str) -> str:
    trad = _old_traditional()
    if not trad.isdisjoint(text):
        lines = text.split("\n")
        text = "\n".join(line if trad.isdisjoint(line) else _old_convert_line(line) for line in lines)
    if _VARIANT_RE.search(text):
        text = _VARIANT_RE.sub(_fix_variant, text)
    return text


# -----------------------------------------------------------------------------------------------


def one_mb(text: str) -> str:
    return text * (1_000_000 // len(text.encode("utf-8")) + 1)


def best(fn: Callable[[str], str], text: str, runs: int) -> tuple[float, str]:
    times, out = [], ""
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn(text)
        times.append(time.perf_counter() - t0)
    return min(times), out


COLD = r"""
import json, time
t0 = time.perf_counter()
import corpus.normalize as n, corpus.t2s as t2s
imp = time.perf_counter() - t0
from corpus.samples import seed
n.to_simplified(seed("000").read_text(encoding="utf-8"))
loaded_by_simplified = t2s.tables.cache_info().currsize
t0 = time.perf_counter()
n.to_simplified("乾隆年間頭髮乾了")
first = time.perf_counter() - t0
t0 = time.perf_counter()
t2s.tables.cache_clear(); t2s.tables()
reload = time.perf_counter() - t0
print(json.dumps({"import": imp, "simplified_loads": loaded_by_simplified, "first": first, "reload": reload}))
"""


def main() -> None:
    cases = [("seed 002 repeated (target)", one_mb(seed("002").read_text(encoding="utf-8")))]
    cases.append(("UDHR Traditional copy repeated", one_mb(UDHR.read_text(encoding="utf-8"))))
    to_simplified("乾")  # load the dictionaries of both ways before timing
    old_to_simplified("乾")
    print(f"{'1 MB of':32} {'lines':>6} {'old s':>7} {'new s':>7} {'speed-up':>8}  same output")
    verdict = ""
    for name, text in cases:
        old_s, old = best(old_to_simplified, text, 1)
        new_s, new = best(lambda s: to_simplified(s).text, text, 3)
        same = "yes" if new == old else f"NO ({sum(a != b for a, b in zip(new, old, strict=True))} chars differ)"
        print(f"{name:32} {text.count(chr(10)) + 1:>6} {old_s:>7.3f} {new_s:>7.3f} {old_s / new_s:>7.0f}x  {same}")
        if not verdict:
            ok = new_s <= TARGET and new == old
            verdict = f"target ≤ {TARGET} s for 1 MB with the same output: {'met' if ok else 'NOT MET'} ({new_s:.3f} s)"
    cold = json.loads(
        subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    )
    print(
        f"\nfresh interpreter: import corpus.normalize {cold['import'] * 1000:.0f} ms; "
        f"dictionaries loaded by a Simplified text: {'no' if not cold['simplified_loads'] else 'YES'}; "
        f"first Traditional text {cold['first'] * 1000:.1f} ms (dictionary load {cold['reload'] * 1000:.1f} ms warm)"
    )
    print(verdict)


if __name__ == "__main__":
    main()
