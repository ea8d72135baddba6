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
from json.encoder import encode_basestring
from typing import Any

from corpus.document import Document
from diffing.align_apart import apart
from diffing.model import OPS, Diff, Row
from diffing.numbers import changed_numbers, original_span
from diffing.structure import LEVELS, Structure, Unit

__all__ = [
    "Early", "OutlineTexts", "Piece", "RowTexts", "child_share", "diff_report", "dump_bytes", "dumps",
    "numbers_report", "outline_texts", "prepare", "row_texts",
]  # fmt: skip


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
    item = _row_fields(diff, row)
    if row.inline is not None:
        item["inline"] = _inline(row)
    item["place_a"] = diff.place_a(row)
    item["place_b"] = diff.place_b(row)
    item.update(_row_rest(diff, row, item["a"], item["b"]))
    return item


def _row_fields(diff: Diff, row: Row) -> dict[str, Any]:
    """A row's fields before its inline parts."""
    item: dict[str, Any] = {
        "op": row.op,
        "a": [list(s) for s in diff.a_spans(row)],
        "b": [list(s) for s in diff.b_spans(row)],
    }
    if row.a and row.b:
        item["similarity"] = row.similarity
    return item


def _inline(row: Row) -> list[list[str]]:
    return [list(part) for part in row.inline or ()]


def _row_rest(diff: Diff, row: Row, a: list[list[int]], b: list[list[int]]) -> dict[str, Any]:
    """A row's fields after its places (``a`` and ``b``: its spans); none reads the inline parts."""
    item: dict[str, Any] = {}
    for side, doc, spans in (("a", diff.a, a), ("b", diff.b, b)):
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
    ``outlines`` is False: `_head_parts` puts them in, encoded)."""
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
    correspondence of units, encoded."""

    structure: Structure
    units: tuple[str, str, str]
    """The ``outline`` of A, of B, and the ``structure`` entries, encoded."""


@dataclass(frozen=True)
class OutlineTexts:
    """Both documents' outlines (`diffing.structure.document_outline`) and their ``outline`` entries encoded
    (`outline_texts`)."""

    units: tuple[tuple[Unit, ...], tuple[Unit, ...]]
    texts: tuple[str, str]


def outline_texts(units: tuple[tuple[Unit, ...], tuple[Unit, ...]]) -> OutlineTexts:
    """Both outlines' ``outline`` entries encoded (`diffing.compare.WhileAligning`: while a child aligns a large
    pair)."""
    encode = _encoder()
    return OutlineTexts(units, (_outline_text(units[0], encode), _outline_text(units[1], encode)))


def _outline_text(units: tuple[Unit, ...], encode: Callable[[object], str]) -> str:
    """``encode([u.as_report() for u in units])``, written unit by unit (an outline has a unit for every
    article, 款 and 项: 400,000 in a 45 MB page, half the time of encoding their dicts)."""
    levels = {level: encode(level) for level in LEVELS}

    def number(n: float | None) -> str:
        if n is None:
            return "null"
        if isinstance(n, float) and n.is_integer():
            return str(int(n))
        return encode(n)

    return "[" + ", ".join([
        f'{{"id": {u.id}, "level": {levels[u.level]}, "label": {encode_basestring(u.label)}, '
        f'"number": {number(u.number)}, "span": [{u.span[0]}, {u.span[1]}], '
        f'"parent": {"null" if u.parent is None else u.parent}}}'
        for u in units
    ]) + "]"  # fmt: skip


def prepare(early: Diff, outlines: OutlineTexts | None = None) -> Early:
    """The parts of the report of ``early`` (a diff without inline parts, `diffing.compare`'s ``beside``) that
    the diff with inline parts will share: written while a child computes those parts. ``outlines``: outlines
    encoded already (`outline_texts`), used for the very outlines they were made of."""
    return Early(early.structure, _units_text(early, _encoder(), outlines))


Piece = bytes | tuple[str, str] | None
"""A row's text in `RowTexts`: whole, in UTF-8 (with the whole texts of the rows after it that are ``b""``, one
row a line: a long run is sent back as one text), in two pieces around its inline parts and places, or none."""


@dataclass(frozen=True)
class RowTexts:
    """Rows of ``rows`` encoded (`row_texts`): a row's whole text, or, when it has inline parts to come or when
    its places were not known, the text before ``"inline"`` (or ``"place_a"``) and the text after
    ``"place_b"``'s value; None for a row not encoded."""

    rows: tuple[Row, ...]
    pieces: tuple[Piece, ...]

    def merged(self, other: tuple[Piece, ...]) -> RowTexts:
        """These pieces, with ``other``'s where these have none."""
        mine = self.pieces
        return RowTexts(self.rows, tuple(x if x is not None else y for x, y in zip(mine, other, strict=True)))


