"""Normalization steps: script, width and whitespace, each on the cases that made it necessary."""

from __future__ import annotations

from corpus.normalize import fold_whitespace, fold_width, to_simplified
from corpus.pipeline import from_text
from corpus.samples import seed


def test_t2s_leaves_no_traditional_character_in_seed_002() -> None:
    import opencc

    text = seed("002").read_text(encoding="utf-8")
    ours = to_simplified(text).text
    assert "蘊含著" in text and "蕴含着" in ours and "著力" not in ours
    assert len(ours) == len(text)
    # Everything else is what OpenCC t2s gives.
    plain = opencc.OpenCC("t2s").convert(text)
    assert [i for i, (x, y) in enumerate(zip(ours, plain, strict=True)) if x != y] == [
        i for i, ch in enumerate(plain) if ch == "著"
    ]


def test_zhu_stays_in_mainland_words_and_becomes_zhe_elsewhere() -> None:
    out = to_simplified("著名的著作显著卓著，土著；随著、蘊含著、著力、意味著").text
    assert out == "著名的著作显著卓著，土著；随着、蕴含着、着力、意味着"


def test_taiwan_and_hk_variants_left_by_t2s_are_mapped() -> None:
    assert to_simplified("衞生 敍述 擡頭 汚染").text == "卫生 叙述 抬头 污染"


def test_simplified_text_is_returned_unchanged() -> None:
    text = seed("000").read_text(encoding="utf-8")
    assert to_simplified(text).text == text


def test_width_folding_makes_brackets_and_commas_equal() -> None:
    assert fold_width("（一）加强，２０２１年ＡＢ「引」〔2021〕").text == "(一)加强,2021年AB“引”[2021]"


def test_width_folding_equals_translating_every_character_by_the_table() -> None:
    from corpus.normalize import _WIDTH_TABLE

    # Replacing each character throughout is the same as translating only when no value is a key.
    assert not set(_WIDTH_TABLE.values()) & set(_WIDTH_TABLE)
    text = "".join(map(chr, [*_WIDTH_TABLE, *_WIDTH_TABLE.values(), 0x20, 0x3002, 0xFF5F, 0xFE53, 0x1F600]))
    assert fold_width(text * 3).text == (text * 3).translate(_WIDTH_TABLE)

def test_spaces_inside_chinese_are_removed_between_latin_words_kept() -> None:
    out = fold_whitespace("辽 宁省、重 点\u3000任务 William  Hill 1 | 2").text
    assert out == "辽宁省、重点任务William Hill 1|2"


def test_paragraph_breaks_are_kept_and_blank_lines_collapse() -> None:
    out = fold_whitespace("一、总体要求\n\n\n以习近平新时代中国特色社会主义思想为指导。\r\n二、重点任务\n").text
    assert out == "一、总体要求\n以习近平新时代中国特色社会主义思想为指导。\n二、重点任务"


def test_hard_wraps_are_joined_only_in_a_wrapped_text() -> None:
    line = "先行示范地区要对方案确定的主要目标重点任务制度建设重点进行系统梳理细化任务措施落实目标责任" * 2
    wrapped = "\n".join(line[k : k + 20] for k in range(0, len(line), 20)) + "。\n二、积极推进制度创新。"
    assert fold_whitespace(wrapped).text == line + "。\n二、积极推进制度创新。"
    # Short lines that stop without punctuation (titles) are not wraps.
    title = "川渝出台政策共同推进生态修复\n发布时间:2021-06-25"
    assert fold_whitespace(title).text == title


def test_damaged_article_header_is_repaired_by_whitespace_folding() -> None:
    doc = from_text("第一百二十四 条 人民法院应当审查。")
    assert doc.text.startswith("第一百二十四条")
    lo, hi = doc.to_original(0, len("第一百二十四条"))
    assert doc.original[lo:hi] == "第一百二十四 条"


def test_is_cjk_is_the_class_of_the_cjk_ranges_and_chinese_punctuation() -> None:
    import re

    from corpus.normalize import is_cjk

    old = re.compile(
        "[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2018-\u201d\u2014-\u2026"
        "，。、；：？！（）《》〈〉]"
    )
    assert [cp for cp in range(0x30000) if is_cjk(chr(cp)) != (old.match(chr(cp)) is not None)] == []
    assert not is_cjk("") and is_cjk("中a") and not is_cjk("a中")
