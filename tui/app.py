"""The wendiff app: a stack of screens over the store, the files given, and comparisons.

Rules:

* The app only decides which screen comes first (`make_app`) and holds what
  every screen shares (the store path, the files given on the command line);
  screens do their own wiring, and all work runs in workers over corpus/ and
  diffing/ (tui/jobs.py).
* Every binding has a description; the command palette lists the active
  screen's bindings as commands, so anything in the footer is also found by
  name. Light and dark themes follow Textual's theme variables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui.sides import CompareRequest

__all__ = ["WendiffApp", "make_app"]

DARK, LIGHT = "textual-dark", "textual-light"


class WendiffApp(App[int]):
    """Library, History, Compare and Duplicates screens."""

    TITLE = "wendiff"
    CSS_PATH = "theme.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Leave wendiff"),
        Binding("escape", "back", "Back", id="back", tooltip="Back to the previous screen"),
        Binding("question_mark", "help", "Help", id="help", tooltip="Keys of this screen and what the marks mean"),
        Binding("d", "toggle_dark", "Dark/light", id="theme", tooltip="Switch light and dark theme"),
    ]

    def __init__(
        self,
        *,
        store: Path | None = None,
        files: Sequence[str] = (),
        compare: CompareRequest | None = None,
        library: bool = True,
        duplicates: bool = False,
    ) -> None:
        super().__init__()
        self.store_path = store
        self.files = list(files)
        self._start_compare = compare
        self._start_library = library
        self._start_duplicates = duplicates
        self.theme = DARK

    def on_mount(self) -> None:
        if self._start_library:
            from tui.screens.library import LibraryScreen

            self.push_screen(LibraryScreen(self.store_path, self.files))
        if self._start_duplicates:
            from tui.screens.duplicates import DuplicatesScreen

            self.push_screen(DuplicatesScreen(self.store_path, self.files))
        if self._start_compare is not None:
            from tui.screens.compare import CompareScreen

            self.push_screen(CompareScreen(self._start_compare))

    async def action_back(self) -> None:
        """Close the top screen, unless it is the first one."""
        if len(self.screen_stack) > 2:
            self.pop_screen()
        else:
            self.notify("This is the first screen: q quits.", timeout=2)

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(f"{type(self.screen).__name__.removesuffix('Screen')}: keys", self._keys()))

    def _keys(self) -> list[tuple[str, str, str]]:
        """The active screen's keys for help: wendiff's own (screen, app, focused widget) before Textual's
        defaults; keys of one action on one line; sideways scrolling left out (the views fold, never scroll)."""
        screen = self.screen
        groups: dict[tuple[int, str, str], list[str]] = {}
        tips: dict[tuple[int, str, str], str] = {}
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action.startswith(_SIDEWAYS):
                continue
            own = binding in vars(type(active.node)).get("BINDINGS", ())
            rank = (0 if active.node is screen else 1 if active.node is self else 2) if own else 3
            group = (rank, binding.action, binding.description)
            groups.setdefault(group, []).append(_key_name(self, key))
            tips[group] = active.tooltip or binding.tooltip
        return [(" ".join(keys), group[2], tips[group]) for group, keys in sorted(groups.items(), key=_rank)]

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        seen = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            yield SystemCommand(
                f"{binding.description} ({_key_name(self, key)})",
                active.tooltip or binding.tooltip or binding.description,
                partial(self.run_action, binding.action, active.node),
            )


_SIDEWAYS = ("scroll_left", "scroll_right", "page_left", "page_right", "scroll_home", "scroll_end")


def _rank(item: tuple[tuple[int, str, str], list[str]]) -> int:
    return item[0][0]


def _key_name(app: App[int], key: str) -> str:
    return app.get_key_display(Binding(key, ""))


def make_app(
    *,
    store: Path | None = None,
    files: Sequence[str] = (),
    compare: CompareRequest | None = None,
    library: bool = True,
    duplicates: bool = False,
) -> WendiffApp:
    """The app opened on the Library (``library``), with Duplicates and/or a comparison on top."""
    return WendiffApp(store=store, files=files, compare=compare, library=library, duplicates=duplicates)
