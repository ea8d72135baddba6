"""Benchmark of start-up: how long a cold ``wendiff`` process takes, from exec to exit.

Targets (the "instant start" issue): ``wendiff --help`` within 0.15 s;
``wendiff diff`` of two seeds (000 and 001, the diff work included) within
0.2 s. Baseline in the same run: ``python -c pass`` in the same environment.
For reference, not targets: ``--version``, the same diff by character
(``--inline char``, which never loads rjieba's dictionary) and as JSON (no rich),
and ``import rjieba`` alone. The word-level diff loads rjieba in a helper
process beside the reading (`diffing.words`), so ``import rjieba`` is no longer
on its path as a whole: two cores are used for a while.

Each command runs as its own process, as a user runs it; the figure checked is
the best of the runs (hyperfine's minimum when hyperfine is installed, else the
best of as many runs timed here), with the mean beside it. Warm-up runs come
first, so the page cache and the ``__pycache__`` files are warm, as on any run
after the first; ``PYTHONDONTWRITEBYTECODE`` is unset for the measured processes
(with it, every run compiles wendiff's modules again). Run:
``.venv/bin/python bench/bench_startup.py [RUNS]``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

RUNS = 20
WARMUP = 3


def wendiff() -> list[str]:
    """The installed ``wendiff`` script beside this Python, else the module."""
    script = Path(sys.executable).parent / "wendiff"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui.cli"]


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def with_hyperfine(commands: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """(best, mean) seconds of each command, measured by hyperfine."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "times.json"
        done = subprocess.run(
            ["hyperfine", "--shell=none", "--ignore-failure", "--style", "none", "--warmup", str(WARMUP),
             "--runs", str(runs), "--export-json", str(out), *(subprocess.list2cmdline(c) for c in commands)],
            cwd=ROOT, env=environment(), capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:  # its warnings (wendiff diff exits 1: "different") are left out otherwise
            raise SystemExit(f"hyperfine failed:\n{done.stderr}")
        results = json.loads(out.read_text(encoding="utf-8"))["results"]
    return [(float(r["min"]), float(r["mean"])) for r in results]


def with_subprocess(commands: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """(best, mean) seconds of each command, timed around ``subprocess.run``."""
    times = []
    for command in commands:
        seconds = []
        for i in range(WARMUP + runs):
            t0 = time.perf_counter()
            subprocess.run(command, cwd=ROOT, env=environment(), stdout=subprocess.DEVNULL, check=False)
            if i >= WARMUP:
                seconds.append(time.perf_counter() - t0)
        times.append((min(seconds), sum(seconds) / len(seconds)))
    return times


def main() -> None:
    from corpus.samples import seed

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    w = wendiff()
    a, b = str(seed("000").relative_to(ROOT)), str(seed("001").relative_to(ROOT))
    cases: list[tuple[str, list[str], float | None]] = [
        ("python -c pass (baseline)", [sys.executable, "-c", "pass"], None),
        ("wendiff --help", [*w, "--help"], 0.15),
        ("wendiff --version", [*w, "--version"], None),
        ("wendiff diff seed 000 001", [*w, "diff", a, b], 0.2),
        ("  same, --inline char", [*w, "diff", a, b, "--inline", "char"], None),
        ("  same, -f json", [*w, "diff", a, b, "-f", "json"], None),
        ("python -c 'import rjieba'", [sys.executable, "-c", "import rjieba"], None),
    ]
    tool = "hyperfine" if shutil.which("hyperfine") else "subprocess"
    measure = with_hyperfine if tool == "hyperfine" else with_subprocess
    times = measure([command for _, command, _ in cases], runs)
    print(f"{'command':30} {'best s':>7} {'mean s':>7} {'target':>7}  result")
    failures = 0
    for (name, _, target), (best, mean) in zip(cases, times, strict=True):
        verdict = "" if target is None else ("ok" if best <= target else "OVER")
        failures += verdict == "OVER"
        shown = f"{target:>6.2f}s" if target is not None else f"{'':>7}"
        print(f"{name:30} {best:>7.3f} {mean:>7.3f} {shown}  {verdict}")
    checked = sum(target is not None for _, _, target in cases)
    print(f"\n{checked - failures} of {checked} commands within target")
    print(f"(cold processes, {runs} runs each after {WARMUP} warm-up runs, timed with {tool}; best = fastest run;")
    print(" 'import rjieba' is the word segmenter's dictionary, which a diff by word loads once per process)")


if __name__ == "__main__":
    main()
