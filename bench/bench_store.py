"""Benchmark of the version store (issue 3), each figure beside plain git doing comparable work.

Targets:

* add one version of a 20 KB document: ≤ 50 ms (read, normalize, compare with
  the previous version, write, move the branch). Baseline: ``git add`` +
  ``git commit`` of the same three files in an ordinary repository.
* ``log`` of a document with 1,000 versions: ≤ 0.5 s. Baseline: ``git log`` of
  the document's folder piped into ``git cat-file --batch`` reading each
  version's meta.json (the same data, read by git alone).
* ``blame`` of the latest of 100 versions of a 100,000-character law: ≤ 2 s.
  Baseline: ``git blame`` (line by line) of clauses.txt over the same history.

The 20 KB document and the law are cut from the largest real pair
(tests/data/real/10_*/a.txt, ~106k characters); versions are made by
deterministic random edits of a few clauses each (a word inserted, a clause
dropped or added). Library figures are medians of repeated calls in this
process (warm); the ``CLI`` rows include interpreter start and imports.
Run: ``.venv/bin/python bench/bench_store.py``.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus.store.blame import blame  # noqa: E402
from corpus.store.paths import FILES  # noqa: E402
from diffing.versions import open_store  # noqa: E402

REAL_LAW = ROOT / "tests" / "data" / "real" / "10_procuratorate_criminal_procedure_rules" / "a.txt"
WORDS = ("依法", "及时", "严格", "认真", "全面", "按照规定")


def law_text() -> str:
    """The ~106k-character law."""
    return REAL_LAW.read_text(encoding="utf-8")


def evolve(text: str, rng: random.Random, edits: int = 3) -> str:
    """``text`` with a few clauses edited: a word inserted, a line dropped, a line added."""
    lines = text.split("\n")
    for _ in range(edits):
        i = rng.randrange(len(lines))
        kind = rng.random()
        if kind < 0.6 and len(lines[i]) > 4:
            cut = rng.randrange(1, len(lines[i]))
            lines[i] = lines[i][:cut] + rng.choice(WORDS) + lines[i][cut:]
        elif kind < 0.8 and len(lines) > 10:
            del lines[i]
        else:
            lines.insert(i, f"新增条款{rng.randrange(10**6)}：本规定自发布之日起施行。")
    return "\n".join(lines)


def cut_bytes(text: str, size: int) -> str:
    """The longest prefix of ``text`` within ``size`` UTF-8 bytes, ended at a line break."""
    out = text.encode("utf-8")[:size].decode("utf-8", errors="ignore")
    return out[: out.rfind("\n") + 1]


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def sh(command: str, cwd: Path) -> None:
    subprocess.run(command, shell=True, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def git_env() -> dict[str, str]:
    return {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@b", "GIT_COMMITTER_NAME": "b",
            "GIT_COMMITTER_EMAIL": "b@b"}  # fmt: skip


def bench_add(tmp: Path, base: str) -> tuple[float, float, str]:
    """Median time of one add of a ~20 KB version, and of git add + commit of the same files."""
    rng = random.Random(1)
    versions = [base]
    for _ in range(30):
        versions.append(evolve(versions[-1], rng))
    store_dir = tmp / "add-store"
    times = []
    with open_store(store_dir) as store:
        store.add(versions[0].encode(), "law.txt", doc_id="law")
        store.add(versions[1].encode(), "law.txt", doc_id="law")  # warm: loads every lazy module
        for text in versions[2:]:
            start = time.perf_counter()
            store.add(text.encode(), "law.txt", doc_id="law")
            times.append(time.perf_counter() - start)
        recorded = [
            {name: store.repo.read(f"{v.commit}:docs/law/{name}") or b"" for name in FILES}
            for v in reversed(store.log("law")[:-2])
        ]
    work = tmp / "add-git"
    (work / "docs" / "law").mkdir(parents=True)
    sh("git init -q .", work)
    base_times = []
    env = git_env()
    for i, files in enumerate(recorded):
        for name, data in files.items():
            (work / "docs" / "law" / name).write_bytes(data)
        start = time.perf_counter()
        subprocess.run(["git", "add", "docs"], cwd=work, check=True, env=env)
        subprocess.run(["git", "commit", "-q", "-m", f"v{i}"], cwd=work, check=True, env=env)
        base_times.append(time.perf_counter() - start)
    size = len(versions[-1].encode())
    return statistics.median(times), statistics.median(base_times), f"{size / 1024:.1f} KB, 30 adds"


def bench_log(tmp: Path) -> tuple[float, float, float, str]:
    """Time of log over 1,000 versions (library and CLI), and of git log | git cat-file --batch."""
    store_dir = tmp / "log-store"
    rng = random.Random(2)
    text = "第一条　为了规范管理，制定本办法。\n第二条　本办法自公布之日起施行。\n"
    with open_store(store_dir) as store:
        for _ in range(1000):
            text = evolve(text, rng, edits=1)
            store.add(text.encode(), "law.txt", doc_id="law")
        library = median_time(lambda: store.log("law"), 5)
        assert len(store.log("law")) == 1000
    cli = median_time(
        lambda: subprocess.run([sys.executable, "-m", "tui.cli", "store", "--store", str(store_dir), "log", "law"],
                               cwd=ROOT, check=True, stdout=subprocess.DEVNULL),
        3,
    )
    baseline = median_time(
        lambda: sh("git log --format=%H:docs/law/meta.json main -- docs/law | git cat-file --batch", store_dir), 5
    )
    return library, cli, baseline, "1,000 versions"


def bench_blame(tmp: Path, law: str) -> tuple[float, float, float, str]:
    """Time of blame of the latest of 100 versions of the law, and of git blame of clauses.txt."""
    store_dir = tmp / "blame-store"
    rng = random.Random(3)
    text = law
    start = time.perf_counter()
    with open_store(store_dir) as store:
        for _ in range(100):
            store.add(text.encode(), "law.txt", doc_id="law")
            text = evolve(text, rng)
        build = (time.perf_counter() - start) / 100
        lines = blame(store, "law")
        library = median_time(lambda: blame(store, "law"), 3)
    oldest = sum(1 for line in lines if line.version == 1)
    baseline = median_time(lambda: sh("git blame --line-porcelain main -- docs/law/clauses.txt", store_dir), 3)
    note = f"{len(law):,} chars, {len(lines):,} clauses ({oldest:,} from v1); one add of it: {build:.2f} s"
    return library, baseline, build, note


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="wendiff-bench-store-"))
    try:
        law = law_text()
        rows = []
        add, add_git, note = bench_add(tmp, cut_bytes(law, 20 * 1024))
        rows.append(("add a 20 KB version", add, 0.05, add_git, "git add + commit", note))
        log, log_cli, log_git, note = bench_log(tmp)
        rows.append(("log (library)", log, 0.5, log_git, "git log | cat-file", note))
        rows.append(("log (CLI, with start-up)", log_cli, 0.5, log_git, "git log | cat-file", note))
        blamed, blame_git, _build, note = bench_blame(tmp, law)
        rows.append(("blame 100 versions", blamed, 2.0, blame_git, "git blame clauses.txt", note))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{'task':26} {'wendiff s':>10} {'target':>7} {'baseline s':>11}  {'baseline':22} result; notes")
    failures = 0
    for name, seconds, target, base, base_name, note in rows:
        ok = seconds <= target
        failures += not ok
        print(f"{name:26} {seconds:>10.4f} {target:>6.2f}s {base:>11.4f}  {base_name:22} "
              f"{'ok' if ok else 'OVER'}; {note}")  # fmt: skip
    print(f"\n{len(rows) - failures} of {len(rows)} within target")


if __name__ == "__main__":
    main()
