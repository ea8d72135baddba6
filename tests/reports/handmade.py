"""Diffs built by hand, for report tests that must not depend on the aligner.

Documents get one normalization layer that removes ASCII spaces and turns CRLF
into LF, so that highlights have to go through a real offset map. Each
non-empty normalized line is one clause; its place is the last ``一、`` heading
and the ``(一)`` label of the line, if any.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from corpus.document import Document, Layer, Source
from corpus.offsets import MapBuilder
from corpus.options import DEFAULT_OPTIONS
from diffing.model import Clause, ClauseKind, Diff, Op, Row
from diffing.vocabulary import InlinePart

RowSpec = tuple[Op, Sequence[int], Sequence[int]]
_HEADING = re.compile(r"^([一二三四五六七八九十]+)、")
_ITEM = re.compile(r"^\(([一二三四五六七八九十]+)\)")


def document(text: str, name: str = "a.txt", encoding: str = "utf-8") -> Document:
    """A document whose normalized text drops ASCII spaces and CRs before LF."""
    data = text.encode("utf-8")
    source = Source(name, text, encoding, hashlib.sha256(data).hexdigest(), len(data), data)
    builder = MapBuilder()
    for piece in re.split(r"( +|\r\n)", text):
        if piece.startswith(" "):
            builder.replace(len(piece), "")
        elif piece == "\r\n":
            builder.replace(2, "\n")
        else:
            builder.keep(piece)
    norm, offsets = builder.build()
    layers = (Layer("whitespace", norm, offsets),) if norm != text else ()
    return Document(source, layers)


def clauses(doc: Document) -> tuple[Clause, ...]:
    """One clause per non-empty normalized line."""
    out: list[Clause] = []
    heading = ""
    pos = 0
    for line in doc.text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not line:
            continue
        kind: ClauseKind = "sentence"
        if m := _HEADING.match(line):
            heading, kind = m.group(1), "heading"
        item = _ITEM.match(line)
        place = "/".join(p for p in (heading, item.group(0) if item else "") if p)
        out.append(Clause(len(out), start, start + len(line), line, kind, place))
    return tuple(out)


def inline(a: str, b: str) -> tuple[InlinePart, ...]:
    """Character-level inline parts of two texts."""
    parts: list[InlinePart] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(("=", a[i1:i2]))
            continue
        if i2 > i1:
            parts.append(("-", a[i1:i2]))
        if j2 > j1:
            parts.append(("+", b[j1:j2]))
    return tuple(parts)


def make_diff(a: Document, b: Document, rows: Sequence[RowSpec]) -> Diff:
    """A diff with the given rows; inline parts and similarity are computed."""
    a_cl, b_cl = clauses(a), clauses(b)
    built: list[Row] = []
    for op, ai, bj in rows:
        a_text = "".join(a_cl[i].text for i in ai)
        b_text = "".join(b_cl[j].text for j in bj)
        if ai and bj:
            sim = SequenceMatcher(None, a_text, b_text, autojunk=False).ratio() if a_text or b_text else 1.0
            parts = inline(a_text, b_text) if a_text != b_text else None
            built.append(Row(op, tuple(ai), tuple(bj), round(sim, 4), parts))
        else:
            built.append(Row(op, tuple(ai), tuple(bj), 0.0))
    return Diff(a, b, DEFAULT_OPTIONS, a_cl, b_cl, tuple(built))


def auto_diff(a: Document, b: Document) -> Diff:
    """Align the lines with difflib: equal runs, replaced lines paired 1:1, the rest inserted or deleted."""
    a_cl, b_cl = clauses(a), clauses(b)
    specs: list[RowSpec] = []
    matcher = SequenceMatcher(None, [c.text for c in a_cl], [c.text for c in b_cl], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            specs.extend(("equal", [i], [j]) for i, j in zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        pairs = min(i2 - i1, j2 - j1)
        specs.extend(("modified", [i1 + k], [j1 + k]) for k in range(pairs))
        specs.extend(("deleted", [i], []) for i in range(i1 + pairs, i2))
        specs.extend(("inserted", [], [j]) for j in range(j1 + pairs, j2))
    return make_diff(a, b, specs)
