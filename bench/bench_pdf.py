"""Benchmark of PDF text extraction: which extractor, and how fast wendiff reads a PDF.

1. The choice: on the CJK PDFs of tests/data/formats (made by LibreOffice from
   the seeds and real pairs 01 and 06), pypdfium2 (what wendiff uses) against
   pdfminer.six. For each: the source characters missing from the extracted
   text (a multiset difference of the non-space characters, so reading order
   does not count here), the rows of ``wendiff diff`` source against PDF that are
   not ``equal`` (through wendiff's reader for pypdfium2: page furniture removed,
   characters ordered in their line; the raw text for pdfminer.six), the time,
   and the licence each package declares.
2. The speed: a 100-page PDF (the pages of 06b.pdf, the company law 2023,
   repeated) read by ``corpus.read.read_source`` against the same text as a .txt.
   Target: at most 2 s.

Run: ``.venv/bin/python bench/bench_pdf.py`` (pdfminer.six comes with the
``bench`` extra, which ``make`` installs; without it its column is skipped).
"""

from __future__ import annotations

import importlib.metadata
import io
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "data" / "formats"))

from corpus.document import Source  # noqa: E402
from corpus.pipeline import from_source, load  # noqa: E402
from corpus.read import read_source  # noqa: E402
from diffing.compare import compare  # noqa: E402

FORMATS = ROOT / "tests" / "data" / "formats"
PAGES = 100
TARGET_SECONDS = 2.0


def missing(source: str, extracted: str) -> int:
    """Visible characters of ``source`` that ``extracted`` lacks (counted with multiplicity).

    Spaces and format characters (zero-width spaces: the company law's text holds 42)
    leave no glyph in a PDF, so they are not counted.
    """

    def visible(text: str) -> Counter[str]:
        return Counter(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")

    return sum((visible(source) - visible(extracted)).values())


def not_equal(source_path: Path, text: str, name: str) -> int:
    a = load(str(source_path))
    b = from_source(Source(name, text, "utf-8", "", len(text)))
    return sum(row.op != "equal" for row in compare(a, b).rows)


def with_pdfminer(path: Path) -> str | None:
    try:
        from pdfminer.high_level import extract_text
    except ImportError:
        return None
    return str(extract_text(str(path)))


def licence(package: str) -> str:
    try:
        meta = importlib.metadata.metadata(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"
    return str(meta.get("License-Expression") or meta.get("License") or "?").splitlines()[0][:40]


def choice() -> None:
    from make_fixtures import sources

    ours, theirs = "pypdfium2: missing  rows≠equal  s", "pdfminer.six: missing  rows≠equal  s"
    print(f"{'PDF':<14}{'chars':>7}  {ours:>34}  {theirs:>38}")
    totals = Counter()
    for name, source_path in sources().items():
        path = FORMATS / f"{name}.pdf"
        text = source_path.read_text(encoding="utf-8")
        started = time.perf_counter()
        ours = read_source(str(path))
        ours_s = time.perf_counter() - started
        ours_missing = missing(text, ours.text)
        ours_rows = sum(row.op != "equal" for row in compare(load(str(source_path)), load(str(path))).rows)
        started = time.perf_counter()
        theirs = with_pdfminer(path)
        theirs_s = time.perf_counter() - started
        line = f"{name + '.pdf':<14}{len(text):>7}  {ours_missing:>16}{ours_rows:>12}{ours_s:>6.2f}"
        totals.update({"ours_missing": ours_missing, "ours_rows": ours_rows, "ours_ms": int(ours_s * 1000)})
        if theirs is not None:
            theirs_missing = missing(text, theirs)
            theirs_rows = not_equal(source_path, theirs, f"{name}.pdf (pdfminer)")
            line += f"  {theirs_missing:>20}{theirs_rows:>12}{theirs_s:>6.2f}"
            totals.update({"theirs_missing": theirs_missing, "theirs_rows": theirs_rows,
                           "theirs_ms": int(theirs_s * 1000)})  # fmt: skip
        print(line)
    print(f"{'all':<21}  {totals['ours_missing']:>16}{totals['ours_rows']:>12}{totals['ours_ms'] / 1000:>6.2f}"
          f"  {totals['theirs_missing']:>20}{totals['theirs_rows']:>12}{totals['theirs_ms'] / 1000:>6.2f}")  # fmt: skip
    print(f"licences: pypdfium2 {licence('pypdfium2')}; pdfminer.six {licence('pdfminer.six')}")


def hundred_pages(target: Path) -> int:
    """A PDF of `PAGES` pages: the pages of 06b.pdf, repeated."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(FORMATS / "06b.pdf"))
    out = pdfium.PdfDocument.new()
    while len(out) < PAGES:
        take = min(len(source), PAGES - len(out))
        out.import_pages(source, list(range(take)))
    buffer = io.BytesIO()
    out.save(buffer)
    target.write_bytes(buffer.getvalue())
    return len(out)


def best_of(runs: int, path: Path) -> tuple[float, Source]:
    best = float("inf")
    source = None
    for _ in range(runs):
        started = time.perf_counter()
        source = read_source(str(path))
        best = min(best, time.perf_counter() - started)
    assert source is not None
    return best, source


def speed() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "hundred.pdf"
        pages = hundred_pages(pdf)
        pdf_s, source = best_of(3, pdf)
        txt = Path(tmp) / "hundred.txt"
        txt.write_text(source.text, encoding="utf-8")
        txt_s, _ = best_of(3, txt)
        verdict = "ok" if pdf_s <= TARGET_SECONDS else "OVER TARGET"
        print(f"\n{pages}-page PDF ({pdf.stat().st_size / 1024**2:.1f} MB, {len(source.text):,} chars): "
              f"read in {pdf_s:.2f} s ({verdict}, target ≤ {TARGET_SECONDS:g} s); "
              f"the same text as .txt: {txt_s * 1000:.1f} ms")  # fmt: skip


if __name__ == "__main__":
    choice()
    speed()
