"""Reading inputs: encodings, formats, and one clear error per bad input."""

from __future__ import annotations

import codecs
import hashlib
import io
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from corpus import read as read_module
from corpus.errors import InputError
from corpus.read import decode, read_source, source_from_bytes
from corpus.samples import seed

SIMPLIFIED = seed("000").read_text(encoding="utf-8")
TRADITIONAL = seed("002").read_text(encoding="utf-8")
# 筼筜 (a lake in Xiamen) is written with simplified characters even in seed 002,
# and Big5 has no code for them.
BIG5_TEXT = TRADITIONAL.replace("筼筜", "")
CRLF_TEXT = SIMPLIFIED.replace("\n", "\r\n")


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


# --- encodings ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codec", "bom", "reported"),
    [
        (SIMPLIFIED, "utf-8", b"", "utf-8"),
        (SIMPLIFIED, "utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        (SIMPLIFIED, "utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
        (SIMPLIFIED, "utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
        (TRADITIONAL, "utf-16-le", b"", "utf-16-le"),
        (TRADITIONAL, "utf-16-be", b"", "utf-16-be"),
        (SIMPLIFIED, "gb18030", b"", "gb18030"),
        (SIMPLIFIED, "gbk", b"", "gb18030"),
        (SIMPLIFIED, "gb2312", b"", "gb18030"),
        (TRADITIONAL, "gb18030", b"", "gb18030"),
        (BIG5_TEXT, "big5", b"", "big5"),
        (seed("004").read_text(encoding="utf-8"), "gb18030", b"", "gb18030"),
        (seed("003").read_text(encoding="utf-8"), "gb18030", b"", "gb18030"),
    ],
    ids=[
        "utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-trad", "utf16be-trad",
        "gb18030", "gbk", "gb2312", "gb18030-trad", "big5", "gb18030-004", "gb18030-003",
    ],
)  # fmt: skip
def test_seed_text_round_trips_through_each_encoding(
    tmp_path: Path, text: str, codec: str, bom: bytes, reported: str
) -> None:
    data = bom + text.encode(codec)
    source = read_source(write(tmp_path, "doc.txt", data))
    assert source.text == text
    assert source.encoding == reported
    assert source.size == len(data)
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.data == data


def test_big5_text_with_a_cp950_only_character_is_reported_as_cp950(tmp_path: Path) -> None:
    text = BIG5_TEXT + "\n價格：€100，碁盤\n"
    source = read_source(write(tmp_path, "doc.txt", text.encode("cp950")))
    assert (source.text, source.encoding) == (text, "cp950")


def test_big5_text_with_hong_kong_characters_is_reported_as_big5hkscs(tmp_path: Path) -> None:
    text = BIG5_TEXT + "\n佢哋嚟咗，啫係咁。\n"
    source = read_source(write(tmp_path, "doc.txt", text.encode("big5hkscs")))
    assert (source.text, source.encoding) == (text, "big5hkscs")


@pytest.mark.parametrize("lines", [slice(0, 3), slice(3, 6), slice(0, None)])
def test_short_traditional_passages_in_big5_are_not_taken_for_gb18030(lines: slice) -> None:
    text = "\n".join(BIG5_TEXT.splitlines()[lines])
    assert decode("doc.txt", text.encode("big5")) == (text, "big5")


@pytest.mark.parametrize("key", ["000", "001", "003", "004"])
def test_each_simplified_line_in_gb18030_is_not_taken_for_big5(key: str) -> None:
    for line in seed(key).read_text(encoding="utf-8").splitlines():
        if len(line) < 4:
            continue
        data = line.encode("gb18030")
        if data.isascii():
            continue
        text, encoding = decode("doc.txt", data)
        assert text == line
        assert encoding in ("gb18030", "utf-8"), line


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_where_cjk_low_byte_nuls_outnumber_ascii(codec: str) -> None:
    # 一 is U+4E00: in law texts (第一条, 一百一十一) it gives more NULs than ASCII does.
    text = "第一条 一、一一一一一一一一一一一一一一一一一一一一\n第一百一十一条 一一一一一一一一一一一\n"
    data = text.encode(codec)
    assert data[0::2].count(0) and data[1::2].count(0)
    assert decode("law.txt", data) == (text, codec)


def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "doc.txt", codecs.BOM_UTF8 + "第一条".encode()))
    assert source.text == "第一条"
    assert source.encoding == "utf-8-sig"


