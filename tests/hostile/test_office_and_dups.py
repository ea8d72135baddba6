"""Word files through LibreOffice and folders through ``dups`` (issue 24, items 5, 7, 13 and 18).

LibreOffice fetches nothing a document links to, converts no random bytes into a document, leaves no
process or temporary copy behind on a signal and never sees a decompression bomb; its own output is not
judged as the user's file; ``dups`` names a folder it cannot read and never follows a link out of a folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus import soffice as soffice_run
from tests.signals import default_signals
from tui.cli import main

from .conftest import one_line_error
from .odt import write_odt, write_odt_bomb

TEXT = "第一条 本办法自公布之日起施行。"
def _linked_image(url: str) -> str:
    return (
        '<text:p><draw:frame draw:name="beacon" text:anchor-type="as-char" svg:width="1cm" svg:height="1cm">'
        f'<draw:image xlink:href="{url}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>'
        "</draw:frame></text:p>"
    )


def _rtf(lines: list[str]) -> str:
    """An RTF file holding ``lines``, one paragraph each (non-ASCII characters as ``\\uN?``)."""

    def escaped(c: str) -> str:
        code = ord(c)
        if code < 128:
            return "\\" + c if c in "\\{}" else c
        return f"\\u{code if code < 32768 else code - 65536}?"

    body = "".join("".join(escaped(c) for c in line) + "\\par\n" for line in lines)
    return "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 SimSun;}}\\f0\n" + body + "}"


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "plain.txt"
    path.write_text(TEXT + "\n", encoding="utf-8")
    return path


class _Listener:
    """A TCP listener on 127.0.0.1 (a free port) that counts the connections it is offered."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.received: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.socket.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(1.0)
                try:
                    self.received.append(conn.recv(4096))
                except OSError:
                    self.received.append(b"")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.socket.close()


@pytest.fixture
def listener() -> Iterator[_Listener]:
    opened = _Listener()
    try:
        yield opened
    finally:
        opened.close()


# -- item 5: a linked image is never fetched --------------------------------------------------------------


@pytest.mark.office
def test_an_odt_linking_an_image_on_the_network_sends_nothing_to_it_and_its_text_is_read(
    soffice: str, tmp_path: Path, plain: Path, listener: _Listener, capsys: pytest.CaptureFixture[str]
) -> None:
    odt = write_odt(tmp_path / "beacon.odt", f"<text:p>{TEXT}</text:p>" + _linked_image(f"http://127.0.0.1:{listener.port}/b.png"))
    assert main(["diff", str(odt), str(plain)]) == 0, capsys.readouterr().err
    assert listener.received == []


