"""Benchmark of reading government web pages (issue 22, item 1): the document, not the page.

For each of the ten State Council pages of tests/data/web (the page as the site served it, with its
body as text): the changes of ``wendiff diff NN.body.txt NN.html`` (rows that are not ``equal``)
when the page is read

* by trafilatura alone (the base extractor, what wendiff did before: furniture elements dropped,
  then ``trafilatura.extract`` with tables), and
* by wendiff's reader (corpus/web_page.py: the metadata table taken out as metadata, the main
  content element read line by line, furniture lines dropped),

with the title and 文号 the report's header shows for the page, and the time to read it.
Target: 0 changes on at least 9 of the 10 pages, title and 文号 in the header.

Run: ``.venv/bin/python bench/bench_web.py``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from corpus.document import Source  # noqa: E402
from corpus.extract import _parse_html  # noqa: E402
from corpus.meta import document_meta  # noqa: E402
from corpus.pipeline import from_source, load  # noqa: E402
from corpus.read import read_source  # noqa: E402
from diffing.compare import compare  # noqa: E402

WEB = ROOT / "tests" / "data" / "web"


def trafilatura_text(html: str) -> str:
    import trafilatura

    page = _parse_html(html)
    text = trafilatura.extract(page, include_tables=True, include_comments=False, output_format="txt")
    return str(text or "")


def changes(body: Path, source: Source) -> int:
    return compare(load(str(body)), from_source(source)).summary.changes


def main() -> None:
    manifest = {m["file"]: m for m in json.loads((WEB / "manifest.json").read_text(encoding="utf-8"))}
    print(f"{'page':5} {'trafilatura':>11} {'wendiff':>8} {'read s':>7}  title / 文号 in the header")
    zero = 0
    for page in sorted(WEB.glob("*.html")):
        body = page.with_suffix(".body.txt")
        html = page.read_text(encoding="utf-8")
        base = trafilatura_text(html)
        before = changes(body, Source(page.name, base, "utf-8", "", len(base), format="html"))
        start = time.perf_counter()
        source = read_source(str(page))
        seconds = time.perf_counter() - start
        after = changes(body, source)
        zero += after == 0
        meta = document_meta(from_source(source))
        wanted = manifest[page.name]
        ok = meta.title == wanted["title"] and meta.number == wanted["release_number"]
        print(
            f"{page.stem:5} {before:11} {after:8} {seconds:7.3f}  {'yes' if ok else 'NO'}: {meta.title} {meta.number}"
        )
    print(f"pages with 0 changes: {zero} of 10 (target: at least 9)")


if __name__ == "__main__":
    main()
