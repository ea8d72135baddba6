"""Finding rows of a diff: by text (search, ``/``) and by place (go to, ``g``).

Rules:

* Search is normalized both ways: the query goes through the diff's own
  normalization (繁简, width, whitespace … as the diff's `Options` say) and is
  looked for in each clause's normalized text, so a Traditional query finds a
  Simplified text and ``(一)`` finds ``（一）``; the original text is searched
  for the query as typed too. Case is ignored. Each hit is mapped to the
  original text through the document's offset map (`Document.spans`), never
  searched for again: `Hits.terms` holds the original wordings found, which
  the view highlights.
* A place is matched as a reviewer cites it (``二/(三)``, ``第十条``, ``(三)``):
  brackets and spaces are compared in one form (full-width brackets become
  half-width, spaces dropped). Exact places first, then places inside the one
  asked for (``二/(三)/2`` for ``二/(三)``), then places that end with it, then
  places that contain it. Failing those, the same tests run on a loose form
  (`loose_place`): Arabic numbers as Chinese numerals, 第…条 and brackets
  dropped, a bracket starting a new part, so ``第3条``, ``第三条(四)``,
  ``三/四`` and ``7`` find ``第三条``, ``第三条/(四)``, ``三/(四)`` and ``第七条``.
* Go-to reads a side first (``A:120``, ``A 第三条``; without one, B's lines and
  places): a blank line goes to the next line with text.
* Both return row indices in ``Diff.rows`` order; the view sorts them into
  its own reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from corpus.document import Document
from corpus.markers import ARTICLE_LABEL, to_chinese, to_int
from corpus.options import Options
from diffing.model import Clause, Diff

__all__ = [
    "GoTo",
    "Hits",
    "canonical_place",
    "find_hits",
    "find_line",
    "find_place",
    "find_rows",
    "goto_query",
    "line_query",
    "loose_place",
    "normalized_query",
    "text_line",
]

_PLACE = str.maketrans({"（": "(", "）": ")", "／": "/", "　": "", " ": ""})


@dataclass(frozen=True)
class Hits:
    """What a search found."""

    rows: tuple[int, ...]
    """Rows holding the query (original or normalized, either side), in ``Diff.rows`` order."""
    terms: frozenset[str]
    """The original wordings of the hits (``（一）元旦`` for ``(一)元旦``), to highlight."""


def normalized_query(query: str, options: Options) -> str:
    """``query`` as the diff's normalization makes it (cleaning steps left out: a query is no web page)."""
    from corpus.pipeline import from_text

    return from_text(query, options=options.with_(boilerplate=False, junk=False)).text


def find_hits(diff: Diff, query: str) -> Hits:
    """Rows and original wordings that hold ``query``, ignoring case, compared as typed and normalized."""
    raw = query.casefold()
    if not raw.strip():
        return Hits((), frozenset())
    needle = normalized_query(query, diff.options).casefold()
    terms: set[str] = set()
    rows: list[int] = []
    for r, row in enumerate(diff.rows):
        found = False
        for doc, clauses, side in ((diff.a, diff.a_clauses, row.a), (diff.b, diff.b_clauses, row.b)):
            for k in side:
                found |= _in_clause(doc, clauses[k], raw, needle, terms)
        if found:
            rows.append(r)
    return Hits(tuple(rows), frozenset(terms))


def _in_clause(doc: Document, clause: Clause, raw: str, needle: str, terms: set[str]) -> bool:
    """Whether ``clause`` holds the query; the original wording of each hit goes into ``terms``."""
    found = False
    if needle:
        text = _fold(clause.text)
        start = text.find(needle)
        while start >= 0:
            found = True
            spans = doc.spans(clause.start + start, clause.start + start + len(needle))
            terms.add("".join(doc.original[lo:hi] for lo, hi in spans))
            start = text.find(needle, start + len(needle))
    original = "".join(doc.original[lo:hi] for lo, hi in doc.spans(clause.start, clause.end))
    at = _fold(original).find(raw)
    if at >= 0:
        terms.add(original[at : at + len(raw)])
        found = True
    return found


def _fold(text: str) -> str:
    """``text`` case-folded, where that keeps every offset (else as it is)."""
    folded = text.casefold()
    return folded if len(folded) == len(text) else text


def find_rows(diff: Diff, query: str) -> list[int]:
    """Rows whose original or normalized text (either side) holds ``query``, ignoring case (`find_hits`)."""
    return list(find_hits(diff, query).rows)


_LINE = re.compile(r"^\s*(?:[:：]|[lL](?:ine)?\s*)(\d+)\s*$")


