"""The Word report: B's text as written, carrying real tracked changes against A as written.

Rules:

* The body is `diffing.redline`'s pieces: accepting every change gives B's
  original text and rejecting every change gives A's, character for character,
  one paragraph per line of the file (a line end is a paragraph mark; one that
  only A has is tracked as deleted, one only B has as inserted). Revisions
  carry author ``wendiff`` and one date; a change the normalization ignores
  (``(一)`` against ``（一）``, spaces between clauses) carries the author
  ``wendiff（归一化）``, so that a reviewer can hide it by reviewer in Word; the
  number of a renumbered article (a quiet change, no wording) carries
  ``wendiff（序号）`` for the same reason.
* A clause moved unchanged is a Word move (``w:moveFrom`` at its place in A,
  ``w:moveTo`` at its place in B, paired by name); a renumbered article is a
  tracked change of its number alone.
* A paragraph that is a heading — a line that a heading clause of the
  segmentation fills (`diffing.segment`): a Markdown ``#`` line, 第X编/分编/章/节,
  一、 — has a Word heading style (levels in that order among the kinds the two
  documents use), so Word's navigation pane shows the outline. Headings are
  the clauses', never found again in the lines.
* A tab is ``w:tab``; characters XML cannot hold become U+FFFD.
* When a document is paged (PDF, OFD), each changed paragraph carries a Word
  comment by ``wendiff`` citing its page on that side (``A 第2页``), as the
  other reports cite ``第N页``; the comment holds none of the documents' text.
* The first page's header holds the title (both documents' titles and dates,
  file names without folders, and pages read by OCR or not compared:
  `diffing.reports.reading`), a legend and the counts; other pages have no
  header. Paths, digests and options are in the document properties. The
  body holds the documents only.
* An unchanged paragraph of source markup (`diffing.source_markup`) is
  structure: an HTML comment is hidden text, a Markdown heading's hashes too;
  the text is still there, so accept-all and reject-all still give B and A.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import PurePath
from typing import Any

from docx import Document as new_docx
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from corpus.document import Document
from corpus.markers import Level, read_label
from diffing.model import OPS, Clause, Diff
from diffing.redline import Piece, redline
from diffing.reports.kit import add_page_numbers, chinese_normal_style, title_face
from diffing.reports.meta import display_title, document_date
from diffing.reports.numbers import number_items, numbers_lines
from diffing.reports.pins import pin_lines
from diffing.reports.reading import reading_note
from diffing.reports.wording import OP_NAMES, options_items, percent, tool_version
from diffing.segment import segment_text
from diffing.source_markup import Markup, source_markup

__all__ = ["AUTHOR", "AUTHOR_IGNORED", "AUTHOR_RENUMBERED", "heading_levels", "render_docx"]

AUTHOR = "wendiff"
"""Author of every revision mark of a change the diff reports."""
AUTHOR_IGNORED = "wendiff（归一化）"
"""Author of the marks of a difference the normalization ignores."""
AUTHOR_RENUMBERED = "wendiff（序号）"
"""Author of the marks of a renumbered article's number."""

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TAB = re.compile(r"(\t)")
_HEADING_MAX = 40
"""Longest line taken as a 一、 or 第X章 heading (a longer one is a paragraph that starts with its number)."""
_KINDS = {Level.PART: "编", Level.SUBPART: "分编", Level.CHAPTER: "章", Level.SECTION: "节", Level.HEADING: "、"}
_ORDER = tuple(_KINDS.values())
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


