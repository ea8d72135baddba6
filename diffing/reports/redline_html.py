"""The HTML report: one self-contained page to read, send and print.

Rules:

* One file: the stylesheet and script are inlined and allowed by hash in a
  Content-Security-Policy that forbids everything else (no network, no other
  script, no inline handlers), so the page loads nothing when opened.
* Every piece of document text (and every name, title, place and option) goes
  through ``html.escape``, and characters a reader cannot see (bidirectional
  controls, zero-width characters, controls) are shown as marks
  (`diffing.visible`), never applied: a document can neither inject markup
  nor make its text read as something it does not say.
* What is shown is the **original** text with highlights placed through the
  offset maps (`diffing.highlight`); rows come in the report reading order
  (`diffing.reports.order`): a moved row links to an ``origin`` marker where
  its clauses stood in A, and back; both say A's and B's places, once per
  article: the following rows of the same two articles (and their origins,
  which then have no marker) say nothing more.
* Quiet rows (``equal``; ``renumbered``, a number alone changed) are not change
  stops; an equal row whose texts differ before normalization is marked ``≈``
  with the names of the steps that made them equal (`diffing.reports.wording.IGNORED_NAMES`).
* The markup is compact (no white space between rows: with end tags left out it
  would be text of the last cell) so that the largest real pair stays under 1 MB:
  optional end tags (``</td>``, ``</tr>``, ``</tbody>``) are left out, classes
  are one letter (`OP_CLASS`), a place is shown where it changes (and on every
  change row), and only rows a link points to carry an id.
* Ids: ``r<N>`` is row N of the diff, ``o<N>`` the origin of moved row N. Each
  row is a ``<tbody>`` (class: its op's letter; every class but ``e``, ``n``
  and ``o`` is a change stop) whose first cell is a ``<th>`` with the row's mark; split/merged rows
  hold one line per clause with the single clause of the other side spanning
  them. Text cells are A's then B's, after the ``th``; they carry ``a``/``b``
  only in rows of several lines (an empty ``td`` is a side without text),
  places ``<i>``, notes ``<a>`` or ``span.n``, an origin's preview ``span.p``.
* Source markup in an equal row is structure (`diffing.source_markup`): the row
  of an HTML comment is ``hidden``; a Markdown heading's hashes are in
  ``span.sm`` (not displayed) and its words in ``<b>``. The text stays whole.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from html import escape
from pathlib import PurePath

from diffing.highlight import ClauseHighlights, Highlight, Side, clause_highlights
from diffing.kuan_rows import KuanGroup, kuan_groups
from diffing.model import OPS, Diff, Op, Row
from diffing.reports.html_assets import CSS, JS
from diffing.reports.meta import display_title, document_date, document_number, document_title
from diffing.reports.numbers import NumberItem, number_items, row_notes
from diffing.reports.order import Item, a_home, displaced, is_change, reading_order, row_articles
from diffing.reports.pins import PINNED_NOTE, pin_lines
from diffing.reports.reading import reading_note
from diffing.reports.wording import (
    IGNORED_NAMES,
    LEGEND,
    OP_SHORT,
    START_SECTION,
    ignored_text,
    op_label,
    options_items,
    percent,
    section_of,
    section_titles,
    size_text,
    tool_version,
)
from diffing.source_markup import source_markup
from diffing.visible import mark_html, mark_plain

__all__ = ["OP_CLASS", "content_security_policy", "render_html"]

_TOC_OPEN_MAX = 40
"""Sections listed open in the table of contents; more start folded."""
_TOC_MAX = 150
"""Most sections listed: beyond, changes are spread over the whole text and the toolbar is the way through."""
_PREVIEW = 24
"""Characters of a moved clause shown at its origin."""

OP_CLASS: dict[Op, str] = {
    "equal": "e",
    "renumbered": "n",
    "modified": "m",
    "inserted": "i",
    "deleted": "d",
    "moved": "v",
    "copied": "c",
    "split": "s",
    "merged": "g",
}
"""One-letter class of a row's ``<tbody>`` for each op."""


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


def _h(text: str) -> str:
    """Escaped text with hidden characters shown as marks."""
    return mark_html(escape(text))


def _titles(diff: Diff) -> tuple[str, str]:
    return display_title(diff.a), display_title(diff.b)


