"""``wendiff dups`` writes the same bytes with ``--engine local`` and ``--engine dask``: one core runs both.

The corpora: the seeds, the real pairs (every ``a.txt`` and ``b.txt`` as one
corpus) and an overlapping corpus whose large family is verified cluster by
cluster. The Dask runs go through the command line to a two-worker cluster
started once for the module (``--scheduler``).
"""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.samples import seeds
from diffing.dups import plan
from diffing.dups.dask_engine import dask_client
from tui.cli import main

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real"
OVERLAP_FILES = 40
FORMATS = (["--format", "json"], ["--format", "text", "--all"])


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    logging.getLogger("distributed").setLevel(logging.ERROR)
    with dask_client(workers=2) as client:
        client.wait_for_workers(2, timeout=60)
        address: str = client.scheduler.address
        yield address


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("corpora")
    (root / "seeds").mkdir()
    for path in seeds():
        shutil.copy(path, root / "seeds" / path.name)
    (root / "real").mkdir()
    for pair in sorted(p for p in REAL.iterdir() if p.is_dir()):
        for side in ("a", "b"):
            shutil.copy(pair / f"{side}.txt", root / "real" / f"{pair.name}-{side}.txt")
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_overlap import generate

    generate(root / "overlap", OVERLAP_FILES)
    return {name: root / name for name in ("seeds", "real", "overlap")}


def written(tmp_path: Path, folder: Path, *args: str) -> bytes:
    """The report ``wendiff dups FOLDER ARGS`` writes (with ``-o``: the bytes as the command writes them)."""
    out = tmp_path / f"report-{len(list(tmp_path.iterdir()))}"
    assert main(["dups", str(folder), "-q", "-o", str(out), *args]) == 0
    return out.read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("form", FORMATS, ids=["json", "text"])
@pytest.mark.parametrize("name", ["seeds", "real", "overlap"])
def test_both_engines_write_the_same_report(
    corpora: dict[str, Path], scheduler: str, tmp_path: Path, name: str, form: list[str]
) -> None:
    local = written(tmp_path, corpora[name], *form, "--workers", "1")
    dask = written(tmp_path, corpora[name], *form, "--engine", "dask", "--scheduler", scheduler)
    assert local == dask and len(local) > 200


@pytest.mark.slow
def test_a_family_verified_cluster_by_cluster_gives_the_same_report_on_both_engines(
    corpora: dict[str, Path], scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    json = ("--format", "json")
    every = written(tmp_path, corpora["overlap"], *json, "--workers", "1")
    monkeypatch.setattr(plan, "EXHAUSTIVE_PAIRS", 4)  # a family of this small corpus is "large"
    monkeypatch.setattr(plan, "EXHAUSTIVE_FACTOR", 1)
    local = written(tmp_path, corpora["overlap"], *json, "--workers", "1")
    dask = written(tmp_path, corpora["overlap"], *json, "--engine", "dask", "--scheduler", scheduler)
    assert local == dask
    assert local != every  # not every pair of the family was aligned: the plan mattered
