"""The wendiff.dups report and the ``wendiff dups`` command."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import opencc
import pytest
from rich.cells import cell_len

from corpus.options import Options
from corpus.samples import seed
from corpus.unspin import load_table, spin
from diffing.dups.engine import collect_inputs, find_duplicates
from diffing.dups.report import dups_report, to_json
from diffing.dups.shingles import shingle_text
from diffing.dups.summary import render_summary
from tui.cli import main

NOTICE = seed("000").read_text(encoding="utf-8")
NEWS = seed("001").read_text(encoding="utf-8")
REPORT = seed("004").read_text(encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "000.txt").write_bytes(NOTICE.encode("utf-8"))
    (d / "001.txt").write_bytes(NEWS.encode("gb18030"))
    (d / "002-繁體.txt").write_text(opencc.OpenCC("s2t").convert(NOTICE[:2053]), encoding="utf-8")
    (d / "004.txt").write_text(REPORT, encoding="utf-8")
    (d / "004-spun.txt").write_text(spin(REPORT, load_table()), encoding="utf-8")
    (d / "bad.bin").write_bytes(bytes(range(256)) * 8)
    return d


def test_report_follows_the_spec_and_its_offsets_cut_the_original_files(folder: Path) -> None:
    options = Options(unspin=True)
    report = dups_report(find_duplicates(collect_inputs([str(folder)]), options, workers=1), options)
    assert (report["format"], report["version"]) == ("wendiff.dups", 1)
    assert list(report)[:6] == ["format", "version", "documents", "repeats", "reuse", "clusters"]
    texts = []
    for doc in report["documents"]:
        data = Path(doc["name"]).read_bytes()
        text = data.decode(doc["encoding"])
        assert doc["sha256"] == hashlib.sha256(data).hexdigest() and doc["length"] == len(text)
        texts.append(text)
    names = [Path(d["name"]).name for d in report["documents"]]
    notice = names.index("000.txt")
    assert {"doc": notice, "spans": [[0, 2053], [2054, 4107]], "similarity": 1.0} in report["repeats"]
    sizes = []
    for entry in report["reuse"]:
        a, b = entry["a"], entry["b"]
        a_text = texts[a["doc"]][slice(*a["span"])]
        b_text = texts[b["doc"]][slice(*b["span"])]
        assert a["doc"] != b["doc"] and shingle_text(a_text) and shingle_text(b_text)
        assert 0.0 <= entry["similarity"] <= 1.0
        sizes.append(min(len(shingle_text(a_text)), len(shingle_text(b_text))))
    assert sizes == sorted(sizes, reverse=True)
    spun = [e for e in report["reuse"] if "reworded" in e]
    assert spun and all(names[e["reworded"]["doc"]] == "004-spun.txt" for e in spun)
    assert ["设置装备摆设", "建设"] in spun[0]["reworded"]["substitutions"]
    clusters = [sorted(names[i] for i in c) for c in report["clusters"]]
    assert ["000.txt", "002-繁體.txt"] in clusters and ["004-spun.txt", "004.txt"] in clusters
    assert report["skipped"] == [{"name": str(folder / "bad.bin"), "problem": report["skipped"][0]["problem"]}]
    assert json.loads(to_json(report)) == report


def test_summary_lines_fit_by_terminal_cells(folder: Path) -> None:
    result = find_duplicates(collect_inputs([str(folder)]), Options(unspin=True), workers=1)
    text = render_summary(result)
    assert text.startswith("5 documents read, 1 skipped")
    assert "Repeated inside one document (" in text and "Near-duplicate clusters (2)" in text
    assert "looks machine-reworded:" in text and "设置装备摆设→建设" in text
    reuse_lines = [line for line in text.split("\n") if "  →  " in line]
    columns = {cell_len(line[: line.index(" [")]) for line in reuse_lines}
    assert len(columns) == 1  # names padded by cells, Chinese names included


def test_dups_command_writes_json_and_warns_once_per_bad_file(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.json"
    assert main(["dups", str(folder), "--format", "json", "-o", str(out), "--workers", "1"]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["format"] == "wendiff.dups" and len(report["documents"]) == 5
    err = capsys.readouterr().err.splitlines()
    assert err == [f"wendiff: warning: {folder / 'bad.bin'}: " + report["skipped"][0]["problem"].split(": ", 1)[1]]


def test_dups_command_prints_the_summary(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dups", str(folder / "004.txt"), str(folder / "004-spun.txt"), "--unspin"]) == 0
    out = capsys.readouterr().out
    assert "Near-duplicate clusters (1)" in out and "looks machine-reworded" in out


def test_dups_command_with_nothing_readable_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dups", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == "wendiff: no readable documents (1 skipped)"


def test_dups_command_with_a_missing_store_exits_2(folder: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    assert main(["dups", str(folder / "000.txt"), "--store", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.startswith("wendiff: ")


def test_a_bad_unspin_table_is_one_error_before_any_file_is_read(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "mine.tsv"
    table.write_text("情况 环境\n", encoding="utf-8")
    assert main(["dups", str(folder), "--unspin-table", str(table)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"wendiff: {table}: line 1: expected 'spun<TAB>common[<TAB>marker|word]'"
    ]


@pytest.mark.parametrize("missing", ["dask", "distributed"])
def test_the_dask_engine_without_dask_names_the_extra_and_exits_2(
    missing: str, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, missing, None)  # as if it were not installed
    assert main(["dups", str(folder), "--engine", "dask"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "pip install 'wendiff[dask]'" in err and err.startswith("wendiff: --engine dask")
