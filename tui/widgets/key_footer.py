"""The footer: every key of the screen when they fit, else the essential ones in a compact form.

Rules:

* Wide enough, the footer is Textual's: each shown binding with its
  description, then the command palette key.
* Too narrow for that, it goes compact: shorter descriptions (`SHORT`) and,
  when even those do not fit, the keys in the screen's order of importance
  (``priority``, action names) until the width is used; the rest are in the
  help (``?``) and the palette, which is always there. The keys kept are
  drawn in the screen's own order.
* It recomposes only when the keys it shows change (keys, descriptions, the
  compact form). When bindings change only which keys are enabled, or their
  tooltips, the keys are changed in place: a recompose mounts every key again
  and lays the whole screen out anew.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer

from tui.compat_textual import FooterKey, bindings_ready, enable_footer_key
from tui.wrap import width as cells

if TYPE_CHECKING:
    from textual.screen import Screen

__all__ = ["SHORT", "KeyFooter"]

SHORT = {
    "changes_only": "Fold",
    "options": "Norm",
    "search": "Find",
    "goto": "Go",
    "toggle_dark": "Theme",
    "duplicates": "Dups",
    "history": "Hist",
}
"""Short descriptions of some actions for a narrow footer."""
_PALETTE = 14
"""Cells the command palette key takes (with its border)."""


@dataclass(frozen=True)
class _Key:
    """One key the footer shows: what a `FooterKey` is built from."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    classes: str

    @property
    def shown(self) -> tuple[str, str, str, str, str]:
        """What changes the footer's keys (the rest is changed in place)."""
        return self.key, self.display, self.description, self.action, self.classes


class KeyFooter(Footer):
    """A `Footer` that keeps the important keys when the terminal is narrow."""

    def __init__(self, priority: Sequence[str] = ()) -> None:
        super().__init__()
        self.priority = tuple(priority)
        self._shown_width = 0
        self._shown: list[tuple[_Key, FooterKey]] = []
        """The keys composed: each as planned, and its widget."""

    def keys(self, room: int) -> tuple[bool, list[tuple[Binding, bool, str, str]]]:
        """Whether the footer is compact at ``room`` cells, and its keys: ``(binding, enabled, tooltip,
        description)``, one per action, in the screen's order."""
        seen: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen[binding.action] = (binding, enabled, tooltip)
        items = [(b, e, t, b.description) for b, e, t in seen.values()]
        wide = sum(cells(self.app.get_key_display(b)) + cells(d) + 3 for b, _, _, d in items)
        if wide + _PALETTE <= room:
            return False, items
        items = [(b, e, t, SHORT.get(b.action, d)) for b, e, t, d in items]
        order = sorted(
            range(len(items)),
            key=lambda k: (self.priority.index(items[k][0].action) if items[k][0].action in self.priority else 99, k),
        )
        keep: set[int] = set()
        used = _PALETTE - 2
        for k in order:
            b, _, _, d = items[k]
            size = cells(self.app.get_key_display(b)) + cells(d) + 2
            if used + size <= room:
                keep.add(k)
                used += size
        return True, [item for k, item in enumerate(items) if k in keep]

    def plan(self, room: int) -> tuple[bool, list[_Key]]:
        """Whether the footer is compact at ``room`` cells, and the keys it shows, the palette's last."""
        compact, items = self.keys(room)
        classes = "-compact" if compact else ""
        keys = [
            self._key(binding, description, enabled, tooltip, classes)
            for binding, enabled, tooltip, description in items
        ]
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            active = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if active is not None:
                _, binding, enabled, _ = active
                keys.append(self._key(binding, binding.description, enabled, binding.tooltip, "-command-palette"))
        return compact, keys

    def _key(self, binding: Binding, description: str, enabled: bool, tooltip: str, classes: str) -> _Key:
        """The `_Key` of ``binding`` (its tooltip, or else its description, as the tooltip)."""
        return _Key(
            binding.key, self.app.get_key_display(binding), description, binding.action, enabled,
            tooltip or binding.description, classes,
        )  # fmt: skip

    def compose(self) -> ComposeResult:
        self._shown = []
        if not bindings_ready(self):
            return
        room = self.size.width or self.app.size.width
        self._shown_width = room
        compact, keys = self.plan(room)
        self.set_class(compact, "-compact")
        for planned in keys:
            key = FooterKey(
                planned.key, planned.display, planned.description, planned.action, disabled=not planned.enabled,
                tooltip=planned.tooltip, classes=planned.classes,
            )  # fmt: skip
            if planned.classes != "-command-palette":
                key.set_reactive(FooterKey.compact, compact)
            self._shown.append((planned, key))
            yield key

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not self._changed_in_place(screen):
            super().bindings_changed(screen)

    def _changed_in_place(self, screen: Screen[object]) -> bool:
        """If the keys shown are the same (but perhaps for which are enabled, and their tooltips), change those
        in place and return True."""
        shown = self._shown
        if not shown or not self.is_attached or screen is not self.screen or not screen.app.app_focus:
            return False
        _, keys = self.plan(self._shown_width)
        if [k.shown for k in keys] != [planned.shown for planned, _ in shown]:
            return False
        for k, (planned, key) in enumerate(shown):
            new = keys[k]
            if new.enabled != planned.enabled:
                enable_footer_key(key, new.enabled)
            if new.tooltip != planned.tooltip:
                key.tooltip = new.tooltip
            shown[k] = (new, key)
        return True

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._shown_width:
            self.call_after_refresh(self.recompose)
