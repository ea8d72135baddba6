"""What the 对照表 and 修改决定 writers share: visible control characters, an HTML page, a Word document.

Rules:

* Document text never acts on the page: bidirectional controls (U+202A–202E,
  U+2066–2069, U+200E/200F, U+061C), other invisible format characters and
  controls are shown as a visible mark ``<U+202E>``, never applied, as in
  every other report (`diffing.visible` decides which); HTML text is escaped.
* An HTML page is one self-contained file: inline CSS, no script, a
  Content-Security-Policy that forbids any network access.
* A Word document has Chinese text in a Chinese face and A4 pages (landscape on
  request); characters XML cannot hold become U+FFFD. Long bodies are written
  as WordprocessingML text (`w_paragraph`, `w_run`) and parsed once: python-docx
  adding runs one by one takes seconds on a large law.
"""

from __future__ import annotations

import html
import re
from typing import Any

from diffing.docx_compat import footer_element, paragraph_element, run_element, set_part_blob
from diffing.visible import mark_plain

__all__ = [
    "FULL_WIDTH_PUNCTUATION",
    "W_NS",
    "add_page_numbers",
    "add_run",
    "chinese_normal_style",
    "escape",
    "html_page",
    "new_document",
    "title_face",
    "w_paragraph",
    "w_run",
    "xml_safe",
]

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
FULL_WIDTH_PUNCTUATION = "html{text-spacing-trim:space-all}"
"""Full-width punctuation keeps its full width at a line's end. Chromium's default (``normal``) lets a
closing bracket such as ``）`` that ends a paragraph hang half outside the column, so a page fitting
its width still scrolls sideways by a few pixels at some widths (seen at 323, 418 and 530 px)."""


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _INVALID_XML.sub("\ufffd", text)


def escape(text: str) -> str:
    """Document text as HTML: escaped, controls made visible."""
    return html.escape(mark_plain(text), quote=True)


def html_page(title: str, css: str, body: str) -> str:
    """A whole HTML document (``body`` is HTML already; ``title`` is plain text)."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{FULL_WIDTH_PUNCTUATION}\n{css}\n</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def new_document(landscape: bool = False) -> Any:
    """A python-docx document: A4 (landscape on request), 20 mm margins, SimSun for Chinese."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    chinese_normal_style(document)
    add_page_numbers(section)
    return document


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
"""The WordprocessingML namespace: fragments of `w_paragraph` are parsed inside an element declaring it."""


_PAGE_NUMBER = (
    f'<w:p xmlns:w="{W_NS}"><w:pPr><w:jc w:val="center"/></w:pPr>'
    '<w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p>'
)
"""A centred footer paragraph holding the page number as offices print it: — 1 —."""


def add_page_numbers(section: Any) -> None:
    """Page numbers (— N —, a PAGE field) in the section's footer, and in its first page's footer when the
    first page has its own."""
    from lxml import etree

    footers = [section.footer]
    if section.different_first_page_header_footer:
        footers.append(section.first_page_footer)
    for footer in footers:
        footer.is_linked_to_previous = False
        for p in footer.paragraphs:
            paragraph_element(p).getparent().remove(paragraph_element(p))
        footer_element(footer).append(etree.fromstring(_PAGE_NUMBER.encode()))


BODY_FACE = "仿宋"
"""The face of body text in official documents (FangSong; 仿宋_GB2312 where installed)."""
HEADING_FACE = "黑体"
"""The face of headings (SimHei)."""
TITLE_FACE = "方正小标宋简体"
"""The face of a document's title (FZXiaoBiaoSong-B05S), falling back to 宋体."""
_FALLBACKS = {
    BODY_FACE: ("FangSong", "仿宋_GB2312", "modern"),
    HEADING_FACE: ("SimHei", "黑体", "modern"),
    TITLE_FACE: ("FZXiaoBiaoSong-B05S", "宋体", "roman"),
}
"""For each face: its other names (Word's ``altName``), and its family, for a reader that lacks it."""


def chinese_normal_style(document: Any) -> None:
    """The official faces: body text (the Normal style) in 仿宋, headings (Heading 1–6, Title) in 黑体 and
    小标宋, Chinese marked zh-CN; the font table names each face's other names and family so that a
    machine without it substitutes a like one."""
    from docx.oxml.ns import qn
    from lxml import etree

    def face(style_name: str, east_asia: str) -> None:
        try:
            style = document.styles[style_name]
        except KeyError:
            return
        r_pr = style.element.get_or_add_rPr()
        fonts = r_pr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = etree.SubElement(r_pr, qn("w:rFonts"))
        fonts.set(qn("w:eastAsia"), east_asia)
        for attr in ("w:eastAsiaTheme",):
            fonts.attrib.pop(qn(attr), None)

    face("Normal", BODY_FACE)
    for level in range(1, 7):
        face(f"Heading {level}", HEADING_FACE)
    face("Title", TITLE_FACE)
    r_pr = document.styles["Normal"].element.get_or_add_rPr()
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(r_pr, qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    _font_table(document)


def _font_table(document: Any) -> None:
    """The official faces in the font table, with their other names and family (module constants)."""
    from lxml import etree

    part = next((p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    w = f"{{{W_NS}}}"
    known = {el.get(f"{w}name") for el in root}
    for name, (alt, other, family) in _FALLBACKS.items():
        if name in known:
            continue
        font = etree.SubElement(root, f"{w}font", {f"{w}name": name})
        etree.SubElement(font, f"{w}altName", {f"{w}val": f"{alt},{other}"})
        etree.SubElement(font, f"{w}charset", {f"{w}val": "86"})
        etree.SubElement(font, f"{w}family", {f"{w}val": family})
        etree.SubElement(font, f"{w}pitch", {f"{w}val": "variable"})
    set_part_blob(part, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def title_face(run: Any) -> None:
    """A title run in the title face (小标宋)."""
    from docx.oxml.ns import qn

    run.font.name = None
    r_pr = run_element(run).get_or_add_rPr()
    fonts = r_pr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), TITLE_FACE)


def add_run(paragraph: Any, text: str, strike: bool = False, bold: bool = False) -> Any:
    """A run of ``text`` (controls made visible, XML-safe), struck or bold on request."""
    run = paragraph.add_run(xml_safe(mark_plain(text)))
    if strike:
        run.font.strike = True
    if bold:
        run.bold = True
    return run


def w_run(text: str, strike: bool = False, bold: bool = False) -> str:
    """A ``w:r`` of ``text`` as XML text (controls made visible, XML-safe, spaces kept)."""
    from xml.sax.saxutils import escape as xml_escape

    props = ("<w:b/>" if bold else "") + ("<w:strike/>" if strike else "")
    props = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{xml_escape(xml_safe(mark_plain(text)))}</w:t></w:r>'


def w_paragraph(runs: list[str], center: bool = False, indent: int = 0) -> str:
    """A ``w:p`` holding ``runs`` as XML text; ``indent`` is the first line's indent in twentieths of a point."""
    props = ('<w:jc w:val="center"/>' if center else "") + (f'<w:ind w:firstLine="{indent}"/>' if indent else "")
    props = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f"<w:p>{props}{''.join(runs)}</w:p>"
