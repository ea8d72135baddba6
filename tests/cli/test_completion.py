"""``wendiff completion SHELL``: the printed script completes commands, options and choices in that shell.

Each script is loaded into the real shell and asked to complete a command line;
zsh and fish are skipped where they are not installed (bash always is), failed under CI=true.
"""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest

from tests.programs import FISH, ZSH, need_program
from tui.cli import build_parser, main
from tui.completion import SHELLS, levels, script

LINES = {
    # command line (the last word is being completed) -> words that must be offered
    "wendiff ": {"diff", "store", "dups", "library", "tui", "demo", "completion"},
    "wendiff st": {"store"},
    "wendiff --": {"--help", "--version"},
    "wendiff store ": {"add", "list", "log", "show", "diff", "blame", "import", "export", "check"},
    "wendiff store --store diff b": {"blame"},  # --store takes a value: "diff" is its path, not the command
    "wendiff diff a.txt b.txt --no-": {"--no-t2s", "--no-width", "--no-whitespace"},
    "wendiff diff --format ": {"text", "json", "html", "md", "docx"},
    "wendiff store diff law --layout s": {"side"},
    "wendiff dups --engine ": {"local", "dask"},
    "wendiff completion ": set(SHELLS),
}

NOTHING = ("wendiff diff a.txt ", "wendiff store add -m ")
"""Lines where the script offers no word of its own (the shell completes file names)."""


def _bash(path: Path, line: str) -> list[str]:
    words = line.split(" ")
    code = (
        f"source {shlex.quote(str(path))}\n"
        f"COMP_WORDS=({' '.join(shlex.quote(w) for w in words)}); COMP_CWORD={len(words) - 1}\n"
        '_wendiff; printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(["bash", "--norc", "--noprofile", "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and not done.stderr, done.stderr
    return [w for w in done.stdout.splitlines() if w]


_ZSH_STUBS = r"""
_offer() { local w; for w in "$@"; do [[ $w == ${words[CURRENT]##*=}* ]] && print -- $w; done; return 0 }
compadd() { [[ $1 == -a ]] && _offer ${(P)2} }
_describe() { _offer ${${(P)4}%%:*} }
_files() { print -- '<files>' }
compset() { : }
compdef() { : }
"""


def _zsh(path: Path, line: str) -> list[str]:
    words = line.split(" ")
    code = (
        _ZSH_STUBS + f"source {shlex.quote(str(path))}\n"
        f"words=({' '.join(shlex.quote(w) for w in words)}); CURRENT={len(words)}\n_wendiff\n"
    )
    done = subprocess.run(["zsh", "-f", "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and not done.stderr, done.stderr
    return [w for w in done.stdout.splitlines() if w and w != "<files>"]


def _fish(path: Path, line: str) -> list[str]:
    code = f"source {shlex.quote(str(path))}; complete -C {shlex.quote(line)}"
    done = subprocess.run(["fish", "--no-config", "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and not done.stderr, done.stderr
    return [w.split("\t")[0] for w in done.stdout.splitlines() if w]


COMPLETE = {"bash": _bash, "zsh": _zsh, "fish": _fish}


@pytest.fixture(params=SHELLS)
def shell_script(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    shell: str = request.param
    if shell != "bash":
        need_program({"zsh": ZSH, "fish": FISH}[shell])
    path = tmp_path / f"wendiff.{shell}"
    path.write_text(script(build_parser(), shell), encoding="utf-8")
    return shell, path


def test_the_script_completes_commands_options_and_choices(shell_script: tuple[str, Path]) -> None:
    shell, path = shell_script
    for line, expected in LINES.items():
        offered = set(COMPLETE[shell](path, line))
        assert expected <= offered, (line, offered)
        last = line.rsplit(" ", 1)[1]
        assert all(word.startswith(last) for word in offered), (line, offered)


def test_file_arguments_are_left_to_the_shell(shell_script: tuple[str, Path]) -> None:
    shell, path = shell_script
    if shell == "fish":  # fish lists the folder's files itself: nothing of wendiff's own is checked there
        return
    for line in NOTHING:
        assert COMPLETE[shell](path, line) == [], line


def test_every_option_of_every_command_is_offered(shell_script: tuple[str, Path]) -> None:
    shell, path = shell_script
    found = levels(build_parser())
    assert {"wendiff", "wendiff diff", "wendiff store add", "wendiff completion"} <= {lv.path for lv in found}
    for level in found:
        flags = {flag for option in level.options for flag in option.flags}
        offered = set(COMPLETE[shell](path, f"{level.path} -"))
        if shell == "fish":  # fish offers "-" alone as the short options, and long ones for "--"
            offered |= set(COMPLETE[shell](path, f"{level.path} --"))
            offered |= {f"-{o.removeprefix('-')}" for o in offered if len(o) == 2}
        assert flags <= offered, (level.path, flags - offered)


def test_completion_command_prints_the_script_and_refuses_other_shells(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "bash"]) == 0
    assert "complete -o default -F _wendiff wendiff" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        main(["completion", "powershell"])
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
