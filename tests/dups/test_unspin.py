"""Unspin: spun copies read as the common words again; normal text is never touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from corpus.errors import InputError
from corpus.samples import real_pair, seed
from corpus.unspin import (
    UnspinTable,
    bundled_table,
    find_substitutions,
    load_table,
    parse_table,
    reworded,
    spin,
    unspin,
)

SPUN = seed("003").read_text(encoding="utf-8", errors="replace")
NORMAL = {
    "seed 000": seed("000").read_text(encoding="utf-8"),
    "seed 001": seed("001").read_text(encoding="utf-8"),
    "seed 002": seed("002").read_text(encoding="utf-8"),
    "seed 004": seed("004").read_text(encoding="utf-8"),
    **{f"{name} {side}": path.read_text(encoding="utf-8")
       for name in ("01_holiday_measures", "03_ip_tribunal_provisions")
       for side, path in zip("ab", real_pair(name), strict=True)},
}  # fmt: skip


def test_spun_seed_003_reads_with_the_official_wording() -> None:
    out = unspin(SPUN, load_table()).text
    assert "设置装备摆设" not in out and "根蒂根基" not in out and "定见" not in out
    assert "关于加强生态环境分区管控的实施方案(公开征求意见稿)" in out
    assert "夯实高质量发展的生态基础,助力美丽重庆建设" in out
    assert "联系人及联系方式" in out


@pytest.mark.parametrize("name", sorted(NORMAL))
def test_normal_text_is_left_exactly_as_it_is(name: str) -> None:
    text = NORMAL[name]
    out = unspin(text, load_table())
    assert out.text == text
    assert out.map.is_identity


def test_a_stray_marker_in_normal_text_changes_nothing() -> None:
    text = "春节前夕,各地群众吃年夜饭、贴春联,节日气氛浓厚。当地情况良好。"
    assert unspin(text, load_table()).text == text


def test_swapped_words_are_swapped_back_not_collapsed() -> None:
    # The spinner writes 情况 for 环境 and 环境 for 情况; markers make the text look spun.
    original = "生态环境保护的实施情况,个人通过电话联系,建设基础设施。"
    spun = spin(original, load_table())
    assert "生态情况掩护" in spun and "实行环境" in spun
    assert unspin(spun, load_table()).text == original


def test_longest_match_wins() -> None:
    table = {"设置": "X", "设置装备摆设": "建设"}
    assert unspin("设置装备摆设好", table).text == "建设好"
    assert unspin("设置好", table).text == "X好"


def test_offset_map_sends_each_common_word_back_to_the_spun_word() -> None:
    table = load_table()
    subs = reworded(SPUN, table)
    out = unspin(SPUN, table)
    assert len(subs) > 1000
    expected, pos = [], 0
    for s in subs:
        expected += [SPUN[pos : s.start], s.common]
        pos = s.end
    assert out.text == "".join(expected) + SPUN[pos:]
    for s in subs:
        # Touching replacements share one edit of the map: the common word's first
        # character maps back to a span that holds the spun word's start.
        lo, hi = out.map.char_to_source(out.map.pos_to_derived(s.start))
        assert lo <= s.start < hi


def test_spinning_and_unspinning_a_seed_gives_it_back_almost_exactly() -> None:
    # Not exactly: an ordinary word of the original that is also a spun form
    # (工程, 补偿, 或者 …) is mapped to its common word too. Measured (Levenshtein
    # similarity to the original): spun 0.77 / 0.79, unspun 0.988 / 0.992.
    table = load_table()
    for key in ("000", "004"):
        text = seed(key).read_text(encoding="utf-8")
        spun = spin(text, table)
        assert reworded(spun, table), key
        assert Levenshtein.normalized_similarity(text, spun) < 0.85
        assert Levenshtein.normalized_similarity(text, unspin(spun, table).text) > 0.98


def test_plain_mapping_applies_to_every_text() -> None:
    assert unspin("情况好", {"情况": "环境"}).text == "环境好"


def test_bundled_table_marks_only_odd_forms_as_markers() -> None:
    table = bundled_table()
    assert "设置装备摆设" in table.markers and "平易近" in table.markers
    assert "情况" not in table.markers and table["情况"] == "环境"
    assert all(common and spun != common for spun, common in table.items())


def test_user_table_extends_and_overrides_the_bundled_one(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("# my spinner\n萌发\t发展\tmarker\n情况\t状况\n", encoding="utf-8")
    table = load_table(str(path))
    assert table["萌发"] == "发展" and "萌发" in table.markers
    assert table["情况"] == "状况"
    assert table["设置装备摆设"] == "建设"
    assert load_table(str(path)) is table  # cached until the file changes


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("情况 环境\n", "line 1: expected 'spun<TAB>common[<TAB>marker|word]'"),
        ("# ok\n情况\t环境\tcommon\n", "line 2: kind must be 'marker' or 'word', not 'common'"),
        ("情况\t情况\n", "line 1: '情况' is mapped to itself"),
    ],
)
def test_malformed_user_table_is_one_line_naming_file_and_line(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_table(str(path))
    assert str(info.value) == f"{path}: {problem}"


def test_unreadable_user_table_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read unspin table"):
        load_table(str(tmp_path / "missing.tsv"))
    gbk = tmp_path / "gbk.tsv"
    gbk.write_bytes("情况\t环境\n".encode("gbk"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_table(str(gbk))


def test_parse_table_treats_two_columns_as_words() -> None:
    table = parse_table("甲\t乙\n", "t.tsv")
    assert isinstance(table, UnspinTable) and table == {"甲": "乙"} and not table.markers


_ALPHABET = "情况环境设置装备摆设建年夜大平易近民于在和以及好的。"


@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_every_output_character_maps_back_into_the_input(text: str) -> None:
    table = load_table()
    out = unspin(text, table)
    assert out.map.src_len == len(text) and out.map.dst_len == len(out.text)
    for i in range(len(out.text)):
        lo, hi = out.map.char_to_source(i)
        assert 0 <= lo < hi <= len(text)


@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_matches_never_overlap_and_are_table_words(text: str) -> None:
    table = load_table()
    end = 0
    for s in find_substitutions(text, table):
        assert s.start >= end and text[s.start : s.end] == s.spun and table[s.spun] == s.common
        end = s.end
