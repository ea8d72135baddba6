"""Text out of a PDF's text layer, page by page: PDFium runs in a child process with limits.

Rules:

* No PDF can take wendiff down: PDFium reads the file in a child process
  (`corpus.pdf_child`, started with ``subprocess``: safe in threads and in
  daemonic dask workers) that limits its own address space to
  `MEMORY_BASE` bytes plus `MEMORY_PER_BYTE` bytes a byte of the file, and its
  CPU time, and that this process waits for at most `TIME_LIMIT` seconds (then
  kills it). A child that aborts, is killed
  or overruns is this file's `ExtractError` (one line: the PDF is a bomb or
  PDFium crashed), like any other unreadable file; the caller names the file.
  ``WENDIFF_PDF_MEMORY`` (megabytes) and ``WENDIFF_PDF_TIMEOUT`` (seconds)
  change the two limits; a value that is not a positive number is a one-line
  `WendiffError`.
* Before the child starts, the bytes are checked here: not a PDF, a
  truncated file (no ``%%EOF`` near its end).
* In the child (`corpus.pdf_text`): a password, a corrupt file, no text layer
  at all (a scan: OCR it first), more text than ``--max-size`` (at most
  `MAX_TEXT_CHARS`) or a text bomb, checked page by page from PDFium's
  character count before the text is copied out.
* Pages are joined by `corpus.pages.join_pages`, which also finds the running
  headers, footers and page numbers (removed later as boilerplate), from each
  line's place on its page. A page with an image and no text in a PDF that has
  text elsewhere is a scanned page: its number goes to ``Paged.textless``.
* With the OCR extra (`corpus.ocr.available`), the scanned pages are read by
  OCR in a second child (`corpus.ocr_child`: its own memory limit,
  `OCR_MEMORY`, and `OCR_SECONDS_PER_PAGE`): their lines go in their pages'
  places (``Paged.ocr_read``), the characters read with low confidence are
  ``uncertain`` ranges, and a page too large to read is ``too_large`` (a
  warning). A PDF with no text at all and no OCR names the extra.
* A page with no visible text read from its invisible OCR layer goes to
  ``Paged.ocr_layer``; one whose layer has more than `GARBLED_SHARE` of
  characters no text holds (`garbled_share`) to ``Paged.garbled`` too (the
  source names both in warnings).
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from corpus import ocr
from corpus.environment import positive_setting
from corpus.extract import ExtractError
from corpus.limits import human_size
from corpus.ocr_child import DPI, MAX_PIXELS
from corpus.pages import Box, Paged, join_pages

__all__ = ["MAX_TEXT_CHARS", "MEMORY_BASE", "MEMORY_PER_BYTE", "TIME_LIMIT", "extract_pdf"]

MAX_TEXT_CHARS = 200 * 1024 * 1024
"""Size guard: a PDF whose text layer holds more characters than this is refused (a PDF bomb)."""
MEMORY_BASE = 256 * 1024 * 1024
"""Address space of the child that reads a PDF, beside `MEMORY_PER_BYTE` times the file's size
(``WENDIFF_PDF_MEMORY``, in MB, sets it instead); a 100-page PDF needs under 128 MB."""
MEMORY_PER_BYTE = 4
TIME_LIMIT = 45.0
"""Seconds one PDF may take (``WENDIFF_PDF_TIMEOUT`` changes it)."""

_EOF_WINDOW = 2048
_ROOT = str(Path(__file__).resolve().parent.parent)
_CHILD = f"import sys; sys.path.insert(0, {_ROOT!r}); from corpus.pdf_child import main; main()"


def extract_pdf(data: bytes, limit: int = MAX_TEXT_CHARS) -> Paged:
    """The text layer of a PDF, page by page, with its page starts and page furniture;
    extraction stops once the text passes ``limit`` characters (``--max-size``)."""
    if not data.startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise ExtractError("not a PDF file (no %PDF- header)")
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise ExtractError("truncated PDF file (no %%EOF at its end)")
    answer = _in_child(data, min(limit, MAX_TEXT_CHARS))
    pages: list[list[str]] = answer["pages"]
    boxes = _boxes(answer.get("boxes"))
    textless = tuple(answer["textless"])
    read: dict[int, list[OcrRead]] = {}
    too_large: tuple[int, ...] = ()
    if textless and ocr.available():
        read, too_large = _ocr_in_child(data, textless)
        for number, lines in read.items():
            pages[number - 1] = [text for text, _, _ in lines]
            if boxes is not None:
                boxes[number - 1] = [None] * len(lines)
        textless = tuple(n for n in textless if n not in read and n not in too_large)
    if not any(line.strip() for lines in pages for line in lines):
        if too_large:
            raise ExtractError(f"scanned pages too large to read by OCR (over {MAX_PIXELS:,} pixels at {DPI} dpi)")
        raise ExtractError(f"no text layer (a scanned image?); OCR it first ({ocr.EXTRA} reads it)")
    ocr_layer = tuple(answer.get("ocr_layer", ()))
    paged = join_pages(pages, textless, boxes=boxes, ocr_layer=tuple(sorted({*ocr_layer, *read})))
    garbled = tuple(n for n in ocr_layer if garbled_share("".join(pages[n - 1])) > GARBLED_SHARE)
    return dataclasses.replace(
        paged,
        ocr_layer=ocr_layer,
        garbled=garbled,
        ocr_read=tuple(sorted(read)),
        too_large=too_large,
        uncertain=_uncertain(paged, read),
    )


OCR_MEMORY = 4 * 1024**3
"""Address space of the OCR child (the engine and its models; ``WENDIFF_OCR_MEMORY`` in MB sets it)."""
OCR_SECONDS_PER_PAGE = 120.0
"""Seconds the OCR child may take a page (``WENDIFF_OCR_TIMEOUT`` sets it)."""
_OCR_CHILD = f"import sys; sys.path.insert(0, {_ROOT!r}); from corpus.ocr_child import main; main()"


OcrRead = tuple[str, float, tuple[float, ...]]
"""A line OCR read: its text, its confidence, the confidence of each of its characters."""


def _ocr_in_child(data: bytes, numbers: tuple[int, ...]) -> tuple[dict[int, list[OcrRead]], tuple[int, ...]]:
    """The OCR child's lines of each page it read, and the pages too large to read."""
    memory = math.ceil(positive_setting("WENDIFF_OCR_MEMORY", OCR_MEMORY / 1024**2, unit="megabytes")) * 1024**2
    per_page = positive_setting("WENDIFF_OCR_TIMEOUT", OCR_SECONDS_PER_PAGE, unit="seconds")
    seconds = per_page * len(numbers)
    command = [sys.executable, "-I", "-c", _OCR_CHILD, str(int(memory)), str(math.ceil(seconds) + 1),
               *map(str, numbers)]  # fmt: skip
    answer, _ = _run_child(
        command, data, seconds,
        f"reading {len(numbers)} scanned pages by OCR took over {seconds:g} s; refused "
        "(WENDIFF_OCR_TIMEOUT allows longer a page, WENDIFF_OCR=0 skips OCR)",
    )  # fmt: skip
    if not isinstance(answer, dict) or "error" in answer:
        raise ExtractError(f"OCR of the scanned pages failed (over its {human_size(int(memory))} memory limit?); "
                           "WENDIFF_OCR_MEMORY allows more, WENDIFF_OCR=0 skips OCR")  # fmt: skip
    if "bug" in answer:
        raise RuntimeError(f"the OCR reader failed:\n{answer['bug']}")
    read = {
        int(n): [(str(text), float(score), tuple(map(float, chars))) for text, score, chars in lines]
        for n, lines in answer["pages"].items()
    }
    return read, tuple(answer["too_large"])