def line_query(query: str) -> int | None:
    """The line number a go-to query asks for (``:120``, ``L120``, ``line 120``), None for a place."""
    match = _LINE.match(query)
    return int(match.group(1)) if match else None


_SIDE = re.compile(r"^\s*([ABab])(?:\s*[:：]\s*(?=\d)|\s+(?=\S))")


@dataclass(frozen=True)
class GoTo:
    """A go-to query read: which side's numbering (None: B's, else A's), and a line or a place."""

    side: Literal["a", "b"] | None
    line: int | None
    place: str


def goto_query(query: str) -> GoTo:
    """``A:120`` / ``B 第三条`` / ``:120`` / ``第三条`` read as a side, a line and a place."""
    side: Literal["a", "b"] | None = None
    m = _SIDE.match(query)
    rest = query
    if m:
        side = "a" if m.group(1) in "Aa" else "b"
        rest = query[m.end() :]
        if rest.strip().isdigit() and query[m.end(1) : m.end()].strip() in (":", "："):
            return GoTo(side, int(rest), "")
    return GoTo(side, line_query(rest), rest.strip())


def text_line(text: str, line: int) -> int | None:
    """``line`` (from 1) of ``text``, or the first line after it with text when it is blank; None past the end."""
    start = _line_start(text, line)
    while start is not None and start < len(text):
        if text[start : start + _line_len(text, start)].strip():
            return line
        line += 1
        start = _line_start(text, line)
    return None


def find_line(diff: Diff, line: int, on: Literal["a", "b"] | None = None) -> list[int]:
    """Rows whose text on side ``on`` covers ``line`` (from 1) of its original file (None: B's, else A's)."""
    found: list[int] = []
    for side in (on,) if on is not None else ("b", "a"):
        doc = diff.b if side == "b" else diff.a
        start = _line_start(doc.original, line)
        if start is None:
            continue
        for r, row in enumerate(diff.rows):
            spans = diff.b_spans(row) if side == "b" and row.b else diff.a_spans(row) if side == "a" and row.a else []
            if spans and spans[0][0] <= start + _line_len(doc.original, start) and spans[-1][1] > start:
                found.append(r)
        if found:
            return found
    return found


def _line_start(text: str, line: int) -> int | None:
    pos = 0
    for _ in range(line - 1):
        pos = text.find("\n", pos) + 1
        if pos == 0:
            return None
    return pos


def _line_len(text: str, start: int) -> int:
    end = text.find("\n", start)
    return (len(text) if end < 0 else end) - start


def canonical_place(place: str) -> str:
    """``place`` with half-width brackets and no spaces."""
    return place.translate(_PLACE).strip("/")


def loose_place(place: str) -> str:
    """``place`` in a loose form: numbers as Chinese numerals, ``第``/``条`` and brackets dropped, each bracket
    a part of its own (``第3条(四)`` → ``三/四``)."""
    text = canonical_place(place)
    text = re.sub(r"(?<!^)(?<!/)\(", "/(", text)
    text = re.sub(r"\d+", lambda m: to_chinese(int(m.group())) if len(m.group()) <= 4 else m.group(), text)
    text = ARTICLE_LABEL.sub(_article_number, text)
    return "/".join(p.strip("()") for p in text.split("/") if p.strip("()"))


def _article_number(m: re.Match[str]) -> str:
    """第X条(之Y) as its numbers in one spelling: ``第壹条`` and ``第一条`` → ``一``, ``第三条之一`` → ``三之一``."""
    number, sub = m.group("n"), m.group("sub")
    out = _numeral(number)
    return out + "之" + _numeral(sub) if sub else out


def _numeral(text: str) -> str:
    value = to_int(text)
    return to_chinese(value) if value is not None and value > 0 else text


def _match(places: list[str], want: str) -> list[int]:
    tests = (
        lambda p: p == want,
        lambda p: p.startswith(want + "/"),
        lambda p: p.endswith("/" + want),
        lambda p: want in p,
    )
    for test in tests:
        rows = [r for r, p in enumerate(places) if test(p)]
        if rows:
            return rows
    return []


def find_place(diff: Diff, query: str, side: Literal["a", "b"] | None = None) -> list[int]:
    """Rows at the place ``query`` on ``side`` (None: where the row stands, B's place first), best matches first
    (as cited, then in the loose form). A query without a letter or a digit (``(``) is no place."""
    want = canonical_place(query)
    if not any(c.isalnum() for c in want):
        return []
    cite = {"a": diff.place_a, "b": diff.place_b}.get(side or "", diff.place)
    places = [canonical_place(cite(row) or "") for row in diff.rows]
    rows = _match(places, want)
    if rows:
        return rows
    loose = loose_place(query)
    if not loose:
        return []
    return _match([loose_place(p) for p in places], loose)
