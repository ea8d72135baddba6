"""Generate a large version pair from the real law texts, with known edits.

Rule: deterministic (seeded); B is A with a few percent of its sentences edited,
deleted, inserted or moved, the way an amendment changes a law.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

REAL = Path(__file__).resolve().parents[1] / "tests" / "data" / "real"
"""The ten real law pairs kept with the tests."""
_SENTENCE = re.compile(r"(?<=[。；])")


def base_text(size_bytes: int) -> str:
    """Real law text, repeated with numbered parts, cut at a line end to at most ``size_bytes`` UTF-8 bytes."""
    parts: list[str] = []
    total = 0
    names = sorted(p.name for p in REAL.iterdir() if p.is_dir())
    k = 0
    while total < size_bytes:
        text = (REAL / names[k % len(names)] / "a.txt").read_text(encoding="utf-8")
        text = f"第{k + 1}部分\n{text}\n"
        parts.append(text)
        total += len(text.encode("utf-8"))
        k += 1
    joined = "".join(parts)
    cut = joined.encode("utf-8")[:size_bytes].decode("utf-8", errors="ignore")
    return cut[: cut.rfind("\n") + 1]


def edited(text: str, rate: float = 0.03, seed: int = 7) -> str:
    """A copy of ``text`` with about ``rate`` of its sentences changed."""
    rng = random.Random(seed)
    lines = text.split("\n")
    out: list[str] = []
    moved: list[str] = []
    for line in lines:
        sentences = [s for s in _SENTENCE.split(line) if s]
        new: list[str] = []
        for s in sentences:
            r = rng.random()
            if r < rate / 3 and len(s) > 4:
                k = rng.randrange(len(s) - 2)
                new.append(s[:k] + rng.choice("国家应当依法") + s[k + 2 :])
            elif r < rate / 2:
                continue
            elif r < 2 * rate / 3:
                new.append(s)
                new.append("有关部门应当加强监督检查，确保本条规定落实到位。")
            else:
                new.append(s)
        if rng.random() < rate / 10 and new:
            moved.append("".join(new))
            continue
        out.append("".join(new))
        if moved and rng.random() < 0.2:
            out.append(moved.pop())
    out.extend(moved)
    return "\n".join(out)


def seeds_pair(folder: Path, size_bytes: int = 1_400_000, seed: int = 11) -> tuple[Path, Path]:
    """The seeds repeated to ``size_bytes``; B drops 3 % of the lines, edits 7 % and moves 20 long lines.

    The case that once crashed the aligner (a run of about 1,000 deleted clauses).
    """
    from corpus.samples import seed as sample

    texts = [sample(n).read_text(encoding="utf-8") for n in ("000", "001", "002", "003", "004")]
    parts: list[str] = []
    total = k = 0
    while total < size_bytes:
        parts.append(texts[k % len(texts)])
        total += len(parts[-1].encode("utf-8"))
        k += 1
    lines = "".join(parts).split("\n")
    rng = random.Random(seed)
    b: list[str] = []
    for line in lines:
        r = rng.random()
        if r < 0.03:
            continue
        if r < 0.10 and len(line) > 6:
            k = rng.randrange(len(line) - 3)
            line = line[:k] + "依法" + line[k + 2 :]
        b.append(line)
    long = sorted(range(len(b)), key=lambda n: -len(b[n]))[:20]
    for n in sorted(long, reverse=True):
        line = b.pop(n)
        b.insert(rng.randrange(len(b)), line)
    folder.mkdir(parents=True, exist_ok=True)
    pa, pb = folder / "a.txt", folder / "b.txt"
    pa.write_text("\n".join(lines), encoding="utf-8")
    pb.write_text("\n".join(b), encoding="utf-8")
    return pa, pb


def write_pair(folder: Path, size_bytes: int = 1_000_000) -> tuple[Path, Path]:
    """Write ``a.txt`` and ``b.txt`` of about ``size_bytes`` each into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    a = base_text(size_bytes)
    b = edited(a)
    pa, pb = folder / "a.txt", folder / "b.txt"
    pa.write_text(a, encoding="utf-8")
    pb.write_text(b, encoding="utf-8")
    return pa, pb
