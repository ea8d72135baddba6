"""Shell completion scripts for bash, zsh and fish, generated from the argparse parser.

Rules:

* The parser is the only source: `levels` walks it once (``wendiff``, then
  each subcommand, ``wendiff store add`` …) into plain values, and each shell's
  script is rendered from those, so a new option is completed without editing
  anything here.
* A script is static text: completing a word runs no Python (start-up cost
  stays zero). It finds where the command line stands by walking its words:
  a subcommand name of the current level moves one level down, an option that
  takes a value skips the next word.
* What is completed: subcommand names (zsh and fish show their help), options
  of the current level, the choices of an option (``--format``) or of a
  positional argument (``completion SHELL``), and file names everywhere else.
* Importing this module is cheap (standard library only): the parser of
  ``wendiff completion`` takes `SHELLS` from here.
* argparse has no public way to list a parser's actions; this module reads
  them through `tui.compat_argparse` (as shtab and argcomplete do).
"""

from __future__ import annotations

import argparse
import shlex
from dataclasses import dataclass

from tui.compat_argparse import actions, subcommands

__all__ = ["SHELLS", "Level", "Option", "levels", "script"]

SHELLS = ("bash", "zsh", "fish")

ROOT = "wendiff"


@dataclass(frozen=True)
class Option:
    """One option of one level."""

    flags: tuple[str, ...]
    help: str
    takes_value: bool
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Level:
    """The command line at one depth: ``wendiff``, ``wendiff store``, ``wendiff store add`` …"""

    path: str
    """The words that lead here, space-separated, starting with ``wendiff``."""
    commands: tuple[tuple[str, str], ...]
    """Subcommands (name, one-line help)."""
    options: tuple[Option, ...]
    values: tuple[str, ...]
    """Choices of the positional arguments, if they have any."""

    @property
    def valued(self) -> tuple[str, ...]:
        """Flags whose next word is their value."""
        return tuple(flag for o in self.options if o.takes_value for flag in o.flags)


def levels(parser: argparse.ArgumentParser, path: str = ROOT) -> list[Level]:
    """``parser`` and every subparser under it, depth first."""
    commands: list[tuple[str, str]] = []
    options: list[Option] = []
    values: list[str] = []
    below: list[Level] = []
    for action in actions(parser):
        subs = subcommands(action)
        if subs is not None:
            for name, help_line, sub in subs:
                commands.append((name, help_line))
                below += levels(sub, f"{path} {name}")
        elif action.help == argparse.SUPPRESS:
            continue
        elif action.option_strings:
            choices = tuple(str(c) for c in action.choices) if action.choices else ()
            options.append(Option(tuple(action.option_strings), _one_line(action.help), action.nargs != 0, choices))
        elif action.choices:
            values += [str(c) for c in action.choices]
    return [Level(path, tuple(commands), tuple(options), tuple(values)), *below]


def _one_line(text: str | None) -> str:
    return " ".join((text or "").replace("%%", "%").split())


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script of ``shell`` (one of `SHELLS`) for ``parser``."""
    found = levels(parser)
    if shell == "bash":
        return _bash(found)
    if shell == "zsh":
        return _zsh(found)
    if shell == "fish":
        return _fish(found)
    raise ValueError(f"no completion for {shell!r} (one of {', '.join(SHELLS)})")


def _table(name: str, rows: dict[str, str], pairs: bool = False) -> str:
    """An associative array assignment: ``([key]=value …)`` for bash, ``(key value …)`` (``pairs``) for zsh."""
    q = shlex.quote
    body = "".join(f"\n    {q(k)} {q(v)}" if pairs else f"\n    [{q(k)}]={q(v)}" for k, v in rows.items())
    return f"{name}=({body}\n)"


def _common_tables(found: list[Level], pairs: bool) -> list[str]:
    """The tables both bash and zsh scripts read: subcommand names, options with a value, choices, by level."""
    choices = {f"{lv.path} {f}": " ".join(o.choices) for lv in found for o in lv.options if o.choices for f in o.flags}
    return [
        _table("_wendiff_names", {lv.path: " ".join(n for n, _ in lv.commands) for lv in found}, pairs),
        _table("_wendiff_valued", {lv.path: " ".join(lv.valued) for lv in found}, pairs),
        _table("_wendiff_values", {lv.path: " ".join(lv.values) for lv in found}, pairs),
        _table("_wendiff_choices", choices, pairs),
    ]


_BASH = r"""
_wendiff() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local at=wendiff word i skip=0
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if ((skip)); then skip=0; continue; fi
        if [[ " ${_wendiff_valued[$at]} " == *" $word "* ]]; then skip=1; continue; fi
        [[ $word == -* ]] && continue
        if [[ " ${_wendiff_names[$at]} " == *" $word "* ]]; then at="$at $word"; fi
    done
    if [[ $prev == = && $cur != -* ]]; then     # --format=<TAB>
        prev=${COMP_WORDS[COMP_CWORD-2]}; skip=1
    fi
    if ((skip)); then
        [[ -n ${_wendiff_choices["$at $prev"]+set} ]] &&
            COMPREPLY=($(compgen -W "${_wendiff_choices["$at $prev"]}" -- "$cur"))
        return 0   # no choices: file names (complete -o default)
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "${_wendiff_options[$at]}" -- "$cur"))
    else
        COMPREPLY=($(compgen -W "${_wendiff_names[$at]} ${_wendiff_values[$at]}" -- "$cur"))
    fi
}
complete -o default -F _wendiff wendiff
"""


def _bash(found: list[Level]) -> str:
    options = _table("_wendiff_options", {lv.path: " ".join(f for o in lv.options for f in o.flags) for lv in found})
    head = (
        "# bash completion for wendiff, made by `wendiff completion bash`.\n"
        "# Load: source <(wendiff completion bash)\n"
        "declare -gA _wendiff_names _wendiff_options _wendiff_valued _wendiff_values _wendiff_choices\n"
    )
    return head + "\n".join([*_common_tables(found, pairs=False), options]) + "\n" + _BASH


_ZSH = r"""
_wendiff() {
    local at=wendiff word i skip=0
    for ((i = 2; i < CURRENT; i++)); do
        word=${words[i]}
        if ((skip)); then skip=0; continue; fi
        if [[ " ${_wendiff_valued[$at]} " == *" $word "* ]]; then skip=1; continue; fi
        [[ $word == -* ]] && continue
        if [[ " ${_wendiff_names[$at]} " == *" $word "* ]]; then at="$at $word"; fi
    done
    local cur=${words[CURRENT]} prev=${words[CURRENT-1]}
    if [[ $cur == --*=* ]]; then             # --format=<TAB>
        prev=${cur%%=*}; compset -P '*='; skip=1
    fi
    local -a items
    if ((skip)); then
        if ((${+_wendiff_choices[$at $prev]})); then
            items=(${=_wendiff_choices[$at $prev]})
            compadd -a items
        else
            _files
        fi
    elif [[ $cur == -* ]]; then
        items=(${(f)_wendiff_options[$at]})
        _describe -t options option items
    elif [[ -n ${_wendiff_commands[$at]} ]]; then
        items=(${(f)_wendiff_commands[$at]})
        _describe -t commands command items
    elif [[ -n ${_wendiff_values[$at]} ]]; then
        items=(${=_wendiff_values[$at]})
        compadd -a items
    else
        _files
    fi
}

