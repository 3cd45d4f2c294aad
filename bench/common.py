"""Shared helpers for the benchmarks: timing percentiles and writing results files."""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from levynav import lawbook

# The benchmarks' adapter installs the packaged Law bundle, as the CLI does: an analysis given none uses it.
lawbook.install()

RESULTS = Path(__file__).parent / "results"


def timings(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def summary_ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 4),
        "p95_ms": round(pick(0.95) * 1000, 4),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 4),
        "samples": len(ordered),
    }


def write(name: str, figures: dict[str, Any]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    figures = {
        "benchmark": name,
        "python": sys.version.split()[0],
        # which build of it (docs/adr/0018-optimised-interpreter.md): a figure is compared only with one of the same
        "python_executable": os.path.realpath(getattr(sys, "_base_executable", sys.executable)),
        "machine": platform.machine(),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        **figures,
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return path


def read_and_validate_jsonl(path: Path) -> tuple[int, float, float]:
    """The screening floor: read every line of a JSONL inventory and validate it into a Case, nothing else.

    Returns the rows read, wall seconds and CPU seconds. A malformed row costs its failed parse, as in the screen.
    """
    from levynav.core.model.case import Case

    n = 0
    start, cpu = time.perf_counter(), time.process_time()
    with path.open("rb") as fh:
        for line in fh:
            try:
                data = json.loads(line)
                for key in ("id", "case_id"):
                    data.pop(key, None)
                Case.model_validate(data)
            except ValueError:
                pass
            n += 1
    return n, time.perf_counter() - start, time.process_time() - cpu


@contextmanager
def local_cluster(workers: int) -> Iterator[tuple[Any, str, float]]:
    """A Dask client on a LocalCluster made as ``levynav screen --workers N`` makes it (screen/cluster.CLUSTER_CONFIG:
    no sampling profiler), one thread per worker process, its workers prepared as the screen prepares them (code
    imported, law loaded: ``cluster.prepare_workers``). Yields the client, the scheduler's address and the seconds
    the cluster took to start, preparing included (the one-process run is timed in this process, which has the code
    imported already)."""
    import dask
    from distributed import Client, LocalCluster

    from levynav.screen.cluster import CLUSTER_CONFIG, prepare_workers

    start = time.perf_counter()
    with (
        dask.config.set(CLUSTER_CONFIG),
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=50
        ) as cluster,
        Client(cluster) as client,
    ):
        prepare_workers(client)
        yield client, cluster.scheduler_address, time.perf_counter() - start
