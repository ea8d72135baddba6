"""The export dialog (``e``): pick a report (redline, 新旧对照表, 修改决定), a format and a file, then the
screen writes it in a worker.

Rule: the dialog returns ``(format, path, report)`` (or None) through
``dismiss``; it writes nothing itself. The path follows the chosen report and
format until the user edits it, and a suffix typed in the path (.html, .md,
.docx, .json, .txt) picks the format. The formats a report cannot be written
as are disabled while it is chosen. Enter writes wherever the focus is: in the
format list it picks the highlighted format first. A folder that does not
exist is refused (never created), and an existing file is overwritten only
when Enter is pressed again on the same path. Under the field, the whole path is shown with its middle elided, so a
narrow terminal still shows the folder and the name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet

from diffing.model import Diff
from diffing.reports import FORMAT_NAMES, FORMATS, REPORT_FORMATS, REPORT_NAMES, REPORTS, SUFFIXES, Format, Report
from tui.jobs import suggest_export_path
from tui.wrap import elide_middle, width

__all__ = ["EXPORT_FORMATS", "EXPORT_REPORTS", "ExportScreen", "FormatList"]

EXPORT_REPORTS: tuple[tuple[Report, str], ...] = tuple((report, REPORT_NAMES[report][1]) for report in REPORTS)
"""Every report `diffing.reports` writes, with its description."""
_ORDER = ("html", "md", "docx", "json", "text")
EXPORT_FORMATS: tuple[tuple[Format, str], ...] = tuple(
    (fmt, FORMAT_NAMES[fmt][1])
    for fmt in sorted(FORMATS, key=lambda f: (_ORDER.index(f) if f in _ORDER else len(_ORDER), f))
)
"""Every report format `diffing.reports` writes (a new kind shows up here by itself), known ones first."""
_SUFFIXES: dict[str, Format] = {**SUFFIXES, ".txt": "text"}


def refusal(report: Report, fmt: Format) -> str | None:
    """Why the dialog cannot write ``report`` as ``fmt``, in its own words (None: it can)."""
    allowed = REPORT_FORMATS[report]
    if fmt in allowed:
        return None
    others = ", ".join(FORMAT_NAMES[f][0] for f in allowed)
    return f"The {REPORT_NAMES[report][0]} cannot be written as {FORMAT_NAMES[fmt][0]}: pick {others}."


class FormatList(RadioSet):
    """The formats; Enter picks the highlighted one and asks for the report to be written."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Write", show=False, tooltip="Pick this format and write the report"),
    ]

    @dataclass
    class Chosen(Message):
        """Enter on a format: write it."""

        index: int

    def action_choose(self) -> None:
        buttons = list(self.query(RadioButton))
        index = next((k for k, b in enumerate(buttons) if b.has_class("-selected")), self.pressed_index)
        if index >= 0:
            self.post_message(self.Chosen(index))


class ExportScreen(ModalScreen[tuple[Format, Path, Report] | None]):
    """Report and format choice, and file name."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 80%; max-width: 100; height: auto; padding: 1 2; }
    ExportScreen .hint { margin-top: 1; color: $text-muted; width: 100%; }
    ExportScreen RadioSet, ExportScreen RadioSet:focus { border: none; }
    ExportScreen Input, ExportScreen Input:focus { border: none; height: 1; background: $boost; }
    ExportScreen .path { color: $text-muted; width: 100%; }
    """

    def __init__(self, diff: Diff, folder: Path | None = None) -> None:
        super().__init__()
        self.diff = diff
        self.folder = folder
        self.fmt: Format = "html"
        self.report: Report = "redline"
        self._suggested = suggest_export_path(diff, self.fmt, folder)
        self._confirmed: Path | None = None
        """An existing file the user was warned about: Enter again on it overwrites."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Export a report of this comparison")
            yield Label("Report:")
            with RadioSet(id="reports"):
                for k, (report, text) in enumerate(EXPORT_REPORTS):
                    yield RadioButton(f"{report}: {text}", value=k == 0, id=f"report-{report}")
            yield Label("Format:")
            with FormatList(id="formats"):
                for k, (fmt, text) in enumerate(EXPORT_FORMATS):
                    yield RadioButton(f"{fmt}: {text}", value=k == 0, id=f"fmt-{fmt}")
            yield Label("File:")
            yield Input(str(self._suggested), id="path")
            yield Label(str(self._suggested), id="path-shown", classes="path")
            yield Label(
                "the format follows the file's suffix (or pick one) · Enter writes · Esc cancels", classes="hint"
            )

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()
        self._show_path()

    def on_resize(self) -> None:
        self._show_path()

    def _show_path(self) -> None:
        """Under the field, the whole path with its middle elided, when the field cannot show all of it."""
        shown, field = self.query_one("#path-shown", Label), self.query_one("#path", Input)
        room = shown.content_region.width or self.app.size.width - 20
        fits = width(field.value) < (field.content_region.width or room)
        shown.update("" if fits else elide_middle(field.value, max(8, room)))
        shown.display = not fits

    @on(Input.Changed, "#path")
    def _suffix(self, event: Input.Changed) -> None:
        self._show_path()
        self._confirmed = None
        fmt = _SUFFIXES.get(Path(event.value).suffix.lower())
        if fmt is not None and fmt != self.fmt:
            self.query_one(f"#fmt-{fmt}", RadioButton).value = True

    @on(RadioSet.Changed, "#formats")
    def _format(self, event: RadioSet.Changed) -> None:
        self._pick(event.index)

    @on(RadioSet.Changed, "#reports")
    def _report(self, event: RadioSet.Changed) -> None:
        self.report = EXPORT_REPORTS[event.index][0]
        allowed = REPORT_FORMATS[self.report]
        for fmt, _ in EXPORT_FORMATS:
            self.query_one(f"#fmt-{fmt}", RadioButton).disabled = fmt not in allowed
        if self.fmt not in allowed:
            self.query_one(f"#fmt-{allowed[0] if 'html' not in allowed else 'html'}", RadioButton).value = True
        self._follow()

    def _pick(self, index: int) -> None:
        self.fmt = EXPORT_FORMATS[index][0]
        self._follow()

    def _follow(self) -> None:
        """The suggested path follows the report and format, unless the user edited it."""
        field = self.query_one("#path", Input)
        if field.value == str(self._suggested):
            self._suggested = suggest_export_path(self.diff, self.fmt, self.folder, self.report)
            field.value = str(self._suggested)

    @on(FormatList.Chosen)
    def _chosen(self, event: FormatList.Chosen) -> None:
        self._pick(event.index)
        self._export()

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
        reason = refusal(self.report, self.fmt)
        if reason:
            self.notify(reason, severity="warning")
            return
        path = choice[1]
        if not path.parent.is_dir():
            self.notify(f"No folder {path.parent}: create it first, or write elsewhere.", severity="warning")
            return
        if path.is_dir():
            self.notify(f"{path} is a folder: give a file name.", severity="warning")
            return
        if path.exists() and self._confirmed != path:
            self._confirmed = path
            self.notify(f"{path.name} already exists: Enter again overwrites it (Esc cancels).", severity="warning")
            return
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)
