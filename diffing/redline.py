"""The redline of a diff: tracked pieces of text that give back each document exactly as written.

Rules:

* Joining the ``same``, ``del`` and ``moveFrom`` pieces gives A's original
  text, joining the ``same``, ``ins`` and ``moveTo`` pieces gives B's: every
  character, the text between clauses (line breaks, the space after 第X条,
  full-width and zero-width spaces, junk the normalizer removed) included.
  Line ends are written ``\\n`` (a CR LF or CR of the file is one line end).
* Pieces come in the report reading order (`diffing.reports.order`): A's text
  in A's order, B's in B's. The text between two clauses of a side is emitted
  before the next piece that has that side; when only the other side moves on,
  the two gaps are compared and what they share is ``same``.
* Within a change (the pieces between two ``same`` or move pieces) A's
  deleted text comes before B's inserted text, each in its own order: a new
  article's label never sits at the end of a deleted paragraph with its text
  a paragraph below (the line end that closes the deleted paragraph is
  deleted before the insertion starts).
* Text the diff holds equal only after normalization (``(一)`` against
  ``（一）``) is a tracked change of the characters that differ, so rejecting
  every change gives A's own characters back, not B's.
  Such changes, and those between clauses, are marked ``ignored``.
* A ``renumbered`` label is a change of its number only (``第`` and ``条`` are
  ``same``), marked ``renumber`` (a quiet change: no wording changed).
* A clause moved unchanged (one clause, equal text after normalization) is a
  ``moveFrom``/``moveTo`` pair named alike; a moved clause that changed is
  deleted at its place in A and inserted at its place in B. A copied clause is
  an insertion (its A side is a reference, not A's text).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from diffing.highlight import part_ranges
from diffing.model import Diff, Row
from diffing.reports.order import displaced, reading_order
from diffing.vocabulary import Kind

__all__ = ["Piece", "PieceKind", "redline", "side_text"]

PieceKind = Kind | Literal["moveFrom", "moveTo"]
"""A highlight's `Kind`, or Word's moved-text marks."""
_RawKind = PieceKind | Literal["renumber"]
_A_KINDS = frozenset({"same", "del", "moveFrom"})
_B_KINDS = frozenset({"same", "ins", "moveTo"})
_MATCH_LIMIT = 400_000
"""Largest product of two lengths compared character by character; longer texts keep only their common ends."""

Span = tuple[int, int]


@dataclass(frozen=True)
class Piece:
    """A run of original text and how it is tracked."""

    text: str
    kind: PieceKind
    move: str = ""
    """Name pairing a ``moveFrom`` piece with its ``moveTo`` piece."""
    ignored: bool = False
    """A change the normalization ignores (width, script, spaces): the diff holds the texts equal."""
    renumber: bool = False
    """The number of a renumbered label: no wording changed."""


@dataclass(frozen=True)
class _Raw:
    """A piece before the gaps are placed: original ranges on each side."""

    kind: _RawKind
    a: tuple[Span, ...]
    b: tuple[Span, ...]
    move: str = ""


def side_text(pieces: list[Piece], side: Literal["a", "b"]) -> str:
    """The text of one side: what rejecting (``a``) or accepting (``b``) every change leaves."""
    kinds = _A_KINDS if side == "a" else _B_KINDS
    return "".join(p.text for p in pieces if p.kind in kinds)


def redline(diff: Diff) -> list[Piece]:
    """Every character of both documents as tracked pieces, in reading order (neighbours of a kind joined)."""
    raws = list(_raws(diff))
    a_text, b_text = _lines(diff.a.original), _lines(diff.b.original)
    a_orig, b_orig = diff.a.original, diff.b.original
    next_a = _next_starts(raws, "a", len(a_orig))
    next_b = _next_starts(raws, "b", len(b_orig))
    out = _Pieces()
    ca = cb = 0
    for i, raw in enumerate(raws):
        a_to = max(raw.a[0][0], ca) if raw.a else ca
        b_to = max(raw.b[0][0], cb) if raw.b else cb
        if not raw.a and b_to > cb:
            a_to = max(next_a[i], ca)
        if not raw.b and a_to > ca:
            b_to = max(next_b[i], cb)
        out.compare(_lines(a_orig[ca:a_to]), _lines(b_orig[cb:b_to]))
        ca, cb = a_to, b_to
        a_part = _lines(a_orig[ca : max(ca, raw.a[-1][1])]) if raw.a else ""
        b_part = _lines(b_orig[cb : max(cb, raw.b[-1][1])]) if raw.b else ""
        ca = max(ca, raw.a[-1][1]) if raw.a else ca
        cb = max(cb, raw.b[-1][1]) if raw.b else cb
        if raw.kind == "same":
            out.compare(a_part, b_part)
        elif raw.kind == "renumber":
            out.compare(a_part, b_part, ends_only=True, ignored=False, renumber=True)
        else:
            out.add(a_part or b_part, raw.kind, raw.move)
    out.compare(_lines(a_orig[ca:]), _lines(b_orig[cb:]))
    pieces = _deletions_first(out.pieces)
    if side_text(pieces, "a") != a_text or side_text(pieces, "b") != b_text:
        raise AssertionError("the redline does not give back both documents")  # the layout broke an order
    return pieces


def _deletions_first(pieces: list[Piece]) -> list[Piece]:
    """Each run of ``del`` and ``ins`` pieces as its deletions then its insertions (module rules), neighbours
    of a kind joined again."""
    out = _Pieces()
    run: list[Piece] = []

    def flush() -> None:
        for p in [*(p for p in run if p.kind == "del"), *(p for p in run if p.kind == "ins")]:
            out.add(p.text, p.kind, p.move, p.ignored, p.renumber)
        run.clear()

    for piece in pieces:
        if piece.kind in ("del", "ins"):
            run.append(piece)
            continue
        flush()
        out.add(piece.text, piece.kind, piece.move, piece.ignored, piece.renumber)
    flush()
    return out.pieces


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _next_starts(raws: list[_Raw], side: Literal["a", "b"], end: int) -> list[int]:
    """For each raw, where the next text of ``side`` at or after it starts (``end`` when none)."""
    out = [end] * len(raws)
    nxt = end
    for i in range(len(raws) - 1, -1, -1):
        spans = raws[i].a if side == "a" else raws[i].b
        if spans:
            nxt = spans[0][0]
        out[i] = nxt
    return out


def _pure_move(diff: Diff, row: Row) -> bool:
    """A move Word can show as a move: one clause, the same text after normalization."""
    return len(row.a) == len(row.b) == 1 and diff.a_text(row) == diff.b_text(row)


def _raws(diff: Diff) -> Iterator[_Raw]:
    moved = displaced(diff)
    for item in reading_order(diff):
        row = diff.rows[item.row]
        name = f"wendiff-move-{item.row}"
        if item.kind == "origin":
            pure = _pure_move(diff, row)
            spans = tuple(diff.a_spans(row))
            if spans:
                yield _Raw("moveFrom" if pure else "del", spans, (), name if pure else "")
        elif item.row in moved or row.op == "copied":
            pure = item.row in moved and _pure_move(diff, row)
            spans = tuple(diff.b_spans(row))
            if spans:
                yield _Raw("moveTo" if pure else "ins", (), spans, name if pure else "")
        elif row.op == "renumbered":
            yield _Raw("renumber", tuple(diff.a_spans(row)), tuple(diff.b_spans(row)))
        else:
            for part in part_ranges(diff, row):
                yield _Raw(part.kind, part.a, part.b)


class _Pieces:
    """Collects pieces, joining neighbours of one kind."""

    def __init__(self) -> None:
        self.pieces: list[Piece] = []

    def add(self, text: str, kind: PieceKind, move: str = "", ignored: bool = False, renumber: bool = False) -> None:
        if not text:
            return
        ignored = ignored and kind != "same"
        renumber = renumber and kind != "same"
        last = self.pieces[-1] if self.pieces else None
        if last is not None and (last.kind, last.move, last.ignored, last.renumber) == (kind, move, ignored, renumber):
            self.pieces[-1] = Piece(last.text + text, kind, move, ignored, renumber)
        else:
            self.pieces.append(Piece(text, kind, move, ignored, renumber))

    def compare(self, a: str, b: str, ends_only: bool = False, ignored: bool = True, renumber: bool = False) -> None:
        """``a`` against ``b``: what they share is ``same``, the rest deleted and inserted."""
        if a == b:
            self.add(a, "same")
            return
        if not a or not b:
            self.add(a, "del", ignored=ignored)
            self.add(b, "ins", ignored=ignored)
            return
        if ends_only or len(a) * len(b) > _MATCH_LIMIT:
            self._ends(a, b, ignored, renumber)
            return
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                self.add(a[i1:i2], "same")
            else:
                self.add(a[i1:i2], "del", ignored=ignored)
                self.add(b[j1:j2], "ins", ignored=ignored)

    def _ends(self, a: str, b: str, ignored: bool, renumber: bool = False) -> None:
        """Common start and end ``same``, the middle deleted and inserted."""
        n = min(len(a), len(b))
        pre = 0
        while pre < n and a[pre] == b[pre]:
            pre += 1
        post = 0
        while post < n - pre and a[-1 - post] == b[-1 - post]:
            post += 1
        self.add(a[:pre], "same")
        self.add(a[pre : len(a) - post], "del", ignored=ignored, renumber=renumber)
        self.add(b[pre : len(b) - post], "ins", ignored=ignored, renumber=renumber)
        self.add(a[len(a) - post :], "same")
