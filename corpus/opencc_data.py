"""opencc-python-reimplemented's internal data, in one place: its dictionary files and its separators.

Rules:

* `corpus.t2s` gives what the reference ``OpenCC("t2s")`` gives, reading the
  reference's own dictionaries. Their place in the package (``opencc/dictionary/``),
  their format (``key<TAB>value value…``, one entry a line) and the reference's
  sentence separators (``OpenCC.split_chars_re``, copied here as `SEPARATORS`)
  are not public; this module alone knows them (``tests/test_private_apis.py``
  fails on any other reader), and ``tests/corpus/test_opencc_data.py`` checks
  them against the installed reference, so a release that moves or changes one
  fails there, by name.
* An entry with several values gives its first, as the reference converts.
"""

from __future__ import annotations

import re
from importlib import resources

__all__ = ["CHARACTERS", "PHRASES", "SEPARATORS", "dictionary"]

CHARACTERS = "TSCharacters.txt"
"""The reference's t2s character dictionary."""
PHRASES = "TSPhrases.txt"
"""The reference's t2s phrase dictionary (applied before the characters)."""

SEPARATORS = re.compile(
    r"\s|[-,.?!*　，。、；：？！…“”‘’『』「」﹁﹂—－（）《》〈〉～．／＼"
    r"︒︑︔︓︿﹀︹︺︙︐［﹇］﹈︕︖︰︳︴︽︾︵︶｛︷｝︸﹃﹄【︻】︼]"
)
"""The reference's sentence separators (``OpenCC.split_chars_re``, from OpenCC's PhraseExtract.cpp): it
converts only the text between them, so no entry spans one."""


def dictionary(name: str) -> dict[str, str]:
    """One reference dictionary (`CHARACTERS` or `PHRASES`): key to first value, parsed as the reference
    parses it."""
    path = resources.files("opencc") / "dictionary" / name
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            key, value = line.strip().split("\t")
            table[key] = value.split(" ")[0]
    return table
