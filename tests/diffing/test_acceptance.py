"""The acceptance cases of the core engine, on the seeds and the real law pairs."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from corpus.pipeline import from_text, load
from corpus.samples import REAL_PAIRS as BUNDLED_PAIRS
from corpus.samples import real_pair, seed
from diffing.compare import compare
from diffing.reports.redline_json import diff_report, dumps
from diffing.validate import validate
from tests.conftest import REAL, REAL_PAIRS


def _inputs(path: Path) -> tuple[str, bytes]:
    data = path.read_bytes()
    return data.decode("utf-8"), data


def test_the_ten_real_pairs_are_kept_with_the_tests_as_their_manifest_lists_them() -> None:
    manifest = json.loads((REAL / "manifest.json").read_text(encoding="utf-8"))
    assert len(REAL_PAIRS) == 10 and sorted(pair["id"] for pair in manifest["pairs"]) == REAL_PAIRS
    for pair in manifest["pairs"]:
        for side in ("a", "b"):
            data = (REAL / pair["id"] / f"{side}.txt").read_bytes()
            assert hashlib.sha256(data).hexdigest() == pair[side]["sha256"], (pair["id"], side)


def test_the_bundled_real_pairs_are_copies_of_the_test_data() -> None:
    for name in BUNDLED_PAIRS:
        for bundled, kept in zip(real_pair(name), (REAL / name / "a.txt", REAL / name / "b.txt"), strict=True):
            assert bundled.read_bytes() == kept.read_bytes(), bundled


def test_traditional_copy_aligns_as_equal(tmp_path: Path) -> None:
    original = seed("002")
    converted = tmp_path / "002_t2s.txt"
    import opencc

    converted.write_text(opencc.OpenCC("t2s").convert(original.read_text(encoding="utf-8")), encoding="utf-8")
    diff = compare(load(str(original)), load(str(converted)))
    assert diff.rows and all(row.op == "equal" for row in diff.rows)


def test_duplicated_notice_copies_are_equal(seed_000_copies: tuple[str, str]) -> None:
    first, second = seed_000_copies
    diff = compare(from_text(first, "copy1"), from_text(second, "copy2"))
    assert len(diff.rows) > 30
    assert all(row.op == "equal" for row in diff.rows)


def test_seed_004_without_spaces_is_equal_to_itself() -> None:
    text = seed("004").read_text(encoding="utf-8")
    squeezed = re.sub(r"[ \u3000\t]+", "", text)
    diff = compare(from_text(text, "004"), from_text(squeezed, "004-squeezed"))
    assert all(row.op == "equal" for row in diff.rows)


def test_seed_004_prose_rewrapped_at_35_columns_is_equal_to_itself() -> None:
    text = seed("004").read_text(encoding="utf-8")
    wrapped = "\n".join(
        "\n".join(line[k : k + 35] for k in range(0, len(line), 35)) if len(line) > 35 and "|" not in line else line
        for line in text.split("\n")
    )
    assert wrapped.count("\n") > text.count("\n") + 40
    diff = compare(from_text(text, "004"), from_text(wrapped, "004-wrapped"))
    changed = [row for row in diff.rows if row.op != "equal"]
    assert not changed, [(row.op, diff.a_text(row)[:30], diff.b_text(row)[:30]) for row in changed[:5]]


def test_news_item_reuses_notice_sentences_and_drops_its_sidebar(seed_000_copies: tuple[str, str]) -> None:
    notice = from_text(seed_000_copies[0], "000 copy 1")
    news = load(str(seed("001")))
    diff = compare(notice, news)
    reused = [row for row in diff.rows if row.op in ("modified", "moved", "equal", "split", "merged")]
    # 001 paraphrases 000's tasks: its sentences about 生态补偿 and 秦巴山区 come from the notice.
    for phrase in ("跨区域生态补偿机制", "秦巴山区水源涵养", "生态修复技术体系"):
        assert any(phrase in diff.b_text(row) and phrase in diff.a_text(row) for row in reused), phrase
    shown_b = "".join(news.original[lo:hi] for row in diff.rows for lo, hi in diff.b_spans(row))
    for headline in ("乐活HOT", "青岛机场", "潍坊商务局", "国际公共艺术论坛"):
        assert headline not in shown_b


@pytest.mark.parametrize("pair", REAL_PAIRS)
def test_real_pair_report_passes_the_validator(pair: str) -> None:
    a_path, b_path = REAL / pair / "a.txt", REAL / pair / "b.txt"
    diff = compare(load(str(a_path)), load(str(b_path)))
    report = json.loads(dumps(diff))
    assert validate(report, _inputs(a_path), _inputs(b_path)) == []


@pytest.mark.parametrize("pair", ["02_udhr_simplified_vs_traditional", "05_hk_nsl_reformat",
                                  "08_civil_code_heading_whitespace"])  # fmt: skip
def test_layout_and_script_only_pairs_are_all_equal(pair: str) -> None:
    diff = compare(load(str(REAL / pair / "a.txt")), load(str(REAL / pair / "b.txt")))
    assert diff.same, diff.summary


def _articles(clauses: tuple, kind_label: str = "article") -> dict[str, tuple[str, str]]:  # type: ignore[type-arg]
    """Article body text -> (label, body) for articles with a non-empty body."""
    out: dict[str, tuple[str, str]] = {}
    label = None
    body: list[str] = []
    for c in [*clauses, None]:
        if c is None or c.kind in (kind_label, "heading"):
            if label is not None and body:
                out.setdefault("".join(body), (label, "".join(body)))
            label, body = (c.text, []) if c is not None and c.kind == kind_label else (None, [])
        else:
            body.append(c.text)
    return out


@pytest.mark.parametrize(("pair", "least"), [("06_company_law", 35), ("09_spc_criminal_procedure_interpretation", 150),
                                             ("10_procuratorate_criminal_procedure_rules", 100)])  # fmt: skip
def test_renumbered_identical_articles_are_equal_bodies_not_rewrites(pair: str, least: int) -> None:
    diff = compare(load(str(REAL / pair / "a.txt")), load(str(REAL / pair / "b.txt")))
    a_articles, b_articles = _articles(diff.a_clauses), _articles(diff.b_clauses)
    renumbered = {body for body in a_articles if body in b_articles and a_articles[body][0] != b_articles[body][0]}
    assert len(renumbered) >= least  # 06: 37 whole bodies are identical (the manifest counts 60 first paragraphs)
    row_of_a = {i: row for row in diff.rows if row.op != "copied" for i in row.a}
    label_rows = 0
    for i, clause in enumerate(diff.a_clauses):
        if clause.kind != "article":
            continue
        body = []
        k = i + 1
        while k < len(diff.a_clauses) and diff.a_clauses[k].kind == "sentence":
            body.append(k)
            k += 1
        if "".join(diff.a_clauses[k].text for k in body) not in renumbered:
            continue
        for k in body:
            row = row_of_a[k]
            assert row.op in ("equal", "moved") and row.similarity == 1.0, (clause.text, row)
        label_row = row_of_a[i]
        assert label_row.b and diff.b_clauses[label_row.b[0]].kind == "article", clause.text
        if label_row.op != "moved" and diff.a_text(label_row) != diff.b_text(label_row):
            assert label_row.op == "renumbered", (clause.text, label_row)
        label_rows += 1
    assert label_rows >= least


def test_report_records_the_options_and_counts() -> None:
    a, b = (str(p) for p in (REAL / "01_holiday_measures" / "a.txt", REAL / "01_holiday_measures" / "b.txt"))
    report = diff_report(compare(load(a), load(b)))
    assert report["options"]["script"] == "t2s" and report["options"]["width"] is True
    ops = ("equal", "renumbered", "modified", "inserted", "deleted")
    assert sum(report["summary"][op] for op in ops) == len(report["rows"])
    assert report["summary"]["renumbered"] == 1  # old 第七条 is new 第八条
    assert report["summary"]["changes"] == len(report["rows"]) - report["summary"]["equal"] - 1
    inserted = [r for r in report["rows"] if r["op"] == "inserted"]
    b_text = Path(b).read_text(encoding="utf-8")
    assert any("合理安排统一放假调休" in b_text[lo:hi] for r in inserted for lo, hi in r["b"])


@pytest.mark.parametrize("pair", REAL_PAIRS)
def test_equal_rows_hold_the_same_text_on_both_sides(pair: str) -> None:
    diff = compare(load(str(REAL / pair / "a.txt")), load(str(REAL / pair / "b.txt")))
    unequal = [
        (diff.a_text(row), diff.b_text(row))
        for row in diff.rows
        if row.op in ("equal", "copied") and diff.a_text(row).replace(" ", "") != diff.b_text(row).replace(" ", "")
    ]
    assert unequal == []
