"""Legacy word-processor files (.doc, .wps, .rtf, .odt) converted to .docx by LibreOffice.

Rules:

* The conversion is ``soffice --headless --convert-to docx``, run in a fresh
  temporary folder that holds the input, the output and a LibreOffice user
  profile of its own (``-env:UserInstallation``), so concurrent runs never
  share a profile or a lock; the folder is removed afterwards.
* It runs with a timeout (`CONVERT_TIMEOUT` seconds, ``WENDIFF_SOFFICE_TIMEOUT``
  overrides it, checked by `corpus.environment.soffice_timeout`), in a
  process session of its own, so that a timeout kills
  LibreOffice's own child process too; a run that times out, fails or writes
  nothing is one `ExtractError` line, as is a .docx larger than
  `MAX_DOCX_BYTES`.
* The program is ``soffice`` on PATH (``WENDIFF_SOFFICE`` names another);
  without it the error names LibreOffice and the package to install.
* The caller reads the .docx with the ordinary .docx reader
  (`corpus.extract.extract_docx`); the document's format is then
  ``doc→docx`` (the input's extension, an arrow, docx).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from corpus.environment import DEFAULT_SOFFICE_TIMEOUT, soffice_timeout
from corpus.extract import ExtractError

__all__ = ["CONVERT_TIMEOUT", "MAX_DOCX_BYTES", "convert_to_docx", "soffice_path"]

CONVERT_TIMEOUT = DEFAULT_SOFFICE_TIMEOUT
"""Seconds a conversion may take (a cold LibreOffice start takes a few)."""

MAX_DOCX_BYTES = 512 * 1024 * 1024
"""Size guard: a converted .docx larger than this is refused."""

INSTALL_HINT = "install LibreOffice (e.g. apt-get install libreoffice-writer-nogui)"


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
    with tempfile.TemporaryDirectory(prefix="wendiff-soffice-") as tmp:
        folder = Path(tmp)
        source = folder / f"input{suffix}"
        source.write_bytes(data)
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
            _run(command, timeout)
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


def _run(command: list[str], timeout: float) -> None:
    """Run ``command`` in a session of its own; on timeout kill the whole session (soffice starts soffice.bin)."""
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
