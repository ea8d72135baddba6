"""A validator of ``wendiff.diff`` reports (versions 1 to 3), written from the spec, not from the writer.

Rules it checks (docs/report-format.md):

* the header: format, version, both documents' sha256 and length match the inputs;
* every span is ``0 <= start < end <= length`` of the decoded original text and
  never starts on a combining mark;
* ``summary`` counts equal the rows' ops; similarities lie in ``[0, 1]``;
* ``inline`` joins back: ``=``+``-`` parts give the row's normalized A text and
  ``=``+``+`` parts its normalized B text (re-normalized here from the original
  text under the report's ``options``);
* coverage: every clause of both documents (re-segmented here) lies in a row —
  in one row, or cut in pieces over several where its glued text faces the
  other side's boundaries (`diffing.glue`); a ``copied`` row's A side is a
  reference to a clause shown elsewhere and is not counted — and no two rows
  share a character on one side;
* nothing is lost: every non-space original character outside the rows was
  removed as junk or boilerplate (a hole of the document);
* version 2 only: every row has ``place_a``/``place_b`` (null on a side without
  clauses); ``renumbered`` rows have similarity 1.0 and no inline; ``ignored``
  appears only on ``equal`` rows whose original texts (first span to last, what
  lies between included) differ and names known
  steps in pipeline order; ``summary.changes`` counts every row but ``equal``
  and ``renumbered``. Version 1 has no ``renumbered`` op.
* fields added within version 2, checked when present: a document entry's
  ``format`` is a name; ``pages`` are ascending page starts from 0 inside the
  text, and then every row carries ``page_a``/``page_b``, the page of its
  first span on that side; ``furniture`` ranges (page headers, footers, page
  numbers) are ordered, disjoint and inside the text, and count as removed
  boilerplate; ``textless_pages`` are ascending numbers of the document's
  pages; ``decode_errors.first_offset`` points at a U+FFFD.
* version 3 (and everything version 2 asks): each side's ``outline`` has ids
  0…n-1 in order, known levels, spans inside the text, parents that come
  before and enclose; ``structure`` entries have known levels and ops, ``a``
  and ``b`` name units of that level (none on the missing side of an
  inserted or deleted entry, several only for merged/split), no unit is in two
  entries, every unit of levels part…article is in one, ``rows`` are row
  indices; ``summary.structure`` counts the entries by level and op;
  ``numbers``, when present: entries name a row with both sides, a known
  ``kind``, and ``a_span``/``b_span`` inside that row's spans whose original
  text contains the entry's ``a``/``b`` (normalized); ``summary.numbers``
  counts them; ``pinned``, when present on a row, is ``true``.

`validate` returns the list of problems found, empty when the report is valid.
"""

from __future__ import annotations

import hashlib
import unicodedata
from bisect import bisect_left, bisect_right
from typing import Any

from corpus.charsets import REMOVED, codes
from corpus.document import Document, Source
from corpus.options import Options
from corpus.pipeline import from_source
from diffing.model import IGNORABLE_STEPS, OPS, QUIET_OPS
from diffing.segment import segment

__all__ = ["validate"]


def _document(text: str, data: bytes, options: Options, furniture: tuple[tuple[int, int], ...] = ()) -> Document:
    source = Source("x", text, "utf-8", hashlib.sha256(data).hexdigest(), len(data), data, furniture=furniture)
    return from_source(source, options)


def _check_head(side: str, head: dict[str, Any], text: str) -> list[str]:
    """The optional fields of a document entry: format, pages, furniture, textless_pages, decode_errors."""
    problems: list[str] = []
    if "format" in head and not (isinstance(head["format"], str) and head["format"]):
        problems.append(f"{side}: format {head['format']!r} is not a name")
    pages = head.get("pages", [])
    if pages and (pages[0] != 0 or sorted(pages) != pages or pages[-1] > len(text)):
        problems.append(f"{side}: pages {pages[:5]!r}… are not ascending starts from 0 inside the text")
    last = 0
    for lo, hi in head.get("furniture", []):
        if not last <= lo < hi <= len(text):
            problems.append(f"{side}: furniture [{lo}, {hi}) out of order or outside the text")
        last = hi
    textless = head.get("textless_pages", [])
    if textless and (sorted(set(textless)) != textless or textless[0] < 1 or textless[-1] > len(pages)):
        problems.append(f"{side}: textless_pages {textless[:5]!r}… are not ascending page numbers of the document")
    errors = head.get("decode_errors")
    if errors is not None:
        at = errors.get("first_offset", -1)
        if errors.get("count", 0) < 1 or not 0 <= at < len(text) or text[at] != "\ufffd":
            problems.append(f"{side}: decode_errors {errors!r} do not point at a U+FFFD of the text")
    return problems


