"""Clause links on generated revisions whose layout changed too.

B is a real law text (A) revised the way amendments revise: about 5 % of its
sentences reworded, 2 % deleted, 2 % new sentences inserted, 2 % of sentence
pairs merged into one (。 turned into ，) and three blocks of five lines moved;
then half of B's line breaks are removed (B keeps about half of A's clause
boundaries without a line break). Every surviving A sentence has a known place
in B, so the rows can be scored:

* recall: surviving A sentences whose row also holds their place in B;
* precision: rows with both sides (copies aside) that link a true pair;
* F1, and the share of untouched sentences reported ``equal``.

Baseline in the same run: the same revisions with B's layout kept (no line
break removed). Issue 10 measured F1 0.56-0.93 and 38-90 % untouched-equal
with the layout changed, 0.996 without. Run: ``.venv/bin/python bench/bench_revisions.py``.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from gen_pair import REAL  # noqa: E402

from corpus.pipeline import from_text  # noqa: E402
from diffing.compare import compare  # noqa: E402

_SENTENCE = re.compile(r"[^。；]*[。；]|[^。；]+$")
PAIRS = (
    "03_ip_tribunal_provisions",
    "04_admin_reconsideration_law",
    "06_company_law",
    "09_spc_criminal_procedure_interpretation",
)


@dataclass
class Sentence:
    a_start: int
    b_start: int | None
    length: int
    """Revisions keep a sentence's length (a two-character rewording, 。 to ，), so A's
    character ``a_start + k`` is B's ``b_start + k``."""
    untouched: bool

    @property
    def a_mid(self) -> int:
        return self.a_start + self.length // 2

    @property
    def b_mid(self) -> int | None:
        return None if self.b_start is None else self.b_start + self.length // 2


def revise(text: str, seed: int, relayout: bool) -> tuple[str, list[Sentence]]:
    """B and the fate of every A sentence (its middle in A, its middle in B or None)."""
    rng = random.Random(seed)
    lines: list[list[tuple[str, int | None, bool]]] = []  # per B line: (piece, A middle, untouched)
    pos = 0
    for line in text.split("\n"):
        pieces: list[tuple[str, int | None, bool]] = []
        for m in _SENTENCE.finditer(line):
            s = m.group()
            mid = pos + m.start()
            r = rng.random()
            if r < 0.05 and len(s) > 8:
                k = rng.randrange(2, len(s) - 4)
                pieces.append((s[:k] + "依法" + s[k + 2 :], mid, False))
            elif r < 0.07 and len(s) > 1:
                continue
            elif r < 0.09:
                pieces.append((s, mid, True))
                pieces.append(("有关部门应当加强监督检查，确保本条规定落实到位。", None, False))
            elif r < 0.11 and s.endswith("。") and len(s) > 8:
                pieces.append((s[:-1] + "，", mid, False))
            else:
                pieces.append((s, mid, True))
        lines.append(pieces)
        pos += len(line) + 1
    for _ in range(3):
        k = rng.randrange(len(lines) - 5)
        block, lines[k : k + 5] = lines[k : k + 5], []
        at = rng.randrange(len(lines))
        lines[at:at] = block
        for moved in block:
            moved[:] = [(s, mid, False) for s, mid, _ in moved]
    out: list[str] = []
    fates: list[Sentence] = []
    b_pos = 0
    for n, pieces in enumerate(lines):
        for s, origin, untouched in pieces:
            if origin is not None:
                fates.append(Sentence(origin, b_pos, len(s), untouched))
            out.append(s)
            b_pos += len(s)
        if n < len(lines) - 1:
            joined = relayout and (not pieces or rng.random() < 0.5)  # blank lines go, half the others join
            if not joined:
                out.append("\n")
                b_pos += 1
    return "".join(out), fates


def score(a: str, b: str, fates: list[Sentence]) -> tuple[float, float, float, float]:
    diff = compare(from_text(a, "a"), from_text(b, "b"))
    owner_a = [-1] * (len(a) + 1)
    owner_b = [-1] * (len(b) + 1)
    for k, row in enumerate(diff.rows):
        if row.op != "copied":
            for lo, hi in diff.a_spans(row):
                owner_a[lo:hi] = [k] * (hi - lo)
        for lo, hi in diff.b_spans(row):
            owner_b[lo:hi] = [k] * (hi - lo)
    surviving = [f for f in fates if f.b_mid is not None]
    hit = [f for f in surviving if owner_a[f.a_mid] >= 0 and owner_a[f.a_mid] == owner_b[f.b_mid]]  # type: ignore[index]
    recall = len(hit) / len(surviving)
    hit_ids = {id(f) for f in hit}
    to_b = [-1] * len(a)
    for f in surviving:
        assert f.b_start is not None
        for k in range(f.length):
            to_b[f.a_start + k] = f.b_start + k
    true_rows = {owner_a[p] for p in range(len(a)) if to_b[p] >= 0 and owner_b[to_b[p]] == owner_a[p] >= 0}
    both = [k for k, row in enumerate(diff.rows) if row.a and row.b and row.op != "copied"]
    precision = len([k for k in both if k in true_rows]) / max(1, len(both))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    untouched = [f for f in surviving if f.untouched]
    equal = sum(
        1 for f in untouched
        if id(f) in hit_ids and diff.rows[owner_a[f.a_mid]].op == "equal"
    )  # fmt: skip
    return precision, recall, f1, equal / max(1, len(untouched))


def main() -> None:
    print(f"{'pair':44} {'lines':>6} {'layout':>8} {'precision':>9} {'recall':>7} {'F1':>6} {'untouched equal':>15}")
    for pair in PAIRS:
        text = (REAL / pair / "a.txt").read_text(encoding="utf-8")
        for relayout in (False, True):
            b, fates = revise(text, seed=len(pair), relayout=relayout)
            p, r, f1, eq = score(text, b, fates)
            layout = "changed" if relayout else "kept"
            print(f"{pair:44} {b.count(chr(10)):>6} {layout:>8} {p:>9.3f} {r:>7.3f} {f1:>6.3f} {eq:>14.1%}", flush=True)


if __name__ == "__main__":
    main()
