"""Benchmark of ``wendiff dups``: speed, recall and precision on a generated corpus; unspin gains.

Run: ``.venv/bin/python bench/bench_dups.py [--docs 10000] [--workers 2] [--corpus DIR]``.

Part 1 generates (bench/gen_corpus.py) a corpus of ~5 KB documents with the true
duplicate pairs known, then runs, on the same files in the same run:

* ``exact hash`` — the baseline: SHA-256 of each file's bytes, duplicates are equal digests;
* ``dups`` — the local engine with the default normalization;
* ``dups --unspin`` — the same with the unspin step (what finds spun copies).

and prints documents per second, recall and precision of the duplicate pairs
(near-duplicates: verified similarity ≥ the cluster threshold), the recall of
the re-use pairs, and the recall per kind of copy. Target: 10,000 documents in
≤ 60 s on 2 cores, recall and precision ≥ 0.98.

Part 2 measures unspin on spun copies of the seeds and real law texts (made
with the bundled table, `corpus.unspin.spin`): the whole-document similarity
of the copy to its source without and with unspin, also with a fifth of the
table's pairs held out of the unspin table (the spinner knows words the table
does not), and checks that unspin leaves the normal texts alone.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus.options import Options  # noqa: E402
from corpus.pipeline import from_text  # noqa: E402
from corpus.samples import seeds  # noqa: E402
from corpus.unspin import UnspinTable, load_table, reworded, spin  # noqa: E402
from diffing.compare import compare  # noqa: E402
from diffing.dups.engine import DupsResult, collect_inputs, duplicate_pairs, find_duplicates  # noqa: E402

REAL = ROOT / "tests" / "data" / "real"


def exact_hash(paths: list[str]) -> tuple[set[tuple[str, str]], float]:
    """Baseline: pairs of files with equal bytes, and the seconds it took."""
    started = time.perf_counter()
    by_digest: dict[str, list[str]] = {}
    for p in paths:
        with open(p, "rb") as f:
            by_digest.setdefault(hashlib.sha256(f.read()).hexdigest(), []).append(os.path.basename(p))
    pairs = {
        (min(x, y), max(x, y)) for names in by_digest.values() for i, x in enumerate(names) for y in names[i + 1 :]
    }
    return pairs, time.perf_counter() - started


def engine_pairs(result: DupsResult) -> set[tuple[str, str]]:
    names = [os.path.basename(d.name) for d in result.documents]
    return {(min(names[a], names[b]), max(names[a], names[b])) for a, b, _ in duplicate_pairs(result)}


def reuse_found(result: DupsResult) -> set[tuple[str, str]]:
    names = [os.path.basename(d.name) for d in result.documents]
    return {(min(names[p.a], names[p.b]), max(names[p.a], names[p.b])) for p in result.pairs if p.reuse}


def part1(args: argparse.Namespace) -> None:
    from gen_corpus import Plan, generate

    if not args.corpus:
        with tempfile.TemporaryDirectory(prefix="wendiff-dups-") as tmp:
            args.corpus = tmp
            part1(args)
        return
    folder = Path(args.corpus)
    if not (folder / "manifest.json").exists():
        t = time.perf_counter()
        generate(folder, Plan(docs=args.docs))
        print(f"generated {args.docs} documents in {folder} ({time.perf_counter() - t:.1f} s)")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    kind = {f["name"]: f["kind"] for f in manifest["files"]}
    truth = {(min(a, b), max(a, b)) for a, b in manifest["dup_pairs"]}
    reuse_truth = {(min(a, b), max(a, b)) for a, b in manifest["reuse_pairs"]}
    inputs = collect_inputs([str(folder / "docs")])
    paths = [i.path for i in inputs if i.path]
    load = os.getloadavg()[0]
    print(f"corpus: {len(paths)} files ({len(manifest['bad_files'])} unreadable), {len(truth)} duplicate pairs, "
          f"{len(reuse_truth)} re-use pairs; load average {load:.1f} on {os.cpu_count()} CPUs\n")  # fmt: skip

    rows: list[tuple[str, int, float, set[tuple[str, str]], set[tuple[str, str]]]] = []
    found, seconds = exact_hash(paths)
    rows.append(("exact hash (baseline)", len(paths), seconds, found, set()))
    per_kind: dict[str, Counter[str]] = {}
    for label, options in (("dups", Options()), ("dups --unspin", Options(unspin=True))):
        started = time.perf_counter()
        result = find_duplicates(inputs, options, workers=args.workers)
        seconds = time.perf_counter() - started
        found = engine_pairs(result)
        rows.append((label, len(paths), seconds, found, reuse_found(result)))
        counts: Counter[str] = Counter()
        for a, b in truth:
            k = kind[b] if kind[a] == "base" else kind[a] if kind[b] == "base" else "copy of copy"
            counts[k + " total"] += 1
            counts[k] += (a, b) in found
        per_kind[label] = counts
        s = result.stats
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{label}: read {s.read_seconds:.1f} s, compare {s.compare_seconds:.1f} s; {s.candidates} LSH "
              f"candidates, {s.compared} compared, {s.exact} exact copies, {len(result.skipped)} skipped; "
              f"peak memory of the main process {peak:.0f} MB")  # fmt: skip

    print(f"\n{'run':<24}{'docs':>7}{'seconds':>9}{'docs/s':>9}{'recall':>8}{'precision':>11}{'re-use':>8}")
    for label, n, seconds, found, reuse in rows:
        tp = len(found & truth)
        recall = tp / len(truth) if truth else 1.0
        precision = tp / len(found) if found else 1.0
        reuse_recall = len(reuse & reuse_truth) / len(reuse_truth) if reuse_truth else 1.0
        rate = n / seconds
        print(f"{label:<24}{n:>7}{seconds:>9.1f}{rate:>9.0f}{recall:>8.3f}{precision:>11.3f}{reuse_recall:>8.3f}")

    kinds = sorted({k[:-6] for c in per_kind.values() for k in c if k.endswith(" total")})
    print(f"\nrecall by kind of copy{'':<6}" + "".join(f"{label:>16}" for label in per_kind))
    for k in kinds:
        cells = "".join(f"{c[k] / c[k + ' total']:>16.3f}" for c in per_kind.values())
        print(f"  {k:<26}{cells}   ({per_kind['dups'][k + ' total']} pairs)")


def part2() -> None:
    table = load_table()
    rng = random.Random(6)
    held = UnspinTable(
        {s: c for s, c in table.items() if rng.random() >= 0.2}, table.markers
    )  # a fifth of the pairs unknown to unspin
    texts = {p.name[:3]: p.read_text(encoding="utf-8", errors="replace") for p in seeds()}
    texts.pop("003")  # already spun: it has no source to compare with
    for folder in sorted(d for d in REAL.iterdir() if d.name[:2] in ("01", "03", "04", "06")):
        texts[f"{folder.name[:2]} a"] = (folder / "a.txt").read_text(encoding="utf-8")
    plain, un = Options(), Options(unspin=True)
    print(f"\n{'spun copy of':<16}{'chars':>7}{'without':>9}{'unspin':>8}{'held out':>10}")
    rises = []
    for name, text in texts.items():
        spun = spin(text, table)
        without = compare(from_text(text, options=plain), from_text(spun, options=plain)).summary.similarity
        with_ = compare(from_text(text, options=un), from_text(spun, options=un)).summary.similarity
        a, b = (held_text(t, held) for t in (text, spun))
        partial = compare(from_text(a, options=plain), from_text(b, options=plain)).summary.similarity
        rises.append(with_ - without)
        print(f"{name:<16}{len(text):>7}{without:>9.3f}{with_:>8.3f}{partial:>10.3f}")
    print(f"similarity rises by {sum(rises) / len(rises):.3f} on average with unspin")

    print(f"\n{'normal text':<40}{'chars':>8}{'looks spun':>12}{'changed':>9}")
    normal = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in seeds() if "003" not in p.name}
    normal.update({f"{d.name}/{s}": (d / f"{s}.txt").read_text(encoding="utf-8")
                   for d in sorted(REAL.iterdir()) if d.is_dir() for s in ("a", "b")})  # fmt: skip
    for name, text in normal.items():
        subs = reworded(text, table)
        print(f"{name[:40]:<40}{len(text):>8}{'yes' if subs else 'no':>12}{len(subs):>9}")


def held_text(text: str, table: UnspinTable) -> str:
    """``text`` after the unspin step with ``table`` (the bundled one minus held-out pairs)."""
    from corpus.unspin import unspin

    return unspin(text, table).text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus", help="folder of a corpus made by gen_corpus.py (made there if missing)")
    parser.add_argument("--skip-corpus", action="store_true", help="only part 2 (unspin)")
    args = parser.parse_args()
    if not args.skip_corpus:
        part1(args)
    part2()
    return 0


if __name__ == "__main__":
    sys.exit(main())
