"""Make the documents of tests/data/formats from the seeds and real pairs 01 and 06.

Run by hand (``.venv/bin/python tests/data/formats/make_fixtures.py``) with LibreOffice
and fonts-noto-cjk installed; the outputs are committed, so the tests need neither the
network nor this script. What it makes (``NAME`` is a seed number, ``01a``, ``01b``,
``06a`` or ``06b``):

* ``NAME.pdf``, ``NAME.doc``, ``NAME.odt``: a .docx with one paragraph per line of the
  source .txt (python-docx), converted by LibreOffice; the PDF carries real CJK glyphs
  and a text layer.
* ``furnished.pdf``: seed 002 in two columns, with a running header and a footer
  holding the page number ``- N -`` on every page (the shape of a real notice PDF).
* ``scan.pdf``: the first page of ``000.pdf`` rendered to an image and wrapped in a
  PDF: an image with no text layer.
* ``partly_scanned.pdf``: ``01a.pdf`` with the page of ``scan.pdf`` between its two
  pages: a text layer on pages 1 and 3, an image only on page 2.
* ``encrypted.pdf``: ``01a`` exported with a password to open it.
* ``01a.rtf``: ``01a`` as RTF.
* ``official.pdf`` (``make_fixtures.py official`` makes it alone) and its text ``official.txt``:
  an A4 official-style notice (web page 03's body under its title on one line, 17 pt bold,
  body 16 pt): the title is the running header of pages 2 and on (a different first page), and
  every page has the footer ``— N —``.
* ``000.ofd``: seed 000 as an OFD package built from the standard's structure
  (OFD.xml, Document.xml, one Content.xml per page), with a running header and a page
  number on every page and the text objects of each page written bottom-up, so that
  reading order must come from the coordinates.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from diffing.docx_compat import paragraph_element

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SEEDS = ROOT / "corpus" / "samples" / "seeds"
REAL = ROOT / "tests" / "data" / "real"


def sources() -> dict[str, Path]:
    """The .txt behind each fixture name."""
    out = {path.name[:3]: path for path in sorted(SEEDS.glob("*.txt"))}
    for pair, short in (("01_holiday_measures", "01"), ("06_company_law", "06")):
        for side in ("a", "b"):
            out[f"{short}{side}"] = REAL / pair / f"{side}.txt"
    return out


def write_docx(text: str, target: Path, *, furnished: bool = False) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    if furnished:
        section = document.sections[0]
        cols = OxmlElement("w:cols")
        cols.set(qn("w:num"), "2")
        cols.set(qn("w:space"), "425")
        section._sectPr.append(cols)
        section.header.paragraphs[0].text = "自然资源部办公厅文件（征求意见稿）"
        footer = section.footer.paragraphs[0]
        footer.add_run("- ")
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        run.append(t)
        field.append(run)
        paragraph_element(footer).append(field)
        footer.add_run(" -")
    document.save(str(target))


def soffice(source: Path, target_format: str, outdir: Path, profile: Path) -> Path:
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target_format,
         "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return outdir / f"{source.stem}.{target_format.split(':')[0]}"


def insert_scan(pdf_path: Path, scan_path: Path, target: Path) -> None:
    """``pdf_path`` with the page of ``scan_path`` inserted as its second page."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf_path))
    document.import_pages(pdfium.PdfDocument(str(scan_path)), [0], index=1)
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(buffer.getvalue())


