"""Bytes in, `Source` out: reading files and decoding them.

Rules:

* Every problem with an input is an `InputError` naming the file and the
  problem in one line (missing, a directory, no permission, too large, binary,
  undecodable, a corrupt .docx, a PDF without a text layer, encrypted or
  truncated, a malformed OFD, no LibreOffice for a .doc); never a traceback.
* Only regular files are read (after links are followed): a FIFO, socket or
  device is refused before it is opened (opening a FIFO would wait forever).
  Standard input (``-``) may be a pipe.
* A .docx, HTML, PDF, OFD or legacy Word file that is not empty but yields no
  text is refused (never an empty document by accident).
* ``Source.name`` is `corpus.display.report_name` of the path: bytes of a
  name that were not UTF-8 are written ``\\xff`` there.
* The size is checked with ``stat`` before a regular file is read, and standard
  input is read only up to one byte past the limit. The same limit holds for
  what a container (.docx) inflates to and for the text extracted from it
  (corpus/limits.py): a decompression bomb is refused before it is inflated.
  A file larger than an eighth of the machine's memory is refused whatever the
  limit, and a read never asks for a buffer of the limit's size up front: a
  file too large for memory is one line naming it, never a `MemoryError`.
* The format follows the name's extension: .html/.htm pages give their main
  text and their metadata table's pairs (``Source.page_meta``), .docx files
  their paragraphs and table rows (`corpus.extract`); .pdf
  the text layer page by page (`corpus.read_pdf`), .ofd the text of its pages
  (`corpus.read_ofd`), each with its page starts and page furniture;
  .doc/.wps/.rtf/.odt are converted to .docx by LibreOffice and read as .docx
  (`corpus.read_legacy`: a zip-based one is checked for bombs first, and
  what LibreOffice makes of random bytes is a binary file); anything else is a text file. ``Source.text`` is
  that text and all offsets refer to it; ``Source.format`` says how it was
  obtained; ``sha256``, ``size`` and ``data`` are of the original bytes.
* This module is the one reader: every command reads documents through
  `read_source` or `source_from_bytes`.
* Decoding (`decode`): a byte order mark wins (UTF-8, UTF-16 LE/BE); bytes with
  NULs are UTF-16 without a BOM when a byte order decodes them to clean text
  (no NULs, controls, unassigned or private-use characters), strictly or with
  a few unpaired surrogates (the byte order the NULs point to first, never
  the other order's mojibake), and otherwise a binary file; then strict UTF-8; then (HTML only) the declared
  ``<meta charset>``; then GB18030 or the Big5 family, whichever decodes
  strictly and gives the larger share of frequent characters. GBK and
  GB2312 are decoded (and reported) as their superset GB18030; Big5 text is
  reported as ``big5``, or ``cp950``/``big5hkscs`` when only that extension
  decodes it. Line endings are kept as they are.
* Lenient decoding (the default): UTF-8 (or UTF-16) valid but for a few invalid
  sequences (at most 0.1 % of the bytes, `_utf8_with_few_errors`) is read
  with U+FFFD in their place, and ``Source.decode_errors`` records how many
  and where the first was (the command line prints it as one warning line).
  It is tried after strict UTF-8 (and a declared charset), before GB18030/Big5
  detection. More errors keep the error above; ``strict_decode`` refuses any.
"""

from __future__ import annotations

import codecs
import collections
import functools
import hashlib
import os
import re
import stat
import sys
import threading
import unicodedata
from pathlib import PurePath
from typing import BinaryIO

from corpus.display import report_name
from corpus.document import DecodeErrors, Source
from corpus.errors import InputError, LimitError
from corpus.extract import ExtractError, extract_docx, extract_web
from corpus.limits import check_text, human_size

__all__ = [
    "DEFAULT_MAX_SIZE", "LEGACY_EXTENSIONS", "STDIN", "TRIED_ENCODINGS", "decode", "decode_text", "odd_characters",
    "read_source", "source_from_bytes",
]  # fmt: skip

DEFAULT_MAX_SIZE = 100 * 1024 * 1024
"""Largest input read by default (bytes); ``--max-size`` raises it."""

STDIN = "-"
"""The name that stands for standard input."""

BIG5_FAMILY = ("big5", "cp950", "big5hkscs")
"""Big5 and its extensions, narrowest first: the first that decodes is reported."""

TRIED_ENCODINGS = ("UTF-8", "UTF-16", "GB18030", "Big5", "CP950", "Big5-HKSCS")
"""Named in the error for undecodable bytes."""

