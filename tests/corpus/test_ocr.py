"""Scanned pages read by OCR (issue 22, item 3): the ``wendiff[ocr]`` extra reads a scanned page in place,
its clauses keep their page, low-confidence lines are marked; without the extra the warning names it; a
scan too large is a warning. The tests that run the engine are skipped, in one line naming the extra, when
it is not installed (CI installs it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus import ocr
from corpus.pipeline import from_source
from corpus.read import source_from_bytes
from diffing.compare import compare
from diffing.reports.redline_json import dumps
from tests.corpus.pdf_layers import Line, pdf_of
from tests.corpus.scans import FIRST, LINES, NEEDS_EXTRA, mixed_pdf, rendered, scanned_pdf, spoil
from tests.programs import need_cjk_font


@pytest.fixture
def cjk_font() -> None:
    """The pages drawn from a PDF's text need a font with Chinese glyphs (tests/programs.py)."""
    need_cjk_font()


@pytest.fixture
def with_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("rapidocr_onnxruntime", reason=NEEDS_EXTRA)
    monkeypatch.setenv("WENDIFF_OCR", "1")


@pytest.mark.slow
@pytest.mark.usefixtures("with_ocr", "cjk_font")
def test_a_scanned_page_is_read_by_ocr_in_its_place_and_its_clauses_keep_their_page() -> None:
    source = source_from_bytes("mixed.pdf", mixed_pdf())
    assert source.ocr_read_pages == (2,) and source.textless_pages == ()
    assert any("page 2: read by OCR" in warning for warning in source.warnings())
    law = source_from_bytes("law.txt", "\n".join([FIRST, *LINES]).encode())
    diff = compare(from_source(law), from_source(source))
    assert all(row.op in ("equal", "modified") for row in diff.rows)
    assert diff.summary.similarity > 0.9
    pages = [diff.page(row) for row in diff.rows]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == 2
    assert {diff.page(row) for row in diff.rows if row.op == "modified"} <= {2}
    assert "某某市人民政府" not in source.text  # the red seal is not text
    entry = json.loads(dumps(diff))["b"]
    assert entry["ocr_read_pages"] == [2] and entry.get("uncertain", []) == [list(r) for r in source.uncertain]


def test_without_the_extra_a_scanned_page_is_named_with_the_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WENDIFF_OCR", "0")
    source = source_from_bytes("mixed.pdf", mixed_pdf())
    assert source.textless_pages == (2,) and source.ocr_read_pages == ()
    assert source.warnings() == (
        "mixed.pdf: page 2 has no text layer (a scanned image?); its text is not compared, OCR it first "
        "(pip install 'wendiff[ocr]' reads it)",
    )


def test_a_scan_too_large_to_read_is_a_warning_not_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    monkeypatch.setattr(ocr, "available", lambda: True)
    text_page = pdf_of([[Line(FIRST, 100, size=14, x=20)]], width=320, height=130)
    huge = scanned_pdf([text_page, Image.new("RGB", (400, 400), "white")], dpi=4)  # 7200 pt a side
    source = source_from_bytes("huge.pdf", huge)
    assert source.too_large_pages == (2,) and source.text.strip() == FIRST
    warning = source.warnings()[-1]
    assert warning.startswith("huge.pdf: page 2: too large to read by OCR") and "\n" not in warning


def test_low_confidence_characters_are_uncertain_ranges_of_the_text() -> None:
    from corpus.pages import join_pages
    from corpus.read_pdf import _uncertain

    pages = [["第一条 甲。"], ["第二条 乙。", "第三条 丙丁。"]]
    paged = join_pages(pages)
    sure, unsure = 0.99, 0.4
    read = {2: [("第二条 乙。", 0.99, (sure,) * 6), ("第三条 丙丁。", 0.8, (sure,) * 4 + (unsure, unsure, sure))]}
    ((lo, hi),) = _uncertain(paged, read)
    assert paged.text[lo:hi] == "丙丁"