def test_crlf_line_endings_are_kept(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "doc.txt", CRLF_TEXT.encode("gb18030")))
    assert source.text == CRLF_TEXT
    assert "\r\n" in source.text


def test_empty_file_is_an_empty_utf8_document(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "empty.txt", b""))
    assert (source.text, source.encoding, source.size) == ("", "utf-8", 0)
    assert source.sha256 == hashlib.sha256(b"").hexdigest()


# --- standard input -------------------------------------------------------


def fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_dash_reads_standard_input_as_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    data = TRADITIONAL.encode("gb18030")
    fake_stdin(monkeypatch, data)
    source = read_source("-")
    assert (source.name, source.text, source.encoding) == ("-", TRADITIONAL, "gb18030")
    assert source.data == data


def test_standard_input_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, b"x" * 101)
    with pytest.raises(InputError, match=r"^-: .*--max-size"):
        read_source("-", max_size=100)


# --- bad inputs -----------------------------------------------------------


def assert_input_error(path: str, problem: str, **kwargs: int) -> InputError:
    with pytest.raises(InputError) as caught:
        read_source(path, **kwargs)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    assert problem in message
    assert "\n" not in message
    return caught.value


def test_missing_file_is_named(tmp_path: Path) -> None:
    assert_input_error(str(tmp_path / "nope.txt"), "no such file")


def test_path_through_a_file_is_a_missing_file(tmp_path: Path) -> None:
    parent = write(tmp_path, "file.txt", b"x")
    assert_input_error(parent + "/child.txt", "no such file")


def test_directory_is_refused(tmp_path: Path) -> None:
    assert_input_error(str(tmp_path), "is a directory")


def test_unreadable_file_reports_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.txt", b"x")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(read_module, "open", refuse, raising=False)
    assert_input_error(path, "permission denied")


def test_file_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "big.txt", b"x" * 2048)

    def must_not_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file over the limit was opened")

    monkeypatch.setattr(read_module, "open", must_not_open, raising=False)
    error = assert_input_error(path, "--max-size", max_size=1024)
    assert "2 KB" in error.problem and "1 KB" in error.problem


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    assert read_source(write(tmp_path, "ok.txt", b"x" * 1024), max_size=1024).text == "x" * 1024


