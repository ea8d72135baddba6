"""The words and numbers every report shows, worded once.

Rules: reports (HTML, Markdown, Word) name an op, a size, a similarity, the
options and a section with these functions only, so that they agree with one
another. Labels are Chinese (the readers of these reports), with the op's
English name from the JSON format where a reader may need to match them up.
"""

from __future__ import annotations

from diffing.model import OPS, Diff, Op
from diffing.vocabulary import OP_LOOK

__all__ = [
    "IGNORED_NAMES",
    "LEGEND",
    "OP_NAMES",
    "OP_SHORT",
    "START_SECTION",
    "ignored_text",
    "op_label",
    "options_items",
    "percent",
    "section_of",
    "section_titles",
    "size_text",
    "tool_version",
]

OP_NAMES: dict[Op, str] = {op: look.zh for op, look in OP_LOOK.items()}
"""Chinese name of each op (`diffing.vocabulary.OP_LOOK`)."""

OP_SHORT: dict[Op, str] = {op: look.short for op, look in OP_LOOK.items()}
"""One-character mark of each op, for narrow columns (`diffing.vocabulary.OP_LOOK`)."""

IGNORED_NAMES: dict[str, str] = {
    "invisible": "不可见字符",
    "junk": "乱码",
    "script": "繁简",
    "unspin": "同义改写",
    "width": "全角半角",
    "whitespace": "空白与换行",
}
"""Chinese name of each normalization step an ``equal`` row may have ignored (report format version 2)."""

LEGEND: tuple[tuple[str, str], ...] = (
    ("改", "修改：同一条款，文字有改动；百分数是两边文字的相似度（归一化之后）"),
    ("增", "新增：只有 B 有"),
    ("删", "删除：只有 A 有"),
    ("移", "移动：条款换了位置（可能也有改动），↷ 标出它在 A 中原来的位置，两边的编号都写出"),
    ("号", "序号调整：只有条、章、项的序号变了，如 第七条 → 第八条，不算改动"),
    ("复", "复制：B 重复了 A 中另一处的条款"),
    ("拆", "拆分：A 的一句成了 B 的几句"),
    ("并", "合并：A 的几句成了 B 的一句"),
    ("≈", "相同，但只在归一化之后相同（如 (三) 与 （三））：标出忽略了什么"),
)
"""Each mark a report shows beside a row, and what it means."""

START_SECTION = "（开头）"
"""Section name of clauses before the first heading."""

assert set(OP_NAMES) == set(OPS) == set(OP_SHORT)


def op_label(op: Op) -> str:
    """``修改 modified``: the Chinese name with the JSON name."""
    return f"{OP_NAMES[op]} {op}"


def ignored_text(steps: tuple[str, ...]) -> str:
    """``忽略：全角半角、空白与换行`` for the steps an equal row ignored; empty when none."""
    return "忽略：" + "、".join(IGNORED_NAMES.get(s, s) for s in steps) if steps else ""


def tool_version() -> str:
    """``wendiff 0.1.0`` (the installed version; ``wendiff`` alone when not installed as a package)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"wendiff {version('wendiff')}"
    except PackageNotFoundError:
        return "wendiff"


def percent(value: float) -> str:
    """A similarity in [0, 1] as ``87.5%`` (``100%`` only when exactly 1)."""
    if value >= 1.0:
        return "100%"
    return f"{min(value * 100, 99.9):.1f}%"


def size_text(size: int) -> str:
    """A byte count as ``20,804 字节`` (with KiB/MiB when large)."""
    text = f"{size:,} 字节"
    if size >= 1024 * 1024:
        return f"{text} ({size / 1024 / 1024:.1f} MiB)"
    if size >= 1024:
        return f"{text} ({size / 1024:.1f} KiB)"
    return text


def options_items(diff: Diff) -> list[tuple[str, str]]:
    """The normalization options as (name, value) pairs; booleans read ``on``/``off``."""
    items: list[tuple[str, str]] = []
    for name, value in diff.options.as_report().items():
        if isinstance(value, bool):
            items.append((name, "on" if value else "off"))
        elif value is None:
            items.append((name, "none"))
        else:
            items.append((name, str(value)))
    return items


def section_of(place: str) -> str:
    """The top of a place (``二/(三)`` → ``二``); clauses before any heading are in `START_SECTION`."""
    return place.split("/", 1)[0] or START_SECTION


def section_titles(diff: Diff, width: int = 24) -> dict[str, str]:
    """Heading text of each section, from B (else A): ``二`` → ``二、重点任务``."""
    titles: dict[str, str] = {}
    for doc, clauses in ((diff.b, diff.b_clauses), (diff.a, diff.a_clauses)):
        for clause in clauses:
            if clause.kind != "heading" or not clause.place or "/" in clause.place:
                continue
            if clause.place in titles:
                continue
            lo, hi = doc.to_original(clause.start, clause.end)
            title = " ".join(doc.original[lo:hi].split())
            titles[clause.place] = title if len(title) <= width else title[: width - 1] + "…"
    return titles
