"""A stored document's versions with their lineages: compare each pair of consecutive versions once,
keep the unit map in the store's cache, chain the maps (`diffing.lineage`).

Rules:

* The unit map of two versions is `diffing.structure.structure` of their comparison under the
  store's options, reduced to the units of `diffing.lineage.LINEAGE_LEVELS` and the entries of
  those levels (no rows, no clauses): all a lineage needs.
* The map is cached in the store (`corpus.store.cache`) under a key made of both versions' SHA-256
  and a fingerprint of the code that computes it (every source file of diffing/ and corpus/, and
  the wendiff version): change the engine and the cache misses. A cached entry that does not decode
  is computed again; the cache is never needed for a correct answer.
* Texts are each version's decoded original text: the text every span points into.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import pairwise
from pathlib import Path
from typing import Any

from corpus.document import Document
from corpus.markers import compact, read_label
from corpus.store import Store, Version
from corpus.store import cache as store_cache
from corpus.store.derive import STORE_OPTIONS
from diffing.lineage import LINEAGE_LEVELS, Choose, Lineages, chain
from diffing.structure import Entry, Structure, Unit
from diffing.version_dates import VersionDates, read_dates

__all__ = ["History", "history", "lineages_of", "reduced", "structure_from_json", "structure_to_json"]

_SCHEMA = 1


def reduced(st: Structure) -> Structure:
    """``st`` with only the units and entries a lineage needs."""
    keep = set(LINEAGE_LEVELS)
    return Structure(
        tuple(_bare(u) for u in st.a if u.level in keep),
        tuple(_bare(u) for u in st.b if u.level in keep),
        tuple(Entry(e.level, e.op, e.a, e.b, (), e.renumbered, e.modified) for e in st.entries if e.level in keep),
    )


def _bare(u: Unit) -> Unit:
    return Unit(u.id, u.level, u.label, u.number, u.span, u.parent, ())


def structure_to_json(st: Structure) -> bytes:
    """The cache form of a reduced structure."""
    body = {
        "schema": _SCHEMA,
        "a": [[u.id, u.level, u.label, u.number, *u.span, u.parent] for u in st.a],
        "b": [[u.id, u.level, u.label, u.number, *u.span, u.parent] for u in st.b],
        "entries": [[e.level, e.op, list(e.a), list(e.b), e.renumbered, e.modified] for e in st.entries],
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def structure_from_json(data: bytes, a: tuple[Unit, ...] | None = None) -> Structure | None:
    """The structure of `structure_to_json` bytes, None for anything else; ``a``: its A outline when the
    caller has it already (the B outline of the previous pair: the same version), not decoded again."""
    try:
        body: Any = json.loads(data.decode("utf-8"))
        if body.get("schema") != _SCHEMA:
            return None

        def units(rows: list[list[Any]]) -> tuple[Unit, ...]:
            return tuple(Unit(i, lv, lb, n, (s, e), p, ()) for i, lv, lb, n, s, e, p in rows)

        entries = tuple(Entry(lv, op, tuple(x), tuple(y), (), r, m) for lv, op, x, y, r, m in body["entries"])
        out = Structure(units(body["a"]) if a is None else a, units(body["b"]), entries)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return out if _well_formed(out) else None


def _well_formed(st: Structure) -> bool:
    """The decoded values have the types a structure's have (a cache file is not trusted blindly)."""
    units_ok = all(
        type(u.id) is int and isinstance(u.label, str) and type(u.span[0]) is int and type(u.span[1]) is int
        and (u.number is None or isinstance(u.number, float | int))
        for u in st.b
    )  # fmt: skip
    ids = {u.id for u in st.b}
    entries_ok = all(all(type(x) is int for x in e.a) and all(y in ids for y in e.b) for e in st.entries)
    return units_ok and entries_ok


@cache
def fingerprint() -> str:
    """A digest of the code that computes unit maps (module rules)."""
    from importlib.metadata import PackageNotFoundError, version

    import corpus
    import diffing

    h = hashlib.sha256()
    with contextlib.suppress(PackageNotFoundError):
        h.update(version("wendiff").encode())
    for package in (corpus, diffing):
        for path in sorted(Path(package.__file__ or ".").parent.rglob("*.py")):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def unit_map(a: Document, b: Document) -> Structure:
    """The reduced unit map of two documents (normalized with the store's options): rows and similarities
    without inline parts, which no unit map reads (a third of the comparison's time)."""
    from diffing.compare import compare
    from diffing.structure import structure

    return reduced(structure(compare(a, b, STORE_OPTIONS, inline=False)))  # the map needs no inline parts