def _check_pages(k: int, row: dict[str, Any], report: dict[str, Any]) -> list[str]:
    """``page_a``/``page_b``: the page of the side's first span, present exactly for paged documents."""
    problems: list[str] = []
    for side in ("a", "b"):
        pages = report[side].get("pages")
        key = f"page_{side}"
        want = bisect_right(pages, row[side][0][0]) if pages and row[side] else None
        if row.get(key) != want:
            problems.append(f"row {k}: {key} is {row.get(key)!r}, its first span is on page {want!r}")
    return problems


def validate(report: dict[str, Any], a: tuple[str, bytes], b: tuple[str, bytes]) -> list[str]:
    """Problems of ``report`` against the inputs ``a`` and ``b`` (decoded text, original bytes)."""
    problems: list[str] = []
    version = report.get("version")
    if report.get("format") != "wendiff.diff" or version not in (1, 2, 3):
        return [f"not a wendiff.diff v1, v2 or v3 report: {report.get('format')!r} {version!r}"]
    known = set(Options.__dataclass_fields__)
    options = Options(**{k: v for k, v in report["options"].items() if k in known})
    docs: dict[str, Document] = {}
    for side, (text, data) in (("a", a), ("b", b)):
        head = report[side]
        if head["sha256"] != hashlib.sha256(data).hexdigest():
            problems.append(f"{side}: sha256 does not match the input bytes")
        if head["length"] != len(text):
            problems.append(f"{side}: length {head['length']} != {len(text)}")
        problems.extend(_check_head(side, head, text))
        furniture = tuple((lo, hi) for lo, hi in head.get("furniture", []))
        docs[side] = _document(text, data, options, furniture)
    rows = report["rows"]
    ops = OPS if version in (2, 3) else tuple(op for op in OPS if op != "renumbered")
    counts = {op: 0 for op in ops}
    for row in rows:
        if row["op"] not in counts:
            problems.append(f"unknown op {row['op']!r} in a version {version} report")
        counts[row["op"]] = counts.get(row["op"], 0) + 1
    for op in ops:
        if report["summary"].get(op) != counts[op]:
            problems.append(f"summary {op}={report['summary'].get(op)} but {counts[op]} rows")
    if version == 3:
        problems.extend(_check_structure(report, len(a[0]), len(b[0])))
        problems.extend(_check_numbers(report, a[0], b[0]))
    if version in (2, 3):
        changes = sum(n for op, n in counts.items() if op not in QUIET_OPS)
        if report["summary"].get("changes") != changes:
            problems.append(f"summary changes={report['summary'].get('changes')} but {changes} rows to read")
        for k, row in enumerate(rows):
            problems.extend(_check_v2_row(k, row, a[0], b[0]))
            problems.extend(_check_pages(k, row, report))
    if not 0.0 <= report["summary"]["similarity"] <= 1.0:
        problems.append("summary similarity outside [0, 1]")
    owner: dict[str, list[int]] = {"a": [-1] * len(a[0]), "b": [-1] * len(b[0])}
    clauses = {side: _clauses(doc) for side, doc in docs.items()}
    for k, row in enumerate(rows):
        problems.extend(_check_row(k, row, docs, clauses, owner))
    for side in ("a", "b"):
        problems.extend(_check_coverage(side, docs[side], owner[side]))
    return problems


_Clauses = tuple[list[int], list[tuple[int, int, str, list[tuple[int, int]], int]], Document]


