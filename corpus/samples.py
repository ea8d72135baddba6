"""The bundled sample corpus: the five seed documents and two real law pairs.

Rule: samples are package data, found through ``importlib.resources`` so that
``wendiff demo`` and the tests work from an installed package, not only from a
checkout.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["REAL_PAIRS", "SEED_NAMES", "real_pair", "samples_dir", "seed", "seeds"]

SEED_NAMES = {
    "000": "000_fda571e414a07d3f.txt",
    "001": "001_37c85f85672b322f.txt",
    "002": "002_d0ddb9b1e7b12973.txt",
    "003": "003_2f9296257e5a46ed.txt",
    "004": "004_6399a14a6838304d.txt",
}
REAL_PAIRS = ("01_holiday_measures", "03_ip_tribunal_provisions")


def samples_dir() -> Path:
    """Folder of the bundled samples."""
    return Path(str(resources.files("corpus") / "samples"))


def seed(key: str) -> Path:
    """Path of a seed document by its number (``"000"`` … ``"004"``)."""
    return samples_dir() / "seeds" / SEED_NAMES[key]


def seeds() -> list[Path]:
    """Paths of all seed documents, in order."""
    return [seed(k) for k in sorted(SEED_NAMES)]


def real_pair(name: str) -> tuple[Path, Path]:
    """The older and newer version of a bundled real law pair."""
    folder = samples_dir() / "real" / name
    return folder / "a.txt", folder / "b.txt"
