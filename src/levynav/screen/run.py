"""Run a screening: partitions of the input, screened in this process or on a Dask cluster, then assembled.

Work goes to a folder beside OUT (``<OUT name>.work``) holding one file per finished partition and a
manifest of what the run is (input file, size and modification time, date, options, product version). A
rerun of the same screening skips the partitions already there; a different one starts the folder afresh.
The final table, the errors file, the summary and the report are written only when every partition is
done, each under a temporary name moved into place; the work folder is then removed.

With Dask the driver reads the input and sends each partition's rows to a worker (no shared file system
needed), keeping a bounded number in flight, and writes each result as it arrives; the output is assembled
in partition order, so it is the same row for row whatever the number of workers.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from levynav import __version__
from levynav.screen import output, report, sources
from levynav.screen.partition import PartitionResult, screen_partition

DEFAULT_PARTITION_ROWS = 500
Progress = Callable[[int], None]  # called with the number of rows just finished


class ScreenError(ValueError):
    """The screening cannot run (bad input file, bad output name): one line, no taxpayer data."""


class OutputFailed(ScreenError):
    """The output could not be written (a full disk, a failing device): the input was good (exit 74, not 2)."""


@dataclass(frozen=True)
class Options:
    as_of: date
    with_record: bool = False
    partition_rows: int = DEFAULT_PARTITION_ROWS
    workers: int | None = None  # start a LocalCluster with this many worker processes
    scheduler: str | None = None  # or use an existing Dask scheduler
    ignored_columns: tuple[str, ...] = ()  # the input's own columns the user named to leave out


@dataclass(frozen=True)
class Outputs:
    table: Path
    errors: Path
    summary: Path
    report_md: Path
    report_html: Path
    cases: int
    ok: int
    error_rows: int


def output_paths(out: Path) -> tuple[Path, Path, Path, Path, Path]:
    stem = out.with_suffix("")
    name = stem.name
    return (
        out,
        stem.with_name(f"{name}.errors.csv"),
        stem.with_name(f"{name}.summary.csv"),
        stem.with_name(f"{name}.report.md"),
        stem.with_name(f"{name}.report.html"),
    )


def work_folder(out: Path) -> Path:
    return out.with_name(f"{out.name}.work")


def screen_file(
    source: Path,
    out: Path,
    options: Options,
    progress: Progress | None = None,
    observe: Callable[[PartitionResult], None] | None = None,
) -> Outputs:
    """Screen SOURCE into OUT; ``progress`` is told the rows done, ``observe`` sees each partition's result
    as it is written (the bench reads the worker's memory there)."""
    if out.suffix.lower() not in output.OUTPUT_KINDS:
        raise ScreenError(f"--out: {out.name} must end in .parquet or .csv")
    if not (source.is_file() or source.is_dir()):
        if source.exists():  # a FIFO, a device or a socket: never opened
            raise ScreenError(f"{source.name}: is not a regular file or a folder (only those are read)")
        raise ScreenError(f"{source.name}: no such file")
    if not out.parent.is_dir():
        raise ScreenError(f"--out: the folder {out.parent} does not exist")
    _check_outputs(source, out)
    if options.partition_rows < 1:
        raise ScreenError("the partition size must be at least 1 row")
    if options.scheduler is not None:
        from levynav.screen.cluster import scheduler_address_problem

        problem = scheduler_address_problem(options.scheduler)
        if problem is not None:
            raise ScreenError(problem)
    try:
        sources.input_kind(source)
        sources.check_columns(source, options.ignored_columns)
    except sources.InputError as err:
        raise ScreenError(str(err)) from None
    work, held = _prepare_work(source, out, options)
    try:
        return _screen_into(work, source, out, options, progress, observe)
    except Exception as err:
        reason = output.write_failure(err)  # a full disk or a failing device: said, never an internal error
        if reason is None:
            raise
        kept = f"; the partitions done are kept in {work.name}: run the same command again to resume"
        raise OutputFailed(
            f"--out: the output could not be written ({reason}); nothing was written"
            + (kept if work.is_dir() and output.done_parts(work) else "")
        ) from None
    finally:
        os.close(held)  # the work folder is free for another run (gone when this one ended)


def _screen_into(
    work: Path,
    source: Path,
    out: Path,
    options: Options,
    progress: Progress | None,
    observe: Callable[[PartitionResult], None] | None,
) -> Outputs:
    done = output.done_parts(work)
    todo = (p for p in sources.partitions(source, options.partition_rows) if p.index not in done)
    count = [0]

    def finished(result: PartitionResult) -> None:
        output.write_part(work, result.index, result.rows, result.errors, options.with_record)
        if observe is not None:
            observe(result)

    def counted(parts: Iterator[sources.Partition]) -> Iterator[sources.Partition]:
        for part in parts:
            count[0] = max(count[0], part.index + 1)
            yield part

    try:
        if progress is not None and done:
            progress(sum(_rows_in(work, i) for i in done))
        if options.workers is None and options.scheduler is None:
            for part in counted(todo):
                result = screen_partition(
                    part.index, part.kind, part.first_row, part.items, options.as_of, options.with_record
                )
                finished(result)
                if progress is not None:
                    progress(len(part.items))
        else:
            from levynav.screen.cluster import run_on_dask

            run_on_dask(counted(todo), options, finished, progress)
    except BaseException as err:  # an unreadable input, a scheduler that cannot be reached, an interruption
        # nothing to resume: a failed run leaves nothing behind; nor does an input found damaged part way (its
        # partitions done are of a file that must be written again, and a rerun of another file starts afresh)
        if not output.done_parts(work) or isinstance(err, sources.InputError):
            shutil.rmtree(work, ignore_errors=True)
        if isinstance(err, sources.InputError | ScreenError):
            raise ScreenError(str(err)) from None
        raise
    total = max([count[0], *(i + 1 for i in done)], default=0)
    finished_parts = output.done_parts(work)
    missing = [i for i in range(total) if i not in finished_parts]
    if missing:
        raise ScreenError(f"partitions {missing[:5]} did not finish; run the same command again to resume")
    table_path, errors_path, summary_path, md_path, html_path = output_paths(out)
    counts = output.assemble(
        work,
        total,
        table_path,
        errors_path,
        options.with_record,
        before_publish=lambda counts: report.write_reports(counts, options.as_of, summary_path, md_path, html_path),
    )
    shutil.rmtree(work, ignore_errors=True)
    by = {(flag, value): n for flag, value, n in counts}
    cases, ok = by[("cases", "all")], by.get(("status", "ok"), 0)
    return Outputs(table_path, errors_path, summary_path, md_path, html_path, cases, ok, cases - ok)


def _check_outputs(source: Path, out: Path) -> None:
    """Every file the run will write can be written in place: none is a folder or another kind of file (found only
    at the end, it left the table written and the rest not), and none is the input itself (it would replace it)."""
    inputs = {p.resolve() for p in (sources.dataset_files(source) if source.is_dir() else [source])}
    inputs.add(source.resolve())
    for path in (*output_paths(out), work_folder(out)):
        if path.resolve() in inputs:
            raise ScreenError(f"--out: {path.name} is the input; write the output to another file")
    for path in output_paths(out):
        if path.exists() and not path.is_file():
            raise ScreenError(f"--out: {path.name} exists and is not a file (a folder?)")


def _rows_in(work: Path, index: int) -> int:
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(output.part_paths(work, index)[0]).metadata.num_rows)


