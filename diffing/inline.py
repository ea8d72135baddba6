"""Inline differences inside one aligned row, on normalized text.

Rules:

* diff-match-patch with ``Diff_Timeout = 0`` (never the silent "delete all,
  insert all" of a timed-out diff) and semantic cleanup; it only ever sees the
  text of one row, so it stays fast.
* ``word`` mode segments both texts into Chinese words (`diffing.words`: rjieba,
  loaded on first use only, or the words the caller cut for many rows at once)
  and diffs word tokens, so 国土→领土 is one replacement, never 国→领 inside a
  word; ``char`` mode diffs characters.
* The parts always join back: ``=`` and ``-`` give A's text, ``=`` and ``+`` B's.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from diff_match_patch import diff_match_patch

from diffing.words import cut_all

__all__ = ["InlinePart", "inline_diff"]

InlinePart = tuple[Literal["=", "-", "+"], str]
_OPS: dict[int, Literal["=", "-", "+"]] = {0: "=", -1: "-", 1: "+"}


@cache
def _dmp() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    return dmp


def inline_diff(
    a: str, b: str, mode: Literal["word", "char"] = "word", words: tuple[list[str], list[str]] | None = None
) -> tuple[InlinePart, ...]:
    """The inline difference of two normalized texts (``words``: their words, when the caller has them)."""
    dmp = _dmp()
    if mode == "word" and a and b:
        a_words, b_words = words if words is not None else cut_all([a, b])
        vocab: dict[str, str] = {}
        back: list[str] = []

        def encode(tokens: list[str]) -> str:
            chars = []
            for t in tokens:
                ch = vocab.get(t)
                if ch is None:
                    ch = chr(0xF0000 + len(back))
                    vocab[t] = ch
                    back.append(t)
                chars.append(ch)
            return "".join(chars)

        ea, eb = encode(a_words), encode(b_words)
        diffs = dmp.diff_main(ea, eb, False)
        dmp.diff_cleanupSemantic(diffs)  # on word tokens: no overlap is cut out of a word
        diffs = [(op, "".join(back[ord(c) - 0xF0000] for c in s)) for op, s in diffs]
    else:
        diffs = dmp.diff_main(a, b, False)
        dmp.diff_cleanupSemantic(diffs)
    return tuple((_OPS[op], s) for op, s in diffs if s)
