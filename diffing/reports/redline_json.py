"""The ``wendiff.diff`` version 3 report (docs/report-format.md): version 2 plus each side's
``outline``, the ``structure`` correspondence of units and ``summary.structure`` (`diffing.structure`).

Rule: this module only converts a `Diff` to the contract's JSON shape; the
contract's field names and meanings never change without a new ``version``.
Fields added within version 2 (readers ignore fields they do not know): a
document entry's ``format`` (how the text was obtained: ``text``, ``html``,
``docx``, ``pdf``, ``ofd``, ``doc→docx`` …); for PDF and OFD ``pages`` (the
offset where each page starts) and ``furniture`` (the ranges removed as page
headers, footers and numbers) and, when some pages are scanned images,
``textless_pages`` (their 1-based numbers), and when some were read from an OCR layer
``ocr_pages``, or by wendiff's OCR ``ocr_read_pages`` and ``uncertain`` (ranges read with low
confidence); ``decode_errors`` (``count``, ``first_byte``,
``first_offset``: invalid byte sequences read as U+FFFD); and on each row, for
a paged document, ``page_a``/``page_b``: the 1-based page of the row's first
span on that side.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from corpus.document import Document
from diffing.model import Diff, Row
from diffing.numbers import changed_numbers, original_span
from diffing.structure import Structure

__all__ = ["Early", "diff_report", "dumps", "numbers_report", "prepare"]


def _doc(doc: Document) -> dict[str, Any]:
    s = doc.source
    entry: dict[str, Any] = {
        "name": s.name, "sha256": s.sha256, "encoding": s.encoding, "length": len(s.text), "format": s.format,
    }  # fmt: skip
    if s.pages:
        entry["pages"] = list(s.pages)
    if s.furniture:
        entry["furniture"] = [list(r) for r in s.furniture]
    if s.decode_errors is not None:
        entry["decode_errors"] = s.decode_errors.as_report()
    if s.textless_pages:
        entry["textless_pages"] = list(s.textless_pages)
    if s.ocr_pages:
        entry["ocr_pages"] = list(s.ocr_pages)
    if s.ocr_read_pages:
        entry["ocr_read_pages"] = list(s.ocr_read_pages)
    if s.uncertain:
        entry["uncertain"] = [list(r) for r in s.uncertain]
    return entry


def diff_report(diff: Diff) -> dict[str, Any]:
    """The report as a JSON-ready dict."""
    rows = [_row(diff, row) for row in diff.rows]
    return {**_head(diff), "rows": rows}


def _row(diff: Diff, row: Row) -> dict[str, Any]:
    item: dict[str, Any] = {
        "op": row.op,
        "a": [list(s) for s in diff.a_spans(row)],
        "b": [list(s) for s in diff.b_spans(row)],
    }
    if row.a and row.b:
        item["similarity"] = row.similarity
    if row.inline is not None:
        item["inline"] = [list(part) for part in row.inline]
    item["place_a"] = diff.place_a(row)
    item["place_b"] = diff.place_b(row)
    for side, doc, spans in (("a", diff.a, item["a"]), ("b", diff.b, item["b"])):
        if doc.source.pages and spans:
            item[f"page_{side}"] = doc.source.page_at(spans[0][0])
    ignored = diff.ignored(row)
    if ignored:
        item["ignored"] = list(ignored)
    if row.pinned:
        item["pinned"] = True
    return item


def _head(diff: Diff, outlines: bool = True) -> dict[str, Any]:
    """Everything but the rows, in the report's order (without the outlines and the structure entries when
    ``outlines`` is False: `_head_text` puts them in, encoded)."""
    summary = diff.summary
    units = diff.structure
    numbers = numbers_report(diff)
    head: dict[str, Any] = {
        "format": "wendiff.diff",
        "version": 3,
        "a": {**_doc(diff.a), "outline": [u.as_report() for u in units.a]} if outlines else _doc(diff.a),
        "b": {**_doc(diff.b), "outline": [u.as_report() for u in units.b]} if outlines else _doc(diff.b),
        "options": diff.options.as_report(),
        "summary": {
            **summary.counts, "changes": summary.changes, "similarity": summary.similarity,
            "structure": units.summary, "numbers": len(numbers),
        },
        **({"structure": [e.as_report() for e in units.entries]} if outlines else {}),
        "numbers": numbers,
        **({"pins_dropped": list(diff.pin_problems)} if diff.pin_problems else {}),
    }  # fmt: skip
    return head


def numbers_report(diff: Diff) -> list[dict[str, Any]]:
    """The ``numbers`` entries: each changed quantity with its original spans (`diffing.numbers`)."""
    out: list[dict[str, Any]] = []
    for n in changed_numbers(diff):
        row = diff.rows[n.row]
        out.append({
            "row": n.row, "a": n.a.text, "b": n.b.text,
            "a_span": list(original_span(diff, row, "a", n.a.start, n.a.end)),
            "b_span": list(original_span(diff, row, "b", n.b.start, n.b.end)),
            "kind": n.kind,
        })  # fmt: skip
    return out


@dataclass(frozen=True)
class Early:
    """What `dumps` can write of a diff before its inline parts exist (`prepare`): both outlines and the
    correspondence of units, encoded, and each row likely to carry no inline parts, encoded."""

    structure: Structure
    units: tuple[str, str, str]
    """The ``outline`` of A, of B, and the ``structure`` entries, encoded."""
    rows: tuple[Row, ...]
    encoded: tuple[str | None, ...]


def prepare(early: Diff) -> Early:
    """The parts of the report of ``early`` (a diff without inline parts, `diffing.compare`'s ``beside``) that
    the diff with inline parts will share: written while a child computes those parts."""
    encode = _encoder()
    units = early.structure
    encoded = tuple(
        None if row.a and row.b and row.similarity < 1.0 else encode(_row(early, row))  # these get inline parts
        for row in early.rows
    )
    return Early(units, _units_text(early, encode), early.rows, encoded)


def dumps(diff: Diff, early: Early | None = None) -> str:
    """The report as JSON text: characters kept as they are, one row per line.

    Each row is encoded as soon as it is made (a 10 MB pair's row dicts held at once took several
    hundred MB): the same text as encoding `diff_report`. ``early`` (`prepare`) gives the parts of the
    text written before the inline parts existed: used for the very structure and row objects it wrote,
    so the text is the same with it or without.
    """
    encode = _encoder()
    if early is not None and (
        diff.__dict__.get("structure") is not early.structure or len(diff.rows) != len(early.rows)
    ):
        early = None  # another diff's
    head = _head_text(diff, encode, early.units if early is not None else None)
    if not diff.rows:
        return f'{head}, "rows": []}}\n'
    if early is None:
        lines = [encode(_row(diff, row)) for row in diff.rows]
    else:
        lines = [
            text if text is not None and row is before else encode(_row(diff, row))
            for row, before, text in zip(diff.rows, early.rows, early.encoded, strict=True)
        ]
    body = ",\n  ".join(lines)
    return f'{head}, "rows": [\n  {body}\n]}}\n'


def _encoder() -> Callable[[object], str]:
    return json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every part


def _units_text(diff: Diff, encode: Callable[[object], str]) -> tuple[str, str, str]:
    units = diff.structure
    return (
        encode([u.as_report() for u in units.a]),
        encode([u.as_report() for u in units.b]),
        encode([e.as_report() for e in units.entries]),
    )


def _head_text(diff: Diff, encode: Callable[[object], str], units: tuple[str, str, str] | None) -> str:
    """`_head` encoded, without its closing brace, with the outlines and the structure entries ``units`` when
    they are encoded already."""
    if units is None:
        units = _units_text(diff, encode)
    outline_a, outline_b, entries = units
    head = _head(diff, outlines=False)
    items = []
    for key, value in head.items():
        text = encode(value)
        if key in ("a", "b"):
            text = f'{text[:-1]}, "outline": {outline_a if key == "a" else outline_b}}}'
        items.append(f"{encode(key)}: {text}")
        if key == "summary":
            items.append(f'"structure": {entries}')
    return "{" + ", ".join(items)