def render_html(diff: Diff) -> str:
    """The whole report as one HTML page."""
    items = reading_order(diff)
    a_title, b_title = _titles(diff)
    title = a_title if a_title == b_title else f"{a_title} → {b_title}"
    out: list[str] = [
        "<!DOCTYPE html>\n",
        '<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy()}">\n',
        '<meta name="referrer" content="no-referrer">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta name="generator" content="{escape(tool_version())}">\n',
        f"<title>{escape(mark_plain(f'wendiff：{title}'))}</title>\n",
        f"<style>{CSS}</style>\n",
        "</head>\n<body>\n",
    ]
    numbers = number_items(diff)
    out.extend(_header(diff, title))
    out.extend(_toolbar(diff))
    toc, targets = _toc(diff, items)
    out.extend(toc)
    out.extend(_numbers(numbers))
    pins = pin_lines(diff)
    if pins:
        out.append(f'<section class="pins"><details open><summary>{_h(pins[0])}</summary><ul>')
        out += [f"<li>{_h(line)}" for line in pins[1:]]
        out.append("</ul></details></section>\n")
    out.extend(_table(diff, items, targets | {n.row for n in numbers}, row_notes(numbers)))
    out.append(f"<script>{JS}</script>\n</body>\n</html>\n")
    return "".join(out)


def _header(diff: Diff, title: str) -> list[str]:
    a, b = diff.a.source, diff.b.source
    a_title, b_title = document_title(diff.a), document_title(diff.b)
    a_date, b_date = document_date(diff.a), document_date(diff.b)
    a_number, b_number = document_number(diff.a), document_number(diff.b)
    summary = diff.summary
    out = [
        "<header>\n",
        f"<h1>{_h(title)}</h1>\n",
        '<table class="docs">\n<tr><th></th><th>A（原文）</th><th>B（新文）</th></tr>\n',
    ]
    rows = [("标题", _h(a_title or "—"), _h(b_title or "—"))]
    if a_number or b_number:
        rows.append(("文号", _h(a_number or "—"), _h(b_number or "—")))
    if a_date or b_date:
        rows.append(("日期", _h(a_date or "—"), _h(b_date or "—")))
    rows += [
        ("文件", _h(a.name), _h(b.name)),
        ("大小", size_text(a.size), size_text(b.size)),
        ("编码", escape(a.encoding), escape(b.encoding)),
        ("SHA-256", f"<code>{escape(a.sha256)}</code>", f"<code>{escape(b.sha256)}</code>"),
    ]
    a_read, b_read = reading_note(diff.a), reading_note(diff.b)
    if a_read or b_read:
        rows.append(("读取", _h(a_read or "—"), _h(b_read or "—")))
    for label, a_value, b_value in rows:
        out.append(f"<tr><th>{label}</th><td>{a_value}</td><td>{b_value}</td></tr>\n")
    out.append("</table>\n")
    out.append('<ul class="summary">')
    out.append(f'<li class="similarity">相似度 similarity {percent(summary.similarity)}</li>')
    out.append(f'<li class="changes">改动 changes <b>{summary.changes}</b></li>')
    out.append(f'<li class="numbers">数字变化 numbers <b>{len(number_items(diff))}</b></li>')
    for op in OPS:
        count = summary.counts.get(op, 0)
        zero = ' class="zero"' if count == 0 else ""
        out.append(f'<li{zero} data-op="{op}">{op_label(op)} <b>{count}</b></li>')
    out.append("</ul>\n")
    options = "".join(f"<li>{escape(name)}=<code>{escape(value)}</code></li>" for name, value in options_items(diff))
    out.append(f'<div class="options">{escape(tool_version())} · 归一化选项 options: <ul>{options}</ul></div>\n')
    legend = "".join(f"<li><b>{mark}</b> {escape(text)}</li>" for mark, text in LEGEND)
    out.append(
        f'<details class="legend"><summary>图例 legend</summary><ul>{legend}'
        "<li><del>删去的文字</del> 只在 A 中，<ins>加入的文字</ins> 只在 B 中；"
        '<span class="u">&lt;U+202E&gt;</span> 是文件中看不见的字符（如改变文字方向的控制符），只标出，不生效</li>'
        "</ul></details>\n"
    )
    if summary.changes == 0:
        out.append('<p class="same-banner">按上述归一化选项，两份文件没有差异。No differences.</p>\n')
    out.append("</header>\n")
    return out


def _toolbar(diff: Diff) -> list[str]:
    return [
        '<nav class="toolbar" id="bar" aria-label="改动导航">',
        '<button type="button" id="prev" title="上一处改动 (p / k)">↑ 上一处 <kbd>p</kbd></button>',
        '<button type="button" id="next" title="下一处改动 (n / j)">↓ 下一处 <kbd>n</kbd></button>',
        f'<span id="position">– / {diff.summary.changes}</span>',
        '<label><input type="checkbox" id="changes-only"> 仅显示改动 <kbd>c</kbd></label>',
        "</nav>\n",
    ]


