# mypy: allow-untyped-calls
# (dask and distributed are not typed)
"""The Dask engine: ``wendiff dups --engine dask`` on a dask.distributed cluster (issue 7).

Rules:

* Same answer as the local engine (`diffing.dups.engine.find_duplicates`) on
  the same inputs: the same documents, skipped inputs, repeats, verified pairs
  (with the same passages, offsets and similarities) and clusters. Verified
  pairs come sorted by ``(a, b)``; every other list is in the local engine's
  order. Only the figures of `RunStats` that measure time differ.
* The work runs on the cluster in four steps, each a pure function of
  `diffing.dups.dask_stages` over partitions of consecutive inputs:
  1. read, normalize, shingle and MinHash every input (the fingerprints stay
     on the workers; only their descriptions come back, without MinHash
     sketches and band keys);
  2. the client groups exact copies (one digest per document) and numbers
     the readable documents, as the local engine does;
  3. the band keys are shuffled by bucket (``Bag.groupby``, Dask's task
     shuffle) into candidate pairs, which two more shuffles join with the
     sketches of their two documents (on ``b``, then on ``a``) for the local
     engine's MinHash prefilter;
  4. the pairs are verified by alignment, `VERIFY_BATCH` to a task, on the
     workers, which read the two files again; only the verified pairs come
     back.
  No process ever holds the whole band index or the whole candidate list.
* A worker lost mid-run loses nothing: every task is pure, so the scheduler
  recomputes the tasks (and the kept partitions) the dead worker held, and
  gets the same values; ``retries`` re-runs tasks that raised. Results are
  merged by pair key, so none is counted twice.
* Workers read files by path (relative paths from the client's working
  folder): every worker must see the same files at the same paths, and have
  the same version of wendiff installed (checked before the run starts).
"""

from __future__ import annotations

import logging
import operator
import os
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from corpus.errors import WendiffError
from corpus.options import DEFAULT_OPTIONS, Options
from corpus.read import DEFAULT_MAX_SIZE, STDIN
from corpus.unspin import load_table
from diffing.dups import dask_stages as stages
from diffing.dups.clusters import NEAR_DUPLICATE
from diffing.dups.engine import DupsResult, Input, Progress, RunStats, assemble, exact_groups
from diffing.dups.fingerprint import Fingerprint, Skipped
from diffing.dups.verify import PairResult

if TYPE_CHECKING:
    from distributed import Client, Future

__all__ = [
    "DASK_EXTRA",
    "MAX_SPAN",
    "RETRIES",
    "VERIFY_BATCH",
    "cluster_engine",
    "cluster_trouble",
    "dask_client",
    "find_duplicates_dask",
    "require_dask",
]

MAX_SPAN = 250
"""Most inputs in one partition."""
PARTS_PER_THREAD = 4
"""Partitions per worker thread when the inputs are few (so the work spreads evenly)."""
ROUTE_INPUTS = 2000
"""Inputs per route of the shuffles (at least two routes per worker thread)."""
VERIFY_BATCH = 16
"""Pairs one verification task aligns (small tasks spread evenly over the workers)."""
RETRIES = 2
"""Times a task that raised is tried again (tasks of a lost worker are always recomputed)."""
CONNECT_TIMEOUT = 10.0
"""Seconds to wait for the scheduler to answer."""
WORKER_TIMEOUT = 60
"""Seconds to wait for a first worker to join the scheduler."""

DASK_EXTRA = "pip install 'wendiff[dask]'"
"""How to get the Dask engine: Dask is an extra, not installed with wendiff."""

_route = operator.itemgetter(0)


def require_dask() -> None:
    """Raise a one-line `WendiffError` naming the extra when dask.distributed is not installed."""
    import importlib.util

    if any(importlib.util.find_spec(name) is None for name in ("dask", "distributed")):
        raise WendiffError(f"--engine dask: Dask is not installed; it comes with the dask extra: {DASK_EXTRA}")


