"""The document inside a web page: its metadata table, its main content, and that content's lines.

Government sites show a notice inside a page: navigation, a metadata table
(索引号, 主题分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期, 主题词), the body,
share and QR lines, footers. Rules:

* **Metadata table**: a cell (``td``/``th``) whose text, spaces dropped, is a
  known label followed by a colon (`LABELS`) names the value in the next cell
  of its row. The smallest table holding at least two such labels whose
  labels and values are most of its text (`META_SHARE`) is the metadata table:
  its pairs become the page's metadata (`corpus.meta` reads title, 文号,
  issuer and dates from them) and the table leaves the page, so that it is
  never compared as body rows. An empty value (主题词 often) is left out.
* **Main content**: text inside links is navigation, not content; every other
  non-blank character counts. The main content is the deepest element that
  holds at least `CONTENT_SHARE` of the page's counted text (and at least
  `CONTENT_MIN` characters); a page without one is not read here (the caller
  falls back to trafilatura).
* **Lines**: the content is walked once (no recursion: a page nested deep is
  read as well as a flat one): each block (paragraph, heading, list item, div)
  and each ``<br>`` ends a line, so the document's own line and paragraph
  breaks are kept and headings stay headings. A table row with two or more
  non-empty cells and no table inside is a data row: one line, its cells
  joined by ``" | "`` (a block inside a cell is joined with a space). Any other
  row (one cell with text, or a cell holding a table: a layout table, a body
  inside a table) is read as the blocks it holds.
* **Furniture lines** inside the content (share, print, close, QR, font-size
  lines: `FURNITURE`) are dropped whole; no other line is changed except for
  the spaces at its ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = [
    "BLOCKS",
    "CELLS",
    "CONTENT_MIN",
    "CONTENT_SHARE",
    "FURNITURE",
    "LABELS",
    "META_SHARE",
    "WebPage",
    "read_web_page",
    "take_metadata",
]

CELL_SEPARATOR = " | "

LABELS = frozenset({
    "索引号", "主题分类", "发文机关", "成文日期", "标题", "名称", "文件名称", "发文字号", "文号", "发布日期",
    "主题词", "发布机构", "发布机关", "生效日期", "施行日期", "实施日期", "废止日期", "有效性", "时效性",
    "体裁分类", "组配分类", "公开方式", "公开范围", "信息来源", "来源", "分类",
})  # fmt: skip
"""Labels of a metadata table's cells (written ``标　　题：`` on the page: spaces do not count)."""

META_SHARE = 0.6
"""Share of a table's text that labels and values must hold for the table to be a metadata table."""

CONTENT_SHARE = 0.8
"""Share of the page's counted text (outside links) that the main content holds."""

CONTENT_MIN = 20
"""Fewest counted characters of a main content."""

FURNITURE = re.compile(
    r"""\s*[【\[]?\s*(?:
        扫一扫在手机(?:上)?打开(?:当前页|本页)?
      | (?:分享到|分享)\s*[:：]?.{0,30}
      | 打印(?:本页|此页)?\s*[】\]]?\s*[【\[]?\s*关闭(?:窗口|本页)?
      | 打印本页 | 关闭窗口 | 打印 | 关闭 | 我要纠错 | 收藏 | 返回顶部 | 纠错
      | 字号\s*[:：]\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小
    )\s*[】\]]?(?:\s*[【\[].{1,6}[】\]])*\s*""",
    re.VERBOSE,
)
"""A line that is only page furniture: QR, share, print/close, font size."""

BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol",
    "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
})  # fmt: skip
"""Elements that stand on lines of their own (``br`` breaks a line; cells join a row): this walk's and
`corpus.extract`'s block walk's."""
CELLS = frozenset({"td", "th"})
_SPACES = re.compile(r"[\s\u3000\xa0]+")
_COLONS = "：:"


@dataclass(frozen=True)
class WebPage:
    """What a web page holds as a document: its text and its metadata table's pairs."""

    text: str
    """The main content's lines, or empty when the page has no main content (see the rules)."""
    meta: tuple[tuple[str, str], ...] = ()
    """(label, value) pairs of the metadata table, labels without spaces or colon, in page order."""


def read_web_page(root: Any) -> WebPage:
    """The metadata and main content of the page ``root`` (an lxml tree, furniture elements dropped).

    The metadata table is removed from ``root``.
    """
    meta = take_metadata(root)
    body = root.find("body")
    content = _main_content(body if body is not None else root)
    if content is None:
        return WebPage("", meta)
    return WebPage(_content_text(content), meta)


def _label(text: str) -> str | None:
    """The label of a label cell's text (``标　　题：`` → ``标题``), or None."""
    bare = _SPACES.sub("", text)
    if len(bare) < 2 or bare[-1] not in _COLONS:
        return None
    bare = bare[:-1]
    return bare if bare in LABELS else None


