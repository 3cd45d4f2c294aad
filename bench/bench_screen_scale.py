"""Benchmark: `levynav screen` at scale — 10,000 and 100,000 generated cases (1,000,000 on request), in one process
and on a 2-worker LocalCluster, with each worker's resident memory read at every partition boundary (flat or not),
the ratio of screening time to reading+validating the same rows, and the machine's load while it ran.

The LocalCluster is made as `levynav screen --workers 2` makes it (screen/cluster.CLUSTER_CONFIG: no Dask profiler, no
Dask developer logs).

Run: PYTHONPATH=src .venv/bin/python bench/bench_screen_scale.py            (10,000 and 100,000 cases)
     LEVYNAV_BENCH_SCALE_SIZES=10000,100000,1000000 ...                     (adds 1,000,000: see below)
LEVYNAV_BENCH_SCALE_MODES=one (or two) runs one mode; LEVYNAV_BENCH_SCALE_KEEP=1 adds to the results file
instead of replacing it (each mode records its own time, load and read+validate time).
Sizes above LEVYNAV_BENCH_SCALE_ONE_PROCESS_MAX (default 100,000) are screened on the 2 workers only (one process
on 1,000,000 cases would take about an hour here). Writes bench/results/screen_scale.json.

Each worker's memory is the resident set its own process reports when a partition finishes
(``PartitionResult.resident_bytes``); the driver's is its peak (``ru_maxrss``). "Flat" is judged on the growth
between the end of the first tenth of a run's partitions and the end of the run.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from common import RESULTS, local_cluster, read_and_validate_jsonl, write

from levynav.screen import generate, run
from levynav.screen.partition import PartitionResult, resident_bytes

AS_OF = date(2026, 11, 23)
SIZES_ENV = "LEVYNAV_BENCH_SCALE_SIZES"
ONE_PROCESS_MAX_ENV = "LEVYNAV_BENCH_SCALE_ONE_PROCESS_MAX"
MODES_ENV = "LEVYNAV_BENCH_SCALE_MODES"  # "one,two" (default): one process, 2 workers
KEEP_ENV = "LEVYNAV_BENCH_SCALE_KEEP"  # "1": add to the sizes and modes already in screen_scale.json
DEFAULT_SIZES = (10_000, 100_000)
WORKERS = 2
PARTITION_ROWS = 500
MALFORMED_RATE = 0.01
SERIES_POINTS = 40  # memory samples kept per process in the results file (evenly spaced)
MIB = 2**20


def _sizes() -> tuple[int, ...]:
    raw = os.environ.get(SIZES_ENV)
    return tuple(int(s) for s in raw.split(",")) if raw else DEFAULT_SIZES


def _read_and_validate(path: Path) -> tuple[float, float]:
    """The floor, wall and CPU seconds: read every line and validate it into a Case, nothing else (one process)."""
    return read_and_validate_jsonl(path)[1:]


class _Watch:
    """Collects, per partition as it is written: the screening process, its resident memory, the load average."""

    def __init__(self) -> None:
        self.samples: list[tuple[int, int, int]] = []  # (partition index, process id, resident bytes)
        self.load: list[float] = []
        self.driver: list[tuple[int, int]] = []  # (partition index, this process's resident bytes)

    def __call__(self, result: PartitionResult) -> None:
        if result.resident_bytes is not None and result.process_id is not None:
            self.samples.append((result.index, result.process_id, result.resident_bytes))
        driver = resident_bytes()
        if driver is not None and result.process_id != os.getpid():  # on Dask: the driver apart
            self.driver.append((result.index, driver))
        self.load.append(os.getloadavg()[0])

    def memory(self) -> dict[str, Any]:
        by_process: dict[int, list[tuple[int, int]]] = {}
        for index, pid, rss in self.samples:
            by_process.setdefault(pid, []).append((index, rss))
        out = {"per_process": [_series(s) for s in by_process.values()]}
        if self.driver:
            out["driver"] = [_series(self.driver)]
        return out

    def load_summary(self) -> dict[str, float]:
        if not self.load:
            return {}
        return {"mean_1min": round(sum(self.load) / len(self.load), 2), "max_1min": round(max(self.load), 2)}


def _series(series: list[tuple[int, int]]) -> dict[str, Any]:
    """A process's resident memory at the end of each partition it saw, in partition order."""
    series.sort()
    values = [rss / MIB for _, rss in series]
    tenth = values[max(0, len(values) // 10 - 1)]
    step = max(1, len(values) // SERIES_POINTS)
    return {
        "partitions": len(values),
        "first_mib": round(values[0], 1),
        "after_first_tenth_mib": round(tenth, 1),
        "max_mib": round(max(values), 1),
        "last_mib": round(values[-1], 1),
        "growth_after_first_tenth_mib": round(values[-1] - tenth, 1),
        "series_mib": [round(v, 1) for v in values[::step]],
    }


def _worker_cpu(client: Any) -> float:
    return float(sum(client.run(time.process_time).values()))


def _screen(source: Path, out: Path, options: run.Options, client: Any) -> tuple[float, float, _Watch]:
    """Wall seconds, CPU seconds of every process that screened (this one, and the workers when on Dask)."""
    watch = _Watch()
    on_dask = options.scheduler is not None
    workers_before = _worker_cpu(client) if on_dask else 0.0
    start, cpu = time.perf_counter(), time.process_time()
    run.screen_file(source, out, options, observe=watch)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    if on_dask:
        cpu += _worker_cpu(client) - workers_before
    for path in run.output_paths(out):
        path.unlink(missing_ok=True)  # keep the temporary folder small at 1,000,000 cases
    return elapsed, cpu, watch


def _write(
    sizes: tuple[int, ...],
    one_process_max: int,
    cluster_start_s: float,
    started: float,
    load_before: list[float],
    results: dict[str, Any],
    complete: bool,
) -> Path:
    """Written after every size, so a run stopped half-way keeps the sizes it finished."""
    driver_peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # Linux: KiB
    figures = {
        "sizes": list(sizes),
        "one_process_up_to": one_process_max,
        "partition_rows": PARTITION_ROWS,
        "workers": WORKERS,
        "malformed_rate": MALFORMED_RATE,
        "cpu_count": os.cpu_count(),
        "cluster_start_s": round(cluster_start_s, 2),
        "total_run_s": round(time.perf_counter() - started, 1),
        "load_average_before": load_before,
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "driver_peak_rss_mib": round(driver_peak_kib / 1024, 1),
        "note": (
            "cases/s exclude the cluster start and the case generation; the machine's 2 cores are shared with other "
            "work: a 1-minute load average above 2 means the rates measure the contention as much as the code. "
            "Memory: each screening process's resident set at the end of each partition."
        ),
        "by_size": results,
    }
    figures["complete"] = complete
    return write("screen_scale", figures)


def main() -> None:
    sizes = _sizes()
    one_process_max = int(os.environ.get(ONE_PROCESS_MAX_ENV, "100000"))
    modes = set(os.environ.get(MODES_ENV, "one,two").split(","))
    results: dict[str, Any] = {}
    previous = RESULTS / "screen_scale.json"
    if os.environ.get(KEEP_ENV) == "1" and previous.exists():  # each mode keeps its own load and validation time
        results = json.loads(previous.read_text(encoding="utf-8")).get("by_size", {})
    load_before = [round(x, 2) for x in os.getloadavg()]
    started = time.perf_counter()
    cluster_start_s = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with local_cluster(WORKERS) as (client, scheduler, started_in):  # the workers `levynav screen --workers` starts
            cluster_start_s = started_in
            for size in sizes:
                source = folder / f"cases-{size}.jsonl"
                generate.write_cases(source, size, seed=2026, malformed_rate=MALFORMED_RATE)
                entry: dict[str, Any] = results.get(str(size), {}) | {"cases": size}
                load_start = round(os.getloadavg()[0], 2)
                validate_s, validate_cpu = _read_and_validate(source)
                entry["read_validate_s"] = round(validate_s, 2)
                entry["read_validate_cpu_s"] = round(validate_cpu, 2)
                entry["read_validate_cases_per_s"] = round(size / validate_s, 1)
                one_s = entry.get("one_process", {}).get("screen_s")
                if size <= one_process_max and "one" in modes:
                    one_s, one_cpu, watch = _screen(
                        source, folder / "one.parquet", run.Options(AS_OF, partition_rows=PARTITION_ROWS), client
                    )
                    entry["one_process"] = {
                        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                        "load_1min_at_start": load_start,
                        "read_validate_s": round(validate_s, 2),
                        "screen_s": round(one_s, 2),
                        "cases_per_s": round(size / one_s, 1),
                        "ms_per_case": round(1000 * one_s / size, 3),
                        "screen_to_read_validate_ratio": round(one_s / validate_s, 1),
                        # CPU time: far less sensitive than wall time to the other work on a shared machine
                        "read_validate_cpu_s": round(validate_cpu, 2),
                        "screen_cpu_s": round(one_cpu, 2),
                        "screen_to_read_validate_cpu_ratio": round(one_cpu / validate_cpu, 1),
                        "memory": watch.memory(),
                        "load_during": watch.load_summary(),
                    }
                    results[str(size)] = entry
                    _write(sizes, one_process_max, cluster_start_s, started, load_before, results, complete=False)
                    print(
                        f"{size:,} cases, 1 process: {size / one_s:,.0f}/s, screen/validate {one_s / validate_s:.1f}x"
                    )
                if "two" not in modes:
                    source.unlink()
                    continue
                options = run.Options(AS_OF, partition_rows=PARTITION_ROWS, scheduler=scheduler)
                two_s, two_cpu, watch = _screen(source, folder / "two.parquet", options, client)
                entry["two_workers"] = {
                    "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "read_validate_s": round(validate_s, 2),
                    "screen_s": round(two_s, 2),
                    "cases_per_s": round(size / two_s, 1),
                    # both cores' time against one core's reading and validating
                    "core_seconds_to_read_validate_ratio": round(WORKERS * two_s / validate_s, 1),
                    "read_validate_cpu_s": round(validate_cpu, 2),
                    "screen_cpu_s_driver_and_workers": round(two_cpu, 2),
                    "screen_to_read_validate_cpu_ratio": round(two_cpu / validate_cpu, 1),
                    "scaling_efficiency_1_to_2": round(one_s / two_s / WORKERS, 3) if one_s else None,
                    "memory": watch.memory(),
                    "load_during": watch.load_summary(),
                }
                print(f"{size:,} cases, {WORKERS} workers: {size / two_s:,.0f}/s")
                source.unlink()
                results[str(size)] = entry
                _write(sizes, one_process_max, cluster_start_s, started, load_before, results, complete=False)

    path = _write(sizes, one_process_max, cluster_start_s, started, load_before, results, complete=True)
    print(f"written to {path}")


if __name__ == "__main__":
    main()
