"""One metadata for every report and the store: title, date and number say the same everywhere."""

from __future__ import annotations

import io

import docx

from corpus.meta import document_meta, text_meta
from corpus.pipeline import from_text, load
from corpus.samples import seed
from corpus.store.derive import default_title
from diffing.compare import compare
from diffing.model import Diff
from diffing.reports import REPORT_FORMATS, render
from tests.conftest import REAL
from tests.reports.pairs import real_diff

_HEADING = "关于全面深化川渝两地国土空间生态修复领域合作的实施意见"


def _seed_000(heading: str = "") -> str:
    text = seed("000").read_text(encoding="utf-8")
    number, rest = text.split("\n", 1)
    return f"{number}\n{heading}\n{rest}" if heading else text


def _everything(diff: Diff) -> dict[str, str]:
    """Every report of ``diff`` in every format, as text (a Word file's paragraphs and header lines)."""
    out: dict[str, str] = {}
    for report, formats in REPORT_FORMATS.items():
        for fmt in formats:
            rendered = render(diff, fmt, report)
            if isinstance(rendered, bytes):
                document = docx.Document(io.BytesIO(rendered))
                header = [p.text for p in document.sections[0].first_page_header.paragraphs]
                rendered = "\n".join([*header, *(p.text for p in document.paragraphs)])
            out[f"{report}.{fmt}"] = rendered
    return out


def test_seed_000_has_no_title_neither_its_document_number_nor_its_addressee() -> None:
    meta = text_meta(_seed_000())
    assert (meta.title, meta.number, meta.date) == ("", "渝规资〔2021〕428号", "2021年6月20日")
    assert meta.issuer == "重庆市规划和自然资源局 四川省自然资源厅"
    assert default_title(_seed_000()) == ""
    reports = _everything(compare(from_text(_seed_000(), "a.txt"), from_text(_seed_000(), "b.txt")))
    for name, text in reports.items():
        assert "《渝规资" not in text and "《重庆市各区县" not in text, name
    assert "<tr><th>标题</th><td>—</td><td>—</td></tr>" in reports["redline.html"]
    assert "<tr><th>文号</th><td>渝规资〔2021〕428号</td><td>渝规资〔2021〕428号</td></tr>" in reports["redline.html"]


def test_a_notice_title_is_the_same_in_every_report_format_and_the_store() -> None:
    a = from_text(_seed_000(_HEADING), "a.txt")
    b = from_text(_seed_000(_HEADING).replace("筑牢长江上游生态屏障", "筑牢长江上游重要生态屏障"), "b.txt")
    assert document_meta(a).title == document_meta(b).title == default_title(a.original) == _HEADING
    reports = _everything(compare(a, b))
    assert set(reports) == {f"{r}.{f}" for r, fs in REPORT_FORMATS.items() for f in fs}
    for name, text in reports.items():
        if name not in ("redline.text", "redline.json"):  # the terminal view and JSON name files only
            assert _HEADING in text, name
    assert f"关于修改《{_HEADING}》的决定（草稿）" in reports["amendments.text"]
    assert f"《{_HEADING}》新旧对照表" in reports["table.text"]


def test_pair_10_has_one_date_per_version_in_the_redline_and_the_table() -> None:
    diff = real_diff("10_procuratorate_criminal_procedure_rules")
    a_date = "2012年10月16日最高人民检察院第十一届检察委员会第八十次会议第二次修订"
    b_date = "2019年12月30日 施行"
    assert (document_meta(diff.a).date, document_meta(diff.b).date) == (a_date, b_date)
    html, markdown = render(diff, "html"), str(render(diff, "md"))
    table_text, table_md = str(render(diff, "text", "table")), str(render(diff, "md", "table"))
    assert f"<tr><th>日期</th><td>{a_date}</td><td>{b_date}</td></tr>" in html
    assert f"| 日期 | {a_date} | {b_date} |" in markdown
    # the 对照表 names each version by 《title》 and its date line (issue 19: never its path)
    assert f"》（{a_date}）" in table_text and f"》（{b_date}）" in table_text
    assert f"》（{a_date}）" in table_md.replace("\\", "")


def test_the_dates_of_a_law_are_its_head_s_dated_events_one_per_date() -> None:
    meta = document_meta(load(str(REAL / "10_procuratorate_criminal_procedure_rules" / "a.txt")))
    assert [d[:11] for d in meta.dates] == ["1997年1月15日 ", "1998年12月16日", "2012年10月16日"]


def test_a_title_glued_to_its_dates_is_cut_before_them() -> None:
    meta = text_meta("# 全国年节及纪念日放假办法1949年12月23日 政务院发布\n第一条 为统一假期，制定本办法。\n")
    assert meta.title == "全国年节及纪念日放假办法"


def test_a_signature_gives_a_notice_its_issuer_and_date() -> None:
    meta = text_meta("各部门：\n现印发通知。\n自然资源部 国家林业和草原局 2024年8月8日 |\n")
    assert (meta.title, meta.issuer, meta.date) == ("", "自然资源部 国家林业和草原局", "2024年8月8日")
