"""Chinese numbers as laws write them: `corpus.markers` reads and writes them; this name stays for importers.

Rule: no numeral is spelled here (see `corpus.markers.to_int` and `to_chinese`).
"""

from __future__ import annotations

from corpus.markers import to_chinese, to_int

__all__ = ["to_chinese", "to_int"]
