"""The command-line adapter: parse input, call the core, render. No legal logic here."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from levynav import render_text
from levynav.analyze import analyze
from levynav.cli_common import AsOf, Format, check_format, fail, load_case_or_exit, parse_as_of
from levynav.law import registry
from levynav.law.catalog import MODULES

app = typer.Typer(
    help="Levy Navigator: which IRS levy-release grounds and appeal routes apply, by when, and why.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command("analyze")
def analyze_command(
    case_file: Annotated[Path, typer.Argument(help="case file, YAML or JSON")],
    as_of: AsOf = None,
    fmt: Format = "text",
) -> None:
    """Analyse a case: release grounds, returns, appeal routes, deadlines and the plan."""
    check_format(fmt)
    day = parse_as_of(as_of)
    case = load_case_or_exit(case_file)
    result = analyze(case, day)
    if fmt == "json":
        typer.echo(result.model_dump_json(indent=2))
    else:
        render_text.print_analysis(result)


@app.command("rules")
def rules_command(
    fmt: Annotated[str, typer.Option("--format", help="text, json or markdown (docs/rules.md)")] = "text",
) -> None:
    """Every rule the engine checks, with its citation and the status of its source."""
    if fmt not in {"text", "json", "markdown"}:
        raise fail(f"--format: {fmt!r} is not one of text, json, markdown")
    rows = render_text.rule_rows(MODULES)
    if fmt == "json":
        typer.echo(json.dumps(rows, indent=2))
    elif fmt == "markdown":
        typer.echo(render_text.rules_markdown(rows), nl=False)
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
    from levynav import cli_finances, cli_notice, cli_packet, cli_serve, cli_transcript, cli_wage

    for module in (cli_finances, cli_wage, cli_transcript, cli_notice, cli_packet, cli_serve):
        module.register(app)


_register_feature_commands()
