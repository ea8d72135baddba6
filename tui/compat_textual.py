"""Textual's private names, in one place: what the app and its tests use that Textual does not publish.

Rules:

* Every use of a Textual name that starts with ``_`` goes through this module
  (``tests/test_private_apis.py`` fails on any other). Textual may rename or
  remove these in any release, minor ones included; ``tests/tui/test_compat_textual.py``
  checks each one against the installed Textual, so an upgrade that breaks one
  fails there, by name, before it fails in a screen.
* What is used, and why:
  - `FooterKey` (``textual.widgets._footer``): the footer's key widget; the
    compact footer (`tui.widgets.key_footer`) yields its own choice of them.
  - `bindings_ready` (``Footer._bindings_ready``): whether the screen's
    bindings are known yet; a footer composed before that would be empty.
  - `enable_footer_key` (``FooterKey._disabled``): a key enabled or disabled
    in place, as the footer would build it anew (it recomposes only when its
    keys change).
  - `screen_strips` (``Screen._compositor``): the lines the terminal shows now,
    as the compositor draws them; the tests read the screen with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.strip import Strip
    from textual.widgets import Footer

__all__ = ["FooterKey", "bindings_ready", "enable_footer_key", "screen_strips"]


def bindings_ready(footer: Footer) -> bool:
    """Whether ``footer``'s screen has its bindings (the footer composes its keys only then)."""
    return bool(footer._bindings_ready)


def enable_footer_key(key: FooterKey, enabled: bool) -> None:
    """Show ``key`` enabled or disabled, as a `FooterKey` built with ``disabled=not enabled`` shows it (its
    ``-disabled`` class; a click on a disabled key rings the bell instead of pressing it)."""
    key._disabled = not enabled
    key.set_class(not enabled, "-disabled")


def screen_strips(screen: Screen[object]) -> list[Strip]:
    """The lines ``screen`` shows now, one strip per terminal line, as its compositor draws them."""
    return list(screen._compositor.render_strips())
