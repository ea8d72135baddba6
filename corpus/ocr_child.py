"""The child process that reads scanned PDF pages by OCR, under a memory and a CPU-time limit.

Rules:

* Run as ``python -I -c 'from corpus.ocr_child import main; main()' MEMORY SECONDS PAGE...`` by
  `corpus.read_pdf` only: the PDF's bytes on standard input; the answer on standard output as one
  JSON object ``{"pages": {"N": [[text, confidence, [confidence of each character]], ...]},
  "too_large": [N, ...]}``, or
  ``{"error": "one line"}`` (out of memory, in any of its forms: `failure`), or ``{"bug": "traceback"}``.
* Each page (1-based numbers) is rendered at `DPI`; a page whose image would hold more than
  `MAX_PIXELS` pixels is not read (``too_large``: the reader names it in a warning).
* The limits are set as in `corpus.pdf_child` before PDFium or the engine is loaded.
"""

from __future__ import annotations

import json
import sys
import traceback

from corpus.pdf_child import limit_self

__all__ = ["DPI", "MAX_PIXELS", "failure", "main"]

DPI = 200
"""Resolution pages are rendered at for OCR (print text at 10.5 pt and up reads well)."""
MAX_PIXELS = 16_000_000
"""Largest page image read (A2 at 200 dpi is about 15.5 million pixels)."""


def main() -> None:
    memory, seconds, *numbers = (int(arg) for arg in sys.argv[1:])
    limit_self(memory, seconds)
    data = sys.stdin.buffer.read()
    try:
        out = json.dumps(_read(data, numbers), ensure_ascii=False).encode("utf-8", "surrogatepass")
    except Exception as error:
        out = json.dumps(failure(error)).encode()
    sys.stdout.buffer.write(out)
    sys.stdout.buffer.flush()


def failure(error: BaseException) -> dict[str, str]:
    """The answer for what stopped the child: ``error`` when it ran out of memory (`_OUT_OF_MEMORY`), else
    ``bug`` with the traceback (a defect: the parent reports it as an internal error)."""
    chain: BaseException | None = error
    while chain is not None:
        if isinstance(chain, MemoryError) or any(sign in str(chain) for sign in _OUT_OF_MEMORY):
            return {"error": "out of memory"}
        chain = chain.__cause__ or chain.__context__
    return {"bug": "".join(traceback.format_exception(error))}


_OUT_OF_MEMORY = ("failed to map segment from shared object", "Cannot allocate memory", "std::bad_alloc")
"""How running out of the address space shows besides `MemoryError`: a library the import cannot map (the
engine loaded under the limit), and onnxruntime's allocation failure (a page too big for it), in the message of
the error or of one it was raised from."""


def _read(data: bytes, numbers: list[int]) -> dict[str, object]:
    import pypdfium2 as pdfium

    from corpus.ocr import ocr_image

    pdf = pdfium.PdfDocument(data)
    pages: dict[str, list[list[object]]] = {}
    too_large: list[int] = []
    scale = DPI / 72
    for number in numbers:
        page = pdf[number - 1]
        width, height = page.get_size()
        if width * scale * height * scale > MAX_PIXELS:
            too_large.append(number)
            continue
        image = page.render(scale=scale).to_pil().convert("RGB")
        pages[str(number)] = [
            [line.text, round(line.confidence, 3), [round(c, 3) for c in line.chars]] for line in ocr_image(image)
        ]
    return {"pages": pages, "too_large": too_large}
