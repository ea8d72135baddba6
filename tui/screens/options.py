"""The normalization dialog (``t``): every switch of the pipeline (繁简, width, whitespace, unspin, the
cleaning steps) and word/char inline, then recompute.

Rule: the dialog returns new `Options` (or None when cancelled) through
``dismiss``; it changes nothing itself.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Label

from corpus.options import Options

__all__ = ["OptionsScreen"]

SWITCHES = (
    ("script", "1 繁→简: Traditional and Simplified compare equal"),
    ("width", "2 full/half width: ＡＢＣ１２３（） as ABC123()"),
    ("whitespace", "3 whitespace: ignore line wraps and stray spaces"),
    ("char", "4 inline by character (off: by Chinese word)"),
    ("unspin", "5 unspin: see through a machine-reworded copy (洗稿)"),
    ("boilerplate", "6 boilerplate: leave out web sidebars after the text"),
    ("junk", "7 junk: leave out mojibake (�) and what came with it"),
    ("invisible", "8 invisible: ignore zero-width characters and BOM"),
)


def _values(options: Options) -> dict[str, bool]:
    return {
        "script": options.script == "t2s",
        "width": options.width,
        "whitespace": options.whitespace,
        "char": options.inline == "char",
        "unspin": options.unspin,
        "boilerplate": options.boilerplate,
        "junk": options.junk,
        "invisible": options.invisible,
    }


def _options(base: Options, values: dict[str, bool]) -> Options:
    return base.with_(
        script="t2s" if values["script"] else "none",
        width=values["width"],
        whitespace=values["whitespace"],
        inline="char" if values["char"] else "word",
        unspin=values["unspin"],
        boilerplate=values["boilerplate"],
        junk=values["junk"],
        invisible=values["invisible"],
    )


class OptionsScreen(ModalScreen[Options | None]):
    """Checkboxes for the normalization switches; Enter applies, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "apply", "Apply and recompute", priority=True),
        *(Binding(str(k), f"flip({k - 1})", key, show=False) for k, (key, _) in enumerate(SWITCHES, 1)),
    ]
    DEFAULT_CSS = """
    OptionsScreen { align: center middle; }
    OptionsScreen > Vertical { width: auto; max-width: 90%; height: auto; padding: 1 2; }
    OptionsScreen Checkbox, OptionsScreen Checkbox:focus { border: none; height: 1; padding: 0 1; }
    OptionsScreen .hint { margin-top: 1; color: $text-muted; width: 100%; }
    """

    def __init__(self, options: Options) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        values = _values(self.options)
        with Vertical(id="dialog"):
            yield Label("Normalization (applies to both documents)", classes="title")
            for key, text in SWITCHES:
                yield Checkbox(text, values[key], id=f"opt-{key}")
            hint = f"1-{len(SWITCHES)} or click to switch · Enter applies and recomputes · Esc cancels"
            yield Label(hint, classes="hint")

    def chosen(self) -> Options:
        """The options the checkboxes describe now."""
        values = {key: self.query_one(f"#opt-{key}", Checkbox).value for key, _ in SWITCHES}
        return _options(self.options, values)

    def action_flip(self, index: int) -> None:
        box = self.query_one(f"#opt-{SWITCHES[index][0]}", Checkbox)
        box.value = not box.value

    def action_apply(self) -> None:
        self.dismiss(self.chosen())

    def action_cancel(self) -> None:
        self.dismiss(None)
