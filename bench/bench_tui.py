"""Benchmark of the compare view on a 1 MB pair, headless: first screen and page down.

Targets (issue 4): a 1 MB pair shows its first screen within 1 s after the diff
is done, and pages down in at most 50 ms.

The pair is every real law pair of tests/data/real, concatenated: A is
all the older versions (about 1.2 MB of UTF-8), B all the newer ones (about
1.3 MB), so the changes are real amendments (renumbered articles, rewording,
inserted and dropped articles).

What is timed, in an app run headless at 160x48 (side by side) and 80x24
(unified), from handing the content to the widget until every queued message
is handled and the screen is laid out and painted (what Textual's loop does
after an event):

* the line-API `DiffView`: ``set_diff`` with the view's measurements prepared
  as the app's compare worker prepares them (`tui.jobs.prepare_view`), heights
  of every row at this width, lines built only for the screen, paint;
* the baseline: the same lines (every line of the same layout, styled the
  same) as one rich Text in a plain `Static` inside a `VerticalScroll`.

Then 20 page-downs on each (mean, 95th percentile, worst). The line view is
also timed through Pilot (``press`` + ``pause``), whose idle detection adds a
fixed wait to every figure; that wait is measured and printed.

Launch (issue 21), first: pair 10 of tests/data/real (a 100 k-character rule
book) from starting ``wendiff``'s app in a new process until its Compare screen
is full at 160x48 (the diff shown and painted), beside the time of
``wendiff diff --format json`` of the same pair in a new process, each the
median of five runs in the same bench run (interleaved); then 30 page-downs in that app
(p95). Both run from byte-compiled modules, as an install has them
(`bench_diff.installed_environment`: where ``PYTHONDONTWRITEBYTECODE`` is
set, every run would otherwise compile corpus/, diffing/ and tui/ anew).
Targets: the full screen <= 1.0 s and <= 1.3x the JSON baseline;
page down <= 50 ms p95.

Run: ``.venv/bin/python bench/bench_tui.py [--quick] [--launch-only]`` (``--quick``: 5,000 lines of
the pair for the baseline instead of all of them).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


LAUNCH_PAGES = 30


async def painted(pilot: Any) -> None:
    """Return once every queued message is handled and the screen is laid out and painted.

    This is what Textual's loop does after an event (the screen's update timer),
    without Pilot's idle detection, which waits for the CPU to look idle.
    """
    await pilot._wait_for_screen()
    pilot.app.screen._on_timer_update()


def _cpu() -> float:
    """CPU seconds of this process and of its children already waited for (the app's head start)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def launched_child(a: str, b: str) -> None:
    """In a new process, started as ``wendiff tui A B`` starts (the collector's thresholds, the head start
    forked before Textual is imported): the app on Compare of ``a`` and ``b`` at 160x48. Prints the
    wall-clock time and the CPU time when its screen is full, then the page-down times."""
    from tui import collector
    from tui.cmd_app import head_start
    from tui.sides import CompareRequest, FileSide

    collector.for_work()
    request = CompareRequest(FileSide(a), FileSide(b))
    head_start(request, 160)
    asyncio.run(_launched_app(request))


async def _launched_app(request: Any) -> None:
    from tui.app import make_app
    from tui.screens.compare import CompareScreen

    app = make_app(compare=request, library=False)
    async with app.run_test(size=(160, 48)) as pilot:
        while not (isinstance(app.screen, CompareScreen) and app.screen.diff is not None):
            await asyncio.sleep(0.005)
        await painted(pilot)
        print(json.dumps({"full": time.time(), "cpu": _cpu()}), flush=True)
        screen = app.screen
        pages, cpu = [], []
        for _ in range(LAUNCH_PAGES):
            started, used = time.perf_counter(), time.process_time()
            await app.run_action("page(1)", screen.view)
            await painted(pilot)
            pages.append(time.perf_counter() - started)
            cpu.append(time.process_time() - used)
        print(json.dumps({"pages": pages, "pages_cpu": cpu}), flush=True)


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    launched_child(sys.argv[2], sys.argv[3])
    sys.exit(0)

from rich.text import Text  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.containers import VerticalScroll  # noqa: E402
from textual.widgets import Static  # noqa: E402

from corpus.pipeline import from_text  # noqa: E402
from diffing.compare import compare  # noqa: E402
from diffing.model import Diff  # noqa: E402
from tui.jobs import prepare_view  # noqa: E402
from tui.view_lines import Columns, Layout, Measure, build_entries  # noqa: E402
from tui.widgets.diff_view import DiffView  # noqa: E402

REAL = ROOT / "tests" / "data" / "real"
THEME = ROOT / "tui" / "theme.tcss"
PAGES = 20


def big_pair() -> tuple[str, str]:
    """All older versions, and all newer versions, of the real pairs, in order."""
    pairs = sorted(p for p in REAL.iterdir() if p.is_dir())
    a = "\n\n".join((p / "a.txt").read_text(encoding="utf-8") for p in pairs)
    b = "\n\n".join((p / "b.txt").read_text(encoding="utf-8") for p in pairs)
    return a, b


class LineApp(App[None]):
    CSS_PATH = THEME

    def compose(self) -> ComposeResult:
        yield DiffView()


class StaticApp(App[None]):
    CSS_PATH = THEME

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="scroll"):
            yield Static(id="static")

    def on_mount(self) -> None:
        self.query_one("#scroll").focus()


