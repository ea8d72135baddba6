"""Document ids: what may name a document folder, and the default id of a file."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.store.errors import StoreError
from corpus.store.ids import derive_id, is_valid_id, validate_id


@pytest.mark.parametrize("doc_id", ["渝规资〔2021〕428号", "holiday", "draft 2", "国发〔2024〕1号", "a_c.d"])
def test_ordinary_ids_are_accepted(doc_id: str) -> None:
    assert validate_id(doc_id) == doc_id


@pytest.mark.parametrize(
    ("doc_id", "reason"),
    [
        ("", "is empty"),
        ("..", "relative path"),
        (".", "relative path"),
        ("../x", "starts with '.'"),
        ("a/../../etc", "'/'"),
        ("/etc/passwd", "'/'"),
        ("a//b", "'/'"),
        ("C:\\x", "'\\'"),
        ("-rf", "starts with '-'"),
        ("--upload-pack=x", "starts with '-'"),
        ("a\nb", "U+000A"),
        ("a\x00b", "U+0000"),
        ("a\u200bb", "U+200B"),
        (" padded", "space"),
        ("x@3", "'@'"),
        ("长" * 100, "longer than"),
    ],
)
def test_bad_ids_are_refused_with_the_reason(doc_id: str, reason: str) -> None:
    with pytest.raises(StoreError) as caught:
        validate_id(doc_id)
    message = str(caught.value)
    assert reason in message
    assert "\n" not in message


@given(st.text(max_size=30))
def test_a_valid_id_is_always_one_safe_path_segment(doc_id: str) -> None:
    if not is_valid_id(doc_id):
        with pytest.raises(StoreError):
            validate_id(doc_id)
        return
    assert PurePosixPath("docs", doc_id).parts == ("docs", doc_id)
    assert not doc_id.startswith("-")
    assert doc_id not in (".", "..")
    assert all(ord(c) >= 0x20 for c in doc_id)


def test_default_id_is_the_document_number_at_the_head_of_the_text() -> None:
    text = "关于推进成渝地区双城经济圈建设的实施意见\n渝规资〔2021〕428号\n各区县:\n"
    assert derive_id(text, "notice.txt") == "渝规资〔2021〕428号"


def test_default_id_without_a_document_number_is_the_file_stem() -> None:
    assert derive_id("第一条 为了规范……\n", "/some/dir/company-law.txt") == "company-law"


def test_a_file_name_that_cannot_be_an_id_asks_for_doc() -> None:
    with pytest.raises(StoreError, match="--doc"):
        derive_id("no number here", "draft@2.txt")
