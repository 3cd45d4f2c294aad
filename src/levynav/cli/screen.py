"""`levynav screen` (many cases in, flags out) and `levynav generate-cases` (synthetic cases for tests)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from levynav.cli.arguments import fail, fail_output, parse_as_of, shown
from levynav.cli.options import AsOf
from levynav.core.model import limits


def register(app: typer.Typer) -> None:
    app.command("screen")(screen_command)
    app.command("generate-cases")(generate_command)


def screen_command(
    source: Annotated[
        Path, typer.Argument(help="cases: .jsonl (one case per line), .csv, .parquet, or a folder of .parquet files")
    ],
    out: Annotated[Path, typer.Option("--out", help="the table to write: .parquet or .csv")],
    as_of: AsOf = None,
    workers: Annotated[
        int | None, typer.Option("--workers", help="start a local Dask cluster with N worker processes")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="use an existing Dask scheduler, e.g. tcp://10.0.0.5:8786")
    ] = None,
    with_record: Annotated[
        bool, typer.Option("--with-record", help="add each case's full decision record as a JSON column")
    ] = False,
    partition_rows: Annotated[int, typer.Option("--partition-rows", help="rows per partition")] = 500,
    ignore_column: Annotated[
        list[str] | None,
        typer.Option("--ignore-column", help="a column of your own to leave out (names, notes); may be repeated"),
    ] = None,
) -> None:
    """Screen many cases: release grounds, returns, premature or barred levies, hardship and deadlines."""
    from levynav.screen.run import Options, OutputFailed, ScreenError, screen_file

    day = parse_as_of(as_of)
    if workers is not None and scheduler is not None:
        raise fail("--workers and --scheduler: give one or the other")
    if workers is not None and workers < 1:
        raise fail(f"--workers: {workers} is not a number of workers (1 or more)")
    if workers is not None and workers > limits.MAX_WORKERS:
        raise fail(f"--workers: more than {limits.limit_text('MAX_WORKERS')} worker processes")
    if partition_rows < 1:
        raise fail(f"--partition-rows: {partition_rows} must be 1 or more")
    options = Options(day, with_record, partition_rows, workers, scheduler, tuple(ignore_column or ()))
    try:
        with _ProgressBar(source) as advance:
            done = screen_file(source, out, options, advance)
    except OutputFailed as err:
        raise fail_output(str(err)) from None
    except ScreenError as err:
        raise fail(str(err)) from None
    except OSError as err:
        raise fail_output(f"--out: cannot write the output: {err.strerror or type(err).__name__}", err) from None
    typer.echo(
        shown(
            f"{done.cases} cases screened ({done.ok} ok, {done.error_rows} with errors) -> {done.table}\n"
            f"errors: {done.errors}\nsummary: {done.summary}\nreport: {done.report_md}, {done.report_html}"
        )
    )


class _ProgressBar:
    """A Rich progress bar on stderr with rate and time left; silent when stderr is not a terminal."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.bar: object = None

    def __enter__(self) -> Callable[[int], None] | None:
        from rich.console import Console

        console = Console(stderr=True)
        if not console.is_terminal or not self.source.exists():
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from levynav.screen.sources import InputError, count_rows

        try:
            total = count_rows(self.source)
        except InputError:
            return None
        bar = Progress(
            TextColumn("screening"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=console,
        )
        bar.start()
        task = bar.add_task("screen", total=total, rate="")
        self.bar = bar

        def advance(n: int) -> None:
            bar.advance(task, n)
            speed = bar.tasks[0].speed
            bar.update(task, rate=f"{speed:,.0f} cases/s" if speed else "")

        return advance

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()  # type: ignore[attr-defined]


def generate_command(
    count: Annotated[int, typer.Argument(help="how many cases")],
    out: Annotated[Path, typer.Option("--out", help="where: .jsonl, .csv or .parquet")],
    seed: Annotated[int, typer.Option("--seed", help="the same seed gives the same cases")] = 0,
    malformed_rate: Annotated[
        float, typer.Option("--malformed-rate", help="share of rows made malformed on purpose, 0 to 1")
    ] = 0.0,
) -> None:
    """Write synthetic cases (no real person's data) for tests and benchmarks."""
    from levynav.screen.generate import GenerateError, write_cases

    if count < 0:
        raise fail(f"N: {count} must be 0 or more")
    if count > limits.MAX_GENERATED_CASES:
        raise fail(f"N: more than {limits.limit_text('MAX_GENERATED_CASES')} cases in one run")
    if not 0.0 <= malformed_rate <= 1.0:
        raise fail(f"--malformed-rate: {malformed_rate} must be between 0 and 1")
    try:
        write_cases(out, count, seed, malformed_rate)
    except GenerateError as err:
        raise fail(str(err)) from None
    except OSError as err:
        raise fail_output(f"--out: cannot write {out.name}: {err.strerror or type(err).__name__}", err) from None
    print(shown(f"{count} cases -> {out}"), file=sys.stderr)
