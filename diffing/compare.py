"""Compare two documents: segment, align, then inline-diff the changed rows.

Rule: this is the one entry point the command line, the store, the duplicate
finder and the app call; it never reads files and never prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol, runtime_checkable

from corpus.document import Document
from corpus.forked import start
from corpus.options import DEFAULT_OPTIONS, Inline, Options
from diffing.align import align, swapped
from diffing.align_apart import Begun, Own, align_apart
from diffing.glue import cut_glued
from diffing.inline import inline_diff
from diffing.model import MIRRORED, REBUILT, Clause, Diff, Row
from diffing.pins import Pin, apply_pins
from diffing.segment import segment
from diffing.vocabulary import InlinePart, PartOp
from diffing.words import cut_all

__all__ = [
    "CARRIED", "SPANS", "AfterInline", "WhileAligning", "adopt", "carried", "compare", "spanned", "with_inline",
]  # fmt: skip

_FLIP: dict[str, PartOp] = {"=": "=", "-": "+", "+": "-"}


def _deletions_first(parts: tuple[InlinePart, ...]) -> tuple[InlinePart, ...]:
    """Each run of changed parts between two equal ones as one deletion, then one insertion: the
    order a reader expects, whichever side the parts were computed from."""
    out: list[InlinePart] = []
    run: dict[str, list[str]] = {"-": [], "+": []}

    def flush() -> None:
        for op in ("-", "+"):
            if run[op]:
                out.append((op, "".join(run[op])))
                run[op].clear()

    for op, text in parts:
        if op == "=":
            flush()
            out.append((op, text))
        else:
            run[op].append(text)
    flush()
    return tuple(out)


@runtime_checkable
class AfterInline(Protocol):
    """A ``beside`` of `compare` that also has work for the child, once it has computed the inline parts.

    `in_child` runs in the child on the finished diff (the one `compare` returns, built there too) and returns
    a value that pickles small (text, not the diff's objects); `received` gets it in this process with the diff
    `compare` returns. Without a child both run here, one after the other."""

    def __call__(self, early: Diff) -> object:
        """The work on the diff without inline parts (`compare`'s ``beside``)."""

    def in_child(self, diff: Diff) -> object:
        """The child's work on the diff with its inline parts; a value that is never None."""

    def received(self, diff: Diff, value: object) -> None:
        """What `in_child` returned, for ``diff``."""


@runtime_checkable
class WhileAligning(Protocol):
    """A ``beside`` of `compare` that also has work on each document's own values (their outlines), done while a
    child aligns a large pair (`diffing.align_apart`); not done when the pair is aligned here, nor when the child
    is done before the own values are."""

    def aligning(self, own: Own) -> None:
        """The work on the own values of the documents compared."""


def _mirror(rows: list[Row]) -> list[Row]:
    """The rows seen from the other side (inline parts are computed later)."""
    return [Row(MIRRORED.get(r.op, r.op), r.b, r.a, r.similarity, r.inline) for r in rows]


def compare(
    a: Document, b: Document, options: Options = DEFAULT_OPTIONS, *, inline: bool = True,
    clauses: tuple[tuple[Clause, ...], tuple[Clause, ...]] | None = None, pins: Sequence[Pin] = (),
    beside: Callable[[Diff], object] | None = None, aligned: Begun | None = None,
) -> Diff:
    """Align the clauses of ``a`` and ``b`` and compute inline differences.

    ``inline=False`` leaves the inline differences out (the duplicate finder needs only the
    alignment: rows and similarities are the same); ``clauses`` are ``segment(a)`` and
    ``segment(b)`` when the caller has them already; ``pins`` are a reviewer's pairings,
    applied as constraints (`diffing.pins`: bad ones are dropped and named in ``pin_problems``).
    ``beside`` is work on the diff that needs no inline parts (its article map: ``Diff.structure``),
    done while a child computes them (`corpus.forked`); what it builds (`CARRIED`) is the result's. A large
    pair is aligned in a child while this process builds each document's outline and places
    (`diffing.align_apart`); ``aligned`` is that child begun already, for clauses equal to ``clauses``
    (`diffing.align_apart.begin`).
    """
    a_clauses, b_clauses = clauses if clauses is not None else (segment(a), segment(b))
    flip = swapped(a_clauses, b_clauses)  # the aligner's canonical order, kept for every later step
    if inline:
        aligning = beside.aligning if isinstance(beside, WhileAligning) else None
        rows, own = align_apart(a, b, a_clauses, b_clauses, aligning, aligned)
    else:
        if aligned is not None:
            aligned.cancel()
        rows, own = align(a_clauses, b_clauses), None
    if flip:
        b_clauses, a_clauses, mirrored = cut_glued(b, a, b_clauses, a_clauses, _mirror(rows))
        rows = _mirror(mirrored)
    else:
        a_clauses, b_clauses, rows = cut_glued(a, b, a_clauses, b_clauses, rows)
    pin_problems: tuple[str, ...] = ()
    if pins:
        rows, pin_problems = apply_pins(a_clauses, b_clauses, rows, pins, _places(a, b, a_clauses, b_clauses))
    changed = [k for k, row in enumerate(rows) if inline and row.a and row.b and row.similarity < 1.0]
    texts = [
        text
        for k in changed
        for text in ("".join(a_clauses[i].text for i in rows[k].a), "".join(b_clauses[j].text for j in rows[k].b))
    ]
    early = Diff(a, b, options, a_clauses, b_clauses, tuple(rows), pin_problems)
    if own is not None:
        own.give(early)  # each document's own values, built while a child aligned a large pair
    after: object = None
    if beside is None:
        parts = _inline_parts(texts, flip, options.inline)
    else:
        then = beside.in_child if isinstance(beside, AfterInline) else None
        pending = start(_inline_then, texts, flip, options.inline, then, early, changed)
        try:
            beside(early)
            parts, after = pending.result()
        finally:
            pending.cancel()
    diff = with_inline(early, _by_row(len(rows), changed, parts))
    if after is not None and isinstance(beside, AfterInline):
        beside.received(diff, after)
    return diff


def with_inline(early: Diff, inline: Sequence[tuple[InlinePart, ...] | None]) -> Diff:
    """``early`` (the diff `compare` hands its ``beside``, without inline parts) with each row's ``inline``
    parts: the diff `compare` returned (what ``early`` built beside them kept, `CARRIED`)."""
    rows = tuple(
        row if parts is None else replace(row, inline=parts) for row, parts in zip(early.rows, inline, strict=True)
    )
    diff = Diff(early.a, early.b, early.options, early.a_clauses, early.b_clauses, rows, early.pin_problems)
    diff.__dict__.update({name: early.__dict__[name] for name in CARRIED if name in early.__dict__})
    return diff


def spanned(early: Diff) -> Diff:
    """``early`` (a diff `compare` handed its ``beside``) with its clauses' original spans built (`SPANS`), so
    that they are pickled with it."""
    for name in SPANS:
        getattr(early, name)
    return early


def carried(early: Diff) -> dict[str, object]:
    """The values of ``early`` (a diff `compare` handed its ``beside``) that `with_inline` carries (`CARRIED`)
    and pickling keeps (not `diffing.model.REBUILT`), built now, but for its `SPANS`: what another process that
    was sent ``early`` (`spanned`) needs besides it to show it."""
    return {name: getattr(early, name) for name in CARRIED if name not in REBUILT and name not in SPANS}


def adopt(early: Diff, values: dict[str, object]) -> None:
    """Give ``early``, sent to this process, the `carried` ``values`` of the same diff built in the process that
    made it: cached as if built here (as `functools.cached_property` caches), and carried by `with_inline`."""
    foreign = values.keys() - (set(CARRIED) - set(REBUILT))
    if foreign:
        raise ValueError(f"not values a diff is sent: {sorted(foreign)}")
    early.__dict__.update(values)


def _places(
    a: Document, b: Document, a_clauses: tuple[Clause, ...], b_clauses: tuple[Clause, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Each side's clauses cited as the reports cite them (`diffing.places`), from its own outline: what a
    reviewer's pins name."""
    from diffing.articles import outline
    from diffing.places import clause_places

    return clause_places(outline(a, a_clauses)), clause_places(outline(b, b_clauses))


SPANS = ("a_original", "b_original", "_a_clause_spans", "_b_clause_spans")
"""The cached properties of a `Diff` that place its clauses in the original texts."""
CARRIED = (*SPANS, "outlines", "document_outlines", "structure", "places", "summary")
"""The cached properties of a `Diff` that read no inline parts: built ``beside`` the inline parts, kept."""


def _by_row(count: int, changed: list[int], parts: list[tuple[InlinePart, ...]]) -> list[tuple[InlinePart, ...] | None]:
    """Each of ``count`` rows' inline parts: the ``changed`` rows' ``parts``, None for the others."""
    out: list[tuple[InlinePart, ...] | None] = [None] * count
    for k, row_parts in zip(changed, parts, strict=True):
        out[k] = row_parts
    return out


def _inline_then(
    texts: list[str], flip: bool, mode: Inline, then: Callable[[Diff], object] | None, early: Diff, changed: list[int]
) -> tuple[list[tuple[InlinePart, ...]], object]:
    """The inline parts of ``texts`` (those of ``early``'s ``changed`` rows) and, when there is ``then``
    (`AfterInline.in_child`), what it makes of the diff with them (else None): the child's work."""
    parts = _inline_parts(texts, flip, mode)
    return parts, None if then is None else then(with_inline(early, _by_row(len(early.rows), changed, parts)))


def _inline_parts(texts: list[str], flip: bool, mode: Inline) -> list[tuple[InlinePart, ...]]:
    """The inline parts of each pair of ``texts`` (A, B, A, B …), computed in canonical order."""
    words = cut_all(texts) if mode == "word" else None  # every row's words at once
    out = []
    for n in range(len(texts) // 2):
        x, y = (2 * n + 1, 2 * n) if flip else (2 * n, 2 * n + 1)  # inline parts in canonical order too
        pair = (words[x], words[y]) if words is not None else None
        parts = inline_diff(texts[x], texts[y], mode, pair)
        out.append(_deletions_first(tuple((_FLIP[op], t) for op, t in parts) if flip else parts))
    return out
