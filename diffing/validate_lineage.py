"""A validator of ``wendiff.lineage`` reports, written from the spec (docs/report-format.md).

Rules it checks:

* the header: format, version, ``versions`` numbered 1…N with each version's sha256 matching the
  bytes given, ``date``/``effective`` null or ``YYYY-MM-DD``;
* each lineage: a unique int id, a level among part, subpart, chapter, section, article; steps in
  strictly increasing, consecutive versions; the first step ``inserted`` (or ``split`` with
  ``from``) unless it is in version 1; every step but a final ``deleted`` has a span inside that
  version's decoded text whose text, whitespace removed, starts with the step's label; a
  ``deleted`` step is the last and has no span; ops are known; ``with``/``into``/``from`` name
  lineages of the report (when the report holds every lineage: ``complete``).

`validate_lineage` returns the list of problems found, empty when the report is valid.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

__all__ = ["validate_lineage"]

_LEVELS = ("part", "subpart", "chapter", "section", "article")
_OPS = ("inserted", "equal", "renumbered", "modified", "moved", "merged", "split", "deleted")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def validate_lineage(report: dict[str, Any], versions: list[tuple[str, bytes]], complete: bool = True) -> list[str]:
    """Problems of ``report`` against ``versions`` (each version's decoded text and its bytes)."""
    if report.get("format") != "wendiff.lineage" or report.get("version") != 1:
        return [f"not a wendiff.lineage version 1 report: {report.get('format')!r} {report.get('version')!r}"]
    problems: list[str] = []
    heads = report.get("versions")
    if not isinstance(heads, list) or len(heads) != len(versions):
        return [f"versions: {len(heads) if isinstance(heads, list) else heads!r} entries, expected {len(versions)}"]
    for k, (head, (_text, data)) in enumerate(zip(heads, versions, strict=True), start=1):
        if head.get("n") != k:
            problems.append(f"versions[{k - 1}]: n {head.get('n')!r}, expected {k}")
        if head.get("sha256") != hashlib.sha256(data).hexdigest():
            problems.append(f"versions[{k - 1}]: sha256 does not match version {k}")
        for key in ("date", "effective"):
            value = head.get(key)
            if value is not None and not (isinstance(value, str) and _DAY.fullmatch(value)):
                problems.append(f"versions[{k - 1}]: {key} {value!r} is not null or YYYY-MM-DD")
    lineages = report.get("lineages")
    if not isinstance(lineages, list):
        return [*problems, "no lineages"]
    ids = [lin.get("id") for lin in lineages]
    if len(set(ids)) != len(ids) or not all(isinstance(i, int) for i in ids):
        problems.append("lineage ids are not unique ints")
    known = set(ids)
    for lin in lineages:
        problems.extend(_check_lineage(lin, versions, known if complete else None))
    return problems


def _check_lineage(lin: dict[str, Any], versions: list[tuple[str, bytes]], known: set[Any] | None) -> list[str]:
    where = f"lineage {lin.get('id')!r}"
    problems: list[str] = []
    if lin.get("level") not in _LEVELS:
        problems.append(f"{where}: unknown level {lin.get('level')!r}")
    steps = lin.get("steps")
    if not isinstance(steps, list) or not steps:
        return [*problems, f"{where}: no steps"]
    numbers = [s.get("version") for s in steps]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))) or not 1 <= numbers[0] <= len(versions):
        problems.append(f"{where}: step versions {numbers} are not consecutive versions of the document")
        return problems
    if numbers[-1] > len(versions):
        problems.append(f"{where}: a step in version {numbers[-1]} of {len(versions)}")
        return problems
    first = steps[0]
    if numbers[0] > 1 and not (first.get("op") == "inserted" or (first.get("op") == "split" and "from" in first)):
        problems.append(f"{where}: starts in version {numbers[0]} with {first.get('op')!r}, not inserted or split")
    for k, step in enumerate(steps):
        op = step.get("op")
        at = f"{where} step {k} (v{step.get('version')})"
        if op not in _OPS:
            problems.append(f"{at}: unknown op {op!r}")
        if op == "deleted":
            if k != len(steps) - 1:
                problems.append(f"{at}: deleted but not the last step")
            if "span" in step:
                problems.append(f"{at}: a deleted step with a span")
            continue
        if "into" in step and k != len(steps) - 1:
            problems.append(f"{at}: merged into another lineage but not the last step")
        problems.extend(_check_span(at, step, versions[step["version"] - 1][0]))
        for key in ("with", "into", "from"):
            value = step.get(key)
            named = value if isinstance(value, list) else [] if value is None else [value]
            if known is not None and any(v not in known for v in named):
                problems.append(f"{at}: {key} {value!r} names no lineage of the report")
        if op in ("merged", "split") and not step.get("with"):
            problems.append(f"{at}: {op} without 'with'")
    return problems


def _check_span(at: str, step: dict[str, Any], text: str) -> list[str]:
    span = step.get("span")
    if not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)):
        return [f"{at}: span {span!r} is not [start, end]"]
    lo, hi = span
    if not 0 <= lo < hi <= len(text):
        return [f"{at}: span [{lo}, {hi}) outside the text of {len(text)} characters"]
    label = step.get("label")
    if not isinstance(label, str) or "".join(text[lo:hi].split()).lstrip("#") [: len(label)] != label:
        return [f"{at}: label {label!r} is not where the span starts"]
    return []
