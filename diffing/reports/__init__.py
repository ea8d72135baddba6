"""Every report of a diff: one writer per (report, format), registered in one table, `WRITERS`.

Rules:

* A report (`REPORTS`: the redline, the 新旧对照表, the 修改决定) is written in a
  format (`FORMATS`) by exactly one writer, a function of one module of this
  package, named in `WRITERS` with what it is given: the diff itself, the
  对照表 (`diffing.table`, with its notes) or the drafted decision
  (`diffing.amendments`). Nothing else lists reports or formats: the command
  line's choices (``--report``, ``--format``, their help and shell
  completion), `REPORT_FORMATS`, `SUFFIXES` and the app's export dialog are
  all derived from the table, so a writer added here shows up everywhere.
* Each writer's module is imported only when its report is asked for (a JSON
  report never pays for python-docx or rich); this module imports nothing at
  run time, so the command line can build its parser without loading the
  diff engine.
* `unsupported` words the refusal of a combination no writer covers, in one line.
* The modules: ``redline_<format>`` write the redline; `table` and
  `amendments` the 对照表 and the 修改决定 in every format; `order` is the one
  walk over a diff's rows (reading order, what counts as a change, folding)
  every writer and the app use; `wording`, `kit`, `meta`, `numbers`, `pins`,
  `blocks` and `html_assets` are what writers share; `lineage` and `annotate`
  write the store's lineage views.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from diffing.draft_style import Style
    from diffing.model import Diff

__all__ = [
    "FORMATS", "FORMAT_NAMES", "REPORTS", "REPORT_FORMATS", "REPORT_NAMES", "SUFFIXES", "WRITERS", "Format", "Report",
    "Writer", "render", "unsupported",
]  # fmt: skip

Format = Literal["text", "json", "html", "md", "docx"]
Report = Literal["redline", "table", "amendments"]


@dataclass(frozen=True)
class Writer:
    """One report in one format: the function that writes it and what it is given."""

    report: Report
    fmt: Format
    module: str
    """Its module, in this package."""
    function: str
    given: Literal["diff", "table", "decision"]
    """The diff, the 对照表 built from it, or the 修改决定 drafted from it."""
    colour: bool = False
    """Whether it takes ``color`` (the 对照表's text view) as its second argument."""


WRITERS: tuple[Writer, ...] = (
    Writer("redline", "text", "redline_text", "plain_text", "diff"),
    Writer("redline", "json", "redline_json", "dumps", "diff"),
    Writer("redline", "html", "redline_html", "render_html", "diff"),
    Writer("redline", "md", "redline_md", "render_markdown", "diff"),
    Writer("redline", "docx", "redline_docx", "render_docx", "diff"),
    Writer("table", "text", "table", "table_text", "table", colour=True),
    Writer("table", "html", "table", "table_html", "table"),
    Writer("table", "md", "table", "table_markdown", "table"),
    Writer("table", "docx", "table", "table_docx", "table"),
    Writer("amendments", "text", "amendments", "amendments_text", "decision"),
    Writer("amendments", "html", "amendments", "amendments_html", "decision"),
    Writer("amendments", "md", "amendments", "amendments_markdown", "decision"),
    Writer("amendments", "docx", "amendments", "amendments_docx", "decision"),
)
"""Every (report, format) wendiff writes; the first report and format are the defaults."""

FORMATS: tuple[Format, ...] = tuple(dict.fromkeys(w.fmt for w in WRITERS))
REPORTS: tuple[Report, ...] = tuple(dict.fromkeys(w.report for w in WRITERS))
"""``redline``: the diff itself (every format); ``table``: 新旧对照表; ``amendments``: 修改决定."""
REPORT_FORMATS: dict[Report, tuple[Format, ...]] = {r: tuple(w.fmt for w in WRITERS if w.report == r) for r in REPORTS}
REPORT_NAMES: dict[Report, tuple[str, str]] = {
    "redline": ("redline", "the comparison, clause by clause"),
    "table": ("新旧对照表", "新旧对照表 (修改前 | 修改后 | 说明)"),
    "amendments": ("修改决定", "修改决定 (numbered amendments)"),
}
"""Each report's name and a one-line description (the export dialog)."""
FORMAT_NAMES: dict[Format, tuple[str, str, tuple[str, ...]]] = {
    "text": ("text", "plain text", ()),
    "json": ("JSON", "JSON (wendiff.diff)", (".json",)),
    "html": ("HTML", "HTML page (side by side, self-contained)", (".html", ".htm")),
    "md": ("Markdown", "Markdown", (".md",)),
    "docx": ("Word", "Word document (tracked-change style)", (".docx",)),
}
"""Each format's name, a one-line description and the file suffixes that choose it (``text`` is the
default of any other suffix)."""
SUFFIXES: dict[str, Format] = {suffix: fmt for fmt in FORMATS for suffix in FORMAT_NAMES[fmt][2]}
_BY_KEY: dict[tuple[Report, Format], Writer] = {(w.report, w.fmt): w for w in WRITERS}


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
    from importlib import import_module

    reason = unsupported(report, fmt)
    if reason:
        raise ValueError(reason)
    writer = _BY_KEY[(report, fmt)]
    write = getattr(import_module(f"{__name__}.{writer.module}"), writer.function)
    given: object = diff
    if writer.given == "table":
        given = _table(diff, full)
    elif writer.given == "decision":
        from diffing.amendments import draft

        given = draft(diff, style=style)  # ends as a promulgated decision does; it quotes each changed quantity whole
    out: str | bytes = write(given, color) if writer.colour else write(given)
    return out


def _table(diff: Diff, full: bool) -> object:
    """The 对照表 of ``diff``, with its notes (changed numbers, pins)."""
    from dataclasses import replace

    from diffing.reports.numbers import number_items, numbers_lines
    from diffing.reports.pins import pin_lines
    from diffing.table import build_table

    notes = (*numbers_lines(number_items(diff)), *pin_lines(diff))
    return replace(build_table(diff, full), notes=notes)