_SAMPLE_CHARS = 32 * 1024
_PLAIN_ENOUGH = 0.9
_GB_ALIASES = {"gb2312", "gbk", "gb18030", "cp936"}
_HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
_DOCX_EXTENSION = ".docx"
_PDF_EXTENSION = ".pdf"
_OFD_EXTENSION = ".ofd"
LEGACY_EXTENSIONS = frozenset({".doc", ".wps", ".rtf", ".odt"})
"""Converted to .docx by LibreOffice first (`corpus.read_legacy`)."""
_EXTRACTED = _HTML_EXTENSIONS | {_DOCX_EXTENSION, _PDF_EXTENSION, _OFD_EXTENSION} | LEGACY_EXTENSIONS
"""Formats whose text is extracted (and held to the size limit again)."""
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BAD_IN_TEXT = frozenset({"Cc", "Cn", "Co", "Cs"})
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


def read_source(path: str, max_size: int = DEFAULT_MAX_SIZE, *, strict_decode: bool = False) -> Source:
    """Read and decode ``path`` (``-`` for standard input); see `source_from_bytes`."""
    if path == STDIN:
        try:
            data = _read_limited(path, sys.stdin.buffer, max_size)
        except MemoryError:
            raise InputError(path, "input too large to read into memory") from None
        return source_from_bytes(STDIN, data, max_size, strict_decode=strict_decode)
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, f"not a regular file ({_kind(info.st_mode)}); only files are read")
    if info.st_size > max_size:
        raise InputError(path, _too_large(info.st_size, max_size))
    if info.st_size > (bound := _memory_bound()):
        raise InputError(path, f"{_too_large_for_memory(info.st_size)} (at most {human_size(bound)} on this machine)")
    try:
        with open(path, "rb") as handle:
            data = _read_limited(path, handle, max_size, info.st_size)
    except MemoryError:
        raise InputError(path, _too_large_for_memory(info.st_size)) from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    return source_from_bytes(path, data, max_size, strict_decode=strict_decode)


def _kind(mode: int) -> str:
    """What a non-regular file is, in a word or two."""
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):  # fmt: skip
        if test(mode):
            return kind
    return "not a regular file"


def _read_limited(name: str, stream: BinaryIO, max_size: int, expected: int | None = None) -> bytes:
    """All of ``stream``, or an error as soon as it is longer than ``max_size``.

    Read in one piece of the ``expected`` size (a file's), else in pieces of `_PIECE`: never a buffer of
    ``max_size`` bytes up front (``--max-size 1T`` would ask for a terabyte).
    """
    pieces: list[bytes] = []
    total = 0
    want = _PIECE if expected is None else expected + 1
    while piece := stream.read(min(want, max_size + 1 - total)):
        pieces.append(piece)
        total += len(piece)
        if total > max_size:
            raise InputError(name, _too_large(None, max_size))
        want = _PIECE
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)


_PIECE = 16 * 1024 * 1024
"""Bytes read at a time from a stream of unknown size."""


def _memory_bound() -> int:
    """The largest file read: an eighth of the machine's memory (a document takes several times its size)."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 8
    except (AttributeError, ValueError, OSError):
        return MAX_SIZE_UNKNOWN_MEMORY


MAX_SIZE_UNKNOWN_MEMORY = 1024**4
"""The bound where the machine's memory cannot be asked (``--max-size`` is at most this anyway)."""


def _too_large_for_memory(size: int) -> str:
    return f"file is {human_size(size)}: too large to read into memory"


def _too_large(size: int | None, max_size: int) -> str:
    what = f"file is {human_size(size)}" if size is not None else "input is"
    return f"{what} over the {human_size(max_size)} size limit (raise it with --max-size)"


