"""The Markdown report: GitHub-flavoured Markdown, readable as plain text.

Rules:

* A summary (titles, dates, files, how each was read when OCR or a scan was
  involved — `diffing.reports.reading` —, counts, options, a legend), then each
  change in reading order under a heading naming its place on both sides
  (``A 第八条 → B 第九条``; one side for an insertion or deletion; a moved
  article says where it came from once: not again on the following rows of
  the same two articles), then the renumbered labels as one quiet list: a
  number that alone changed is not a change.
* One way of marking, on the original text (`diffing.highlight.unified_highlights`):
  deletions ``~~struck~~``, insertions ``**bold**``. Where CommonMark's
  flanking rules would not let ``~~``/``**`` work (a change that starts with
  《 right after a Chinese character), the change is written
  ``<del>…</del><ins>…</ins>`` instead (GitHub renders both tags): a
  deletion is shown deleted and an insertion inserted, nothing else, so the
  rendered unmarked and deleted text is A, unmarked and inserted text B.
  These two tags are the only raw HTML the report writes.
* A change inside a longer clause is shown on one line with its context: the
  unchanged text around it is cut to a few characters each side (``…``).
* Document text is escaped: every character with an inline meaning in
  CommonMark/GFM (``\\ ` * _ [ ] < > | ~ & $``) is backslash-escaped, and a
  line that could start a block (``#``, ``-``, ``1.``, …) has its marker
  escaped; characters a reader cannot see are shown as ``<U+202E>``
  (`diffing.visible`). A document can add no markup, link, image or HTML.
* A clause is one paragraph line: a line break inside it (a hard wrap) is
  dropped between Chinese characters and becomes a space elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from corpus.normalize import is_cjk
from diffing.highlight import Highlight, Kind, unified_highlights
from diffing.kuan_rows import KuanGroup, kuan_groups
from diffing.model import OPS, Diff, Row
from diffing.reports.meta import display_title, document_date, document_number, document_title
from diffing.reports.numbers import NumberItem, number_items, row_notes
from diffing.reports.order import is_change, reading_order, row_articles
from diffing.reports.pins import PINNED_NOTE, pin_lines
from diffing.reports.reading import reading_note
from diffing.reports.wording import (
    START_SECTION,
    op_label,
    options_items,
    percent,
    size_text,
    tool_version,
)
from diffing.visible import mark_plain

__all__ = ["escape_markdown", "highlights_markdown", "render_markdown"]

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")
_BLOCK_START = re.compile(r"^(\s*)([#=+\-]|\d+(?=[.)]))")
_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)[\s]*")
_DELIMS = {"del": "~~", "ins": "**"}
_LONG = 90
"""A clause longer than this (characters) shows its changes with context only."""
_CONTEXT = 16
"""Unchanged characters kept on each side of a change in a long clause."""


def escape_markdown(text: str) -> str:
    """``text`` as Markdown that renders exactly as ``text`` (one line, no markup; hidden characters named)."""
    return _INLINE_SPECIAL.sub(r"\\\1", mark_plain(text))


def _escape_line_start(line: str) -> str:
    """Escape a block marker at the start of a paragraph line."""
    m = _BLOCK_START.match(line)
    if not m:
        return line
    if m.group(2).isdigit():
        end = m.end()
        return line[:end] + "\\" + line[end:]
    return line[: m.start(2)] + "\\" + line[m.start(2) :]


def _join_breaks(segments: Sequence[Highlight]) -> list[Highlight]:
    """Drop line breaks inside a clause: nothing between Chinese characters, else one space."""
    texts = [s.text for s in segments]
    out: list[Highlight] = []
    for k, seg in enumerate(segments):
        before = texts[k - 1][-1:] if k else ""
        after = texts[k + 1][:1] if k + 1 < len(texts) else ""

        def repl(m: re.Match[str], text: str = seg.text, prev: str = before, nxt: str = after) -> str:
            left = text[m.start() - 1] if m.start() > 0 else prev
            right = text[m.end()] if m.end() < len(text) else nxt
            return "" if left and right and is_cjk(left) and is_cjk(right) else " "

        out.append(Highlight(_BREAK.sub(repl, seg.text), seg.kind))
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


def _wrapped(kind: Kind, raw: str, prev: str, nxt: str) -> str | None:
    """``raw`` escaped between its delimiters, or None where the flanking rules would not let them work."""
    text = escape_markdown(raw)
    stripped = text.strip()
    if not stripped:
        return text  # white space alone: nothing a delimiter could hold
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    prev, nxt = (lead[-1] if lead else prev), (trail[0] if trail else nxt)
    if _left_flanking(prev, stripped[0]) and _right_flanking(stripped[-1], nxt):
        delim = _DELIMS[kind]
        return f"{lead}{delim}{stripped}{delim}{trail}"
    return None


class _Change:
    """A run of changes between two unchanged texts: A's text and B's text there."""

    def __init__(self, a: str, b: str) -> None:
        self.a = a
        self.b = b

    def pieces(self) -> list[tuple[Kind, str]]:
        both: tuple[tuple[Kind, str], ...] = (("del", self.a), ("ins", self.b))
        return [(kind, text) for kind, text in both if text]

    def render(self, prev: str, nxt: str) -> str | None:
        pieces = self.pieces()
        out = ""
        for k, (kind, raw) in enumerate(pieces):
            after = _DELIMS[pieces[k + 1][0]][0] if k + 1 < len(pieces) else nxt
            marked = _wrapped(kind, raw, out[-1:] if out else prev, after)
            if marked is None:
                return None
            out += marked
        return out

    def opens(self, prev: str) -> bool:
        """Whether the first delimiter works after ``prev``."""
        kind, raw = self.pieces()[0]
        return _wrapped(kind, raw, prev, "~") is not None


_Token = str | _Change


def _tokens(segments: Sequence[Highlight]) -> list[_Token]:
    """Unchanged texts and changes, alternating (a change joins every del and ins between two same texts)."""
    tokens: list[_Token] = []
    for seg in _join_breaks(segments):
        if not seg.text:
            continue
        last = tokens[-1] if tokens else None
        if seg.kind == "same":
            if isinstance(last, str):
                tokens[-1] = last + seg.text
            else:
                tokens.append(seg.text)
            continue
        if not isinstance(last, _Change):
            last = _Change("", "")
            tokens.append(last)
        if seg.kind == "del":
            last.a += seg.text
        else:
            last.b += seg.text
    return tokens


def _edge(tokens: list[_Token], k: int, before: bool) -> str:
    """The Markdown character next to token ``k`` (before or after it); empty at a line end."""
    j = k - 1 if before else k + 1
    if j < 0 or j >= len(tokens):
        return ""
    token = tokens[j]
    if isinstance(token, _Change):
        return "~" if before or token.a else "*"
    text = escape_markdown(token)
    return text[-1:] if before else text[:1]


def highlights_markdown(segments: Sequence[Highlight]) -> str:
    """One line of Markdown: same text plain, ``del`` struck, ``ins`` bold (``<del>``/``<ins>`` where the
    flanking rules would not let the delimiters work), all escaped."""
    tokens = _tokens(segments)
    out: list[str] = []
    for k, token in enumerate(tokens):
        if isinstance(token, str):
            out.append(escape_markdown(token))
            continue
        rendered = token.render(_edge(tokens, k, True), _edge(tokens, k, False))
        if rendered is None:  # next to CJK punctuation: GitHub's own tags, which need no flanking
            rendered = "".join(f"<{kind}>{escape_markdown(text)}</{kind}>" for kind, text in token.pieces())
        out.append(rendered)
    return _escape_line_start("".join(out).lstrip(" \t"))


def render_markdown(diff: Diff) -> str:
    """The whole report as Markdown text."""
    numbers = number_items(diff)
    lines = _summary(diff)
    lines.extend(_numbers(numbers))
    pins = pin_lines(diff)
    if pins:
        lines += [f"## {_cell(pins[0])}", "", *(f"- {_cell(line)}" for line in pins[1:]), ""]
    lines.extend(_changes(diff, row_notes(numbers)))
    lines.extend(_renumbered(diff))
    return "\n".join(lines).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    return escape_markdown(" ".join(text.split()))


def _summary(diff: Diff) -> list[str]:
    a, b = diff.a.source, diff.b.source
    a_title, b_title = document_title(diff.a), document_title(diff.b)
    a_date, b_date = document_date(diff.a), document_date(diff.b)
    a_number, b_number = document_number(diff.a), document_number(diff.b)
    summary = diff.summary
    a_shown, b_shown = display_title(diff.a), display_title(diff.b)
    title = a_shown if a_shown == b_shown else f"{a_shown} → {b_shown}"
    lines = [
        f"# {_cell(title)}",
        "",
        "| | A（原文） | B（新文） |",
        "|---|---|---|",
        f"| 标题 | {_cell(a_title or '—')} | {_cell(b_title or '—')} |",
    ]
    if a_number or b_number:
        lines.append(f"| 文号 | {_cell(a_number or '—')} | {_cell(b_number or '—')} |")
    if a_date or b_date:
        lines.append(f"| 日期 | {_cell(a_date or '—')} | {_cell(b_date or '—')} |")
    lines += [
        f"| 文件 | {_cell(a.name)} | {_cell(b.name)} |",
        f"| 大小 | {size_text(a.size)} | {size_text(b.size)} |",
        f"| 编码 | {_cell(a.encoding)} | {_cell(b.encoding)} |",
        f"| SHA-256 | `{a.sha256}` | `{b.sha256}` |",
    ]
    a_read, b_read = reading_note(diff.a), reading_note(diff.b)
    if a_read or b_read:
        lines.append(f"| 读取 | {_cell(a_read or '—')} | {_cell(b_read or '—')} |")
    lines += [
        "",
        f"相似度 similarity：**{percent(summary.similarity)}** · 改动 changes：**{summary.changes}**",
        "",
        "| 改动 | 数目 |",
        "|---|---:|",
    ]
    lines.extend(f"| {op_label(op)} | {summary.counts.get(op, 0)} |" for op in OPS)
    options = " · ".join(f"{_cell(name)}={_cell(value)}" for name, value in options_items(diff))
    lines.extend(["", f"{_cell(tool_version())} · 归一化选项 options：{options}", ""])
    lines.extend(
        [
            "图例：~~删去的文字~~ 只在 A 中，**加入的文字** 只在 B 中"
            "（紧挨标点时写作 \\<del\\>…\\</del\\>、\\<ins\\>…\\</ins\\>）；每条改动的标题写出它在两边的位置"
            "（A 第八条 → B 第九条）；百分数是两边文字的相似度（归一化之后）；只有序号变了的条文列在最后，不算改动。",
            "",
        ]
    )
    return lines


def _numbers(items: list[NumberItem]) -> list[str]:
    """The "numbers changed" section: place, kind, old and new value."""
    if not items:
        return []
    lines = [f"## 数字变化 numbers changed（{len(items)}）", "", "| 位置 | 类别 | A | B |", "|---|---|---|---|"]
    lines += [f"| {_cell(i.place)} | {i.label} | {_cell(i.old)} | {_cell(i.new)} |" for i in items]
    return [*lines, ""]


def _changes(diff: Diff, notes: dict[int, list[NumberItem]] | None = None) -> list[str]:
    changed = [i.row for i in reading_order(diff) if i.kind == "row" and is_change(diff.rows[i.row])]
    if not changed:
        return ["按上述归一化选项，两份文件没有差异。No differences.", ""]
    lines = [f"## 改动 changes（{len(changed)}）", ""]
    equal, renumbered = diff.summary.counts.get("equal", 0), diff.summary.counts.get("renumbered", 0)
    if equal or renumbered:
        lines.extend([f"相同的 {equal} 处未列出；序号调整的 {renumbered} 处列在最后。", ""])
    run: tuple[str, str] | None = None  # the two articles of the run of rows going on
    said = False  # whether a row of the run said where it came from
    entries = _entries(diff, changed, notes or {})
    if len(entries) < len(changed):
        lines.extend(["同一款中新增（删除）的几处合为一项。", ""])
    for n, (r, group) in enumerate(entries, 1):
        if len(group.rows) > 1:
            lines.extend(_group_change(diff, n, group))
            run, said = None, False
            continue
        row = group.rows[0]
        articles = row_articles(diff, row) if row.a and row.b and row.op != "copied" else None
        if articles is None or articles != run:
            run, said = articles, False
        lines.extend(_change(diff, n, row, not said))
        said = said or row.op == "moved"
        for note in (notes or {}).get(r, ()):
            lines.extend([f"数字 {note.label}：{_cell(note.old)} → {_cell(note.new)}", ""])
    return lines


def _entries(diff: Diff, changed: list[int], notes: dict[int, list[NumberItem]]) -> list[tuple[int, KuanGroup]]:
    """The changed rows as entries, each with the index of its first row: a 款's inserted (deleted) rows as
    one (`diffing.kuan_rows`); a run is cut after a row with notes, so each note follows its row."""
    runs: list[list[Row]] = [[]]
    index = {id(diff.rows[r]): r for r in changed}
    for r in changed:
        runs[-1].append(diff.rows[r])
        if r in notes:
            runs.append([])
    return [(index[id(group.rows[0])], group) for rows in runs for group in kuan_groups(diff, rows)]


def _group_change(diff: Diff, n: int, group: KuanGroup) -> list[str]:
    """A 款's inserted (deleted) rows as one entry: the place they share, each line of the 款 a paragraph."""
    row = group.rows[0]
    side = "B" if group.side == "b" else "A"
    page = diff.page(row)
    place = _where(group.place(diff) or None)
    title = f"### {n}. {side} {place}{f' 第{page}页' if page is not None else ''} · {op_label(row.op)}"
    lines = [title + (f" · {PINNED_NOTE}" if row.pinned else ""), ""]
    kind: Kind = "ins" if group.side == "b" else "del"
    for line in group.shown(diff).split("\n"):
        lines.extend([highlights_markdown([Highlight(line, kind)]), ""])
    return lines