def _toc(diff: Diff, items: Sequence[Item]) -> tuple[list[str], set[int]]:
    """Changed sections in reading order, each linking to its first change; and the rows linked to."""
    sections: dict[str, list[int]] = {}
    for item in items:
        row = diff.rows[item.row]
        if item.kind == "row" and is_change(row):
            sections.setdefault(section_of(diff.place(row)), []).append(item.row)
    if not sections:
        return [], set()
    if len(sections) > _TOC_MAX:
        note = f"改动分布在 {len(sections)} 个章节条文中：用“下一处”逐处查看。"
        return [f'<nav class="toc" aria-label="改动目录"><p>{note}</p></nav>\n'], set()
    titles = section_titles(diff)
    is_open = " open" if len(sections) <= _TOC_OPEN_MAX else ""
    out = [
        f'<nav class="toc" aria-label="改动目录"><details{is_open}>',
        f"<summary>改动所在章节（{len(sections)}）</summary><ol>",
    ]
    for section, rows in sections.items():
        name = titles.get(section, section)
        out.append(f"<li><a href=#r{rows[0]}>{_h(name)}</a> <span class=n>{len(rows)} 处</span>")
    out.append("</ol></details></nav>\n")
    return out, {rows[0] for rows in sections.values()}


class _Places:
    """Shows a side's place where it differs from the row above, in the whole table and among change rows.

    So a place shows once per run of rows in it, whether or not quiet rows are
    hidden; never where the clause's text starts with it (the 第X条 label itself).
    """

    def __init__(self) -> None:
        self.last: dict[Side, str] = {"a": "", "b": ""}
        self.last_change: dict[Side, str] = {"a": "", "b": ""}
        self.last_page: dict[Side, int | None] = {"a": None, "b": None}

    def page(self, side: Side, page: int | None) -> str:
        """第N页 of a paged document (PDF, OFD), where the side's page differs from the row above."""
        if page is None or page == self.last_page[side]:
            return ""
        self.last_page[side] = page
        return f"<i class=pg>第{page}页</i>"

    def show(self, side: Side, place: str, change: bool, text: str = "") -> str:
        """The place's chip, or nothing where it would repeat the row above or the text's own label."""
        shown = place != self.last[side] or (change and place != self.last_change[side])
        self.last[side] = place
        if change:
            self.last_change[side] = place
        if not place or not shown or (text.startswith(place) and "/" not in place):
            return ""
        return f"<i>{_h(place)}</i>"


def _numbers(items: list[NumberItem]) -> list[str]:
    """The "numbers changed" section: each changed quantity, linking to its row."""
    if not items:
        return []
    out = [f'<section class="numbers"><details open><summary>数字变化 numbers changed（{len(items)}）</summary><ol>']
    out += [
        f"<li><a href=#r{i.row}>{_h(i.place)}</a> {i.label} <del>{_h(i.old)}</del> → <ins>{_h(i.new)}</ins>"
        for i in items
    ]
    out.append("</ol></details></section>\n")
    return out


def _table(
    diff: Diff, items: Sequence[Item], targets: set[int], notes: dict[int, list[NumberItem]] | None = None
) -> list[str]:
    moved = displaced(diff)
    home = a_home(diff, moved)
    linked = {home[i] for row in diff.rows if row.op == "copied" for i in row.a if i in home}
    linked.update(Item("row", r) for r in targets)
    position = {item: k for k, item in enumerate(items)}
    places = _Places()
    out = [
        '<main>\n<table class="diff">\n',
        '<colgroup><col class="op"><col><col></colgroup>\n',
        f'<thead><tr><th title="改动">±</th><th>A：{_h(PurePath(diff.a.name).name)}</th>'
        f"<th>B：{_h(PurePath(diff.b.name).name)}</th></tr></thead>\n",
    ]
    shown = _said_once(diff, items, moved)
    grouped = _kuan_groups(diff, items, {item.row for item in linked if item.kind == "row"}, notes or {})
    for k, item in enumerate(items):
        row = diff.rows[item.row]
        if item.kind == "row" and item.row in grouped:
            group = grouped[item.row]
            if group is not None:
                out.append(_group_row(diff, item.row, group, places, item in linked))
            continue
        if item.kind == "origin":
            if item not in shown:
                continue  # its article's marker is on another row
            later = position[Item("row", item.row)] > k
            out.append(_origin(diff, item.row, row, "↓" if later else "↑", places))
        else:
            noted = item.row in moved and item in shown
            origin = position.get(Item("origin", item.row)) if noted else None
            arrow = "" if origin is None else ("↑" if origin < k else "↓")
            if Item("origin", item.row) in shown:
                linked.add(item)  # its origin marker links to it
            out.append(_row(diff, item.row, row, home, arrow, places, item in linked))
            for note in (notes or {}).get(item.row, ()):
                change = f"{note.label} <del>{_h(note.old)}</del> → <ins>{_h(note.new)}</ins>"
                out.append(f"<tr class=num><th colspan=3>数字 {change}")  # no text cell: the cells hold the documents
    out.append("</table>\n</main>\n")
    return out


