"""The footer: every key of the screen when they fit, else the essential ones in a compact form.

Rules:

* Wide enough, the footer is Textual's: each shown binding with its
  description, then the command palette key.
* Too narrow for that, it goes compact: shorter descriptions (`SHORT`) and,
  when even those do not fit, the keys in the screen's order of importance
  (``priority``, action names) until the width is used; the rest are in the
  help (``?``) and the palette, which is always there. The keys kept are
  drawn in the screen's own order.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer

from tui.compat_textual import FooterKey, bindings_ready
from tui.wrap import width as cells

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


class KeyFooter(Footer):
    """A `Footer` that keeps the important keys when the terminal is narrow."""

    def __init__(self, priority: Sequence[str] = ()) -> None:
        super().__init__()
        self.priority = tuple(priority)
        self._shown_width = 0

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

    def compose(self) -> ComposeResult:
        if not bindings_ready(self):
            return
        room = self.size.width or self.app.size.width
        self._shown_width = room
        compact, items = self.keys(room)
        self.set_class(compact, "-compact")
        for binding, enabled, tooltip, description in items:
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip or binding.description,
                classes="-compact" if compact else "",
            )
            key.set_reactive(FooterKey.compact, compact)
            yield key
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            active = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if active is not None:
                _, binding, enabled, tooltip = active
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette",
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._shown_width:
            self.call_after_refresh(self.recompose)
