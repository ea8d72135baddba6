"""The article maps cached in the store: used when present, rebuilt when damaged or absent, and never
needed for the right answer (corpus/store/cache.py, diffing/history.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.store import cache as store_cache
from diffing import history as history_module
from diffing.history import history
from diffing.structure import Structure
from diffing.versions import open_store

CHAIN = Path(__file__).resolve().parents[1] / "data" / "chains" / "06_chuanyuan-tiaoli"


def _summary(store_path: Path) -> list[tuple[object, ...]]:
    with open_store(store_path, create=False) as store:
        hist = history(store, "crew")
    return [tuple((s.version, s.op, s.label) for s in lin.steps) for lin in hist.lineages.lineages]


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with open_store(path) as store:
        for k in (1, 2, 3):
            store.add_file(CHAIN / f"v{k}.txt", doc_id="crew")
    return path


def _entries(store_path: Path) -> list[Path]:
    return sorted(p for p in (store_path / store_cache.CACHE_DIR).rglob("*") if p.is_file())


def test_second_reading_takes_the_maps_from_the_cache(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _summary(store_path)
    assert len(_entries(store_path)) == 2  # one map per pair of consecutive versions

    def no_compare(*_args: object) -> Structure:
        raise AssertionError("compared again although the maps are cached")

    monkeypatch.setattr(history_module, "unit_map", no_compare)
    assert _summary(store_path) == first


DAMAGED = [
    b"",
    b"{not json",
    b'{"schema": 1, "a": [], "b": [[1]], "entries": []}',
    b'{"schema": 1, "a": [], "b": [], "entries": [["article", "equal", [0], [9], 0, 0]]}',
]


@pytest.mark.parametrize("damage", DAMAGED)
def test_a_damaged_cache_entry_is_computed_again(store_path: Path, damage: bytes) -> None:
    first = _summary(store_path)
    for entry in _entries(store_path):
        entry.write_bytes(damage)
    assert _summary(store_path) == first


def test_a_store_whose_cache_cannot_be_written_still_answers(store_path: Path) -> None:
    (store_path / store_cache.CACHE_DIR).write_bytes(b"a file where the cache folder would be")
    assert _summary(store_path)[0][0][1] == "inserted"
    assert store_cache.write(store_path, "ab" * 16, b"x") is False


def test_the_cache_is_no_part_of_the_store(store_path: Path) -> None:
    """``store check`` finds the store whole with a cache beside it, and the cache key is hex only."""
    from corpus.store.check import check

    _summary(store_path)
    with open_store(store_path, create=False) as store:
        assert check(store).ok
    with pytest.raises(ValueError, match="not hex"):
        store_cache.read(store_path, "../../etc/passwd")


@pytest.mark.parametrize("pair", ["04_admin_reconsideration_law", "06_company_law"])
def test_a_unit_map_is_the_structure_of_the_full_comparison(pair: str) -> None:
    """The map is computed without inline parts (faster); it is the map the full comparison gives."""
    from corpus.pipeline import load
    from corpus.store.derive import STORE_OPTIONS
    from diffing.compare import compare
    from diffing.history import reduced, unit_map
    from diffing.structure import structure
    from tests.conftest import REAL

    a, b = (load(str(REAL / pair / f"{side}.txt"), STORE_OPTIONS) for side in "ab")
    assert unit_map(a, b) == reduced(structure(compare(a, b, STORE_OPTIONS)))
