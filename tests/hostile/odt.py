"""OpenDocument text files written by hand: a small one holding given XML, and a decompression bomb (in pieces).

Used by tests/hostile/test_office_and_dups.py and bench/bench_office_bombs.py.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

TEXT = "第一条 本办法自公布之日起施行。"
ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODT_MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
CONTENT_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    ' xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
    ' xmlns:xlink="http://www.w3.org/1999/xlink"'
    ' xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2">'
    "<office:body><office:text>"
)
CONTENT_TAIL = "</office:text></office:body></office:document-content>"


def write_odt(path: Path, body: str) -> Path:
    """An .odt written by hand: mimetype (stored, first), manifest, and ``body`` inside content.xml's text."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODT_MIMETYPE)
        archive.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", CONTENT_HEAD + body + CONTENT_TAIL, zipfile.ZIP_DEFLATED)
    return path



def write_odt_bomb(path: Path, inflated: int) -> Path:
    """An .odt whose content.xml inflates to ``inflated`` bytes of one repeated paragraph (written in pieces)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODT_MIMETYPE)
        archive.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("content.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        paragraph = f"<text:p>{TEXT}</text:p>".encode()
        chunk = paragraph * (1024 * 1024 // len(paragraph))
        with archive.open(info, "w", force_zip64=True) as member:
            member.write(CONTENT_HEAD.encode())
            for _ in range(inflated // len(chunk)):
                member.write(chunk)
            member.write(CONTENT_TAIL.encode())
    return path