@pytest.mark.office
def test_without_a_network_namespace_the_profile_alone_keeps_libreoffice_from_fetching_a_linked_image(
    soffice: str, tmp_path: Path, plain: Path, listener: _Listener, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setattr(soffice_run, "no_network_prefix", lambda: ())
    odt = write_odt(tmp_path / "beacon.odt", f"<text:p>{TEXT}</text:p>" + _linked_image(f"http://127.0.0.1:{listener.port}/b.png"))
    assert main(["diff", str(odt), str(plain)]) == 0, capsys.readouterr().err
    assert listener.received == []


# -- item 7: random bytes, signals, bombs -----------------------------------------------------------------


@pytest.mark.office
@pytest.mark.parametrize("ext", [".doc", ".wps", ".rtf", ".odt"])
def test_random_bytes_named_as_a_word_file_are_a_binary_file_not_mojibake(
    soffice: str, tmp_path: Path, plain: Path, ext: str, capsys: pytest.CaptureFixture[str]
) -> None:
    noise = tmp_path / f"noise{ext}"
    noise.write_bytes(random.Random(ext).randbytes(60_000))
    assert main(["diff", str(noise), str(plain)]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert err.startswith(f"wendiff: {noise}: binary file, not a {ext} document")


def _fake_soffice(tmp_path: Path) -> Path:
    """A stand-in for soffice that only leaves a mark that it ran."""
    program = tmp_path / "fake-soffice"
    program.write_text(f"#!/bin/sh\ntouch {tmp_path / 'soffice-ran'}\nexit 1\n", encoding="utf-8")
    program.chmod(0o755)
    return program


def test_an_odt_bomb_is_refused_in_one_line_before_libreoffice_sees_it(
    tmp_path: Path, plain: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WENDIFF_SOFFICE", str(_fake_soffice(tmp_path)))
    bomb = write_odt_bomb(tmp_path / "bomb.odt", 64 * 1024 * 1024)
    assert main(["diff", str(bomb), str(plain)]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert err.startswith(f"wendiff: {bomb}: content.xml would inflate ") and "decompression bomb" in err
    assert not (tmp_path / "soffice-ran").exists()


def test_a_word_file_that_is_a_zip_inflating_past_max_size_is_refused_before_libreoffice_sees_it(
    tmp_path: Path, plain: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WENDIFF_SOFFICE", str(_fake_soffice(tmp_path)))
    doc = tmp_path / "big.doc"  # LibreOffice goes by the content: a .doc may be any zip-based document
    with zipfile.ZipFile(doc, "w", zipfile.ZIP_DEFLATED) as archive:
        rng = random.Random(3)  # four letters: about four times smaller deflated, well under the bomb ratio
        archive.writestr("content.xml", "".join(rng.choice("甲乙丙丁") for _ in range(700_000)))
    assert main(["diff", str(doc), str(plain), "--max-size", "1M"]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert err.startswith(f"wendiff: {doc}: archive inflates to 2.0 MB, over the 1 MB size limit")
    assert not (tmp_path / "soffice-ran").exists()


def test_an_odt_cut_short_is_refused_as_a_damaged_archive_before_libreoffice_sees_it(
    tmp_path: Path, plain: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WENDIFF_SOFFICE", str(_fake_soffice(tmp_path)))
    whole = write_odt_bomb(tmp_path / "whole.odt", 4 * 1024 * 1024).read_bytes()
    cut = tmp_path / "cut.odt"  # no zip directory: only the local headers, which a repair would inflate
    cut.write_bytes(whole[: len(whole) // 2])
    assert main(["diff", str(cut), str(plain)]) == 2
    err = one_line_error(capsys.readouterr().err)
    assert err == f"wendiff: {cut}: damaged .odt file (a zip archive whose directory cannot be read)\n"
    assert not (tmp_path / "soffice-ran").exists()


def _processes_naming(text: str) -> list[int]:
    """Live processes whose command line holds ``text``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if text.encode() in cmdline:
                found.append(int(entry.name))
    return found


@pytest.mark.office
@pytest.mark.slow
@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, -signal.SIGTERM), (signal.SIGHUP, -signal.SIGHUP)],
    ids=["SIGINT", "SIGTERM", "SIGHUP"],
)  # fmt: skip
def test_a_signal_during_a_conversion_stops_libreoffice_and_removes_the_temporary_copy(
    soffice: str, tmp_path: Path, plain: Path, signum: int, status: int
) -> None:
    rtf = tmp_path / "long.rtf"
    rtf.write_text(_rtf([f"第{n}条 本办法自公布之日起施行。" for n in range(1, 6001)]), encoding="ascii")
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "WENDIFF_DEBUG": "0"}
    child = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "diff", str(rtf), str(plain)], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, preexec_fn=default_signals,
    )  # fmt: skip
    try:
        while not _processes_naming(f"{temp}/wendiff-soffice-") and child.poll() is None:
            threading.Event().wait(0.05)  # until LibreOffice runs on the temporary copy
        assert child.poll() is None, child.stderr.read() if child.stderr else ""
        child.send_signal(signum)
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        left = _processes_naming(f"{temp}/wendiff-soffice-")
        for pid in left:  # this test's LibreOffice only: its command line names the test's own folder
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    assert child.returncode == status, err
    assert left == []
    assert list(temp.iterdir()) == []


# -- item 13: LibreOffice's own output is not judged as the user's file -------------------------------------


@pytest.mark.office
def test_a_long_repetitive_rtf_is_read_not_refused_as_a_decompression_bomb(
    soffice: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [TEXT] * 6000  # LibreOffice's document.xml: 1.3 MB, compressed 220 times
    rtf = tmp_path / "long.rtf"
    rtf.write_text(_rtf(lines), encoding="ascii")
    txt = tmp_path / "long.txt"
    txt.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["diff", str(rtf), str(txt)]) == 0, capsys.readouterr().err


# -- item 18: dups and folders ---------------------------------------------------------------------------


def test_dups_warns_in_one_line_about_a_folder_it_cannot_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "locked" / "b.txt").write_text(TEXT, encoding="utf-8")
    locked = folder / "locked"
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads any folder: refuse this one as the kernel would refuse anyone else
        real_scandir = os.scandir

        def scandir(path: str) -> object:
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        assert main(["dups", str(folder), "--workers", "1"]) == 0
    finally:
        locked.chmod(0o755)
    captured = capsys.readouterr()
    assert captured.err == f"wendiff: warning: {locked}: folder cannot be read (Permission denied), skipped\n"
    assert "1 skipped" in captured.out


def test_dups_does_not_follow_a_link_out_of_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT, encoding="utf-8")
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to(folder / "a.txt")
    assert main(["dups", str(folder), "--workers", "1", "-f", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == (
        f"wendiff: warning: {folder / 'passwd.txt'}: a link to {secret}, outside the folder: not followed\n"
    )
    report = json.loads(captured.out)
    assert [d["name"] for d in report["documents"]] == [str(folder / n) for n in ("a.txt", "b.txt", "inside.txt")]
    assert [s["name"] for s in report["skipped"]] == [str(folder / "passwd.txt")]
