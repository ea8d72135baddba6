"""Benchmark of lineages (issue 20): a generated law of 1,000 articles at 7 versions, and the largest
real chain when the benchmark data is beside the checkout.

Targets: the lineage of one article across the 7 versions ≤ 0.5 s warm (the article maps cached in the
store); the whole-law annotated text ≤ 3 s cold (no cache).

The generated law has 1,000 articles in 20 chapters, each article a distinct sentence; each new version
inserts 15 articles, deletes 10, rewords 30, merges 2 pairs and splits 2 articles (so most articles are
renumbered at every version). Figures: ``cold`` computes every map (and writes the cache), ``warm``
reads them from the cache; each is one run in a fresh `History` (texts read again), median of 3.
Run: ``.venv/bin/python bench/bench_lineage.py``.
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus.markers import to_chinese
from corpus.store import cache as store_cache
from diffing.history import history
from diffing.lineage import find
from diffing.reports.annotate import annotate_blocks
from diffing.reports.blocks import render
from diffing.reports.lineage import lineage_blocks
from diffing.versions import open_store

WORDS = [
    "国家", "建立", "健全", "制度", "管理", "部门", "应当", "依法", "监督", "检查",
    "单位", "个人", "责任", "规定", "组织", "实施", "保障", "安全", "生产", "经营",
]  # fmt: skip
CHAINS = Path(__file__).resolve().parents[1] / "tests" / "data" / "chains"
"""The real chains kept in the repository (tests/data/chains/README.md)."""


def _sentence(rng: random.Random) -> str:
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30))) + "。"


def generated_chain(articles: int = 1000, versions: int = 7, seed: int = 20) -> list[str]:
    """The texts of a generated law at ``versions`` versions (module docstring)."""
    rng = random.Random(seed)
    bodies = [_sentence(rng) + _sentence(rng) for _ in range(articles)]
    out = []
    for _v in range(versions):
        lines = ["中华人民共和国测试法", ""]
        per = max(1, len(bodies) // 20)
        for k, body in enumerate(bodies):
            if k % per == 0 and k // per < 20:
                lines += [f"第{to_chinese(k // per + 1)}章　第{k // per + 1}部分", ""]
            lines += [f"第{to_chinese(k + 1)}条　{body}", ""]
        out.append("\n".join(lines))
        for _ in range(15):
            bodies.insert(rng.randrange(len(bodies)), _sentence(rng) + _sentence(rng))
        for _ in range(10):
            del bodies[rng.randrange(len(bodies))]
        for _ in range(30):
            k = rng.randrange(len(bodies))
            bodies[k] = bodies[k][:-1] + "，" + rng.choice(WORDS) + "除外。"
        for _ in range(2):
            k = rng.randrange(len(bodies) - 1)
            bodies[k : k + 2] = [bodies[k] + bodies[k + 1]]
        for _ in range(2):
            k = rng.randrange(len(bodies))
            half = bodies[k].index("。") + 1
            bodies[k : k + 1] = [bodies[k][:half], bodies[k][half:]]
    return out


def _median(fn: Callable[[], object], times: int = 3) -> float:
    runs = []
    for _ in range(times):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def measure(name: str, texts: list[str], article: str) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        with open_store(folder / "store") as store:
            for k, text in enumerate(texts, start=1):
                store.add(text.encode("utf-8"), f"v{k}.txt", doc_id="law")

            def cold_annotate() -> None:
                shutil.rmtree(store.path / store_cache.CACHE_DIR, ignore_errors=True)
                hist = history(store, "law")
                n = len(hist.versions)
                render("law", annotate_blocks(hist.text, hist.dates, hist.lineages, n), "html")

            def warm_lineage() -> None:
                hist = history(store, "law")
                lin = find(hist.lineages, len(hist.versions), article)
                render("law", lineage_blocks(hist.text, hist.dates, hist.lineages, [lin]), "text")

            def warm_annotate() -> None:
                hist = history(store, "law")
                render("law", annotate_blocks(hist.text, hist.dates, hist.lineages, len(hist.versions)), "html")

            cold = _median(cold_annotate)
            warm = _median(warm_lineage)
            warm_all = _median(warm_annotate)
        size = sum(len(t) for t in texts) // len(texts)
        print(f"{name}: {len(texts)} versions, ~{size:,} characters each")
        print(f"  annotate, whole law, cold (maps computed):   {cold:6.2f} s   (target ≤ 3 s)")
        print(f"  lineage of {article}, warm (maps cached):    {warm:6.2f} s   (target ≤ 0.5 s)")
        print(f"  annotate, whole law, warm:                    {warm_all:6.2f} s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    measure("generated law, 1,000 articles", generated_chain(), "第五百条")
    largest = max(CHAINS.glob("*/v1.txt"), key=lambda p: sum(f.stat().st_size for f in p.parent.glob("v*.txt")),
                  default=None)  # fmt: skip
    if largest is not None:
        files = sorted(largest.parent.glob("v*.txt"), key=lambda p: int(p.stem[1:]))
        measure(f"real chain {largest.parent.name}", [f.read_text(encoding="utf-8") for f in files], "第二十条")
    else:
        print(f"(no real chains at {CHAINS}: the real figure is left out)")
