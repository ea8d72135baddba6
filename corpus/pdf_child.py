"""The child process that reads a PDF: PDFium runs here, under a memory and a CPU-time limit.

Rules:

* Run as ``python -I -c 'from corpus.pdf_child import main; main()' LIMIT MEMORY SECONDS``
  by `corpus.read_pdf` only: the PDF's bytes come on standard input, the answer
  goes to standard output as one JSON object: ``{"pages": [[line, ...], ...],
  "boxes": [[[top, height] or null, ...], ...], "textless": [n, ...],
  "ocr_layer": [n, ...]}``, or ``{"error": "one line"}`` for a PDF that cannot be
  read (an `ExtractError`), or ``{"bug": "traceback"}`` for a defect of wendiff.
* Before PDFium is loaded, the process limits itself: its address space to
  MEMORY bytes (``RLIMIT_AS``) and its CPU time to SECONDS (``RLIMIT_CPU``),
  where the platform has them. A PDF that needs more makes PDFium abort or the
  kernel stop this process; the parent sees a child that died without an
  answer and reports the file as unreadable. Nothing else is shared with the
  parent.
* Imports stay light (no package beyond ``corpus.pdf_text`` and what it needs).
"""

from __future__ import annotations

import json
import sys
import traceback

__all__ = ["limit_self", "main"]


def main() -> None:
    """Read the PDF on standard input under the limits given as arguments; answer on standard output."""
    limit, memory, seconds = (int(arg) for arg in sys.argv[1:4])
    limit_self(memory, seconds)
    data = sys.stdin.buffer.read()
    try:
        from corpus.extract import ExtractError
        from corpus.pdf_text import pdf_pages

        try:
            read = pdf_pages(data, limit)
            answer: dict[str, object] = {"pages": read.pages, "boxes": read.boxes, "textless": list(read.textless),
                                         "ocr_layer": list(read.ocr_layer)}  # fmt: skip
        except ExtractError as exc:
            answer = {"error": str(exc)}
        del data
        out = json.dumps(answer, ensure_ascii=False).encode("utf-8", "surrogatepass")
    except MemoryError:
        out = json.dumps({"error": "out of memory"}).encode()
    except Exception:  # a defect: the parent reports it as an internal error
        out = json.dumps({"bug": traceback.format_exc()}).encode()
    sys.stdout.buffer.write(out)
    sys.stdout.buffer.flush()


def limit_self(memory: int, seconds: int) -> None:
    """Cap this (child) process's address space at ``memory`` bytes and its CPU at ``seconds`` (the PDF
    and the OCR child both)."""
    try:
        import resource
    except ImportError:  # not on this platform: the parent's timeout still holds
        return
    for which, value in (("RLIMIT_AS", memory), ("RLIMIT_CPU", seconds)):
        kind = getattr(resource, which, None)
        if kind is None or value <= 0:
            continue
        _soft, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        try:
            resource.setrlimit(kind, (value, hard))
        except (ValueError, OSError):
            continue