def _where(place: str | None) -> str:
    return _cell(place or START_SECTION)


def _a_places(diff: Diff, row: Row) -> str:
    return "、".join(dict.fromkeys(_where(diff.clause_place("a", i)) for i in row.a))


def _places(diff: Diff, row: Row) -> str:
    """``A 第八条 → B 第九条``; one side for a row that has one side only."""
    a_place, b_place = _a_places(diff, row), _where(diff.place_b(row))
    if not row.b:
        return f"A {a_place}"
    if not row.a:
        return f"B {b_place}"
    return f"A {a_place} → B {b_place}"


def _change(diff: Diff, n: int, row: Row, from_note: bool = True) -> list[str]:
    page = diff.page(row)
    title = f"### {n}. {_places(diff, row)}{f' 第{page}页' if page is not None else ''} · {op_label(row.op)}"
    if row.a and row.b and row.op != "copied" and row.similarity < 1:
        title += f" · {percent(row.similarity)}"
    if row.pinned:
        title += f" · {PINNED_NOTE}"
    lines = [title, ""]
    if row.op == "moved" and from_note:
        lines.extend([f"（自 A {_a_places(diff, row)} 移来）", ""])
    elif row.op == "copied":
        lines.extend([f"（复制自 A {_where(diff.place_a(row))}，B 中新增的一份）", ""])
    segments = unified_highlights(diff, row)
    if row.op == "copied":
        segments = [Highlight(s.text, "ins") for s in segments if s.kind != "del"]
    lines.extend([highlights_markdown(_in_context(segments)), ""])
    return lines


