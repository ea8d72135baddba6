"""Lineages of real laws at several versions (tests/data/chains): identical articles keep one lineage
through any renumbering, every article is followed, and where the amendment decision between two
versions is present the lineage's steps agree with its items."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from corpus.markers import compact, read_label, to_int
from corpus.pipeline import from_source
from corpus.read import read_source
from corpus.store.derive import STORE_OPTIONS
from diffing.history import lineages_of
from diffing.lineage import Lineages, find

CHAINS = Path(__file__).resolve().parents[1] / "data" / "chains"
NAMES = sorted(p.name for p in CHAINS.iterdir() if p.is_dir())


@cache
def _texts(name: str) -> tuple[str, ...]:
    files = sorted((CHAINS / name).glob("v*.txt"), key=lambda p: int(p.stem[1:]))
    return tuple(f.read_text(encoding="utf-8") for f in files)


@cache
def _lineages(name: str) -> Lineages:
    files = sorted((CHAINS / name).glob("v*.txt"), key=lambda p: int(p.stem[1:]))
    return lineages_of([from_source(read_source(str(f)), STORE_OPTIONS) for f in files])


def _body(text: str, span: tuple[int, int]) -> str:
    """An article's text without its label, spaces and line breaks."""
    piece = compact(text[span[0] : span[1]])
    label = read_label(piece)
    return piece[label.end :] if label is not None else piece


@pytest.mark.parametrize("name", NAMES)
def test_identical_articles_keep_one_lineage_through_renumbering(name: str) -> None:
    texts, lineages = _texts(name), _lineages(name)
    last = len(texts)
    for lin in lineages.lineages:
        first = lin.steps[0]
        if lin.level != "article" or first.version != 1 or first.unit is None:
            continue
        body = _body(texts[0], first.unit.span)
        later = [u for u in _articles_at(lineages, last) if _body(texts[-1], u.span) == body]
        if len(later) == 1:  # the same wording, once, in the last version: the same lineage
            step = lin.alive_at(last)
            assert step is not None and step.unit is not None, f"{name}: {first.label} is lost"
            assert step.unit.id == later[0].id, f"{name}: {first.label} followed to {step.label}, not {later[0].label}"


def _articles_at(lineages: Lineages, version: int) -> list:  # type: ignore[type-arg]
    return [s.unit for lin in lineages.lineages if lin.level == "article"
            for s in [lin.alive_at(version)] if s is not None and s.unit is not None]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_every_version_holds_each_article_in_one_lineage(name: str) -> None:
    lineages = _lineages(name)
    for version in range(1, lineages.versions + 1):
        labels = [u.label for u in _articles_at(lineages, version)]
        assert labels, f"{name} v{version} has no article"
        assert len(labels) == len(set(labels)), f"{name} v{version}: {labels}"


def _decision_items(text: str) -> tuple[set[int], set[int], set[int]]:
    """Deleted, modified (old numbers) and inserted (new numbers) articles named by a decision."""
    numbers = r"第([一二三四五六七八九十百零]+)条"
    deleted = {n for line in re.findall(r"删除(第.+?)。", text) for n in map(to_int, re.findall(numbers, line))}
    modified = {to_int(n) for n in re.findall(rf"将{numbers}修改为", text)}
    inserted = {to_int(n) for n in re.findall(rf"增加一条作为{numbers}", text)}
    return {n for n in deleted if n}, {n for n in modified if n}, {n for n in inserted if n}


@pytest.mark.parametrize("name", [n for n in NAMES if list((CHAINS / n).glob("decision_*.txt"))])
def test_lineage_steps_agree_with_the_amendment_decision(name: str) -> None:
    lineages = _lineages(name)
    for path in (CHAINS / name).glob("decision_v*_to_v*.txt"):
        old, new = map(int, re.findall(r"\d+", path.stem))
        deleted, modified, inserted = _decision_items(path.read_text(encoding="utf-8"))
        assert deleted and modified and inserted
        for lin in lineages.lineages:
            start = lin.alive_at(old)
            if lin.level != "article" or start is None or start.unit is None:
                continue
            n = int(start.unit.number or 0)
            step = lin.at(new)
            assert step is not None, f"{start.label} has no step in v{new}"
            if n in deleted:
                assert step.op == "deleted", f"{start.label}: the decision deletes it, the lineage says {step.op}"
            elif n in modified:
                assert step.op in ("modified", "moved") and step.modified, f"{start.label}: {step.op}"
            else:
                assert step.op != "deleted", f"{start.label}: the decision keeps it"
        for n in inserted:
            lin = find(lineages, new, f"第{_cn(n)}条")
            assert lin.steps[0].version == new and lin.steps[0].op == "inserted", f"第{_cn(n)}条 v{new}"


def _cn(n: int) -> str:
    from corpus.markers import to_chinese

    return to_chinese(n)


def test_merged_articles_are_followed_into_the_article_that_absorbed_them() -> None:
    """船员条例 2020: old 第五条 and 第九条 became new 第五条, whose text is mostly old 第九条's (适任证书
    and its conditions), so 第九条's lineage goes on and 第五条's ends there; old 第七条 (船员服务簿) and
    第十一条 became new 第七条, mostly old 第七条's text."""
    lineages = _lineages("06_chuanyuan-tiaoli")
    for old, new in (("第五条", "第五条"), ("第十一条", "第七条")):
        lin = find(lineages, 1, old)
        step = lin.at(2)
        assert step is not None and step.op == "merged" and step.label == new
        main = lineages.lineages[step.into] if step.into is not None else None
        assert main is not None and main.alive_at(3) is not None
        assert lin.id in main.at(2).with_  # type: ignore[union-attr]


def test_an_article_the_decision_deletes_is_not_followed_into_the_one_it_adds() -> None:
    """人身损害赔偿解释 2020: the decision deletes old 第十八条 (受害人…请求赔偿精神损害抚慰金的，适用《…解释》予以
    确定, and a second paragraph) and adds new 第二十三条 (精神损害抚慰金适用《…解释》予以确定): one sentence
    reworded across two articles that are not each other's, far apart (old 第十九条 is new 第六条)."""
    lineages = _lineages("03_renshen-sunhai-peichang-jieshi")
    step = find(lineages, 1, "第十八条").at(2)
    assert step is not None and step.op == "deleted"
    added = find(lineages, 2, "第二十三条")
    assert added.steps[0].version == 2 and added.steps[0].op == "inserted"


def test_a_rewritten_article_is_not_followed_to_an_article_sharing_one_stock_phrase() -> None:
    """农产品质量安全法 2022: old 第三十九条 (监督检查中可以现场检查 … 查封、扣押) is rewritten as the list of new
    第五十三条; its last clause (对经检测不符合农产品质量安全标准的农产品，有权查封、扣押) only resembles item （三）
    of new 第七十一条 (a penalty article: 销售其他不符合农产品质量安全标准的农产品), which is not its successor."""
    lineages = _lineages("04_nongchanpin-zhiliang-anquan-fa")
    old = find(lineages, 2, "第三十九条")
    assert old.alive_at(1) is not None
    step = old.at(3)
    assert step is not None and (step.unit is None or step.unit.label != "第七十一条"), step
    penalty = find(lineages, 3, "第七十一条")
    assert penalty.steps[0].version == 3 and penalty.steps[0].op == "inserted"
