"""What every command shares: the exit-2 error, --as-of and --format parsing, and loading a case file.

Loading a case here also reads the account transcripts the case points to (the adapter reads files;
the core never does) and prints what could not be read as warnings.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from levynav.intake.load import CaseError, load_case
from levynav.model.case import Case

AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="Date to analyse on, YYYY-MM-DD (default: today)", show_default=False),
]
Format = Annotated[str, typer.Option("--format", help="text or json")]
Lang = Annotated[
    str | None,
    typer.Option("--lang", help="language of what a person reads: en or es (default: $LEVYNAV_LANG, else en)"),
]


def parse_lang(raw: str | None) -> str:
    """The language: --lang, else the LEVYNAV_LANG environment variable (read here, in the adapter only), else en."""
    import os

    from levynav.explain import LANGS

    chosen = raw if raw is not None else (os.environ.get("LEVYNAV_LANG") or "en")
    where = "--lang" if raw is not None else "LEVYNAV_LANG"
    if chosen not in LANGS:
        raise fail(f"{where}: {chosen!r} is not one of {', '.join(LANGS)}")
    return chosen


def fail(message: str) -> typer.Exit:
    """Print ``levynav: message`` to stderr; raise the returned Exit (code 2)."""
    typer.echo(f"levynav: {message}", err=True)
    return typer.Exit(code=2)


def parse_as_of(raw: str | None) -> date:
    if raw is None:
        return date.today()  # the adapter, not the core, reads the clock
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise fail(f"--as-of: {raw!r} is not a date in the form YYYY-MM-DD") from None


def check_format(fmt: str) -> str:
    if fmt not in {"text", "json"}:
        raise fail(f"--format: {fmt!r} is not one of text, json")
    return fmt


def load_case_or_exit(case_file: Path) -> Case:
    """The case with its transcripts read in; bad input prints one line per problem and exits 2."""
    try:
        case = load_case(case_file)
    except CaseError as err:
        typer.echo(f"levynav: {err.source} has {len(err.problems)} problem(s):", err=True)
        for problem in err.problems:
            typer.echo(f"  - {problem}", err=True)
        raise typer.Exit(code=2) from None
    if not case.transcripts:
        return case
    from levynav.intake.transcript import read_transcripts

    paths = [p if Path(p).is_absolute() else case_file.parent / p for p in case.transcripts]
    intake = read_transcripts(paths, case)
    for problem in intake.problems:
        typer.echo(f"levynav: warning: {problem}", err=True)
    return intake.case
