"""The command-line adapter: parse input, call the core, render. No legal logic here."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from levynav import render_text
from levynav.analyze import analyze
from levynav.intake.load import CaseError, load_case
from levynav.law import registry
from levynav.law.catalog import MODULES

app = typer.Typer(
    help="Levy Navigator: which IRS levy-release grounds and appeal routes apply, by when, and why.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="Date to analyse on, YYYY-MM-DD (default: today)", show_default=False),
]
Format = Annotated[str, typer.Option("--format", help="text or json")]


def fail(message: str) -> typer.Exit:
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


@app.command("analyze")
def analyze_command(
    case_file: Annotated[Path, typer.Argument(help="case file, YAML or JSON")],
    as_of: AsOf = None,
    fmt: Format = "text",
) -> None:
    """Analyse a case: release grounds, returns, appeal routes, deadlines and the plan."""
    check_format(fmt)
    day = parse_as_of(as_of)
    try:
        case = load_case(case_file)
    except CaseError as err:
        typer.echo(f"levynav: {err.source} has {len(err.problems)} problem(s):", err=True)
        for problem in err.problems:
            typer.echo(f"  - {problem}", err=True)
        raise typer.Exit(code=2) from None
    if case.transcripts:  # the adapter, not the core, reads the transcript files the case points to
        from levynav.intake.transcript import read_transcripts

        paths = [p if Path(p).is_absolute() else case_file.parent / p for p in case.transcripts]
        intake = read_transcripts(paths, case)
        case = intake.case
        for problem in intake.problems:
            typer.echo(f"levynav: warning: {problem}", err=True)
    result = analyze(case, day)
    if fmt == "json":
        typer.echo(result.model_dump_json(indent=2))
    else:
        render_text.print_analysis(result)


@app.command("rules")
def rules_command(fmt: Format = "text") -> None:
    """Every rule the engine checks, with its citation and the status of its source."""
    check_format(fmt)
    rows = render_text.rule_rows(MODULES)
    if fmt == "json":
        typer.echo(json.dumps(rows, indent=2))
    else:
        render_text.print_rules(rows)


@app.command("explain")
def explain_command(
    rule_id: Annotated[str, typer.Argument(help="a rule id such as R6343-A4 or CDP-5")],
) -> None:
    """Show what a rule says, its citation and where it comes from."""
    try:
        entry = registry.cite(rule_id)
    except KeyError:
        known = ", ".join(sorted(registry.registry())[:8])
        raise fail(f"{rule_id!r} is not a known rule id (examples: {known}; see `levynav rules`)") from None
    render_text.print_citation(entry)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


def _register_feature_commands() -> None:
    from levynav import cli_finances, cli_notice, cli_packet, cli_transcript, cli_wage

    for module in (cli_finances, cli_wage, cli_transcript, cli_notice, cli_packet):
        module.register(app)


_register_feature_commands()
