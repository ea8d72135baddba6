"""PDF text layers as they arrive (issue 22, item 2): visible text before an invisible OCR layer, the
layer used only on a page without visible text and named in a warning, OCR'd page numbers as furniture,
a garbled layer named, and a running header that repeats the title kept on page 1."""

from __future__ import annotations

from pathlib import Path

from corpus.pipeline import from_source, load
from corpus.read import source_from_bytes
from diffing.compare import compare
from tests.corpus.pdf_layers import INVISIBLE, Line, covered, pdf_of

FORMATS = Path(__file__).resolve().parent.parent / "data" / "formats"
FIRST = "第一条 为了规范管理，制定本办法。"
SECOND = "第二条 本办法自公布之日起施行。"


def kept(source_text: str, furniture: tuple[tuple[int, int], ...]) -> list[str]:
    """The lines of the text with its furniture ranges taken out."""
    out, pos = [], 0
    for lo, hi in furniture:
        out.append(source_text[pos:lo])
        pos = hi
    out.append(source_text[pos:])
    return [line for line in "".join(out).splitlines() if line.strip()]


def test_a_page_with_visible_text_ignores_its_invisible_ocr_copy() -> None:
    data = pdf_of([[Line(FIRST, 700), Line("第一条 为了规范管埋，制定本办去。", 690, INVISIBLE)]])
    source = source_from_bytes("form.pdf", data)
    assert source.text.splitlines() == [FIRST]
    assert source.ocr_pages == () and source.warnings() == ()


def test_a_page_without_visible_text_is_read_from_its_ocr_layer_and_named_in_a_warning() -> None:
    data = pdf_of([[Line(FIRST, 700)], [Line(SECOND, 700, INVISIBLE)]])
    source = source_from_bytes("scan.pdf", data)
    assert source.text.splitlines() == [FIRST, SECOND]
    assert source.ocr_pages == (2,)
    assert source.warnings() == ("scan.pdf: page 2: OCR text layer used (no visible text there)",)
    assert source.page_at(source.text.index(SECOND)) == 2


def test_ocr_read_page_numbers_on_ocr_pages_are_furniture() -> None:
    pages = [
        [Line(FIRST, 700, INVISIBLE), Line("_ 5O_", 60, INVISIBLE)],
        [Line(SECOND, 700, INVISIBLE), Line("— 5 —", 60, INVISIBLE)],
        [Line("第三条 有关部门应当依法履行职责。", 700, INVISIBLE), Line("第 5 页", 60, INVISIBLE)],
    ]
    source = source_from_bytes("numbered.pdf", pdf_of(pages))
    assert source.ocr_pages == (1, 2, 3)
    assert kept(source.text, source.furniture) == [FIRST, SECOND, "第三条 有关部门应当依法履行职责。"]


def test_a_garbled_ocr_layer_is_named_in_a_warning_and_still_read() -> None:
    data = pdf_of([[Line(FIRST, 700)], [Line("¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿ 条", 700, INVISIBLE)]])
    source = source_from_bytes("bad.pdf", data)
    assert source.garbled_pages == (2,)
    assert "bad.pdf: page 2: the OCR text layer looks garbled" in source.warnings()[-1]
    assert "\n" not in source.warnings()[-1]


def test_a_running_header_repeating_the_title_is_furniture_on_later_pages_but_the_title_stays_on_page_1() -> None:
    """official.pdf: LibreOffice's A4 export of a notice whose title heads pages 2 and 3 (make_fixtures.py)."""
    a, b = load(str(FORMATS / "official.txt")), load(str(FORMATS / "official.pdf"))
    diff = compare(a, b)
    assert [row.op for row in diff.rows if row.op != "equal"] == []
    title = (FORMATS / "official.txt").read_text(encoding="utf-8").splitlines()[0]
    lines = kept(b.source.text, b.source.furniture)
    assert lines[0] == title and lines.count(title) == 1
    assert b.source.text.count(title) == 3


def test_a_running_header_on_every_page_including_the_first_is_still_furniture() -> None:
    header = "某某市人民政府办公厅文件"
    pages = [[Line(header, 800, size=9), Line(f"第{k}条 正文内容第{k}页。", 700)] for k in range(1, 4)]
    source = from_source(source_from_bytes("headed.pdf", pdf_of(pages))).source
    assert header not in "".join(kept(source.text, source.furniture))


def test_text_under_an_image_on_a_page_with_visible_text_is_not_read() -> None:
    data = covered([[Line(FIRST, 700), Line("第一条 为了规范管埋，制定本办去。", 500)]], 0, (60, 480, 400, 50))
    source = source_from_bytes("form.pdf", data)
    assert source.text.splitlines() == [FIRST]
    assert source.ocr_pages == () and source.warnings() == ()


def test_a_page_whose_only_text_lies_under_an_image_is_read_from_it_and_named_in_a_warning() -> None:
    data = covered([[Line(FIRST, 700)], [Line(SECOND, 700)]], 1, (0, 0, 595, 842))
    source = source_from_bytes("scan.pdf", data)
    assert source.text.splitlines() == [FIRST, SECOND]
    assert source.ocr_pages == (2,) and source.textless_pages == ()
    assert source.warnings() == ("scan.pdf: page 2: OCR text layer used (no visible text there)",)


def test_text_beside_an_image_stays_visible() -> None:
    beside = covered([[Line(FIRST, 700), Line(SECOND, 500)]], 0, (60, 300, 400, 100))
    source = source_from_bytes("a.pdf", beside)
    assert source.text.splitlines() == [FIRST, SECOND] and source.warnings() == ()


def test_text_under_a_seal_with_a_transparent_ground_stays_visible() -> None:
    sealed = covered([[Line(FIRST, 700), Line(SECOND, 500)]], 0, (60, 480, 400, 50), alpha=True)
    source = source_from_bytes("sealed.pdf", sealed)
    assert source.text.splitlines() == [FIRST, SECOND] and source.warnings() == ()
