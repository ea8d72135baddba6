"""文号 detection at the head of a document."""

from __future__ import annotations

import pytest

from corpus.samples import seed
from corpus.store.docnumber import canonical_doc_number, find_doc_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("渝规资〔2021〕428号\n重庆市各区县", "渝规资〔2021〕428号"),
        ("国家发展改革委文件\n发改环资[2015]3214号\n", "发改环资〔2015〕3214号"),
        ("国发〔2024〕1号", "国发〔2024〕1号"),
        ("自然资源部文件\n\n自然资发〔2024〕151号\n", "自然资发〔2024〕151号"),
        ("京政发（２０２０）１２号\n", "京政发〔2020〕12号"),
        ("中华人民共和国主席令第二十四号\n", "中华人民共和国主席令第二十四号"),
    ],
)
def test_document_numbers_are_found_in_every_bracket_style(text: str, number: str) -> None:
    assert find_doc_number(text) == number


def test_bracket_and_digit_width_variants_of_one_number_get_one_id() -> None:
    wide = "发改环资［２０１５］３２１４号"
    assert canonical_doc_number("发改环资[2015]3214号") == canonical_doc_number(wide)


def test_a_line_holding_only_a_number_wins_over_a_citation_above_it() -> None:
    text = "根据国发〔2014〕1号文件精神\n川自然资规〔2021〕3号\n"
    assert find_doc_number(text) == "川自然资规〔2021〕3号"


def test_a_number_cited_deep_in_the_body_is_not_the_documents_own() -> None:
    body = "\n".join(f"第{i}段正文。" for i in range(30))
    assert find_doc_number(body + "\n依据国发〔2024〕1号执行。\n") is None


def test_bundled_seeds_with_a_number_are_recognised() -> None:
    assert find_doc_number(seed("000").read_text(encoding="utf-8")) == "渝规资〔2021〕428号"
    assert find_doc_number(seed("004").read_text(encoding="utf-8")) == "发改环资〔2015〕3214号"
