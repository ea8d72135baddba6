"""One door to every report of a diff: which report (redline, 对照表, 修改决定) in which format.

Rules: each report and format lives in its own module and is imported only when
asked for (a JSON report never pays for python-docx or rich); this module itself
imports nothing at run time, so the command line can offer `FORMATS`,
`SUFFIXES` and `REPORTS` without loading the diff engine. `REPORT_FORMATS`
says which formats each report can be written as; `unsupported` words the
refusal of any other combination in one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Callable

    from diffing.amendments import Decision
    from diffing.draft_style import Style
    from diffing.model import Diff
    from diffing.table import Table

__all__ = ["FORMATS", "REPORTS", "REPORT_FORMATS", "SUFFIXES", "Format", "Report", "render", "unsupported"]

Format = Literal["text", "json", "html", "md", "docx"]
FORMATS: tuple[Format, ...] = ("text", "json", "html", "md", "docx")
SUFFIXES: dict[str, Format] = {".json": "json", ".html": "html", ".htm": "html", ".md": "md", ".docx": "docx"}

Report = Literal["redline", "table", "amendments"]
REPORTS: tuple[Report, ...] = ("redline", "table", "amendments")
"""``redline``: the diff itself (every format); ``table``: 新旧对照表; ``amendments``: 修改决定."""
REPORT_FORMATS: dict[Report, tuple[Format, ...]] = {
    "redline": FORMATS,
    "table": ("text", "html", "md", "docx"),
    "amendments": ("text", "html", "md", "docx"),
}


def unsupported(report: Report, fmt: Format) -> str | None:
    """Why ``report`` cannot be written as ``fmt`` (one line), or None when it can."""
    if fmt in REPORT_FORMATS[report]:
        return None
    return f"--report {report} cannot be written as {fmt} (it can be: {', '.join(REPORT_FORMATS[report])})"


def render(
    diff: Diff,
    fmt: Format,
    report: Report = "redline",
    full: bool = False,
    color: bool = False,
    style: Style | None = None,
) -> str | bytes:
    """The ``report`` of ``diff`` in format ``fmt`` (``text`` is the plain terminal view).

    ``full`` shows unchanged and renumber-only articles in the 对照表; ``color``
    colours its text view; ``style`` is the issuer's drafting style of the 修改决定
    (guessed from the documents when None). Raises ValueError for a combination
    `unsupported` refuses.
    """
    reason = unsupported(report, fmt)
    if reason:
        raise ValueError(reason)
    if report == "table":
        return _table(diff, fmt, full, color)
    if report == "amendments":
        return _amendments(diff, fmt, style)
    if fmt == "json":
        from diffing.reports.redline_json import dumps

        return dumps(diff)
    if fmt == "html":
        from diffing.reports.redline_html import render_html

        return render_html(diff)
    if fmt == "md":
        from diffing.reports.redline_md import render_markdown

        return render_markdown(diff)
    if fmt == "docx":
        from diffing.reports.redline_docx import render_docx

        return render_docx(diff)
    from diffing.reports.redline_text import TextView, render_text

    return render_text(diff, TextView(color=False, width=100))


def _table(diff: Diff, fmt: Format, full: bool, color: bool) -> str | bytes:
    from dataclasses import replace

    from diffing.reports import table as writer
    from diffing.reports.numbers import number_items, numbers_lines
    from diffing.reports.pins import pin_lines
    from diffing.table import build_table

    notes = (*numbers_lines(number_items(diff)), *pin_lines(diff))
    table = replace(build_table(diff, full), notes=notes)
    if fmt == "text":
        return writer.table_text(table, color)
    writers: dict[str, Callable[[Table], str | bytes]] = {
        "html": writer.table_html,
        "md": writer.table_markdown,
        "docx": writer.table_docx,
    }
    return writers[fmt](table)


def _amendments(diff: Diff, fmt: Format, style: Style | None) -> str | bytes:
    from diffing.amendments import draft
    from diffing.reports import amendments

    decision = draft(diff, style=style)  # ends as a promulgated decision does; it quotes each changed quantity whole
    writers: dict[str, Callable[[Decision], str | bytes]] = {
        "text": amendments.amendments_text,
        "html": amendments.amendments_html,
        "md": amendments.amendments_markdown,
        "docx": amendments.amendments_docx,
    }
    return writers[fmt](decision)
