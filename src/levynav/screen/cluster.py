"""Screen partitions on Dask distributed: a LocalCluster of worker processes, or an existing scheduler.

Each worker process runs ``partition.screen_partition``; the law data is loaded once per worker process
(a module-level cache there), not per case. The driver keeps at most ``2 x workers`` partitions in flight,
so its memory stays bounded whatever the size of the input, and hands each result to ``finished`` (which
writes it) as it arrives. The cluster and the client are always closed (context managers).

A LocalCluster's workers run without Dask's statistical profiler (``WORKER_CONFIG``): it samples the task thread's
call stack every 10 ms and keeps the call trees, and with the core's many distinct code paths that history grew by
about 6 KB per screened case (measured: 104 -> 131 MiB over 5,000 cases per worker, linear; with the profiler off a
worker stays at 76 MiB from its 1,000th case on). An existing cluster's workers are started by their owner:
docs/batch-screening.md says how to turn it off there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import TYPE_CHECKING

from levynav.screen.partition import PartitionResult, screen_partition

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


class SchedulerError(Exception):
    """The Dask scheduler named by ``--scheduler`` cannot be used: one line naming the option."""


def scheduler_address_problem(address: str) -> str | None:
    """Why ``address`` is not a scheduler address (checked before anything is written), or None."""
    match = _ADDRESS.fullmatch(address)
    if match is None or not 0 < int(match.group(1)) < 65536:
        return "--scheduler: not a Dask scheduler address (tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786)"
    return None


if TYPE_CHECKING:
    from levynav.screen.run import Options, Progress
    from levynav.screen.sources import Partition


def run_on_dask(
    parts: Iterator[Partition],
    options: Options,
    finished: Callable[[PartitionResult], None],
    progress: Progress | None,
) -> None:
    import dask
    from distributed import Client, LocalCluster, as_completed

    with ExitStack() as stack:
        if options.scheduler is not None:
            try:
                client = stack.enter_context(Client(options.scheduler, timeout=f"{SCHEDULER_CONNECT_SECONDS}s"))
            except (OSError, TimeoutError, ValueError, ImportError) as err:  # refused, timed out, unknown scheme
                raise SchedulerError(
                    f"--scheduler: no Dask scheduler answered at this address within {SCHEDULER_CONNECT_SECONDS} s"
                    f" ({type(err).__name__})"
                ) from None
        else:
            stack.enter_context(dask.config.set(WORKER_CONFIG))
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=options.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # a free port: never clash with another cluster
                    silence_logs=50,  # logging.CRITICAL: no worker chatter on the user's terminal
                )
            )
            client = stack.enter_context(Client(cluster))
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = 2 * workers
        sizes: dict[int, int] = {}
        running = as_completed()

        def submit(part: Partition) -> None:
            sizes[part.index] = len(part.items)
            running.add(
                client.submit(
                    screen_partition,
                    part.index,
                    part.kind,
                    part.first_row,
                    part.items,
                    options.as_of,
                    options.with_record,
                    pure=False,
                )
            )

        for part in parts:
            submit(part)
            if running.count() >= limit:
                _drain_one(running, finished, progress, sizes)
        while running.count():
            _drain_one(running, finished, progress, sizes)


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