def source_from_bytes(
    name: str, data: bytes, max_size: int = DEFAULT_MAX_SIZE, *, strict_decode: bool = False
) -> Source:
    """A `Source` for ``data`` read from ``name`` (its extension picks the format).

    What a container inflates to and the text extracted are held to ``max_size``
    (corpus/limits.py). ``strict_decode`` refuses a text with any invalid byte
    sequence instead of reading a few of them as U+FFFD.
    """
    name = report_name(name)
    suffix = PurePath(name).suffix.lower() if name != STDIN else ""
    decode_errors: DecodeErrors | None = None
    pages: tuple[int, ...] = ()
    furniture: tuple[tuple[int, int], ...] = ()
    textless: tuple[int, ...] = ()
    page_meta: tuple[tuple[str, str], ...] = ()
    ocr_pages: tuple[int, ...] = ()
    garbled: tuple[int, ...] = ()
    ocr_read: tuple[int, ...] = ()
    too_large: tuple[int, ...] = ()
    uncertain: tuple[tuple[int, int], ...] = ()
    try:
        if suffix == _DOCX_EXTENSION:
            text, encoding = extract_docx(data, max_size), "docx"
        elif suffix in LEGACY_EXTENSIONS:
            from corpus.read_legacy import read_legacy

            encoding = f"{suffix[1:]}→docx"
            text = read_legacy(data, suffix, max_size)
        elif suffix in (_PDF_EXTENSION, _OFD_EXTENSION):
            if suffix == _PDF_EXTENSION:
                from corpus.read_pdf import extract_pdf as extract_paged
            else:
                from corpus.read_ofd import extract_ofd as extract_paged
            paged = extract_paged(data, max_size)
            text, encoding, pages, furniture = paged.text, suffix[1:], paged.pages, paged.furniture
            textless, ocr_pages, garbled = paged.textless, paged.ocr_layer, paged.garbled
            ocr_read, too_large, uncertain = paged.ocr_read, paged.too_large, paged.uncertain
        elif suffix in _HTML_EXTENSIONS:
            html, encoding, decode_errors = decode_text(name, data, _declared_charset(data), strict=strict_decode)
            web = extract_web(html)
            text, page_meta = web.text, web.meta
        else:
            text, encoding, decode_errors = decode_text(name, data, strict=strict_decode)
        if suffix in _EXTRACTED:
            check_text(text, max_size)
            if not text.strip() and data.strip():
                raise InputError(name, f"no text found in {human_size(len(data))} ({_format_name(suffix)} "
                                       f"yields nothing: {_nothing_why(suffix)})")  # fmt: skip
    except (ExtractError, LimitError) as exc:
        raise InputError(name, str(exc)) from None
    return Source(
        name=name,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        data=data,
        format=_format(suffix, encoding),
        pages=pages,
        furniture=furniture,
        decode_errors=decode_errors,
        textless_pages=textless,
        ocr_pages=ocr_pages,
        garbled_pages=garbled,
        ocr_read_pages=ocr_read,
        too_large_pages=too_large,
        uncertain=uncertain,
        page_meta=page_meta,
    )


def _format(suffix: str, encoding: str) -> str:
    """The ``format`` of a source: how its text was obtained."""
    if suffix in _HTML_EXTENSIONS:
        return "html"
    if suffix in _EXTRACTED:
        return encoding
    return "text"


def _nothing_why(suffix: str) -> str:
    if suffix in _HTML_EXTENSIONS:
        return "no body beside navigation, metadata and page furniture, empty, or nested too deep to read?"
    return "empty, or nested too deep to read?"


def _format_name(suffix: str) -> str:
    if suffix in _HTML_EXTENSIONS:
        return "the HTML page"
    return {_PDF_EXTENSION: "the PDF", _OFD_EXTENSION: "the OFD"}.get(suffix, "the Word document")


