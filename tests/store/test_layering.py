"""The store's own layering rules: GitPython only behind corpus/store/gitrepo.py, and only when used;
the lock is portable and loaded only when a writer takes it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.store.location import store_path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "corpus" / "store"
PLATFORM_MODULES = {"fcntl", "msvcrt", "termios", "tty", "pwd", "grp", "resource", "winreg"}


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_gitrepo_imports_gitpython() -> None:
    importers = sorted(p.name for p in PACKAGE.glob("*.py") if _imported(p) & {"git", "gitdb"})
    assert importers == ["gitrepo.py"]


def _unguarded(path: Path) -> set[str]:
    """Modules ``path`` imports outside a ``try`` that handles ImportError (where a platform may lack them)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(
            isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError") for h in node.handlers
        ):
            guarded.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in guarded:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_module_imports_a_platform_specific_module_unless_it_does_without() -> None:
    importers = {
        str(p.relative_to(ROOT)): sorted(names)
        for package in ("corpus", "diffing", "tui")
        for p in (ROOT / package).rglob("*.py")
        if (names := _unguarded(p) & PLATFORM_MODULES)
    }
    assert importers == {}
    assert "resource" in _imported(ROOT / "corpus" / "pdf_child.py")  # guarded: the child limits itself where it can


def test_importing_the_store_does_not_load_gitpython_or_the_lock() -> None:
    code = (
        "import sys, corpus.store, corpus.store.blame, corpus.store.check, corpus.store.transfer\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('git', 'gitdb', 'filelock')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_default_store_is_in_the_users_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WENDIFF_STORE")
    assert store_path() == tmp_path / "xdg" / "wendiff" / "store"
    assert store_path("~/x") == Path.home() / "x"
