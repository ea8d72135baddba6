"""Named sets of special characters: the one list that cleaning, validation, the terminal's
escaping and the reports' marks are built from.

Rules:

* Each set is the body of a regular-expression character class (ranges such as
  ``\\u200b-\\u200f``), so that a module builds its pattern from the sets it
  needs; `codes` gives a set's code points, `chars` its characters.
* **Hidden** characters are those a reader cannot see that change how other
  text looks or reads: C0 controls other than tab, line feed and carriage
  return; DEL and the C1 controls; format characters (Unicode category Cf:
  zero-width spaces and joiners, the soft hyphen, the BOM, bidirectional marks,
  embeddings, overrides and isolates …); the line and paragraph separators.
  The terminal (`corpus.display`), the app and every report (`diffing.visible`)
  mark exactly these, each in its own style.
* **Cleaning** (`corpus.clean`) deletes the controls and the format characters
  a text carries by accident, turns odd spaces into a space and odd line breaks
  into a line feed. What it deletes is the validator's business too
  (`diffing.validate`): such a character belongs to no row.
"""

from __future__ import annotations

__all__ = [
    "BIDI", "C0_CONTROLS", "C1_CONTROLS", "FORMAT", "HIDDEN", "LINE_SEPARATORS", "ODD_BREAKS", "ODD_SPACES",
    "REMOVED", "SOFT_HYPHEN", "ZERO_WIDTH", "chars", "codes",
]  # fmt: skip

C0_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f"
"""C0 controls but tab, line feed and carriage return."""
C1_CONTROLS = "\x7f-\x9f"
"""DEL and the C1 controls (NEL U+0085 among them)."""
SOFT_HYPHEN = "\xad"
ZERO_WIDTH = "\u200b-\u200d\u2060-\u2064\ufeff"
"""Zero-width space, non-joiner and joiner, word joiner and invisible operators, the BOM."""
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
"""Arabic letter mark, LRM/RLM, embeddings and overrides (LRE … RLO), isolates (LRI … PDI)."""
FORMAT = (
    "\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
"""Every format character (Unicode category Cf), the sets above among them."""
LINE_SEPARATORS = "\u2028\u2029"
HIDDEN = C0_CONTROLS + C1_CONTROLS + FORMAT + LINE_SEPARATORS
"""What a reader cannot see (module rules): marked by the terminal, the app and the reports."""
ODD_SPACES = "\u00a0\u2002-\u200a\u202f\u205f\u3000"
"""Spaces that cleaning makes a plain space."""
ODD_BREAKS = "\x0b\x0c\x85\u2028\u2029"
"""Line breaks that cleaning makes a line feed."""
REMOVED = "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f" + SOFT_HYPHEN + "\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"
"""What cleaning deletes: controls (not the odd breaks), the soft hyphen, zero-width and bidi characters."""


def codes(charset: str) -> frozenset[int]:
    """The code points of a set (a character-class body of single characters and ``a-b`` ranges)."""
    out: set[int] = set()
    k = 0
    while k < len(charset):
        if k + 2 < len(charset) and charset[k + 1] == "-":
            lo, hi, k = charset[k], charset[k + 2], k + 3
        else:
            lo = hi = charset[k]
            k += 1
        out.update(range(ord(lo), ord(hi) + 1))
    return frozenset(out)


def chars(charset: str) -> str:
    """The characters of a set, one by one (for ``str.strip``)."""
    return "".join(map(chr, sorted(codes(charset))))
