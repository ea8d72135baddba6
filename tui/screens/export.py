"""The export dialog (``e``): pick a report (redline, 新旧对照表, 修改决定), a format and a file, then the
screen writes it in a worker.

Rule: the dialog returns ``(format, path, report)`` (or None) through
``dismiss``; it writes nothing itself. The path follows the chosen report and
format until the user edits it, and a suffix typed in the path (.html, .md,
.docx, .json) picks the format. A report in a format it cannot be written as
is refused in the dialog, with the command line's words.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet

from diffing.model import Diff
from diffing.reports import SUFFIXES, Format, Report, unsupported
from tui.jobs import suggest_export_path

__all__ = ["EXPORT_FORMATS", "EXPORT_REPORTS", "ExportScreen"]

EXPORT_REPORTS: tuple[tuple[Report, str], ...] = (
    ("redline", "the comparison, clause by clause"),
    ("table", "新旧对照表 (修改前 | 修改后 | 说明)"),
    ("amendments", "修改决定 (numbered amendments)"),
)

EXPORT_FORMATS: tuple[tuple[Format, str], ...] = (
    ("html", "HTML page (side by side, self-contained)"),
    ("md", "Markdown"),
    ("docx", "Word document (tracked-change style)"),
    ("json", "JSON (wendiff.diff v1)"),
    ("text", "plain text"),
)


class ExportScreen(ModalScreen[tuple[Format, Path, Report] | None]):
    """Report and format choice, and file name."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 80%; max-width: 100; height: auto; padding: 1 2; }
    ExportScreen .hint { margin-top: 1; color: $text-muted; width: 100%; }
    ExportScreen RadioSet, ExportScreen RadioSet:focus { border: none; }
    ExportScreen Input, ExportScreen Input:focus { border: none; height: 1; background: $boost; }
    """

    def __init__(self, diff: Diff, folder: Path | None = None) -> None:
        super().__init__()
        self.diff = diff
        self.folder = folder
        self.fmt: Format = "html"
        self.report: Report = "redline"
        self._suggested = suggest_export_path(diff, self.fmt, folder)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Export a report of this comparison")
            with RadioSet(id="reports"):
                for k, (report, text) in enumerate(EXPORT_REPORTS):
                    yield RadioButton(f"{report}: {text}", value=k == 0, id=f"report-{report}")
            with RadioSet(id="formats"):
                for k, (fmt, text) in enumerate(EXPORT_FORMATS):
                    yield RadioButton(f"{fmt}: {text}", value=k == 0, id=f"fmt-{fmt}")
            yield Label("File:")
            yield Input(str(self._suggested), id="path")
            yield Label(
                "the format follows the file's suffix (or pick one) · Enter writes · Esc cancels", classes="hint"
            )

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Changed, "#path")
    def _suffix(self, event: Input.Changed) -> None:
        fmt = SUFFIXES.get(Path(event.value).suffix.lower())
        if fmt is not None and fmt != self.fmt:
            self.query_one(f"#fmt-{fmt}", RadioButton).value = True

    @on(RadioSet.Changed, "#formats")
    def _format(self, event: RadioSet.Changed) -> None:
        self.fmt = EXPORT_FORMATS[event.index][0]
        self._follow()

    @on(RadioSet.Changed, "#reports")
    def _report(self, event: RadioSet.Changed) -> None:
        self.report = EXPORT_REPORTS[event.index][0]
        self._follow()

    def _follow(self) -> None:
        """The suggested path follows the report and format, unless the user edited it."""
        field = self.query_one("#path", Input)
        if field.value == str(self._suggested):
            self._suggested = suggest_export_path(self.diff, self.fmt, self.folder, self.report)
            field.value = str(self._suggested)

    def choice(self) -> tuple[Format, Path, Report] | None:
        """The chosen format, path and report (None without a path)."""
        text = self.query_one("#path", Input).value.strip()
        return (self.fmt, Path(text).expanduser(), self.report) if text else None

    @on(Input.Submitted, "#path")
    def _export(self) -> None:
        choice = self.choice()
        if choice is None:
            self.notify("Give a file name.", severity="warning")
            return
        reason = unsupported(self.report, self.fmt)
        if reason:
            self.notify(reason, severity="warning")
            return
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)
