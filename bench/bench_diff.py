"""Benchmark of `wendiff diff` end to end: the command line, ``--format json``, in a cold process.

Targets (issue 10): a generated 1 MB pair with moves and edits ≤ 1 s and ≤ 300 MB;
the largest real pair (10, ~106k characters a side) ≤ 0.5 s; seed pairs ≤ 0.2 s.
Baseline in the same run: ``git diff --no-index --word-diff=porcelain
--word-diff-regex=.`` on the same files (a character-level word diff, the closest
thing git has); the ratio wendiff/git is printed (aim: ≤ 6×).

Each case runs the command as a user runs it, ``python -m tui.cli diff A B
--format json -o FILE``, in a fresh interpreter (times include interpreter start
and imports, from compiled bytecode as an installed wheel has it: both code trees
are byte-compiled first and ``PYTHONDONTWRITEBYTECODE`` is not passed on),
timed by a small parent process that then reads the report for the notes (the
reading is not timed),
``--repeat`` times (default ``REPEAT``), interleaved with the baseline's runs so
that both see the same machine; the best and the median wall time are shown, as
other work on a shared machine only ever adds time. The CPU column (user +
system seconds of the process and its children: the word helper, the inline
child, best of the runs) is the figure to compare when other work shares the
machine: it counts this work only. Peak memory is the largest ru_maxrss of the
command's processes (wendiff's, or one of its children's: all are reaped before
it exits). Run: ``.venv/bin/python bench/bench_diff.py``.

``--baseline REV`` adds a column: the same case run by the code of commit REV
(checked out in a temporary worktree, same interpreter and packages), so that a
change's cost is measured in the same run (issue 18: pair 10 no slower than
before articles became units of the alignment: ``--baseline 693b3da``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from gen_pair import REAL, seeds_pair, write_pair  # noqa: E402

REPEAT = 3
CASE = r"""
import json, resource, subprocess, sys, time
command = [sys.executable, "-m", "tui.cli", "diff", sys.argv[1], sys.argv[2], "--format", "json", "-o", sys.argv[3]]
t0 = time.perf_counter()
status = subprocess.run(command, check=False).returncode
wall = time.perf_counter() - t0
usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its children, all reaped
report = json.load(open(sys.argv[3], encoding="utf-8"))
s = report["summary"]
note = f"exit {status}, {len(report['rows'])} rows, {s['changes']} changes, similarity {s['similarity']}"
print(json.dumps({
    "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024, "note": note,
}))
"""


def installed_environment(code: Path) -> dict[str, str]:
    """The child's environment: ``code`` first on the path, its modules byte-compiled as an install has them."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", *(str(code / part) for part in ("corpus", "diffing", "tui"))],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(code)}


def _once(a: Path, b: Path, out: Path, code: Path, env: dict[str, str]) -> tuple[float, float, dict[str, object]]:
    """One cold run of the command, timed by a small parent process (`CASE`) that starts it and then reads its
    report for the notes: wall seconds, CPU seconds (the command and its children) and the run's notes."""
    done = subprocess.run(
        [sys.executable, "-c", CASE, str(a), str(b), str(out)],
        capture_output=True, text=True, check=False, cwd=code, env=env,
    )  # fmt: skip
    if done.returncode != 0 or not done.stdout.strip():
        return float("inf"), float("inf"), {"peak_mb": 0.0, "note": f"failed: {done.stderr.strip()[-200:]}"}
    said = json.loads(done.stdout.splitlines()[-1])
    return float(said.pop("wall")), float(said.pop("cpu")), said


def wendiff(
    a: Path, b: Path, out: Path, codes: list[Path], repeat: int = REPEAT
) -> list[tuple[float, float, float, dict[str, object]]]:
    """For each code tree, runs interleaved with the others: (best wall, median wall, best CPU, notes)."""
    envs = [installed_environment(code) for code in codes]
    runs: list[list[tuple[float, float, dict[str, object]]]] = [[] for _ in codes]
    for _ in range(repeat):
        for k, code in enumerate(codes):
            runs[k].append(_once(a, b, out, code, envs[k]))
    return [
        (min(r[0] for r in rs), statistics.median(r[0] for r in rs), min(r[1] for r in rs), rs[-1][2]) for rs in runs
    ]


