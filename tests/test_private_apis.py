"""Private names of dependencies are used in their adapter module only, one adapter per dependency.

Each adapter (`tui.compat_textual`, `tui.compat_argparse`, `diffing.docx_compat`,
`corpus.opencc_data`) has its own test that fails by name when the dependency
changes; this test keeps every other module off those names, so the adapters stay
the whole list.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PRIVATE: dict[str, tuple[str, tuple[str, ...]]] = {
    "textual": (r"widgets\._footer|\._bindings_ready\b|\._compositor\b", ("tui/compat_textual.py",)),
    "argparse": (r"\._actions\b|_SubParsersAction|\._choices_actions\b", ("tui/compat_argparse.py",)),
    "python-docx": (r"\._p\b|\._r\b|\._element\b|\._blob\b", ("diffing/docx_compat.py",)),
    "opencc": (r"split_chars_re|\"dictionary\"", ("corpus/opencc_data.py", "tests/corpus/test_opencc_data.py")),
}
"""Dependency: (a pattern of its private names, the files allowed to use them)."""
HERE = Path(__file__).resolve().relative_to(ROOT).as_posix()


def _sources() -> list[Path]:
    return sorted(p for folder in ("corpus", "diffing", "tui", "tests", "bench") for p in (ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("dependency", sorted(PRIVATE))
def test_private_names_of_a_dependency_appear_in_its_adapter_only(dependency: str) -> None:
    pattern, allowed = PRIVATE[dependency]
    found = re.compile(pattern)
    users = []
    for path in _sources():
        name = path.relative_to(ROOT).as_posix()
        if name in allowed or name == HERE:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        users += [f"{name}:{n}" for n, line in enumerate(lines, 1) if found.search(line)]
    assert users == []


@pytest.mark.parametrize("dependency", sorted(PRIVATE))
def test_each_adapter_uses_the_private_names_it_stands_for(dependency: str) -> None:
    pattern, allowed = PRIVATE[dependency]
    assert re.search(pattern, (ROOT / allowed[0]).read_text(encoding="utf-8"))
