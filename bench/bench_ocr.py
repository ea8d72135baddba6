"""Benchmark of OCR engines for scanned pages (issue 22, item 3): which engine, how accurate, how fast.

Pages: the PDFs that LibreOffice made from real law texts (tests/data/formats: 01a and 06a — the holiday
measures and the company law), each page rendered at 200 dpi and scanned badly: turned by 0.8°, grey
noise, and a red stamp (a ring and its text) over part of the text. The truth is the page's own text
layer. For each engine: the character error rate (edit distance over the truth's characters, both
normalized by wendiff's own steps — Traditional to Simplified, full and half width folded — with spaces
and line breaks left out), the CPU seconds a page (this process's threads and its children: the figure
to hold to on a shared machine) and the wall seconds, and what it needs installed.

* RapidOCR (``rapidocr-onnxruntime``: PP-OCR models inside its wheel, nothing downloaded at run time);
* Tesseract 5 with Debian's ``tesseract-ocr-chi-sim`` (``--psm 6``), when ``tesseract`` is on the path.

Targets: CER ≤ 1 %, ≤ 3 s a page on this machine.
Run: ``.venv/bin/python bench/bench_ocr.py [--pages N] [--engine rapidocr|tesseract]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

FORMATS = ROOT / "tests" / "data" / "formats"
DPI = 200


def scanned_pages(limit: int) -> list[tuple[str, Any, str]]:
    """(name, image, truth) for the first ``limit`` pages of the fixtures, scanned badly."""
    import pypdfium2 as pdfium

    from tests.corpus.scans import spoil

    out = []
    for name in ("01a", "06a"):
        pdf = pdfium.PdfDocument(str(FORMATS / f"{name}.pdf"))
        for index in range(len(pdf)):
            if len(out) >= limit:
                return out
            page = pdf[index]
            truth = page.get_textpage().get_text_range()
            image = page.render(scale=DPI / 72).to_pil().convert("RGB")
            out.append((f"{name} p{index + 1}", spoil(image, seed=index), truth))
    return out


def bare(text: str) -> str:
    """The text as wendiff compares it: its script and width steps (``corpus.normalize``), spaces and line
    breaks left out."""
    from corpus.normalize import fold_width, to_simplified

    return "".join(fold_width(to_simplified(text).text).text.split())


def cer(found: str, truth: str) -> float:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(bare(found), bare(truth)) / max(1, len(bare(truth)))


def rapidocr() -> Callable[[Any], str] | None:
    try:
        from corpus.ocr import ocr_image
    except ImportError:
        return None

    def read(image: Any) -> str:
        return "\n".join(line.text for line in ocr_image(image))

    return read


def tesseract() -> Callable[[Any], str] | None:
    if shutil.which("tesseract") is None:
        return None

    def read(image: Any) -> str:
        import numpy as np
        from PIL import Image

        from corpus.ocr import _without_red

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "page.png"
            Image.fromarray(_without_red(np.asarray(image))).save(path)  # the seal dropped, as for RapidOCR
            done = subprocess.run(["tesseract", str(path), "-", "-l", "chi_sim", "--psm", "6"],
                                  capture_output=True, text=True, check=True)  # fmt: skip
            return done.stdout

    return read


def _cpu() -> float:
    """CPU seconds of this process (all its threads) and of its finished children (tesseract)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--engine", choices=("all", "rapidocr", "tesseract"), default="all")
    args = parser.parse_args()
    pages = scanned_pages(args.pages)
    print(f"{len(pages)} pages at {DPI} dpi, turned 0.8°, noise, a red stamp")
    for name, make in (("RapidOCR (rapidocr-onnxruntime 1.4)", rapidocr), ("Tesseract 5 chi_sim", tesseract)):
        if args.engine not in ("all", make.__name__):
            continue
        engine = make()
        if engine is None:
            print(f"{name}: not installed")
            continue
        engine(pages[0][1].crop((0, 0, 600, 300)))  # load the models once, on a corner of a page
        errors, chars, seconds, cpu = 0.0, 0, 0.0, 0.0
        for label, image, truth in pages:
            start, start_cpu = time.perf_counter(), _cpu()
            found = engine(image)
            took = time.perf_counter() - start
            cpu += _cpu() - start_cpu
            rate = cer(found, truth)
            errors += rate * len(bare(truth))
            chars += len(bare(truth))
            seconds += took
            print(f"  {name[:9]:9} {label:8} CER {rate * 100:5.2f} %  {took:5.2f} s wall")
        load = os.getloadavg()[0]
        rate = errors / max(1, chars)
        each, each_cpu = seconds / len(pages), cpu / len(pages)
        verdict = f"CER {'ok' if rate <= 0.01 else 'OVER TARGET'}, CPU {'ok' if each_cpu <= 3 else 'OVER TARGET'}"
        print(f"{name}: CER {rate * 100:.2f} % over {chars} characters; CPU {each_cpu:.2f} s a page (this process "
              f"and its children), {each:.2f} s wall; {verdict}; load average {load:.1f}")


if __name__ == "__main__":
    main()
