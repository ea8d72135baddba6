"""Generate a corpus of ~5 KB documents with the true duplicate pairs known.

Rules:

* Deterministic: the same ``--seed`` and sizes give the same files, byte for byte.
* Text comes from the seeds and the real law texts (tests/data/real), cut into distinct clauses (at
  ，；。 …). A sentence is two to four random clauses, and a *base* document is
  a title and paragraphs of such sentences, so two bases share clauses and
  phrases (as unrelated official texts do) but almost never a whole sentence.
* A *family* is a base and copies made from it: ``copy`` (same bytes), ``gb18030``
  (same text, other encoding), ``edited`` (sentences changed, deleted, inserted),
  ``reordered`` (paragraphs moved, a few edits), ``traditional`` (OpenCC s2t,
  a few edits), ``spun`` (the unspin table run backwards, `corpus.unspin.spin`).
  Every pair inside a family is a true duplicate pair.
* A ``reuse`` document quotes a third to a half of one base's paragraphs among
  sentences of its own: a true *re-use* pair with that base, not a duplicate.
* A few unreadable files (binary bytes) are mixed in, as a real folder has them.
* Files go to ``OUT/docs/``; ``OUT/manifest.json`` lists every file with its family and kind, the duplicate
  pairs and the re-use pairs (by file name).

Run: ``.venv/bin/python bench/gen_corpus.py OUT_DIR [--docs 10000] [--seed 6]``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus.samples import seeds  # noqa: E402
from corpus.unspin import load_table, spin  # noqa: E402

REAL = ROOT / "tests" / "data" / "real"
DUP_KINDS = ("copy", "gb18030", "edited", "reordered", "traditional", "spun")
KIND_WEIGHTS = (0.10, 0.05, 0.35, 0.20, 0.12, 0.18)
_SENTENCE = re.compile(r"[^。；！？\n]*[。；！？]|[^。；！？\n]+")
_CLAUSE = re.compile(r"[^，,：:；;。！？\n]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Plan:
    """What to generate."""

    docs: int = 10_000
    size: int = 5_000
    """Target size of a document in UTF-8 bytes."""
    families: float = 0.14
    """Share of bases that get copies."""
    reuse: float = 0.03
    """Share of documents that re-use part of a base."""
    bad: int = 5
    """Unreadable files mixed in."""
    seed: int = 6


@dataclass
class Doc:
    """One generated file."""

    name: str
    family: int
    kind: str
    text: str
    encoding: str = "utf-8"
    source: str | None = None
    """For ``reuse``: the base it quotes."""


@dataclass
class Manifest:
    """The ground truth."""

    files: list[dict[str, object]] = field(default_factory=list)
    dup_pairs: list[tuple[str, str]] = field(default_factory=list)
    reuse_pairs: list[tuple[str, str]] = field(default_factory=list)
    bad_files: list[str] = field(default_factory=list)


def source_texts() -> list[str]:
    """The texts clauses are drawn from, all in Simplified script (seed 002 converted, spun 003 left out)."""
    import opencc

    t2s = opencc.OpenCC("t2s")
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in seeds()]
    texts = [str(t2s.convert(t)) for t in texts if "设置装备摆设" not in t]
    texts += [p.read_text(encoding="utf-8") for p in sorted(REAL.glob("*/*.txt"))]
    return texts


def clause_pool(texts: list[str]) -> list[str]:
    """Distinct clauses with enough Chinese in them, in first-seen order."""
    seen: dict[str, None] = {}
    for text in texts:
        for m in _CLAUSE.finditer(text):
            s = m.group().strip(" \t\u3000|#")
            if len(_CJK.findall(s)) >= 4 and len(s) <= 120:
                seen.setdefault(s, None)
    return list(seen)


class Generator:
    """Makes documents from a sentence pool with one random generator."""

    def __init__(self, pool: list[str], plan: Plan) -> None:
        self.pool = pool
        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.table = load_table()
        self._s2t: Any = None

    def sentence(self) -> str:
        """Two to four random clauses."""
        return "，".join(self.rng.choice(self.pool) for _ in range(self.rng.randint(2, 4))) + "。"

    def base(self, number: int) -> str:
        """A title and paragraphs of random sentences, about ``plan.size`` bytes."""
        rng = self.rng
        title = self.sentence()[:30].rstrip("。；！？,，、") + f"（第{number}号）"
        paras = [title]
        size = len(title.encode("utf-8"))
        target = self.plan.size * rng.uniform(0.8, 1.2)
        k = 0
        while size < target:
            k += 1
            para = "".join(self.sentence() for _ in range(rng.randint(2, 5)))
            if rng.random() < 0.3:
                para = f"{_chinese_number(k)}、{para}"
            paras.append(para)
            size += len(para.encode("utf-8")) + 1
        return "\n".join(paras) + "\n"

    def edited(self, text: str, rate: float) -> str:
        """``text`` with about ``rate`` of its sentences changed, deleted or followed by a new one."""
        rng = self.rng
        lines = []
        for line in text.split("\n"):
            out = []
            for m in _SENTENCE.finditer(line):
                s = m.group()
                r = rng.random()
                if r < rate / 2 and len(s) > 6:
                    out.append(self._change(s))
                elif r < 3 * rate / 4:
                    continue
                elif r < rate:
                    out += [s, self.sentence()]
                else:
                    out.append(s)
            lines.append("".join(out))
        return "\n".join(lines)

    def _change(self, s: str) -> str:
        """A sentence with a few characters replaced, deleted or inserted."""
        rng = self.rng
        for _ in range(rng.randint(1, 3)):
            k = rng.randrange(max(1, len(s) - 3))
            n = rng.randint(1, 3)
            op = rng.random()
            if op < 0.4:
                s = s[:k] + self.sentence()[:n] + s[k + n :]
            elif op < 0.7:
                s = s[:k] + s[k + n :]
            else:
                s = s[:k] + self.sentence()[:n] + s[k:]
        return s

    def reordered(self, text: str) -> str:
        """Paragraphs after the title moved around, and a few edits."""
        title, *paras = text.rstrip("\n").split("\n")
        for _ in range(self.rng.randint(2, 4)):
            if len(paras) > 2:
                i = self.rng.randrange(len(paras))
                paras.insert(self.rng.randrange(len(paras)), paras.pop(i))
        return self.edited("\n".join([title, *paras]) + "\n", 0.04)

    def traditional(self, text: str) -> str:
        if self._s2t is None:
            import opencc

            self._s2t = opencc.OpenCC("s2t")
        return str(self._s2t.convert(self.edited(text, 0.03)))

    def reuse(self, source: str) -> str:
        """A new document quoting a third to a half of ``source``'s paragraphs."""
        paras = source.rstrip("\n").split("\n")[1:]
        k = max(1, round(len(paras) * self.rng.uniform(0.33, 0.5)))
        start = self.rng.randrange(len(paras) - k + 1)
        quoted = paras[start : start + k]
        own = self.base(0).rstrip("\n").split("\n")
        own_title, own_paras = own[0], own[1 : max(2, len(own) - k)]
        at = self.rng.randrange(len(own_paras) + 1)
        return "\n".join([own_title, *own_paras[:at], *quoted, *own_paras[at:]]) + "\n"

    def derived(self, kind: str, text: str) -> tuple[str, str]:
        """Text and encoding of a copy of ``kind``."""
        if kind == "copy":
            return text, "utf-8"
        if kind == "gb18030":
            return text, "gb18030"
        if kind == "edited":
            return self.edited(text, self.rng.uniform(0.04, 0.12)), "utf-8"
        if kind == "reordered":
            return self.reordered(text), "utf-8"
        if kind == "traditional":
            return self.traditional(text), "utf-8"
        if kind == "spun":
            return spin(self.edited(text, 0.03), self.table), "utf-8"
        raise ValueError(kind)

    def documents(self) -> Iterator[Doc]:
        """Every document of the corpus, families together, in generation order."""
        plan, rng = self.plan, self.rng
        n_reuse = round(plan.docs * plan.reuse)
        made = 0
        family = 0
        bases: list[tuple[str, str]] = []
        while made < plan.docs - n_reuse:
            family += 1
            text = self.base(family)
            name = f"f{family:05d}-0-base.txt"
            yield Doc(name, family, "base", text)
            bases.append((name, text))
            made += 1
            if rng.random() < plan.families:
                for k in range(1, 1 + min(rng.choice((1, 1, 2, 3)), plan.docs - n_reuse - made)):
                    kind = rng.choices(DUP_KINDS, KIND_WEIGHTS)[0]
                    copy, encoding = self.derived(kind, text)
                    yield Doc(f"f{family:05d}-{k}-{kind}.txt", family, kind, copy, encoding)
                    made += 1
        for _ in range(n_reuse):
            family += 1
            source_name, source_text = rng.choice(bases)
            yield Doc(f"f{family:05d}-0-reuse.txt", family, "reuse", self.reuse(source_text), source=source_name)


