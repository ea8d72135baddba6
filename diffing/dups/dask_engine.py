# mypy: allow-untyped-calls
# (dask and distributed are not typed)
"""The Dask engine: ``wendiff dups --engine dask`` on a dask.distributed cluster (issue 7).

Rules:

* Same answer as the local engine (`diffing.dups.engine.find_duplicates`) on
  the same inputs, by construction: both are `diffing.dups.core.Finder`, whose
  one run (exact copies, numbering, the verification plan of
  `diffing.dups.plan` with its cluster-by-cluster verification of large
  families, the result) drives a session of this engine; the steps it runs
  on the workers are `diffing.dups.steps`. Only the figures of `RunStats`
  that measure time differ.
* The work runs on the cluster, each step a pure function of
  `diffing.dups.dask_stages` over partitions of consecutive inputs:
  1. read, normalize, shingle and MinHash every input (the fingerprints stay
     on the workers; only their descriptions come back, without MinHash
     sketches and band keys);
  2. the client groups exact copies (one digest per document) and numbers
     the readable documents (the core's work);
  3. the band keys are shuffled by bucket (``Bag.groupby``, Dask's task
     shuffle) into candidate pairs, which two more shuffles join with the
     sketches of their two documents (on ``b``, then on ``a``) for the
     MinHash prefilter; only the pairs that pass come back, three numbers
     each (the two documents and their Jaccard estimate);
  4. the core plans their verification, and each round's pairs are aligned
     on the workers, `VERIFY_BATCH` to a task, which read the two files
     again; the results come back.
  No process ever holds the whole band index or the whole candidate list
  (the client holds the pairs that passed the prefilter, as the local engine does).
* A worker lost mid-run loses nothing: every task is pure, so the scheduler
  recomputes the tasks (and the kept partitions) the dead worker held, and
  gets the same values; ``retries`` re-runs tasks that raised. Each pair is
  in one verification task, so none is counted twice.
* Workers read files by path (relative paths from the client's working
  folder): every worker must see the same files at the same paths, and have
  the same version of wendiff installed (checked before the run starts).
"""

from __future__ import annotations

import logging
import operator
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from corpus.errors import WendiffError
from corpus.options import DEFAULT_OPTIONS, Options
from corpus.read import DEFAULT_MAX_SIZE, STDIN
from diffing.dups import dask_stages as stages
from diffing.dups.clusters import NEAR_DUPLICATE
from diffing.dups.core import Finder, ToCompare
from diffing.dups.fingerprint import Fingerprint, Skipped
from diffing.dups.inputs import Input
from diffing.dups.result import DupsResult, Progress
from diffing.dups.steps import Task
from diffing.dups.verify import PairResult

if TYPE_CHECKING:
    from distributed import Client