def decode(name: str, data: bytes, hint: str | None = None) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was decoded with, refusing any invalid byte.

    ``hint`` is an encoding the file declares (an HTML ``<meta charset>``); it
    is tried after a byte order mark and before detection.
    """
    text, encoding, _ = decode_text(name, data, hint, strict=True)
    return text, encoding


def decode_text(
    name: str, data: bytes, hint: str | None = None, *, strict: bool = False
) -> tuple[str, str, DecodeErrors | None]:
    """The text of ``data``, its encoding, and the invalid sequences read as U+FFFD (lenient only).

    Unless ``strict``, UTF-8 that is valid except for a few invalid sequences
    (`_few_errors`) is read with U+FFFD in their place; it is tried after a
    byte order mark, strict UTF-8 and a declared charset, before GB18030/Big5
    detection (which could otherwise take cut UTF-8 for rare GB18030 text).
    """
    if not data:
        return "", "utf-8", None
    bom = _decode_bom(name, data, strict)
    if bom is not None:
        return bom
    if b"\x00" in data:
        utf16 = _decode_utf16_without_bom(name, data, strict)
        if utf16 is None:
            raise InputError(name, "binary file, not a text document")
        return utf16
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    if hint is not None:
        hinted = _decode_hint(data, hint)
        if hinted is not None:
            return (*hinted, None)
    if not strict:
        lenient = _utf8_with_few_errors(data)
        if lenient is not None:
            return lenient[0], "utf-8", lenient[1]
    detected = _detect(data)
    if detected is None:
        raise InputError(
            name, f"cannot decode the text (tried {', '.join(TRIED_ENCODINGS)}); save it as UTF-8"
        )
    return (*detected, None)


MAX_DECODE_ERROR_SHARE = 0.001
"""Lenient decoding reads UTF-8 with at most this share of its bytes in invalid sequences (at least one)."""

_VALID_PER_ERROR = 10
"""…and with at least this many valid non-ASCII characters per invalid sequence (evidence it is UTF-8)."""


class _TooManyErrors(Exception):
    """Raised by the counting error handler to stop a decode that has more errors than allowed."""


_COUNTING = threading.local()
"""Per thread: the invalid sequences met by the current lenient decode, and how many are allowed."""


def _count_and_replace(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler ``wendiff-count``: note the invalid sequence, put U+FFFD in its place."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    seen: list[int] = _COUNTING.starts
    seen.append(exc.start)
    if len(seen) > _COUNTING.limit:
        raise _TooManyErrors
    return "\ufffd", exc.end


codecs.register_error("wendiff-count", _count_and_replace)


def _utf8_with_few_errors(data: bytes, offset: int = 0) -> tuple[str, DecodeErrors] | None:
    """``data`` as UTF-8 with each invalid sequence read as U+FFFD, when there are few of them.

    Few: at most `MAX_DECODE_ERROR_SHARE` of the bytes (one is always allowed)
    and `_VALID_PER_ERROR` valid non-ASCII characters for each; otherwise None.
    ``offset`` is added to the byte offset reported (the length of a BOM). One
    pass: a codec error handler counts the errors and stops the decode past
    the limit.
    """
    lenient = _with_few_errors(data, "utf-8", offset)
    if lenient is None:
        return None
    text, errors = lenient
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore")) - errors.count
    return lenient if non_ascii >= _VALID_PER_ERROR * errors.count else None


def _with_few_errors(data: bytes, encoding: str, offset: int = 0) -> tuple[str, DecodeErrors] | None:
    """``data`` in ``encoding`` with each invalid sequence read as U+FFFD, when there are some but at most
    `MAX_DECODE_ERROR_SHARE` of the bytes (one is always allowed); otherwise None. One pass: a codec
    error handler counts the errors and stops the decode past the limit."""
    starts: list[int] = []
    _COUNTING.starts = starts
    _COUNTING.limit = max(1, int(len(data) * MAX_DECODE_ERROR_SHARE))
    try:
        text = data.decode(encoding, errors="wendiff-count")
    except _TooManyErrors:
        return None
    finally:
        _COUNTING.starts = []
    if not starts:
        return None
    first_offset = len(data[: starts[0]].decode(encoding, errors="replace"))
    return text, DecodeErrors(len(starts), offset + starts[0], first_offset)


def _decode_bom(name: str, data: bytes, strict: bool) -> tuple[str, str, DecodeErrors | None] | None:
    """Decode by byte order mark, if there is one; the mark is not part of the text."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding.removesuffix("-sig")), encoding, None
            except UnicodeDecodeError as exc:
                if not strict:
                    body = data[len(bom) :]
                    lenient = (
                        _utf8_with_few_errors(body, len(bom))
                        if encoding == "utf-8-sig"
                        else _with_few_errors(body, encoding, len(bom))
                    )
                    if lenient is not None:
                        return lenient[0], encoding, lenient[1]
                at = exc.start + len(bom)
                raise InputError(
                    name, f"starts with a {encoding} byte order mark but byte {at} is invalid"
                ) from None
    return None