def test_a_line_without_character_confidences_is_uncertain_where_its_own_confidence_is_low() -> None:
    from corpus.pages import join_pages
    from corpus.read_pdf import _uncertain

    paged = join_pages([["第二条 乙。", "第三条 丙。"]])
    ((lo, hi),) = _uncertain(paged, {1: [("第二条 乙。", 0.99, ()), ("第三条 丙。", 0.5, ())]})
    assert paged.text[lo:hi] == "第三条 丙。"


def test_the_lines_of_a_page_carry_one_confidence_for_each_character() -> None:
    from corpus.ocr import _lines

    pieces: list[object] = [  # (box, text, confidence, the confidence of each character)
        ([[10, 100], [90, 100], [90, 120], [10, 120]], "第三条", 0.9, [1.0, 0.7, 1.0]),
        ([[10, 50], [90, 50], [90, 70], [10, 70]], "第二条", 0.95, [0.95]),
        ([[100, 101], [200, 101], [200, 121], [100, 121]], "丙丶", 0.6, [0.3, 0.9]),
    ]
    second, third = _lines(pieces)
    assert (second.text, second.chars) == ("第二条", (0.95, 0.95, 0.95))
    assert third.text == "第三条 丙、" and third.chars == (1.0, 0.7, 1.0, 1.0, 0.3, 0.9)
    assert third.confidence == 0.6


def test_a_page_image_is_scaled_down_to_a_longest_side_and_never_up() -> None:
    pytest.importorskip("cv2", reason=NEEDS_EXTRA)
    import numpy as np

    from corpus.ocr import DETECT_SIDE, READ_SIDE, _scaled

    a4_at_200_dpi = np.full((2339, 1654, 3), 255, dtype=np.uint8)
    read = _scaled(a4_at_200_dpi, READ_SIDE)
    found = _scaled(read, DETECT_SIDE)
    assert read.shape[0] == READ_SIDE and found.shape[0] == DETECT_SIDE
    for image in (read, found):  # the page keeps its shape, to a pixel
        assert abs(image.shape[1] - 1654 * image.shape[0] / 2339) < 1 and image.shape[2] == 3
    small = np.full((130, 320, 3), 255, dtype=np.uint8)
    assert _scaled(small, DETECT_SIDE) is small


@pytest.mark.slow
@pytest.mark.usefixtures("with_ocr")
def test_a_blank_page_image_reads_as_no_lines() -> None:
    from PIL import Image

    assert ocr.ocr_image(Image.new("RGB", (1654, 2339), "white")) == []


def test_a_red_seal_turns_white_before_ocr_but_black_strokes_under_it_stay_dark() -> None:
    import numpy as np

    from corpus.ocr import _without_red

    seal_on_paper, black, black_under_seal, paper = (234, 122, 122), (0, 0, 0), (130, 18, 18), (255, 255, 255)
    grey = _without_red(np.array([[seal_on_paper, black, black_under_seal, paper]], dtype=np.uint8))
    assert grey[0, :, 0].tolist() == [255, 0, 130, 255]
    assert (grey[..., 0] == grey[..., 1]).all() and (grey[..., 1] == grey[..., 2]).all()


LAW = Path(__file__).resolve().parents[1] / "data" / "real" / "03_ip_tribunal_provisions" / "a.txt"


