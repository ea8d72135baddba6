"""Text out of HTML pages and Word documents.

Rules:

* HTML: scripts, styles, navigation, page headers and footers, asides and
  forms are dropped first (they are never the article, and trafilatura keeps
  them on small pages); then the page's metadata table and main content
  (`corpus.web_page`: the deepest element holding most of the page's text,
  read line by line); on a page without one, the article's main text as
  trafilatura finds it (tables included, comments left out). When trafilatura finds nothing, the
  remaining text of ``<body>``, one line per non-blank line. A page of more
  than `FULL_EXTRACTION_ELEMENTS` elements or `FULL_EXTRACTION_CHARS`
  characters is not given to trafilatura (a test of its own is quadratic in the
  paragraphs: a 45 MB page ran for minutes): its body, furniture dropped, is
  walked once, one line per block (paragraph, heading, list item, line break,
  table row with its cells joined by ``" | "``).
* .docx: the body's paragraphs and table rows in document order, one line
  each. A table row is one line, its cells joined with ``" | "``; a merged cell
  appears once (a horizontally merged cell is one ``w:tc``; the cells that
  continue a vertical merge are left empty, never repeated). Headers, footers,
  comments and notes are not part of the body and are left out.
* A .docx is a zip archive: its directory is checked against the size limit
  and for decompression bombs before python-docx inflates anything
  (corpus/limits.py), and for encrypted members and compression methods that
  cannot be inflated (corpus/zip_members.py); a member whose data does not
  inflate is named. A text node over libxml2's 10 MB limit is "a paragraph
  too large to read", not a corrupt file.
* A file that cannot be parsed raises `ExtractError` with a short problem; the
  caller (`corpus.read`) turns it into an `InputError` that names the file.

trafilatura and python-docx are imported when first needed: they are slow to
import and most inputs are plain text (trafilatura, 0.2 s, only for a page
whose main content `corpus.web_page` does not find).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from corpus.web_page import BLOCKS, CELLS, WebPage, read_web_page, take_metadata

__all__ = ["CELL_SEPARATOR", "ExtractError", "extract_docx", "extract_html", "extract_web"]

CELL_SEPARATOR = " | "
"""Joins the cells of a table row into one line."""

_NOT_CONTENT = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form")
"""Elements the body-text fallback drops: they are never the article."""

FULL_EXTRACTION_ELEMENTS = 10_000
"""Elements of a page up to which trafilatura finds the main text (its ``//p//text()`` costs 0.1 s here)."""
FULL_EXTRACTION_CHARS = 2_000_000
"""Characters of a page up to which trafilatura finds the main text (about 1 s here)."""

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
"""lxml refuses a ``str`` that still declares its byte encoding."""

_TOO_LARGE = "XML_PARSE_HUGE"
"""In lxml's message when a text node passes libxml2's 10 MB limit (huge_tree is left off for .docx:
python-docx parses, and deeper nesting would reach Python's recursion limit in `_block_lines`)."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class ExtractError(Exception):
    """A document whose structure cannot be read; the message is the problem."""


def extract_html(html: str) -> str:
    """The main text of an HTML page."""
    return extract_web(html).text


def extract_web(html: str) -> WebPage:
    """The main text of an HTML page and its metadata table's pairs (`corpus.web_page`)."""
    large = len(html) > FULL_EXTRACTION_CHARS
    page = _parse_html(html, plain=large)
    if page is None:
        return WebPage("")
    if large or sum(1 for _ in page.iter()) > FULL_EXTRACTION_ELEMENTS:
        body = page.find("body")
        return WebPage(_block_text(body if body is not None else page))
    found = read_web_page(page)
    if found.text:
        return found
    import trafilatura  # 0.2 s to import: only for a page without a main content of its own

    text = trafilatura.extract(page, include_tables=True, include_comments=False, output_format="txt")
    if text and text.strip():
        return WebPage(str(text), found.meta)
    fallback = _parse_html(html)
    if fallback is None:
        return WebPage("", found.meta)
    take_metadata(fallback)
    return WebPage(_body_text(fallback), found.meta)


def _parse_html(html: str, *, plain: bool = False) -> Any:
    """The page as an lxml tree without page furniture, or None if there is no page.

    ``plain``: lxml's own elements rather than ``lxml.html``'s, whose class lookup
    runs Python code for each element visited (a quarter of the block walk of a
    large page); the tree is the same.
    """
    import lxml.html
    from lxml import etree

    html = _XML_DECLARATION.sub("", html, count=1)
    if not html or html.isspace():
        return None
    try:
        root = etree.fromstring(html, etree.HTMLParser()) if plain else lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    if root is None:  # what document_fromstring refuses as "Document is empty"
        return None
    for el in list(root.iter(*_NOT_CONTENT)):
        _drop_tree(el)
    return root


def _drop_tree(el: Any) -> None:
    """Remove ``el`` and what it holds; its tail joins the text before it (``lxml.html``'s ``drop_tree``)."""
    parent = el.getparent()
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    parent.remove(el)


def _body_text(root: Any) -> str:
    """Text of ``<body>``, one line per non-blank line of its text content."""
    body = root.find("body")
    node = body if body is not None else root
    lines = (line.strip() for line in node.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _block_text(root: Any) -> str:
    """The text under ``root`` in one walk: a line per block, cells of a row joined, comments left out."""
    from lxml import etree

    parts: list[str] = []
    append = parts.append
    for event, el in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event == "start":
            tag = el.tag
            if tag in _LINE_STARTS:
                append("\n")
            elif tag in CELLS:
                previous = el.getprevious()
                if previous is not None and previous.tag in CELLS:
                    append(CELL_SEPARATOR)
            text = el.text
            if text:
                append(text)
            continue
        if event == "end" and el.tag in BLOCKS:
            append("\n")
        if el is not root:  # a comment's or instruction's tail is text of its parent
            tail = el.tail
            if tail:
                append(tail)
    return "\n".join(filter(None, map(str.strip, "".join(parts).splitlines())))


_LINE_STARTS = BLOCKS | {"br"}


def extract_docx(data: bytes, limit: int) -> str:
    """Paragraphs and table rows of a .docx body, one per line, in document order.

    The archive is held to ``limit`` (corpus/limits.py) before anything is inflated.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    from corpus.limits import check_zip
    from corpus.zip_members import check_members

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip(archive.infolist(), limit)
            check_members(archive.infolist())
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        return "\n".join(_block_lines(body))
    except (zipfile.BadZipFile, PackageNotFoundError, zlib.error, EOFError):
        raise _damaged_docx(data) from None
    except etree.XMLSyntaxError as exc:
        if _TOO_LARGE in str(exc):
            raise ExtractError("a paragraph too large to read (over 10 MB of text in one piece); split it") from None
        raise ExtractError(f"corrupt .docx file ({type(exc).__name__})") from None
    except (KeyError, ValueError, AttributeError) as exc:
        raise ExtractError(f"corrupt .docx file ({type(exc).__name__})") from None


def _damaged_docx(data: bytes) -> ExtractError:
    """The problem of a .docx that python-docx could not unpack: the member that is damaged, if one is."""
    from corpus.zip_members import damaged, find_damaged

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            name = find_damaged(archive)
    except (zipfile.BadZipFile, ValueError, OSError):
        name = None
    if name is None:
        return ExtractError("corrupt .docx file (not a valid Word document archive)")
    return damaged("corrupt .docx file", name)


def _block_lines(container: Any) -> Iterator[str]:
    """Lines of the paragraphs and tables directly in ``container``, in order."""
    for el in container.iterchildren():
        if el.tag == _W + "p":
            yield _paragraph_text(el)
        elif el.tag == _W + "tbl":
            for tr in el.iterchildren(_W + "tr"):
                yield CELL_SEPARATOR.join(_cell_text(tc) for tc in tr.iterchildren(_W + "tc"))
        elif el.tag == _W + "sdt":
            content = el.find(_W + "sdtContent")
            if content is not None:
                yield from _block_lines(content)


def _paragraph_text(p: Any) -> str:
    """Text of a ``w:p`` element (python-docx's ``CT_P``: runs, hyperlinks, tabs and breaks)."""
    return str(p.text)


def _cell_text(tc: Any) -> str:
    """Text of one table cell on one line: its paragraphs and nested rows joined by spaces."""
    if _continues_vertical_merge(tc):
        return ""
    parts = [line.strip() for line in _block_lines(tc)]
    return " ".join(part for part in parts if part)


def _continues_vertical_merge(tc: Any) -> bool:
    """True for a cell that continues a vertical merge started in a row above."""
    tc_pr = tc.find(_W + "tcPr")
    if tc_pr is None:
        return False
    v_merge = tc_pr.find(_W + "vMerge")
    return v_merge is not None and v_merge.get(_W + "val", "continue") == "continue"
