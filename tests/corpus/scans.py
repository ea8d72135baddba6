"""Pages scanned badly, for the OCR tests and bench/bench_ocr.py: a page image turned a little, grey noise,
and a red stamp over part of the text, as a stamped original comes out of an office scanner."""

from __future__ import annotations

import random
from typing import Any


def spoil(image: Any, seed: int = 0, angle: float = 0.8) -> Any:
    """``image`` (a PIL RGB page) turned by ``angle`` degrees, with noise and a red stamp; a new image."""
    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(seed)
    width, height = image.size
    page = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    stamp = Image.new("RGBA", page.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(stamp)
    radius = width // 9
    cx, cy = int(width * 0.62), int(height * 0.32)
    red = (220, 30, 30, 150)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=max(4, radius // 14))
    star = [(cx + radius * 0.35 * _cos(k * 144 - 90), cy + radius * 0.35 * _sin(k * 144 - 90)) for k in range(5)]
    draw.polygon(star, fill=red)
    try:
        font = ImageFont.truetype("NotoSansCJK-Regular.ttc", radius // 4)
        draw.text((cx - radius * 0.7, cy + radius * 0.45), "某某市人民政府", fill=red, font=font)
    except OSError:
        pass
    page = Image.alpha_composite(page.convert("RGBA"), stamp).convert("RGB")
    pixels = page.load()
    for _ in range(width * height // 200):
        x, y = rng.randrange(width), rng.randrange(height)
        grey = rng.randrange(90, 200)
        pixels[x, y] = (grey, grey, grey)
    return page


def _cos(degrees: float) -> float:
    import math

    return math.cos(math.radians(degrees))


def _sin(degrees: float) -> float:
    import math

    return math.sin(math.radians(degrees))


def rendered(pdf: bytes, index: int = 0, dpi: int = 200) -> Any:
    """Page ``index`` of a PDF as a PIL RGB image at ``dpi``."""
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(pdf)[index].render(scale=dpi / 72).to_pil().convert("RGB")


def scanned_pdf(pages: list[Any | bytes], dpi: int = 200) -> bytes:
    """A PDF of these pages: an image (PIL) is an image-only page at ``dpi``; bytes are a PDF whose
    first page is copied as it is (a page with a text layer)."""
    import io

    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    for page in pages:
        if isinstance(page, bytes):
            out.import_pages(pdfium.PdfDocument(page), [0])
            continue
        width, height = page.size[0] * 72 / dpi, page.size[1] * 72 / dpi
        new_page = out.new_page(width, height)
        image = pdfium.PdfImage.new(out)
        image.set_bitmap(pdfium.PdfBitmap.from_pil(page))
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        new_page.insert_obj(image)
        new_page.gen_content()
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


FIRST = "第一条 为了规范管理，制定本办法。"
"""The text page of `mixed_pdf`."""
LINES = ["第二条 本办法自公布之日起施行。", "第三条 有关部门应当依法履行职责。"]
"""The two lines of `mixed_pdf`'s scanned page."""
NEEDS_EXTRA = "needs the OCR extra: pip install 'wendiff[ocr]'"


def mixed_pdf() -> bytes:
    """Page 1 with a text layer; page 2 a bad scan (turned, noisy, a red seal over its text) of two lines."""
    from tests.corpus.pdf_layers import Line, pdf_of

    text_page = pdf_of([[Line(FIRST, 100, size=14, x=20)]], width=320, height=130)
    scan_page = pdf_of([[Line(t, 100 - 30 * k, size=14, x=20) for k, t in enumerate(LINES)]], width=320, height=130)
    return scanned_pdf([text_page, spoil(rendered(scan_page), seed=1)])