def render_docx(diff: Diff, when: datetime | None = None) -> bytes:
    """The report as a .docx file; ``when`` dates the revisions (now, by default)."""
    stamp = (when or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"
    document = new_docx()
    _set_defaults(document)
    _set_first_page(document, diff)
    _set_properties(document, diff, stamp)
    a_lines = _heading_lines(diff.a.original, diff.a_clauses, diff.a.to_original)
    b_lines = _heading_lines(diff.b.original, diff.b_clauses, diff.b.to_original)
    levels = _levels({*a_lines.values(), *b_lines.values()})
    writer = _Writer(document.element.body, stamp, levels, (a_lines, b_lines), _page_citer(diff))
    writer.write(redline(diff))
    for paragraph, citation in writer.citations:
        _comment(document, paragraph, citation)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _heading_lines(
    original: str, clauses: Iterable[Clause], to_original: Callable[[int, int], tuple[int, int]]
) -> dict[int, str]:
    """The lines a heading clause fills, by the line's start in ``original``, with the heading's kind:
    ``#``…``######`` for a Markdown heading, 编/分编/章/节 for 第X编/分编/章/节, ``、`` for 一、."""
    out: dict[int, str] = {}
    for clause in clauses:
        if clause.kind != "heading":
            continue
        lo, hi = to_original(clause.start, clause.end)
        start = original.rfind("\n", 0, lo) + 1
        end = original.find("\n", hi)
        end = len(original) if end < 0 else end
        if original[start:lo].strip() or original[hi:end].strip():
            continue  # the heading shares its line with text: a paragraph, not a heading
        marks = len(clause.text) - len(clause.text.lstrip("#"))
        label = read_label(clause.text)
        if marks:
            out[start] = "#" * marks
        elif label and label.level in _KINDS and len(original[start:end].strip()) <= _HEADING_MAX:
            out[start] = _KINDS[label.level]
    return out


def heading_levels(texts: Iterable[str]) -> dict[str, int]:
    """Word heading level of each kind of heading line the texts use (each text segmented as it is).

    Markdown headings keep their level; 编, 分编, 章, 节 and 一、 follow, in that
    order, each one level below the kinds above it that the texts use.
    """
    kinds: set[str] = set()
    for text in texts:
        kinds.update(_heading_lines(text, segment_text(text), lambda lo, hi: (lo, hi)).values())
    return _levels(kinds)


def _levels(kinds: set[str]) -> dict[str, int]:
    levels = {kind: len(kind) for kind in kinds if kind.startswith("#")}
    level = 1
    for kind in _ORDER:
        if kind in kinds:
            levels[kind] = min(level, 9)
            level += 1
    return levels


class _Writer:
    """Appends paragraphs of tracked runs to the body, numbering every revision."""

    def __init__(
        self,
        body: Any,
        stamp: str,
        levels: dict[str, int],
        headings: tuple[dict[int, str], dict[int, str]],
        cite: Callable[[int, int], str | None] = lambda a, b: None,
    ) -> None:
        self.body = body
        self.cite = cite
        self.citations: list[tuple[Any, str]] = []
        """(paragraph, ``A 第N页``) for each changed paragraph of a paged document, in order."""
        self.changed = False
        """Whether the open paragraph holds a change."""
        self.stamp = stamp
        self.levels = levels
        self.a_headings, self.b_headings = headings
        self.a_pos = self.b_pos = 0
        """Where the current line of each side starts in its original text."""
        self.next_id = 1
        self.sect_pr = body.find(qn("w:sectPr"))
        self.paragraph: Any = None
        self.b_line: list[str] = []
        self.a_line: list[str] = []

    def write(self, pieces: Iterable[Piece]) -> None:
        for piece in pieces:
            lines = piece.text.split("\n")
            move_start = self._move_start(piece) if piece.kind in ("moveFrom", "moveTo") else None
            for k, line in enumerate(lines):
                if k:
                    self._end_paragraph(piece)
                if line:
                    self._run(piece, line)
            if move_start is not None:
                end = etree.SubElement(self._current(), qn(f"w:{piece.kind}RangeEnd"))
                end.set(qn("w:id"), move_start)
        if self.paragraph is not None or not len(self.body.findall(qn("w:p"))):
            self._end_paragraph(None)

    def _current(self) -> Any:
        """The open paragraph; a line end closes one, and the next text opens the next (none after the last)."""
        if self.paragraph is None:
            self.paragraph = self._new_paragraph()
        return self.paragraph

    def _new_paragraph(self) -> Any:
        p = etree.Element(qn("w:p"))
        if self.sect_pr is not None:
            self.sect_pr.addprevious(p)
        else:
            self.body.append(p)
        return p

    def _revision(self, parent: Any, tag: str, piece: Piece) -> Any:
        element = etree.SubElement(parent, qn(tag))
        element.set(qn("w:id"), str(self.next_id))
        author = AUTHOR_IGNORED if piece.ignored else AUTHOR_RENUMBERED if piece.renumber else AUTHOR
        element.set(qn("w:author"), author)
        element.set(qn("w:date"), self.stamp)
        self.next_id += 1
        return element

    def _move_start(self, piece: Piece) -> str:
        range_id = str(self.next_id)
        start = self._revision(self._current(), f"w:{piece.kind}RangeStart", piece)
        start.set(qn("w:name"), piece.move)
        return range_id

    def _end_paragraph(self, piece: Piece | None) -> None:
        """Style the paragraph; track its mark as deleted (only A ends a line here) or inserted (only B does)."""
        self._current()
        p_pr = etree.Element(qn("w:pPr"))
        b_line, a_line = "".join(self.b_line), "".join(self.a_line)
        kind = None
        if b_line.strip():
            kind = self.b_headings.get(self.b_pos)
        elif a_line.strip():  # a line only A has
            kind = self.a_headings.get(self.a_pos)
        if kind in self.levels:
            style = etree.SubElement(p_pr, qn("w:pStyle"))
            style.set(qn("w:val"), f"Heading{self.levels[kind]}")
        if piece is not None and piece.kind != "same":
            r_pr = etree.SubElement(p_pr, qn("w:rPr"))
            self._revision(r_pr, f"w:{piece.kind}", piece)
        changed = self.changed or (piece is not None and piece.kind != "same")
        citation = self.cite(self.a_pos, self.b_pos) if changed else None
        if citation:
            self.citations.append((self._current(), citation))
        self.changed = False
        if piece is None or piece.kind in ("same", "ins", "moveTo"):
            self.b_pos += len(b_line) + 1
            self.b_line = []
        if piece is None or piece.kind in ("same", "del", "moveFrom"):
            self.a_pos += len(a_line) + 1
            self.a_line = []
        if not changed and (markup := source_markup(b_line)) is not None:
            _hide_markup(self._current(), p_pr, markup)
        if len(p_pr):
            self._current().insert(0, p_pr)
        self.paragraph = None

    def _run(self, piece: Piece, text: str) -> None:
        self.changed = self.changed or piece.kind != "same"
        if piece.kind in ("same", "ins", "moveTo"):
            self.b_line.append(text)
        if piece.kind in ("same", "del", "moveFrom"):
            self.a_line.append(text)
        if piece.kind == "same":
            _add_run(self._current(), text, deleted=False)
            return
        wrapper = self._revision(self._current(), f"w:{piece.kind}", piece)
        _add_run(wrapper, text, deleted=piece.kind == "del")


def _hide_markup(paragraph: Any, p_pr: Any, markup: Markup) -> None:
    """An unchanged paragraph of source markup as structure: a comment hidden whole, a heading's hashes hidden;
    the text stays in the runs (hidden text, ``w:vanish``), so accepting and rejecting still give it back."""
    runs = paragraph.findall(qn("w:r"))
    if markup.kind == "heading" and runs:
        t = runs[0].find(qn("w:t"))
        hashes = _HASHES.match(t.text or "") if t is not None else None
        if t is None or hashes is None:
            return
        hidden = etree.Element(qn("w:r"))
        runs[0].addprevious(hidden)
        _add_run_text(hidden, hashes.group(0))
        t.text = t.text[hashes.end() :] if t.text else t.text
        runs = [hidden]
    else:
        mark = p_pr.find(qn("w:rPr"))
        etree.SubElement(mark if mark is not None else etree.SubElement(p_pr, qn("w:rPr")), qn("w:vanish"))
    for run in runs:
        r_pr = etree.Element(qn("w:rPr"))
        etree.SubElement(r_pr, qn("w:vanish"))
        run.insert(0, r_pr)


def _add_run_text(run: Any, text: str) -> None:
    t = etree.SubElement(run, qn("w:t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


_HASHES = re.compile(r"\s*#{1,6}[ \t\u3000]+")


def _page_citer(diff: Diff) -> Callable[[int, int], str | None]:
    """``A 第2页 · B 第3页`` for the lines starting at these offsets of A's and B's original texts, naming
    the paged documents (PDF, OFD) only; None when neither is paged."""
    sides = [(label, doc.source) for label, doc in (("A", diff.a), ("B", diff.b)) if doc.source.pages]

    def cite(a_pos: int, b_pos: int) -> str | None:
        if not sides:
            return None
        places = {"A": a_pos, "B": b_pos}
        return " · ".join(f"{label} 第{source.page_at(min(places[label], max(len(source.text) - 1, 0)))}页"
                          for label, source in sides)  # fmt: skip

    return cite


def _comment(document: Any, paragraph: Any, text: str) -> None:
    """A Word comment by ``wendiff`` holding ``text``, anchored on the whole paragraph, outside its
    revisions (accepting or rejecting changes keeps it; it holds no text of the documents)."""
    comment = document.comments.add_comment(text=text, author=AUTHOR, initials="wd")
    number = str(comment.comment_id)
    start = etree.Element(qn("w:commentRangeStart"))
    start.set(qn("w:id"), number)
    p_pr = paragraph.find(qn("w:pPr"))
    if p_pr is not None:
        p_pr.addnext(start)
    else:
        paragraph.insert(0, start)
    end = etree.SubElement(paragraph, qn("w:commentRangeEnd"))
    end.set(qn("w:id"), number)
    run = etree.SubElement(paragraph, qn("w:r"))
    etree.SubElement(run, qn("w:commentReference")).set(qn("w:id"), number)


def _add_run(parent: Any, text: str, deleted: bool) -> None:
    """One ``w:r`` holding ``text`` (no line end): tabs as ``w:tab``."""
    run = etree.SubElement(parent, qn("w:r"))
    tag = qn("w:delText" if deleted else "w:t")
    for piece in _TAB.split(_INVALID_XML.sub("\ufffd", text)):
        if not piece:
            continue
        if piece == "\t":
            etree.SubElement(run, qn("w:tab"))
        else:
            t = etree.SubElement(run, tag)
            t.text = piece
            if piece != piece.strip():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _set_defaults(document: Any) -> None:
    """Chinese text in a Chinese face, no space after a paragraph (the files' blank lines are paragraphs of
    their own); new edits by the reviewer are tracked too."""
    style = document.styles["Normal"]
    style.paragraph_format.space_after = Pt(0)
    chinese_normal_style(document)
    settings = document.settings.element
    if settings.find(qn("w:trackRevisions")) is None:
        settings.insert_element_before(etree.Element(qn("w:trackRevisions")), *_AFTER_TRACK_REVISIONS)


def _summary_line(diff: Diff) -> str:
    """``改动 7 处（修改 6 · 新增 1）· 序号调整 1 处 · 相似度 93.1%``."""
    summary = diff.summary
    counts = " · ".join(
        f"{OP_NAMES[op]} {summary.counts[op]}" for op in OPS if op not in ("equal", "renumbered") and summary.counts[op]
    )
    line = f"改动 {summary.changes} 处" + (f"（{counts}）" if counts else "")
    if summary.counts.get("renumbered"):
        line += f" · 序号调整 {summary.counts['renumbered']} 处"
    return f"{line} · 相似度 {percent(summary.similarity)}"


def _title(diff: Diff) -> str:
    a, b = display_title(diff.a), display_title(diff.b)
    return a if a == b else f"{a} → {b}"


LEGEND = (
    "修订标记：删除线为 A（原文）有而 B（新文）没有的文字，下划线为 B 新增的文字；移动的条文以“移动”修订标出；"
    "条文序号调整只标出序号。全部接受得 B 原文，全部拒绝得 A 原文。"
    "修订者“wendiff（归一化）”的修订是比较时忽略的差异（全角半角、繁简、空白），"
    "“wendiff（序号）”的修订是条文序号调整，都可按修订者隐藏。"
)
"""How to read the redline, on its first page."""


def _doc_line(label: str, doc: Document) -> str:
    """``B（新文）：scan.pdf（2024年1月1日）；第2页由 OCR 识别``: the file, its date and how it was read."""
    date, read = document_date(doc), reading_note(doc)
    return f"{label}：{PurePath(doc.name).name}" + (f"（{date}）" if date else "") + (f"；{read}" if read else "")


def _set_first_page(document: Any, diff: Diff) -> None:
    """A4 pages; the first page's header holds the title, both documents, a legend and the counts."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(25)
    section.different_first_page_header_footer = True
    add_page_numbers(section)
    header = section.first_page_header
    lines = [
        _title(diff),
        _doc_line("A（原文）", diff.a),
        _doc_line("B（新文）", diff.b),
        _summary_line(diff),
        LEGEND,
        *numbers_lines(number_items(diff)),  # in the header: the body stays the redline of the two texts
        *pin_lines(diff),
    ]
    paragraph = header.paragraphs[0]
    for k, line in enumerate(lines):
        if k:
            paragraph = header.add_paragraph()
        run = paragraph.add_run(_INVALID_XML.sub("\ufffd", line))
        run.font.size = Pt(14 if k == 0 else 9)
        run.bold = k == 0
        if k == 0:
            title_face(run)


def _set_properties(document: Any, diff: Diff, stamp: str) -> None:
    """Names, digests, counts and options in the document properties (each holds 255 characters)."""
    props = document.core_properties
    a, b = diff.a.source, diff.b.source
    props.author = props.last_modified_by = AUTHOR
    props.title = _property(f"{a.name} → {b.name}")
    props.subject = _property(f"{_title(diff)} ｜ {_summary_line(diff)}")
    props.comments = _property(
        f"{tool_version()}; A sha256 {a.sha256} ({a.size} bytes, {a.encoding});"
        f" B sha256 {b.sha256} ({b.size} bytes, {b.encoding})"
    )
    props.keywords = _property(", ".join(f"{name}={value}" for name, value in options_items(diff)))
    props.created = props.modified = datetime.fromisoformat(stamp.rstrip("Z"))


def _property(text: str) -> str:
    text = _INVALID_XML.sub("\ufffd", text)
    return text if len(text) <= 255 else text[:254] + "…"
