"""The HTML report: one self-contained page to read, send and print.

Rules:

* One file: the stylesheet and script are inlined and allowed by hash in a
  Content-Security-Policy that forbids everything else (no network, no other
  script, no inline handlers), so the page loads nothing when opened.
* Every piece of document text (and every name, place and option) goes
  through ``html.escape``: a document cannot inject markup.
* What is shown is the **original** text with highlights placed through the
  offset maps (`diffing.highlight`); rows come in the report reading order
  (`diffing.report_layout`): a moved row links to an ``origin`` marker where
  its clauses stood in A, and back.
* Ids: ``r<N>`` is row N of the diff, ``o<N>`` the origin of moved row N.
  Each row is a ``<tbody>``: split/merged rows hold one line per clause with
  the single clause of the other side spanning them.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from html import escape

from diffing.highlight import ClauseSegments, Segment, Side, clause_segments
from diffing.model import OPS, Diff, Row
from diffing.report_html_assets import CSS, JS
from diffing.report_layout import Item, a_home, displaced, is_change, reading_order
from diffing.report_words import (
    OP_SHORT,
    START_SECTION,
    op_label,
    options_items,
    percent,
    section_of,
    section_titles,
    size_text,
)

__all__ = ["content_security_policy", "render_html"]

_TOC_OPEN_MAX = 40
"""Sections listed open in the table of contents; more start folded."""
_PREVIEW = 40
"""Characters of a moved clause shown at its origin."""


def _digest(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def content_security_policy() -> str:
    """The page's policy: only the inlined stylesheet and script, by hash; nothing from anywhere."""
    return (
        "default-src 'none'; "
        f"style-src 'sha256-{_digest(CSS)}'; "
        f"script-src 'sha256-{_digest(JS)}'; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def render_html(diff: Diff) -> str:
    """The whole report as one HTML page."""
    items = reading_order(diff)
    title = f"wendiff: {diff.a.name} → {diff.b.name}"
    out: list[str] = [
        "<!DOCTYPE html>\n",
        '<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy()}">\n',
        '<meta name="referrer" content="no-referrer">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="wendiff">\n',
        f"<title>{escape(title)}</title>\n",
        f"<style>{CSS}</style>\n",
        "</head>\n<body>\n",
    ]
    out.extend(_header(diff))
    out.extend(_toolbar(diff))
    out.extend(_toc(diff, items))
    out.extend(_table(diff, items))
    out.append(f"<script>{JS}</script>\n</body>\n</html>\n")
    return "".join(out)


def _header(diff: Diff) -> list[str]:
    a, b = diff.a.source, diff.b.source
    summary = diff.summary
    out = [
        "<header>\n",
        f"<h1>{escape(a.name)} → {escape(b.name)}</h1>\n",
        '<table class="docs">\n<tr><th></th><th>A（原文）</th><th>B（新文）</th></tr>\n',
    ]
    for label, a_value, b_value in (
        ("文件", escape(a.name), escape(b.name)),
        ("大小", size_text(a.size), size_text(b.size)),
        ("编码", escape(a.encoding), escape(b.encoding)),
        ("SHA-256", f"<code>{escape(a.sha256)}</code>", f"<code>{escape(b.sha256)}</code>"),
    ):
        out.append(f"<tr><th>{label}</th><td>{a_value}</td><td>{b_value}</td></tr>\n")
    out.append("</table>\n")
    out.append('<ul class="summary">')
    out.append(f'<li class="similarity">相似度 similarity {percent(summary.similarity)}</li>')
    for op in OPS:
        count = summary.counts.get(op, 0)
        zero = ' class="zero"' if count == 0 else ""
        out.append(f'<li{zero} data-op="{op}">{op_label(op)} <b>{count}</b></li>')
    out.append("</ul>\n")
    options = "".join(f"<li>{escape(name)}=<code>{escape(value)}</code></li>" for name, value in options_items(diff))
    out.append(f'<div class="options">归一化选项 options: <ul>{options}</ul></div>\n')
    if summary.changes == 0:
        out.append('<p class="same-banner">按上述归一化选项，两份文件没有差异。No differences.</p>\n')
    out.append("</header>\n")
    return out


def _toolbar(diff: Diff) -> list[str]:
    return [
        '<nav class="toolbar" aria-label="改动导航">',
        '<button type="button" id="prev" title="上一处改动 (p / k)">↑ 上一处 <kbd>p</kbd></button>',
        '<button type="button" id="next" title="下一处改动 (n / j)">↓ 下一处 <kbd>n</kbd></button>',
        f'<span id="position">– / {diff.summary.changes}</span>',
        '<label><input type="checkbox" id="changes-only"> 仅显示改动 <kbd>c</kbd></label>',
        "</nav>\n",
    ]


def _toc(diff: Diff, items: Sequence[Item]) -> list[str]:
    """Changed sections in reading order, each linking to its first change."""
    sections: dict[str, list[int]] = {}
    for item in items:
        row = diff.rows[item.row]
        if item.kind == "row" and is_change(row):
            sections.setdefault(section_of(diff.place(row)), []).append(item.row)
    if not sections:
        return []
    titles = section_titles(diff)
    is_open = " open" if len(sections) <= _TOC_OPEN_MAX else ""
    out = [
        f'<nav class="toc" aria-label="改动目录"><details{is_open}>',
        f"<summary>改动所在章节（{len(sections)}）</summary><ol>",
    ]
    for section, rows in sections.items():
        name = titles.get(section, section)
        out.append(f'<li><a href="#r{rows[0]}">{escape(name)}</a> <span class="n">{len(rows)} 处</span></li>')
    out.append("</ol></details></nav>\n")
    return out


def _table(diff: Diff, items: Sequence[Item]) -> list[str]:
    moved = displaced(diff)
    home = a_home(diff, moved)
    position = {item: k for k, item in enumerate(items)}
    out = [
        '<main>\n<table class="diff">\n',
        '<colgroup><col class="op"><col class="side"><col class="side"></colgroup>\n',
        f'<thead><tr><th title="改动">±</th><th>A：{escape(diff.a.name)}</th>'
        f"<th>B：{escape(diff.b.name)}</th></tr></thead>\n",
    ]
    for k, item in enumerate(items):
        row = diff.rows[item.row]
        if item.kind == "origin":
            later = position[Item("row", item.row)] > k
            out.append(_origin(diff, item.row, row, "↓" if later else "↑"))
        else:
            origin = position.get(Item("origin", item.row)) if item.row in moved else None
            arrow = "" if origin is None else ("↑" if origin < k else "↓")
            out.append(_row(diff, item.row, row, home, arrow))
    out.append("</table>\n</main>\n")
    return out


def _origin(diff: Diff, r: int, row: Row, arrow: str) -> str:
    """Where a moved row's clauses stood in A: a marker linking to the row, with the text's start."""
    places = _places(diff, row, "a")
    text = " ".join("".join(diff.a.original[lo:hi] for lo, hi in diff.a_spans(row)).split())
    preview = text if len(text) <= _PREVIEW else text[: _PREVIEW - 1] + "…"
    return (
        f'<tbody class="origin" id="o{r}"><tr><td class="op" title="{op_label("moved")}"><b>↷</b></td>'
        f'<td class="text a">{places}<span class="moved-text">{escape(preview)}</span>'
        f'<a class="note" href="#r{r}">{arrow} 已移至 B {escape(_where(diff.place(row)))}</a></td>'
        '<td class="empty"></td></tr></tbody>\n'
    )


def _where(place: str) -> str:
    return place or START_SECTION


def _row(diff: Diff, r: int, row: Row, home: dict[int, Item], arrow: str) -> str:
    change = " change" if is_change(row) else ""
    focus = ' tabindex="-1"' if change else ""
    body = [f'<tbody class="row op-{row.op}{change}" id="r{r}" data-op="{row.op}"{focus}>']
    a_cells = _cells(diff, row, "a", home, r, arrow)
    b_cells = _cells(diff, row, "b", home, r, arrow)
    lines = max(len(a_cells), len(b_cells), 1)
    for k in range(lines):
        body.append("<tr>")
        if k == 0:
            body.append(_op_cell(row, lines))
        body.append(_spread(a_cells, k, lines, "a"))
        body.append(_spread(b_cells, k, lines, "b"))
        body.append("</tr>")
    body.append("</tbody>\n")
    return "".join(body)


def _spread(cells: list[str], k: int, lines: int, side: Side) -> str:
    """Cell ``k`` of a side; the last cell of the shorter side spans the remaining lines."""
    if not cells:
        return f'<td class="empty {side}" rowspan="{lines}"></td>' if k == 0 else ""
    if k >= len(cells):
        return ""
    span = lines - len(cells) + 1 if k == len(cells) - 1 else 1
    rowspan = f' rowspan="{span}"' if span > 1 else ""
    return cells[k].replace("<td", f"<td{rowspan}", 1)


def _op_cell(row: Row, lines: int) -> str:
    rowspan = f' rowspan="{lines}"' if lines > 1 else ""
    similarity = ""
    if row.a and row.b and row.op != "equal" and row.similarity < 1:
        similarity = percent(row.similarity)
    return f'<td class="op"{rowspan} title="{op_label(row.op)}"><b>{OP_SHORT[row.op]}</b>{similarity}</td>'


def _cells(diff: Diff, row: Row, side: Side, home: dict[int, Item], r: int, arrow: str) -> list[str]:
    """One ``<td>`` per clause of a side (the A side of a copied row is a reference)."""
    if side == "a" and row.op == "copied":
        links = "".join(_link_to(home.get(i), "复制自 A " + _where(diff.a_clauses[i].place)) for i in row.a)
        return [f'<td class="text a">{links}</td>'] if links else []
    clauses = diff.a_clauses if side == "a" else diff.b_clauses
    cells = []
    groups = clause_segments(diff, row, side)
    for n, group in enumerate(groups):
        note = ""
        if side == "b" and arrow and n == 0:
            where = "、".join(dict.fromkeys(_where(diff.a_clauses[i].place) for i in row.a))
            note = f'<a class="note" href="#o{r}">{arrow} 自 A {escape(where)} 移来</a>'
        place = _place(clauses[group.index].place) + _page(diff.clause_page(side, group.index))
        cells.append(f'<td class="text {side}">{note}{place}{_text(group)}</td>')
    return cells


def _link_to(item: Item | None, label: str) -> str:
    if item is None:
        return f'<span class="note">{escape(label)}</span>'
    anchor = f"o{item.row}" if item.kind == "origin" else f"r{item.row}"
    return f'<a class="note" href="#{anchor}">{escape(label)}</a>'


def _places(diff: Diff, row: Row, side: Side) -> str:
    clauses = diff.a_clauses if side == "a" else diff.b_clauses
    indices = row.a if side == "a" else row.b
    return "".join(_place(p) for p in dict.fromkeys(clauses[i].place for i in indices))


def _page(page: int | None) -> str:
    return f'<span class="place page">第{page}页</span>' if page is not None else ""


def _place(place: str) -> str:
    return f'<span class="place">{escape(place)}</span>' if place else ""


def _text(group: ClauseSegments) -> str:
    return "".join(_segment(s) for s in group.segments)


def _segment(segment: Segment) -> str:
    text = escape(segment.text)
    if segment.kind == "del":
        return f"<del>{text}</del>"
    if segment.kind == "ins":
        return f"<ins>{text}</ins>"
    return text
