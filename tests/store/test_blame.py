"""Clause blame: the version that introduced each clause's current wording."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

import opencc
from hypothesis import given
from hypothesis import strategies as st

from corpus.store import Rev, Store
from corpus.store.blame import blame, origins

ARTICLES = [
    "第一条　为了规范国土空间生态修复工作，推进成渝地区双城经济圈建设，加强两地生态保护与修复协同，"
    "根据有关法律法规，结合本地实际，制定本办法。",
    "第二条　本办法适用于重庆市和四川省行政区域内的国土空间生态修复规划、实施、监管等活动，"
    "以及相关的资金保障、技术支撑和成效评估工作。",
    "第三条　生态修复应当坚持节约优先、保护优先、自然恢复为主的方针，统筹山水林田湖草沙一体化保护和系统治理，"
    "提升生态系统质量和稳定性。",
]
NEW_ARTICLE = "第四条　本办法自公布之日起施行。"


def _text(articles: list[str], width: int) -> bytes:
    """The articles hard-wrapped at ``width`` characters, as a PDF-to-text tool would leave them."""
    return ("\n".join(line for a in articles for line in textwrap.wrap(a, width)) + "\n").encode("utf-8")


def _add(store: Store, data: bytes) -> None:
    assert store.add(data, "law.txt", doc_id="law").created


def _origin(store: Store, rev: Rev | None = None) -> dict[str, int]:
    lines = blame(store, "law") if rev is None else blame(store, "law", rev)
    return {line.text: line.version for line in lines}


def test_rewrapping_traditional_script_and_punctuation_width_keep_the_original_version(store: Store) -> None:
    _add(store, _text(ARTICLES, 25))
    traditional = opencc.OpenCC("s2t").convert(_text(ARTICLES, 33).decode()).replace("，", ",")
    _add(store, traditional.encode("utf-8"))
    origin = _origin(store)
    assert len(origin) == 6
    assert set(origin.values()) == {1}


def test_a_reworded_and_an_added_clause_are_blamed_on_the_version_that_changed_them(store: Store) -> None:
    _add(store, _text(ARTICLES, 25))
    reworded = [ARTICLES[0], ARTICLES[1].replace("成效评估", "绩效评价"), ARTICLES[2], NEW_ARTICLE]
    _add(store, _text(reworded, 30))
    _add(store, _text(reworded, 40))
    lines = blame(store, "law")
    by_text = {line.text: line for line in lines}
    changed = next(t for t in by_text if "绩效评价" in t)
    assert by_text[changed].version == 2
    assert by_text["本办法自公布之日起施行。"].version == 2
    assert by_text["第一条"].version == 1
    assert next(line for line in lines if line.text.startswith("为了规范")).version == 1
    assert [line.index for line in lines] == list(range(len(lines)))
    assert all(line.commit == store.version("law", Rev("number", line.version)).commit for line in lines)


def test_a_wording_that_left_and_came_back_is_blamed_on_its_return(store: Store) -> None:
    _add(store, _text(ARTICLES, 25))
    _add(store, _text([ARTICLES[0], ARTICLES[2]], 25))
    _add(store, _text(ARTICLES, 25))
    origin = _origin(store)
    second_body = next(t for t in origin if t.startswith("本办法适用于"))
    assert origin[second_body] == 3
    assert origin["第一条"] == 1


def test_blame_of_an_older_version_ignores_later_ones(store: Store) -> None:
    _add(store, _text(ARTICLES, 25))
    _add(store, _text([*ARTICLES, NEW_ARTICLE], 25))
    _add(store, _text(ARTICLES[:1], 25))
    origin = _origin(store, Rev("number", 2))
    assert origin["本办法自公布之日起施行。"] == 2
    assert len(origin) == 8


_HISTORIES = st.lists(st.lists(st.sampled_from("abcdef"), max_size=6), min_size=1, max_size=8)


@given(_HISTORIES)
def test_each_clause_is_blamed_on_the_start_of_its_unbroken_run(history: list[list[str]]) -> None:
    """``history`` is newest first; ``origins`` of its first version against the rest."""
    lines, older = history[0], history[1:]
    for text, back in zip(lines, origins(lines, iter(older)), strict=True):
        assert all(text in version for version in older[:back])
        assert back == len(older) or text not in older[back]


def test_origins_reads_no_further_than_it_needs() -> None:
    read: list[int] = []

    def versions() -> Iterator[list[str]]:
        for k, clauses in enumerate([["a"], ["b"], ["a"], ["a"]]):
            read.append(k)
            yield clauses

    assert origins(["a"], versions()) == [1]
    assert read == [0, 1]
