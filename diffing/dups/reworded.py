"""Which spinner substitutions the unspin step made in a document, in original offsets.

Rules:

* Only a document with an ``unspin`` layer was reworded (the step leaves a text
  that does not look spun unchanged, so it then has no such layer).
* The substitutions are found again on the text the unspin step read (the
  layer before it) with the same table, and mapped back to the original text
  through the layers before it; nothing is guessed from the final text.
* A summary lists each distinct ``(spun, common)`` pair once: markers (the
  forms normal text never uses, the telling ones) first, then the most
  frequent (ties in order of first appearance).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from corpus.document import Document
from corpus.options import Options
from corpus.unspin import load_table, reworded

__all__ = ["SpunWord", "spun_words", "summarize"]


@dataclass(frozen=True)
class SpunWord:
    """One spun form in a document and the common word it stands for."""

    start: int
    """Start in the original text."""
    end: int
    """End in the original text."""
    spun: str
    common: str
    marker: bool = False
    """The spun form is a marker: never written in normal text."""


def spun_words(doc: Document, options: Options) -> list[SpunWord]:
    """The substitutions unspin made in ``doc`` (empty when it made none)."""
    names = [layer.name for layer in doc.layers]
    if "unspin" not in names:
        return []
    k = names.index("unspin")
    before = doc.layers[k - 1].text if k > 0 else doc.original
    out: list[SpunWord] = []
    table = load_table(options.unspin_table)
    for s in reworded(before, table):
        lo, hi = s.start, s.end
        for layer in reversed(doc.layers[:k]):
            if layer.map.edits:
                lo, hi = layer.map.span_to_source(lo, hi)
        out.append(SpunWord(lo, hi, s.spun, s.common, s.spun in table.markers))
    return out


def summarize(words: list[SpunWord], span: tuple[int, int] | None = None) -> list[tuple[str, str]]:
    """Distinct ``(spun, common)`` pairs inside ``span`` (or all): markers first, then the most frequent."""
    inside = [w for w in words if span is None or (span[0] <= w.start and w.end <= span[1])]
    counts = Counter((w.spun, w.common) for w in inside)
    first: dict[tuple[str, str], int] = {}
    markers: set[tuple[str, str]] = set()
    for i, w in enumerate(inside):
        first.setdefault((w.spun, w.common), i)
        if w.marker:
            markers.add((w.spun, w.common))
    return sorted(counts, key=lambda pair: (pair not in markers, -counts[pair], first[pair]))
