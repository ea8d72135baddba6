"""The Word report: B's text carrying real tracked changes against A.

Rules:

* The body is B's original text, paragraph by paragraph, with A's text in
  revision marks (author ``wendiff``, one date): deleted runs in ``w:del``
  (text in ``w:delText``), inserted runs in ``w:ins``. Accepting every change
  gives B's clauses, rejecting every change gives A's clauses, each in its
  own paragraphs: a line break between two clauses of a document is a
  paragraph mark, tracked as inserted (only B breaks there) or deleted (only A
  does) where the two differ. Text between clauses that is not a line break
  (spaces, removed boilerplate) is left out.
* Unchanged text is B's wording (equal after normalization); so rejecting all
  gives A's text up to the normalization named in the options.
* A clause moved unchanged is a move (``w:moveFrom`` at its place in A,
  ``w:moveTo`` at its place in B, paired by name); a moved clause that also
  changed is deleted there and inserted here. A copied clause is an insertion.
* Items come in the report reading order (`diffing.report_layout`), so that A's
  clauses stand in A's order and B's in B's.
* A line break inside a clause is ``w:br``, a tab ``w:tab``; characters XML
  cannot hold become U+FFFD.
* The summary (documents, options, counts) is in the page header and the
  document properties, never in the body.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from docx import Document as new_docx
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from corpus.document import Document
from diffing.highlight import Run, clause_segments, unified_runs
from diffing.model import OPS, Clause, Diff, Row
from diffing.report_layout import Item, displaced, reading_order
from diffing.report_words import op_label, options_items, percent

__all__ = ["AUTHOR", "render_docx"]

AUTHOR = "wendiff"
"""Author of every revision mark."""

RunKind = Literal["same", "del", "ins", "moveFrom", "moveTo"]
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PIECES = re.compile(r"(\r\n|\r|\n|\t)")
_AFTER_TRACK_REVISIONS = (
    "w:doNotTrackMoves",
    "w:doNotTrackFormatting",
    "w:documentProtection",
    "w:autoFormatOverride",
    "w:styleLockTheme",
    "w:styleLockQFSet",
    "w:defaultTabStop",
    "w:autoHyphenation",
    "w:consecutiveHyphenLimit",
    "w:hyphenationZone",
    "w:doNotHyphenateCaps",
    "w:showEnvelope",
    "w:summaryLength",
    "w:clickAndTypeStyle",
    "w:defaultTableStyle",
    "w:evenAndOddHeaders",
    "w:bookFoldRevPrinting",
    "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets",
    "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin",
    "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData",
    "w:noPunctuationKerning",
    "w:characterSpacingControl",
    "w:printTwoOnOne",
    "w:strictFirstAndLastChars",
    "w:noLineBreaksAfter",
    "w:noLineBreaksBefore",
    "w:savePreviewPicture",
    "w:compat",
    "w:docVars",
    "w:rsids",
)


@dataclass(frozen=True)
class _Text:
    """A run of the body: text and how it is tracked."""

    text: str
    kind: RunKind
    a_clause: int | None
    b_clause: int | None
    move: str = ""
    """Name pairing a ``moveFrom`` run with its ``moveTo`` run."""


def render_docx(diff: Diff, when: datetime | None = None) -> bytes:
    """The report as a .docx file; ``when`` dates the revisions (now, by default)."""
    stamp = (when or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"
    document = new_docx()
    _set_defaults(document)
    _set_header(document, diff)
    _set_properties(document, diff, stamp)
    writer = _Writer(document.element.body, stamp)
    writer.write(_marked(diff))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _marked(diff: Diff) -> Iterator[_Text | RunKind]:
    """Runs in reading order, with a paragraph mark (its kind) wherever A or B has a line break."""
    a_breaks = _Breaks(diff.a, diff.a_clauses)
    b_breaks = _Breaks(diff.b, diff.b_clauses)
    last_a: int | None = None
    last_b: int | None = None
    for text in _texts(diff, reading_order(diff)):
        a_break = text.a_clause is not None and last_a is not None and a_breaks.between(last_a, text.a_clause)
        b_break = text.b_clause is not None and last_b is not None and b_breaks.between(last_b, text.b_clause)
        if a_break or b_break:
            yield "same" if a_break and b_break else ("del" if a_break else "ins")
        yield text
        last_a = text.a_clause if text.a_clause is not None else last_a
        last_b = text.b_clause if text.b_clause is not None else last_b


class _Breaks:
    """Whether a document has a line break between two of its clauses."""

    def __init__(self, doc: Document, clauses: Sequence[Clause]) -> None:
        self.original = doc.original
        self.bounds = [doc.to_original(c.start, c.end) for c in clauses]

    def between(self, p: int, q: int) -> bool:
        if p == q:
            return False
        first, second = min(p, q), max(p, q)
        gap = self.original[self.bounds[first][1] : self.bounds[second][0]]
        return "\n" in gap or "\r" in gap


def _pure_move(diff: Diff, row: Row) -> bool:
    """A move Word can show as a move: one clause, the same text after normalization."""
    return len(row.a) == len(row.b) == 1 and diff.a_text(row) == diff.b_text(row)


def _texts(diff: Diff, items: Sequence[Item]) -> Iterator[_Text]:
    moved = displaced(diff)
    for item in items:
        row = diff.rows[item.row]
        name = f"wendiff-move-{item.row}"
        if item.kind == "origin":
            kind: RunKind = "moveFrom" if _pure_move(diff, row) else "del"
            for group in clause_segments(diff, row, "a"):
                text = "".join(s.text for s in group.segments)
                yield _Text(text, kind, group.index, None, name if kind == "moveFrom" else "")
        elif item.row in moved or row.op == "copied":
            kind = "moveTo" if item.row in moved and _pure_move(diff, row) else "ins"
            for group in clause_segments(diff, row, "b"):
                text = "".join(s.text for s in group.segments)
                yield _Text(text, kind, None, group.index, name if kind == "moveTo" else "")
        else:
            yield from (_from_run(run) for run in unified_runs(diff, row))


def _from_run(run: Run) -> _Text:
    return _Text(run.text, run.kind, run.a_clause, run.b_clause)


class _Writer:
    """Appends paragraphs of tracked runs to the body, numbering every revision."""

    def __init__(self, body: Any, stamp: str) -> None:
        self.body = body
        self.stamp = stamp
        self.next_id = 1
        self.sect_pr = body.find(qn("w:sectPr"))
        self.paragraph = self._new_paragraph()

    def write(self, marked: Iterator[_Text | RunKind]) -> None:
        for token in marked:
            if isinstance(token, _Text):
                self._run(token)
            else:
                self._end_paragraph(token)
                self.paragraph = self._new_paragraph()

    def _new_paragraph(self) -> Any:
        p = etree.Element(qn("w:p"))
        if self.sect_pr is not None:
            self.sect_pr.addprevious(p)
        else:
            self.body.append(p)
        return p

    def _revision(self, parent: Any, tag: str) -> Any:
        element = etree.SubElement(parent, qn(tag))
        element.set(qn("w:id"), str(self.next_id))
        element.set(qn("w:author"), AUTHOR)
        element.set(qn("w:date"), self.stamp)
        self.next_id += 1
        return element

    def _end_paragraph(self, kind: RunKind) -> None:
        """Track the paragraph mark as deleted (only A breaks here) or inserted (only B does)."""
        if kind == "same":
            return
        p_pr = etree.Element(qn("w:pPr"))
        r_pr = etree.SubElement(p_pr, qn("w:rPr"))
        self._revision(r_pr, "w:del" if kind in ("del", "moveFrom") else "w:ins")
        self.paragraph.insert(0, p_pr)

    def _run(self, token: _Text) -> None:
        p = self.paragraph
        if token.kind == "same":
            _add_run(p, token.text, deleted=False)
            return
        if token.kind in ("moveFrom", "moveTo"):
            range_id = self.next_id
            start = self._revision(p, f"w:{token.kind}RangeStart")
            start.set(qn("w:name"), token.move)
            wrapper = self._revision(p, f"w:{token.kind}")
            _add_run(wrapper, token.text, deleted=False)
            end = etree.SubElement(p, qn(f"w:{token.kind}RangeEnd"))
            end.set(qn("w:id"), str(range_id))
            return
        wrapper = self._revision(p, "w:del" if token.kind == "del" else "w:ins")
        _add_run(wrapper, token.text, deleted=token.kind == "del")


def _add_run(parent: Any, text: str, deleted: bool) -> None:
    """One ``w:r`` holding ``text``: line breaks as ``w:br``, tabs as ``w:tab``."""
    run = etree.SubElement(parent, qn("w:r"))
    tag = qn("w:delText" if deleted else "w:t")
    for piece in _PIECES.split(_INVALID_XML.sub("\ufffd", text)):
        if not piece:
            continue
        if piece == "\t":
            etree.SubElement(run, qn("w:tab"))
        elif piece in ("\n", "\r", "\r\n"):
            etree.SubElement(run, qn("w:br"))
        else:
            t = etree.SubElement(run, tag)
            t.text = piece
            if piece != piece.strip():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _set_defaults(document: Any) -> None:
    """Chinese text in a Chinese face; new edits by the reviewer are tracked too."""
    style = document.styles["Normal"]
    r_pr = style.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = etree.SubElement(r_pr, qn("w:rFonts"))
    fonts.set(qn("w:eastAsia"), "SimSun")
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(r_pr, qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    settings = document.settings.element
    if settings.find(qn("w:trackRevisions")) is None:
        settings.insert_element_before(etree.Element(qn("w:trackRevisions")), *_AFTER_TRACK_REVISIONS)


def _summary_line(diff: Diff) -> str:
    summary = diff.summary
    counts = " · ".join(f"{op_label(op)} {summary.counts[op]}" for op in OPS if summary.counts.get(op))
    return f"wendiff：{diff.a.name} → {diff.b.name} ｜ 相似度 {percent(summary.similarity)} ｜ {counts}"


def _set_header(document: Any, diff: Diff) -> None:
    """A4 pages whose header names both documents and sums up the diff."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(25)
    header = section.header
    header.paragraphs[0].text = _INVALID_XML.sub("\ufffd", _summary_line(diff))


def _set_properties(document: Any, diff: Diff, stamp: str) -> None:
    """Names, digests, counts and options in the document properties (each holds 255 characters)."""
    props = document.core_properties
    a, b = diff.a.source, diff.b.source
    props.author = props.last_modified_by = AUTHOR
    props.title = _property(f"{a.name} → {b.name}")
    props.subject = _property(_summary_line(diff))
    props.comments = _property(
        f"A sha256 {a.sha256} ({a.size} bytes, {a.encoding}); B sha256 {b.sha256} ({b.size} bytes, {b.encoding})"
    )
    props.keywords = _property(", ".join(f"{name}={value}" for name, value in options_items(diff)))
    props.created = props.modified = datetime.fromisoformat(stamp.rstrip("Z"))


def _property(text: str) -> str:
    text = _INVALID_XML.sub("\ufffd", text)
    return text if len(text) <= 255 else text[:254] + "…"
