"""meta.json: written once per version, read strictly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.store import ClauseStats, StoreError, Version
from corpus.store.meta import decode, encode, validate_date

_TEXT = st.text(max_size=20)
_COUNT = st.integers(min_value=0, max_value=10**6)
_STATS = st.none() | st.builds(
    ClauseStats, _COUNT, _COUNT, _COUNT, _COUNT, _COUNT, st.floats(min_value=0, max_value=1)
)
_VERSIONS = st.builds(
    Version, doc_id=_TEXT, number=_COUNT, commit=st.just("c" * 40), added=_TEXT, title=_TEXT, date=_TEXT,
    source=_TEXT, message=_TEXT, name=_TEXT, encoding=_TEXT, sha256=_TEXT, size=_COUNT, clauses=_COUNT,
    stats=_STATS,
)


@given(_VERSIONS)
def test_meta_round_trips_every_field_but_the_commit(version: Version) -> None:
    assert decode(encode(version), version.commit, "here") == version


def _sample() -> Version:
    return Version(
        "doc", 1, "c" * 40, "2024-01-01T00:00:00Z", "t", "", "", "", "a.txt", "utf-8", "0" * 64, 3, 1, None
    )


def test_truncated_meta_is_an_error_naming_where_it_was_read() -> None:
    data = encode(_sample())
    with pytest.raises(StoreError, match=r"somewhere: meta\.json is not valid JSON"):
        decode(data[: len(data) // 2], "c" * 40, "somewhere")


def test_meta_with_a_field_of_the_wrong_type_is_an_error() -> None:
    data = encode(_sample()).replace(b'"size": 3', b'"size": "3"')
    with pytest.raises(StoreError, match="'size'"):
        decode(data, "c" * 40, "x")


@pytest.mark.parametrize("value", ["", "2024", "2024-02", "2024-02-29"])
def test_document_dates_in_iso_form_are_accepted(value: str) -> None:
    assert validate_date(value) == value


@pytest.mark.parametrize("value", ["2023-02-29", "24-1-1", "2024/01/01", "yesterday", "2024-13"])
def test_other_dates_are_refused(value: str) -> None:
    with pytest.raises(StoreError, match="YYYY-MM-DD"):
        validate_date(value)
