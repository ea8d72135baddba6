"""The HTML report in a real browser: headless Debian Chromium driven by Playwright.

Skipped when chromium is missing, except in CI (CI=true), where a missing browser
is a failure (tests/programs.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from diffing.model import Diff
from diffing.report_html import render_html

from .handmade import document, make_diff
from .pairs import diff_000_001, real_diff

pytestmark = pytest.mark.browser

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        yield browser
        browser.close()


class _Opened:
    """A report opened from disk, with every request, dialog and console error recorded."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def current(self) -> str | None:
        return self.page.evaluate("document.querySelector('tbody.current')?.id ?? null")  # type: ignore[no-any-return]

    def focused(self) -> str | None:
        return self.page.evaluate("document.activeElement?.id || null")  # type: ignore[no-any-return]

    def visible(self, selector: str) -> int:
        return self.page.locator(selector).evaluate_all(  # type: ignore[no-any-return]
            "els => els.filter(e => e.getClientRects().length > 0).length"
        )


def _open(browser: Any, tmp_path: Path, diff: Diff, name: str = "report.html") -> _Opened:
    path = tmp_path / name
    path.write_text(render_html(diff), encoding="utf-8")
    return _Opened(browser, path)


def _change_ids(diff: Diff) -> list[str]:
    from diffing.report_layout import reading_order

    return [f"r{i.row}" for i in reading_order(diff) if i.kind == "row" and diff.rows[i.row].op != "equal"]


def test_report_loads_nothing_but_itself_and_runs_its_script(browser: Any, tmp_path: Path) -> None:
    opened = _open(browser, tmp_path, diff_000_001())
    assert opened.requests == [(tmp_path / "report.html").as_uri()]
    assert opened.errors == []  # no policy violation: the inlined style and script are allowed
    assert opened.page.evaluate("document.documentElement.classList.contains('js')")
    assert opened.page.locator("#position").inner_text() == f"– / {diff_000_001().summary.changes}"


def test_next_and_previous_step_through_changes(browser: Any, tmp_path: Path) -> None:
    diff = diff_000_001()
    ids = _change_ids(diff)
    opened = _open(browser, tmp_path, diff)
    page = opened.page
    assert page.locator("#prev").is_disabled()
    page.click("#next")
    assert opened.current() == ids[0] == opened.focused()
    page.click("#next")
    assert opened.current() == ids[1] == opened.focused()
    assert page.locator("#position").inner_text() == f"2 / {len(ids)}"
    page.click("#prev")
    assert opened.current() == ids[0] == opened.focused()
    assert page.locator(f"#{ids[0]}").is_visible()
    page.keyboard.press("n")
    page.keyboard.press("j")
    assert opened.current() == ids[2]
    page.keyboard.press("k")
    assert opened.current() == ids[1]
    page.keyboard.press("p")
    assert opened.current() == ids[0]
    for _ in range(len(ids) + 2):
        page.keyboard.press("n")
    assert opened.current() == ids[-1] and page.locator("#next").is_disabled()
    box = page.locator(f"#{ids[-1]}").bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into view


def test_changes_only_switch_hides_and_shows_equal_rows(browser: Any, tmp_path: Path) -> None:
    diff = real_diff("01_holiday_measures")
    equal = diff.summary.counts["equal"]
    assert equal > 0
    opened = _open(browser, tmp_path, diff)
    page = opened.page
    assert opened.visible("tbody.op-equal") == equal
    page.check("#changes-only")
    assert opened.visible("tbody.op-equal") == 0
    assert opened.visible("tbody.change") == diff.summary.changes
    page.keyboard.press("n")
    assert opened.current() == _change_ids(diff)[0]
    page.keyboard.press("c")
    assert not page.is_checked("#changes-only")
    assert opened.visible("tbody.op-equal") == equal


def test_table_of_contents_link_moves_the_current_change(browser: Any, tmp_path: Path) -> None:
    diff = real_diff("01_holiday_measures")
    opened = _open(browser, tmp_path, diff)
    link = opened.page.locator("nav.toc a").last
    target = link.get_attribute("href")
    assert target is not None
    link.click()
    assert opened.current() == target[1:]


def test_injected_markup_is_shown_as_text_and_never_runs(browser: Any, tmp_path: Path) -> None:
    a = document(f"一、总则\n甲方说{SCRIPT}然后\n")
    b = document(f"一、总则\n乙方说{IMG}然后\n新增{SCRIPT}\n", "b.txt")
    diff = make_diff(a, b, [("equal", [0], [0]), ("modified", [1], [1]), ("inserted", [], [2])])
    opened = _open(browser, tmp_path, diff)
    page = opened.page
    page.wait_for_timeout(200)
    assert opened.dialogs == []
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.scripts.length") == 1
    text = page.locator("table.diff").inner_text()
    assert SCRIPT in text and IMG in text
    assert opened.requests == [(tmp_path / "report.html").as_uri()]


def test_printed_report_hides_the_controls(browser: Any, tmp_path: Path) -> None:
    opened = _open(browser, tmp_path, diff_000_001())
    page = opened.page
    page.emulate_media(media="print")
    assert not page.locator("nav.toolbar").is_visible()
    assert page.locator("table.diff").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
