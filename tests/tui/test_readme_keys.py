"""The README's table of Compare keys names every key the screen binds."""

from __future__ import annotations

import re
from pathlib import Path

from textual.binding import Binding

from tui.screens.compare import CompareScreen

README = Path(__file__).resolve().parents[2] / "README.md"
_SHOWN = {"slash": "/", "plus": "+", "minus": "-", "right_square_bracket": "]", "left_square_bracket": "["}


def test_readme_keys_table_names_every_compare_key() -> None:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| key | what it does |") :].split("\n\n", 1)[0]
    named = set(re.findall(r"`([^`]+)`", "\n".join(table.splitlines()[2:])))  # a key written as `k`, in either column
    for binding in CompareScreen.BINDINGS:
        assert isinstance(binding, Binding)
        first = binding.key.split(",")[0]
        assert _SHOWN.get(first, first) in named, binding.key
