"""One vocabulary for a change (`diffing.vocabulary`): each kind defined once, shown alike everywhere."""

from __future__ import annotations

import re
from pathlib import Path

from diffing.vocabulary import KIND_LOOK, KIND_OF, OP_LOOK, OPS, PART_OF, TERMINAL_COLOUR
from tests.reports.handmade import auto_diff, document

ROOT = Path(__file__).resolve().parents[2]
KINDS_SPELLED = {
    "row kind": r'Literal\[\s*"equal", "renumbered", "modified", "inserted", "deleted", "moved", "copied"',
    "inline part": r'Literal\["=", "-", "\+"\]',
    "highlight kind": r'Literal\["same", "del", "ins"',
}


def test_each_kind_is_spelled_in_the_vocabulary_only() -> None:
    found = {}
    for path in sorted(p for folder in ("corpus", "diffing", "tui") for p in (ROOT / folder).rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for name, pattern in KINDS_SPELLED.items():
            if re.search(pattern, text):
                found.setdefault(name, []).append(path.relative_to(ROOT).as_posix())
    assert found == {name: ["diffing/vocabulary.py"] for name in KINDS_SPELLED}


def test_every_op_and_every_part_kind_has_one_look_and_the_two_spellings_of_a_part_agree() -> None:
    assert tuple(OP_LOOK) == OPS
    assert {look.en for look in OP_LOOK.values()} == set(OPS)
    assert len({look.mark for look in OP_LOOK.values()}) == len(OPS)
    assert {kind: PART_OF[kind] for kind in KIND_LOOK} == {kind: look.symbol for kind, look in KIND_LOOK.items()}
    assert all(KIND_OF[PART_OF[kind]] == kind for kind in KIND_LOOK)


def test_the_apps_label_styles_use_each_ops_colour_role() -> None:
    theme = (ROOT / "tui" / "theme.tcss").read_text(encoding="utf-8")
    rules = dict(re.findall(r"\.diffview--label-(\w+) \{ color: \$text-(\w+);", theme))
    assert len(rules) >= 8
    assert rules == {op: OP_LOOK[op].role for op in rules}  # type: ignore[index]


def test_the_terminal_colours_a_label_and_marks_a_part_from_the_table() -> None:
    from diffing.reports.redline_text import TextView, render_text

    a = document("第一条 甲方应当通知乙方。\n\n第二条 乙方。")
    b = document("第一条 甲方应当书面通知乙方。\n\n第二条 乙方。\n\n第三条 新增一条。")
    diff = auto_diff(a, b)
    plain = render_text(diff, TextView(width=80))
    assert KIND_LOOK["ins"].plain[0] + "书面" + KIND_LOOK["ins"].plain[1] in plain
    coloured = render_text(diff, TextView(width=80, color=True))
    ansi = {"green": "32", "yellow": "33"}
    assert f"\x1b[{ansi[TERMINAL_COLOUR[OP_LOOK['inserted'].role]]}m{OP_LOOK['inserted'].mark} " in coloured
    assert f"\x1b[{ansi['yellow']}m{OP_LOOK['modified'].mark} " in coloured