def _clauses(doc: Document) -> _Clauses:
    """Original span, normalized text, original pieces (cut around holes) and normalized start of every
    clause, sorted by start, and the document."""
    spans = [(*doc.to_original(c.start, c.end), c.text, doc.spans(c.start, c.end), c.start) for c in segment(doc)]
    return [lo for lo, *_ in spans], spans, doc


def _check_row(
    k: int,
    row: dict[str, Any],
    docs: dict[str, Document],
    clauses: dict[str, _Clauses],
    owner: dict[str, list[int]],
) -> list[str]:
    problems: list[str] = []
    sim = row.get("similarity", 0.0)
    if not 0.0 <= sim <= 1.0:
        problems.append(f"row {k}: similarity {sim} outside [0, 1]")
    normalized: dict[str, str] = {}
    for side in ("a", "b"):
        doc = docs[side]
        parts = []
        for lo, hi in row[side]:
            if not 0 <= lo < hi <= len(doc.original):
                problems.append(f"row {k}: {side} span [{lo}, {hi}) outside the text")
                continue
            if unicodedata.combining(doc.original[lo]):
                problems.append(f"row {k}: {side} span starts on a combining mark")
            if side == "a" and row["op"] == "copied":
                continue
            for pos in range(lo, hi):
                if owner[side][pos] not in (-1, k):
                    problems.append(f"row {k}: {side} span [{lo}, {hi}) overlaps row {owner[side][pos]}")
                    break
                owner[side][pos] = k
        if not (side == "a" and row["op"] == "copied"):
            parts.append(_normalized_spans(clauses[side], [(lo, hi) for lo, hi in row[side] if lo < hi]))
        normalized[side] = "".join(parts)
    if "inline" in row:
        joined_a = "".join(t for op, t in row["inline"] if op in "=-")
        joined_b = "".join(t for op, t in row["inline"] if op in "=+")
        if joined_a != normalized["a"] or joined_b != normalized["b"]:
            problems.append(f"row {k}: inline parts do not join back to the normalized texts")
    elif row["a"] and row["b"] and sim < 1.0:
        problems.append(f"row {k}: {row['op']} row with similarity {sim} has no inline parts")
    return problems


def _check_v2_row(k: int, row: dict[str, Any], a_text: str, b_text: str) -> list[str]:
    problems: list[str] = []
    for side in ("a", "b"):
        key = f"place_{side}"
        if key not in row:
            problems.append(f"row {k}: no {key}")
        elif (row[key] is None) != (not row[side]):
            problems.append(f"row {k}: {key} is {row[key]!r} on a side with {len(row[side])} spans")
    if row["op"] == "renumbered" and (row.get("similarity") != 1.0 or "inline" in row):
        problems.append(f"row {k}: a renumbered row has similarity 1.0 and no inline")
    if "ignored" in row:
        steps = row["ignored"]
        if row["op"] != "equal":
            problems.append(f"row {k}: ignored on a {row['op']} row")
        if not steps or [s for s in IGNORABLE_STEPS if s in steps] != steps:
            problems.append(f"row {k}: ignored {steps!r} is not a list of known steps in pipeline order")
    if row["op"] == "equal":
        # A row's original text runs from its first span to its last, what lies between included.
        a_orig = a_text[row["a"][0][0] : row["a"][-1][1]] if row["a"] else ""
        b_orig = b_text[row["b"][0][0] : row["b"][-1][1]] if row["b"] else ""
        if (a_orig != b_orig) != ("ignored" in row):
            problems.append(f"row {k}: equal row's originals {'differ' if a_orig != b_orig else 'agree'}"
                            f" but ignored is {'missing' if 'ignored' not in row else 'present'}")  # fmt: skip
    return problems


