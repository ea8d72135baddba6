"""`corpus.forked`: work done in a child gives the same result as done here, and never changes an outcome."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from corpus.errors import WendiffError
from corpus.forked import start


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def _in_a_new_process(script: str) -> subprocess.CompletedProcess[str]:
    """``script`` run by a new interpreter (one thread: a child can fork), its output captured."""
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)


def _fail(name: str) -> None:
    raise WendiffError(f"{name}: no such file")


def test_result_is_computed_by_a_child_when_the_process_has_one_thread() -> None:
    script = (
        "import os; from corpus.forked import start\n"
        "p = start(divmod, 17, 5)\n"
        "print(p.forked, p.result())"
    )
    done = _in_a_new_process(script)
    assert done.stdout.split() == ["True", "(3,", "2)"]


def test_an_error_in_the_child_is_raised_here_as_without_a_child() -> None:
    pending = start(_fail, "b.txt")
    with pytest.raises(WendiffError, match=r"b\.txt: no such file"):
        pending.result()


def test_a_child_that_dies_falls_back_to_the_work_done_here() -> None:
    script = (
        "import os; from corpus.forked import start\n"
        "parent = os.getpid()\n"
        "def dies_in_the_child():\n"
        "    if os.getpid() != parent: os._exit(3)\n"
        "    return 'computed here'\n"
        "p = start(dies_in_the_child)\n"
        "print(p.forked, p.result())"
    )
    done = _in_a_new_process(script)
    assert done.stdout == "True computed here\n"


def test_no_child_is_started_from_a_threaded_process() -> None:
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        pending = start(_square_and_pid, 3)
        assert not pending.forked
        assert pending.result() == (9, os.getpid())
    finally:
        stop.set()
        worker.join()


def test_cancel_kills_and_reaps_the_child() -> None:
    pending = start(_square_and_pid, 2)
    pid = pending._pid
    pending.cancel()
    if pid is not None:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_the_child_writes_nothing_to_standard_output_or_error() -> None:
    script = (
        "import sys; from corpus.forked import start\n"
        "def chatty():\n"
        "    print('from the child'); print('err', file=sys.stderr); sys.stdout.flush(); return 'done'\n"
        "p = start(chatty)\n"
        "print(p.forked, p.result())"
    )
    done = _in_a_new_process(script)
    assert (done.stdout, done.stderr) == ("True done\n", "")


def test_sent_is_the_childs_result_or_none_and_never_does_the_work_here() -> None:
    script = (
        "from corpus.forked import start\n"
        "ok, bad = start(divmod, 17, 5), start(int, 'x')\n"
        "print(ok.forked, ok.sent(), bad.forked, bad.sent())"
    )
    done = _in_a_new_process(script)
    assert done.stdout.split() == ["True", "(3,", "2)", "True", "None"]


def test_a_result_larger_than_a_pipe_arrives_whole() -> None:
    script = (
        "from corpus.forked import start\n"
        "def big(n):\n"
        "    return ['第一条' * n, bytes(range(256)) * n, list(range(n))]\n"
        "p = start(big, 400_000)\n"
        "print(p.forked, p.result() == big(400_000))"
    )
    done = _in_a_new_process(script)
    assert done.stdout.split() == ["True", "True"]


def test_a_child_that_dies_while_writing_its_result_sends_none_even_with_status_zero() -> None:
    script = (
        "import os; from corpus.forked import start\n"
        "class Dies:\n"
        "    def __reduce__(self):\n"
        "        os._exit(0)\n"
        "def half_sent():\n"
        "    return ['x' * 1_000_000, Dies()]\n"
        "p = start(half_sent)\n"
        "print(p.forked, p.sent())"
    )
    done = _in_a_new_process(script)
    assert done.stdout.split() == ["True", "None"]


def test_the_arguments_are_not_held_once_the_result_is_taken() -> None:
    script = (
        "import gc, weakref; from corpus.forked import start\n"
        "class Big:\n"
        "    pass\n"
        "def size(value):\n"
        "    return 1\n"
        "arg = Big(); alive = weakref.ref(arg)\n"
        "p = start(size, arg)\n"
        "print(p.forked, p.result())\n"
        "del p, arg; gc.collect()\n"
        "print(alive() is None)"
    )
    done = _in_a_new_process(script)
    assert done.stdout.split() == ["True", "1", "True"]


def test_done_says_whether_sent_would_wait_for_the_child() -> None:
    script = (
        "import time; from corpus.forked import start\n"
        "def slow(seconds):\n"
        "    time.sleep(seconds); return seconds\n"
        "p = start(slow, 1.0)\n"
        "print(p.forked, p.done)\n"
        "time.sleep(2.5)\n"
        "print(p.done, p.sent(), p.done)"
    )
    done = _in_a_new_process(script)
    assert done.stdout.split() == ["True", "False", "True", "1.0", "True"]
