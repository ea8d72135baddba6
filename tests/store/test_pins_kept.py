"""The reviewer's pins of two store versions live in the store (issue 25, item 1): on a ref of their
own, each save a commit, the versions' branch untouched; `wendiff store diff` applies them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.store import LATEST, Rev, Store
from diffing.pins import Pin, dump_pins
from tests.store.conftest import git
from tui.cli import main

_UNPAIR = dump_pins([Pin("第一条", "第一条", "unpair")]).encode("utf-8")


def _two_versions(store: Store, holiday: tuple[Path, Path]) -> None:
    store.add_file(holiday[0], doc_id="h")
    store.add_file(holiday[1], doc_id="h")


def test_pins_are_kept_as_commits_beside_the_versions_without_moving_their_branch(
    store: Store, store_path: Path, holiday: tuple[Path, Path]
) -> None:
    _two_versions(store, holiday)
    v1, v2 = store.version("h", Rev("number", 1)), store.version("h", LATEST)
    tip = git(store_path, "rev-parse", "main").stdout
    assert store.pins(v1, v2) is None
    store.save_pins(v1, v2, _UNPAIR)
    assert store.pins(v1, v2) == _UNPAIR and store.pins(v2, v1) is None
    store.save_pins(v1, v2, None)
    assert store.pins(v1, v2) is None
    assert git(store_path, "rev-list", "--count", "refs/wendiff/pins").stdout.strip() == "2"  # versioned
    assert git(store_path, "rev-parse", "main").stdout == tip
    assert main(["store", "check", "--store", str(store_path)]) == 0


def test_store_diff_applies_the_pins_kept_for_its_two_versions(
    store: Store, store_path: Path, holiday: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _two_versions(store, holiday)
    out = tmp_path / "r.json"
    args = ["store", "diff", "h@1", "h@2", "--store", str(store_path), "--format", "json", "-o", str(out)]
    main(args)
    assert not any(row.get("pinned") for row in json.loads(out.read_text(encoding="utf-8"))["rows"])
    store.save_pins(store.version("h", Rev("number", 1)), store.version("h", LATEST), _UNPAIR)
    main(args)
    rows = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert {(r["op"], r["place_a"], r["place_b"]) for r in rows if r.get("pinned")} == {
        ("deleted", "第一条", None), ("inserted", None, "第一条"),
    }  # fmt: skip
    assert "warning" not in capsys.readouterr().err


def test_a_damaged_pins_record_is_one_line_naming_it(
    store: Store, store_path: Path, holiday: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _two_versions(store, holiday)
    store.save_pins(store.version("h", Rev("number", 1)), store.version("h", LATEST), b"\xff not json")
    assert main(["store", "diff", "h@1", "h@2", "--store", str(store_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pins of h@1 vs h@2" in err and "not JSON" in err