def _in_context(segments: list[Highlight]) -> list[Highlight]:
    """A long clause's changes with a few unchanged characters each side (``…`` for the rest)."""
    if sum(len(s.text) for s in segments) <= _LONG or all(s.kind == "same" for s in segments):
        return segments
    out: list[Highlight] = []
    last = len(segments) - 1
    for k, seg in enumerate(segments):
        text = seg.text
        if seg.kind == "same" and len(text) > 2 * _CONTEXT:
            head = "" if k == 0 else text[:_CONTEXT]
            tail = "" if k == last else text[-_CONTEXT:]
            text = f"{head}…{tail}"
        out.append(Highlight(text, seg.kind))
    return out


def _renumbered(diff: Diff) -> list[str]:
    """The labels whose number alone changed, as one quiet list."""
    rows = [diff.rows[i.row] for i in reading_order(diff) if i.kind == "row" and diff.rows[i.row].op == "renumbered"]
    if not rows:
        return []
    lines = [f"## 序号调整 renumbered（{len(rows)}，不算改动）", ""]
    for row in rows:
        a_text = " ".join("".join(diff.a.original[lo:hi] for lo, hi in diff.a_spans(row)).split())
        b_text = " ".join("".join(diff.b.original[lo:hi] for lo, hi in diff.b_spans(row)).split())
        places = _places(diff, row)
        entry = f"A {_cell(a_text)} → B {_cell(b_text)}"
        lines.append(f"- {entry}" if entry == places else f"- {entry}（{places}）")
    return [*lines, ""]