def _chinese_number(k: int) -> str:
    digits = "零一二三四五六七八九"
    if k < 10:
        return digits[k]
    if k < 20:
        return "十" + (digits[k % 10] if k % 10 else "")
    return digits[k // 10] + "十" + (digits[k % 10] if k % 10 else "")


def generate(out: Path, plan: Plan) -> Manifest:
    """Write the corpus into ``out/docs`` and its ``manifest.json`` into ``out``; return the manifest."""
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    gen = Generator(clause_pool(source_texts()), plan)
    manifest = Manifest()
    members: dict[int, list[str]] = {}
    for doc in gen.documents():
        data = doc.text.encode(doc.encoding)
        (docs / doc.name).write_bytes(data)
        manifest.files.append({"name": doc.name, "family": doc.family, "kind": doc.kind})
        if doc.kind == "reuse":
            assert doc.source is not None
            manifest.reuse_pairs.append((doc.source, doc.name))
        else:
            members.setdefault(doc.family, []).append(doc.name)
    for names in members.values():
        manifest.dup_pairs.extend(combinations(names, 2))
    for k in range(plan.bad):
        name = f"zz-bad-{k}.txt"
        (docs / name).write_bytes(bytes(gen.rng.randrange(256) for _ in range(2000)) + b"\x00" * 64)
        manifest.bad_files.append(name)
    (out / "manifest.json").write_text(
        json.dumps(
            {"plan": vars(plan), "files": manifest.files, "dup_pairs": manifest.dup_pairs,
             "reuse_pairs": manifest.reuse_pairs, "bad_files": manifest.bad_files},
            ensure_ascii=False, indent=0,
        ),
        encoding="utf-8",
    )  # fmt: skip
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (created if missing)")
    parser.add_argument("--docs", type=int, default=Plan.docs)
    parser.add_argument("--size", type=int, default=Plan.size, help="bytes per document (about)")
    parser.add_argument("--seed", type=int, default=Plan.seed)
    args = parser.parse_args(argv)
    m = generate(args.out, Plan(docs=args.docs, size=args.size, seed=args.seed))
    print(f"{len(m.files)} documents, {len(m.dup_pairs)} duplicate pairs, "
          f"{len(m.reuse_pairs)} re-use pairs, {len(m.bad_files)} bad files in {args.out}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
