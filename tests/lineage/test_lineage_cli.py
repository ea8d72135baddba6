"""``wendiff store lineage`` and ``store show --as-of`` end to end, on a store made in tmp_path from a
real chain (tests/data/chains), with the JSON checked by the report validator."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from diffing.validate import validate_lineage
from tests.hostile.conftest import one_line_error
from tui.cli import main

CHAIN = Path(__file__).resolve().parents[1] / "data" / "chains" / "03_renshen-sunhai-peichang-jieshi"
DATES = ("2003-12-26", "2020-12-29", "2022-04-24")
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    store = tmp_path / "store"

    def runner(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        status = main(["store", "--store", str(store), *args])
        out, err = capsys.readouterr()
        return status, out, err

    return runner


@pytest.fixture
def chain(run: Run) -> Run:
    """The store holding the three versions of 人身损害赔偿解释, dated as published."""
    for k, day in enumerate(DATES, start=1):
        assert run("add", str(CHAIN / f"v{k}.txt"), "--doc", "sunhai", "--date", day)[0] == 0
    return run


def _versions() -> list[tuple[str, bytes]]:
    return [((CHAIN / f"v{k}.txt").read_text(encoding="utf-8"), (CHAIN / f"v{k}.txt").read_bytes()) for k in (1, 2, 3)]


def test_lineage_json_of_every_unit_is_valid(chain: Run) -> None:
    status, out, _ = chain("lineage", "sunhai", "ALL", "--format", "json")
    assert status == 0
    report = json.loads(out)
    assert validate_lineage(report, _versions()) == []
    assert [v["date"] for v in report["versions"]] == list(DATES)
    deleted = [lin for lin in report["lineages"] if lin["steps"][-1]["op"] == "deleted"]
    assert [s.get("label") for s in deleted[0]["steps"]] == ["第二条", None]  # ALL holds deleted articles too
    assert len(deleted) == 14  # the 14 articles the 2020 decision deletes (test_real_chains.py)


def test_lineage_of_one_article_follows_it_through_renumbering(chain: Run) -> None:
    status, out, _ = chain("lineage", "sunhai", "第四条", "--format", "json")
    assert status == 0
    report = json.loads(out)
    assert validate_lineage(report, _versions(), complete=False) == []
    (lin,) = report["lineages"]
    assert [(s["label"], s["op"]) for s in lin["steps"]] == [
        ("第十三条", "inserted"), ("第四条", "modified"), ("第四条", "equal")
    ]
    assert lin["steps"][1]["renumbered"] is True


def test_lineage_at_an_older_version_takes_that_versions_labels(chain: Run) -> None:
    status, out, _ = chain("lineage", "sunhai", "第十三条", "--at", "1")
    assert status == 0
    assert "第十三条 → 第四条" in out and "修改" in out


def test_lineage_readable_formats_hold_the_change(chain: Run, tmp_path: Path) -> None:
    for fmt in ("md", "html", "docx"):
        target = tmp_path / f"lineage.{fmt}"
        status, _, _ = chain("lineage", "sunhai", "第四条", "--format", fmt, "-o", str(target))
        assert status == 0 and target.stat().st_size > 0
    assert "~~" in (tmp_path / "lineage.md").read_text(encoding="utf-8")
    assert "<del>" in (tmp_path / "lineage.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("lineage", "sunhai", "第九十条"), "no 第九十条 in version 3"),
        (("lineage", "sunhai", "第四条", "--at", "7"), "versions 1 to 3"),
        (("lineage", "nosuch"), "no document 'nosuch'"),
    ],
)
def test_bad_lineage_requests_are_one_line(chain: Run, args: tuple[str, ...], words: str) -> None:
    status, out, err = chain(*args)
    assert status == 2 and out == ""
    assert words in one_line_error(err)


def test_lineage_of_a_document_with_one_version_is_one_line(run: Run) -> None:
    run("add", str(CHAIN / "v1.txt"), "--doc", "sunhai")
    status, _, err = run("lineage", "sunhai")
    assert status == 2 and "only one version" in one_line_error(err)


def test_lineage_of_an_empty_store_is_one_line(run: Run, tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    status, _, err = run("lineage", "sunhai")
    assert status == 2 and "store" in one_line_error(err)


@pytest.mark.parametrize(
    ("day", "version", "line"),
    [
        ("2010-06-30", 1, "v1 in force from 2004-05-01 to 2020-12-28"),
        ("2020-12-29", 2, "v2 in force from 2020-12-29 to 2022-04-30"),
        ("2030-01-01", 3, "v3 in force from 2022-05-01 to now"),
    ],
)
def test_show_as_of_picks_the_version_in_force(chain: Run, day: str, version: int, line: str) -> None:
    status, out, err = chain("show", "sunhai", "--as-of", day)
    assert status == 0
    assert out == (CHAIN / f"v{version}.txt").read_text(encoding="utf-8")
    assert line in err


def test_show_as_of_before_the_first_version_took_effect_is_an_error(chain: Run) -> None:
    """Version 1 is dated 2003-12-26 but says 本解释自2004年5月1日起施行."""
    status, out, err = chain("show", "sunhai", "--as-of", "2004-04-30")
    assert status == 2 and out == ""
    assert "before the first version came into force (2004-05-01)" in one_line_error(err)


def test_lineage_as_of_takes_the_labels_of_the_version_in_force(chain: Run) -> None:
    status, out, _ = chain("lineage", "sunhai", "第十三条", "--as-of", "2015-01-01", "--format", "json")
    assert status == 0
    report = json.loads(out)
    assert report["as_of"] == {"date": "2015-01-01", "version": 1}
    assert report["lineages"][0]["steps"][1]["label"] == "第四条"


def test_annotate_notes_each_amendment_under_its_article(chain: Run) -> None:
    status, out, _ = chain("annotate", "sunhai")
    assert status == 0
    article_4 = out.index("第四条 无偿提供劳务的帮工人")
    note = out[article_4:].split("\n")[1]
    assert note.strip().startswith("（本条2020年修改时由第十三条改为第四条，修改，原文为：“为他人无偿提供劳务的帮工人")
    assert "（原第二条于2020年修改时删除，原文为：“受害人对同一损害" in out
    assert out.index("（原第二条于") > out.index("第一条 因生命")  # at its former place: after 第一条
    assert out.index("（原第二条于") < out.index("第二条 赔偿权利人起诉部分共同侵权人")


def test_annotate_keeps_every_line_of_the_version(chain: Run) -> None:
    status, out, _ = chain("annotate", "sunhai", "--at", "2")
    assert status == 0
    text = (CHAIN / "v2.txt").read_text(encoding="utf-8")
    for line in filter(None, (ln.strip() for ln in text.splitlines())):
        assert line in out


def test_annotate_formats(chain: Run, tmp_path: Path) -> None:
    for fmt in ("md", "html", "docx"):
        target = tmp_path / f"annotated.{fmt}"
        assert chain("annotate", "sunhai", "--format", fmt, "-o", str(target))[0] == 0
    assert "原第二条于2020年修改时删除" in (tmp_path / "annotated.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("lineage", "sunhai", "--at", "0"), "versions 1 to 3"),
        (("lineage", "sunhai", "--as-of", "yesterday"), "--as-of: 'yesterday' is not a date"),
        (("lineage", "sunhai", "--as-of", "2020-02-30"), "--as-of:"),
        (("annotate", "sunhai", "--at", "9"), "versions 1 to 3"),
        (("show", "sunhai@2", "--as-of", "2021-01-01"), "without @REV"),
    ],
)
def test_bad_versions_and_days_are_one_line(chain: Run, args: tuple[str, ...], words: str) -> None:
    status, out, err = chain(*args)
    assert status == 2 and out == ""
    assert words in one_line_error(err)


def test_lineage_never_writes_its_report_into_the_store(chain: Run, tmp_path: Path) -> None:
    status, _, err = chain("lineage", "sunhai", "--format", "json", "-o", str(tmp_path / "store" / "HEAD"))
    assert status == 2 and "store" in one_line_error(err)
    assert (tmp_path / "store" / "HEAD").read_text().startswith("ref:")
