"""The python-docx names the Word writers borrow (`diffing.docx_compat`) still exist and hold the XML expected."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

from diffing.docx_compat import footer_element, paragraph_element, run_element, set_part_blob


def test_a_paragraph_a_run_and_a_footer_give_their_wordprocessingml_elements() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    run = paragraph.add_run("条")
    assert paragraph_element(paragraph).tag == qn("w:p")
    assert run_element(run).tag == qn("w:r")
    assert footer_element(document.sections[0].footer).tag == qn("w:ftr")


def test_a_part_saved_after_set_part_blob_holds_the_new_bytes() -> None:
    document = docx.Document()
    part = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    blob = part.blob.replace(b"</w:fonts>", b'<w:font w:name="wendiff"/></w:fonts>')
    set_part_blob(part, blob)
    out = io.BytesIO()
    document.save(out)
    reopened = docx.Document(io.BytesIO(out.getvalue()))
    font_table = next(p for p in reopened.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    assert b'w:name="wendiff"' in font_table.blob
