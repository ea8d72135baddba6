"""``wendiff serve``: the same app (Library, Compare, History, Duplicates, export) in a web browser.

Rules:

* The server is the Textual team's ``textual-serve``, an optional extra
  (``pip install 'wendiff[web]'``): without it, one line naming the extra and
  exit status 2. It is imported only when ``serve`` runs.
* Each browser tab runs the app in its own process (`tui.web_app`), with the
  store and the files given here; nothing else of this process is shared.
* Offline: the page is textual-serve's own with its one outside reference (a
  web font stylesheet) replaced by the font files textual-serve ships, so every
  asset is served by this server (`offline_templates`). The page gives the
  terminal the keyboard as soon as it shows: keys work before any click.
* It binds to 127.0.0.1 by default. Anyone who can reach the port can use the
  app, and so read every file the app can open: ``--help`` says so.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
import tempfile
from pathlib import Path

from corpus.errors import WendiffError
from tui.cli_help import exit_statuses
from tui.compat_argparse import Subparsers

__all__ = ["COMMANDS", "WEB_EXTRA", "offline_page", "register", "server_command"]

COMMANDS = {"serve": "serve the app to a web browser (needs the web extra)"}
WEB_EXTRA = "pip install 'wendiff[web]'"
_FONT_LINK = re.compile(r'<link\s+rel="stylesheet"\s+href="https://fonts\.googleapis\.com/[^"]*"\s*/>', re.S)
_LOCAL_FONT = """<style>
      @font-face { font-family: "Roboto Mono"; font-style: normal;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
      @font-face { font-family: "Roboto Mono"; font-style: italic;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
    </style>"""


_KEYBOARD = """<script>
      (function keyboard() {  /* wendiff: the terminal takes the keys as soon as it shows, no click needed */
        const field = document.querySelector(".xterm-helper-textarea, textarea");
        if (field && document.activeElement !== field) { field.focus({ preventScroll: true }); }
        if (!field || document.activeElement !== field) { setTimeout(keyboard, 200); }
      })();
    </script>
  </body>"""


def offline_page(template: str) -> str:
    """textual-serve's page template with its web font served locally (the one asset it fetches from outside),
    and the terminal given the keyboard once it shows (without it keys go nowhere until a click)."""
    page = _FONT_LINK.sub(lambda _: _LOCAL_FONT, template)
    return page.replace("</body>", _KEYBOARD, 1)


def offline_templates(folder: Path) -> Path:
    """A templates folder holding textual-serve's page, made offline (`offline_page`)."""
    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "app_index.html").write_text(offline_page(source.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def server_command(store: str | None, files: list[str]) -> str:
    """The command each browser tab runs: the app on the web driver, with this store and these files."""
    words = [sys.executable, "-m", "tui.web_app"]
    if store:
        words += ["--store", store]
    return shlex.join([*words, "--", *files])


def _serve(args: argparse.Namespace) -> int:
    try:
        from textual_serve.server import Server
    except ModuleNotFoundError:
        raise WendiffError(f"serve needs textual-serve, an optional extra: {WEB_EXTRA}") from None
    from tui.cmd_app import _check_files

    _check_files(*args.files)
    files = [str(Path(f).resolve()) for f in args.files]
    store = str(Path(args.store).resolve()) if args.store else None
    with tempfile.TemporaryDirectory(prefix="wendiff-serve-") as work:
        server = Server(
            server_command(store, files),
            host=args.host,
            port=args.port,
            title="wendiff",
            templates_path=offline_templates(Path(work) / "templates"),
        )
        server.serve()
    return 0


def register(subparsers: Subparsers) -> None:
    p = subparsers.add_parser(
        "serve",
        help=COMMANDS["serve"],
        description="Serve the app (Library, Compare, History, Duplicates, export) to a web browser, with "
        "textual-serve (" + WEB_EXTRA + "). Two files open on Compare; other files are listed in the Library. "
        "Every asset is served locally: no internet needed. WARNING: anyone who can reach the port can use "
        "the app and so read the files it can open (the store, the files given, any path typed in it); the "
        "default host 127.0.0.1 keeps it to this machine.",
        epilog=exit_statuses(
            (0, "the server was stopped (Ctrl+C)"),
            (2, "trouble: the web extra is not installed, a bad file, a port in use, an internal error"),
        ),
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="two files to compare, or files to list in the Library")
    p.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1, this machine)")
    p.add_argument("--port", type=int, default=8000, metavar="N", help="the port to listen on (default: 8000)")
    p.add_argument("--store", metavar="PATH", help="the version store (default: $WENDIFF_STORE or per-user)")
    p.set_defaults(func=_serve)