def _normalized_spans(clauses: _Clauses, row_spans: list[tuple[int, int]]) -> str:
    """Normalized text of the clauses whose every piece lies inside one of ``row_spans``.

    A clause cut by a hole (removed junk or page furniture) is shown as several
    spans; it belongs to the row when all of its pieces do. A clause that a row
    holds only in part (glued text cut where the other side has a boundary)
    gives the normalized text of that part.
    """
    if not row_spans:
        return ""
    starts, spans, doc = clauses
    first, last = min(lo for lo, _ in row_spans), max(hi for _, hi in row_spans)
    out = []
    k = max(0, bisect_left(starts, first) - 1)
    for c_lo, c_hi, text, pieces, n_start in spans[k:]:
        if c_lo >= last:
            break
        if all(any(lo <= p_lo and p_hi <= hi for lo, hi in row_spans) for p_lo, p_hi in pieces):
            out.append(text)
            continue
        for lo, hi in row_spans:
            if c_lo <= lo < c_hi or c_lo < hi <= c_hi:
                n_lo = max(n_start, doc.from_original(max(lo, c_lo)))
                n_hi = min(n_start + len(text), doc.from_original(min(hi, c_hi)))
                out.append(doc.text[n_lo:n_hi] if n_hi > n_lo else "")
    return "".join(out)


_CLEANED = codes(REMOVED)
"""Characters cleaning deletes: they may belong to no row."""
_LEVELS = (
    "part", "subpart", "chapter", "section", "article", "paragraph", "item", "subitem", "heading", "toc", "title",
    "meta",
)  # fmt: skip
_MATCHED_LEVELS = ("part", "subpart", "chapter", "section", "article", "toc")
_STRUCTURE_OPS = ("equal", "renumbered", "modified", "moved", "merged", "split", "inserted", "deleted")


_NUMBER_KINDS = frozenset({"amount", "period", "date", "percent", "count", "other"})


def _check_numbers(report: dict[str, Any], a_text: str, b_text: str) -> list[str]:
    """Version 3: ``numbers`` entries and their count; ``pinned`` flags."""
    problems: list[str] = []
    rows = report["rows"]
    for k, row in enumerate(rows):
        if "pinned" in row and row["pinned"] is not True:
            problems.append(f"row {k}: pinned is {row['pinned']!r}, not true")
    entries = report.get("numbers")
    if entries is None:
        return problems
    if report["summary"].get("numbers") != len(entries):
        problems.append(f"summary numbers={report['summary'].get('numbers')} but {len(entries)} entries")
    for k, e in enumerate(entries):
        r = e.get("row")
        if not isinstance(r, int) or not 0 <= r < len(rows) or not rows[r]["a"] or not rows[r]["b"]:
            problems.append(f"numbers[{k}]: row {r!r} is no row with both sides")
            continue
        if e.get("kind") not in _NUMBER_KINDS:
            problems.append(f"numbers[{k}]: kind {e.get('kind')!r}")
        for side, text in (("a", a_text), ("b", b_text)):
            span = e.get(f"{side}_span")
            spans = rows[r][side]
            if not (isinstance(span, list) and len(span) == 2 and spans[0][0] <= span[0] < span[1] <= spans[-1][1]):
                problems.append(f"numbers[{k}]: {side}_span {span!r} is not inside row {r}")
                continue
            shown = "".join(text[span[0] : span[1]].split())
            if unicodedata.normalize("NFKC", e.get(side, "")) not in unicodedata.normalize("NFKC", shown):
                problems.append(f"numbers[{k}]: {side} {e.get(side)!r} is not the text of its span {shown!r}")
    return problems


def _check_outline(side: str, outline: list[dict[str, Any]], length: int) -> list[str]:
    problems: list[str] = []
    for k, unit in enumerate(outline):
        if unit.get("id") != k:
            problems.append(f"{side}.outline[{k}]: id {unit.get('id')!r}, expected {k}")
        if unit.get("level") not in _LEVELS:
            problems.append(f"{side}.outline[{k}]: unknown level {unit.get('level')!r}")
        lo, hi = unit.get("span", (0, -1))
        if not 0 <= lo < hi <= length:
            problems.append(f"{side}.outline[{k}]: span [{lo}, {hi}) outside the text")
        parent = unit.get("parent")
        if parent is not None:
            if not (isinstance(parent, int) and 0 <= parent < k):
                problems.append(f"{side}.outline[{k}]: parent {parent!r} is not an earlier unit")
            else:
                p_lo, p_hi = outline[parent]["span"]
                if not p_lo <= lo < hi <= p_hi:
                    problems.append(f"{side}.outline[{k}]: span outside its parent {parent}")
    return problems


