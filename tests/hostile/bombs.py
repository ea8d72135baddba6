"""Word documents that are decompression bombs, written in pieces (never held whole in memory).

Used by tests/hostile/test_limits.py and bench/bench_bombs.py.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

_PARAGRAPH = '<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>'
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)
_TAIL = "</w:body></w:document>"


def small_docx(text: str) -> bytes:
    """A real, small .docx holding ``text`` (one paragraph per line)."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_bomb(path: Path, paragraphs: int, chars_per_paragraph: int) -> int:
    """A .docx at ``path`` whose document.xml holds ``paragraphs`` identical paragraphs; its inflated size."""
    template = small_docx("第一条 本办法自公布之日起施行。")
    paragraph = _PARAGRAPH.format("国" * chars_per_paragraph).encode("utf-8")
    with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info, source.read(info))
        _append_deflated(out, paragraphs, paragraph)
    return len(_HEAD.encode()) + paragraphs * len(paragraph) + len(_TAIL.encode())


def _append_deflated(out: zipfile.ZipFile, paragraphs: int, paragraph: bytes) -> None:
    info = zipfile.ZipInfo("word/document.xml")
    info.compress_type = zipfile.ZIP_DEFLATED
    batch = paragraph * max(1, (1024 * 1024) // len(paragraph))
    per_batch = len(batch) // len(paragraph)
    with out.open(info, "w", force_zip64=True) as member:
        member.write(_HEAD.encode())
        left = paragraphs
        while left >= per_batch:
            member.write(batch)
            left -= per_batch
        member.write(paragraph * left)
        member.write(_TAIL.encode())
