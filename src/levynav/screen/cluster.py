"""Screen partitions on Dask distributed: a LocalCluster of worker processes, or an existing scheduler.

Each worker process runs ``partition.screen_part`` (``screen_partition`` of one partition); the law data is loaded
once per worker process (a module-level cache there), not per case. The driver keeps at most ``2 x workers``
partitions in flight, so its memory stays bounded whatever the size of the input, and hands each result to
``finished`` (which writes it) as it arrives. The cluster and the client are always closed (context managers).

A LocalCluster's workers run without Dask's statistical profiler (``WORKER_CONFIG``): it samples the task thread's
call stack every 10 ms and keeps the call trees, and with the core's many distinct code paths that history grew by
about 6 KB per screened case (measured: 104 -> 131 MiB over 5,000 cases per worker, linear; with the profiler off a
worker stays at 76 MiB from its 1,000th case on). An existing cluster's workers are started by their owner:
docs/batch-screening.md says how to turn it off there. Dask's developer logs are off for the client and a LocalCluster
(``CLUSTER_CONFIG``): they kept every partition's rows in the driver.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import TYPE_CHECKING

from levynav.screen.partition import PartitionResult, screen_part

# The Dask settings a LocalCluster's worker processes start with (a Nanny hands its worker the configuration
# in force when the cluster is made).
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}

SCHEDULER_CONNECT_SECONDS = 10
"""How long ``--scheduler`` waits for the scheduler to answer (Dask's own default is 30 s: an address that is not
answered looked like a hang, and then the error named --out)."""

# tcp://host:port, tls://…, ws(s)://… or host:port; the host a name, an IPv4 address or an [IPv6] address
_ADDRESS = re.compile(
    r"(?:(?:tcp|tls|ws|wss|ucx)://)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9._-]{0,252})):(\d{1,5})"
)


def scheduler_address_problem(address: str) -> str | None:
    """Why ``address`` is not a scheduler address (checked before anything is written), or None."""
    match = _ADDRESS.fullmatch(address)
    if match is None or not 0 < int(match.group(1)) < 65536:
        return "--scheduler: not a Dask scheduler address (tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786)"
    return None


# Dask keeps "low-level" logs for its developers, each the last ``distributed.admin.low-level-log-length`` entries
# (default 1,000): among them every batch of messages a ``BatchedSend`` wrote (``recent_message_log``) - the client's
# to the scheduler and the scheduler's to each worker. A partition's task message holds the partition's rows, so the
# process holding the client (and, with ``--workers``, the scheduler: a LocalCluster's scheduler runs in the driver)
# kept the rows of the last 1,000 partitions sent to each worker: the driver grew by about 0.7 MiB per 500-case
# partition, 116 -> 1,498 MiB over 1,000,000 cases (bench/results/screen_scale.json before this fix). A screening
# reads none of those logs; with a length of 0 nothing is kept and the driver holds only the partitions in flight.
# Set for the client and for a LocalCluster (its scheduler and, through the Nanny, its workers); an existing
# scheduler is started by its owner (docs/batch-screening.md says how).
DASK_LOG_LENGTH = 0

# Dask's housekeeping, made less frequent for a cluster that runs one screening: every server's event-loop watchdog
# (every 20 ms by default), a worker's memory check (100 ms) and the system monitor (500 ms). Each wakes a thread that
# takes the interpreter lock from the task thread screening the rows; an idle two-worker LocalCluster spent 0.57-0.65 s
# of CPU in 10 s on them, 0.11 s with these (docs/performance.md, round 8). A worker still checks its memory every
# second, far more often than a partition's memory changes.
HOUSEKEEPING_CONFIG = {
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    # A Nanny starts its worker with glibc's MALLOC_TRIM_THRESHOLD_ fixed at 64 KiB, so that freed memory goes back
    # to the system at once; an analysis allocates and frees many small tables, and the worker then paid a system
    # call for them again and again (one process with the setting: 4-10 % slower a case, measured alternated,
    # docs/performance.md round 8). Without it glibc's own, adaptive threshold holds; a worker's memory stays flat
    # (it reuses what it freed: bench/results/screen.json follows it).
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
CLUSTER_CONFIG = {
    **WORKER_CONFIG,
    **HOUSEKEEPING_CONFIG,
    "distributed.admin.low-level-log-length": DASK_LOG_LENGTH,
}

if TYPE_CHECKING:
    from distributed import Client

    from levynav.screen.run import Options, Progress
    from levynav.screen.sources import Partition


# How long a run waits for an existing scheduler to answer before it gives up (a test shortens it).


def run_on_dask(
    parts: Iterator[Partition],
    options: Options,
    finished: Callable[[PartitionResult], None],
    progress: Progress | None,
) -> None:
    import dask
    from distributed import Client, LocalCluster, as_completed

    with ExitStack() as stack:
        stack.enter_context(dask.config.set(CLUSTER_CONFIG))  # before the client and the cluster read it
        if options.scheduler is not None:
            client = stack.enter_context(_connect(options.scheduler))
        else:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=options.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # a free port: never clash with another cluster
                    silence_logs=50,  # logging.CRITICAL: no worker chatter on the user's terminal
                )
            )
            client = stack.enter_context(Client(cluster, set_as_default=False))
        prepare_workers(client, options.scheduler)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = 2 * workers
        sizes: dict[int, int] = {}
        running = as_completed(loop=client.loop)  # this run's client, never a process-wide default

        def submit(part: Partition) -> None:
            sizes[part.index] = len(part.items)
            running.add(client.submit(screen_part, part, options.as_of, options.with_record, pure=False))

        for part in parts:
            submit(part)
            if running.count() >= limit:
                _drain_one(running, finished, progress, sizes)
        while running.count():
            _drain_one(running, finished, progress, sizes)


def prepare_workers(client: Client, scheduler: str | None = None) -> None:
    """Import the screening code and load the law data in every worker process now, each once (a worker that joins
    later does it with its first partition). Without this, each worker's first partition paid for starting its
    process: the import of the core (about 0.5 s of CPU here) and the law's loading, on every worker at once while
    the rows waited. A worker that cannot import levynav (an existing cluster set up without it) is said here, in
    words, before any row is sent."""
    from levynav.screen.partition import prepare_process
    from levynav.screen.run import ScreenError

    try:
        client.run(prepare_process)
    except (ImportError, AttributeError) as err:
        where = "--scheduler" if scheduler is not None else "--workers"
        raise ScreenError(
            f"{where}: the cluster's workers could not load levynav ({type(err).__name__}); "
            "install the same levynav on every worker"
        ) from None


def _connect(address: str) -> Client:
    """A client of the scheduler at ADDRESS, or a ScreenError naming --scheduler when it cannot be reached.

    A Dask Client whose connection fails is left half-made (distributed 2026.8): refused or timed out, Dask closes it
    but leaves its event-loop thread running; with a malformed address it is left connecting, loop running, and made
    the process's default client, kept alive by a reference cycle through the error until the cycle collector closes
    it - in whichever thread happens to run the collector, once inside the event-loop thread a later run was
    starting, which then failed with Dask's ``assert loop is not None``. So this client is never made the default,
    and one that fails to start is closed and its event-loop thread stopped here, before the error is told.
    """
    from distributed import Client

    from levynav.screen.run import ScreenError

    class _ClosedOnFailure(Client):
        def start(self, **kwargs: object) -> None:
            try:
                super().start(**kwargs)
            except BaseException:
                with contextlib.suppress(Exception):
                    self.close()  # a client Dask left connecting (a malformed address)
                self._loop_runner.stop()  # the event-loop thread Dask leaves running (idempotent)
                raise

    try:
        return _ClosedOnFailure(address, timeout=f"{SCHEDULER_CONNECT_SECONDS}s", set_as_default=False)
    except ValueError:  # an unknown address scheme, a malformed address
        problem = "not a Dask scheduler address (tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786)"
    except OSError:  # refused, unreachable, or no answer in time (TimeoutError is an OSError)
        problem = f"no Dask scheduler answered at this address within {SCHEDULER_CONNECT_SECONDS} s"
    raise ScreenError(f"--scheduler: {problem}")


def _drain_one(
    running: object,
    finished: Callable[[PartitionResult], None],
    progress: Progress | None,
    sizes: dict[int, int],
) -> None:
    future = next(running)  # type: ignore[call-overload]
    result: PartitionResult = future.result()
    finished(result)
    if progress is not None:
        progress(sizes.pop(result.index))
