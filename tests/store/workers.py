"""Processes that hammer a store, for the atomicity and concurrency tests.

Run as ``python -m tests.store.workers COMMAND …`` from the checkout:

* ``kill STORE ROUNDS SEED``: ROUNDS times, fork a child that adds versions
  in a loop, SIGKILL it after a random pause, and check at once that the
  latest version is whole (its original is one of the two texts and matches
  its SHA-256). Prints a JSON summary.
* ``add STORE DOC TAG COUNT``: add COUNT distinct versions of DOC.
* ``stalled-add STORE FILE``: ``wendiff store add FILE`` whose first clause
  cutting prints ``ready`` and then sleeps (until a signal stops it); exits
  with the command's status.
* ``gated-add STORE DOC``: open the store, print ``opened``, wait for a line
  on standard input, then add one version of DOC.

The killing happens in this fresh, single-threaded process (never in pytest's,
which may run threads), so fork is safe and each round costs milliseconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import signal
import sys
import time

from diffing.versions import open_store

TEXTS = (
    "第一条　为了规范生态修复工作，制定本办法。\n第二条　本办法自公布之日起施行。\n".encode(),
    "第一条　为了规范国土空间生态修复工作，制定本办法。\n第二条　本办法自公布之日起施行。\n".encode(),
)


def _add_forever(path: str) -> None:
    with open_store(path, lock_timeout=60) as store:
        i = 0
        while True:
            store.add(TEXTS[i % 2], "law.txt", doc_id="law")
            i += 1


def kill(path: str, rounds: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    with open_store(path) as store:  # creates the store and loads every lazy module before forking
        store.add(TEXTS[0], "law.txt", doc_id="law")
        store.add(TEXTS[1], "law.txt", doc_id="law")
    broken: list[str] = []
    for _ in range(rounds):
        pid = os.fork()
        if pid == 0:
            try:
                os.setpgid(0, 0)  # its own process group: the git processes it starts die with it
                _add_forever(path)
            finally:
                os._exit(1)
        # Both sides set the group, or a kill sent before the child ran setpgid finds no group, and the
        # wait below waits forever for a child that adds forever (seen on a slow machine: a 300 s hang).
        with contextlib.suppress(OSError):
            os.setpgid(pid, pid)
        time.sleep(rng.uniform(0.0, 0.06))
        # The whole group, as a crash takes the machine's processes: a `git gc` left running on its own
        # would still be deleting packed loose objects while the store is checked (fsck saw them vanish).
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with open_store(path) as store:
            latest = store.version("law")
            data = store.original(latest)
            if data not in TEXTS or hashlib.sha256(data).hexdigest() != latest.sha256:
                broken.append(latest.commit)
    with open_store(path) as store:
        versions = len(store.log("law"))
    return {"rounds": rounds, "versions": versions, "broken": broken}


def add(path: str, doc_id: str, tag: str, count: int) -> None:
    with open_store(path, lock_timeout=120) as store:
        for i in range(count):
            text = f"第一条　{tag}第{i}次修订的内容。\n第二条　本办法自公布之日起施行。\n"
            result = store.add(text.encode(), f"{tag}-{i}.txt", doc_id=doc_id, message=f"{tag}:{i}")
            assert result.created


def stalled_add(path: str, file: str) -> int:
    from diffing.versions import VersionAnalysis
    from tui.cli import main as cli

    def stall(_self: object, _document: object) -> list[str]:
        print("ready", flush=True)
        time.sleep(120)
        raise SystemExit("stalled-add: never stopped")

    VersionAnalysis.clauses = stall  # type: ignore[assignment,method-assign]
    return cli(["store", "add", file, "--store", path])


def gated_add(path: str, doc_id: str) -> None:
    with open_store(path, lock_timeout=60) as store:
        print("opened", flush=True)
        sys.stdin.readline()
        store.add(f"第一条　{doc_id}的内容。\n".encode(), f"{doc_id}.txt", doc_id=doc_id)


def main(argv: list[str]) -> None:
    command, path, *rest = argv
    if command == "kill":
        print(json.dumps(kill(path, int(rest[0]), int(rest[1]))))
    elif command == "add":
        add(path, rest[0], rest[1], int(rest[2]))
    elif command == "stalled-add":
        raise SystemExit(stalled_add(path, rest[0]))
    elif command == "gated-add":
        gated_add(path, rest[0])
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
