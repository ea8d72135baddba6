"""The law's markers, spelled once (corpus.markers): numerals, labels, dates, document numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.markers import (
    CONTENTS,
    DOC_NUMBER,
    Level,
    is_date_line,
    leading_number,
    read_label,
    to_chinese,
    to_int,
)

_FINANCIAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_a_written_numeral_reads_back_as_its_number_in_every_spelling(n: int) -> None:
    written = to_chinese(n)
    assert to_int(written) == n
    assert to_int(written.translate(_FINANCIAL)) == n  # 壹佰贰拾叁
    assert to_int(str(n)) == n
    assert to_int(str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})) == n  # full-width digits
    if written.startswith("二") and written[1:2] in ("百", "千", "万", "亿"):
        assert to_int("两" + written[1:]) == n  # 两千


@pytest.mark.parametrize(
    ("text", "value"),
    [("十一", 11), ("一百零五", 105), ("二〇二一", 2021), ("廿一", 21), ("卅", 30), ("一万零三", 10003), ("零", 0)],
)
def test_numerals_as_laws_and_dates_write_them(text: str, value: int) -> None:
    assert to_int(text) == value


def test_a_text_that_is_no_numeral_reads_as_none() -> None:
    assert [to_int(t) for t in ("", "第一", "一a", "²")] == [None, None, None, None]


@pytest.mark.parametrize(
    ("label", "level", "number"),
    [
        ("第壹条", Level.ARTICLE, (1,)),
        ("第十二条之一 本法所称", Level.ARTICLE, (12, 1)),
        ("第一百二十四 条", Level.ARTICLE, (124,)),
        ("第 7 条", Level.ARTICLE, (7,)),
        ("## 第七章  法律责任", Level.CHAPTER, (7,)),
        ("第一编 总则", Level.PART, (1,)),
        ("第一分编 通则", Level.SUBPART, (1,)),
        ("第二节 一般规定", Level.SECTION, (2,)),
        ("一、总体要求", Level.HEADING, (1,)),
        ("（三）可能毁灭证据的；", Level.ITEM, (3,)),
        ("(十九)坚持依法治理。", Level.ITEM, (19,)),
        ("2. 建立制度", Level.SUBITEM, (2,)),
        ("3、建立制度", Level.SUBITEM, (3,)),
        ("(1)建立制度", Level.SUBSUBITEM, (1,)),
    ],
)
def test_a_label_gives_its_level_and_number(label: str, level: Level, number: tuple[int, ...]) -> None:
    read = read_label(label)
    assert read is not None and (read.level, read.number) == (level, number)


def test_article_of_article_numbers_read_as_dotted_numbers() -> None:
    read = read_label("第十二条之一")
    assert read is not None and read.dotted == "12.1"


def test_a_sentence_and_a_date_are_no_labels() -> None:
    assert [read_label(t) for t in ("本法自公布之日起施行。", "2021.6.20", "第一次修订")] == [None, None, None]


def test_the_leading_number_of_a_label_is_what_renumbering_changes() -> None:
    assert leading_number("第一百二十四条") == (1, 6)
    assert leading_number("#第二章总则") == (2, 3)
    assert leading_number("（三）可能毁灭证据的；", divisions=False) == (1, 2)
    assert leading_number("12. 建立制度") == (0, 2)
    assert leading_number("第七条规定的期限", divisions=False) is None  # a sentence citing an article


def test_dates_lines_and_document_numbers() -> None:
    assert is_date_line("2023年12月29日 第十四届全国人民代表大会常务委员会第七次会议修订")
    assert is_date_line("（二〇二一年六月二十日）")
    assert not is_date_line("自2021年6月20日起施行。")
    assert DOC_NUMBER.fullmatch("渝规资〔2021〕428号") and DOC_NUMBER.fullmatch("国务院令第七百号")
    assert CONTENTS.fullmatch("目 录") and not CONTENTS.fullmatch("目录如下")
