"""Naming versions: ID, ID@N, ID@-K, ID@COMMIT."""

from __future__ import annotations

import pytest

from corpus.store import LATEST, Rev, StoreError, parse_ref


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("doc", ("doc", LATEST)),
        ("doc@3", ("doc", Rev("number", 3))),
        ("doc@-1", ("doc", Rev("back", 1))),
        ("doc@-0", ("doc", LATEST)),
        ("渝规资〔2021〕428号@2", ("渝规资〔2021〕428号", Rev("number", 2))),
        ("doc@ABCDEF0", ("doc", Rev("commit", "abcdef0"))),
    ],
)
def test_refs_parse_to_an_id_and_a_revision(text: str, expected: tuple[str, Rev]) -> None:
    assert parse_ref(text) == expected


@pytest.mark.parametrize("text", ["doc@0", "doc@", "doc@abc", "doc@x1", "@3", "../x@1"])
def test_malformed_refs_are_refused(text: str) -> None:
    with pytest.raises(StoreError):
        parse_ref(text)
