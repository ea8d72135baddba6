"""Benchmark of the compare view on a 1 MB pair, headless: first screen and page down.

Targets (issue 4): a 1 MB pair shows its first screen within 1 s after the diff
is done, and pages down in at most 50 ms.

The pair is every real law pair of shared/benchmark/real, concatenated: A is
all the older versions (about 1.2 MB of UTF-8), B all the newer ones (about
1.3 MB), so the changes are real amendments (renumbered articles, rewording,
inserted and dropped articles).

What is timed, in an app run headless at 160x48 (side by side) and 80x24
(unified), each time from handing the content to the widget until Textual has
processed the events and painted the screen (``pilot.pause()`` ends with the
screen's layout and compositor update):

* the line-API `DiffView`: ``set_diff`` (heights of every row measured, lines
  built only for the screen) and paint;
* the baseline: the same lines (every line of the same layout, styled the same)
  as one rich Text in a plain `Static` inside a `VerticalScroll`.

Then 20 page-downs on each, timed the same way (mean and worst).

Run: ``.venv/bin/python bench/bench_tui.py [--quick]`` (``--quick``: 5,000 lines of
the pair for the baseline instead of all of them).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from rich.text import Text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textual.app import App, ComposeResult  # noqa: E402
from textual.containers import VerticalScroll  # noqa: E402
from textual.widgets import Static  # noqa: E402

from corpus.pipeline import from_text  # noqa: E402
from diffing.compare import compare  # noqa: E402
from diffing.model import Diff  # noqa: E402
from tui.jobs import prepare_view  # noqa: E402
from tui.layout import Columns, Layout, Measure, build_entries  # noqa: E402
from tui.widgets.diff_view import DiffView  # noqa: E402

REAL = ROOT.parent / "shared" / "benchmark" / "real"
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


async def time_line_view(diff: Diff, size: tuple[int, int]) -> tuple[float, list[float], list[float], float, int]:
    """First screen, page downs through Pilot, page downs as work only, a no-op key's round trip, lines."""
    measure = prepare_view(diff)
    app = LineApp()
    async with app.run_test(size=size) as pilot:
        view = app.query_one(DiffView)
        view.focus()
        await pilot.pause()
        started = time.perf_counter()
        view.set_diff(diff, measure=measure)
        await pilot.pause()
        first = time.perf_counter() - started
        pages = []
        for _ in range(PAGES):
            started = time.perf_counter()
            await pilot.press("pagedown")
            await pilot.pause()
            pages.append(time.perf_counter() - started)
        work = []
        for _ in range(PAGES):
            started = time.perf_counter()
            await app.run_action("page(1)", view)
            await pilot._wait_for_screen()  # every queued message handled …
            app.screen._on_timer_update()  # … then the screen's layout and paint, as its update timer does
            work.append(time.perf_counter() - started)
        noop = []
        for _ in range(5):
            started = time.perf_counter()
            await pilot.press("z")
            await pilot.pause()
            noop.append(time.perf_counter() - started)
        assert view.layout_ is not None
        return first, pages, work, statistics.median(noop), view.layout_.height


async def time_static(diff: Diff, size: tuple[int, int], limit: int | None) -> tuple[float, list[float], int]:
    style_source = LineApp()
    async with style_source.run_test(size=size) as pilot:
        await pilot.pause()
        content = all_lines(diff, size[0] - 2, style_source.query_one(DiffView), limit)
    app = StaticApp()
    async with app.run_test(size=size) as pilot:
        static = app.query_one("#static", Static)
        await pilot.pause()
        started = time.perf_counter()
        static.update(content)
        await pilot.pause()
        first = time.perf_counter() - started
        pages = []
        for _ in range(PAGES):
            started = time.perf_counter()
            await pilot.press("pagedown")
            await pilot.pause()
            pages.append(time.perf_counter() - started)
        return first, pages, len(content.plain.splitlines())


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
    header = f"{'size':>7}  {'view':<28} {'lines':>8} {'first screen':>13} {'page down mean':>15} {'worst':>8}"
    print(header)
    print("-" * len(header))
    limit = 5000 if quick else None
    noops = []
    for size in ((160, 48), (80, 24)):
        first, pages, work, noop, lines = await time_line_view(diff, size)
        noops.append(noop)
        ok = "ok" if first <= 1.0 and max(pages) <= 0.05 else "OVER TARGET"
        print(f"{size[0]}x{size[1]:<4} {'line API (DiffView)':<28} {lines:>8,} {_ms(first):>13} "
              f"{_ms(statistics.mean(pages)):>15} {_ms(max(pages)):>8}  {ok}")  # fmt: skip
        print(f"{'':8} {'  same, without Pilot idle waits':<28} {'':>8} {'':>13} "
              f"{_ms(statistics.mean(work)):>15} {_ms(max(work)):>8}")  # fmt: skip
        first, pages, lines = await time_static(diff, size, limit)
        print(f"{size[0]}x{size[1]:<4} {'baseline: one Static':<28} {lines:>8,} {_ms(first):>13} "
              f"{_ms(statistics.mean(pages)):>15} {_ms(max(pages)):>8}")  # fmt: skip
    print()
    print(f"Pilot's own round trip (a key bound to nothing, then pause): {_ms(statistics.mean(noops))}")
    print("targets: first screen <= 1,000 ms after the diff is done; page down <= 50 ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="baseline on 5,000 lines only")
    asyncio.run(main(parser.parse_args().quick))