def best(a: Path, b: Path, out: Path, repeat: int = REPEAT) -> tuple[float, dict[str, object]]:
    """The current code's best wall seconds over ``repeat`` runs and its notes (for the other benchmarks)."""
    seconds, _, _, info = wendiff(a, b, out, [HERE.parent], repeat)[0]
    return seconds, info


def git_word_diff(a: Path, b: Path) -> float:
    best = float("inf")
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        subprocess.run(
            ["git", "diff", "--no-index", "--word-diff=porcelain", "--word-diff-regex=.", str(a), str(b)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
        )  # fmt: skip
        best = min(best, time.perf_counter() - t0)
    return best


def _baseline(rev: str, tmp: Path) -> Path:
    """A worktree of commit ``rev`` (removed again at exit by `main`)."""
    where = tmp / "baseline"
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(where), rev], cwd=HERE.parent, check=True)
    return where


def main() -> None:
    from corpus.samples import seed

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--baseline", metavar="REV", help="also time the code of commit REV")
    parser.add_argument("--repeat", type=int, default=REPEAT, metavar="N", help=f"runs per case (default {REPEAT})")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="wendiff-bench-"))
    base = _baseline(args.baseline, tmp) if args.baseline else None
    try:
        _run(tmp, seed, base, max(1, args.repeat))
    finally:
        if base is not None:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=HERE.parent, check=False)


def _run(tmp: Path, seed: Callable[[str], Path], base: Path | None, repeat: int) -> None:
    text = seed("000").read_text(encoding="utf-8")
    cut = text.index(text.split("\n", 1)[0], 10)
    (tmp / "copy1.txt").write_text(text[:cut], encoding="utf-8")
    (tmp / "copy2.txt").write_text(text[cut:], encoding="utf-8")
    big_a, big_b = write_pair(tmp / "1mb")
    seeds_a, seeds_b = seeds_pair(tmp / "seeds")
    pair10 = REAL / "10_procuratorate_criminal_procedure_rules"
    cases = [
        ("seed 000 copy 1 vs copy 2", tmp / "copy1.txt", tmp / "copy2.txt", 0.2, None),
        ("seed 000 vs 001", seed("000"), seed("001"), 0.2, None),
        ("seed 002 vs 003", seed("002"), seed("003"), 0.2, None),
        ("real 06 company law", REAL / "06_company_law" / "a.txt", REAL / "06_company_law" / "b.txt", 0.5, None),
        ("real 10 (largest)", pair10 / "a.txt", pair10 / "b.txt", 0.5, 300),
        ("generated 1 MB pair, moves", big_a, big_b, 1.0, 300),
        ("seeds 1.4 MB, drops+moves", seeds_a, seeds_b, 1.5, 300),
    ]  # fmt: skip
    print(
        f"{'case':28} {'wendiff s':>9} {'median':>7} {'CPU s':>6} {'peak MB':>8} {'target':>7} {'git s':>7} "
        f"{'×git':>6}  notes"
    )
    failures = 0
    codes = [HERE.parent] if base is None else [HERE.parent, base]
    for name, a, b, target, mem in cases:
        measured = wendiff(a, b, tmp / "report.json", codes, repeat)
        seconds, median, cpu, info = measured[0]
        if base is not None:
            before, before_median, before_cpu, _ = measured[1]
            info["note"] = (
                f"{info['note']}; baseline {before:.3f} s, median {before_median:.3f} s, CPU {before_cpu:.3f} s"
            )
        git = git_word_diff(a, b)
        ok = seconds <= target and (mem is None or float(info["peak_mb"]) <= mem)  # type: ignore[arg-type]
        failures += not ok
        print(
            f"{name:28} {seconds:>9.3f} {median:>7.3f} {cpu:>6.3f} {info['peak_mb']:>8.0f} {target:>6.1f}s {git:>7.3f} "
            f"{seconds / git:>5.1f}×  "
            f"{'ok' if ok else 'OVER'}; {info['note']}"
        )
    print(f"\n{len(cases) - failures} of {len(cases)} cases within target")
    print(f"(cold processes, best and median of {repeat}, interleaved with the baseline; CPU = user + system time")
    print(" of wendiff and its children (word helper, inline child), the figure to compare on a busy machine;")
    print(" git = git diff --no-index --word-diff=porcelain --word-diff-regex=.)")


if __name__ == "__main__":
    main()
