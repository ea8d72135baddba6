"""diffing.words: the words are the same whether a helper loaded rjieba ahead or this process did,
and the helper never outlives the command or hangs it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from corpus.samples import seed
from diffing.words import cut_all

TEXTS = ["国土空间生态修复", "川渝两地共同推进", "", "2024年7月1日起施行。", "abc 中文 mixed"]


def _python(code: str) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh interpreter: one thread, so that `prefetch` may fork."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120, check=False
    )


def test_words_join_back_to_each_text_in_this_process() -> None:
    words = cut_all(TEXTS)
    assert ["".join(w) for w in words] == TEXTS
    assert words[0] == ["国土", "空间", "生态", "修复"]
    assert cut_all([]) == []


def test_the_helper_gives_the_same_words_and_leaves_no_process_behind() -> None:
    text = seed("000").read_text(encoding="utf-8")[:20000]
    lines = [line for line in text.split("\n") if line]
    done = _python(f"""
        import os, sys
        from diffing import words
        assert words.prefetch() is True
        assert words.prefetch() is False  # once
        pid = words._helper.pid
        lines = {lines!r}
        got = words.cut_all(lines)
        again = words.cut_all(lines[:3])
        assert "rjieba" not in sys.modules, "the helper, not this process, loaded rjieba"
        import rjieba
        assert got == [list(rjieba.cut(t)) for t in lines] and again == got[:3]
        print(pid)
    """)
    assert done.returncode == 0, done.stderr
    pid = int(done.stdout)
    assert subprocess.run(["ps", "-p", str(pid)], capture_output=True, check=False).returncode == 1  # gone


def test_a_helper_that_died_falls_back_to_the_same_words_here() -> None:
    done = _python(f"""
        import os, signal
        from diffing import words
        assert words.prefetch() is True
        os.kill(words._helper.pid, signal.SIGKILL)
        os.waitpid(words._helper.pid, 0)
        import rjieba
        texts = {TEXTS!r}
        assert words.cut_all(texts) == [list(rjieba.cut(t)) for t in texts]
        assert words._helper is None
    """)
    assert done.returncode == 0, done.stderr


def test_a_helper_handed_over_serves_the_child_and_is_reaped_here_once_the_child_is_done() -> None:
    done = _python(f"""
        import os, sys, time
        from diffing import words
        assert words.prefetch() is True
        pid = words._helper.pid
        texts = {TEXTS!r}
        child = os.fork()
        if child == 0:  # what the app's head start does
            got = words.cut_all(texts)
            served = words._helper is not None and "rjieba" not in sys.modules
            import rjieba
            os._exit(0 if served and got == [list(rjieba.cut(t)) for t in texts] else 1)
        words.hand_over()
        assert words._helper is None
        assert os.waitpid(child, 0)[1] == 0, "the child was not served by the helper"
        for _ in range(200):  # a zombie keeps its /proc entry until it is reaped
            if not os.path.exists(f"/proc/{{pid}}"):
                break
            time.sleep(0.05)
        else:
            raise AssertionError("the helper was left behind")
        assert words.cut_all(texts[:1]) == [["国土", "空间", "生态", "修复"]]  # cut here now
    """)
    assert done.returncode == 0, done.stderr


def test_no_helper_from_a_process_with_threads() -> None:
    done = _python("""
        import threading, time
        from diffing import words
        stop = threading.Event()
        thread = threading.Thread(target=stop.wait)
        thread.start()
        try:
            assert words.prefetch() is False and words._helper is None
        finally:
            stop.set()
            thread.join()
    """)
    assert done.returncode == 0, done.stderr


def test_a_diff_that_fails_before_asking_the_helper_is_still_one_line_and_exit_2() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "diff", str(seed("000")), "/nonexistent/b.txt"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "/nonexistent/b.txt" in done.stderr