def _uncertain(paged: Paged, read: dict[int, list[OcrRead]]) -> tuple[tuple[int, int], ...]:
    """Ranges of the text holding the OCR'd characters read with less than `ocr.LOW_CONFIDENCE` (adjacent ones
    make one range); a line without character confidences is one range when its own is that low."""
    out: list[tuple[int, int]] = []
    for number, lines in sorted(read.items()):
        pos = paged.pages[number - 1]
        for text, confidence, chars in lines:
            if len(chars) != len(text):
                chars = (confidence,) * len(text)
            for k, (char, sure) in enumerate(zip(text, chars, strict=True)):
                if sure >= ocr.LOW_CONFIDENCE or (char.isspace() and not text.strip()):
                    continue
                if out and out[-1][1] == pos + k:
                    out[-1] = (out[-1][0], pos + k + 1)
                else:
                    out.append((pos + k, pos + k + 1))
            pos += len(text) + 1
    return tuple(out)


GARBLED_SHARE = 0.25
"""An OCR layer is garbled when more than this share of its characters are ones no text holds."""
_USUAL = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff00-\uffef\u2000-\u206f0-9A-Za-z\s.,;:!?()%/'\"-]")


def garbled_share(text: str) -> float:
    """Share of the characters of ``text`` that a Chinese or English text does not hold
    (not hanzi, CJK or full-width punctuation, ASCII letters, digits or common punctuation)."""
    if not text:
        return 0.0
    return 1 - len(_USUAL.findall(text)) / len(text)


