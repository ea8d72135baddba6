"""The JSON report written partly before the inline parts exist (`redline_json.prepare`) and partly by the child
that computes them (`redline_json.row_texts`, `diffing.compare.AfterInline`) is the same text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.pipeline import from_text, load
from corpus.samples import real_pair, seed
from diffing.compare import AfterInline, compare
from diffing.model import Diff
from diffing.reports import redline_json
from diffing.reports.redline_json import (
    Early,
    RowTexts,
    child_share,
    diff_report,
    dump_bytes,
    dumps,
    outline_texts,
    prepare,
    row_texts,
)  # fmt: skip

REAL = Path(__file__).parents[1] / "data" / "real"
PAIRS = {
    "pair 01": tuple(str(p) for p in real_pair("01_holiday_measures")),
    "pair 06": tuple(str(REAL / "06_company_law" / f"{side}.txt") for side in "ab"),
    "seeds 000 004": (str(seed("000")), str(seed("004"))),
}


class Parts:
    """An `AfterInline` that keeps what the JSON report's writer keeps (as the command line's ``JsonParts``)."""

    def __init__(self, places_first: bool = False) -> None:
        self.places_first = places_first
        self.early: Early | None = None
        self.own: tuple[redline_json.Piece, ...] = ()
        self.rows: RowTexts | None = None

    def __call__(self, early: Diff) -> None:
        if self.places_first:  # as the command line does: its rows are then written whole
            early.places  # noqa: B018
        self.early, self.own = prepare(early), row_texts(early, child=False)

    def in_child(self, diff: Diff) -> object:
        return row_texts(diff, child=True)

    def received(self, diff: Diff, value: object) -> None:
        assert isinstance(value, tuple)
        self.rows = RowTexts(diff.rows, value).merged(self.own)


@pytest.mark.parametrize("name", PAIRS)
def test_the_parts_written_beside_and_by_the_child_give_the_same_report(name: str) -> None:
    a, b = (load(p) for p in PAIRS[name])
    parts = Parts()
    assert isinstance(parts, AfterInline)
    diff = compare(a, b, beside=parts)
    assert parts.rows is not None and parts.rows.rows is diff.rows and None not in parts.rows.pieces
    assert any(row.inline for row in diff.rows)
    assert dumps(diff, parts.early, parts.rows) == dumps(compare(a, b))
    assert dump_bytes(diff, parts.early, parts.rows) == dumps(compare(a, b)).encode("utf-8")


@pytest.mark.parametrize("split", [0, 1, 500, 10**6])
def test_every_share_of_the_rows_between_the_child_and_this_process_gives_the_same_report(
    split: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = (load(p) for p in PAIRS["pair 06"])
    monkeypatch.setattr(redline_json, "child_share", lambda diff, outlined=True: min(split, len(diff.rows)))
    parts = Parts()
    diff = compare(a, b, beside=parts)
    assert parts.rows is not None and None not in parts.rows.pieces
    assert dumps(diff, parts.early, parts.rows) == dumps(compare(a, b))
    assert dump_bytes(diff, parts.early, parts.rows) == dumps(compare(a, b)).encode("utf-8")


def test_each_row_is_encoded_once_and_the_child_takes_the_last_rows_without_inline_parts() -> None:
    a, b = (load(p) for p in PAIRS["pair 06"])
    early = compare(a, b, inline=False)
    child, own = row_texts(early, child=True), row_texts(early, child=False)
    assert all((x is None) != (y is None) for x, y in zip(child, own, strict=True))  # each row once
    split = child_share(early)
    assert 0 < split < len(early.rows)
    assert [k for k, x in enumerate(child) if x is not None] == [
        k for k, row in enumerate(early.rows) if k >= split and not (row.a and row.b and row.similarity < 1.0)
    ]


def test_parts_prepared_for_another_diff_are_not_used() -> None:
    a, b = (load(p) for p in PAIRS["pair 01"])
    other_diff = compare(b, a, inline=False)
    other = prepare(other_diff)
    diff = compare(a, b)
    rows = RowTexts(other_diff.rows, row_texts(other_diff, child=True))
    assert dumps(diff, other, rows) == dumps(diff)


@pytest.mark.parametrize("name", PAIRS)
def test_the_json_text_is_the_report_dict_encoded(name: str) -> None:
    diff = compare(*(load(p) for p in PAIRS[name]))
    assert json.loads(dumps(diff)) == diff_report(diff)


def test_the_report_as_bytes_is_its_text_in_utf8_with_rows_or_without() -> None:
    a, b = (load(p) for p in PAIRS["pair 01"])
    for diff in (compare(a, b), compare(a, a), compare(from_text("", "empty.txt"), from_text("", "empty.txt"))):
        assert dump_bytes(diff) == dumps(diff).encode("utf-8")


@pytest.mark.parametrize("name", PAIRS)
def test_outlines_encoded_while_aligning_give_the_same_report(name: str) -> None:
    a, b = (load(p) for p in PAIRS[name])
    diff = compare(a, b)
    ahead = prepare(diff, outline_texts(diff.document_outlines))
    assert ahead.units == prepare(diff).units
    assert dumps(diff, ahead) == dumps(compare(a, b))


def test_outlines_encoded_for_another_diff_are_not_used() -> None:
    a, b = (load(p) for p in PAIRS["pair 01"])
    other = outline_texts(compare(b, a, inline=False).document_outlines)
    diff = compare(a, b)
    assert dumps(diff, prepare(diff, other)) == dumps(diff)


def test_outlines_written_unit_by_unit_are_their_report_dicts_encoded() -> None:
    from itertools import product

    from diffing.structure import LEVELS, Unit

    encode = json.JSONEncoder(ensure_ascii=False).encode
    labels = ["", "第十二条", '"引号"\\', "\x00\x1f\u2028\ud83d\ude00 \t\n", "（一）"]
    numbers: list[float | None] = [None, 3.0, 12.1, 1e20, float("nan"), float("inf"), 7]  # type: ignore[list-item]
    units = tuple(
        Unit(k, level, label, number, (k, k + 5), parent, (k,))
        for k, (level, label, number, parent) in enumerate(product(LEVELS, labels, numbers, [None, 0, 41]))
    )
    assert redline_json._outline_text(units, encode) == encode([u.as_report() for u in units])
    for name in PAIRS:
        diff = compare(*(load(p) for p in PAIRS[name]), inline=False)
        for side in diff.document_outlines:
            assert redline_json._outline_text(side, encode) == encode([u.as_report() for u in side])


@pytest.mark.parametrize("split", [0, 500, 10**6])
def test_rows_written_whole_once_the_places_are_known_give_the_same_report(
    split: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = (load(p) for p in PAIRS["pair 06"])
    monkeypatch.setattr(redline_json, "child_share", lambda diff, outlined=True: min(split, len(diff.rows)))
    parts = Parts(places_first=True)
    diff = compare(a, b, beside=parts)
    assert parts.rows is not None and None not in parts.rows.pieces
    whole = [k for k, piece in enumerate(parts.own) if isinstance(piece, bytes)]
    assert bool(whole) == (split > 0) and all(diff.rows[k].inline is None for k in whole)
    assert (b"" in parts.own) == (split > 0)  # a run of whole rows is one text
    assert dumps(diff, parts.early, parts.rows) == dumps(compare(a, b))
    assert dump_bytes(diff, parts.early, parts.rows) == dumps(compare(a, b)).encode("utf-8")


@pytest.mark.parametrize(
    "pair", ["01_holiday_measures", "02_udhr_simplified_vs_traditional", "08_civil_code_heading_whitespace"]
)
@pytest.mark.parametrize("paged", [False, True])
def test_rows_written_field_by_field_are_their_fields_encoded(pair: str, paged: bool) -> None:
    from dataclasses import replace

    a, b = (load(str(REAL / pair / f"{side}.txt")) for side in "ab")
    if paged:  # page_a and page_b, as for a PDF
        a, b = (replace(d, source=replace(d.source, pages=(0, 200, len(d.original) // 2))) for d in (a, b))
    diff = compare(a, b)
    rows = tuple(replace(row, pinned=True) if k % 5 == 0 else row for k, row in enumerate(diff.rows))
    diff = Diff(diff.a, diff.b, diff.options, diff.a_clauses, diff.b_clauses, rows)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    assert any(diff.ignored(row) for row in rows)
    for row in rows:
        item = redline_json._row_fields(diff, row)
        rest = redline_json._row_rest(diff, row, item["a"], item["b"])
        assert redline_json._row_piece(diff, row, encode) == (
            encode(item)[:-1], f", {encode(rest)[1:]}" if rest else "}"
        )  # fmt: skip


@pytest.mark.parametrize("aligned_apart", [False, True])
@pytest.mark.parametrize("name", PAIRS)
def test_the_command_lines_parts_and_the_summary_sent_by_the_child_give_the_same_report(
    name: str, aligned_apart: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diffing import align_apart
    from tui.cmd_diff import JsonParts

    if aligned_apart:  # the child also writes the rows with inline parts, whole
        monkeypatch.setattr(align_apart, "APART", 0)
    a, b = (load(p) for p in PAIRS[name])
    parts = JsonParts()
    diff = compare(a, b, beside=parts)
    assert parts.rows is not None and "summary" in diff.__dict__  # received with the rows
    alone = compare(a, b)
    assert diff.summary == alone.summary
    assert dumps(diff, parts.early, parts.rows) == dumps(alone)


def test_the_child_takes_more_rows_when_this_process_has_the_outlines_still_to_encode(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a = load(PAIRS["pair 06"][0])
    early = compare(a, a, inline=False)  # no inline parts: the child's share is rows to encode only
    monkeypatch.setattr(redline_json, "apart", lambda a_count, b_count: True)  # as if aligned in a child
    outlined, not_outlined = child_share(early, outlined=True), child_share(early, outlined=False)
    assert not_outlined < outlined < len(early.rows)  # the child's rows start earlier
