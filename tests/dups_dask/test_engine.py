"""The Dask engine on a real two-worker LocalCluster gives the local engine's answer, even when a worker dies.

One cluster (two single-threaded worker processes) serves the whole module.
Workers read the files again by path, so every corpus is written to a
temporary folder.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import opencc
import pytest
from distributed import Client

from corpus.errors import WendiffError
from corpus.options import DEFAULT_OPTIONS, Options
from corpus.samples import seed, seeds
from diffing.dups.dask_engine import cluster_trouble, dask_client, find_duplicates_dask
from diffing.dups.engine import DupsResult, Input, Progress, collect_inputs, find_duplicates, store_inputs
from diffing.dups.report import dups_report, to_json
from tui.cli import main

ROOT = Path(__file__).resolve().parents[2]
GENERATED_DOCS = 240


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    logging.getLogger("distributed").setLevel(logging.ERROR)
    with dask_client(workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def seed_inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Input]:
    folder = tmp_path_factory.mktemp("seeds")
    for path in seeds():
        shutil.copy(path, folder / path.name)
    (folder / "zz-binary.txt").write_bytes(bytes(range(256)) * 8)
    return collect_inputs([str(folder)])


@pytest.fixture(scope="module")
def generated_inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Input]:
    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "bench" / "gen_corpus.py")
    assert spec is not None and spec.loader is not None
    gen: Any = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_corpus", gen)  # its dataclasses look their module up
    spec.loader.exec_module(gen)
    folder = tmp_path_factory.mktemp("generated")
    gen.generate(folder, gen.Plan(docs=GENERATED_DOCS, seed=7))
    return collect_inputs([str(folder / "docs")])


@pytest.fixture(scope="module")
def generated_local(generated_inputs: list[Input]) -> DupsResult:
    return find_duplicates(generated_inputs, workers=1)


def answer(result: DupsResult) -> tuple[object, ...]:
    """Everything a run found (its timings left out), pairs sorted by their two documents."""
    s = result.stats
    pairs = tuple(sorted(result.pairs, key=lambda p: (p.a, p.b)))
    return (
        result.documents, result.skipped, result.repeats, pairs, result.clusters, result.exact_of,
        (s.candidates, s.compared, s.exact),
    )  # fmt: skip


def report(result: DupsResult, options: Options = DEFAULT_OPTIONS) -> str:
    """The wendiff.dups JSON report, as ``wendiff dups --format json`` writes it."""
    return to_json(dups_report(result, options))


def ready(client: Client) -> dict[str, int]:
    """The workers' process ids, once both workers are up (a killed one is restarted by its nanny)."""
    client.wait_for_workers(2, timeout=60)
    pids: dict[str, int] = client.run(os.getpid)
    return pids


def test_cluster_has_two_single_threaded_worker_processes(client: Client) -> None:
    pids = ready(client)
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()
    threads: dict[str, int] = client.nthreads()  # type: ignore[no-untyped-call]
    assert sorted(threads.values()) == [1, 1]


@pytest.mark.parametrize("options", [DEFAULT_OPTIONS, DEFAULT_OPTIONS.with_(unspin=True)], ids=["plain", "unspin"])
def test_seeds_give_the_local_engines_answer(client: Client, seed_inputs: list[Input], options: Options) -> None:
    ready(client)
    local = find_duplicates(seed_inputs, options, workers=1)
    assert local.pairs and local.repeats and local.skipped  # the seeds re-use text, repeat a notice, one is binary
    result = find_duplicates_dask(seed_inputs, options, client=client)
    assert answer(result) == answer(local)
    assert report(result, options) == report(local, options)


def test_generated_corpus_gives_the_local_engines_answer(
    client: Client, generated_inputs: list[Input], generated_local: DupsResult
) -> None:
    ready(client)
    seen: list[Progress] = []
    result = find_duplicates_dask(generated_inputs, client=client, progress=seen.append)
    assert len(generated_local.pairs) > 20 and generated_local.clusters
    assert answer(result) == answer(generated_local)
    assert report(result) == report(generated_local)
    reads = [p for p in seen if p.stage == "read"]
    compares = [p for p in seen if p.stage == "compare"]
    assert reads[-1].done == reads[-1].total == len(generated_inputs)
    assert compares[-1].done == compares[-1].total == result.stats.compared


def test_a_second_run_after_a_file_changed_gives_the_local_engines_answer(client: Client, tmp_path: Path) -> None:
    for path in seeds()[:2]:
        shutil.copy(path, tmp_path / path.name)
    inputs = collect_inputs([str(tmp_path)])
    ready(client)
    before = find_duplicates_dask(inputs, client=client)
    news = tmp_path / seeds()[1].name
    news.write_text(
        "编者按：本文转载自重庆市规划和自然资源局网站。\n" + news.read_text(encoding="utf-8"), encoding="utf-8"
    )
    after = find_duplicates_dask(inputs, client=client)
    assert report(after) != report(before)
    assert report(after) == report(find_duplicates(inputs, workers=1))


