"""Inline differences join back to both texts, by word or by character."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from diffing.inline import inline_diff

CHINESE = st.text(alphabet="国土领空间生态修复规划协同与衔接加强两地的，。（）ab1", max_size=40)


@settings(max_examples=200, deadline=None)
@given(CHINESE, CHINESE, st.sampled_from(["word", "char"]))
def test_parts_join_back_to_both_texts(a: str, b: str, mode: str) -> None:
    parts = inline_diff(a, b, mode)  # type: ignore[arg-type]
    assert "".join(t for op, t in parts if op in "=-") == a
    assert "".join(t for op, t in parts if op in "=+") == b


def test_word_mode_replaces_whole_words() -> None:
    parts = inline_diff("加强两地国土空间生态修复", "加强两地领土空间生态修复", "word")
    assert ("-", "国土") in parts and ("+", "领土") in parts


def test_char_mode_replaces_only_the_changed_character() -> None:
    parts = inline_diff("加强两地国土空间生态修复", "加强两地领土空间生态修复", "char")
    assert ("-", "国") in parts and ("+", "领") in parts


def test_long_texts_never_degrade_to_delete_all_insert_all() -> None:
    a = "根据本法规定，" * 400 + "国务院负责。"
    b = "根据本法规定，" * 400 + "省级人民政府负责。"
    parts = inline_diff(a, b, "char")
    assert parts[0][0] == "=" and len(parts[0][1]) >= len("根据本法规定，") * 400