def _kuan_groups(
    diff: Diff, items: Sequence[Item], with_id: set[int], notes: dict[int, list[NumberItem]]
) -> dict[int, KuanGroup | None]:
    """The rows shown as a 款's one row (`diffing.kuan_rows`): the first row of each group of several → its
    group, the others → None. A run of rows is cut before a row a link points to and after one with notes,
    so every link keeps its target and every note its row."""
    out: dict[int, KuanGroup | None] = {}
    runs: list[list[Row]] = [[]]
    index = {id(row): r for r, row in enumerate(diff.rows)}
    for item in items:
        if item.kind != "row" or diff.rows[item.row].op not in ("inserted", "deleted"):
            runs.append([])
            continue
        if item.row in with_id:
            runs.append([])
        runs[-1].append(diff.rows[item.row])
        if item.row in notes:
            runs.append([])
    for run in runs:
        for group in kuan_groups(diff, run):
            if len(group.rows) > 1:
                rows = [index[id(row)] for row in group.rows]
                out[rows[0]] = group
                out.update(dict.fromkeys(rows[1:]))
    return out


def _group_row(diff: Diff, r: int, group: KuanGroup, places: _Places, linked: bool) -> str:
    """A 款's inserted (deleted) rows as one row: the place they share, the 款's text one line a line."""
    side: Side = "b" if group.side == "b" else "a"
    row = group.rows[0]
    text = group.shown(diff)
    first = (row.b if side == "b" else row.a)[0]
    chip = places.show(side, group.place(diff), True, text) + places.page(side, diff.clause_page(side, first))
    cell = f"<td>{chip}{_h(text)}"
    a_cell, b_cell = (cell, "<td>") if side == "a" else ("<td>", cell)
    row_id = f" id=r{r}" if linked else ""
    return f"<tbody{row_id} class={OP_CLASS[row.op]}><tr>{_op_cell(diff, row, 1)}{a_cell}{b_cell}"


def _origin(diff: Diff, r: int, row: Row, arrow: str, places: _Places) -> str:
    """Where a moved row's clauses stood in A: a marker linking to the row, with the text's start."""
    text = " ".join("".join(diff.a.original[lo:hi] for lo, hi in diff.a_spans(row)).split())
    preview = text if len(text) <= _PREVIEW else text[: _PREVIEW - 1] + "…"
    place = places.show("a", diff.place_a(row) or "", True, preview)
    return (
        f"<tbody id=o{r} class=o><tr><th>↷"
        f"<td class=a>{place}<span class=p>{_h(preview)}</span>"
        f"<a href=#r{r}>{arrow} 已移至 {_h(_both(diff, row))}</a><td>"
    )


def _said_once(diff: Diff, items: Sequence[Item], moved: frozenset[int]) -> set[Item]:
    """The moved rows that say where they came from and the origins that say where they went: the first of
    each run of rows (of origins) of the same two articles, and the origin of each such row."""
    out: set[Item] = set()
    last: dict[str, tuple[str, str] | None] = {"row": None, "origin": None}
    for item in items:
        if item.row not in moved:
            last[item.kind] = None
            continue
        articles = row_articles(diff, diff.rows[item.row])
        if articles != last[item.kind]:
            out.add(item)
            if item.kind == "row":
                out.add(Item("origin", item.row))
        last[item.kind] = articles
    return out


def _where(place: str | None) -> str:
    return place or START_SECTION


def _both(diff: Diff, row: Row) -> str:
    """``A 第五条 → B 第十九条``: a moved row's place on each side."""
    a_places = "、".join(dict.fromkeys(_where(diff.clause_place("a", i)) for i in row.a))
    return f"A {a_places} → B {_where(diff.place_b(row))}"


