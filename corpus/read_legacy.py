"""Legacy word-processor files (.doc, .wps, .rtf, .odt) read through LibreOffice: checked, converted, read as .docx.

Rules:

* The user's file is judged before LibreOffice sees it: a file that is a zip
  archive (an .odt, or any zip-based document under one of these names:
  LibreOffice goes by the content) is held to the zip-bomb checks and the size
  limit of corpus/limits.py, and one whose zip directory cannot be read is
  refused.
* The conversion is ``soffice --headless --convert-to docx``, run as
  corpus/soffice.py runs it (a temporary folder and profile of its own, linked
  content blocked, no network where possible, a timeout, the whole session
  killed and the folder removed on a timeout, an error or a signal).
  It runs for `CONVERT_TIMEOUT` seconds at most (``WENDIFF_SOFFICE_TIMEOUT``
  overrides it, checked by `corpus.environment.soffice_timeout`); a run that times out, fails or writes nothing is one
  `ExtractError` line, as is a .docx larger than `MAX_DOCX_BYTES`.
* The program is ``soffice`` on PATH (``WENDIFF_SOFFICE`` names another);
  without it the error names LibreOffice and the package to install.
* The .docx LibreOffice writes is our output, not the user's file: it is held
  to the size limit but not to the inflation ratio (a long, repetitive text
  compresses 200 times and is no bomb). It is stored again uncompressed and
  read with the ordinary .docx reader (`corpus.extract.extract_docx`); the
  document's format is then ``doc→docx`` (the input's extension, an arrow, docx).
* What LibreOffice makes of bytes that are no document is text full of
  control, unassigned and private-use characters (`corpus.read.odd_characters`):
  over `MAX_ODD_SHARE` of them (and at least `MIN_ODD`) is a binary file, as
  the same bytes in a .txt are.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile

from corpus.environment import DEFAULT_SOFFICE_TIMEOUT, soffice_timeout
from corpus.extract import ExtractError, extract_docx
from corpus.limits import check_total, check_zip
from corpus.read import odd_characters
from corpus.soffice import run_contained, work_folder, write_profile

__all__ = [
    "CONVERT_TIMEOUT", "MAX_DOCX_BYTES", "MAX_ODD_SHARE", "MIN_ODD", "convert_to_docx", "read_legacy", "soffice_path",
]  # fmt: skip

CONVERT_TIMEOUT = DEFAULT_SOFFICE_TIMEOUT
"""Seconds a conversion may take (a cold LibreOffice start takes a few)."""

MAX_DOCX_BYTES = 512 * 1024 * 1024
"""Size guard: a converted .docx larger than this is refused."""

MAX_ODD_SHARE = 0.01
"""Converted text with a larger share of odd characters is a binary file (random bytes give about 12 %)."""
MIN_ODD = 8
"""…and with at least this many (a short document with a symbol or two is still a document)."""

INSTALL_HINT = "install LibreOffice (e.g. apt-get install libreoffice-writer-nogui)"

_ZIP_MAGIC = b"PK\x03\x04"


def read_legacy(data: bytes, suffix: str, limit: int) -> str:
    """The text of ``data``, a file with extension ``suffix``, read through LibreOffice; ``limit`` as --max-size."""
    check_archive(data, suffix, limit)
    text = extract_docx(_stored(convert_to_docx(data, suffix), limit), limit)
    odd = odd_characters(text)
    if odd >= MIN_ODD and odd > MAX_ODD_SHARE * len(text):
        raise ExtractError(
            f"binary file, not a {suffix} document (LibreOffice read it as text with {odd:,} control, "
            f"unassigned or private-use characters in {len(text):,})"
        )
    return text


def check_archive(data: bytes, suffix: str, limit: int) -> None:
    """Refuse a zip-based ``data`` that is a bomb, inflates past ``limit`` or has no readable directory."""
    if not data.startswith(_ZIP_MAGIC):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise ExtractError(f"damaged {suffix} file (a zip archive whose directory cannot be read)") from None
    check_zip(members, limit)


def _stored(docx: bytes, limit: int) -> bytes:
    """LibreOffice's .docx held to ``limit`` and stored again uncompressed (so no ratio is judged, only the size)."""
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            members = archive.infolist()
            check_total(members, limit, "the converted document")
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as stored:
                for info in members:
                    stored.writestr(info.filename, archive.read(info))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise ExtractError("LibreOffice wrote a .docx that cannot be read") from None
    return out.getvalue()


def soffice_path() -> str | None:
    """The LibreOffice program to run, or None when it is not installed."""
    named = os.environ.get("WENDIFF_SOFFICE")
    if named:
        return shutil.which(named) or (named if os.path.isfile(named) else None)
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, suffix: str) -> bytes:
    """The bytes of ``data`` (a file with extension ``suffix``) converted to .docx by LibreOffice."""
    program = soffice_path()
    if program is None:
        raise ExtractError(f"reading {suffix} files needs LibreOffice (soffice not found); {INSTALL_HINT}")
    timeout = soffice_timeout()
    with work_folder() as folder:
        source = folder / f"input{suffix}"
        source.write_bytes(data)
        write_profile(folder / "profile")
        out = folder / "out"
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            str(out),
            str(source),
        ]
        try:
            run_contained(command, timeout)
        except subprocess.TimeoutExpired:
            raise ExtractError(f"LibreOffice did not convert the {suffix} file within {timeout:g} s") from None
        except OSError as exc:
            raise ExtractError(f"cannot run LibreOffice ({program}): {exc.strerror or exc}") from None
        result = out / "input.docx"
        if not result.is_file():
            raise ExtractError(f"LibreOffice could not convert the file (not a readable {suffix} document?)")
        if result.stat().st_size > MAX_DOCX_BYTES:
            raise ExtractError(f"converted document over the {MAX_DOCX_BYTES // 1024**2} MB limit")
        return result.read_bytes()
