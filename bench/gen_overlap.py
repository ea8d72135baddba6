"""A heavily overlapping corpus for ``wendiff dups``: windows of the same texts, 5 % of characters changed.

Like an archive of many versions of a few documents, or dozens of news items quoting one notice
(issue 15, item 13). Each file is a window of 3,000-6,000 characters at a random place of one of
three real law texts, with 5 % of its characters replaced by others of the same text.
Run: ``.venv/bin/python bench/gen_overlap.py OUT [--files 2000] [--seed 15]``.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "real"
SOURCES = ("06_company_law", "04_admin_reconsideration_law", "05_hk_nsl_reformat")
CHANGED = 0.05


def generate(out: Path, files: int, seed: int = 15) -> list[Path]:
    """Write ``files`` overlapping windows into ``out``; their paths."""
    rng = random.Random(seed)
    texts = [(REAL / name / "a.txt").read_text(encoding="utf-8") for name in SOURCES]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(files):
        text = texts[rng.choices(range(len(texts)), weights=[4, 1, 1])[0]]
        size = min(len(text), rng.randint(3000, 6000))
        start = rng.randint(0, len(text) - size)
        chars = list(text[start : start + size])
        for i in rng.sample(range(size), int(size * CHANGED)):
            if chars[i] not in "\n":
                chars[i] = rng.choice(text)
        path = out / f"w{k:05d}.txt"
        path.write_text("".join(chars), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    generate(args.out, args.files, args.seed)


if __name__ == "__main__":
    main()