def test_relative_paths_are_read_from_the_clients_folder(
    client: Client, seed_inputs: list[Input], monkeypatch: pytest.MonkeyPatch
) -> None:
    ready(client)
    folder = Path(seed_inputs[0].path or "").parent
    monkeypatch.chdir(folder.parent)
    inputs = collect_inputs([folder.name])
    local = find_duplicates(inputs, workers=1)
    result = find_duplicates_dask(inputs, client=client)
    assert result.documents[0].name == f"{folder.name}/{Path(seeds()[0]).name}"
    assert answer(result) == answer(local)


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["read", "compare"])
def test_a_worker_killed_mid_run_changes_nothing(
    client: Client, generated_inputs: list[Input], generated_local: DupsResult, stage: str
) -> None:
    pids = ready(client)
    victim = min(pids.values())
    killed: list[Progress] = []

    def kill_once(p: Progress) -> None:
        if p.stage == stage and not killed and p.done < p.total:
            os.kill(victim, signal.SIGKILL)
            killed.append(p)

    result = find_duplicates_dask(generated_inputs, client=client, progress=kill_once)
    assert killed, "the run ended before a worker could be killed"
    assert report(result) == report(generated_local)
    assert victim not in ready(client).values()


def test_store_mode_gives_the_local_engines_answer(client: Client, tmp_path: Path) -> None:
    from diffing.versions import open_store

    notice, news = (seed(k).read_text(encoding="utf-8") for k in ("000", "001"))
    with open_store(tmp_path / "store", create=True) as store:
        store.add(notice.encode("utf-8"), "notice.txt", doc_id="notice")
        store.add(news.encode("utf-8"), "news.txt", doc_id="news")
        store.add((news + "附记。").encode("utf-8"), "news2.txt", doc_id="news-copy")
    mine = tmp_path / "mine.txt"
    mine.write_text(opencc.OpenCC("s2t").convert(notice[:2053]), encoding="utf-8")
    inputs = collect_inputs([str(mine)]) + store_inputs(str(tmp_path / "store"))
    ready(client)
    local = find_duplicates(inputs, workers=1)
    result = find_duplicates_dask(inputs, client=client)
    assert local.documents[0].name == str(mine) and "notice@1.txt" in [d.name for d in local.documents]
    assert local.pairs and all(0 in (p.a, p.b) for p in local.pairs)  # the news pair is the store's own business
    assert answer(result) == answer(local)
    assert report(result) == report(local)


def test_cli_on_an_existing_cluster_writes_the_local_engines_json(
    client: Client, seed_inputs: list[Input], tmp_path: Path
) -> None:
    ready(client)
    folder = str(Path(seed_inputs[0].path or "").parent)
    local, remote = tmp_path / "local.json", tmp_path / "dask.json"
    assert main(["dups", folder, "--format", "json", "-q", "-o", str(local)]) == 0
    address: str = client.scheduler_info()["address"]
    assert (
        main(["dups", folder, "--format", "json", "-q", "-o", str(remote), "--engine", "dask", "--scheduler", address])
        == 0
    )
    assert remote.read_bytes() == local.read_bytes()


@pytest.mark.slow
def test_cli_engine_dask_alone_starts_a_local_cluster(seed_inputs: list[Input], tmp_path: Path) -> None:
    folder = str(Path(seed_inputs[0].path or "").parent)
    local, remote = tmp_path / "local.json", tmp_path / "dask.json"
    assert main(["dups", folder, "--format", "json", "-q", "-o", str(local)]) == 0
    assert main(["dups", folder, "--format", "json", "-q", "-o", str(remote), "--engine", "dask"]) == 0
    assert remote.read_bytes() == local.read_bytes()


def test_cli_scheduler_without_the_dask_engine_is_trouble(
    seed_inputs: list[Input], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(Path(seed_inputs[0].path or "").parent)
    assert main(["dups", folder, "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert capsys.readouterr().err == "wendiff: --scheduler: needs --engine dask\n"


def test_standard_input_is_refused_in_one_line(client: Client) -> None:
    with pytest.raises(WendiffError, match=r"^-: Dask workers cannot read standard input"):
        find_duplicates_dask([Input("-", path="-")], client=client)


def test_workers_dying_on_one_task_end_the_run_in_one_line() -> None:
    from distributed.scheduler import KilledWorker

    with pytest.raises(WendiffError) as caught, cluster_trouble():
        raise KilledWorker(("verify_slice-1f2e", 0), SimpleNamespace(address="tcp://10.0.0.7:40000"), 3)  # type: ignore[arg-type]
    assert str(caught.value) == "tcp://10.0.0.7:40000: Dask workers died 4 times running one task; see the worker logs"


def test_an_unreachable_scheduler_is_one_line_naming_it() -> None:
    with pytest.raises(WendiffError) as caught, dask_client("tcp://127.0.0.1:9", timeout=1):
        pass
    message = str(caught.value)
    assert message.startswith("tcp://127.0.0.1:9: cannot reach the Dask scheduler") and "\n" not in message
