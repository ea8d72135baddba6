"""The annotated text (编注版): one version of a document with, under each article, how each amendment
changed it, and notes for deleted articles at their former place.

Rules:

* The text is the chosen version's original text: the lines before the first article as they are,
  each division heading (第X章 …) as a heading, each article's lines as paragraphs.
* Under an article comes one note, in the style of the field, listing each step of its lineage up
  to the chosen version that changed it, oldest first (``（本条2020年修正时由第十三条改为第四条，并作
  修改，原文为：“…”）``): renumbered, modified (with the wording before), moved, merged into it,
  split from another, new. An article unchanged since version 1 gets no note.
* An amendment is named by its year and its kind: the version's date and the word 修正, 修订 or
  修改 read from the version's own date line (`corpus.meta`), else ``第N版``.
* A deleted article (or one merged into another) gets a note at its former place: after the
  article that preceded it in the last version that had it, when that one is still there, else
  before the first article.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from corpus.markers import compact
from corpus.meta import text_meta
from diffing.lineage import Lineage, Lineages, Step
from diffing.reports.blocks import Block, Part
from diffing.reports.lineage import unit_text
from diffing.version_dates import VersionDates

__all__ = ["amendment_name", "annotate_blocks"]


def amendment_name(text: str, dates: VersionDates, version: int) -> str:
    """``2020年修正``, ``2023年修订``, ``2019年修改`` or ``第3版``."""
    line = text_meta(text).date
    kind = "修订" if "修订" in line else "修正" if "修正" in line else "修改"
    day = dates.date or dates.effective
    return f"{day[:4]}年{kind}" if day else f"第{version}版"


def _quote(text: str) -> str:
    return f"“{text}”"


def _step_note(step: Step, previous: Step | None, lineages: Lineages, texts: Callable[[int], str]) -> str:
    """What one step did to the article, in the field's words (without the amendment's name)."""
    parts: list[str] = []
    if step.op == "inserted":
        return "新增"
    if step.op == "split" and step.from_ is not None:
        origin = lineages.lineages[step.from_].at(step.version - 1)
        return f"由原{compact(origin.label) if origin else ''}拆分而来"
    if step.renumbered and previous is not None:
        parts.append(f"由{compact(previous.label)}改为{compact(step.label)}")
    if step.op == "moved":
        parts.append("移动位置")
    if step.op == "merged":
        gone = [lineages.lineages[w].at(step.version - 1) for w in step.with_]
        parts.append("将" + "、".join(f"原{compact(g.label)}" for g in gone if g is not None) + "并入本条")
    if step.op == "split":
        parts.append("拆出" + "、".join(compact(lineages.lineages[w].steps[0].label) for w in step.with_))
    if step.modified and previous is not None:
        parts.append("修改，原文为：" + _quote(unit_text(texts(previous.version), previous, label=False)))
    return "，".join(parts) if parts else "修改"


def _article_note(
    lin: Lineage, upto: int, lineages: Lineages, names: Sequence[str], texts: Callable[[int], str]
) -> str:
    said: list[str] = []
    previous: Step | None = None
    for step in lin.steps:
        if step.version > upto:
            break
        if step.version > 1 and step.op != "equal":
            said.append(f"{names[step.version - 1]}时{_step_note(step, previous, lineages, texts)}")
        previous = step
    return f"（本条{'；'.join(said)}）" if said else ""


def _gone_note(lin: Lineage, step: Step, lineages: Lineages, names: Sequence[str], texts: Callable[[int], str]) -> str:
    before = lin.at(step.version - 1)
    if before is None or before.unit is None:
        return ""
    label = compact(before.label)
    old = unit_text(texts(before.version), before, label=False)
    if step.into is not None:
        into = lineages.lineages[step.into].at(step.version)
        target = compact(into.label) if into is not None else ""
        return f"（原{label}于{names[step.version - 1]}时并入{target}，原文为：{_quote(old)}）"
    return f"（原{label}于{names[step.version - 1]}时删除，原文为：{_quote(old)}）"


def annotate_blocks(
    texts: Callable[[int], str], dates: Sequence[VersionDates], lineages: Lineages, version: int
) -> list[Block]:
    """The annotated text of ``version`` (module rules); ``texts(k)``: version k's original text."""
    names = [amendment_name(texts(k), d, k) for k, d in enumerate(dates, start=1)]
    text = texts(version)
    units = sorted(
        ((step.unit, lin) for lin in lineages.lineages for step in [lin.alive_at(version)]
         if step is not None and step.unit is not None),
        key=lambda t: (t[0].span[0], -t[0].span[1]),
    )  # fmt: skip
    articles = [(u, lin) for u, lin in units if u.level == "article"]
    # notes of gone articles, keyed by the lineage of the article they follow (None: before the first)
    gone: dict[int | None, list[str]] = {}
    for lin in lineages.lineages:
        if lin.level != "article":
            continue
        for step in lin.steps:
            if step.version > version or not (step.op == "deleted" or step.into is not None):
                continue
            note = _gone_note(lin, step, lineages, names, texts)
            gone.setdefault(_anchor(lin, step.version - 1, lineages, version), []).append(note)
    blocks: list[Block] = []
    first = articles[0][0].span[0] if articles else len(text)
    head_end = min([first, *(u.span[0] for u, _ in units)])
    blocks.extend(Block("p", (Part(line),)) for line in _lines(text[:head_end]))
    blocks.extend(Block("p", (Part(n, "note"),)) for n in gone.get(None, []))
    for unit, lin in units:
        if unit.level != "article":
            heading = text[unit.span[0] : unit.span[1]].strip().split("\n", 1)[0]
            blocks.append(Block("h1" if unit.level in ("part", "chapter") else "h2", (Part(heading.strip()),)))
            continue
        blocks.extend(Block("p", (Part(line),)) for line in _lines(text[unit.span[0] : unit.span[1]]))
        note = _article_note(lin, version, lineages, names, texts)
        if note:
            blocks.append(Block("p", (Part(note, "note"),)))
        blocks.extend(Block("p", (Part(n, "note"),)) for n in gone.get(lin.id, []))
    tail = max((u.span[1] for u, _ in units), default=len(text))
    blocks.extend(Block("p", (Part(line),)) for line in _lines(text[tail:]))
    return blocks


def _anchor(lin: Lineage, version: int, lineages: Lineages, target: int) -> int | None:
    """The lineage of the article before ``lin``'s unit in ``version`` that is alive in ``target``."""
    here = lin.at(version)
    if here is None or here.unit is None:
        return None
    before = sorted(
        (step.unit.span[0], other.id) for other in lineages.lineages if other.level == "article"
        for step in [other.alive_at(version)]
        if step is not None and step.unit is not None and step.unit.span[0] < here.unit.span[0]
    )  # fmt: skip
    for _start, lid in reversed(before):
        if lineages.lineages[lid].alive_at(target) is not None:
            return lid
    return None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
