"""The 新旧对照表 written out: Word, HTML, Markdown and terminal text, from one `Table` value.

Rules:

* Every writer shows the same things in the same order: the title, both
  versions (file, title, date when known), the table 修改前 | 修改后 | 说明 with
  one row per article of `Table.rows`, and under it the count of articles left
  out (or, with ``--all``, shown though unchanged).
* Deletions in 修改前 are struck, insertions in 修改后 bold — in Word as run
  formatting, in HTML as ``<del>``/``<ins>``, in Markdown as ``~~``/``**``, in
  text as ``[-…-]``/``{+…+}`` (in colour on a terminal). Document text is original text, escaped for
  the format, with control characters made visible.
* Word: A4 landscape, a grid table whose header row repeats on every page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import PurePath

from diffing.highlight import Highlight, Kind
from diffing.reports.kit import (
    W_NS,
    add_run,
    escape,
    html_page,
    new_document,
    title_face,
    w_paragraph,
    w_run,
    xml_safe,
)
from diffing.table import Cell, Table
from diffing.visible import mark_plain
from diffing.vocabulary import KIND_LOOK

__all__ = ["HEADERS", "left_out", "table_docx", "table_html", "table_markdown", "table_text"]

HEADERS = ("修改前", "修改后", "说明")
TITLE = "新旧对照表"
CONTENTS_MIN = 30
"""An HTML table of more rows than this opens with a contents list."""


def heading(table: Table) -> str:
    """``《title》新旧对照表``, or the bare name when no document carries a title."""
    title = table.b_title or table.a_title
    return f"《{title}》{TITLE}" if title else TITLE


def versions(table: Table) -> list[str]:
    """One line per version: 修改前/修改后, the document's 《title》 (its file name when it has none, never
    a path) and its date line in brackets when known."""
    out = []
    for side, name, title, date in (
        ("修改前", table.a_name, table.a_title, table.a_date),
        ("修改后", table.b_name, table.b_title, table.b_date),
    ):
        shown = f"《{title}》" if title else PurePath(name).name
        if date:
            shown += date if date.startswith(("（", "(")) else f"（{date}）"
        out.append(f"{side}：{shown}")
    return out


LEGEND: tuple[tuple[Kind, str], ...] = (
    ("same", "图例："),
    ("del", "删去"),
    ("same", "为删去的文字（只在修改前一栏），"),
    ("ins", "增加"),
    ("same", "为增加的文字（只在修改后一栏）；说明写明修改、新增、删除、合并、拆分或移动及其来处。"),
)
"""The legend under the versions, as marked text: each writer marks it as it marks the table."""


def left_out(table: Table) -> str:
    """The line under the table: how many articles are not rows (or are rows though unchanged)."""
    parts = []
    if table.unchanged:
        parts.append(f"未修改的 {table.unchanged} 条")
    if table.renumbered:
        parts.append(f"仅序号变化（条文顺序调整）的 {table.renumbered} 条")
    if not parts:
        return f"共 {len(table.rows)} 行。"
    if table.full:
        return f"共 {len(table.rows)} 行，其中" + "、".join(parts) + "。"
    return "另有" + "、".join(parts) + "未列入本表（--all 列出）。"


# ---- text


_MARKS = {kind: look.plain for kind, look in KIND_LOOK.items()}
_COLORS = {"same": ("", ""), "del": ("\x1b[9;31m", "\x1b[0m"), "ins": ("\x1b[1;32m", "\x1b[0m")}


def _marked(paragraph: Sequence[Highlight], color: bool = False) -> str:
    marks = _COLORS if color else _MARKS
    return "".join(marks[s.kind][0] + mark_plain(s.text) + marks[s.kind][1] for s in paragraph)


def table_text(table: Table, color: bool = False) -> str:
    """The table for a terminal: each row as a block, 修改前 then 修改后; deletions ``[-…-]`` and
    insertions ``{+…+}``, or (``color``) struck red and bold green."""
    marks = _COLORS if color else _MARKS
    legend = "".join(marks[kind][0] + text + marks[kind][1] for kind, text in LEGEND)
    lines = [heading(table), *versions(table), legend, ""]
    for row in table.rows:
        names = " → ".join(n for n in (row.a_name, row.b_name) if n)
        lines.append(f"【{names}】{row.note}")
        for label, cell in (("修改前", row.before), ("修改后", row.after)):
            if cell:
                lines.append(f"  {label}：")
                lines.extend(f"    {_marked(p, color)}" for p in cell)
        lines.append("")
    lines.append(left_out(table))
    lines += ["", *table.notes] if table.notes else []
    return "\n".join(lines) + "\n"


# ---- Markdown


def _md_cell(cell: Cell) -> str:
    from diffing.reports.redline_md import highlights_markdown

    return "<br>".join(highlights_markdown([Highlight(mark_plain(s.text), s.kind) for s in p]) for p in cell) or " "


def table_markdown(table: Table) -> str:
    """A GitHub-flavoured Markdown table (paragraphs in a cell separated by ``<br>``)."""
    from diffing.reports.redline_md import escape_markdown

    lines = [f"# {escape_markdown(heading(table))}", ""]
    lines += [f"- {escape_markdown(line)}" for line in versions(table)]
    lines += ["", "".join({"same": "", "del": "~~", "ins": "**"}[kind].join(("", text, "")) for kind, text in LEGEND)]
    lines += ["", "| " + " | ".join(HEADERS) + " |", "|---|---|---|"]
    for row in table.rows:
        lines.append(f"| {_md_cell(row.before)} | {_md_cell(row.after)} | {escape_markdown(row.note)} |")
    lines += ["", escape_markdown(left_out(table)), ""]
    lines += [f"{escape_markdown(line)}\n" for line in table.notes]
    return "\n".join(lines)


# ---- HTML

_CSS = """
body{font-family:"Noto Serif CJK SC","Source Han Serif SC",SimSun,"Songti SC",serif;margin:1.5em auto;
max-width:1400px;padding:0 1em;line-height:1.7;color:#111;background:#fff}
h1{font-size:1.5em;text-align:center;margin:.4em 0}
.versions{color:#333;margin:0 0 1em;padding:0;list-style:none;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #444;padding:.4em .6em;vertical-align:top;overflow-wrap:anywhere}
th{background:#eee;position:sticky;top:0;z-index:1;box-shadow:0 1px 0 #444}
.legend{color:#333;margin:0 0 .8em}
.contents{margin:0 0 1em}.contents ol{columns:3 16em;font-size:.9em}
col.text{width:43%}col.note{width:14%}
td p{margin:0 0 .3em}
del{text-decoration:line-through;color:#a00}
ins{text-decoration:none;font-weight:bold;color:#060}
.left-out{margin-top:.8em;color:#333}
@media (max-width:600px){col.text{width:44%}col.note{width:12%}body{padding:0 .3em}th,td{padding:.3em}}
@media print{@page{size:A4 landscape;margin:15mm}thead{display:table-header-group}tr{break-inside:avoid}}
""".strip()


def _html_cell(cell: Cell) -> str:
    tags = {"same": ("", ""), "del": ("<del>", "</del>"), "ins": ("<ins>", "</ins>")}
    return "".join(
        "<p>" + "".join(tags[s.kind][0] + escape(s.text) + tags[s.kind][1] for s in p) + "</p>" for p in cell
    )


def table_html(table: Table) -> str:
    """One self-contained HTML page holding the table: a header row that stays in view while scrolling, and
    for a table of more than `CONTENTS_MIN` rows a contents list linking each row."""
    rows = "\n".join(
        f'<tr id="r{k}"><td>{_html_cell(row.before)}</td><td>{_html_cell(row.after)}</td>'
        f"<td>{escape(row.note)}</td></tr>"
        for k, row in enumerate(table.rows, 1)
    )
    contents = ""
    if len(table.rows) > CONTENTS_MIN:
        links = "".join(
            f'<li><a href="#r{k}">{escape(" → ".join(n for n in (row.a_name, row.b_name) if n))}</a> '
            f"{escape(row.note)}</li>"
            for k, row in enumerate(table.rows, 1)
        )
        summary = f"<summary>目录（{len(table.rows)} 行）</summary>"
        contents = f'<details class="contents">{summary}<ol>{links}</ol></details>\n'

    body = (
        f"<h1>{escape(heading(table))}</h1>\n<ul class=\"versions\">"
        + "".join(f"<li>{escape(line)}</li>" for line in versions(table))
        + f"</ul>\n<p class=\"legend\">{_html_cell((tuple(Highlight(t, k) for k, t in LEGEND),))[3:-4]}</p>\n"
        + contents
        + "<table>\n<colgroup><col class=\"text\"><col class=\"text\"><col class=\"note\"></colgroup>\n"
        + "<thead><tr>" + "".join(f"<th>{h}</th>" for h in HEADERS) + "</tr></thead>\n"
        + f"<tbody>\n{rows}\n</tbody>\n</table>\n<p class=\"left-out\">{escape(left_out(table))}</p>"
        + "".join(f"\n<p class=\"note\">{escape(line)}</p>" for line in table.notes)
    )  # fmt: skip
    return html_page(heading(table), _CSS, body)


# ---- Word


def table_docx(table: Table) -> bytes:
    """A .docx: A4 landscape, the table with a header row that repeats on each page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt
    from lxml import etree

    from diffing.docx_compat import paragraph_element

    document = new_document(landscape=True)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = add_run(title, heading(table), bold=True)
    run.font.size = Pt(16)
    title_face(run)
    for line in versions(table):
        add_run(document.add_paragraph(), line)
    legend = document.add_paragraph()
    for kind, text in LEGEND:
        add_run(legend, text).font.strike = kind == "del"
        legend.runs[-1].bold = kind == "ins"
    # The rows are written as XML text and parsed once: python-docx's add_row/add_run per run takes
    # seconds on a large law, this a tenth of that.
    xml = [f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
           '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
           'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']  # fmt: skip
    xml += [f'<w:gridCol w:w="{w}"/>' for w in _WIDTHS]
    xml.append("</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>")
    for text, width in zip(HEADERS, _WIDTHS, strict=True):
        xml.append(_tc(width, [w_paragraph([w_run(text, bold=True)], center=True)]))
    xml.append("</w:tr>")
    for row in table.rows:
        xml.append("<w:tr>")
        for content, width in zip((row.before, row.after), _WIDTHS, strict=False):
            paragraphs = [w_paragraph([w_run(s.text, s.kind == "del", s.kind == "ins") for s in p]) for p in content]
            xml.append(_tc(width, paragraphs or [w_paragraph([])]))
        xml.append(_tc(_WIDTHS[2], [w_paragraph([w_run(row.note)])]))
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    tbl = etree.fromstring("".join(xml).encode("utf-8"))
    after = document.add_paragraph()
    paragraph_element(after).addprevious(tbl)
    add_run(after, left_out(table))
    for line in table.notes:
        add_run(document.add_paragraph(), line)
    document.core_properties.title = xml_safe(heading(table))[:255]
    document.core_properties.author = "wendiff"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_WIDTHS = (6236, 6236, 2098)
"""Column widths in twentieths of a point: 110 mm, 110 mm, 37 mm (A4 landscape less 20 mm margins)."""


def _tc(width: int, paragraphs: list[str]) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{"".join(paragraphs)}</w:tc>'
