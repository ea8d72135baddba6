"""What a report says about how each document's text was read: pages read by OCR, an OCR text layer used,
scanned pages not compared.

Rules: the notes come from the document's source (`corpus.document.Source`: ``ocr_read_pages``,
``uncertain``, ``ocr_pages``, ``garbled_pages``, ``textless_pages``, ``too_large_pages``), the same facts
the warning on standard error, the JSON report and the app's summary bar give; pages are cited as the
reports cite them (``第2页``, ``第2、3页``). A document read as it is has no note (empty string).
"""

from __future__ import annotations

from corpus.document import Document

__all__ = ["reading_note"]


def _pages(pages: tuple[int, ...]) -> str:
    return f"第{'、'.join(map(str, pages))}页"


def reading_note(doc: Document) -> str:
    """``第2页由 OCR 识别（3 个字识别不确定）；第5页是扫描图像，没有文字层，未比较``, or empty."""
    source = doc.source
    notes: list[str] = []
    if source.ocr_read_pages:
        count = sum(hi - lo for lo, hi in source.uncertain)
        notes.append(f"{_pages(source.ocr_read_pages)}由 OCR 识别" + (f"（{count} 个字识别不确定）" if count else ""))
    if source.ocr_pages:
        notes.append(f"{_pages(source.ocr_pages)}用 OCR 文字层（没有可见文字）")
    if source.garbled_pages:
        notes.append(f"{_pages(source.garbled_pages)}的 OCR 文字层像是乱码，这些行可能对不齐")
    if source.textless_pages:
        notes.append(f"{_pages(source.textless_pages)}是扫描图像，没有文字层，未比较")
    if source.too_large_pages:
        notes.append(f"{_pages(source.too_large_pages)}扫描图像过大，未经 OCR 识别，未比较")
    return "；".join(notes)
