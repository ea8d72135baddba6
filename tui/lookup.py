"""Finding rows of a diff: by text (search, ``/``) and by place (go to, ``g``).

Rules:

* Search looks at each row's original text and normalized text on both
  sides, ignoring case, so a Simplified query finds a Traditional original.
* A place is matched as a reviewer cites it (``二/(三)``, ``第十条``, ``(三)``):
  brackets and spaces are compared in one form (full-width brackets become
  half-width, spaces dropped). Exact places first, then places inside the one
  asked for (``二/(三)/2`` for ``二/(三)``), then places that end with it, then
  places that contain it.
* Both return row indices in ``Diff.rows`` order; the view sorts them into
  its own reading order.
"""

from __future__ import annotations

from diffing.model import Diff

__all__ = ["canonical_place", "find_place", "find_rows"]

_PLACE = str.maketrans({"（": "(", "）": ")", "／": "/", "　": "", " ": ""})


def find_rows(diff: Diff, query: str) -> list[int]:
    """Rows whose original or normalized text (either side) holds ``query``, ignoring case."""
    needle = query.casefold()
    if not needle:
        return []
    hits = []
    for r, row in enumerate(diff.rows):
        texts = (
            diff.a_text(row),
            diff.b_text(row),
            *(diff.a.original[lo:hi] for lo, hi in diff.a_spans(row)),
            *(diff.b.original[lo:hi] for lo, hi in diff.b_spans(row)),
        )
        if any(needle in t.casefold() for t in texts):
            hits.append(r)
    return hits


def canonical_place(place: str) -> str:
    """``place`` with half-width brackets and no spaces."""
    return place.translate(_PLACE).strip("/")


def find_place(diff: Diff, query: str) -> list[int]:
    """Rows at the place ``query``, best matches first."""
    want = canonical_place(query)
    if not want:
        return []
    places = [canonical_place(diff.place(row)) for row in diff.rows]
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