_COST_INLINE_CHAR, _COST_ROW, _COST_ROW_CHILD, _COST_CLAUSE, _COST_CLAUSE_AHEAD = 1.4, 7.2, 11.7, 17.0, 4.5
_COST_OUTLINE = 1.5
"""Relative costs (measured: µs on one core) of the inline parts per character of a changed row's two sides,
of encoding one row here and in the child, and of the article map and places per clause; of the correspondence
alone per clause when the outlines and places were built, and the outlines encoded, while a child aligned the
pair (from `diffing.align_apart.apart`), and of encoding the outlines per clause when they were not. A row
costs the child more: the pages of the objects it reads are copied on their first write (their reference counts:
the kernel's share of its time was a fifth on an 11 MB page, nearly half on a 45 MB page) and it sends its texts
back."""


def child_share(diff: Diff, outlined: bool = True) -> int:
    """Which rows a child computing the inline parts encodes (`row_texts`) while this process builds the article
    map and encodes the others, so that both finish together: the rows from the returned index on that get no
    inline parts (and those that do, for a pair aligned in a child: `row_texts`). The same for the diff without
    inline parts and the diff with them. ``outlined``: for a pair aligned in a child, whether both outlines were
    encoded meanwhile (`outline_texts`; this process encodes them otherwise)."""
    a, b = diff.a_clauses, diff.b_clauses
    chars = 0
    for row in diff.rows:
        if _gets_inline(row):
            chars += sum(a[i].end - a[i].start for i in row.a) + sum(b[j].end - b[j].start for j in row.b)
    child = _COST_INLINE_CHAR * chars
    clause = (_COST_CLAUSE_AHEAD + (0.0 if outlined else _COST_OUTLINE)) if apart(len(a), len(b)) else _COST_CLAUSE
    parent = clause * (len(a) + len(b)) + _COST_ROW * len(diff.rows)
    take = round((parent - child) / (_COST_ROW + _COST_ROW_CHILD))  # rows the child takes to finish with this process
    for k in range(len(diff.rows) - 1, -1, -1):
        if take <= 0:
            return k + 1
        take -= not _gets_inline(diff.rows[k])
    return 0


def _gets_inline(row: Row) -> bool:
    """Whether a row gets inline parts (`diffing.compare`)."""
    return bool(row.a and row.b and row.similarity < 1.0)


def row_texts(diff: Diff, child: bool, outlined: bool = True) -> tuple[Piece, ...]:
    """`RowTexts.pieces` of the rows that are the child's (`child_share`) or, not ``child``, the others: what
    needs neither the outlines nor, but in the child, the inline parts (`diffing.compare.AfterInline`). The
    child takes the rows with inline parts from the split on too when the pair was aligned in a child
    (`diffing.align_apart.apart`: the places are known to it). A row gets its whole text when the diff has its
    places already (built beside, or while a child aligned the pair) and its inline parts are there or it
    gets none. ``outlined``: as `child_share` takes it (the same in both processes)."""
    encode = _encoder()
    split = child_share(diff, outlined)
    with_inline = apart(len(diff.a_clauses), len(diff.b_clauses))
    whole = "places" in diff.__dict__  # as `functools.cached_property` keeps it
    out: list[str | Piece] = []
    for k, row in enumerate(diff.rows):
        if (k >= split and (with_inline or not _gets_inline(row))) != child:
            out.append(None)
            continue
        piece = _row_piece(diff, row, encode)
        done = whole and (row.inline is not None or not _gets_inline(row))
        out.append(_row_text(diff, row, piece, encode) if done else piece)
    return _runs_joined(out)


def _runs_joined(pieces: list[str | Piece]) -> tuple[Piece, ...]:
    """``pieces`` with each run of whole texts joined into its first and encoded (`Piece`): a child sends bytes
    as they are (text is encoded to be pickled, and decoded again) and the report is written as bytes
    (`dump_bytes`)."""
    out: list[Piece] = []
    k, count = 0, len(pieces)
    while k < count:
        piece = pieces[k]
        if not isinstance(piece, str):
            out.append(piece)
            k += 1
            continue
        end = k + 1
        while end < count and isinstance(pieces[end], str):
            end += 1
        out.append(",\n  ".join(pieces[k:end]).encode("utf-8"))  # type: ignore[arg-type]
        out.extend([b""] * (end - k - 1))
        k = end
    return tuple(out)


_OP_TEXTS = {op: encode_basestring(op) for op in OPS}


def _row_piece(diff: Diff, row: Row, encode: Callable[[object], str]) -> tuple[str, str]:
    """A row's two pieces (`RowTexts`), written field by field: the text of encoding `_row_fields` without its
    closing brace, and of `_row_rest` after the places (a 45 MB page has 480,000 rows: a third of the time of
    encoding their dicts)."""
    a, b = diff.a_spans(row), diff.b_spans(row)
    head = f'{{"op": {_OP_TEXTS.get(row.op) or encode(row.op)}, "a": {_spans_text(a)}, "b": {_spans_text(b)}'
    if row.a and row.b:
        sim = row.similarity
        head = f'{head}, "similarity": {float.__repr__(sim) if type(sim) is float and sim - sim == 0 else encode(sim)}'
    rest: dict[str, Any] = {}
    for side, doc, spans in (("a", diff.a, a), ("b", diff.b, b)):
        if doc.source.pages and spans:
            rest[f"page_{side}"] = doc.source.page_at(spans[0][0])
    if row.op == "equal" and _stretched(diff.a.original, a) != _stretched(diff.b.original, b):
        ignored = diff.ignored(row)  # empty where the original texts are the same: most equal rows skip it
        if ignored:
            rest["ignored"] = list(ignored)
    if row.pinned:
        rest["pinned"] = True
    return head, f", {encode(rest)[1:]}" if rest else "}"