def take_metadata(root: Any) -> tuple[tuple[str, str], ...]:
    """The metadata table's pairs, the table itself dropped from ``root``; see the rules."""
    found: dict[Any, list[tuple[str, str, int]]] = {}
    for cell in root.iter(*CELLS):
        label_text = _short_text(cell, _LABEL_CHARS)
        label = _label(label_text) if label_text is not None else None
        if label is None:
            continue
        value_cell = cell.getnext()
        while value_cell is not None and value_cell.tag not in CELLS:
            value_cell = value_cell.getnext()
        value_text = _short_text(value_cell, _VALUE_CHARS) if value_cell is not None else ""
        value = " ".join((value_text or "").split())
        table = next(cell.iterancestors("table"), None)
        if table is None:
            continue
        used = len(_SPACES.sub("", label_text or "")) + len(_SPACES.sub("", value))
        found.setdefault(table, []).append((label, value, used))
    tables = [t for t, pairs in found.items() if pairs]
    if not tables:
        return ()
    pairs_out: list[tuple[str, str]] = []
    labels_seen = 0
    for table in tables:
        pairs = found[table]
        total = len(_SPACES.sub("", table.text_content()))
        if total == 0 or sum(used for *_, used in pairs) < META_SHARE * total:
            continue
        labels_seen += len(pairs)
        pairs_out.extend((label, value) for label, value, _ in pairs if value)
    if labels_seen < 2:
        return ()
    for table in tables:
        pairs = found[table]
        total = len(_SPACES.sub("", table.text_content()))
        if total and sum(used for *_, used in pairs) >= META_SHARE * total:
            table.drop_tree()
    return tuple(pairs_out)


_LABEL_CHARS = 40
"""A label cell holds at most this many characters (a longer cell is not read as one)."""
_VALUE_CHARS = 1000
"""A value cell holds at most this many characters (a longer one is text, not a value)."""


def _short_text(el: Any, limit: int) -> str | None:
    """The text of ``el`` when it holds at most ``limit`` characters, else None: reading stops past the limit,
    so a cell that holds a page's body costs nothing here."""
    pieces: list[str] = []
    size = 0
    for piece in el.itertext():
        size += len(piece)
        if size > limit:
            return None
        pieces.append(piece)
    return "".join(pieces)


def _main_content(body: Any) -> Any:
    """The deepest element holding `CONTENT_SHARE` of the counted text, or None."""
    from lxml import etree

    subtree: dict[Any, int] = {}
    stack: list[list[int]] = [[0]]  # counted characters of each open element (the last is the innermost)
    links = 0
    for event, el in etree.iterwalk(body, events=("start", "end")):
        if event == "start":
            links += el.tag == "a"
            stack.append([0 if links else _count(el.text)])
            continue
        count = stack.pop()[0]
        subtree[el] = count
        links -= el.tag == "a"
        stack[-1][0] += count + (0 if links or el is body else _count(el.tail))
    total = subtree.get(body, 0)
    if total < CONTENT_MIN:
        return None
    node = body
    while True:
        child = next((c for c in node if isinstance(c.tag, str) and subtree.get(c, 0) >= CONTENT_SHARE * total), None)
        if child is None:
            return node
        node = child


def _count(text: str | None) -> int:
    return len(_SPACES.sub("", text)) if text else 0


def _content_text(content: Any) -> str:
    """The lines of the content element; see the rules."""
    lines = (line.strip() for line in "".join(_pieces(content)).split("\n"))
    return "\n".join(line for line in lines if line and not FURNITURE.fullmatch(line))


def _data_row(tr: Any) -> bool:
    """A row of two or more non-empty cells and no table inside."""
    cells = [c for c in tr if isinstance(c.tag, str) and c.tag in CELLS]
    filled = sum(1 for c in cells if any(piece.strip() for piece in c.itertext()))
    return filled >= 2 and not any(next(c.iter("table"), None) is not None for c in cells)


def _cell_text(cell: Any) -> str:
    """A data cell's text on one line: its blocks' lines joined by a space."""
    return " ".join(line.strip() for line in "".join(_pieces(cell)).split("\n") if line.strip())


def _pieces(root: Any) -> Iterator[str]:
    """Text and line breaks of ``root`` in one walk (see the rules on lines and rows)."""
    from lxml import etree

    walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    filled_cells: list[int] = []  # cells with text met so far in each open data row
    data_rows: set[Any] = set()
    for event, el in walk:
        tag = el.tag if event in ("start", "end") else ""
        if event == "start":
            if tag == "tr" and el is not root and _data_row(el):
                data_rows.add(el)
                filled_cells.append(0)
                yield "\n"
                continue
            if tag in CELLS and el is not root and el.getparent() in data_rows:
                text = _cell_text(el)
                if text:
                    yield (CELL_SEPARATOR if filled_cells[-1] else "") + text
                    filled_cells[-1] += 1
                walk.skip_subtree()
                continue
            if tag in BLOCKS or tag == "br" or tag in CELLS:
                yield "\n"
            if el.text:
                yield el.text
            continue
        if tag == "tr" and el in data_rows:
            filled_cells.pop()
            yield "\n"
        elif tag in CELLS and el is not root and el.getparent() in data_rows:
            pass  # its text was given whole at its start
        elif tag in BLOCKS or tag in CELLS:
            yield "\n"
        if el is not root and el.tail:
            yield el.tail
