"""The lineage report: ``wendiff.lineage`` version 1 JSON, and the readable forms (text, md, html, docx).

Rules:

* The JSON follows docs/report-format.md: one lineage per unit asked for, one step per version in
  which the unit exists plus a final ``deleted`` step; spans into each version's decoded original
  text; labels with whitespace removed. Keys it adds (readers ignore them): ``renumbered`` and
  ``modified`` flags, ``into`` (the lineage an absorbed unit was merged into), ``from`` (the lineage
  a unit was split from).
* The readable forms give, per lineage, each version's step: the version, its dates, the label
  there, what happened, and for a step that changed the wording the inline change against the
  previous version (``del`` / ``ins`` parts, computed on the two articles' texts with line breaks
  and spaces removed).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from corpus.markers import compact, read_label
from diffing.inline import inline_diff
from diffing.lineage import Lineage, Lineages, Step
from diffing.reports.blocks import Block, Part
from diffing.version_dates import VersionDates

__all__ = ["OP_WORDS", "lineage_blocks", "lineage_json", "step_change", "unit_text"]

OP_WORDS = {
    "inserted": "新增", "equal": "未改", "renumbered": "条序调整", "modified": "修改", "moved": "移动",
    "merged": "合并", "split": "拆分", "deleted": "删除",
}  # fmt: skip


def _step_json(step: Step) -> dict[str, Any]:
    out: dict[str, Any] = {"version": step.version}
    if step.unit is not None:
        out["label"] = compact(step.unit.label)
        out["span"] = list(step.unit.span)
    out["op"] = step.op
    if step.with_:
        out["with"] = list(step.with_)
    if step.into is not None:
        out["into"] = step.into
    if step.from_ is not None:
        out["from"] = step.from_
    if step.renumbered and step.op not in ("renumbered", "inserted"):
        out["renumbered"] = True
    if step.modified and step.op not in ("modified", "inserted"):
        out["modified"] = True
    return out


def lineage_json(
    doc_id: str, dates: Sequence[VersionDates], shas: Sequence[str], lineages: Lineages,
    chosen: Sequence[Lineage] | None = None,
) -> dict[str, Any]:
    """The ``wendiff.lineage`` report of ``chosen`` (default: every lineage)."""
    return {
        "format": "wendiff.lineage",
        "version": 1,
        "document": doc_id,
        "versions": [
            {"n": k, "date": d.date, "effective": d.effective, "sha256": sha}
            for k, (d, sha) in enumerate(zip(dates, shas, strict=True), start=1)
        ],
        "lineages": [
            {"id": lin.id, "level": lin.level, "steps": [_step_json(s) for s in lin.steps]}
            for lin in (lineages.lineages if chosen is None else chosen)
        ],
    }


def unit_text(text: str, step: Step, label: bool = True) -> str:
    """The unit's text at ``step`` with line breaks and spaces removed ("" for a deleted step);
    without its label when ``label`` is false."""
    if step.unit is None:
        return ""
    body = compact(text[step.unit.span[0] : step.unit.span[1]])
    found = None if label else read_label(body)
    return body[found.end :] if found is not None else body


def step_change(before: str, after: str) -> tuple[Part, ...]:
    """``after`` with what changed from ``before`` marked (``del``/``ins`` parts)."""
    parts = inline_diff(before, after, "char")
    return tuple(Part(t, {"=": "", "-": "del", "+": "ins"}[op]) for op, t in parts)  # type: ignore[arg-type]


def _when(d: VersionDates) -> str:
    if d.date and d.effective and d.effective != d.date:
        return f"{d.date}, in force {d.effective}"
    return d.date or d.effective or "date unknown"


def lineage_blocks(
    texts: Any, dates: Sequence[VersionDates], lineages: Lineages, chosen: Sequence[Lineage]
) -> list[Block]:
    """The readable lineage of each of ``chosen``; ``texts(k)`` gives version k's original text."""
    blocks: list[Block] = []
    for lin in chosen:
        alive = [s for s in lin.steps if s.unit is not None]
        labels = " → ".join(dict.fromkeys(compact(s.label) for s in alive))
        blocks.append(Block("h1", (Part(f"{labels}"), Part(f"  ({lin.level}, lineage {lin.id})", "dim"))))
        previous: Step | None = None
        for step in lin.steps:
            head = [Part(f"v{step.version} ", "dim"), Part(f"{_when(dates[step.version - 1])}  ", "dim")]
            head.append(Part(compact(step.label) + "  " if step.unit is not None else ""))
            head.append(Part(_what(step, previous, lineages), "note"))
            blocks.append(Block("h2", tuple(head)))
            if step.unit is not None and lin.level == "article":
                now = unit_text(texts(step.version), step, label=False)
                if previous is not None and previous.unit is not None and step.modified:
                    before = unit_text(texts(previous.version), previous, label=False)
                    blocks.append(Block("p", step_change(before, now)))
                elif previous is None or step.op not in ("equal", "renumbered"):
                    blocks.append(Block("p", (Part(now),)))
            previous = step if step.unit is not None else previous
    return blocks


def _what(step: Step, previous: Step | None, lineages: Lineages) -> str:
    words = "首个版本" if step.version == 1 else OP_WORDS[step.op]
    if step.renumbered and previous is not None and previous.unit is not None:
        was = f"（原{compact(previous.label)}）"
        words += was if step.op == "renumbered" else f"，条序调整{was}"
    if step.op == "merged" and step.into is not None:
        words = f"并入{_label_at(lineages, step.into, step.version)}"
    elif step.op == "merged":
        words += "：并入" + "、".join(_former(lineages, w, step.version) for w in step.with_)
    elif step.op == "split" and step.from_ is not None:
        words = f"由{_former(lineages, step.from_, step.version)}拆分而来"
    elif step.op == "split":
        words += "：拆出" + "、".join(_label_at(lineages, w, step.version) for w in step.with_)
    return words


def _label_at(lineages: Lineages, lid: int, version: int) -> str:
    step = lineages.lineages[lid].at(version)
    return compact(step.label) if step is not None and step.unit is not None else f"lineage {lid}"


def _former(lineages: Lineages, lid: int, version: int) -> str:
    step = lineages.lineages[lid].at(version - 1)
    return "原" + compact(step.label) if step is not None and step.unit is not None else f"lineage {lid}"
