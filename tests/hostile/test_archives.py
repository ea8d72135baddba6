"""Zip containers (.docx, .ofd) that are damaged, encrypted, oddly compressed or list a page many times, and
texts too large for one XML node (issue 24, items 8, 12 and 13): each is one line naming the file and the problem."""

from __future__ import annotations

import io
import random
import struct
import zipfile
from pathlib import Path

import pytest

from corpus import read_ofd
from corpus.errors import InputError
from corpus.read import read_source
from tui.cli import main

from .bombs import small_docx
from .conftest import one_line_error

OFD = Path(__file__).resolve().parents[1] / "data" / "formats" / "000.ofd"
DOCUMENT = "Doc_0/Document.xml"
PAGE = "Doc_0/Pages/Page_0/Content.xml"
_DOC_HEAD = '<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages>'


def _zip_with(source: bytes, parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    with zipfile.ZipFile(io.BytesIO(source)) as z:
        members = {name: z.read(name) for name in z.namelist()}
    members.update(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return out.getvalue()


def _ofd_listing(pages: int, loc: str = "Pages/Page_0/Content.xml") -> bytes:
    refs = "".join(f'<ofd:Page ID="{n}" BaseLoc="{loc}"/>' for n in range(pages))
    return _zip_with(OFD.read_bytes(), {DOCUMENT: (_DOC_HEAD + refs + "</ofd:Pages></ofd:Document>").encode()})


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- item 8: one page listed many times ---------------------------------------------------------------------


def test_an_ofd_listing_more_pages_than_the_limit_is_refused_before_any_page_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    parse = read_ofd._Package.xml
    monkeypatch.setattr(read_ofd._Package, "xml", lambda self, name: read.append(name) or parse(self, name))
    ofd = _write(tmp_path, "many.ofd", _ofd_listing(read_ofd.MAX_PAGES + 1))
    plain = _write(tmp_path, "plain.txt", "第一条\n".encode())
    assert main(["diff", str(ofd), str(plain)]) == 2
    assert one_line_error(capsys.readouterr().err) == (
        f"wendiff: {ofd}: OFD document lists 10,001 pages, over the limit of 10,000\n"
    )
    assert PAGE not in read


def test_a_page_listed_many_times_is_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    parse = read_ofd._Package.xml
    monkeypatch.setattr(read_ofd._Package, "xml", lambda self, name: read.append(name) or parse(self, name))
    source = read_source(str(_write(tmp_path, "repeat.ofd", _ofd_listing(300))))
    assert len(source.pages) == 300
    assert read.count(PAGE) == 1


# -- item 12: damaged, encrypted, oddly compressed members ------------------------------------------------


def _patch(data: bytes, member: str, *, flags: int | None = None, method: int | None = None) -> bytes:
    """``data`` with ``member``'s general-purpose flags or compression method changed in both of its headers."""
    out = bytearray(data)
    name = member.encode()
    for signature, flag_at, method_at, name_len_at, name_at in ((b"PK\x03\x04", 6, 8, 26, 30),
                                                               (b"PK\x01\x02", 8, 10, 28, 46)):  # fmt: skip
        at = -1
        while (at := out.find(signature, at + 1)) >= 0:
            length = struct.unpack_from("<H", out, at + name_len_at)[0]
            if bytes(out[at + name_at : at + name_at + length]) != name:
                continue
            if flags is not None:
                struct.pack_into("<H", out, at + flag_at, struct.unpack_from("<H", out, at + flag_at)[0] | flags)
            if method is not None:
                struct.pack_into("<H", out, at + method_at, method)
    return bytes(out)


def _damage(data: bytes, member: str) -> bytes:
    """``data`` with bytes in the middle of ``member``'s compressed data overwritten."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    middle = start + info.compress_size // 2
    out[middle : middle + 16] = b"\xff" * 16
    return bytes(out)


def _docx() -> bytes:
    return small_docx("第一条 本办法自公布之日起施行。\n" * 200)


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda data, member: _patch(data, member, flags=1),
         "{member} is encrypted (a password-protected archive); save an unprotected copy"),
        (lambda data, member: _patch(data, member, method=99),
         "{member} is compressed with method 99 (AES encryption), which wendiff cannot read; save the file again"),
        (lambda data, member: _patch(data, member, method=9),
         "{member} is compressed with method 9 (Deflate64), which wendiff cannot read; save the file again"),
        (lambda data, member: _patch(data, member, method=6),
         "{member} is compressed with method 6 (implode), which wendiff cannot read; save the file again"),
        (_damage, "{kind}: {member} is damaged (its compressed data does not inflate)"),
    ],
    ids=["encrypted", "aes", "deflate64", "implode", "damaged"],
)
@pytest.mark.parametrize(("suffix", "member"), [(".docx", "word/document.xml"), (".ofd", PAGE)])
def test_an_unreadable_zip_member_is_one_line_naming_the_file_and_the_member(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, problem: str, suffix: str, member: str
) -> None:
    data = _docx() if suffix == ".docx" else OFD.read_bytes()
    bad = _write(tmp_path, f"bad{suffix}", make(data, member))  # type: ignore[operator]
    plain = _write(tmp_path, "plain.txt", "第一条\n".encode())
    assert main(["diff", str(bad), str(plain)]) == 2
    err = one_line_error(capsys.readouterr().err)
    kind = "corrupt .docx file" if suffix == ".docx" else "malformed OFD file"
    assert err == f"wendiff: {bad}: {problem.format(member=member, kind=kind)}\n"


# -- item 13: a text too large for one XML node -----------------------------------------------------------


def _random_cjk(chars: int) -> str:
    rng = random.Random(13)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    return "".join(rng.choices(alphabet, k=chars))


def test_a_docx_with_a_12_mb_paragraph_is_not_called_corrupt(tmp_path: Path) -> None:
    template = _docx()
    with zipfile.ZipFile(io.BytesIO(template)) as z:
        document = z.read("word/document.xml").decode()
    paragraph = f'<w:p><w:r><w:t>{_random_cjk(4_000_000)}</w:t></w:r></w:p>'
    at = document.index("<w:body>") + len("<w:body>")
    body = (document[:at] + paragraph + document[at:]).encode()
    docx = _write(tmp_path, "long.docx", _zip_with(template, {"word/document.xml": body}))
    with pytest.raises(InputError) as refused:
        read_source(str(docx))
    assert str(refused.value) == (
        f"{docx}: a paragraph too large to read (over 10 MB of text in one piece); split it"
    )


def test_an_ofd_with_a_text_code_over_10_mb_is_read(tmp_path: Path) -> None:
    text = _random_cjk(3_700_000)  # 11 MB of UTF-8 in one TextCode
    with zipfile.ZipFile(OFD) as z:
        page = z.read(PAGE).decode()
    start = page.index("<ofd:TextCode")
    start = page.index(">", start) + 1
    end = page.index("</ofd:TextCode>", start)
    ofd = _write(tmp_path, "long.ofd", _zip_with(OFD.read_bytes(), {PAGE: (page[:start] + text + page[end:]).encode()}))
    assert text in read_source(str(ofd)).text
