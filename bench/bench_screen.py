"""Benchmark: `levynav screen` throughput — cases/s in one process and on a 2-worker LocalCluster, scaling
efficiency, the ratio of screening time to reading+validating the same rows, and worker memory by size.

Run: .venv/bin/python bench/bench_screen.py (10,000 generated cases). Larger inventories only on request:
LEVYNAV_BENCH_SCREEN_SIZES=10000,100000,1000000 (each size screened twice; 1M takes hours on 2 cores).
Writes bench/results/screen.json. The cluster's start-up is measured apart from the throughput.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from common import local_cluster, read_and_validate_jsonl, write

from levynav.screen import generate, run

AS_OF = date(2026, 11, 23)
SIZES_ENV = "LEVYNAV_BENCH_SCREEN_SIZES"
DEFAULT_SIZES = (10_000,)
WORKERS = 2
PARTITION_ROWS = 500


def _sizes() -> tuple[int, ...]:
    raw = os.environ.get(SIZES_ENV)
    return tuple(int(s) for s in raw.split(",")) if raw else DEFAULT_SIZES


def _read_and_validate(path: Path) -> int:
    """The floor: read every line and validate it into a Case, nothing else."""
    return read_and_validate_jsonl(path)[0]


def _timed(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _worker_rss_mib(client: Any) -> list[float]:
    def rss() -> int:
        import psutil

        return int(psutil.Process().memory_info().rss)

    return [round(v / 2**20, 1) for v in client.run(rss).values()]


def main() -> None:
    sizes = _sizes()
    results: dict[str, Any] = {}
    load_before = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with local_cluster(WORKERS) as (client, scheduler, cluster_start_s):
            for size in sizes:
                source = folder / f"cases-{size}.jsonl"
                generate.write_cases(source, size, seed=2026, malformed_rate=0.01)
                validate_s = _timed(lambda source=source: _read_and_validate(source))
                one_s = _timed(
                    lambda source=source, size=size: run.screen_file(
                        source, folder / f"one-{size}.parquet", run.Options(AS_OF, partition_rows=PARTITION_ROWS)
                    )
                )
                options = run.Options(AS_OF, partition_rows=PARTITION_ROWS, scheduler=scheduler)
                two_s = _timed(
                    lambda source=source, size=size, options=options: run.screen_file(
                        source, folder / f"two-{size}.parquet", options
                    )
                )
                one_rate, two_rate = size / one_s, size / two_s
                results[str(size)] = {
                    "cases": size,
                    "read_validate_s": round(validate_s, 2),
                    "screen_1_process_s": round(one_s, 2),
                    "screen_2_workers_s": round(two_s, 2),
                    "cases_per_s_1_process": round(one_rate, 1),
                    "cases_per_s_2_workers": round(two_rate, 1),
                    "ms_per_case_1_process": round(1000 * one_s / size, 3),
                    "scaling_efficiency_1_to_2": round(two_rate / one_rate / WORKERS, 3),
                    "screen_to_read_validate_ratio": round(one_s / validate_s, 1),
                    "worker_rss_mib_after": _worker_rss_mib(client),
                }
                print(
                    f"{size} cases: {one_rate:,.0f}/s in 1 process, {two_rate:,.0f}/s on {WORKERS} workers; "
                    f"screen/validate {one_s / validate_s:.1f}x"
                )
    figures = {
        "sizes": list(sizes),
        "sizes_note": (
            f"10,000 cases by default; 100,000 and 1,000,000 only when {SIZES_ENV} asks for them"
            + ("" if len(sizes) > 1 else " (not run this time)")
        ),
        "partition_rows": PARTITION_ROWS,
        "workers": WORKERS,
        "cpu_count": os.cpu_count(),
        "cluster_start_s": round(cluster_start_s, 2),
        "load_average_before": load_before,
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "note": (
            "throughput excludes the cluster start; on a shared machine (load average above the core count) "
            "the rates and the scaling efficiency measure the contention as much as the code"
        ),
        "by_size": results,
    }
    path = write("screen", figures)
    print(f"written to {path}")


if __name__ == "__main__":
    main()
