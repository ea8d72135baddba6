"""The app as one browser tab runs it (``wendiff serve`` starts this module for each tab).

Rule: the same app as in a terminal: two files open on Compare over the
Library, other files are listed in the Library; textual-serve's environment
chooses the web driver, so nothing here knows about the browser.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wendiff serve (one tab)")
    parser.add_argument("--store", default=None)
    parser.add_argument("files", nargs="*")
    args = parser.parse_args(argv)
    from corpus.store.location import store_path
    from tui.app import make_app
    from tui.sides import CompareRequest, FileSide

    files: list[str] = args.files
    compare = CompareRequest(FileSide(files[0]), FileSide(files[1])) if len(files) == 2 else None
    make_app(store=store_path(args.store), files=files, compare=compare).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
