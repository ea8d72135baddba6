"""Government web pages read as the document they show (issue 22, item 1): the ten State Council pages of
tests/data/web against their bodies, the metadata table as the document's metadata, layout tables read
as lines, furniture lines dropped, and a page with no body refused in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.errors import InputError
from corpus.meta import document_meta
from corpus.pipeline import from_source, load
from corpus.read import read_source, source_from_bytes
from diffing.compare import compare
from diffing.reports import render

WEB = Path(__file__).resolve().parent.parent / "data" / "web"
MANIFEST = {m["file"]: m for m in json.loads((WEB / "manifest.json").read_text(encoding="utf-8"))}
PAGES = sorted(MANIFEST)


@pytest.mark.parametrize("page", PAGES)
def test_each_state_council_page_diffs_equal_to_its_body(page: str) -> None:
    html = WEB / page
    diff = compare(load(str(html.with_suffix(".body.txt"))), load(str(html)))
    assert diff.summary.changes == 0, [row.op for row in diff.rows if row.op != "equal"]


@pytest.mark.parametrize("page", PAGES)
def test_the_metadata_table_gives_title_number_issuer_and_dates_and_is_not_body_text(page: str) -> None:
    source = read_source(str(WEB / page))
    meta = document_meta(from_source(source))
    wanted = MANIFEST[page]
    assert meta.title == wanted["title"]
    assert meta.number == wanted["release_number"]
    assert meta.issuer in ("国务院", "国务院办公厅")
    assert meta.date.endswith(" 成文") and meta.dates[-1].endswith(" 发布")
    for furniture in ("索 引 号", "主题分类", "发文字号：", "扫一扫在手机打开当前页", "|"):
        assert furniture not in source.text


def test_the_html_report_header_shows_the_page_title_and_number() -> None:
    html = WEB / "01.html"
    out = render(compare(load(str(html.with_suffix(".body.txt"))), load(str(html))), "html")
    assert isinstance(out, str)
    header = out[: out.index("</header>")]
    assert f"<td>{MANIFEST['01.html']['title']}</td>" in header
    assert "<td>国办发〔2019〕6号</td>" in header
    assert "<td>2019年01月22日 成文</td>" in header


LAYOUT_PAGE = """<html><head><meta charset="utf-8"><title>条例</title></head><body>
<table><tr><td><a href="/">首页</a> &gt; <a href="/zc">政策</a></td></tr>
<tr><td class="content">
<p>某某管理条例</p>
第一章　总　则<br>第一条　为了规范管理，制定本条例。<br>第二条　本条例适用于全省。<br><br>
第二章　管　理<br>第三条　主管部门负责实施。
<table><tr><td>项目</td><td>金额</td></tr><tr><td>一号工程</td><td><p>100</p><p>万元</p></td></tr></table>
<p>【打印】【关闭】</p>
<div>分享到：微信 微博</div>
</td></tr></table>
<div class="footer"><a href="/about">关于我们</a></div>
</body></html>"""


def test_a_body_laid_out_in_a_table_keeps_its_lines_and_headings() -> None:
    source = source_from_bytes("layout.html", LAYOUT_PAGE.encode())
    assert source.text.splitlines() == [
        "某某管理条例",
        "第一章　总　则",
        "第一条　为了规范管理，制定本条例。",
        "第二条　本条例适用于全省。",
        "第二章　管　理",
        "第三条　主管部门负责实施。",
        "项目 | 金额",
        "一号工程 | 100 万元",
    ]


def test_a_page_with_only_navigation_and_a_metadata_table_is_refused_in_one_line() -> None:
    page = ("<html><body><nav><a href='/'>首页</a></nav><table><tr><td><b>标　　题：</b></td><td>某通知</td>"
            "<td><b>发文字号：</b></td><td>国发〔2019〕1号</td></tr></table></body></html>")  # fmt: skip
    with pytest.raises(InputError) as caught:
        source_from_bytes("empty.html", page.encode())
    message = str(caught.value)
    assert "\n" not in message and "empty.html" in message
    assert "no body beside navigation, metadata and page furniture" in message
