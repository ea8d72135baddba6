"""PDFs that attack the reader, written by hand (a few objects and a correct cross-reference table).

Used by tests/hostile/test_pdf_bombs.py and bench/bench_pdf_bombs.py:

* `recursive_xobject`: the page draws Form XObject 4, whose content draws
  itself twice (``q /X Do Q q /X Do Q``): PDFium expands it until memory runs out.
* `fan_out`: a chain of ``levels`` forms, each drawing the next ``fan`` times
  (``fan ** levels`` draws of a tiny text at the bottom).
* `dense_text`: ``pages`` pages sharing one Flate-compressed content stream of
  ``chars_per_page`` characters (a text layer far larger than the file).
"""

from __future__ import annotations

import zlib

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = b"BT /F1 12 Tf 72 720 Td (Article 1 applies.) Tj ET\n"


def write_pdf(objects: list[bytes]) -> bytes:
    """A PDF whose object N is ``objects[N - 1]`` (object 1 the catalog), with its xref and trailer."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(content: bytes, head: bytes = b"", *, compress: bool = False) -> bytes:
    """A stream object's text: ``head`` entries in its dictionary, ``content`` (Flate-compressed if asked)."""
    if compress:
        content = zlib.compress(content, 9)
        head += b" /Filter /FlateDecode"
    return b"<< %s /Length %d >>\nstream\n" % (head, len(content)) + content + b"\nendstream"


def _page(resources: bytes, contents: int = 4) -> bytes:
    return (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << %s /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % (resources, contents))  # fmt: skip


def _pages(kids: int, first: int = 5) -> bytes:
    refs = b" ".join(b"%d 0 R" % n for n in range(first, first + kids))
    return b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, kids)


def recursive_xobject() -> bytes:
    """One page that draws a form whose resources map /X to the form itself, drawn twice (about 800 bytes)."""
    form = stream(b"q /X Do Q q /X Do Q", b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                  b"/Resources << /XObject << /X 6 0 R >> >>")  # fmt: skip
    return write_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", _pages(1), _FONT, stream(_TEXT + b"q /X Do Q"),
        _page(b"/XObject << /X 6 0 R >>"), form,
    ])  # fmt: skip


def fan_out(levels: int, fan: int) -> bytes:
    """One page drawing form 1 of a chain where form k draws form k+1 ``fan`` times; the last draws text."""
    first = 6
    forms = []
    for level in range(levels):
        number = first + level
        if level == levels - 1:
            forms.append(stream(b"BT /F1 1 Tf (a) Tj ET", b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                                b"/Resources << /Font << /F1 3 0 R >> >>"))  # fmt: skip
        else:
            forms.append(stream(b"q /X Do Q " * fan, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                                b"/Resources << /XObject << /X %d 0 R >> >>" % (number + 1)))  # fmt: skip
    return write_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", _pages(1), _FONT, stream(_TEXT + b"q /X Do Q"),
        _page(b"/XObject << /X %d 0 R >>" % first), *forms,
    ])  # fmt: skip


def dense_text(chars_per_page: int, pages: int = 1) -> bytes:
    """``pages`` pages that all show one compressed content stream of ``chars_per_page`` letters."""
    lines = []
    per_line = 1000
    left = chars_per_page
    while left > 0:
        take = min(per_line, left)
        lines.append(b"(" + b"A" * take + b") Tj 0 -1 Td")
        left -= take
    content = b"BT /F1 1 Tf 0 790 Td 1 TL " + b"\n".join(lines) + b" ET"
    return write_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", _pages(pages), _FONT, stream(content, compress=True),
        *[_page(b"") for _ in range(pages)],
    ])  # fmt: skip