def lineages_of(documents: Sequence[Document]) -> Lineages:
    """The lineages of ``documents``, oldest first (no store, no cache)."""
    if len(documents) == 1:
        return chain([], _outline(documents[0]))
    maps = [unit_map(a, b) for a, b in pairwise(documents)]
    return chain(maps, choose=most_similar(maps, lambda k: documents[k - 1].original))


def most_similar(maps: Sequence[Structure], text: Callable[[int], str]) -> Choose:
    """For a merge into version ``v``: the A unit whose text (labels left out) is most like the merged
    unit's, the first in reading order among equals; ``text(k)`` is version k's original text."""
    from difflib import SequenceMatcher

    def body(version: int, unit: Unit) -> str:
        piece = compact(text(version)[unit.span[0] : unit.span[1]])
        label = read_label(piece)
        return piece[label.end :] if label is not None else piece

    def choose(version: int, a_ids: tuple[int, ...], b_id: int) -> int:
        st = maps[version - 2]
        a_units = {u.id: u for u in st.a}
        b_unit = next(u for u in st.b if u.id == b_id)
        merged = body(version, b_unit)
        scores = [(SequenceMatcher(None, body(version - 1, a_units[i]), merged, autojunk=False).ratio(), -i)
                  for i in a_ids]  # fmt: skip
        return -max(scores)[1]

    return choose


def _outline(doc: Document) -> tuple[Unit, ...]:
    from diffing.articles import outline
    from diffing.segment import segment
    from diffing.structure import document_outline

    law = outline(doc, segment(doc))
    return tuple(_bare(u) for u in document_outline(law) if u.level in LINEAGE_LEVELS)


@dataclass(frozen=True)
class History:
    """A stored document's versions (oldest first), their texts and lineages."""

    store: Store
    versions: tuple[Version, ...]
    lineages: Lineages

    @cached_property
    def _texts(self) -> dict[int, str]:
        return {}

    @cached_property
    def dates(self) -> tuple[VersionDates, ...]:
        """Each version's date and effective date (`diffing.version_dates`)."""
        return tuple(read_dates(self.text(k), v.date) for k, v in enumerate(self.versions, start=1))

    def text(self, version: int) -> str:
        """The decoded original text of version ``version`` (1-based)."""
        if version not in self._texts:
            self._texts[version] = _decoded(self.store, self.versions[version - 1])
        return self._texts[version]


def history(store: Store, doc_id: str, *, use_cache: bool = True) -> History:
    """The versions and lineages of ``doc_id`` (a `corpus.store.StoreError` for an unknown id)."""
    versions = tuple(reversed(store.log(doc_id)))
    documents: dict[int, Document] = {}

    def document(k: int) -> Document:
        if k not in documents:
            documents[k] = store.document(versions[k])
        return documents[k]

    if len(versions) == 1:
        return History(store, versions, chain([], _outline(document(0))))
    maps: list[Structure] = []
    for k in range(len(versions) - 1):
        key = hashlib.sha256(
            f"unit-map\0{versions[k].sha256}\0{versions[k + 1].sha256}\0{fingerprint()}".encode()
        ).hexdigest()
        cached = store_cache.read(store.path, key) if use_cache else None
        st = structure_from_json(cached, maps[-1].b if maps else None) if cached is not None else None
        if st is None:
            st = unit_map(document(k), document(k + 1))
            if use_cache:
                store_cache.write(store.path, key, structure_to_json(st))
        maps.append(st)
    texts: dict[int, str] = {}

    def text(k: int) -> str:
        if k not in texts:
            texts[k] = documents[k - 1].original if k - 1 in documents else _decoded(store, versions[k - 1])
        return texts[k]

    return History(store, versions, chain(maps, choose=most_similar(maps, text)))


def _decoded(store: Store, version: Version) -> str:
    from corpus.read import source_from_bytes

    return source_from_bytes(version.name, store.original(version)).text
