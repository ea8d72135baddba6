"""``wendiff serve`` in headless Chromium: the Compare screen of two bundled samples, ``n``, the first change on the
page, and no request leaving the server (issue 21).

Skipped with one line naming the extra when textual-serve is not installed (CI installs it: the test extra
pulls in ``wendiff[web]``)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from corpus import samples
from tests.reports.conftest import CHROMIUM_ARGS
from tui.cmd_serve import WEB_EXTRA, offline_page

pytestmark = pytest.mark.browser

pytest.importorskip("textual_serve", reason=f"wendiff serve needs the web extra ({WEB_EXTRA})")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """``wendiff serve`` on pair 01 of the bundled samples, on a free port of 127.0.0.1; its URL."""
    a, b = samples.real_pair("01_holiday_measures")
    port = free_port()
    env = {**os.environ, "WENDIFF_STORE": str(tmp_path / "store")}
    server = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "serve", "--port", str(port), str(a), str(b)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def wait_for(frames: list[str], text: str, seconds: float, page: Any, start: int = 0) -> None:
    """Wait until ``text`` arrives in a frame from ``start`` on (the list grows while the page runs)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in "".join(frames[start:]):
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"{text!r} never reached the page")


def test_the_app_in_a_browser_shows_the_first_change_after_n(
    served: str, chromium: str, tmp_path: Path, pair01_first_change: str
) -> None:
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    frames: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(_text(payload))))
            page.goto(served)
            wait_for(frames, "similarity", 60, page)  # the Compare screen's summary bar
            page.locator("textarea").first.focus()  # the terminal's keyboard (a click would move the cursor)
            sent = len(frames)
            page.keyboard.press("n")
            wait_for(frames, "change 1/11", 20, page, sent)
            page.wait_for_timeout(500)
            after = "".join(frames[sent:])
            page.screenshot(path=str(tmp_path / "serve.png"))
        finally:
            browser.close()
    assert pair01_first_change in after
    assert (tmp_path / "serve.png").stat().st_size > 10_000
    local = (served, served.replace("http", "ws"))
    outside = [url for url in requests if not url.startswith(local)]
    assert requests and not outside


def _text(payload: str | bytes) -> str:
    return payload if isinstance(payload, str) else payload.decode("utf-8", "replace")


@pytest.fixture
def pair01_first_change() -> str:
    """A piece of the B text of pair 01's first change (a line of text the view draws unbroken)."""
    from corpus.pipeline import load
    from diffing.compare import compare
    from diffing.reports.order import is_change

    a, b = samples.real_pair("01_holiday_measures")
    diff = compare(load(str(a)), load(str(b)))
    row = next(row for row in diff.rows if is_change(row))
    return diff.b_text(row)[:6]


def test_the_served_page_loads_its_font_from_the_server_not_the_web() -> None:
    import textual_serve

    template = (Path(textual_serve.__file__).parent / "templates" / "app_index.html").read_text(encoding="utf-8")
    page = offline_page(template)
    assert "fonts.googleapis.com" in template
    assert "https://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "fonts/RobotoMono-VariableFont_wght.ttf" in page


def test_keys_reach_the_app_as_soon_as_the_page_shows_it(served: str, chromium: str) -> None:
    # seen in headless Chromium on pair 10: n, g and e did nothing until the page was clicked (and a click moves
    # the cursor): the page must give the terminal the keyboard itself
    from playwright.sync_api import sync_playwright

    frames: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(_text(payload))))
            page.goto(served)
            wait_for(frames, "similarity", 60, page)
            page.wait_for_timeout(500)
            sent = len(frames)
            page.keyboard.press("n")
            wait_for(frames, "change 1/11", 20, page, sent)
        finally:
            browser.close()