def all_lines(diff: Diff, width: int, view: DiffView, limit: int | None) -> Text:
    """Every line of the view's layout at ``width`` as one styled Text (the baseline's content)."""
    layout = Layout(diff, build_entries(diff), Columns.fit(width), Measure(diff))
    out = Text(no_wrap=True, overflow="crop")
    for y in range(layout.height if limit is None else min(limit, layout.height)):
        for text, tag in layout.line(y)[1]:
            out.append(text, view._style(tag))
        out.append("\n")
    return out


@dataclass
class Figures:
    """Times of one view at one size, in seconds."""

    lines: int
    first: float
    """From handing over the content to the first screen painted."""
    pages: list[float]
    """Each page down, from the action to the screen painted."""


async def time_view(
    app: App[None], size: tuple[int, int], load: Callable[[App[None]], int], page: tuple[str, str], pilot_mode: bool
) -> Figures:
    """Hand ``app`` its content (``load`` returns the number of lines), then page down ``PAGES`` times."""
    action, target = page
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        lines = load(app)
        await (pilot.pause() if pilot_mode else painted(pilot))
        first = time.perf_counter() - started
        pages = []
        for _ in range(PAGES):
            started = time.perf_counter()
            if pilot_mode:
                await pilot.press("pagedown")
                await pilot.pause()
            else:
                await app.run_action(action, app.query_one(target))
                await painted(pilot)
            pages.append(time.perf_counter() - started)
        return Figures(lines, first, pages)


async def pilot_floor(size: tuple[int, int]) -> float:
    """Pilot's round trip for a key bound to nothing: what Pilot adds to every figure taken through it."""
    app = LineApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        times = []
        for _ in range(5):
            started = time.perf_counter()
            await pilot.press("z")
            await pilot.pause()
            times.append(time.perf_counter() - started)
        return statistics.median(times)


def line_view(diff: Diff) -> Callable[[App[None]], int]:
    measure = prepare_view(diff)

    def load(app: App[None]) -> int:
        view = app.query_one(DiffView)
        view.focus()
        view.set_diff(diff, measure=measure)
        assert view.layout_ is not None
        return view.layout_.height

    return load


async def static_view(diff: Diff, size: tuple[int, int], limit: int | None) -> Callable[[App[None]], int]:
    style_source = LineApp()
    async with style_source.run_test(size=size) as pilot:
        await pilot.pause()
        content = all_lines(diff, size[0] - 2, style_source.query_one(DiffView), limit)

    def load(app: App[None]) -> int:
        app.query_one("#static", Static).update(content)
        return len(content.plain.splitlines())

    return load


def _row(size: tuple[int, int], name: str, f: Figures, verdict: str = "") -> str:
    pages = sorted(f.pages)
    p95 = pages[int(0.95 * (len(pages) - 1))]
    return (
        f"{size[0]}x{size[1]:<4} {name:<34} {f.lines:>7,} {_ms(f.first):>10} {_ms(statistics.mean(pages)):>9} "
        f"{_ms(p95):>8} {_ms(pages[-1]):>8}  {verdict}"
    )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


