"""The 对照表 and 修改决定 pages in headless Chromium (Playwright): they fit a phone and a desktop,
load nothing from the network, and show control characters as marks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from corpus.pipeline import from_text
from diffing.amendments import draft
from diffing.compare import compare
from diffing.reports.amendments import amendments_html
from diffing.reports.table import table_html
from diffing.table import build_table

from .pairs import real_diff

pytestmark = pytest.mark.browser


def _open(browser: Any, path: Path, width: int) -> tuple[Any, list[str]]:
    requests: list[str] = []
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, requests


@pytest.mark.parametrize("width", [420, 1400])
def test_the_table_of_pair_06_fits_the_width_and_loads_nothing_else(browser: Any, tmp_path: Path, width: int) -> None:
    path = tmp_path / "table.html"
    path.write_text(table_html(build_table(real_diff("06_company_law"))), encoding="utf-8")
    page, requests = _open(browser, path, width)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.locator("tbody tr").count() > 100
        assert page.locator("thead th").all_inner_texts() == ["修改前", "修改后", "说明"]
        assert requests == [path.as_uri()]
        page.screenshot(path=str(tmp_path / f"table-{width}.png"))
    finally:
        page.close()


def test_a_right_to_left_override_shows_as_a_mark_in_both_pages(browser: Any, tmp_path: Path) -> None:
    a = from_text("第一条 价款100元。\n", "a.txt")
    b = from_text("第一条 价款\u202e元001\u202c。\n", "b.txt")
    diff = compare(a, b)
    for name, html in (("table", table_html(build_table(diff))), ("amendments", amendments_html(draft(diff)))):
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        page, _ = _open(browser, path, 1000)
        try:
            text = page.inner_text("body")
            assert "<U+202E>" in text and "\u202e" not in text
        finally:
            page.close()


def test_every_html_report_fits_every_width_from_a_phone_up(browser: Any, tmp_path: Path) -> None:
    """No page scrolls sideways, whatever its width and the length of the file names it shows.

    CI's checkout at another path moved the line breaks of the 对照表's header and the page at 420 px
    scrolled to 421 px: a ``）`` ending a paragraph hung half outside the column (Chromium's default
    ``text-spacing-trim``), as it did at 323 and 530 px on the build machine."""
    from corpus.pipeline import load
    from diffing.reports.redline_html import render_html
    from tests.conftest import REAL

    folder = tmp_path / "a-checkout-at-a-rather-long-path" / "check" / "work" / "main" / "tests" / "data" / "real"
    folder.mkdir(parents=True)
    sides = []
    for side in ("a", "b"):
        path = folder / "06_company_law" / f"{side}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes((REAL / "06_company_law" / f"{side}.txt").read_bytes())
        sides.append(load(str(path)))
    diff = compare(*sides)
    pages = {
        "table": table_html(build_table(diff)),
        "amendments": amendments_html(draft(diff)),
        "report": render_html(diff),
    }
    too_wide = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        page, _ = _open(browser, path, 320)
        try:
            for width in range(320, 720, 7):
                page.set_viewport_size({"width": width, "height": 900})
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    too_wide.append((name, width, scroll))
        finally:
            page.close()
    assert too_wide == []
