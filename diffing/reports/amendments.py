"""The 修改决定 written out: terminal text, Markdown, HTML and Word, from one `Decision` value.

Rules: every writer shows the heading (关于修改《…》的决定（草稿）), the
advice line when there is one (`Decision.advice`: a 修订 suits better), the
introductory sentence, the numbered items (一、二、…), the closing sentence and
the ending (本决定自…起施行。《…》根据本决定作相应修改，重新公布。), in that
order (or one line saying why there are none), one paragraph per paragraph of
the decision (a quote of several paragraphs keeps one paragraph each). Text is
what `Decision.numbered` and `Decision.ending` give: the text writer prints
exactly it; the others escape it for their format and make control characters
visible.
"""

from __future__ import annotations

import io

from diffing.amendments import Decision
from diffing.reports.kit import W_NS, add_run, escape, html_page, new_document, title_face, w_paragraph, w_run
from diffing.visible import mark_plain

__all__ = ["amendments_docx", "amendments_html", "amendments_markdown", "amendments_text"]


def _paragraphs(decision: Decision) -> list[str]:
    return [line for item in decision.numbered() for line in item.split("\n")]


def _body(decision: Decision) -> list[str]:
    """The paragraphs after the introduction, or one line saying why there are none."""
    if decision.items or decision.closing:
        return [*_paragraphs(decision), *decision.ending]
    if not decision.articles:
        return ["（两个文本都没有“第X条”式的条文，无从起草修改决定；请看 --report table 或 redline。）"]
    return ["（两个版本的条文没有差别。）"]


def _advice(decision: Decision) -> list[str]:
    return [decision.advice] if decision.advice else []


def amendments_text(decision: Decision) -> str:
    """Plain text: heading, blank line, introduction, one line per paragraph."""
    lines = [decision.heading, "", *_advice(decision), decision.intro, *_body(decision)]
    return "\n".join(mark_plain(line) for line in lines) + "\n"


def amendments_markdown(decision: Decision) -> str:
    """Markdown: the heading as ``#``, each paragraph its own escaped paragraph."""
    from diffing.reports.redline_md import escape_markdown

    def para(text: str) -> str:
        escaped = escape_markdown(mark_plain(text))
        return "\\" + escaped if escaped[:1] in "#-+=>" or escaped[:1].isdigit() else escaped

    lines = [f"# {escape_markdown(decision.heading)}", ""]
    lines += [f"> {escape_markdown(line)}\n" for line in _advice(decision)]
    lines += [para(decision.intro), ""]
    for line in _body(decision):
        lines += [para(line), ""]
    return "\n".join(lines)


_CSS = """
body{font-family:"Noto Serif CJK SC","Source Han Serif SC",SimSun,"Songti SC",serif;max-width:52em;
margin:2em auto;padding:0 1em;line-height:1.9;color:#111;background:#fff}
h1{font-size:1.4em;text-align:center}
p{margin:0;text-indent:2em}
p.advice{text-indent:0;margin:0 0 1em;padding:.4em .8em;border-left:4px solid #c90;background:#fff8e6;font-size:.9em}
@media print{@page{size:A4;margin:25mm}}
""".strip()


def amendments_html(decision: Decision) -> str:
    """One self-contained HTML page."""
    body = [f"<h1>{escape(decision.heading)}</h1>"]
    body += [f'<p class="advice">{escape(line)}</p>' for line in _advice(decision)]
    body.append(f"<p>{escape(decision.intro)}</p>")
    body += [f"<p>{escape(line)}</p>" for line in _body(decision)]
    return html_page(decision.heading, _CSS, "\n".join(body))


def amendments_docx(decision: Decision) -> bytes:
    """A .docx on A4: the heading centred, each paragraph indented by two characters."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt
    from lxml import etree

    from diffing.docx_compat import paragraph_element

    document = new_document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = add_run(title, decision.heading, bold=True)
    run.font.size = Pt(16)
    title_face(run)
    lines = [*_advice(decision), decision.intro, *_body(decision)]
    paragraphs = "".join(w_paragraph([w_run(line)], indent=480) for line in lines)
    body = etree.fromstring(f'<w:body xmlns:w="{W_NS}">{paragraphs}</w:body>'.encode())
    anchor = paragraph_element(title)
    for p in list(body):
        anchor.addnext(p)
        anchor = p
    document.core_properties.title = decision.heading[:255]
    document.core_properties.author = "wendiff"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