def test_png_is_a_binary_file(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00"
    assert_input_error(write(tmp_path, "picture.txt", png), "binary file, not a text document")


def test_nul_bytes_in_utf8_text_make_a_binary_file(tmp_path: Path) -> None:
    data = "第一条".encode() + b"\x00\x00\x00\x00" + "第二条".encode()
    assert_input_error(write(tmp_path, "doc.txt", data), "binary file")


def test_undecodable_bytes_name_the_encodings_tried(tmp_path: Path) -> None:
    latin1 = "Café crème brûlée à la française\n".encode("latin-1")
    error = assert_input_error(write(tmp_path, "latin.txt", latin1), "cannot decode")
    for name in ("UTF-8", "GB18030", "Big5"):
        assert name in error.problem


def test_utf8_bom_followed_by_invalid_bytes_is_an_error(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + "第一条".encode("gb18030")
    assert_input_error(write(tmp_path, "doc.txt", data), "byte order mark")


@pytest.mark.parametrize(
    "data",
    [
        b"this is not a zip archive",
        b"PK\x03\x04 truncated",
        b"",
    ],
    ids=["text", "truncated-zip", "empty"],
)
def test_corrupt_docx_is_refused(tmp_path: Path, data: bytes) -> None:
    assert_input_error(write(tmp_path, "report.docx", data), "corrupt .docx")


def test_zip_without_a_word_document_is_a_corrupt_docx(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert_input_error(write(tmp_path, "report.docx", buffer.getvalue()), "corrupt .docx")


def test_docx_with_broken_xml_is_a_corrupt_docx(tmp_path: Path) -> None:
    good = io.BytesIO()
    docx.Document().save(good)
    broken = io.BytesIO()
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            payload = src.read(item)
            if item.filename == "word/document.xml":
                payload = payload[: len(payload) // 2]
            dst.writestr(item, payload)
    assert_input_error(write(tmp_path, "report.docx", broken.getvalue()), "corrupt .docx")


# --- HTML -----------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="gbk"><title>关于推进生态修复的通知</title>
<script>var tracker = "不应出现";</script></head>
<body>
<nav><ul><li><a href="/">网站首页</a></li><li><a href="/news">新闻中心</a></li>
<li><a href="/gov">政务公开栏目</a></li></ul></nav>
<article>
<h1>关于推进生态修复的通知</h1>
<p>各区县人民政府，市政府各部门：为深入贯彻习近平生态文明思想，推进成渝地区双城经济圈建设，现就有关事项通知如下。</p>
<p>一、加强组织领导。各地要把国土空间生态修复工作摆在突出位置，明确责任分工，形成工作合力。</p>
<p>二、强化资金保障。统筹各类资金，支持重点生态修复项目建设，鼓励社会资本参与。</p>
<table><tr><td>项目名称</td><td>投资金额</td></tr><tr><td>长江生态廊道</td><td>100万元</td></tr></table>
</article>
<footer><p>版权所有：重庆市人民政府办公厅</p></footer>
</body></html>
"""


def test_html_gives_the_article_without_navigation_or_footer(tmp_path: Path) -> None:
    data = PAGE.encode("gbk")
    source = read_source(write(tmp_path, "page.html", data))
    assert source.encoding == "gb18030"
    lines = source.text.splitlines()
    assert "一、加强组织领导。各地要把国土空间生态修复工作摆在突出位置，明确责任分工，形成工作合力。" in lines
    assert source.text.index("一、加强组织领导") < source.text.index("二、强化资金保障")
    assert "长江生态廊道" in source.text
    for furniture in ("网站首页", "新闻中心", "政务公开栏目", "版权所有", "不应出现"):
        assert furniture not in source.text
    assert source.data == data
    assert source.size == len(data)


def test_a_page_of_more_elements_than_trafilatura_handles_is_read_block_by_block_without_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 24 item 9: trafilatura's ``//p//text()`` test is quadratic in the paragraphs (a 45 MB
    page ran over 115 s); a page past `FULL_EXTRACTION_ELEMENTS` is walked once, block by block."""
    import trafilatura

    from corpus import extract

    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("trafilatura called on a large page")

    monkeypatch.setattr(trafilatura, "extract", refuse)
    paragraphs = [f"第{k}条 有关部门应当依法履行职责。" for k in range(extract.FULL_EXTRACTION_ELEMENTS)]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = (
        "<html><head><title>汇编</title><script>var x = '不应出现';</script></head><body>"
        "<header><nav><a href='/'>网站首页</a></nav></header><h1>法律汇编</h1>"
        f"<div class='main'>{body}<table><tr><td>项目名称</td><td>投资<br>金额</td></tr></table>"
        "文末<!-- 注释不应出现 -->说明</div><footer>版权所有</footer></body></html>"
    )
    text = source_from_bytes("big.html", page.encode()).text
    assert text.splitlines() == ["法律汇编", *paragraphs, "项目名称 | 投资", "金额", "文末说明"]


def test_a_large_page_is_walked_as_the_same_tree_as_a_page_of_many_elements(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page past `FULL_EXTRACTION_CHARS` is parsed into lxml's plain elements (faster to walk), one past
    `FULL_EXTRACTION_ELEMENTS` into ``lxml.html``'s: furniture dropped with its tail kept, the same lines."""
    from corpus import extract

    page = (
        "<html><head><title>汇编</title></head><body><nav>首页</nav>正文开头<header>栏目<nav>导航</nav>尾</header>"
        "甲<div>第一条<!-- 注释 -->说明<?pi 指令?>续<br>换行<aside>侧栏</aside>乙</div><p>第二条</p>"
        "<table><tr><td>项</td><!-- c --><td>值</td><th>表头</th></tr></table><form>表单</form>丙<footer>脚</footer>丁"
        "</body></html>"
    )
    monkeypatch.setattr(extract, "FULL_EXTRACTION_ELEMENTS", 0)
    many = extract.extract_web(page).text
    monkeypatch.setattr(extract, "FULL_EXTRACTION_CHARS", 0)
    large = extract.extract_web(page).text
    assert large == many
    # A dropped element's tail joins the text before it; a comment between two cells stands between them.
    assert many.splitlines() == ["正文开头甲", "第一条说明续", "换行乙", "第二条", "项值 | 表头", "丙丁"]

def test_tiny_html_page_still_drops_navigation() -> None:
    page = "<html><body><nav><a href='/'>网站首页</a></nav><div>通知正文。</div></body></html>"
    source = source_from_bytes("small.htm", page.encode())
    assert source.text == "通知正文。"
    assert source.encoding == "utf-8"


def test_html_extension_is_matched_case_insensitively() -> None:
    page = "<html><body><nav>网站首页</nav><p>通知正文。</p></body></html>"
    assert "网站首页" not in source_from_bytes("PAGE.HTML", page.encode()).text


# --- Word documents -------------------------------------------------------


def make_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("关于推进生态修复的通知")
    document.add_paragraph("一、加强组织领导。")
    table = document.add_table(rows=3, cols=3)
    texts = [["地区", "项目", "金额"], ["重庆", "长江廊道", "100万元"], ["四川", "嘉陵江", "80万元"]]
    for row, values in zip(table.rows, texts, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.cell(0, 1).merge(table.cell(0, 2)).text = "项目与金额"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "川渝"
    document.add_paragraph("二、强化资金保障。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_table_rows_come_in_document_order(tmp_path: Path) -> None:
    data = make_docx()
    source = read_source(write(tmp_path, "notice.docx", data))
    assert source.encoding == "docx"
    assert source.text.splitlines() == [
        "关于推进生态修复的通知",
        "一、加强组织领导。",
        "地区 | 项目与金额",
        "川渝 | 长江廊道 | 100万元",
        " | 嘉陵江 | 80万元",
        "二、强化资金保障。",
    ]
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.data == data


def test_stdin_is_read_as_text_even_if_it_holds_html(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, "<p>第一条</p>".encode())
    assert read_source("-").text == "<p>第一条</p>"


# --- UTF-16 without a byte order mark, with an invalid sequence (issue 24, item 14) ---------------------

_LONE_SURROGATE = {"utf-16-le": b"\x00\xd8", "utf-16-be": b"\xd8\x00"}


def _utf16_with_lone_surrogate(codec: str, text: str) -> tuple[bytes, int]:
    """``text`` in ``codec`` with one unpaired high surrogate after its first line; the surrogate's byte offset."""
    head, tail = text.split("\n", 1)
    cut = len((head + "\n").encode(codec))
    return (head + "\n").encode(codec) + _LONE_SURROGATE[codec] + tail.encode(codec), cut


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [SIMPLIFIED, "Article 1. This law applies.\n第一条 本法适用于全国。\n" * 20],
                         ids=["chinese", "mixed"])  # fmt: skip
def test_utf16_without_bom_with_an_unpaired_surrogate_is_read_in_its_byte_order_with_a_warning(
    tmp_path: Path, codec: str, text: str
) -> None:
    data, at = _utf16_with_lone_surrogate(codec, text)
    source = read_source(write(tmp_path, "doc.txt", data))
    head, tail = text.split("\n", 1)
    assert (source.text, source.encoding) == (head + "\n\ufffd" + tail, codec)
    assert source.decode_errors is not None
    assert (source.decode_errors.count, source.decode_errors.first_byte) == (1, at)
    assert source.decode_errors.first_offset == len(head) + 1


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_strict_decode_refuses_utf16_without_bom_with_an_unpaired_surrogate_naming_the_byte(
    tmp_path: Path, codec: str
) -> None:
    data, at = _utf16_with_lone_surrogate(codec, SIMPLIFIED)
    path = write(tmp_path, "doc.txt", data)
    with pytest.raises(InputError) as refused:
        read_source(path, strict_decode=True)
    assert str(refused.value) == f"{path}: invalid {codec} sequence at byte {at} (UTF-16 without a byte order mark)"


def test_utf16_with_bom_and_an_unpaired_surrogate_is_read_with_a_warning(tmp_path: Path) -> None:
    data, at = _utf16_with_lone_surrogate("utf-16-le", SIMPLIFIED)
    source = read_source(write(tmp_path, "doc.txt", codecs.BOM_UTF16_LE + data))
    assert source.encoding == "utf-16-le" and "\ufffd" in source.text
    assert source.decode_errors is not None and source.decode_errors.first_byte == at + 2


def test_an_ascii_line_in_utf16le_with_an_unpaired_surrogate_is_not_read_as_big_endian_mojibake() -> None:
    line = "Article one applies to all people. " * 40  # read as UTF-16BE it is valid: 䄀爀琀椀挀氀攀 …
    data = line[:100].encode("utf-16-le") + _LONE_SURROGATE["utf-16-le"] + line[100:].encode("utf-16-le")
    text, encoding, errors = read_module.decode_text("line.txt", data)
    assert (text, encoding) == (line[:100] + "\ufffd" + line[100:], "utf-16-le")
    assert errors is not None and (errors.count, errors.first_byte, errors.first_offset) == (1, 200, 100)
