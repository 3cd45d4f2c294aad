"""The screening table: its schema, one Parquet file per finished partition, and the final assembly.

A partition's files are written under a temporary name and renamed, so a file that exists is complete;
the rows file is renamed last, so its presence means the partition is done. The final table (Parquet or
CSV, by OUT's suffix) and the errors file are assembled from the partitions in order into temporary files
beside OUT and moved into place only when complete.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

from levynav.screen import report
from levynav.screen.flags import FLAG_COLUMNS

OUTPUT_KINDS = (".parquet", ".csv")
MONEY = pl.Decimal(18, 2)
_FLAG_TYPES: dict[str, Any] = {
    "ids": pl.String,
    "bool": pl.Boolean,
    "text": pl.String,
    "date": pl.Date,
    "int": pl.Int64,
    "money": MONEY,
}
ERROR_SCHEMA: dict[str, Any] = {"row": pl.Int64, "field": pl.String, "reason": pl.String}

# CSV injection (OWASP "CSV Injection"): a spreadsheet that opens a CSV file runs a cell that begins with = + - @ (or
# a tab, CR or LF; some also take the full-width forms) as a formula, and a case id is the user's own text.
# In a CSV table levynav writes, each text cell that begins so is written after a single quote, which a spreadsheet
# reads as "this is text" and does not show; the Parquet table keeps the text as given (it is not opened as a sheet).
FORMULA_START = "^[=+\\-@\t\r\n\uff1d\uff0b\uff0d\uff20]"


def csv_safe(table: pl.LazyFrame) -> pl.LazyFrame:
    """`table` with every text cell a spreadsheet would run as a formula quoted (``FORMULA_START``)."""
    texts = [name for name, kind in table.collect_schema().items() if kind == pl.String]
    return table.with_columns(
        pl.when(pl.col(name).str.contains(FORMULA_START))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in texts
    )


def schema(with_record: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"row": pl.Int64, "case_id": pl.String, "status": pl.String, "errors": pl.Int64}
    out.update({name: _FLAG_TYPES[kind] for name, kind in FLAG_COLUMNS})
    if with_record:
        out["record"] = pl.String
    return out


def part_paths(work: Path, index: int) -> tuple[Path, Path]:
    return work / f"part-{index:06d}.parquet", work / f"part-{index:06d}.errors.parquet"


def write_part(
    work: Path, index: int, rows: list[dict[str, Any]], errors: list[dict[str, Any]], with_record: bool
) -> None:
    rows_path, errors_path = part_paths(work, index)
    cols = schema(with_record)
    # column by column (a list per column, made by C loops): built row by row, a dict a row, it was two thirds of the
    # driver's time on two workers, which shares the two cores with them (docs/performance.md, round 8)
    frame = pl.DataFrame({k: [r.get(k) for r in rows] for k in cols}, schema=cols)
    _write_atomic(pl.DataFrame(errors, schema=ERROR_SCHEMA, orient="row"), errors_path)
    _write_atomic(frame, rows_path)  # last: its presence marks the partition done


_OS_ERROR = re.compile(r"\(os error (\d+)\)")


def write_failure(err: BaseException) -> str | None:
    """Why an output could not be written — a full disk, a read-only or failing device — in the system's words
    ("No space left on device"); None for any other fault. Polars says it inside its own ComputeError
    ("underlying IO error: No space left on device (os error 28)"): the error number is taken from there."""
    if isinstance(err, OSError) and err.errno is not None:
        return os.strerror(err.errno)
    if isinstance(err, pl.exceptions.ComputeError):
        found = _OS_ERROR.search(str(err))
        if found is not None:
            return os.strerror(int(found.group(1)))
    return None


def _write_atomic(frame: pl.DataFrame, path: Path) -> None:
    """The file whole under its name or not at all: written under a temporary name, flushed to the disk, then
    renamed (a partition renamed before its bytes reached the disk could be found empty after a power cut)."""
    tmp = path.with_name(path.name + ".tmp")
    frame.write_parquet(tmp)
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def done_parts(work: Path) -> set[int]:
    """The partitions a resumed run can keep: both files present and readable as Parquet with their row count.

    A partition whose file is damaged (cut short by a crash of the machine) or whose errors file is missing was an
    internal error when the table was assembled; it is now screened again, like one never written."""
    done = set()
    for path in work.glob("part-??????.parquet"):
        index = int(path.name[5:11])
        if all(_readable(p) for p in part_paths(work, index)):
            done.add(index)
    return done


def _readable(path: Path) -> bool:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pq.ParquetFile(path).metadata  # noqa: B018 - reading the footer is the check
    except (OSError, pa.ArrowException):
        return False
    return True


def assemble(
    work: Path,
    count: int,
    out: Path,
    errors_out: Path,
    with_record: bool,
    before_publish: Callable[[list[tuple[str, str, int]]], None] | None = None,
) -> list[tuple[str, str, int]]:
    """Stream partitions 0..count-1 into OUT and the errors CSV; return the summary counts of the whole table.

    Neither the table nor its records are ever held whole: Polars streams the partition files into OUT (one
    partition's rows in memory at a time), and the summary is added up partition by partition from the flag
    columns alone (counts add up; ``report.merge_summaries``), so the driver's memory does not grow with the
    number of cases — with ``--with-record`` too. Rows that share a case id (``shared_ids``) become error rows
    here, whichever partitions they were screened in. ``before_publish`` (the reports) is given the counts before
    the table and the errors file are moved into place: a failure there (a full disk) publishes neither.
    """
    rows = [part_paths(work, i)[0] for i in range(count)]
    errs = [part_paths(work, i)[1] for i in range(count)]
    tmp_out = out.with_name(f".{out.name}.tmp")
    tmp_err = errors_out.with_name(f".{errors_out.name}.tmp")
    try:
        return _assemble(rows, errs, tmp_out, tmp_err, out, errors_out, with_record, before_publish)
    finally:  # moved into place when complete; a failure (a full disk) leaves no half-written file behind
        for tmp in (tmp_out, tmp_err):
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)


def _assemble(
    rows: list[Path],
    errs: list[Path],
    tmp_out: Path,
    tmp_err: Path,
    out: Path,
    errors_out: Path,
    with_record: bool,
    before_publish: Callable[[list[tuple[str, str, int]]], None] | None,
) -> list[tuple[str, str, int]]:
    shared = shared_ids(rows)
    if rows:
        table = _refuse_shared(pl.scan_parquet(rows), shared, with_record)
        if out.suffix.lower() == ".parquet":
            table.sink_parquet(tmp_out, maintain_order=True)
        else:
            csv_safe(table).sink_csv(tmp_out, maintain_order=True)
        errors = pl.scan_parquet(errs)
        if shared:
            errors = pl.concat([errors, shared_id_errors(shared)]).sort("row", maintain_order=True)
        csv_safe(errors).sink_csv(tmp_err, maintain_order=True)
    else:
        write_table(pl.DataFrame(schema=schema(with_record)), tmp_out, out.suffix.lower())
        pl.DataFrame(schema=ERROR_SCHEMA).write_csv(tmp_err)
    summary_columns = list(schema(False))  # the record (--with-record) is never read back
    counts = report.merge_summaries(
        report.summary(_refuse_shared(pl.read_parquet(p, columns=summary_columns).lazy(), shared, False).collect())
        for p in rows
    )
    if before_publish is not None:
        before_publish(counts)
    os.replace(tmp_err, errors_out)
    os.replace(tmp_out, out)
    return counts


# A case id given to more than one row: a program that joins the table back to its inventory by case id could not
# tell the rows apart and could put one person's flags on another's file. Every row sharing the id is an error row
# (no flags), with one error line each naming the other row; the ids themselves are never written to the errors.
SHARED_ID_FIELD = "case_id"


def shared_id_reason(other_row: int) -> str:
    return f"is also the case id of row {other_row}; give each case its own id (a row without one is its row number)"


def shared_ids(rows: list[Path]) -> dict[str, list[int]]:
    """Each case id that more than one row holds, with those rows' numbers in order (usually empty).

    Two passes, so the driver never holds every case id: first a 64-bit hash of each id (8 bytes a row), sorted to
    find the hashes seen more than once (almost always none); then only the rows whose id has such a hash are read
    with their ids, and the ids are compared themselves (two ids that share a hash are still told apart). Grouping
    the ids directly raised the driver's peak by ~230 MiB at 1,000,000 cases (2,000 partition files); the hashes by
    ~40 MiB.
    """
    if not rows:
        return {}
    hashes = pl.scan_parquet(rows).select(_id_hash(pl.col("case_id"))).collect().to_series().sort()
    seen_twice = hashes.filter((hashes == hashes.shift(1)).fill_null(False)).unique()
    del hashes
    if seen_twice.is_empty():
        return {}
    candidate = _id_hash(pl.col("case_id")).is_in(seen_twice.implode())
    table = pl.scan_parquet(rows).select("case_id", "row").filter(candidate)
    repeated = table.group_by("case_id").agg(pl.len().alias("n")).filter(pl.col("n") > 1).select("case_id")
    found = table.join(repeated, on="case_id", how="semi").sort("row").collect()
    out: dict[str, list[int]] = {}
    for case_id, row in found.iter_rows():
        out.setdefault(case_id, []).append(row)
    return out


def _id_hash(ids: pl.Expr) -> pl.Expr:
    """A 64-bit hash of each case id (the same in both passes of ``shared_ids``; a test swaps in one that collides)."""
    return ids.hash(seed=0)


def shared_id_errors(shared: dict[str, list[int]]) -> pl.LazyFrame:
    lines = [
        {"row": row, "field": SHARED_ID_FIELD, "reason": shared_id_reason(rows[1] if row == rows[0] else rows[0])}
        for rows in shared.values()
        for row in rows
    ]
    return pl.LazyFrame(lines, schema=ERROR_SCHEMA, orient="row")


def _refuse_shared(table: pl.LazyFrame, shared: dict[str, list[int]], with_record: bool) -> pl.LazyFrame:
    """The table with every row whose case id is shared made an error row: status error, one more error, no flags."""
    if not shared:
        return table
    hit = pl.col("case_id").is_in(list(shared))
    emptied = [name for name, _ in FLAG_COLUMNS] + (["record"] if with_record else [])
    return table.with_columns(
        pl.when(hit).then(pl.lit("error")).otherwise(pl.col("status")).alias("status"),
        pl.when(hit).then(pl.col("errors") + 1).otherwise(pl.col("errors")).alias("errors"),
        *[pl.when(hit).then(None).otherwise(pl.col(name)).alias(name) for name in emptied],
    )


def write_table(table: pl.DataFrame, path: Path, suffix: str) -> None:
    if suffix == ".parquet":
        table.write_parquet(path)
    else:
        csv_safe(table.lazy()).collect().write_csv(path)
