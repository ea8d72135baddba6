"""`fold_whitespace` (one pass over the lines, changes spliced at the end) gives exactly the text and
offset map of the straightforward line-by-line reference it replaced, on random texts; `splice` gives
what `MapBuilder` gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.normalize import _SPACE_RUN, _wrap_patterns, _wrap_width, fold_whitespace, is_cjk
from corpus.offsets import MapBuilder, OffsetMap, splice


def reference(text: str) -> tuple[str, OffsetMap]:
    """The rule of `corpus.normalize` read literally: line by line, one builder call per piece."""
    b = MapBuilder()
    lines = text.splitlines(keepends=True)
    bodies = [line.rstrip("\r\n") for line in lines]
    width = _wrap_width([len(body.strip()) for body in bodies])
    pending: str | None = None
    last_char = ""
    prev = ""
    for line, body in zip(lines, bodies, strict=True):
        ending = line[len(body) :]
        stripped = body.strip(" \t\f\v\u00a0\u3000")
        if not stripped:
            pending = (pending or "") + line if last_char else None
            if pending is None:
                b.replace(len(line), "")
            continue
        lead = len(body) - len(body.lstrip(" \t\f\v\u00a0\u3000"))
        if pending is not None:
            joined = width is not None and is_wrap(pending, prev, stripped, width)
            b.replace(len(pending) + lead, "" if joined else "\n")
        else:
            b.replace(lead, "")
        pos = 0
        for m in _SPACE_RUN.finditer(stripped):
            before = stripped[m.start() - 1] if m.start() else ""
            after = stripped[m.end()] if m.end() < len(stripped) else ""
            new = " " if is_word(before) and is_word(after) else ""
            if new != m.group():
                b.keep(stripped[pos : m.start()])
                b.replace(m.end() - m.start(), new)
                pos = m.end()
        b.keep(stripped[pos:])
        last_char = stripped[-1]
        b.replace(len(body) - lead - len(stripped), "")
        prev = stripped
        pending = ending
    if pending:
        b.replace(len(pending), "")
    return b.build()


def is_wrap(brk: str, prev: str, nxt: str, width: int) -> bool:
    if brk.count("\n") + brk.count("\r") - brk.count("\r\n") > 1:
        return False
    line_end_terminal, list_start = _wrap_patterns()
    return not (len(prev) < width - 3 or line_end_terminal.search(prev) or list_start.match(nxt))


def is_word(ch: str) -> bool:
    return ch.isalnum() and not is_cjk(ch)


PIECES = [
    "中", "文", "a", "Z", "7", " ", "  ", "\t", "\u3000", "\u00a0", "\f", "\v", "\n", "\n\n", "\r", "\r\n",
    "\x1c", "\x85", "\u2028", "。", "；", ":", "|", "”", "）", "- ", "# ", "• ", "<!--", "第一条",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
ODD_BREAKS = "\f\v\x1c\x85\u2028"
# Only CR and LF breaks: a text not hard-wrapped is then folded run by run, not line by line.
plain_texts = st.lists(st.sampled_from([p for p in PIECES if not set(p) & set(ODD_BREAKS)]), max_size=80).map("".join)
# Hard-wrapped paragraphs: many lines of one width, so that wraps are joined.
wrapped_line = st.tuples(
    st.text(alphabet="中文字a1 ，", min_size=22, max_size=22),
    st.sampled_from(["", "。", " ", "\u3000"]),
    st.sampled_from(["\n", "\r\n", "\n\n", "\n  ", "\n- "]),
).map("".join)
wrapped = st.lists(wrapped_line, min_size=3, max_size=12).map("".join)


def same(text: str) -> None:
    out = fold_whitespace(text)
    ref_text, ref_map = reference(text)
    assert (out.text, out.map.src_len, out.map.dst_len) == (ref_text, ref_map.src_len, ref_map.dst_len)
    assert out.map.edits == ref_map.edits


@settings(max_examples=400)
@given(texts)
def test_fold_whitespace_equals_the_line_by_line_reference(text: str) -> None:
    same(text)


@settings(max_examples=400)
@given(plain_texts)
def test_fold_whitespace_equals_the_reference_on_texts_broken_by_cr_and_lf_only(text: str) -> None:
    same(text)


@settings(max_examples=200)
@given(st.lists(st.one_of(texts, wrapped), max_size=4).map("".join))
def test_fold_whitespace_equals_the_reference_on_hard_wrapped_text(text: str) -> None:
    same(text)


def test_joined_wraps_are_exercised() -> None:
    text = "".join(f"{'中文' * 11}{k}\n" for k in range(5))
    assert fold_whitespace(text).text == reference(text)[0] == "".join(f"{'中文' * 11}{k}" for k in range(5))


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 4), st.sampled_from(["", "x", "yy", "zzz"])), max_size=12))
def test_splice_gives_what_map_builder_gives(steps: list[tuple[int, int, str]]) -> None:
    text = "abcdefghij" * 8
    reps: list[tuple[int, int, str]] = []
    b = MapBuilder()
    pos = 0
    for gap, length, new in steps:
        start = min(pos + gap, len(text))
        end = min(start + length, len(text))
        b.keep(text[pos:start])
        b.replace(end - start, new)
        reps.append((start, end, new))
        pos = end
    b.keep(text[pos:])
    out, omap = splice(text, reps)
    ref, ref_map = b.build()
    assert (out, omap.src_len, omap.dst_len, omap.edits) == (ref, ref_map.src_len, ref_map.dst_len, ref_map.edits)
