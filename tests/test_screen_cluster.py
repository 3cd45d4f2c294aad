"""Batch screening on a real Dask cluster (a LocalCluster of 2 worker processes on this machine).

The same rows, screened in one process and on the cluster, give the same table row for row; the flags and
deadlines of a few hundred generated cases plus every example are those of `analyze` run on each case alone;
and the output does not depend on the partition size or on where the partitions ran. The cluster is shared
by the module and always closed.
"""

from __future__ import annotations

import contextlib
import gc
import json
import re
import socket
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from levynav.core.analyze import analyze
from levynav.core.model.case import Case
from levynav.intake.load import load_case
from levynav.screen import cluster, generate, run
from levynav.screen.flags import FLAG_COLUMNS, flags

distributed = pytest.importorskip("distributed")

AS_OF = date(2026, 11, 23)
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=50
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def inventory(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Case]]:
    """200 generated cases (a few malformed) and every example, as one JSONL file; the valid cases by id."""
    folder = tmp_path_factory.mktemp("inventory")
    path = folder / "inventory.jsonl"
    valid: dict[str, Case] = {}
    with path.open("w", encoding="utf-8") as fh:
        for case_id, data in generate.cases(200, seed=2026, malformed_rate=0.03):
            if isinstance(data, dict):
                with contextlib.suppress(ValidationError):  # a malformed case: it must be an error row
                    valid[case_id] = Case.model_validate(data)
                fh.write(json.dumps({"id": case_id, **data}) + "\n")
            else:
                fh.write(data + "\n")
        for example in EXAMPLES:
            case = load_case(example)
            valid[example.stem] = case
            fh.write(json.dumps({"id": example.stem, **case.model_dump(mode="json", exclude_none=True)}) + "\n")
    return path, valid


def test_cluster_and_single_process_agree_row_for_row_and_with_analyze(
    tmp_path: Path, scheduler: str, inventory: tuple[Path, dict[str, Case]]
) -> None:
    source, valid = inventory
    single = run.screen_file(source, tmp_path / "single.parquet", run.Options(AS_OF, partition_rows=64))
    cluster = run.screen_file(
        source, tmp_path / "cluster.parquet", run.Options(AS_OF, partition_rows=64, scheduler=scheduler)
    )
    one = pl.read_parquet(single.table)
    assert one.height == 200 + len(EXAMPLES)
    assert one.equals(pl.read_parquet(cluster.table))
    assert single.errors.read_bytes() == cluster.errors.read_bytes()
    assert one.filter(pl.col("status") == "error").height >= 1
    names = [n for n, _ in FLAG_COLUMNS]
    screened = {r["case_id"]: r for r in one.iter_rows(named=True)}
    assert set(valid) == {k for k, r in screened.items() if r["status"] == "ok"}
    for case_id, case in valid.items():
        expected = flags(analyze(case, AS_OF)).as_row()
        assert {n: screened[case_id][n] for n in names} == expected, case_id
    with distributed.Client(scheduler) as client:  # each worker process loaded the law data for itself
        assert set(client.run(_law_loaded_here).values()) == {True}


def _law_loaded_here() -> bool:
    from levynav.screen import partition

    return partition._law_ready


def test_workers_option_starts_its_own_local_cluster(tmp_path: Path) -> None:
    source = tmp_path / "g.csv"
    generate.write_cases(source, 30, seed=8, malformed_rate=0.1)
    single = run.screen_file(source, tmp_path / "single.csv", run.Options(AS_OF, partition_rows=7))
    local = run.screen_file(source, tmp_path / "local.csv", run.Options(AS_OF, partition_rows=7, workers=2))
    assert single.table.read_bytes() == local.table.read_bytes()
    assert single.errors.read_bytes() == local.errors.read_bytes()


