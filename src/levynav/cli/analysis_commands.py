"""`levynav analyze`, `render`, `rules` and `explain`: parse input, call the core, render. No legal logic here.

These four need none of the feature modules (finances, transcript, notice, packet, screen, serve); ``cli.app``
runs them from ``app`` below, which holds only them (see ``cli.app.main``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from levynav import lawbook
from levynav.cli import analyze_direct
from levynav.cli.arguments import EXIT_CODES_HELP, fail, parse_lang
from levynav.cli.options import AsOf, Format, Lang
from levynav.core.law import registry
from levynav.core.law.catalog import MODULES
from levynav.core.model.analysis import Analysis

# The command line's Law bundle: the packaged law data and the user's imported standards, read on first use (a
# command that analyzes nothing reads none of it).
lawbook.install()

app = typer.Typer(
    help="Levy Navigator: which IRS levy-release grounds and appeal routes apply, by when, and why.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command("analyze")
def analyze_command(
    case_file: Annotated[Path, typer.Argument(help="case file, YAML or JSON")],
    as_of: AsOf = None,
    fmt: Format = "text",
    lang: Lang = None,
) -> None:
    """Analyse a case: release grounds, returns, appeal routes, deadlines and the plan."""
    analyze_direct.answer(case_file, as_of, fmt, lang)


@app.command("render")
def render_command(
    record_file: Annotated[Path, typer.Argument(help="an analysis saved with `levynav analyze --format json`")],
    lang: Lang = None,
    fmt: Annotated[str, typer.Option("--format", help="text or html")] = "text",
) -> None:
    """Render a saved analysis in a language, without running the rules again."""
    if fmt not in {"text", "html"}:
        raise fail(f"--format: {fmt!r} is not one of text, html")
    language = parse_lang(lang)
    record = load_record_or_exit(record_file)
    from levynav.explain.saved_record import UnsayableRecord, page

    try:  # the whole page is made before anything is printed: a record that cannot be said prints nothing
        words = page(record, language, fmt)
    except UnsayableRecord as err:
        raise fail(f"{record_file.name}: {err}") from None
    typer.echo(words, nl=False)


def load_record_or_exit(path: Path) -> Analysis:
    """A saved record, validated into the Analysis model; any problem is one line and exit 2."""
    from pydantic import ValidationError

    from levynav.core.model.analysis import CONTRACT
    from levynav.intake.bounded_parse import BoundsError, parse_json
    from levynav.intake.field_names import field_path
    from levynav.intake.input_files import InputFileError, read_input_file

    try:  # a regular file within its limit, then JSON within the nesting and number limits
        raw = read_input_file(path, "MAX_RECORD_FILE_BYTES", label=path.name).decode("utf-8")
        data = parse_json(raw)
    except InputFileError as err:
        raise fail(str(err)) from None
    except UnicodeDecodeError:
        raise fail(f"{path.name}: (file): not UTF-8 text (an analysis record is JSON)") from None
    except BoundsError as err:
        raise fail(f"{path.name}: {err.problem}") from None
    if not isinstance(data, dict):
        raise fail(f"{path.name}: expected a JSON object (an analysis record)")
    if data.get("contract") != CONTRACT:
        got = data.get("contract")
        raise fail(f"{path.name}: contract: expected {CONTRACT!r}, got {got!r} (see docs/json-contract.md)")
    try:
        return Analysis.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        raise fail(f"{path.name}: {field_path(tuple(first['loc'])) or '(top)'}: {first['msg']}") from None


@app.command("rules")
def rules_command(
    fmt: Annotated[str, typer.Option("--format", help="text, json or markdown (docs/rules.md)")] = "text",
) -> None:
    """Every rule the engine checks, with its citation and the status of its source."""
    if fmt not in {"text", "json", "markdown"}:
        raise fail(f"--format: {fmt!r} is not one of text, json, markdown")
    from levynav.explain import terminal as render_text

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
        if len(rule_id) > 40 or not rule_id.isprintable():  # never echo a long or control-laden argument
            raise fail(f"RULE_ID: not a known rule id (examples: {known}; see `levynav rules`)") from None
        raise fail(f"{rule_id!r} is not a known rule id (examples: {known}; see `levynav rules`)") from None
    from levynav.explain import terminal as render_text

    render_text.print_citation(entry)