def scan_of(pdf_path: Path, target: Path) -> None:
    """The first page of ``pdf_path`` as an image-only PDF."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(pdf_path))
    page = source[0]
    width, height = page.get_size()
    bitmap = page.render(scale=1.5)
    out = pdfium.PdfDocument.new()
    new_page = out.new_page(width, height)
    image = pdfium.PdfImage.new(out)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(width, height))
    new_page.insert_obj(image)
    new_page.gen_content()
    buffer = io.BytesIO()
    out.save(buffer)
    target.write_bytes(buffer.getvalue())


_OFD_NS = "http://www.ofdspec.org/2016"


def write_ofd(text: str, target: Path, lines_per_page: int = 18, chars_per_line: int = 36) -> None:
    """An OFD package of ``text``: hard-wrapped lines, a header and a page number on each page."""
    wrapped: list[str] = []
    for paragraph in text.splitlines():
        if not paragraph:
            continue
        wrapped.extend(paragraph[i : i + chars_per_line] for i in range(0, len(paragraph), chars_per_line))
    pages = [wrapped[i : i + lines_per_page] for i in range(0, len(wrapped), lines_per_page)]
    size = 4.2
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="{_OFD_NS}" Version="1.0" DocType="OFD">'
            "<ofd:DocBody><ofd:DocInfo><ofd:DocID>wendiff-test</ofd:DocID></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        page_refs = "".join(
            f'<ofd:Page ID="{10 + k}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k in range(len(pages))
        )
        z.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="{_OFD_NS}"><ofd:CommonData>'
            '<ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>'
            '</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>'
            f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>",
        )
        z.writestr(
            "Doc_0/PublicRes.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="{_OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
            '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>',
        )
        for k, lines in enumerate(pages):
            objects = [(12.0, "自然资源部办公厅文件"), (285.0, f"- {k + 1} -")]
            objects += [(30.0 + 8.0 * n, line) for n, line in enumerate(lines)]
            body = []
            for uid, (y, line) in enumerate(sorted(objects, reverse=True), start=100):
                # Each line is two text objects, the right half first: order comes from X and Y.
                half = len(line) // 2
                parts = [(25.0 + size * half, line[half:]), (25.0, line[:half])] if half else [(25.0, line)]
                for m, (x, part) in enumerate(parts):
                    box = f"{x} {y - size} {size * len(part) + 1} {size * 1.5}"
                    body.append(
                        f'<ofd:TextObject ID="{uid * 2 + m}" Boundary="{box}"'
                        f' Font="2" Size="{size}"><ofd:TextCode X="0" Y="{size}">{escape(part)}</ofd:TextCode>'
                        "</ofd:TextObject>"
                    )
            z.writestr(
                f"Doc_0/Pages/Page_{k}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="{_OFD_NS}"><ofd:Content>'
                f'<ofd:Layer ID="{k + 2}">{"".join(body)}</ofd:Layer></ofd:Content></ofd:Page>',
            )


def write_official(text: str, target: Path) -> None:
    """An A4 official-style .docx: title 17 pt bold (on one line), body 16 pt, the title as the header of
    pages 2 and on, ``— N —`` in the footer of every page."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    title, *body = text.splitlines()
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.different_first_page_header_footer = True
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.font.size, run.font.bold = Pt(17), True
    for line in body:
        document.add_paragraph().add_run(line).font.size = Pt(16)
    section.header.paragraphs[0].text = title
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for footer in (section.footer, section.first_page_footer):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run("— ")
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        number = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        number.append(t)
        field.append(number)
        paragraph_element(paragraph).append(field)
        paragraph.add_run(" —")
    document.save(str(target))


def official() -> None:
    """``official.txt`` and ``official.pdf`` (see the module's docstring)."""
    web = ROOT / "tests" / "data" / "web"
    title = next(m["title"] for m in json.loads((web / "manifest.json").read_text(encoding="utf-8"))
                 if m["file"] == "03.html")  # fmt: skip
    body = (web / "03.body.txt").read_text(encoding="utf-8").splitlines()[2:]
    text = "\n".join([title, *body]) + "\n"
    (HERE / "official.txt").write_text(text, encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        write_official(text, tmp / "official.docx")
        shutil.copy(soffice(tmp / "official.docx", "pdf", tmp, tmp / "profile"), HERE / "official.pdf")


def main() -> int:
    if shutil.which("soffice") is None:
        print("make_fixtures: needs LibreOffice (soffice)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        profile = tmp / "profile"
        for name, source in sources().items():
            docx_path = tmp / f"{name}.docx"
            write_docx(source.read_text(encoding="utf-8"), docx_path)
            for fmt in ("pdf", "doc", "odt"):
                shutil.copy(soffice(docx_path, fmt, tmp, profile), HERE / f"{name}.{fmt}")
        shutil.copy(soffice(tmp / "01a.docx", "rtf", tmp, profile), HERE / "01a.rtf")
        furnished = tmp / "furnished.docx"
        write_docx((SEEDS / "002_d0ddb9b1e7b12973.txt").read_text(encoding="utf-8"), furnished, furnished=True)
        shutil.copy(soffice(furnished, "pdf", tmp, profile), HERE / "furnished.pdf")
        secret = tmp / "encrypted.docx"
        shutil.copy(tmp / "01a.docx", secret)
        options = (
            'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
            '"DocumentOpenPassword":{"type":"string","value":"wendiff"}}'
        )
        shutil.copy(soffice(secret, options, tmp, profile), HERE / "encrypted.pdf")
    scan_of(HERE / "000.pdf", HERE / "scan.pdf")
    insert_scan(HERE / "01a.pdf", HERE / "scan.pdf", HERE / "partly_scanned.pdf")
    write_ofd((SEEDS / "000_fda571e414a07d3f.txt").read_text(encoding="utf-8"), HERE / "000.ofd")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["official"]:
        official()
        raise SystemExit(0)
    raise SystemExit(main())
