"""The local engine end to end: families of copies, bad files, workers, the version store."""

from __future__ import annotations

import random
from pathlib import Path

import opencc
import pytest

from corpus.document import Document
from corpus.errors import WendiffError
from corpus.options import Options
from corpus.samples import real_pair, seed
from corpus.unspin import load_table, spin
from diffing.dups import engine
from diffing.dups.engine import (
    POOL_MIN_INPUTS,
    DupsResult,
    Progress,
    collect_inputs,
    duplicate_pairs,
    find_duplicates,
    store_inputs,
)
from diffing.dups.fingerprint import Fingerprint, fingerprint_document

BASE = seed("004").read_text(encoding="utf-8")
UNSPIN = Options(unspin=True)


def edited(text: str, seed_value: int) -> str:
    """``text`` with a few sentences changed and one paragraph moved to the end."""
    rng = random.Random(seed_value)
    lines = text.split("\n")
    for _ in range(4):
        k = rng.randrange(len(lines))
        if len(lines[k]) > 20:
            cut = rng.randrange(5, len(lines[k]) - 5)
            lines[k] = lines[k][:cut] + "有关部门" + lines[k][cut + 2 :]
    lines.append(lines.pop(len(lines) // 3))
    return "\n".join(lines)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A family of six copies of seed 004, three unrelated documents, one binary file."""
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a-base.txt").write_text(BASE, encoding="utf-8")
    (d / "b-gb18030.txt").write_bytes(BASE.encode("gb18030"))
    (d / "c-traditional.txt").write_text(opencc.OpenCC("s2t").convert(BASE), encoding="utf-8")
    (d / "d-edited.txt").write_text(edited(BASE, 1), encoding="utf-8")
    (d / "e-edited.txt").write_text(edited(BASE, 2), encoding="utf-8")
    (d / "f-spun.txt").write_text(spin(BASE, load_table()), encoding="utf-8")
    (d / "g-notice.txt").write_text(seed("000").read_text(encoding="utf-8"), encoding="utf-8")
    (d / "h-law.txt").write_text(real_pair("03_ip_tribunal_provisions")[1].read_text(encoding="utf-8"))
    (d / "i-law.txt").write_text(real_pair("01_holiday_measures")[0].read_text(encoding="utf-8"))
    (d / "z-binary.txt").write_bytes(bytes(range(256)) * 8)
    (d / ".hidden.txt").write_text(BASE, encoding="utf-8")
    return d


def names(result: DupsResult) -> list[str]:
    return [Path(d.name).name for d in result.documents]


def test_every_kind_of_copy_is_a_near_duplicate_and_nothing_else_is(corpus: Path) -> None:
    result = find_duplicates(collect_inputs([str(corpus)]), UNSPIN, workers=1)
    n = names(result)
    family = {k for k, name in enumerate(n) if name[0] in "abcdef"}
    found = {(a, b) for a, b, _ in duplicate_pairs(result)}
    assert found == {(a, b) for a in family for b in family if a < b}
    assert [set(c) for c in result.clusters] == [family]
    # other bytes, same text after normalization (GB18030; Traditional script)
    base = n.index("a-base.txt")
    assert result.exact_of == {n.index("b-gb18030.txt"): base, n.index("c-traditional.txt"): base}
    assert ".hidden.txt" not in n


def test_without_unspin_the_spun_copy_falls_out_of_the_family(corpus: Path) -> None:
    result = find_duplicates(collect_inputs([str(corpus)]), Options(), workers=1)
    n = names(result)
    spun = n.index("f-spun.txt")
    assert all(spun not in c for c in result.clusters)


def test_a_bad_file_is_skipped_with_one_warning_and_the_run_goes_on(corpus: Path) -> None:
    warnings: list[str] = []
    result = find_duplicates(collect_inputs([str(corpus), str(corpus / "missing.txt")]), workers=1,
                             warn=warnings.append)  # fmt: skip
    assert len(result.documents) == 9
    assert [Path(s.path).name for s in result.skipped] == ["z-binary.txt", "missing.txt"]
    assert len(warnings) == 2
    assert warnings[0].startswith(str(corpus / "z-binary.txt") + ": ") and "\n" not in warnings[0]
    assert warnings[1] == f"{corpus / 'missing.txt'}: no such file"


def test_no_readable_document_is_trouble(tmp_path: Path) -> None:
    (tmp_path / "x.bin").write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(WendiffError, match=r"no readable documents \(1 skipped\)"):
        find_duplicates(collect_inputs([str(tmp_path)]), workers=1)


def test_progress_reports_both_stages(corpus: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    find_duplicates(collect_inputs([str(corpus)]), workers=1,
                    progress=lambda p: seen.append((p.stage, p.done, p.total)))  # fmt: skip
    reads = [s for s in seen if s[0] == "read"]
    assert reads[-1] == ("read", 10, 10) and [d for _, d, _ in reads] == list(range(1, 11))
    compares = [s for s in seen if s[0] == "compare"]
    assert compares and compares[-1][1] == compares[-1][2]


def test_worker_processes_give_the_same_result_as_one_process(corpus: Path) -> None:
    law = real_pair("03_ip_tribunal_provisions")[0].read_text(encoding="utf-8")
    lines = [line for line in law.split("\n") if len(line) > 30]
    rng = random.Random(5)
    for k in range(POOL_MIN_INPUTS):
        picked = rng.sample(lines, 3)
        (corpus / f"n{k:03d}.txt").write_text("\n".join(picked), encoding="utf-8")
    inputs = collect_inputs([str(corpus)])
    one = find_duplicates(inputs, UNSPIN, workers=1)
    two = find_duplicates(inputs, UNSPIN, workers=2)
    assert one.documents == two.documents and one.clusters == two.clusters
    assert sorted(one.pairs, key=lambda p: (p.a, p.b)) == sorted(two.pairs, key=lambda p: (p.a, p.b))
    assert one.repeats == two.repeats


def test_store_mode_checks_files_against_the_stores_documents(tmp_path: Path) -> None:
    from diffing.versions import open_store

    with open_store(tmp_path / "store", create=True) as store:
        store.add(BASE.encode("utf-8"), "report.txt", doc_id="report")
        store.add(seed("001").read_text(encoding="utf-8").encode("utf-8"), "news.txt", doc_id="news")
        store.add(seed("001").read_text(encoding="utf-8").encode("utf-8") + "附记。".encode(), "news2.txt",
                  doc_id="news-copy")  # fmt: skip
    mine = tmp_path / "new.txt"
    mine.write_text(opencc.OpenCC("s2t").convert(BASE), encoding="utf-8")
    result = find_duplicates(collect_inputs([str(mine)]) + store_inputs(str(tmp_path / "store")), workers=1)
    n = names(result)
    assert n == ["new.txt", "report@1.txt"]  # the news pair lies inside the store: not this run's business
    assert result.clusters == ((0, 1),)


def test_store_mode_without_a_store_is_trouble(tmp_path: Path) -> None:
    with pytest.raises(WendiffError, match="no store there"):
        store_inputs(str(tmp_path / "nowhere"))


def test_a_file_removed_before_it_is_compared_is_reported_and_the_run_goes_on(corpus: Path) -> None:
    warnings: list[str] = []
    victim = corpus / "d-edited.txt"

    def progress(p: Progress) -> None:
        if p.stage == "read" and p.done == p.total:
            victim.unlink()

    result = find_duplicates(collect_inputs([str(corpus)]), workers=1, progress=progress, warn=warnings.append)
    assert any(w.startswith(f"{victim}: no such file (read again to compare") for w in warnings)
    assert result.clusters  # the rest of the family is still found


def test_an_unexpected_failure_on_one_file_skips_it_with_its_reason(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = fingerprint_document

    def flaky(index: int, name: str, doc: Document) -> Fingerprint:
        if name.endswith("h-law.txt"):
            raise RuntimeError("boom\nsecond line")
        return real(index, name, doc)

    monkeypatch.setattr(engine, "fingerprint_document", flaky)
    result = find_duplicates(collect_inputs([str(corpus)]), workers=1)
    problems = [s.problem for s in result.skipped]
    assert f"{corpus / 'h-law.txt'}: could not be processed (RuntimeError: boom second line)" in problems


def test_a_pdf_with_a_scanned_page_is_read_with_one_warning_naming_the_page(tmp_path: Path) -> None:
    formats = Path(__file__).resolve().parents[1] / "data" / "formats"
    for name in ("01a.pdf", "partly_scanned.pdf"):
        (tmp_path / name).write_bytes((formats / name).read_bytes())
    warnings: list[str] = []
    result = find_duplicates(collect_inputs([str(tmp_path)]), workers=1, warn=warnings.append)
    assert len(result.documents) == 2 and not result.skipped
    assert warnings == [
        f"{tmp_path / 'partly_scanned.pdf'}: page 2 has no text layer (a scanned image?); "
        "its text is not compared, OCR it first (pip install 'wendiff[ocr]' reads it)"
    ]