def _check_structure(report: dict[str, Any], a_length: int, b_length: int) -> list[str]:
    """Version 3: the outlines, the structure entries and their summary."""
    problems: list[str] = []
    outlines = {side: report[side].get("outline") for side in ("a", "b")}
    for side, length in (("a", a_length), ("b", b_length)):
        if not isinstance(outlines[side], list):
            return [f"{side}: no outline in a version 3 report"]
        problems.extend(_check_outline(side, outlines[side], length))
    entries = report.get("structure")
    if not isinstance(entries, list):
        return [*problems, "no structure in a version 3 report"]
    seen: dict[str, set[int]] = {"a": set(), "b": set()}
    counts: dict[str, dict[str, int]] = {}
    for k, e in enumerate(entries):
        level, op = e.get("level"), e.get("op")
        if level not in _MATCHED_LEVELS or op not in _STRUCTURE_OPS:
            problems.append(f"structure[{k}]: level {level!r} op {op!r}")
            continue
        counts.setdefault(level, {}).setdefault(op, 0)
        counts[level][op] += 1
        sizes = {side: len(e.get(side, [])) for side in ("a", "b")}
        expect_a = (0,) if op == "inserted" else (1,) if op in ("split", "deleted") else None
        expect_b = (0,) if op == "deleted" else (1,) if op in ("merged", "inserted") else None
        if (expect_a and sizes["a"] not in expect_a) or (expect_b and sizes["b"] not in expect_b):
            problems.append(f"structure[{k}]: {op} with {sizes['a']} A and {sizes['b']} B units")
        if op not in ("merged", "split", "inserted", "deleted") and sizes != {"a": 1, "b": 1}:
            problems.append(f"structure[{k}]: {op} with {sizes['a']} A and {sizes['b']} B units")
        for side in ("a", "b"):
            for uid in e.get(side, []):
                outline = outlines[side]
                if not (isinstance(uid, int) and 0 <= uid < len(outline)) or outline[uid]["level"] != level:
                    problems.append(f"structure[{k}]: {side} id {uid!r} is no {level}")
                elif uid in seen[side]:
                    problems.append(f"structure[{k}]: {side} unit {uid} is in two entries")
                seen[side].add(uid)
        if any(not (isinstance(r, int) and 0 <= r < len(report["rows"])) for r in e.get("rows", [])):
            problems.append(f"structure[{k}]: rows {e.get('rows')!r} are not row indices")
    for side in ("a", "b"):
        for unit in outlines[side]:
            if unit["level"] in _MATCHED_LEVELS[:-1] and unit["id"] not in seen[side]:
                problems.append(f"{side}.outline[{unit['id']}]: a {unit['level']} in no structure entry")
    if report["summary"].get("structure") != counts:
        problems.append(f"summary structure {report['summary'].get('structure')!r} but entries count {counts!r}")
    return problems


def _check_coverage(side: str, doc: Document, owner: list[int]) -> list[str]:
    problems: list[str] = []
    for clause in segment(doc):
        rows_of = set()
        for lo, hi in doc.spans(clause.start, clause.end):
            rows_of.update(owner[lo:hi])
        rows_of.discard(-1)
        if not rows_of:
            problems.append(f"{side}: clause {clause.index} {clause.text[:20]!r} is in no row")
    holes = doc.holes
    for pos, row in enumerate(owner):
        ch = doc.original[pos]
        if (
            row == -1
            and not ch.isspace()
            and ord(ch) not in _CLEANED
            and not any(lo <= pos < hi for lo, hi in holes)
        ):
            problems.append(f"{side}: character {pos} {ch!r} is in no row and was not removed as junk")
            break
    return problems


from diffing.validate_lineage import validate_lineage  # noqa: E402  (the lineage report's validator, re-exported)

__all__ += ["validate_lineage"]
