"""What `corpus.opencc_data` knows of the reference's internals still holds for the installed reference."""

from __future__ import annotations

import sys

import opencc

from corpus.opencc_data import CHARACTERS, PHRASES, SEPARATORS, dictionary


def test_the_separators_are_the_references_own_on_every_code_point() -> None:
    reference = opencc.OpenCC("t2s").split_chars_re
    differ = [
        cp for cp in range(sys.maxunicode + 1)
        if bool(SEPARATORS.fullmatch(chr(cp))) != bool(reference.fullmatch(chr(cp)))
    ]
    assert differ == []


def test_the_dictionaries_are_where_they_were_and_convert_as_the_reference() -> None:
    chars = dictionary(CHARACTERS)
    phrases = dictionary(PHRASES)
    assert len(chars) > 2000
    assert len(phrases) > 200
    convert = opencc.OpenCC("t2s").convert
    sample = [k for k in list(chars)[:200] if len(k) == 1]
    assert [chars[k] for k in sample] == [convert(k) for k in sample]
