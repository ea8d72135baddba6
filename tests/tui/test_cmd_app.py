"""The app's doors on the command line: library, tui, demo (which never hangs without a terminal)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import build_parser
from tui.demo import DEMO_DOCUMENTS, notice_spans

ROOT = Path(__file__).resolve().parents[2]


def test_demo_without_a_terminal_prints_the_duplicated_notice_and_exits_0() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "demo", "--columns", "80"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "渝规资〔2021〕428号 copy 1" in out and "渝规资〔2021〕428号 copy 2" in out
    assert "equal 37" in out
    assert "全国年节及纪念日放假办法  (2 versions: 2013-12-11, 2024-11-10)" in out
    assert "\x1b[" not in out


def test_the_two_copies_of_the_notice_are_the_finders_repeat_and_do_not_overlap() -> None:
    number, one, two = notice_spans()
    assert number == "渝规资〔2021〕428号"
    assert one[0] == 0 and one[1] <= two[0]


def test_demo_store_holds_five_seeds_and_two_laws_with_two_versions(demo_store: Path) -> None:
    from corpus.store import Store

    with Store.open(demo_store, create=False) as store:
        versions = {d.doc_id: d.versions for d in store.documents()}
    assert len(versions) == 7
    assert sorted(versions.values()) == [1, 1, 1, 1, 1, 2, 2]
    assert {v.doc_id for v in DEMO_DOCUMENTS} == set(versions)


def test_app_subcommands_are_registered_with_their_arguments() -> None:
    parser = build_parser()
    args = parser.parse_args(["tui", "a.txt", "b.txt", "--no-t2s", "--inline", "char"])
    assert (args.a, args.b, args.script, args.inline) == ("a.txt", "b.txt", "none", "char")
    assert parser.parse_args(["library", "x.txt"]).files == ["x.txt"]
    assert parser.parse_args(["demo", "--store", "s"]).store == "s"


def test_app_without_a_terminal_says_what_to_run_instead_and_exits_2() -> None:
    pair = ["corpus/samples/real/01_holiday_measures/a.txt", "corpus/samples/real/01_holiday_measures/b.txt"]
    for argv, hint in ((["tui", *pair], "wendiff diff A B"), ([], "wendiff store list")):
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", *argv],
            cwd=ROOT, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        assert done.returncode == 2
        assert done.stderr.startswith("wendiff: the app needs a terminal") and hint in done.stderr
        assert done.stderr.count("\n") == 1


def test_standard_input_cannot_be_a_side_in_the_app() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "tui", "-", "b.txt"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 2 and done.stderr.startswith("wendiff: -: the app reads its keys")


def test_serve_without_the_web_extra_names_it_in_one_line_and_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    from tui.cli import main

    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'wendiff[web]'" in err


def test_serve_help_says_it_binds_to_this_machine_and_who_can_read_the_files(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tui.cli import main

    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "anyone who can reach the port can use the app and so read the files it can open" in text
    assert "127.0.0.1" in text
