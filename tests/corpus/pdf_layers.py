"""Small PDFs written by hand for the text-layer tests: each line a text object in a given render mode.

The font is the standard CJK font STSong-Light with the predefined UniGB-UCS2-H encoding (not embedded:
PDFium substitutes a font and knows the encoding), so a test needs no font file; mode 3 draws nothing,
as the OCR layer that a scanner's software (ocrmypdf, Acrobat) lays under a page's image.
"""

from __future__ import annotations

from dataclasses import dataclass

VISIBLE, INVISIBLE = 0, 3


@dataclass(frozen=True)
class Line:
    text: str
    y: float
    mode: int = VISIBLE
    size: float = 12.0
    x: float = 72.0


def pdf_of(
    pages: list[list[Line]],
    width: float = 595.0,
    height: float = 842.0,
    over: tuple[int, tuple[float, float, float, float], bool] | None = None,
) -> bytes:
    """A PDF whose pages hold these lines (``y`` from the page's bottom, in points); ``over`` (page, box,
    transparent) draws a 1-pixel white image over that box of that page after its text."""
    objects: list[bytes] = [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts "
        b"[<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (GB1) /Supplement 4 >> /DW 1000 >>] >>",
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Length 1 >>\nstream\n\x00\nendstream",  # 3: the mask (0: transparent)
    ]
    mask = b" /SMask 2 0 R" if over is not None and over[2] else b""
    objects.append(b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB "
                   b"/BitsPerComponent 8%s /Length 3 >>\nstream\n\xff\xff\xff\nendstream" % mask)  # fmt: skip
    pages_id = 4 + 2 * len(pages)
    kids = []
    for number, lines in enumerate(pages):
        ops = "\n".join(
            f"BT /F1 {line.size} Tf {line.mode} Tr {line.x} {line.y} Td <{line.text.encode('utf-16-be').hex()}> Tj ET"
            for line in lines
        ).encode()
        if over is not None and over[0] == number:
            left, bottom, w, h = over[1]
            ops += f"\nq {w} 0 0 {h} {left} {bottom} cm /Im1 Do Q".encode()
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(ops), ops))
        objects.append(
            f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {width} {height}] /Contents {len(objects)} 0 R "
            "/Resources << /Font << /F1 1 0 R >> /XObject << /Im1 3 0 R >> >> >>".encode()
        )
        kids.append(f"{len(objects)} 0 R")
    objects.append(f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode())
    objects.append(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(objects), xref)
    return bytes(out)



def covered(pages: list[list[Line]], page: int, box: tuple[float, float, float, float], alpha: bool = False) -> bytes:
    """`pdf_of` these pages with a white image drawn over ``box`` (left, bottom, width, height in points) of
    page ``page`` (0-based), after its text: the text there is hidden, as under a scanner's page image; with
    ``alpha`` the image has a soft mask that makes it transparent (a seal's ground), which hides nothing."""
    return pdf_of(pages, over=(page, box, alpha))
