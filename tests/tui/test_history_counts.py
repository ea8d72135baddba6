"""History counts each version's changes as Compare and ``wendiff diff -f json`` do (defect 7 of issue 21).

The counts the store recorded at add time may come from an older rule: History
shows them only until the same comparison as Compare's has counted them again.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from corpus.document import Document
from corpus.store import ClauseStats, Store
from diffing.model import Summary
from diffing.reports.redline_text import MARKS
from diffing.versions import VERSION_ANALYSIS
from tests.tui.conftest import HOLIDAYS, open_history, settle
from tui.app import make_app
from tui.jobs import run_compare
from tui.screens.compare import CompareScreen
from tui.screens.history import HistoryScreen
from tui.sides import CompareRequest, StoreSide
from tui.widgets.summary_bar import SummaryBar

PAIR_01 = Path(__file__).parents[1] / "data" / "real" / "01_holiday_measures"


def json_counts(summary: Summary) -> str:
    """The counts of a JSON summary written as Compare's bar writes them when short."""
    return " ".join(f"{MARKS[op]}{n}" for op, n in summary.counts.items() if n and op != "equal")


def changes_cell(history: HistoryScreen, number: int) -> str:
    table = history.query_one("#versions", DataTable)
    return str(table.get_row(str(number))[3])


class _OlderRule:
    """The real clause engine, except that it records the stats an older rule gave."""

    def clauses(self, document: Document) -> list[str]:
        return VERSION_ANALYSIS.clauses(document)

    def compare(self, previous: Document, current: Document) -> tuple[ClauseStats, list[str]]:
        _, clauses = VERSION_ANALYSIS.compare(previous, current)
        return ClauseStats(762, 728, 670, 288, 1, 0.5), clauses


async def test_history_counts_a_version_as_compare_and_the_json_summary_do(demo_store: Path) -> None:
    request = CompareRequest(StoreSide(demo_store, HOLIDAYS, 1), StoreSide(demo_store, HOLIDAYS, 2))
    summary = run_compare(request).summary
    app = make_app(store=demo_store)
    async with app.run_test(size=(160, 48)) as pilot:
        history = await open_history(pilot, demo_store)
        assert changes_cell(history, 2) == json_counts(summary)
        await pilot.press("c")
        await settle(pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        bar = str(compare.query_one(SummaryBar).render()).split("\n")[1]
        for op in summary.counts:
            bar = bar.replace(f" {op}", "")
        assert bar.startswith(json_counts(summary))


async def test_counts_recorded_by_an_older_rule_are_counted_again(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with Store.open(path, analysis=_OlderRule()) as store:
        store.add_file(PAIR_01 / "a.txt", doc_id="p01")
        store.add_file(PAIR_01 / "b.txt", doc_id="p01")
    summary = run_compare(CompareRequest(StoreSide(path, "p01", 1), StoreSide(path, "p01", 2))).summary
    app = make_app(store=path)
    async with app.run_test(size=(160, 48)) as pilot:
        history = await open_history(pilot, path, "p01")
        assert changes_cell(history, 2) == json_counts(summary)
        assert "762" not in changes_cell(history, 2)
        assert changes_cell(history, 1) == "new"
