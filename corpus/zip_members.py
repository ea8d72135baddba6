"""Which members of a zip container (.docx, .ofd) can be inflated, and one line for each that cannot.

Rules:

* Checked from the directory before anything is inflated (beside
  `corpus.limits.check_zip`): a member with the encryption flag, or
  compressed by a method Python's ``zipfile`` does not implement (implode,
  Deflate64, AES encryption …), is refused naming the member and the method.
* A member whose data does not inflate (damaged deflate data, a CRC that does
  not match, data cut short) is "damaged", naming it: `read_member` reads one
  member so, and `find_damaged` finds the first damaged member of an archive
  that a library (python-docx) failed to read.
* Every problem is an `ExtractError` with one line; `corpus.read` names the file.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Sequence

from corpus.extract import ExtractError

__all__ = ["check_members", "damaged", "find_damaged", "read_member"]

_READABLE = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA})
_METHODS = {1: "shrink", 2: "reduce", 3: "reduce", 4: "reduce", 5: "reduce", 6: "implode", 9: "Deflate64",
            10: "PKWARE implode", 18: "IBM TERSE", 19: "IBM LZ77", 93: "Zstandard", 95: "XZ", 96: "JPEG",
            97: "WavPack", 98: "PPMd", 99: "AES encryption"}  # fmt: skip
_FAILURES = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError)
_CHUNK = 1024 * 1024


def check_members(members: Sequence[zipfile.ZipInfo]) -> None:
    """Refuse an archive with an encrypted member or one compressed by a method that cannot be inflated."""
    for info in members:
        if info.flag_bits & 0x1:
            raise ExtractError(f"{info.filename} is encrypted (a password-protected archive); save an unprotected copy")
        if info.compress_type not in _READABLE:
            method = _METHODS.get(info.compress_type, "unknown")
            raise ExtractError(f"{info.filename} is compressed with method {info.compress_type} ({method}), "
                               "which wendiff cannot read; save the file again")  # fmt: skip


def damaged(kind: str, name: str) -> ExtractError:
    """The error for member ``name`` whose data does not inflate; ``kind`` says what file it is."""
    return ExtractError(f"{kind}: {name} is damaged (its compressed data does not inflate)")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, most: int, kind: str) -> bytes:
    """At most ``most`` + 1 bytes of member ``info``; a damaged member is an `ExtractError` naming it."""
    try:
        with archive.open(info) as part:
            return part.read(most + 1)
    except _FAILURES:
        raise damaged(kind, info.filename) from None


def find_damaged(archive: zipfile.ZipFile) -> str | None:
    """The name of the first member whose data does not inflate to its end (checking its CRC), or None."""
    for info in archive.infolist():
        try:
            with archive.open(info) as part:
                while part.read(_CHUNK):
                    pass
        except _FAILURES:
            return info.filename
    return None