def test_the_workers_are_prepared_before_the_first_partition(
    tmp_path: Path, scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each worker imports the screening code and loads the law when the run starts, not with its first rows."""
    events: list[object] = []
    real = cluster.prepare_workers

    def watched(client: Any, address: str | None = None) -> None:
        real(client, address)
        events.append(("prepared", sorted(client.run(_law_loaded_here).values())))

    monkeypatch.setattr(cluster, "prepare_workers", watched)
    source = tmp_path / "g.jsonl"
    generate.write_cases(source, 12, seed=5)
    run.screen_file(
        source,
        tmp_path / "out.csv",
        run.Options(AS_OF, partition_rows=4, scheduler=scheduler),
        observe=lambda result: events.append(("partition", result.index)),
    )
    assert events[0] == ("prepared", [True, True])
    assert sorted(events[1:]) == [("partition", 0), ("partition", 1), ("partition", 2)]


@pytest.mark.parametrize("fault", [ModuleNotFoundError("No module named 'levynav'"), AttributeError("prepare_process")])
def test_workers_that_cannot_load_levynav_are_said_in_words(fault: Exception) -> None:
    class Client:
        def run(self, fn: Any) -> None:
            raise fault

    with pytest.raises(run.ScreenError) as said:
        cluster.prepare_workers(Client(), "tcp://10.0.0.5:8786")  # type: ignore[arg-type]
    assert str(said.value) == (
        f"--scheduler: the cluster's workers could not load levynav ({type(fault).__name__}); "
        "install the same levynav on every worker"
    )
    with pytest.raises(run.ScreenError, match=r"^--workers: "):
        cluster.prepare_workers(Client())  # type: ignore[arg-type]


def test_a_local_cluster_s_workers_run_without_the_dask_profiler(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The profiler's call-tree history grew a worker's memory with every case (screen/cluster.WORKER_CONFIG)."""
    profiling: list[bool] = []
    real = distributed.LocalCluster

    class Watched(real):  # type: ignore[misc, valid-type]
        def close(self, *args: Any, **kwargs: Any) -> Any:
            if self.status.name == "running":
                with distributed.Client(self) as client:
                    ran = client.run(lambda dask_worker: "profile" in dask_worker.periodic_callbacks)
                    profiling.extend(ran.values())
            return super().close(*args, **kwargs)

    monkeypatch.setattr(distributed, "LocalCluster", Watched)
    source = tmp_path / "g.jsonl"
    generate.write_cases(source, 6, seed=8)
    run.screen_file(source, tmp_path / "out.parquet", run.Options(AS_OF, partition_rows=3, workers=2))
    assert profiling == [False, False]


def test_the_driver_keeps_no_rows_of_the_partitions_it_has_written(tmp_path: Path) -> None:
    """The driver's memory grew ~0.7 MiB per 500-case partition on the Dask path: Dask's developer logs (each
    ``BatchedSend``'s last 1,000 messages, screen/cluster.CLUSTER_CONFIG) kept every task message, and with it the
    partition's rows, in the client and in the LocalCluster's scheduler, both in this process. Counted, not timed:
    each time a partition is written, the rows still alive in this process are found by their marker, and those of
    partitions written before may only be the few whose release is still on its way (at most the partitions in
    flight, 2 per worker) — the old code kept all of them."""
    workers, parts, size = 2, 24, 3
    source = tmp_path / "marked.jsonl"
    with source.open("w", encoding="utf-8") as fh:
        for part in range(parts):
            for row in range(size):
                fh.write(json.dumps({"driver_memory_marker": [part, row]}) + "\n")  # an error row: unknown field
    written: list[int] = []
    still_held: list[int] = []

    def observe(result: Any) -> None:
        gc.collect()  # a cycle not yet collected is not kept
        held = {  # a partition's rows: a list of its ``size`` lines (the reader's own batch of lines is not one)
            json.loads(obj[0])["driver_memory_marker"][0]
            for obj in gc.get_objects()
            if isinstance(obj, list) and len(obj) == size and isinstance(obj[0], str) and obj[0].startswith(_MARKER)
        }
        still_held.append(len(held & set(written)))
        written.append(result.index)

    options = run.Options(AS_OF, partition_rows=size, workers=workers)
    done = run.screen_file(source, tmp_path / "out.parquet", options, observe=observe)
    assert done.cases == parts * size and done.error_rows == parts * size
    assert len(written) == parts
    assert max(still_held) <= 2 * workers, still_held


_MARKER = '{"driver_memory_marker": ['


@pytest.mark.parametrize("kind", ["closed port", "malformed"])
def test_a_scheduler_that_cannot_be_reached_is_named_and_the_next_run_works(
    tmp_path: Path, scheduler: str, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refused address left a half-made Dask client behind (its event-loop thread running, made the default client),
    and a later run in the same process could fail with Dask's ``assert loop is not None``; the refusal itself came
    out as "--out: cannot write the output" (a closed port) or a traceback (a malformed address)."""
    monkeypatch.setattr(cluster, "SCHEDULER_CONNECT_SECONDS", 2)
    if kind == "closed port":
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            address = f"tcp://127.0.0.1:{sock.getsockname()[1]}"
        expected = "no Dask scheduler answered at this address within 2 s"
    else:
        address, expected = "nosuchscheme://host", "not a Dask scheduler address"
    source = tmp_path / "g.jsonl"
    generate.write_cases(source, 8, seed=3)
    threads = set(threading.enumerate())
    with pytest.raises(run.ScreenError, match=re.escape(f"--scheduler: {expected}")):
        run.screen_file(source, tmp_path / "refused.csv", run.Options(AS_OF, scheduler=address))
    assert set(threading.enumerate()) <= threads, "the failed client's event-loop thread is still running"
    with pytest.raises(ValueError, match="No clients found"):
        distributed.default_client()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.jsonl"], "the refused run left its work folder"
    single = run.screen_file(source, tmp_path / "single.csv", run.Options(AS_OF, partition_rows=3))
    again = run.screen_file(source, tmp_path / "again.csv", run.Options(AS_OF, partition_rows=3, scheduler=scheduler))
    assert again.table.read_bytes() == single.table.read_bytes()


@settings(max_examples=4, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(partition_rows=st.integers(1, 50), on_cluster=st.booleans())
def test_output_does_not_depend_on_partitioning_or_workers(
    tmp_path: Path, scheduler: str, partition_rows: int, on_cluster: bool
) -> None:
    source = tmp_path / "g.jsonl"
    if not source.exists():
        generate.write_cases(source, 40, seed=77, malformed_rate=0.1)
    reference = tmp_path / "reference.parquet"
    if not reference.exists():
        run.screen_file(source, reference, run.Options(AS_OF, partition_rows=1000))
    out = tmp_path / f"out-{partition_rows}-{on_cluster}.parquet"
    options = run.Options(AS_OF, partition_rows=partition_rows, scheduler=scheduler if on_cluster else None)
    run.screen_file(source, out, options)
    assert pl.read_parquet(out).equals(pl.read_parquet(reference))
