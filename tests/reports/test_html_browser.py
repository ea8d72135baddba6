"""The HTML report in a real browser: headless Debian Chromium driven by Playwright.

Skipped when chromium is missing, except in CI (CI=true), where a missing browser
is a failure (tests/programs.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from diffing.model import Diff
from diffing.reports.redline_html import render_html

from .handmade import document, make_diff
from .pairs import change_entries, diff_000_001, real_diff

pytestmark = pytest.mark.browser

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


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

    def _stop(self, expression: str) -> str | None:
        k = self.page.evaluate(
            f"(() => {{ const e = {expression}; const all = [...document.querySelectorAll({CHANGES!r})];"
            " const k = all.indexOf(e); return k < 0 ? null : k; })()"
        )
        return None if k is None else f"#{k}"

    def current(self) -> str | None:
        """The current change stop, as ``#<k>``."""
        return self._stop("document.querySelector('tbody.current')")

    def focused(self) -> str | None:
        """The focused change stop, as ``#<k>``."""
        return self._stop("document.activeElement")

    def visible(self, selector: str) -> int:
        return self.page.locator(selector).evaluate_all(  # type: ignore[no-any-return]
            "els => els.filter(e => e.getClientRects().length > 0).length"
        )


def _open(browser: Any, tmp_path: Path, diff: Diff, name: str = "report.html") -> _Opened:
    path = tmp_path / name
    path.write_text(render_html(diff), encoding="utf-8")
    return _Opened(browser, path)


CHANGES = "table.diff tbody:not(.e):not(.n):not(.o)"


def _change_ids(diff: Diff) -> list[str]:
    """The change stops in page order, each named ``#<k>`` by its position among them (not every row has an id)."""
    return [f"#{k}" for k in range(len(change_entries(diff)))]


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
    assert page.locator(CHANGES).first.is_visible()
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
    box = page.locator(CHANGES).last.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into view


def test_changes_only_switch_hides_and_shows_equal_rows(browser: Any, tmp_path: Path) -> None:
    diff = real_diff("01_holiday_measures")
    equal = diff.summary.counts["equal"] - 1  # the row of <!-- INFO END --> is hidden (source markup)
    assert equal > 0
    opened = _open(browser, tmp_path, diff)
    page = opened.page
    assert opened.visible("tbody.e") == equal
    page.check("#changes-only")
    assert opened.visible("tbody.e") == 0 and opened.visible("tbody.n") == 0
    assert opened.visible(CHANGES) == len(change_entries(diff))  # a 款's inserted rows are one
    page.keyboard.press("n")
    assert opened.current() == _change_ids(diff)[0]
    page.keyboard.press("c")
    assert not page.is_checked("#changes-only")
    assert opened.visible("tbody.e") == equal


def test_table_of_contents_link_moves_the_current_change(browser: Any, tmp_path: Path) -> None:
    diff = real_diff("01_holiday_measures")
    opened = _open(browser, tmp_path, diff)
    link = opened.page.locator("nav.toc a").last
    target = link.get_attribute("href")
    assert target is not None
    link.click()
    expected = opened.page.evaluate(
        f"[...document.querySelectorAll({CHANGES!r})].indexOf(document.getElementById({target[1:]!r}))"
    )
    assert opened.current() == f"#{expected}"


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


def _bars_bottom(page: Any) -> float:
    """Where the sticky toolbar and column header end, in viewport pixels."""
    return page.evaluate(  # type: ignore[no-any-return]
        "Math.max(document.getElementById('bar').getBoundingClientRect().bottom,"
        " document.querySelector('table.diff thead').getBoundingClientRect().bottom)"
    )


def test_right_to_left_override_is_shown_as_a_mark_not_applied(browser: Any, tmp_path: Path) -> None:
    a = document("一、总则\n合同价款\u202e元001\u202c整\n")
    b = document("一、总则\n合同价款\u202e元002\u202c整\n", "b.txt")
    opened = _open(browser, tmp_path, make_diff(a, b, [("equal", [0], [0]), ("modified", [1], [1])]))
    page = opened.page
    shown = page.locator("table.diff").inner_text()
    assert "价款<U+202E>元001<U+202C>整" in shown and "价款<U+202E>元002<U+202C>整" in shown
    assert not page.evaluate("/[\\u202a-\\u202e\\u2066-\\u2069]/.test(document.body.innerText)")
    # Laid out left to right as the file says: 价 stands left of 元, 元 left of 1.
    order = page.evaluate(
        """(() => {
          const cell = document.querySelector('table.diff tbody:not(.e) td');
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          const xs = {};
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            for (let i = 0; i < n.data.length; i++) {
              const ch = n.data[i];
              if (!('价元1'.includes(ch)) || ch in xs) continue;
              const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
              xs[ch] = r.getBoundingClientRect().left;
            }
          }
          return xs;
        })()"""
    )
    assert order["价"] < order["元"] < order["1"]


@pytest.mark.parametrize("width", [420, 1400])
def test_jump_to_a_moved_clause_lands_below_the_sticky_bars(browser: Any, tmp_path: Path, width: int) -> None:
    diff = real_diff("04_admin_reconsideration_law")
    opened = _open(browser, tmp_path, diff)
    page = opened.page
    page.set_viewport_size({"width": width, "height": 800})
    for link_selector in ("tbody.o a", "tbody.v a"):
        link = page.locator(link_selector).nth(3)
        target = link.get_attribute("href")
        assert target is not None
        link.click()
        page.wait_for_timeout(100)
        box = page.locator(target).bounding_box()
        assert box is not None
        assert _bars_bottom(page) <= box["y"] + 1 and box["y"] < 800, (link_selector, box, _bars_bottom(page))


@pytest.mark.parametrize("width", [320, 420])
def test_column_header_stays_below_the_toolbar_at_phone_width(browser: Any, tmp_path: Path, width: int) -> None:
    opened = _open(browser, tmp_path, real_diff("06_company_law"))
    page = opened.page
    page.set_viewport_size({"width": width, "height": 800})
    page.mouse.wheel(0, 6000)
    page.wait_for_timeout(200)
    bar = page.locator("#bar").bounding_box()
    head = page.locator("table.diff thead th").nth(1).bounding_box()
    assert bar is not None and head is not None
    assert head["y"] >= bar["y"] + bar["height"] - 1  # below the toolbar, however many lines it takes
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [420, 1400])
def test_screenshot_of_the_report(browser: Any, tmp_path: Path, width: int) -> None:
    """Screenshots to look at (kept in the test's tmp_path; $WENDIFF_SHOTS names a folder to copy them to)."""
    import os
    import shutil

    opened = _open(browser, tmp_path, real_diff("01_holiday_measures"))
    page = opened.page
    page.set_viewport_size({"width": width, "height": 1000})
    shot = tmp_path / f"report-{width}.png"
    page.screenshot(path=str(shot))
    page.keyboard.press("n")
    page.keyboard.press("n")
    scrolled = tmp_path / f"report-{width}-change.png"
    page.screenshot(path=str(scrolled))
    assert shot.read_bytes().startswith(b"\x89PNG") and scrolled.stat().st_size > 10_000
    if os.environ.get("WENDIFF_SHOTS"):
        for path in (shot, scrolled):
            shutil.copy(path, Path(os.environ["WENDIFF_SHOTS"]) / path.name)