__all__ = [
    "DASK_EXTRA",
    "MAX_SPAN",
    "RETRIES",
    "VERIFY_BATCH",
    "DaskEngine",
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


def cluster_engine(scheduler: str | None) -> Finder:
    """`diffing.dups.engine.find_duplicates`, run on the cluster at ``scheduler`` (None: a local cluster).

    ``workers`` is the local cluster's number of worker processes (ignored with a scheduler).
    Without Dask installed this raises a `WendiffError` at once, before any input is read.
    """
    require_dask()
    return Finder(DaskEngine(scheduler))


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
    engine = DaskEngine(client=client, span=span, retries=retries)
    return Finder(engine)(inputs, options, max_size=max_size, progress=progress, warn=warn,
                          near_duplicate=near_duplicate)  # fmt: skip


@dataclass(frozen=True)
class DaskEngine:
    """Work on a Dask cluster: ``client``'s, or the one at ``scheduler`` (None: a local cluster of ``workers``)."""

    scheduler: str | None = None
    client: Client | None = None
    span: int | None = None
    """Inputs in one partition (None: spread over the worker threads, at most `MAX_SPAN`)."""
    retries: int = RETRIES

    @contextmanager
    def session(self, inputs: Sequence[Input], options: Options, max_size: int, workers: int) -> Iterator[_Session]:
        for inp in inputs:
            if inp.path == STDIN and not inp.from_store:
                raise WendiffError("-: Dask workers cannot read standard input; give files, or use --engine local")
        if not inputs:
            raise WendiffError("no readable documents")
        with ExitStack() as stack:
            client = self.client
            if client is None:
                client = stack.enter_context(dask_client(self.scheduler, workers))
            with cluster_trouble():
                yield _Session(client, inputs, options, max_size, self.span, self.retries)


class _Session:
    """The Dask engine at work on one run (a `diffing.dups.core.Session`)."""

    def __init__(
        self, client: Client, inputs: Sequence[Input], options: Options, max_size: int, span: int | None,
        retries: int,
    ) -> None:  # fmt: skip
        import dask.bag as db

        self.client = client
        self.inputs = inputs
        self.options = options
        self.max_size = max_size
        self.retries = retries
        self.cwd = os.getcwd()
        """The client's working folder (relative paths are taken from it)."""
        self.run = uuid.uuid4().hex
        """Names this run (documents kept loaded by a worker serve one run only)."""
        self.threads = _check_workers(client)
        span = span or max(1, min(MAX_SPAN, -(-len(inputs) // (PARTS_PER_THREAD * self.threads))))
        self.numbered = db.from_sequence(list(enumerate(inputs)), partition_size=span)
        self.prints: Any = None
        """Step 1's fingerprints, kept on the workers until step 3 is done."""

    def read(self) -> Iterator[Fingerprint | Skipped]:
        """Step 1: the fingerprints, kept on the workers; their descriptions come here, partition by partition."""
        self.prints = self.client.persist(
            self.numbered.map_partitions(stages.fingerprint_part, self.cwd, self.options, self.max_size),
            retries=self.retries,
        )
        light = self.client.compute(self.prints.map_partitions(stages.light_part).to_delayed(), retries=self.retries)
        for future in light:
            yield from future.result()

    def pairs(self, prints: Sequence[Fingerprint], exact_of: dict[int, int], user: list[bool]) -> ToCompare:
        """Step 3: the band shuffle and the two joins on the workers; the pairs that pass the prefilter come here.

        The inputs ``[r * span, (r + 1) * span)`` make route ``r``; there are
        ``routes`` routes, and as many buckets of band keys.
        """
        import dask.bag as db
        from dask.delayed import delayed

        total = len(self.inputs)
        readable = {fp.index for fp in prints}
        skipped = [i for i in range(total) if i not in readable]
        mine = None if all(user) else frozenset(fp.index for fp, m in zip(prints, user, strict=True) if m)
        copies = frozenset(prints[k].index for k in exact_of)
        routes = max(2 * self.threads, -(-total // ROUTE_INPUTS))
        span = -(-total // routes)
        docs = db.map_partitions(stages.doc_blocks, self.prints, self.numbered, span)
        bands = self.prints.map_partitions(stages.band_blocks, delayed(copies, pure=True), routes)
        candidates = _shuffled(bands, routes).map_partitions(stages.bucket_candidates, span)
        by_b = _shuffled(db.concat([docs, candidates]), routes).map_partitions(stages.join_b, span)
        by_a = _shuffled(db.concat([docs, by_b]), routes).map_partitions(
            stages.join_a, delayed(skipped, pure=True), delayed(mine, pure=True)
        )
        parts = self.client.compute(by_a.map_partitions(stages.to_compare_part), retries=self.retries).result()
        self.prints = None  # the workers drop the fingerprints
        estimates = {
            (a, b): j
            for _, a_col, b_col, j_col in parts
            for a, b, j in zip(a_col.tolist(), b_col.tolist(), j_col.tolist(), strict=True)
        }
        return ToCompare(sum(c for c, _, _, _ in parts), sorted(estimates), estimates)

    def verify(self, tasks: list[Task], aligned: Callable[[int], None]) -> tuple[list[PairResult], list[str]]:
        """Step 4: one round of the plan, `VERIFY_BATCH` pairs a task; results in any order, problems in pair order."""
        from distributed import as_completed

        futures = [
            self.client.submit(
                stages.verify_batch, tasks[lo : lo + VERIFY_BATCH], self.cwd, self.options, self.max_size, self.run,
                retries=self.retries, pure=True,
            )
            for lo in range(0, len(tasks), VERIFY_BATCH)
        ]  # fmt: skip
        place = {f.key: n for n, f in enumerate(futures)}
        done: list[stages.Verified | None] = [None] * len(futures)
        for future, verified in as_completed(futures, with_results=True):
            done[place[future.key]] = verified
            aligned(verified.compared)
        return [r for v in done if v for r in v.results], [line for v in done if v for line in v.problems]


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
