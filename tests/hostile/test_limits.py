"""Containers are held to limits before they are inflated: decompression bombs are refused in one line,
before anything is inflated (issue 15, item 1). The full-size bombs (1.2 GB inflated) are in bench/bench_bombs.py."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from corpus.errors import InputError, LimitError
from corpus.limits import MAX_RATIO, check_text, check_zip
from corpus.read import read_source
from tui.cli import main

from .bombs import small_docx, write_bomb
from .conftest import allocated, one_line_error


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "plain.txt"
    path.write_text("第一条 本办法自公布之日起施行。\n", encoding="utf-8")
    return path


def test_a_docx_bomb_is_refused_in_one_line_before_it_is_inflated(
    tmp_path: Path, plain: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = tmp_path / "bomb.docx"
    write_bomb(bomb, paragraphs=20_000, chars_per_paragraph=1000)  # 140 KB inflating to 60 MB
    with allocated() as peak:
        assert main(["diff", str(bomb), str(plain), "--max-size", "1M"]) == 2
    assert peak.mb < 20  # the 60 MB it would inflate to were never allocated
    err = one_line_error(capsys.readouterr().err)
    assert err.startswith(f"wendiff: {bomb}: word/document.xml would inflate ")
    assert "decompression bomb" in err


def test_a_docx_bomb_is_refused_by_store_add_and_the_store_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = tmp_path / "bomb.docx"
    write_bomb(bomb, paragraphs=20_000, chars_per_paragraph=1000)
    assert main(["store", "add", str(bomb), "--store", str(tmp_path / "store")]) == 2
    assert "decompression bomb" in one_line_error(capsys.readouterr().err)
    assert not (tmp_path / "store").exists()


def test_a_docx_inflating_past_max_size_at_an_ordinary_ratio_is_refused(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    text = "\n".join("".join(rng.choice("国家建立健全生态保护补偿制度") for _ in range(80)) for _ in range(500))
    path = tmp_path / "long.docx"
    path.write_bytes(small_docx(text))
    size = path.stat().st_size
    with pytest.raises(InputError, match=r"archive inflates to .* over the .* size limit \(raise it with --max-size\)"):
        read_source(str(path), max_size=size + 1024)
    assert "国家" in read_source(str(path)).text


def test_a_member_that_inflates_past_its_declared_size_is_a_corrupt_file_never_inflated_further(
    tmp_path: Path,
) -> None:
    path = tmp_path / "liar.docx"
    write_bomb(path, paragraphs=20_000, chars_per_paragraph=1000)
    data = bytearray(path.read_bytes())
    at = 0
    while (at := data.find(b"PK\x01\x02", at + 1)) >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + name_len]) == b"word/document.xml":
            struct.pack_into("<I", data, at + 20, 1000)  # compressed size is left; declared inflated size lies
            struct.pack_into("<I", data, at + 24, 1000)
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"corrupt \.docx file"):
        read_source(str(path))


def test_the_directory_check_refuses_too_many_members_and_high_ratios_and_passes_ordinary_archives() -> None:
    def member(name: str, size: int, compressed: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name)
        info.file_size, info.compress_size = size, compressed
        return info

    check_zip([member("word/document.xml", 5_000_000, 500_000), member("tiny.xml", 1000, 1)], limit=10_000_000)
    with pytest.raises(LimitError, match="decompression bomb"):
        check_zip([member("word/document.xml", 2_000_000 * MAX_RATIO, 1_000_000)], limit=10**12)
    with pytest.raises(LimitError, match="members, over the limit"):
        check_zip([member(f"m{i}", 1, 1) for i in range(10_001)], limit=10**12)


def test_extracted_text_over_the_limit_is_refused() -> None:
    check_text("国" * 100, limit=300)
    with pytest.raises(LimitError, match="extracted text is over the 300 bytes size limit"):
        check_text("国" * 101, limit=300)


def test_an_ofd_bomb_is_refused_by_its_directory_before_anything_is_inflated(
    tmp_path: Path, plain: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ofd = Path(__file__).resolve().parents[1] / "data" / "formats" / "000.ofd"
    bomb = tmp_path / "bomb.ofd"
    with zipfile.ZipFile(ofd) as good, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as bad:
        for info in good.infolist():
            bad.writestr(info.filename, good.read(info))
        bad.writestr("Doc_0/Res/filler.xml", b"<a/>" + b" " * (64 * 1024 * 1024))  # 64 MB of spaces, ~64 KB packed
    with allocated() as peak:
        assert main(["diff", str(bomb), str(plain)]) == 2
    assert peak.mb < 20  # the 64 MB it would inflate to were never allocated
    err = one_line_error(capsys.readouterr().err)
    assert err.startswith(f"wendiff: {bomb}: Doc_0/Res/filler.xml would inflate ") and "decompression bomb" in err
    assert "第一条" not in err