# What a work folder holds: its manifest and each partition's files (a temporary name while one is written).
_WORK_FILE = re.compile(r"manifest\.json(\.tmp)?|part-\d{6}(\.errors)?\.parquet(\.tmp)?")
_MANIFEST_KEYS = {"input", "files", "size", "mtime_ns", "as_of", "with_record", "partition_rows", "version"}


def _own_manifest(work: Path) -> dict[str, Any] | None:
    """The manifest of levynav's work folder ``work``; ``ScreenError`` if ``work`` is not one (a link, a file, a
    folder holding anything but a manifest and partition files, a manifest levynav did not write): a folder of the
    user's that happens to have the name is never emptied. None for levynav's folder left without its manifest (a
    run stopped as it began)."""
    refused = ScreenError(
        f"--out: {work.name} is not a work folder of levynav (it is a link, a file, or holds other files); "
        "move it or choose another --out"
    )
    if work.is_symlink() or not work.is_dir():
        raise refused
    names = []
    for entry in work.iterdir():
        if not _WORK_FILE.fullmatch(entry.name) or entry.is_symlink() or not entry.is_file():
            raise refused
        names.append(entry.name)
    if "manifest.json" not in names:
        if any(n.startswith("part-") for n in names):
            raise refused
        return None
    try:
        found = json.loads((work / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise refused from None
    if not isinstance(found, dict) or set(found) != _MANIFEST_KEYS:
        raise refused
    return found


def _hold(work: Path, out: Path) -> int:
    """An open descriptor of the work folder, locked for this run alone (``flock``, released when it is closed or the
    process ends, a crash too): ScreenError when another run holds it. Two runs writing the same OUT at once emptied
    each other's partitions and put the other's rows, another input's cases, into their table."""
    import fcntl

    fd = os.open(work, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise ScreenError(
            f"--out: another levynav screen is writing {out.name} now; wait for it to end or choose another --out"
        ) from None
    return fd


def _prepare_work(source: Path, out: Path, options: Options) -> tuple[Path, int]:
    """The work folder, emptied unless it holds partitions of this very screening, and the descriptor that holds it
    for this run (``_hold``)."""
    work = work_folder(out)
    files = sources.dataset_files(source) if source.is_dir() else [source]
    stats = [f.stat() for f in files]
    manifest: dict[str, Any] = {
        "input": str(source.resolve()),
        "files": [str(f.relative_to(source)) for f in files] if source.is_dir() else None,
        "size": sum(s.st_size for s in stats),
        "mtime_ns": max(s.st_mtime_ns for s in stats),
        "as_of": options.as_of.isoformat(),
        "with_record": options.with_record,
        "partition_rows": options.partition_rows,
        "version": __version__,
    }
    path = work / "manifest.json"
    if os.path.lexists(work):
        previous = _own_manifest(work)
        held = _hold(work, out)  # never emptied, nor shared, while another run writes there
        if previous == manifest:
            return work, held
        shutil.rmtree(work)  # levynav's work folder of another screening (checked by _own_manifest)
        os.close(held)
    try:
        work.mkdir(parents=True)
    except FileExistsError:  # another run made it a moment ago
        raise ScreenError(
            f"--out: another levynav screen is writing {out.name} now; wait for it to end or choose another --out"
        ) from None
    held = _hold(work, out)
    tmp = work / "manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    tmp.replace(path)
    return work, held
