"""corpus.t2s gives what opencc-python-reimplemented gives, one character for one character."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import t2s
from corpus.make_t2s_data import render
from corpus.samples import REAL_PAIRS, real_pair, seed
from tests.conftest import REAL

UDHR_TRADITIONAL = REAL / "02_udhr_simplified_vs_traditional" / "b.txt"


@cache
def _reference() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def reference(text: str) -> str:
    """The old way: OpenCC t2s on each line holding a Traditional character, keeping its length."""
    convert = _reference().convert
    trad = t2s.tables().traditional

    def line(text: str) -> str:
        out: str = convert(text)
        if len(out) != len(text):
            out = "".join(c2 if len(c2 := convert(ch)) == 1 else ch for ch in text)
        return out

    return "\n".join(x if trad.isdisjoint(x) else line(x) for x in text.split("\n"))


def sample_texts() -> dict[str, str]:
    """Traditional texts: seed 002, the UDHR's Traditional copy, and the reference's s2t of each real sample."""
    texts = {"seed 002": seed("002").read_text(encoding="utf-8")}
    texts["udhr"] = UDHR_TRADITIONAL.read_text(encoding="utf-8")
    s2t = opencc.OpenCC("s2t").convert
    for name in REAL_PAIRS:
        for path in real_pair(name):
            simplified = path.read_text(encoding="utf-8")
            texts[f"{name}/{path.name} s2t"] = "\n".join(s2t(line) for line in simplified.split("\n"))
    return texts


@pytest.mark.parametrize("name", sorted(sample_texts()))
def test_converter_equals_the_reference_on_samples(name: str) -> None:
    text = sample_texts()[name]
    assert t2s.has_traditional(text)
    assert t2s.convert(text) == reference(text)


def test_simplified_samples_are_returned_unchanged() -> None:
    for key in ("000", "001", "003", "004"):
        text = seed(key).read_text(encoding="utf-8")
        assert not t2s.has_traditional(text)
        assert t2s.convert(text) is text


def _pieces() -> st.SearchStrategy[str]:
    tables = t2s.tables()
    chars = sorted(chr(cp) for cp in tables.chars)
    phrases = sorted(tables.phrases)
    return st.one_of(
        st.sampled_from(chars),
        st.sampled_from(phrases),
        st.sampled_from(phrases).map(lambda p: p[1:]),  # tails and heads make overlapping phrases
        st.sampled_from(phrases).map(lambda p: p[:-1]),
        st.sampled_from(list("abc 12,.-\n\t　，。、“”（）")),
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces(), max_size=40).map("".join))
def test_converter_equals_the_reference_on_random_text(text: str) -> None:
    assert t2s.convert(text) == reference(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces(), max_size=40).map("".join))
def test_every_line_keeps_its_length(text: str) -> None:
    out = t2s.convert(text)
    assert [len(line) for line in out.split("\n")] == [len(line) for line in text.split("\n")]


def test_longest_phrase_wins_before_the_leftmost_as_in_the_reference() -> None:
    # Forward maximum matching would take 甲乙 first; the reference takes the longer 乙丙丁
    # (checked by giving the reference these two dictionaries), and 甲 left alone is a character.
    tables = t2s.build({"甲": "子", "戊": "午"}, {"甲乙": "AB", "乙丙丁": "BCD"})
    assert t2s.convert_line("甲乙丙丁，甲乙戊", tables) == "子BCD，AB午"


def test_line_that_would_change_length_is_converted_character_by_character() -> None:
    tables = t2s.build({"乾": "干", "髮": "发", "頭": "头", "麼": "么么"}, {"頭髮": "头发发"})
    assert t2s.convert_line("頭髮乾", tables) == "头发干"
    assert t2s.convert_line("麼乾", tables) == "麼干"  # a character that would become two is kept


def test_shipped_list_of_traditional_characters_is_what_the_script_generates() -> None:
    shipped = Path(t2s.__file__).parent / "data" / t2s.TRADITIONAL_FILE
    assert shipped.read_text(encoding="utf-8") == render()
    assert t2s.traditional_chars() == t2s.tables().traditional


def test_simplified_text_loads_no_dictionary() -> None:
    t2s.tables.cache_clear()
    assert t2s.convert("中华人民共和国，乐观。") == "中华人民共和国，乐观。"
    assert t2s.tables.cache_info().currsize == 0
    assert t2s.convert("樂觀") == "乐观"
    assert t2s.tables.cache_info().currsize == 1


def test_zhu_keeps_its_mainland_words_across_a_hard_wrap_or_a_space() -> None:
    from corpus.normalize import to_simplified

    for text in ("做出显\n著成绩", "做出显 著成绩", "著\n名的学者", "显\r\n著"):
        assert "著" in to_simplified(text).text, repr(text)
    assert to_simplified("蘊含\n著").text == "蕴含\n着"


def test_long_text_finds_every_traditional_character_as_the_set_test_does() -> None:
    bmp, astral = t2s._traditional_finder()
    trad = t2s.traditional_chars()
    assert {ch for ch in trad if bmp.fullmatch(ch)} | astral == trad
    assert not any(bmp.fullmatch(ch) for ch in "中华人民共和国，乐观。abc 𠀀😀")
    plain = "中华人民共和国，乐观。😀\n" * (t2s.LONG_TEXT // 10)
    assert len(plain) >= t2s.LONG_TEXT and not t2s.has_traditional(plain)
    astral_one = sorted(astral)[0]
    for ch in ("樂", astral_one):
        text = plain[:5000] + ch + plain[5000:]
        assert t2s.has_traditional(text) and not t2s.traditional_chars().isdisjoint(text)
