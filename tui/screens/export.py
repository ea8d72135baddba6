"""The export dialog (``e``): pick a report (redline, 新旧对照表, 修改决定), a format and a file, then the
screen writes it in a worker.

Rule: the dialog returns an `ExportChoice` (format, path, report and, for the
修改决定, the issuer's drafting style) or None through ``dismiss``; it writes
nothing itself. The style list shows only while the 修改决定 is chosen, and
starts on the style the command line would guess (`diffing.amendments.style_of`). The path follows the chosen report and
format until the user edits it, and a suffix typed in the path (.html, .md,
.docx, .json, .txt) picks the format, also when Enter follows the typing at
once (Enter reads the suffix itself). The formats a report cannot be written
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

from diffing.draft_style import STYLES, Style
from diffing.model import Diff
from diffing.reports import FORMAT_NAMES, FORMATS, REPORT_FORMATS, REPORT_NAMES, REPORTS, SUFFIXES, Format, Report
from tui.jobs import suggest_export_path
from tui.wrap import elide_middle, width

__all__ = ["EXPORT_FORMATS", "EXPORT_REPORTS", "EXPORT_STYLES", "ExportChoice", "ExportScreen", "FormatList"]

EXPORT_REPORTS: tuple[tuple[Report, str], ...] = tuple((report, REPORT_NAMES[report][1]) for report in REPORTS)
"""Every report `diffing.reports` writes, with its description."""

EXPORT_STYLES: dict[Style, str] = {
    "npc": "laws of the NPC (renumbering in the closing)",
    "state-council": "国务院 条例 and rules (国务院决定对…)",
    "spc": "最高人民法院 interpretations (every renumbering an item)",
}
"""The 修改决定's drafting styles (`diffing.draft_style.STYLES`), described."""
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


@dataclass(frozen=True)
class ExportChoice:
    """What the dialog asks to be written: ``report`` as ``fmt`` to ``path``; ``style`` is the 修改决定's
    drafting style (None for the other reports)."""

    fmt: Format
    path: Path
    report: Report
    style: Style | None = None


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


class ExportScreen(ModalScreen[ExportChoice | None]):
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
        self.style: Style | None = None
        """The chosen drafting style (None until the 修改决定 is chosen: then the guessed one)."""
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
            yield Label("Style:", id="styles-label")
            with RadioSet(id="styles"):
                for style in STYLES:
                    yield RadioButton(f"{style}: {EXPORT_STYLES[style]}", id=f"style-{style}")
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
        self._show_styles()
        self._show_path()

    def _show_styles(self) -> None:
        """The style list only for the 修改决定, on the guessed style the first time it shows."""
        shown = self.report == "amendments"
        self.query_one("#styles", RadioSet).display = shown
        self.query_one("#styles-label", Label).display = shown
        if shown and self.style is None:
            from diffing.amendments import style_of

            self.query_one(f"#style-{style_of(self.diff)}", RadioButton).value = True

    @on(RadioSet.Changed, "#styles")
    def _style(self, event: RadioSet.Changed) -> None:
        self.style = STYLES[event.index]

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
        self._show_styles()
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

    def choice(self) -> ExportChoice | None:
        """The chosen format, path, report and style (None without a path)."""
        text = self.query_one("#path", Input).value.strip()
        if not text:
            return None
        style = self.style if self.report == "amendments" else None
        return ExportChoice(self.fmt, Path(text).expanduser(), self.report, style)

    @on(Input.Submitted, "#path")
    def _export(self) -> None:
        typed = _SUFFIXES.get(Path(self.query_one("#path", Input).value.strip()).suffix.lower())
        if typed is not None and typed != self.fmt:  # Enter came before the suffix's radio button answered
            self.fmt = typed
            if not self.query_one(f"#fmt-{typed}", RadioButton).disabled:
                self.query_one(f"#fmt-{typed}", RadioButton).value = True
        choice = self.choice()
        if choice is None:
            self.notify("Give a file name.", severity="warning")
            return
        reason = refusal(self.report, self.fmt)
        if reason:
            self.notify(reason, severity="warning")
            return
        path = choice.path
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