if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
    _wendiff "$@"
else
    compdef _wendiff wendiff
fi
"""


def _described(pairs: list[tuple[str, str]]) -> str:
    """``name:help`` lines for zsh's ``_describe`` (a colon in a name is escaped)."""
    return "\n".join(name.replace(":", "\\:") + ":" + text for name, text in pairs)


def _zsh(found: list[Level]) -> str:
    commands = {lv.path: _described(list(lv.commands)) for lv in found}
    options = {lv.path: _described([(f, o.help) for o in lv.options for f in o.flags]) for lv in found}
    head = (
        "#compdef wendiff\n# zsh completion for wendiff, made by `wendiff completion zsh`.\n"
        '# Install: wendiff completion zsh > "${fpath[1]}/_wendiff" (or, after compinit: '
        "source <(wendiff completion zsh))\n"
        "typeset -gA _wendiff_names _wendiff_commands _wendiff_options _wendiff_valued _wendiff_values "
        "_wendiff_choices\n"
    )
    tables = [
        *_common_tables(found, pairs=True),
        _table("_wendiff_commands", commands, pairs=True),
        _table("_wendiff_options", options, pairs=True),
    ]
    return head + "\n".join(tables) + "\n" + _ZSH


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


_FISH = r"""
function __wendiff_at --description 'Is the command line at this level of wendiff?'
    set -l words (commandline -opc)
    set -e words[1]
    set -l at wendiff
    set -l skip 0
    for word in $words
        if test $skip -eq 1
            set skip 0
            continue
        end
        if contains -- $word (__wendiff_valued $at)
            set skip 1
            continue
        end
        string match -q -- '-*' $word; and continue
        if contains -- $word (__wendiff_names $at)
            set at "$at $word"
        end
    end
    test "$at" = "$argv[1]"
end
"""


def _fish_switch(name: str, rows: dict[str, tuple[str, ...]]) -> str:
    cases = "".join(
        f"        case {_fish_quote(key)}\n            printf '%s\\n' {' '.join(_fish_quote(v) for v in vals)}\n"
        for key, vals in rows.items()
        if vals
    )
    return f"function {name}\n    switch $argv[1]\n{cases}    end\nend\n"


def _fish(found: list[Level]) -> str:
    out = [
        "# fish completion for wendiff, made by `wendiff completion fish`.\n"
        "# Install: wendiff completion fish > ~/.config/fish/completions/wendiff.fish\n",
        _fish_switch("__wendiff_names", {lv.path: tuple(n for n, _ in lv.commands) for lv in found}),
        _fish_switch("__wendiff_valued", {lv.path: lv.valued for lv in found}),
        _FISH,
    ]
    lines = []
    for lv in found:
        at = f"complete -c wendiff -n {_fish_quote('__wendiff_at ' + shlex.quote(lv.path))}"
        for name, text in lv.commands:
            lines.append(f"{at} -f -a {_fish_quote(name)} -d {_fish_quote(text)}")
        if lv.values:
            lines.append(f"{at} -f -a {_fish_quote(' '.join(lv.values))}")
        for o in lv.options:
            flags = " ".join(
                f"-l {f[2:]}" if f.startswith("--") else f"-s {f[1:]}" if len(f) == 2 else f"-o {f[1:]}"
                for f in o.flags
            )
            value = (f" -x -a {_fish_quote(' '.join(o.choices))}" if o.choices else " -r") if o.takes_value else ""
            lines.append(f"{at} {flags}{value} -d {_fish_quote(o.help)}")
    return "\n".join(out) + "\n" + "\n".join(lines) + "\n"