def _decode_utf16_without_bom(
    name: str, data: bytes, strict: bool
) -> tuple[str, str, DecodeErrors | None] | None:
    """UTF-16 text without a BOM: a byte order that decodes to clean text, strictly or with a few errors.

    Binary data fails in both orders: it holds NUL code units, unpaired
    surrogates, unassigned or private-use characters. The side of the NULs
    picks which order is tried first: ASCII characters have a NUL high byte
    (as common CJK characters have a NUL low byte: 一 is U+4E00, so the other
    order is tried too). An order that decodes strictly to text that is mostly
    ASCII and CJK wins; else one that does so with a few invalid sequences
    (unpaired surrogates: at most `MAX_DECODE_ERROR_SHARE` of the bytes) wins,
    with U+FFFD in their place and ``DecodeErrors`` (``strict`` refuses it,
    naming the first); else of the clean strict decodes, the one with more
    ASCII and CJK characters. Never the other order's mojibake because one
    sequence is invalid.
    """
    if len(data) % 2:
        return None
    orders = ["utf-16-le", "utf-16-be"]
    if data[0::2].count(0) > data[1::2].count(0):
        orders.reverse()  # ASCII's NUL high bytes say big-endian
    decodes = []
    for encoding in orders:
        decoded = _strict(data, encoding)
        if decoded is not None:
            if _looks_like_text(decoded[0]):
                if _plain_share(decoded[0]) >= _PLAIN_ENOUGH:
                    return (*decoded, None)
                decodes.append(decoded)
            continue
        lenient = _with_few_errors(data, encoding)
        if lenient is None:
            continue
        text, errors = lenient
        if _looks_like_text(text.replace("\ufffd", "")) and _plain_share(text) >= _PLAIN_ENOUGH:
            if strict:
                raise InputError(name, f"invalid {encoding} sequence at byte {errors.first_byte} "
                                       "(UTF-16 without a byte order mark)")  # fmt: skip
            return text, encoding, errors
    best = max(decodes, key=lambda d: _plain_share(d[0]), default=None)
    return None if best is None else (*best, None)


def _plain_share(text: str) -> float:
    """Share of ASCII and CJK characters in (a sample of) ``text``."""
    sample = text[:_SAMPLE_CHARS]
    plain = sum(1 for c in sample if c < "\x80" or "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")
    return plain / len(sample)


def _looks_like_text(text: str) -> bool:
    """No control, unassigned or private-use characters except ordinary line controls."""
    return not any(_odd(c) for c in set(text))


def odd_characters(text: str) -> int:
    """How many characters of ``text`` `_looks_like_text` objects to (converted text is judged by their share)."""
    return sum(count for c, count in collections.Counter(text).items() if _odd(c))


def _odd(c: str) -> bool:
    return unicodedata.category(c) in _BAD_IN_TEXT and c not in _TEXT_CONTROLS


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` near its start."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _decode_hint(data: bytes, hint: str) -> tuple[str, str] | None:
    """Decode with a declared encoding (GB names as GB18030), if it is known and fits."""
    try:
        canonical = codecs.lookup(hint).name
    except LookupError:
        return None
    if canonical in _GB_ALIASES or hint in _GB_ALIASES:
        return _strict(data, "gb18030")
    if canonical in BIG5_FAMILY:
        return _decode_big5(data)
    return _strict(data, canonical)


def _detect(data: bytes) -> tuple[str, str] | None:
    """GB18030 or Big5: of the strict decodes, the one whose characters are most common.

    A simplified text read as Big5, or a Big5 text read as GB18030, turns into
    rare characters, kana and box-drawing signs; read right, nearly every
    character is in the frequent part of its own character set. Ties (two or
    three characters) go to GB18030.
    """
    decodes = [d for d in (_strict(data, "gb18030"), _decode_big5(data)) if d is not None]
    if len(decodes) <= 1:
        return decodes[0] if decodes else None
    return max(decodes, key=lambda d: (_common_share(d[0], d[1]), d[1] == "gb18030"))


def _common_share(text: str, encoding: str) -> float:
    """Share of the non-ASCII characters (in a sample) that are frequent in ``encoding``'s set."""
    common = _common_chars("gb18030" if encoding == "gb18030" else "big5")
    sample = [c for c in text[:_SAMPLE_CHARS] if c >= "\x80"]
    if not sample:
        return 1.0
    return sum(c in common for c in sample) / len(sample)


@functools.cache
def _common_chars(charset: str) -> frozenset[str]:
    """Punctuation and frequent hanzi: GB2312 rows A1-A3 and B0-F7, or Big5 A140-A3BF and A440-C67E."""
    if charset == "gb18030":
        codec, ranges = "gb2312", ((0xA1A1, 0xA3FE), (0xB0A1, 0xF7FE))
    else:
        codec, ranges = "big5", ((0xA140, 0xA3BF), (0xA440, 0xC67E))
    chars: set[str] = set()
    for lo, hi in ranges:
        for code in range(lo, hi + 1):
            try:
                chars.add(code.to_bytes(2, "big").decode(codec))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def _decode_big5(data: bytes) -> tuple[str, str] | None:
    """Decode with the narrowest member of the Big5 family that accepts every byte."""
    for encoding in BIG5_FAMILY:
        decoded = _strict(data, encoding)
        if decoded is not None:
            return decoded
    return None


def _strict(data: bytes, encoding: str) -> tuple[str, str] | None:
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return None
