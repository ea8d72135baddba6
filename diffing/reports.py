"""One door to every report format of a diff.

Rules: each format lives in its own module and is imported only when asked for
(a JSON report never pays for python-docx or rich); this module itself imports
nothing at run time, so the command line can offer `FORMATS` and `SUFFIXES`
without loading the diff engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from diffing.model import Diff

__all__ = ["FORMATS", "SUFFIXES", "Format", "render"]

Format = Literal["text", "json", "html", "md", "docx"]
FORMATS: tuple[Format, ...] = ("text", "json", "html", "md", "docx")
SUFFIXES: dict[str, Format] = {".json": "json", ".html": "html", ".htm": "html", ".md": "md", ".docx": "docx"}


def render(diff: Diff, fmt: Format) -> str | bytes:
    """The report of ``diff`` in format ``fmt`` (``text`` is the plain terminal view)."""
    if fmt == "json":
        from diffing.report_json import dumps

        return dumps(diff)
    if fmt == "html":
        from diffing.report_html import render_html

        return render_html(diff)
    if fmt == "md":
        from diffing.report_md import render_markdown

        return render_markdown(diff)
    if fmt == "docx":
        from diffing.report_docx import render_docx

        return render_docx(diff)
    from diffing.report_text import TextView, render_text

    return render_text(diff, TextView(color=False, width=100))