def _row(diff: Diff, r: int, row: Row, home: dict[int, Item], arrow: str, places: _Places, linked: bool) -> str:
    change = is_change(row)
    row_id = f" id=r{r}" if linked or arrow else ""
    b_text = "".join(diff.b.original[lo:hi] for lo, hi in diff.b_spans(row)) if row.op == "equal" else ""
    markup = source_markup(b_text) if b_text else None
    hidden = " hidden" if markup is not None and markup.kind == "comment" else ""
    body = [f"<tbody{hidden}{row_id} class={OP_CLASS[row.op]}>"]
    a_cells = _cells(diff, row, "a", home, r, "", places, change)
    b_cells = _cells(diff, row, "b", home, r, arrow, places, change)
    if markup is not None and markup.kind == "heading":
        a_cells, b_cells = _headings(a_cells), _headings(b_cells)
    lines = max(len(a_cells), len(b_cells), 1)
    if lines == 1:  # the columns say the side: th, A, B
        a_cells = [c.replace("<td class=a>", "<td>", 1) for c in a_cells]
        b_cells = [c.replace("<td class=b>", "<td>", 1) for c in b_cells]
    for k in range(lines):
        body.append("<tr>")
        if k == 0:
            body.append(_op_cell(diff, row, lines))
        body.append(_spread(a_cells, k, lines))
        body.append(_spread(b_cells, k, lines))
    return "".join(body)


_HASHES = re.compile(r"(#{1,6}[ \t\u3000]+)([^<]+?)$")


def _headings(cells: list[str]) -> list[str]:
    """A Markdown heading's cells: its hashes hidden (kept in the text), its words in bold."""
    return [_HASHES.sub(r"<span class=sm>\1</span><b>\2</b>", cell, count=1) for cell in cells]


def _spread(cells: list[str], k: int, lines: int) -> str:
    """Cell ``k`` of a side; the last cell of the shorter side spans the remaining lines."""
    if not cells:
        if k:
            return ""
        return f"<td rowspan={lines}>" if lines > 1 else "<td>"
    if k >= len(cells):
        return ""
    span = lines - len(cells) + 1 if k == len(cells) - 1 else 1
    return cells[k].replace("<td", f"<td rowspan={span}", 1) if span > 1 else cells[k]


def _op_cell(diff: Diff, row: Row, lines: int) -> str:
    rowspan = f" rowspan={lines}" if lines > 1 else ""
    if row.op == "equal":
        steps = diff.ignored(row)
        if not steps:
            return f"<th{rowspan}>"
        names = "<br>".join(IGNORED_NAMES.get(step, step) for step in steps)
        return f'<th{rowspan} title="{ignored_text(steps)}">≈<small>{names}</small>'
    similarity = ""
    if row.a and row.b and row.op != "renumbered" and row.similarity < 1:
        similarity = f"<small>{percent(row.similarity)}</small>"
    pinned = f'<small class=pin title="{PINNED_NOTE}">审阅者指定</small>' if row.pinned else ""
    return f"<th{rowspan}>{OP_SHORT[row.op]}{similarity}{pinned}"


def _cells(
    diff: Diff, row: Row, side: Side, home: dict[int, Item], r: int, arrow: str, places: _Places, change: bool
) -> list[str]:
    """One ``<td>`` per clause of a side (the A side of a copied row is a reference)."""
    if side == "a" and row.op == "copied":
        links = "".join(_link_to(home.get(i), "复制自 A " + _where(diff.clause_place("a", i))) for i in row.a)
        return [f"<td class=a>{links}"] if links else []
    cells = []
    quiet = row.op in ("renumbered", "inserted", "deleted")  # a number alone; or a whole side, tinted by CSS
    for n, group in enumerate(clause_highlights(diff, row, side)):
        note = ""
        if arrow and n == 0:
            note = f"<a href=#o{r}>{arrow} 移自 {_h(_both(diff, row))}</a>"
        text = _text(group, quiet)
        first = group.highlights[0].text if group.highlights else ""
        place = places.show(side, diff.clause_place(side, group.index), change, first)
        place += places.page(side, diff.clause_page(side, group.index))
        cells.append(f"<td class={side}>{note}{place}{text}")
    return cells


def _link_to(item: Item | None, label: str) -> str:
    if item is None:
        return f"<span class=n>{_h(label)}</span>"
    anchor = f"o{item.row}" if item.kind == "origin" else f"r{item.row}"
    return f"<a href=#{anchor}>{_h(label)}</a>"


def _text(group: ClauseHighlights, quiet: bool) -> str:
    return "".join(_segment(s, quiet) for s in group.highlights)


def _segment(segment: Highlight, quiet: bool) -> str:
    text = _h(segment.text)
    if quiet or segment.kind == "same":
        return text
    if segment.kind == "del":
        return f"<del>{text}</del>"
    return f"<ins>{text}</ins>"
