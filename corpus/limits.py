"""Limits for container formats: what a file may inflate to and what may be extracted from it.

Rules:

* A container (a .docx, an .ofd, or a zip-based file handed to LibreOffice:
  a zip archive) is checked from its directory before any
  member is inflated: at most `MAX_MEMBERS` members; no member larger than
  `RATIO_FLOOR` declaring more than `MAX_RATIO` times its compressed size (a
  decompression bomb); the declared sizes together at most the size limit
  (``--max-size``). ``--max-size`` thus limits the bytes read, inflated and
  extracted alike.
* `check_zip` is `check_members` (count and ratio) and `check_total` (the
  size). A .docx that LibreOffice wrote is our own output, not the user's
  file: it is held to the size only (`corpus.read_legacy`).
* Declared sizes are binding: Python's ``zipfile`` inflates a member in
  bounded pieces and never hands out more than the member declares (a member
  that would inflate past it fails its CRC check: a corrupt file). So checking
  the directory bounds what a container can inflate to, and the memory it can
  take, before any member is read.
* The extracted text is held to the same limit (`check_text`), in UTF-8 bytes.
* Every refusal is a `LimitError` whose message is one line; `corpus.read`
  names the file in front of it.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence

from corpus.errors import LimitError

__all__ = [
    "MAX_MEMBERS", "MAX_RATIO", "RATIO_FLOOR", "check_members", "check_text", "check_total", "check_zip", "human_size",
]  # fmt: skip

MAX_MEMBERS = 10_000
"""Members of an archive; a Word document has a few dozen."""
MAX_RATIO = 100
"""Largest inflated/compressed ratio of a member (XML compresses 5-20 times; Apache POI uses 100 too)."""
RATIO_FLOOR = 1024 * 1024
"""Members that inflate to less than this are not held to `MAX_RATIO` (a tiny member can compress well)."""


def check_zip(members: Sequence[zipfile.ZipInfo], limit: int) -> None:
    """Refuse an archive whose directory declares a bomb or more than ``limit`` bytes, before inflating."""
    check_members(members)
    check_total(members, limit)


def check_members(members: Sequence[zipfile.ZipInfo]) -> None:
    """Refuse an archive of too many members, or with a member that would inflate `MAX_RATIO` times."""
    if len(members) > MAX_MEMBERS:
        raise LimitError(f"archive holds {len(members):,} members, over the limit of {MAX_MEMBERS:,}")
    for info in members:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise LimitError(
                f"{info.filename} would inflate {ratio:,} times to {human_size(info.file_size)} "
                f"(a decompression bomb?); refused before inflating"
            )


def check_total(members: Sequence[zipfile.ZipInfo], limit: int, what: str = "archive") -> None:
    """Refuse an archive (``what`` names it in the message) whose members declare more than ``limit`` bytes."""
    total = sum(info.file_size for info in members)
    if total > limit:
        raise LimitError(
            f"{what} inflates to {human_size(total)}, over the {human_size(limit)} size limit "
            "(raise it with --max-size)"
        )


def check_text(text: str, limit: int) -> None:
    """Refuse extracted ``text`` longer than ``limit`` bytes in UTF-8."""
    if len(text) > limit or (len(text) * 3 > limit and len(text.encode("utf-8", "surrogatepass")) > limit):
        raise LimitError(
            f"extracted text is over the {human_size(limit)} size limit (raise it with --max-size)"
        )


def human_size(size: int) -> str:
    """``12 MB``-style size for messages."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            value = size / factor
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"