def _spans_text(spans: list[tuple[int, int]]) -> str:
    """``spans`` encoded as `_row_fields` encodes them (lists of two numbers)."""
    if len(spans) == 1:
        return f"[[{spans[0][0]}, {spans[0][1]}]]"
    return "[" + ", ".join([f"[{lo}, {hi}]" for lo, hi in spans]) + "]"


def _stretched(text: str, spans: list[tuple[int, int]]) -> str:
    """The original text from a row's first span to its last (as `Diff.ignored` compares them)."""
    return text[spans[0][0] : spans[-1][1]] if spans else ""


def dumps(diff: Diff, early: Early | None = None, rows: RowTexts | None = None) -> str:
    """The report as JSON text: characters kept as they are, one row per line.

    Each row is encoded as soon as it is made (a 10 MB pair's row dicts held at once took several
    hundred MB): the same text as encoding `diff_report`. ``early`` (`prepare`) gives the outlines and the
    structure encoded before the inline parts existed, ``rows`` (`row_texts`) the rows but for their places:
    each is used for the very structure and rows it was made of, so the text is the same with them or without.
    """
    return "".join([part if isinstance(part, str) else part.decode("utf-8") for part in _parts(diff, early, rows)])


def dump_bytes(diff: Diff, early: Early | None = None, rows: RowTexts | None = None) -> bytes:
    """`dumps` in UTF-8, made as bytes: the rows encoded already (`row_texts`) are not decoded, and the report is
    never held as text beside its bytes (the 45 MB page's is 182 million characters: 364 MB as text)."""
    return b"".join([part if isinstance(part, bytes) else part.encode("utf-8") for part in _parts(diff, early, rows)])


def _parts(diff: Diff, early: Early | None, rows: RowTexts | None) -> list[str | bytes]:
    """The report's text in parts (`dumps`), in order: text, and rows encoded already."""
    encode = _encoder()
    if early is not None and diff.__dict__.get("structure") is not early.structure:
        early = None  # another diff's
    parts: list[str | bytes] = [*_head_parts(diff, encode, early.units if early is not None else None)]
    if not diff.rows:
        parts.append(', "rows": []}\n')
        return parts
    lines: list[str | bytes]
    if rows is None or rows.rows is not diff.rows or len(rows.pieces) != len(diff.rows):
        lines = [encode(_row(diff, row)) for row in diff.rows]
    else:
        lines = [
            encode(_row(diff, row))
            if piece is None
            else piece
            if isinstance(piece, bytes)
            else _row_text(diff, row, piece, encode)
            for row, piece in zip(diff.rows, rows.pieces, strict=True)
            if piece != b""  # written with the run it ends
        ]
    body: list[str | bytes] = [",\n  "] * (2 * len(lines) - 1)
    body[::2] = lines
    return [*parts, ', "rows": [\n  ', *body, "\n]}\n"]


def _row_text(diff: Diff, row: Row, piece: tuple[str, str], encode: Callable[[object], str]) -> str:
    """The row encoded from its `RowTexts` ``piece``: the same text as encoding `_row`."""
    inline = "" if row.inline is None else f', "inline": {encode(_inline(row))}'
    return (
        f'{piece[0]}{inline}, "place_a": {_place(diff.place_a(row))}, "place_b": {_place(diff.place_b(row))}{piece[1]}'
    )


def _place(text: str | None) -> str:
    """A place encoded as `_encoder` encodes it."""
    return "null" if text is None else encode_basestring(text)


def _encoder() -> Callable[[object], str]:
    return json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every part


def _units_text(
    diff: Diff, encode: Callable[[object], str], outlines: OutlineTexts | None = None
) -> tuple[str, str, str]:
    units = diff.structure
    a, b = (
        outlines.texts[k] if outlines is not None and outlines.units[k] is side else _outline_text(side, encode)
        for k, side in enumerate((units.a, units.b))
    )
    return a, b, encode([e.as_report() for e in units.entries])


def _head_parts(diff: Diff, encode: Callable[[object], str], units: tuple[str, str, str] | None) -> list[str]:
    """`_head` encoded, without its closing brace, in parts (joined once, with the rows), with the outlines and
    the structure entries ``units`` when they are encoded already."""
    if units is None:
        units = _units_text(diff, encode)
    outline_a, outline_b, entries = units
    head = _head(diff, outlines=False)
    parts = ["{"]
    for key, value in head.items():
        if len(parts) > 1:
            parts.append(", ")
        text = encode(value)
        if key in ("a", "b"):
            parts.extend((f'{encode(key)}: {text[:-1]}, "outline": ', outline_a if key == "a" else outline_b, "}"))
        else:
            parts.append(f"{encode(key)}: {text}")
        if key == "summary":
            parts.extend((', "structure": ', entries))
    return parts
