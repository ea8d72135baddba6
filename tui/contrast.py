"""Readable colours whatever the theme: text is kept at a contrast of at least 4.5:1 with its background.

Rules:

* Contrast is WCAG's ratio of relative luminances, of colours as rich
  resolves them (`rich.color.Color.get_truecolor`; ANSI colours through
  rich's standard palette). A default background is the terminal's: taken
  as black in a dark theme and white in a light one.
* A style whose text is too faint keeps its background and text style; its
  colour is blended towards black or white (truecolour: the hue stays, only
  lightness changes) or, for an ANSI colour, replaced by ANSI black or bright
  white, whichever reads better. Some built-in themes (``ansi-dark``,
  ``ansi-light``) give error text on an error background in the same colour:
  this is what keeps deletions and insertions readable there.
"""

from __future__ import annotations

from rich.color import Color, ColorType
from rich.color_triplet import ColorTriplet
from rich.style import Style

__all__ = ["MIN_CONTRAST", "contrast", "readable"]

MIN_CONTRAST = 4.5
_BLACK, _WHITE = ColorTriplet(0, 0, 0), ColorTriplet(255, 255, 255)


def _luminance(rgb: ColorTriplet) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _ratio(a: ColorTriplet, b: ColorTriplet) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _rgb(color: Color | None, default: ColorTriplet) -> ColorTriplet:
    if color is None or color.type == ColorType.DEFAULT:
        return default
    return color.get_truecolor()


def contrast(style: Style, dark: bool) -> float:
    """Contrast of ``style``'s text with its background (``dark``: the theme is dark)."""
    back = _rgb(style.bgcolor, _BLACK if dark else _WHITE)
    fore = _rgb(style.color, _WHITE if dark else _BLACK)
    return _ratio(fore, back)


def readable(style: Style, dark: bool, minimum: float = MIN_CONTRAST) -> Style:
    """``style``, with its text colour changed when its contrast is below ``minimum``."""
    if contrast(style, dark) >= minimum:
        return style
    back = _rgb(style.bgcolor, _BLACK if dark else _WHITE)
    fore = _rgb(style.color, _WHITE if dark else _BLACK)
    target = _WHITE if _ratio(_WHITE, back) >= _ratio(_BLACK, back) else _BLACK
    if style.color is not None and style.color.type in (ColorType.STANDARD, ColorType.WINDOWS):
        return style + Style(color=Color.from_ansi(15 if target == _WHITE else 0))
    for step in range(1, 11):
        t = step / 10
        mixed = ColorTriplet(*(round(f + (g - f) * t) for f, g in zip(fore, target, strict=True)))
        if _ratio(mixed, back) >= minimum:
            return style + Style(color=Color.from_triplet(mixed))
    return style + Style(color=Color.from_triplet(target))