def _scanned_law(pages: int = 10, width: int = 30) -> tuple[str, bytes]:
    """A real law's articles and a ``pages``-page scan of them: each paragraph wrapped at ``width`` characters
    and drawn in a CJK font, each page rendered at 200 dpi and scanned badly (turned, noisy, a red seal)."""
    text = LAW.read_text(encoding="utf-8")
    paragraphs = [line for line in text[text.index("第一条") :].splitlines() if line.strip()]
    lines = [p[k : k + width] for p in paragraphs for k in range(0, len(p), width)]
    each = -(-len(lines) // pages)
    height = 20 * each + 40
    drawn = pdf_of(
        [[Line(t, height - 30 - 20 * k, size=14, x=30) for k, t in enumerate(lines[n * each : (n + 1) * each])]
         for n in range(pages)],
        width=14 * width + 60, height=height,
    )  # fmt: skip
    return "\n".join(paragraphs), scanned_pdf([spoil(rendered(drawn, n), seed=n) for n in range(pages)])


@pytest.mark.slow
@pytest.mark.usefixtures("with_ocr", "cjk_font")
def test_a_ten_page_scan_against_its_text_gives_only_rows_of_ocr_errors_each_a_close_match() -> None:
    law, scan = _scanned_law()
    source = source_from_bytes("scan.pdf", scan)
    assert source.ocr_read_pages == tuple(range(1, 11)) and source.textless_pages == ()
    diff = compare(from_source(source_from_bytes("law.txt", law.encode())), from_source(source))
    changed = [row for row in diff.rows if row.op != "equal"]
    assert {row.op for row in changed} <= {"modified", "merged", "split"}  # never inserted, deleted or moved
    assert all(row.similarity >= 0.9 for row in changed)
    assert len(changed) <= len(diff.rows) // 2 and diff.summary.similarity > 0.98
    pages = [diff.page(row) for row in diff.rows]
    assert pages == sorted(pages) and set(range(1, 10)) <= set(pages) <= set(range(1, 11))  # a clause may end on 10


def test_the_lines_of_a_page_get_their_nested_title_marks_back_across_lines() -> None:
    from corpus.ocr import _lines

    pieces: list[object] = [
        ([[10, 10], [90, 10], [90, 30], [10, 30]], "会议《关于修改<中", 0.9),
        ([[10, 40], [90, 40], [90, 60], [10, 60]], "华人民共和国公司法>的决定》", 0.9),
    ]
    assert [line.text for line in _lines(pieces)] == ["会议《关于修改〈中", "华人民共和国公司法〉的决定》"]


def _raised(error: BaseException, cause: BaseException | None = None) -> BaseException:
    """``error`` as the child catches it: raised (from ``cause``), with its traceback."""
    try:
        raise error from cause
    except BaseException as caught:  # the test hands it on
        return caught


@pytest.mark.parametrize(
    "error",
    [
        _raised(MemoryError()),
        _raised(ImportError("libgeos-d1e818bb.so.3.14.1: failed to map segment from shared object")),
        _raised(
            RuntimeError("ONNXRuntimeError: Traceback ..."),
            RuntimeError("[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : ... Status Message: std::bad_alloc"),
        ),
    ],
    ids=["MemoryError", "a library that cannot be mapped", "onnxruntime's bad_alloc"],
)
def test_an_ocr_child_out_of_memory_in_any_form_answers_an_error_not_a_bug(error: BaseException) -> None:
    from corpus.ocr_child import failure

    assert failure(error) == {"error": "out of memory"}


def test_an_ocr_child_defect_answers_its_traceback() -> None:
    from corpus.ocr_child import failure

    answer = failure(_raised(KeyError("pages")))
    assert list(answer) == ["bug"] and "KeyError: 'pages'" in answer["bug"]


@pytest.mark.slow
@pytest.mark.usefixtures("with_ocr")
@pytest.mark.parametrize("megabytes", ["300", "800", "900"])
def test_an_ocr_child_short_of_memory_is_one_line_naming_the_limit_never_a_traceback(
    monkeypatch: pytest.MonkeyPatch, megabytes: str
) -> None:
    from corpus.errors import InputError

    monkeypatch.setenv("WENDIFF_OCR_MEMORY", megabytes)  # here: a library unmapped, onnxruntime's bad_alloc
    try:
        source = source_from_bytes("mixed.pdf", mixed_pdf())
    except InputError as error:
        assert str(error).startswith(f"mixed.pdf: OCR of the scanned pages failed (over its {megabytes} MB")
        assert "\n" not in str(error)
    else:  # enough on another machine: read
        assert source.ocr_read_pages == (2,)


@pytest.mark.usefixtures("with_ocr")
def test_a_scan_that_overruns_the_ocr_time_limit_is_refused_in_one_line_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from corpus.errors import InputError

    monkeypatch.setenv("WENDIFF_OCR_TIMEOUT", "0.01")
    with pytest.raises(InputError, match=r"^mixed\.pdf: reading 1 scanned pages by OCR took over 0\.01 s; refused "
                                         r"\(WENDIFF_OCR_TIMEOUT allows longer a page, WENDIFF_OCR=0 skips OCR\)$"):
        source_from_bytes("mixed.pdf", mixed_pdf())