async def main(quick: bool) -> None:
    a_text, b_text = big_pair()
    started = time.perf_counter()
    a, b = from_text(a_text, "all older versions"), from_text(b_text, "all newer versions")
    load = time.perf_counter() - started
    started = time.perf_counter()
    diff = compare(a, b)
    diffing = time.perf_counter() - started
    started = time.perf_counter()
    Measure(diff).prepare()
    preparing = time.perf_counter() - started
    print(f"pair: A {len(a_text.encode()):,} bytes, B {len(b_text.encode()):,} bytes; {len(diff.rows):,} rows, "
          f"{diff.summary.changes:,} changes")  # fmt: skip
    print(f"in the app's worker, before the view gets the diff: normalize {_ms(load)}, compare {_ms(diffing)}, "
          f"prepare the view's texts {_ms(preparing)}")  # fmt: skip
    print()
    header = f"{'size':>7}  {'view':<34} {'lines':>7} {'first':>10} {'page mean':>9} {'p95':>8} {'worst':>8}"
    print(header)
    print("-" * len(header))
    limit = 5000 if quick else None
    floors = []
    for size in ((160, 48), (80, 24)):
        line = await time_view(LineApp(), size, line_view(diff), ("page(1)", "DiffView"), pilot_mode=False)
        p95 = sorted(line.pages)[int(0.95 * (PAGES - 1))]
        verdict = "ok" if line.first <= 1.0 and p95 <= 0.05 else "OVER TARGET"
        print(_row(size, "line API (DiffView)", line, verdict))
        through = await time_view(LineApp(), size, line_view(diff), ("", ""), pilot_mode=True)
        print(_row(size, "  same, through Pilot", through))
        baseline = await static_view(diff, size, limit)
        static = await time_view(StaticApp(), size, baseline, ("page_down", "#scroll"), pilot_mode=False)
        print(_row(size, "baseline: the lines in one Static", static))
        floors.append(await pilot_floor(size))
    print()
    print("first: content handed over -> first screen painted; page: page down -> screen painted.")
    print(f"Through Pilot, each figure also holds Pilot's idle detection: a key bound to nothing takes "
          f"{_ms(statistics.mean(floors))}.")  # fmt: skip
    print("Targets: first screen <= 1,000 ms after the diff is done; page down <= 50 ms (p95).")


PAIR10 = REAL / "10_procuratorate_criminal_procedure_rules"
RUNS = 5


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def launch() -> bool:
    """Pair 10: the app's full first screen and page-down, beside ``wendiff diff --format json``; within target?"""
    import bench_diff

    a, b = str(PAIR10 / "a.txt"), str(PAIR10 / "b.txt")
    wendiff = str(Path(sys.executable).with_name("wendiff"))
    env = bench_diff.installed_environment(ROOT)
    json_runs, app_runs, json_cpu, app_cpu, pages, pages_cpu = [], [], [], [], [], []
    for _ in range(RUNS):
        started, used = time.time(), _children_cpu()
        subprocess.run([wendiff, "diff", "--format", "json", a, b], stdout=subprocess.DEVNULL, check=False, env=env)
        json_runs.append(time.time() - started)
        json_cpu.append(_children_cpu() - used)
        started = time.time()
        child = subprocess.run(
            [sys.executable, __file__, "--child", a, b], capture_output=True, text=True, check=True, env=env
        )
        said = [json.loads(line) for line in child.stdout.splitlines() if line.startswith("{")]
        app_runs.append(said[0]["full"] - started)
        app_cpu.append(said[0]["cpu"])
        pages += said[1]["pages"]
        pages_cpu += said[1]["pages_cpu"]
    json_s, app_s = statistics.median(json_runs), statistics.median(app_runs)
    p95 = sorted(pages)[int(0.95 * (len(pages) - 1))]
    ratio = app_s / json_s
    ok = bool(app_s <= 1.0 and ratio <= 1.3 and p95 <= 0.05)
    print(f"pair 10 ({PAIR10.name}), {RUNS} runs each, medians, new processes; load average "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())} at the end:")  # fmt: skip
    print(f"  wendiff diff --format json         {_ms(json_s):>9}   ({', '.join(_ms(t) for t in json_runs)})"
          f"   CPU {_ms(statistics.median(json_cpu))}")  # fmt: skip
    print(f"  app, launch -> full Compare 160x48 {_ms(app_s):>9}   ({', '.join(_ms(t) for t in app_runs)})"
          f"   CPU {_ms(statistics.median(app_cpu))} (both processes)   = {ratio:.2f}x the JSON baseline"
          f" (CPU {statistics.median(app_cpu) / statistics.median(json_cpu):.2f}x)")  # fmt: skip
    cpu95 = sorted(pages_cpu)[int(0.95 * (len(pages_cpu) - 1))]
    print(f"  page down at 160x48 ({len(pages)} pages): median {_ms(statistics.median(pages))}, p95 {_ms(p95)}, "
          f"worst {_ms(max(pages))}; CPU median {_ms(statistics.median(pages_cpu))}, p95 {_ms(cpu95)}, "
          f"worst {_ms(max(pages_cpu))}")  # fmt: skip
    verdict = "ok" if ok else "OVER TARGET"
    print(f"  targets: full screen <= 1,000 ms and <= 1.3x JSON; page down <= 50 ms p95: {verdict}")
    print()
    return ok


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="baseline on 5,000 lines only")
    parser.add_argument("--launch-only", action="store_true", help="only the launch of pair 10 (issue 21)")
    args = parser.parse_args()
    launch()
    if not args.launch_only:
        asyncio.run(main(args.quick))
