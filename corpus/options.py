"""Which cleaning and normalization steps run: one frozen value, recorded in reports.

Rule: every step can be switched off from the command line, and the report's
``options`` object says exactly which steps ran (spec: report-format.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Literal

__all__ = ["DEFAULT_OPTIONS", "Options"]

Script = Literal["t2s", "none"]
Inline = Literal["word", "char"]


@dataclass(frozen=True)
class Options:
    """Switches for each step of the pipeline."""

    invisible: bool = True
    """Remove zero-width characters, BOM and control characters; U+3000/NBSP become spaces."""
    junk: bool = True
    """Remove mojibake runs (U+FFFD) with the junk injected beside them."""
    boilerplate: bool = True
    """Remove web boilerplate (sidebars of unrelated headlines) after the article."""
    script: Script = "t2s"
    """Traditional to Simplified (OpenCC t2s plus Taiwan/HK variants), or ``none``."""
    width: bool = True
    """Fold full-width letters, digits and punctuation to half width."""
    whitespace: bool = True
    """Remove hard line-wraps and stray spaces inside Chinese text; keep paragraph breaks."""
    unspin: bool = False
    """Map known machine-rewording substitutions back to the common word."""
    unspin_table: str | None = None
    """A user's own table of substitutions (spun word, common word), added to the bundled one."""
    inline: Inline = "word"
    """Granularity of inline differences: Chinese words (rjieba) or characters."""
    strict_decode: bool = False
    """Refuse a text with any invalid byte sequence, instead of reading a few as U+FFFD."""

    def as_report(self) -> dict[str, object]:
        """The ``options`` object of a report."""
        return asdict(self)

    def with_(self, **changes: object) -> Options:
        """A copy with some switches changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


DEFAULT_OPTIONS = Options()
