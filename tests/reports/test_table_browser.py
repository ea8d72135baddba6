"""The 对照表 and 修改决定 pages in headless Chromium (Playwright): they fit a phone and a desktop,
load nothing from the network, and show control characters as marks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from corpus.pipeline import from_text
from diffing.amendments import draft
from diffing.compare import compare
from diffing.report_amendments import amendments_html
from diffing.report_table import table_html
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
