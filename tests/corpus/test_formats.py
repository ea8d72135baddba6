"""Reading what reviewers are sent: PDF, OFD, .doc/.wps/.rtf/.odt, and text with a bad byte.

The documents in tests/data/formats were made from the seeds and real pairs 01 and 06
by tests/data/formats/make_fixtures.py (python-docx, then LibreOffice); each is held
equal, clause by clause, to the .txt it was made from.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus import read_ofd
from corpus.errors import InputError
from corpus.pages import join_pages
from corpus.pipeline import from_text, load
from corpus.read import read_source, source_from_bytes
from corpus.samples import seed
from diffing.compare import compare
from diffing.reports.redline_json import dumps
from diffing.validate import validate

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"
sys.path.insert(0, str(FORMATS))
from make_fixtures import sources  # noqa: E402

SOURCES = sources()
NAMES = sorted(SOURCES)


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, timeout=300, env=env
    )


def _inputs(path: Path) -> tuple[str, bytes]:
    return read_source(str(path)).text, path.read_bytes()


def _assert_all_equal(name: str, ext: str) -> None:
    a_path, b_path = SOURCES[name], FORMATS / f"{name}.{ext}"
    diff = compare(load(str(a_path)), load(str(b_path)))
    changed = [(row.op, diff.b_text(row)[:40] or diff.a_text(row)[:40]) for row in diff.rows if row.op != "equal"]
    assert changed == []
    assert diff.b.source.format == ("pdf" if ext == "pdf" else "ofd" if ext == "ofd" else f"{ext}→docx")
    if ext in ("pdf", "ofd"):
        report = json.loads(dumps(diff))
        assert validate(report, _inputs(a_path), _inputs(b_path)) == []
        pages = {row["page_b"] for row in report["rows"] if row["b"]}
        count = len(report["b"]["pages"])
        assert 1 in pages and pages <= set(range(1, count + 1))
        if name != "001":  # 001's pages after the first hold the web sidebar, removed as boilerplate
            assert max(pages) == count
        assert all("page_a" not in row for row in report["rows"])


# --- PDF ------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_pdf_made_from_a_text_diffs_all_equal_against_it_and_cites_pages(name: str) -> None:
    _assert_all_equal(name, "pdf")


def test_two_column_pdf_with_running_header_and_page_numbers_diffs_equal_to_its_source() -> None:
    source = read_source(str(FORMATS / "furnished.pdf"))
    furniture = [source.text[lo:hi].strip() for lo, hi in source.furniture]
    pages = len(source.pages)
    assert pages >= 4
    assert furniture.count("自然资源部办公厅文件（征求意见稿）") == pages
    assert sorted(f for f in furniture if f.startswith("-")) == sorted(f"- {k} -" for k in range(1, pages + 1))
    diff = compare(load(str(seed("002"))), load(str(FORMATS / "furnished.pdf")))
    assert {row.op for row in diff.rows} == {"equal"}
    shown = "".join(diff.b.original[lo:hi] for row in diff.rows for lo, hi in diff.b_spans(row))
    assert "征求意见稿" not in shown and "- 2 -" not in shown


def test_pdf_quotes_drawn_after_their_line_come_back_in_place() -> None:
    # LibreOffice draws the “” of a CJK line after its ideographs; characters are put back by position.
    text = read_source(str(FORMATS / "000.pdf")).text
    assert "“ 六江 ”" in text or "“六江”" in text


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda data: (FORMATS / "scan.pdf").read_bytes(), "no text layer (a scanned image?); OCR it first"),
        (lambda data: (FORMATS / "encrypted.pdf").read_bytes(), "encrypted PDF (needs a password)"),
        (lambda data: data[: len(data) // 2], "truncated PDF file"),
        (lambda data: b"%PDF-1.7\n" + b"\x00garbage" * 100 + b"\n%%EOF\n", "corrupt PDF file"),
        (lambda data: b"hello, not a pdf", "not a PDF file"),
    ],
    ids=["scan", "encrypted", "truncated", "corrupt", "not-pdf"],
)
def test_unreadable_pdf_is_one_line_and_exit_2(tmp_path: Path, make: Callable[[bytes], bytes], problem: str) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(make((FORMATS / "01a.pdf").read_bytes()))
    with pytest.raises(InputError, match=r"x\.pdf: "):
        read_source(str(path))
    done = _cli("diff", str(path), str(SOURCES["01a"]))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and problem in done.stderr and "Traceback" not in done.stderr


# --- OFD ------------------------------------------------------------------


def test_ofd_diffs_all_equal_with_pages_and_furniture_removed() -> None:
    source = read_source(str(FORMATS / "000.ofd"))
    assert source.format == "ofd" and len(source.pages) == 8
    furniture = [source.text[lo:hi].strip() for lo, hi in source.furniture]
    assert furniture.count("自然资源部办公厅文件") == 8 and "- 8 -" in furniture
    _assert_all_equal("000", "ofd")


def _ofd_with(**parts: bytes | str) -> bytes:
    with zipfile.ZipFile(FORMATS / "000.ofd") as z:
        members = {name: z.read(name) for name in z.namelist()}
    members.update(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, body in members.items():
            if body != "":
                z.writestr(name, body)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"PK\x03\x04 broken", "malformed OFD file (not a zip package)"),
        (_ofd_with(**{"OFD.xml": ""}), "malformed OFD file (no part OFD.xml)"),
        (_ofd_with(**{"Doc_0/Pages/Page_3/Content.xml": "<ofd:Page"}), "bad XML in Doc_0/Pages/Page_3/Content.xml"),
        (_ofd_with(**{"OFD.xml": '<OFD xmlns="http://www.ofdspec.org/2016"><DocBody/></OFD>'}), "names no DocRoot"),
        (
            _ofd_with(
                **{
                    "Doc_0/Pages/Page_0/Content.xml": '<Page xmlns="http://www.ofdspec.org/2016"><TextObject '
                    'Boundary="a b c d"><TextCode>x</TextCode></TextObject></Page>'
                }
            ),
            "bad Boundary",
        ),
    ],
    ids=["not-zip", "no-ofd-xml", "bad-xml", "no-docroot", "bad-number"],
)
def test_malformed_ofd_is_one_line(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        source_from_bytes("x.ofd", data)
    assert str(caught.value).startswith("x.ofd: ") and problem in str(caught.value)
    assert "\n" not in str(caught.value)


def test_ofd_part_inflating_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_ofd, "MAX_PART_BYTES", 1000)
    with pytest.raises(InputError, match="inflates over the size limit"):
        source_from_bytes("x.ofd", (FORMATS / "000.ofd").read_bytes())


def test_malformed_ofd_on_the_command_line_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.ofd"
    path.write_bytes(b"not a zip")
    done = _cli("diff", str(path), str(SOURCES["01a"]))
    assert done.returncode == 2 and done.stderr.strip() == f"wendiff: {path}: malformed OFD file (not a zip package)"


# --- page furniture -------------------------------------------------------


def test_numbers_that_do_not_count_with_the_pages_are_not_page_numbers() -> None:
    bodies = ["第一条 总则。", "第二条 适用范围。", "第三条 职责。", "第四条 附则。"]
    pages = [[f"{3 * k + 8} |", body, f"{body}续。"] for k, body in enumerate(bodies)]
    assert join_pages(pages).furniture == ()


def test_page_numbers_and_a_running_footer_are_furniture() -> None:
    bodies = ["第一条 总则。", "第二条 适用范围。", "第三条 职责。", "第四条 附则。"]
    pages = [[body, f"{body}续。", f"第 {k + 1} 页 共 4 页", "某某市人民政府办公室"] for k, body in enumerate(bodies)]
    paged = join_pages(pages)
    removed = [paged.text[lo:hi].strip() for lo, hi in paged.furniture]
    assert removed == [line for k in range(4) for line in (f"第 {k + 1} 页 共 4 页", "某某市人民政府办公室")]
    assert [paged.text[start : start + 3] for start in paged.pages] == [body[:3] for body in bodies]


# --- .doc, .wps, .rtf, .odt through LibreOffice -----------------------------


@pytest.mark.office
@pytest.mark.parametrize("ext", ["doc", "odt"])
@pytest.mark.parametrize("name", NAMES)
def test_word_file_converted_by_libreoffice_diffs_all_equal(soffice: str, name: str, ext: str) -> None:
    _assert_all_equal(name, ext)


@pytest.mark.office
def test_wps_and_rtf_files_are_read_through_libreoffice(soffice: str, tmp_path: Path) -> None:
    wps = tmp_path / "01a.wps"
    shutil.copy(FORMATS / "01a.doc", wps)  # a WPS file is a Word binary file by another name
    expected = load(str(SOURCES["01a"])).text
    for path in (wps, FORMATS / "01a.rtf"):
        doc = load(str(path))
        assert doc.text == expected
        assert doc.source.format == f"{path.suffix[1:]}→docx"


def test_without_libreoffice_a_word_file_is_one_line_naming_it(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": str(tmp_path)}
    env.pop("WENDIFF_SOFFICE", None)
    done = _cli("diff", str(FORMATS / "01a.doc"), str(SOURCES["01a"]), env=env)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "needs LibreOffice" in done.stderr and ".doc" in done.stderr


# --- a bad byte is not a bad file ------------------------------------------


def _cut_inside_a_character(data: bytes) -> tuple[bytes, int]:
    at = data.index("生".encode(), len(data) // 2) + 1
    return data[:at] + data[at + 1 :], at - 1


def test_utf8_text_missing_one_byte_is_read_with_one_replacement_mark() -> None:
    data, at = _cut_inside_a_character(seed("003").read_bytes())
    source = source_from_bytes("cut.txt", data)
    assert source.encoding == "utf-8"
    assert source.decode_errors is not None
    assert (source.decode_errors.count, source.decode_errors.first_byte) == (1, at)
    assert source.text[source.decode_errors.first_offset] == "\ufffd"
    assert source.text.count("\ufffd") == seed("003").read_text(encoding="utf-8").count("\ufffd") + 1


def test_cut_text_diffs_with_one_warning_line_and_strict_decode_refuses(tmp_path: Path) -> None:
    data, at = _cut_inside_a_character(seed("003").read_bytes())
    cut = tmp_path / "cut.txt"
    cut.write_bytes(data)
    done = _cli("diff", str(seed("003")), str(cut), "-f", "json")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"wendiff: warning: {cut}: 1 invalid byte sequence") and f"byte {at}" in done.stderr
    report = json.loads(done.stdout)
    assert report["b"]["decode_errors"]["count"] == 1 and report["b"]["format"] == "text"
    assert "decode_errors" not in report["a"]
    assert validate(report, _inputs(seed("003")), (read_source(str(cut)).text, data)) == []
    strict = _cli("diff", str(seed("003")), str(cut), "--strict-decode")
    assert strict.returncode == 2 and "cannot decode the text" in strict.stderr and strict.stderr.count("\n") == 1


def test_mostly_undecodable_text_keeps_the_error() -> None:
    data = seed("000").read_bytes()
    broken = bytes(b if k % 50 else 0xFF for k, b in enumerate(data))
    with pytest.raises(InputError, match="cannot decode the text"):
        source_from_bytes("broken.txt", broken)


def test_gbk_text_is_still_read_as_gb18030_not_as_broken_utf8() -> None:
    text = seed("000").read_text(encoding="utf-8").replace("\ufffd", "")
    source = source_from_bytes("gbk.txt", text.encode("gb18030"))
    assert source.encoding == "gb18030" and source.decode_errors is None and source.text == text


# --- every command reads through the one reader ----------------------------


def test_store_keeps_pdf_versions_and_diffs_them_by_clause(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    for name in ("01a", "01b"):
        done = _cli("store", "add", str(FORMATS / f"{name}.pdf"), "--doc", "放假办法", "--store", store)
        assert done.returncode == 0, done.stderr
    diff = _cli("store", "diff", "放假办法", "--store", store, "-f", "json")
    assert diff.returncode == 1
    report = json.loads(diff.stdout)
    assert report["a"]["format"] == report["b"]["format"] == "pdf"
    assert report["summary"]["inserted"] == 5  # as for the two .txt files
    assert all(row["page_b"] >= 1 for row in report["rows"] if row["b"])


def test_store_add_and_import_warn_about_a_bad_byte(tmp_path: Path) -> None:
    data, _ = _cut_inside_a_character(seed("003").read_bytes())
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "cut.txt").write_bytes(data)
    store = str(tmp_path / "store")
    added = _cli("store", "add", str(folder / "cut.txt"), "--store", store)
    assert added.returncode == 0 and added.stderr.count("wendiff: warning: ") == 1
    imported = _cli("store", "import", str(folder), "--store", str(tmp_path / "store2"))
    assert imported.returncode == 0 and imported.stderr.count("wendiff: warning: ") == 1
    refused = _cli("store", "import", str(folder), "--store", str(tmp_path / "store3"), "--strict-decode")
    assert refused.returncode == 2 and "cannot decode the text" in refused.stderr


def test_dups_finds_a_pdf_and_an_ofd_copy_of_a_text_and_warns_about_a_bad_byte(tmp_path: Path) -> None:
    for name in ("000.pdf", "000.ofd"):
        shutil.copy(FORMATS / name, tmp_path / name)
    shutil.copy(seed("000"), tmp_path / "000.txt")
    (tmp_path / "cut.txt").write_bytes(_cut_inside_a_character(seed("003").read_bytes())[0])
    done = _cli("dups", str(tmp_path), "-f", "json", "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("wendiff: warning: ") == 1 and "cut.txt: 1 invalid byte sequence" in done.stderr
    report = json.loads(done.stdout)
    formats = {Path(d["name"]).name: d["format"] for d in report["documents"]}
    assert formats == {"000.pdf": "pdf", "000.ofd": "ofd", "000.txt": "text", "cut.txt": "text"}
    names = [Path(d["name"]).name for d in report["documents"]]
    copies = {names.index(n) for n in ("000.pdf", "000.ofd", "000.txt")}
    assert any(copies <= set(cluster) for cluster in report["clusters"])


def test_text_markdown_and_html_reports_cite_the_page_beside_the_place() -> None:
    from diffing.reports import render
    from diffing.reports.redline_md import render_markdown
    from diffing.reports.redline_text import TextView, render_text

    diff = compare(load(str(SOURCES["01a"])), load(str(FORMATS / "01b.pdf")))
    text = render_text(diff, TextView(color=False, width=120, layout="unified", full=False))
    assert "~ 第二条/(一) 第1页" in text and "第2页" in text
    assert "### 3. A 第二条/(一) → B 第二条/(一) 第1页 · 修改" in render_markdown(diff)
    html = render(diff, "html")
    assert isinstance(html, str) and "<i class=pg>第2页</i>" in html
    plain = compare(load(str(SOURCES["01a"])), load(str(SOURCES["01b"])))
    assert "页" not in render_text(plain, TextView(color=False, width=120, layout="unified", full=False))


def test_the_app_compares_a_pdf_with_its_text_and_its_summary_names_pages_and_bad_bytes(tmp_path: Path) -> None:
    from tui.jobs import run_compare
    from tui.sides import CompareRequest, FileSide
    from tui.widgets.summary_bar import _describe

    diff = run_compare(CompareRequest(FileSide(str(SOURCES["01a"])), FileSide(str(FORMATS / "01a.pdf"))))
    assert diff.same
    assert _describe(diff.b, short=False, room=200).endswith("(pdf, 723 chars, 2 pages)")
    cut = tmp_path / "cut.txt"
    cut.write_bytes(_cut_inside_a_character(seed("003").read_bytes())[0])
    lenient = run_compare(CompareRequest(FileSide(str(seed("003"))), FileSide(str(cut))))
    assert "1 bad bytes → U+FFFD" in _describe(lenient.b, short=False, room=200)
    with pytest.raises(InputError, match="cannot decode"):
        run_compare(CompareRequest(FileSide(str(seed("003"))), FileSide(str(cut), strict_decode=True)))


def _fake_soffice(tmp_path: Path, body: str) -> dict[str, str]:
    program = tmp_path / "fake-soffice"
    program.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    program.chmod(0o755)
    return {"WENDIFF_SOFFICE": str(program)}


@pytest.mark.parametrize(
    ("body", "timeout", "problem"),
    [
        ("sleep 5", "0.5", "LibreOffice did not convert the .doc file within 0.5 s"),
        ("exit 1", "30", "LibreOffice could not convert the file"),
    ],
    ids=["timeout", "no-output"],
)
def test_a_conversion_that_hangs_or_fails_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, timeout: str, problem: str
) -> None:
    for key, value in _fake_soffice(tmp_path, body).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("WENDIFF_SOFFICE_TIMEOUT", timeout)
    with pytest.raises(InputError) as caught:
        read_source(str(FORMATS / "01a.doc"))
    assert problem in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.office
def test_concurrent_conversions_use_their_own_profiles_and_both_succeed(soffice: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        texts = list(pool.map(lambda name: read_source(str(FORMATS / name)).text, ["01a.doc", "01b.odt"]))
    assert [from_text(t).text for t in texts] == [load(str(SOURCES[n])).text for n in ("01a", "01b")]


_LINE = st.text(alphabet=st.sampled_from("第一条总则。- 12页共"), max_size=12)


@given(st.lists(st.lists(_LINE, max_size=6), min_size=1, max_size=8))
def test_joined_pages_start_where_they_should_and_furniture_is_whole_lines(pages: list[list[str]]) -> None:
    paged = join_pages(pages)
    assert len(paged.pages) == len(pages)
    for start, lines in zip(paged.pages, pages, strict=True):
        assert paged.text.startswith("\n".join(lines), start)
    last = 0
    for lo, hi in paged.furniture:
        assert last <= lo < hi <= len(paged.text)
        assert lo == 0 or paged.text[lo - 1] == "\n"
        assert hi == len(paged.text) or paged.text[hi - 1] == "\n"
        last = hi


def test_page_number_after_the_page_count_is_read_after_第() -> None:
    bodies = ["第一条 总则。", "第二条 适用范围。", "第三条 职责。"]
    paged = join_pages([[body, f"共 3 页 第 {k + 1} 页"] for k, body in enumerate(bodies)])
    assert [paged.text[lo:hi].strip() for lo, hi in paged.furniture] == [f"共 3 页 第 {k} 页" for k in (1, 2, 3)]


def test_a_line_drawn_out_of_order_is_put_left_to_right_but_two_lines_are_never_interleaved() -> None:
    from corpus.pdf_text import _Char, _left_to_right

    def glyphs(text: str, x: float, y: float) -> list[_Char]:
        return [_Char(x + 10 * k, y, y + 10, ch) for k, ch in enumerate(text)]

    quotes = [*glyphs("等六江生态", 0, 500), _Char(8, 506, 509, "“"), _Char(28, 506, 509, "”")]
    assert [line for line, _ in _left_to_right(quotes, 842.0)] == ["等“六江”生态"]
    space = _Char(45, 500, 500.01, " ")  # a space PDFium made up: no height
    joined = [*glyphs("第一行末尾", 0, 500), space, *glyphs("第二行", 0, 485)]
    assert [line for line, _ in _left_to_right(joined, 842.0)] == ["第一行末尾", "第二行"]


def test_ofd_with_absolute_part_names_is_read_the_same() -> None:
    with zipfile.ZipFile(FORMATS / "000.ofd") as z:
        ofd_xml = z.read("OFD.xml").decode("utf-8").replace("<ofd:DocRoot>Doc_0/", "<ofd:DocRoot>/Doc_0/")
        document = z.read("Doc_0/Document.xml").decode("utf-8").replace('BaseLoc="Pages/', 'BaseLoc="/Doc_0/Pages/')
    moved = source_from_bytes("x.ofd", _ofd_with(**{"OFD.xml": ofd_xml, "Doc_0/Document.xml": document}))
    assert moved.text == read_source(str(FORMATS / "000.ofd")).text


def test_utf8_with_a_byte_order_mark_and_a_cut_character_is_read_leniently_too() -> None:
    data, at = _cut_inside_a_character(seed("003").read_bytes())
    source = source_from_bytes("bom.txt", b"\xef\xbb\xbf" + data)
    assert source.encoding == "utf-8-sig" and source.decode_errors is not None
    assert source.decode_errors.first_byte == at + 3
    with pytest.raises(InputError, match="byte order mark"):
        source_from_bytes("bom.txt", b"\xef\xbb\xbf" + data, strict_decode=True)


def test_a_scanned_page_inside_a_pdf_is_named_in_a_warning_and_the_report() -> None:
    """Page 2 of partly_scanned.pdf is an image: its text is not compared, and the reviewer is told so."""
    path = FORMATS / "partly_scanned.pdf"
    source = read_source(str(path))
    assert source.textless_pages == (2,)
    assert len(source.pages) == 3
    assert source.warnings() == (
        f"{path}: page 2 has no text layer (a scanned image?); its text is not compared, OCR it first "
        "(pip install 'wendiff[ocr]' reads it)",
    )
    assert read_source(str(FORMATS / "01a.pdf")).warnings() == ()
    done = _cli("diff", str(FORMATS / "01a.pdf"), str(path), "-f", "json")
    assert done.returncode == 0
    assert done.stderr == f"wendiff: warning: {source.warnings()[0]}\n"
    report = json.loads(done.stdout)
    assert report["b"]["textless_pages"] == [2] and "textless_pages" not in report["a"]
    assert validate(report, _inputs(FORMATS / "01a.pdf"), (source.text, path.read_bytes())) == []
    report["b"]["textless_pages"] = [4]
    assert validate(report, _inputs(FORMATS / "01a.pdf"), (source.text, path.read_bytes())) != []


def test_store_add_of_a_partly_scanned_pdf_warns_and_keeps_the_version(tmp_path: Path) -> None:
    done = _cli("store", "--store", str(tmp_path / "store"), "add", str(FORMATS / "partly_scanned.pdf"))
    assert done.returncode == 0
    assert "page 2 has no text layer" in done.stderr and done.stderr.count("\n") == 1


def test_the_app_summary_says_a_scanned_page_was_not_compared() -> None:
    from tui.jobs import run_compare
    from tui.sides import CompareRequest, FileSide
    from tui.widgets.summary_bar import _describe

    scanned = FileSide(str(FORMATS / "partly_scanned.pdf"))
    diff = run_compare(CompareRequest(FileSide(str(FORMATS / "01a.pdf")), scanned))
    assert diff.same
    assert _describe(diff.b, short=False, room=200).endswith("(pdf, 724 chars, 3 pages, 1 scanned page not compared)")
