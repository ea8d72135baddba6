"""Layers at run time: corpus/ and diffing/ never import the UI, corpus/ never imports diffing/.

Each package's modules are imported alone in a fresh interpreter. The import-linter contracts
of pyproject.toml (run by ``make lint``) check the same statically, imports inside functions included.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _modules(*packages: str) -> list[str]:
    names = []
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _loaded_after_importing(modules: list[str], banned: tuple[str, ...]) -> list[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {banned!r})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return [m for m in out.stdout.strip().split(",") if m]


@pytest.mark.parametrize(
    ("packages", "banned"),
    [(("corpus", "diffing"), ("textual", "tui")), (("corpus",), ("diffing", "tui", "textual"))],
    ids=["core-without-ui", "corpus-without-diffing"],
)
def test_lower_layers_do_not_import_higher_ones(packages: tuple[str, ...], banned: tuple[str, ...]) -> None:
    modules = _modules(*packages)
    assert len(modules) > 10
    assert _loaded_after_importing(modules, banned) == []