def _boxes(raw: object) -> list[list[Box]] | None:
    """The child's line places as tuples (JSON gives lists), or None."""
    if not isinstance(raw, list):
        return None
    return [[(float(box[0]), float(box[1])) if box else None for box in page] for page in raw]


def _in_child(data: bytes, limit: int) -> dict[str, list]:  # type: ignore[type-arg]
    """The child's answer for ``data``; an `ExtractError` for a refusal, a death or an overrun."""
    default_mb = (MEMORY_BASE + MEMORY_PER_BYTE * len(data)) / 1024**2
    memory = math.ceil(positive_setting("WENDIFF_PDF_MEMORY", default_mb, unit="megabytes")) * 1024**2
    seconds = positive_setting("WENDIFF_PDF_TIMEOUT", TIME_LIMIT, unit="seconds")
    command = [sys.executable, "-I", "-c", _CHILD, str(limit), str(int(memory)), str(math.ceil(seconds) + 1)]
    answer, status = _run_child(
        command, data, seconds,
        f"reading the PDF took over {seconds:g} s (a PDF bomb?); refused (WENDIFF_PDF_TIMEOUT allows longer)",
    )  # fmt: skip
    if not isinstance(answer, dict):
        raise ExtractError(_death(status, int(memory)))
    if "error" in answer:
        problem = str(answer["error"])
        if problem == "out of memory":
            problem = _death(-signal.SIGABRT, int(memory))
        raise ExtractError(problem)
    if "bug" in answer:
        raise RuntimeError(f"the PDF reader failed:\n{answer['bug']}")
    return answer


def _death(status: int, memory: int) -> str:
    """The problem of a child that ended without an answer."""
    how = f"signal {-status}" if status < 0 else f"status {status}"
    if status in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV, -getattr(signal, "SIGXCPU", 24)):
        how = {-signal.SIGABRT: "aborted", -signal.SIGKILL: "killed", -signal.SIGSEGV: "crashed"}.get(
            status, "out of CPU time"
        )
    return (f"PDFium {how} reading this PDF (over its {human_size(memory)} memory limit: a PDF bomb?); "
            "refused (WENDIFF_PDF_MEMORY allows more)")  # fmt: skip


def _run_child(command: list[str], data: bytes, seconds: float, too_long: str) -> tuple[Any, int]:
    """Run a reader child on ``data``: its JSON answer (None when it gave none) and its exit status;
    past ``seconds`` it is killed and ``too_long`` is the error."""
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        out, _ = child.communicate(data, timeout=seconds)
    except subprocess.TimeoutExpired:
        raise ExtractError(too_long) from None
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    status = child.wait()  # it has ended: communicate waited for it
    try:
        return (json.loads(out.decode("utf-8", "surrogatepass")) if out else None), status
    except ValueError:
        return None, status
