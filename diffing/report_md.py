"""The Markdown report: readable as plain text, rendered by GitHub and GitLab.

Rules:

* A summary (both documents, options, counts, similarity), then each changed
  row in reading order with its place: deletions ``~~struck~~``, insertions
  ``**bold**``, on the original text (`diffing.highlight.unified_segments`).
* Document text is escaped: every character with an inline meaning in
  CommonMark/GFM (``\\ ` * _ [ ] < > | ~ & $``) is backslash-escaped, and a
  line that could start a block (``#``, ``-``, ``1.``, …) has its marker
  escaped. A document can add no markup, link, image or HTML.
* A clause is one paragraph line: a line break inside it (a hard wrap) is
  dropped between Chinese characters and becomes a space elsewhere.
* ``~~``/``**`` only work where CommonMark's flanking rules let them (not, for
  example, between a Chinese character and a 《 that the change starts with);
  where they would not, the segment is wrapped in ``<del>``/``<strong>``
  instead, which both sites render.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from corpus.normalize import is_cjk
from diffing.highlight import Segment, unified_segments
from diffing.model import OPS, Diff, Row
from diffing.report_layout import reading_order
from diffing.report_words import START_SECTION, op_label, options_items, percent, size_text

__all__ = ["escape_markdown", "render_markdown", "segments_markdown"]

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")
_BLOCK_START = re.compile(r"^(\s*)([#=+\-]|\d+(?=[.)]))")
_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)[\s]*")
_DELIMS = {"del": ("~~", "~~", "<del>", "</del>"), "ins": ("**", "**", "<strong>", "</strong>")}


def escape_markdown(text: str) -> str:
    """``text`` as Markdown that renders exactly as ``text`` (one line, no markup)."""
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def _escape_line_start(line: str) -> str:
    """Escape a block marker at the start of a paragraph line."""
    m = _BLOCK_START.match(line)
    if not m:
        return line
    if m.group(2).isdigit():
        end = m.end()
        return line[:end] + "\\" + line[end:]
    return line[: m.start(2)] + "\\" + line[m.start(2) :]


def _join_breaks(segments: Sequence[Segment]) -> list[Segment]:
    """Drop line breaks inside a clause: nothing between Chinese characters, else one space."""
    texts = [s.text for s in segments]
    out: list[Segment] = []
    for k, seg in enumerate(segments):
        before = texts[k - 1][-1:] if k else ""
        after = texts[k + 1][:1] if k + 1 < len(texts) else ""

        def repl(m: re.Match[str], text: str = seg.text, prev: str = before, nxt: str = after) -> str:
            left = text[m.start() - 1] if m.start() > 0 else prev
            right = text[m.end()] if m.end() < len(text) else nxt
            return "" if left and right and is_cjk(left) and is_cjk(right) else " "

        out.append(Segment(_BREAK.sub(repl, seg.text), seg.kind))
    return out


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _punct(ch: str, strict: bool) -> bool:
    """Punctuation for the flanking rules; ``strict`` also counts symbols (newer CommonMark)."""
    if not ch:
        return False
    if ch.isascii():
        return not ch.isalnum() and not ch.isspace()
    category = unicodedata.category(ch)
    return category.startswith("P") or (strict and category.startswith("S"))


def _left_flanking(prev: str, nxt: str) -> bool:
    """True whatever the CommonMark version (symbols count as punctuation or not)."""
    return not _is_space(nxt) and (not _punct(nxt, True) or _is_space(prev) or _punct(prev, False))


def _right_flanking(prev: str, nxt: str) -> bool:
    return not _is_space(prev) and (not _punct(prev, True) or _is_space(nxt) or _punct(nxt, False))


def segments_markdown(segments: Sequence[Segment]) -> str:
    """One line of Markdown: same text plain, ``del`` struck, ``ins`` bold, all escaped."""
    pieces: list[tuple[str, str]] = []
    for seg in _join_breaks(segments):
        if pieces and pieces[-1][0] == seg.kind:
            pieces[-1] = (seg.kind, pieces[-1][1] + escape_markdown(seg.text))
        elif seg.text:
            pieces.append((seg.kind, escape_markdown(seg.text)))
    out = ""
    for k, (kind, text) in enumerate(pieces):
        if kind == "same":
            out += text
            continue
        stripped = text.strip()
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        if not stripped:
            out += text
            continue
        out += lead
        follower = ""
        if not trail and k + 1 < len(pieces):
            next_kind, next_text = pieces[k + 1]
            follower = next_text[:1] if next_kind == "same" else "*"  # a wrapped neighbour starts with punctuation
        opener, closer, html_open, html_close = _DELIMS[kind]
        prev = out[-1:]
        if _left_flanking(prev, stripped[0]) and _right_flanking(stripped[-1], trail[:1] or follower):
            out += f"{opener}{stripped}{closer}"
        else:
            out += f"{html_open}{stripped}{html_close}"
        out += trail
    return _escape_line_start(out.lstrip(" \t"))


def render_markdown(diff: Diff) -> str:
    """The whole report as Markdown text."""
    lines = _summary(diff)
    lines.extend(_changes(diff))
    return "\n".join(lines).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    return escape_markdown(" ".join(text.split()))


def _summary(diff: Diff) -> list[str]:
    a, b = diff.a.source, diff.b.source
    summary = diff.summary
    lines = [
        f"# wendiff：{_cell(a.name)} → {_cell(b.name)}",
        "",
        "| | A（原文） | B（新文） |",
        "|---|---|---|",
        f"| 文件 | {_cell(a.name)} | {_cell(b.name)} |",
        f"| 大小 | {size_text(a.size)} | {size_text(b.size)} |",
        f"| 编码 | {_cell(a.encoding)} | {_cell(b.encoding)} |",
        f"| SHA-256 | `{a.sha256}` | `{b.sha256}` |",
        "",
        f"相似度 similarity：**{percent(summary.similarity)}**",
        "",
        "| 改动 | 数目 |",
        "|---|---:|",
    ]
    lines.extend(f"| {op_label(op)} | {summary.counts.get(op, 0)} |" for op in OPS)
    options = " · ".join(f"{_cell(name)}={_cell(value)}" for name, value in options_items(diff))
    lines.extend(["", f"归一化选项 options：{options}", ""])
    return lines


def _changes(diff: Diff) -> list[str]:
    changed = [i.row for i in reading_order(diff) if i.kind == "row" and diff.rows[i.row].op != "equal"]
    if not changed:
        return ["按上述归一化选项，两份文件没有差异。No differences.", ""]
    lines = [f"## 改动 changes（{len(changed)}）", ""]
    if diff.summary.counts.get("equal", 0):
        lines.extend([f"相同的 {diff.summary.counts['equal']} 处未列出。", ""])
    for n, r in enumerate(changed, 1):
        lines.extend(_change(diff, n, diff.rows[r]))
    return lines


def _change(diff: Diff, n: int, row: Row) -> list[str]:
    page = diff.cite(row).removeprefix(diff.place(row)).strip()
    title = f"### {n}. {_cell(diff.place(row) or START_SECTION)}{' ' + page if page else ''} · {op_label(row.op)}"
    if row.a and row.b and row.op not in ("equal", "copied") and row.similarity < 1:
        title += f" · {percent(row.similarity)}"
    lines = [title, ""]
    if row.op == "moved":
        lines.extend([f"（自 A {_a_places(diff, row)} 移来）", ""])
    elif row.op == "copied":
        lines.extend([f"（复制自 A {_a_places(diff, row)}，B 中新增的一份）", ""])
    segments = unified_segments(diff, row)
    if row.op == "copied":
        segments = [Segment(s.text, "ins") for s in segments if s.kind != "del"]
    lines.extend([segments_markdown(segments), ""])
    return lines


def _a_places(diff: Diff, row: Row) -> str:
    return "、".join(dict.fromkeys(_cell(diff.a_clauses[i].place or START_SECTION) for i in row.a))