@contextmanager
def dask_client(
    scheduler: str | None = None, workers: int | None = None, timeout: float = CONNECT_TIMEOUT
) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler`` (``tcp://HOST:PORT``), or of a local cluster.

    The local cluster has one single-threaded worker process per core (or
    ``workers``) and lives as long as the ``with`` block. A scheduler that does
    not answer within ``timeout`` seconds is a `WendiffError`, and so is Dask not installed.
    """
    require_dask()
    from distributed import Client, LocalCluster

    if scheduler is None:
        n = workers or os.cpu_count() or 1
        with (
            LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(scheduler, timeout=f"{timeout}s")
    except (OSError, ValueError, TypeError) as exc:
        raise WendiffError(f"{scheduler}: cannot reach the Dask scheduler ({_one_line(exc)})") from None
    with client:
        yield client


def cluster_engine(scheduler: str | None) -> Callable[..., DupsResult]:
    """`diffing.dups.engine.find_duplicates`, run on the cluster at ``scheduler`` (None: a local cluster).

    ``workers`` is the local cluster's number of worker processes (ignored with a scheduler).
    Without Dask installed this raises a `WendiffError` at once, before any input is read.
    """
    require_dask()

    def run(
        inputs: Sequence[Input],
        options: Options = DEFAULT_OPTIONS,
        *,
        max_size: int = DEFAULT_MAX_SIZE,
        workers: int | None = None,
        progress: Callable[[Progress], None] | None = None,
        warn: Callable[[str], None] | None = None,
        near_duplicate: float = NEAR_DUPLICATE,
    ) -> DupsResult:
        with dask_client(scheduler, workers) as client:
            return find_duplicates_dask(
                inputs, options, client=client, max_size=max_size, progress=progress, warn=warn,
                near_duplicate=near_duplicate,
            )  # fmt: skip

    return run


def find_duplicates_dask(
    inputs: Sequence[Input],
    options: Options = DEFAULT_OPTIONS,
    *,
    client: Client,
    max_size: int = DEFAULT_MAX_SIZE,
    progress: Callable[[Progress], None] | None = None,
    warn: Callable[[str], None] | None = None,
    near_duplicate: float = NEAR_DUPLICATE,
    span: int | None = None,
    retries: int = RETRIES,
) -> DupsResult:
    """Repeats, re-use and clusters among ``inputs``, computed on ``client``'s cluster (see the module rules)."""
    for inp in inputs:
        if inp.path == STDIN and not inp.from_store:
            raise WendiffError("-: Dask workers cannot read standard input; give files, or use --engine local")
    if not inputs:
        raise WendiffError("no readable documents")
    if options.unspin:
        load_table(options.unspin_table)  # a bad table is one error now, not a warning per file
    with cluster_trouble():
        return _find(inputs, options, client, max_size, progress, warn, near_duplicate, span, retries)


def _find(
    inputs: Sequence[Input],
    options: Options,
    client: Client,
    max_size: int,
    progress: Callable[[Progress], None] | None,
    warn: Callable[[str], None] | None,
    near_duplicate: float,
    span: int | None,
    retries: int,
) -> DupsResult:
    """`find_duplicates_dask` once its inputs are checked."""
    import dask.bag as db
    from distributed import wait

    threads = _check_workers(client)
    run = _Run(client, os.getcwd(), options, max_size, retries, progress)
    span = span or max(1, min(MAX_SPAN, -(-len(inputs) // (PARTS_PER_THREAD * threads))))
    started = time.perf_counter()
    numbered = db.from_sequence(list(enumerate(inputs)), partition_size=span)
    prints_bag, light = run.fingerprints(numbered, len(inputs))
    prints = [fp for fp in light if isinstance(fp, Fingerprint)]
    skipped = [s for s in light if isinstance(s, Skipped)]
    if warn is not None:
        for s in skipped:
            warn(s.problem)
        for fp in prints:
            for line in fp.info.warnings:
                warn(line)
    if not prints:
        raise WendiffError("no readable documents" + (f" ({len(skipped)} skipped)" if skipped else ""))
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    exact_of = exact_groups(prints)
    user = [not inputs[fp.index].from_store for fp in prints]
    mine = None if all(user) else frozenset(fp.index for fp, m in zip(prints, user, strict=True) if m)
    copies = frozenset(prints[k].index for k in exact_of)
    routes = max(2 * threads, -(-len(inputs) // ROUTE_INPUTS))
    work = run.work(numbered, prints_bag, len(inputs), routes, copies, [s.index for s in skipped], mine)
    wait(work)
    del prints_bag  # the workers drop the fingerprints (a lost pair list is recomputed from the inputs)
    candidates, compared, verified = run.verify(work, warn)
    stats = RunStats(candidates, compared, len(exact_of), read_seconds, time.perf_counter() - started)
    return assemble(prints, skipped, exact_of, verified, user, near_duplicate, stats)


@dataclass(frozen=True)
class _Run:
    """The cluster and the settings of one run."""

    client: Client
    cwd: str
    """The client's working folder (relative paths are taken from it)."""
    options: Options
    max_size: int
    retries: int
    progress: Callable[[Progress], None] | None
    run: str = field(default_factory=lambda: uuid.uuid4().hex)
    """Names this run (documents kept loaded by a worker serve one run only)."""

    def fingerprints(self, numbered: Any, total: int) -> tuple[Any, list[Fingerprint | Skipped]]:
        """Step 1: the fingerprints, kept on the workers, and their descriptions, brought here.

        Each partition's descriptions come back as soon as it is done, while the
        workers go on with the next ones.
        """
        prints = self.client.persist(
            numbered.map_partitions(stages.fingerprint_part, self.cwd, self.options, self.max_size),
            retries=self.retries,
        )
        light = self.client.compute(prints.map_partitions(stages.light_part).to_delayed(), retries=self.retries)
        parts: list[list[Fingerprint | Skipped]] = _follow(light, "read", len, total, self.progress)
        return prints, [fp for part in parts for fp in part]

    def work(
        self, numbered: Any, prints: Any, total: int, routes: int, copies: frozenset[int], skipped: list[int],
        mine: frozenset[int] | None,
    ) -> Any:  # fmt: skip
        """Step 3: the band shuffle and the two joins; the pairs to verify, kept on the workers.

        The ``total`` inputs ``[r * span, (r + 1) * span)`` make route ``r``; there
        are ``routes`` routes, and as many buckets of band keys.
        """
        import dask.bag as db
        from dask.delayed import delayed

        span = -(-total // routes)
        docs = db.map_partitions(stages.doc_blocks, prints, numbered, span)
        bands = prints.map_partitions(stages.band_blocks, delayed(copies, pure=True), routes)
        candidates = _shuffled(bands, routes).map_partitions(stages.bucket_candidates, span)
        by_b = _shuffled(db.concat([docs, candidates]), routes).map_partitions(stages.join_b, span)
        by_a = _shuffled(db.concat([docs, by_b]), routes).map_partitions(
            stages.join_a, delayed(skipped, pure=True), delayed(mine, pure=True)
        )
        return self.client.persist(by_a, retries=self.retries)

    def verify(self, work: Any, warn: Callable[[str], None] | None) -> tuple[int, int, list[PairResult]]:
        """Step 4: candidates, pairs compared, and the verified pairs sorted by ``(a, b)``.

        Pairs that could not be compared are reported through ``warn``, in pair order.
        """
        from distributed import futures_of

        sizes: list[tuple[int, int]] = self.client.compute(
            work.map_partitions(stages.work_size), retries=self.retries
        ).result()
        held = {f.key: f for f in futures_of(work)}
        parts = []
        for p, (_, n) in enumerate(sizes):
            for lo in range(0, n, VERIFY_BATCH):
                task = (
                    held[(work.name, p)],
                    lo,
                    min(n, lo + VERIFY_BATCH),
                    self.cwd,
                    self.options,
                    self.max_size,
                    self.run,
                )
                parts.append(self.client.submit(stages.verify_slice, *task, retries=self.retries, pure=True))
        total = sum(n for _, n in sizes)
        verified: list[stages.Verified] = _follow(parts, "compare", _compared, total, self.progress)
        found: dict[tuple[int, int], PairResult] = {}
        for v in verified:
            for r in v.results:
                found.setdefault((r.a, r.b), r)
            if warn is not None:
                for line in v.problems:
                    warn(line)
        return sum(c for c, _ in sizes), total, [found[key] for key in sorted(found)]


@contextmanager
def cluster_trouble() -> Iterator[None]:
    """Turn the cluster failing under a run into a one-line `WendiffError`.

    A task whose workers keep dying (`allowed-failures` of them: a worker that
    runs out of memory on it, say) ends the run, and so does losing the
    scheduler; a worker lost now and then does not (its tasks run again).
    """
    from concurrent.futures import CancelledError

    from distributed.scheduler import KilledWorker

    try:
        yield
    except KilledWorker as exc:
        where = getattr(exc.last_worker, "address", exc.last_worker)
        raise WendiffError(
            f"{where}: Dask workers died {exc.allowed_failures + 1} times running one task; see the worker logs"
        ) from None
    except (CancelledError, OSError) as exc:
        raise WendiffError(f"lost the Dask cluster during the run ({_one_line(exc)})") from None


def _shuffled(bag: Any, routes: int) -> Any:
    """``(route, block)`` items grouped by route: ``(route, [items…])``, by Dask's task shuffle.

    The items are first merged into ``routes`` partitions: the shuffle's tasks
    and transfers grow with the square of its partitions (below 32), and the
    blocks it moves are small.
    """
    return bag.repartition(npartitions=routes).groupby(_route, shuffle="tasks")


def _follow(
    futures: list[Future[Any]],
    stage: Literal["read", "compare"],
    weight: Callable[[Any], int],
    total: int,
    progress: Callable[[Progress], None] | None,
) -> list[Any]:
    """The results of ``futures``, in their order, fetched as each one finishes.

    Progress is reported after each (``weight``: how much of ``total`` a result did).
    """
    from distributed import as_completed

    place = {f.key: n for n, f in enumerate(futures)}
    results: list[Any] = [None] * len(futures)
    done = 0
    for future, result in as_completed(futures, with_results=True):
        results[place[future.key]] = result
        done += weight(result)
        if progress is not None:
            progress(Progress(stage, done, total))
    return results


def _compared(v: stages.Verified) -> int:
    return v.compared


def _check_workers(client: Client) -> int:
    """Threads of the cluster's workers, once every worker has shown it can run wendiff."""
    try:
        client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
    except TimeoutError:
        raise WendiffError(f"no Dask worker joined the scheduler within {WORKER_TIMEOUT} s") from None
    try:
        versions: dict[str, str] = client.run(_wendiff_version)
    except Exception as exc:
        raise WendiffError(
            f"a Dask worker cannot run wendiff ({_one_line(exc)}); install wendiff on every worker"
        ) from None
    mine = _wendiff_version()
    for worker, version in sorted(versions.items()):
        if version != mine:
            raise WendiffError(f"{worker}: the Dask worker runs wendiff {version}, this client {mine}")
    threads: dict[str, int] = client.nthreads()
    return max(1, sum(threads.values()))


def _wendiff_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    import diffing.dups.dask_stages  # noqa: F401  (fails here if the worker cannot run the stages)

    try:
        return version("wendiff")
    except PackageNotFoundError:
        return "unknown"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
