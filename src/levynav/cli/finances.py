"""`levynav finances` (a Form 433-F-style summary with each allowance and its source) and
`levynav data import-standards` (load a new Collection Financial Standards edition)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from levynav import lawbook
from levynav.cli.arguments import check_format, fail, fail_output, load_case_or_exit, parse_as_of, say, shown
from levynav.core.calc import hardship as calc_hardship
from levynav.core.calc.expenses import FinancesInputError
from levynav.core.calc.standards import StandardsError
from levynav.core.model.ability_to_pay import AbilityToPay
from levynav.intake.standards_import import install_edition

GRADE = {"V": "verified", "S": "secondary sources", "U": "UNVERIFIED", "missing": "missing"}
ALLOWANCE_WORDS = {
    "standard_in_full": "standard in full",
    "lesser_of_actual_and_standard": "lesser of actual and standard",
    "actual": "actual amount",
}

data_app = typer.Typer(help="Manage the data the engine uses (Collection Financial Standards editions).")


def _money(raw: str | None) -> str:
    if raw is None:
        return "—"
    return f"-${_grouped(raw)}" if raw.startswith("-") else f"${_grouped(raw)}"


def _grouped(raw: str) -> str:
    whole, _, frac = raw.partition(".")
    return f"{int(whole.lstrip('-')):,}.{(frac + '00')[:2]}"


def finances_command(
    case_file: Annotated[Path, typer.Argument(help="case file, YAML or JSON")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="YYYY-MM-DD (default: today)")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Income, allowable living expenses (IRS Collection Financial Standards) and economic hardship."""
    check_format(fmt)
    day = parse_as_of(as_of)
    case = load_case_or_exit(case_file)
    try:
        picture = calc_hardship.financial_picture(case, day)
    except (FinancesInputError, StandardsError) as err:
        raise fail(str(err)) from None
    if picture is None:
        raise fail(f"{case_file} has no finances section (see docs for the fields: income, housing, vehicles, …)")
    decided = calc_hardship.economic_hardship(case, picture, day)
    section = calc_hardship.section(picture, decided)
    if fmt == "json":  # the finances record as in `levynav analyze --format json` (message references, typed)
        typer.echo(json.dumps(AbilityToPay.model_validate(section).model_dump(mode="json"), indent=2))
    else:
        _print(section)


def _say(value: Any) -> str:
    """A message reference of the record in English (this summary is the operator's working view)."""
    from levynav.explain.render import text

    return "" if value is None else text(value, "en")


def _print(s: dict[str, Any]) -> None:
    out = typer.echo
    ed = s["edition"]
    out(f"Collection information summary (Form 433-F style) as of {s['as_of']}")
    out(f"Standards: {_say(ed['title']) or 'none in force'}" + (f" [{ed['origin']}]" if ed["origin"] else ""))
    hh = s["household"]
    county = s["county"]
    where = "not given"
    if county:
        where = f"{county['name']}, {county['state']}" + (f" (FIPS {county['fips']})" if county["fips"] else "")
    out(
        f"Household: {hh['size']} ({_say(hh['basis'])}); "
        f"ages {', '.join('?' if a is None else str(a) for a in hh['ages'])}"
    )
    out(f"County: {where}")
    out("\nMONTHLY INCOME")
    for line in s["income"]["lines"]:
        out(f"  {_say(line['label']):<52} {_money(line['counted']):>12}   {_say(line['conversion'])}")
        for note in line["notes"]:
            out(f"      note: {_say(note)}")
    out(f"  {'Total income':<52} {_money(s['income']['total'] or s['income']['known_at_least']):>12}"
        + ("" if s["income"]["total"] else "  (known so far)"))  # fmt: skip
    out(f"\n{'ALLOWABLE LIVING EXPENSES':<46} {'standard':>11}  {'actual':>11}  {'allowed':>11}   rule")
    for line in s["expenses"]["lines"]:
        out(
            f"  {_say(line['label'])[:44]:<44} {_money(line['standard']):>11}  {_money(line['actual']):>11}"
            f"  {_money(line['allowed']):>11}   {ALLOWANCE_WORDS.get(line['rule'], line['rule'])}"
        )
        for src in line["sources"]:
            # the grade in words; the source's own status code (single_source_repository_…) is the record's
            # (--format json), not a reader's
            out(f"      {src['table']} {src['edition']}, {src['row']} = ${src['amount']} — {GRADE[src['grade']]}")
        for m in line["missing"]:
            out(f"      needed: {m}")
        for m in line["missing_values"]:
            out(f"      missing in the table: {m}")
        for note in line["notes"]:
            out(f"      note: {_say(note)}")
    total = s["expenses"]["total"]
    out(f"  {'Total allowable':<44} {'':>11}  {'':>11}  {_money(total or s['expenses']['known_at_least']):>11}"
        + ("" if total else "   (at least; some lines open)"))  # fmt: skip
    out("")
    if s["disposable_income"] is not None:
        out(f"Monthly disposable income (income − allowable): {_money(s['disposable_income'])}")
    else:
        hi, lo = s["disposable_income_at_most"], s["disposable_income_at_least"]
        out(f"Monthly disposable income: not yet known (at most {_money(hi)}, at least {_money(lo)})")
    if s["hardship"]:
        out(f"\nEconomic hardship: {s['hardship']['outcome'].replace('_', ' ').upper()}")
        out(f"  {_say(s['hardship']['explanation'])}")
    if s["notes"]:
        out("\nNotes")
        for note in s["notes"]:
            out(f"  - {_say(note)}")
    out("\nThis is not legal advice. Check each figure against the IRS tables shown.")


def import_standards_command(
    folder: Annotated[Path, typer.Argument(help="folder with edition.yaml and the CSV tables")],
    replace: Annotated[bool, typer.Option("--replace", help="replace an imported edition of the same date")] = False,
) -> None:
    """Check a new standards edition and install it where `levynav` finds it ($LEVYNAV_DATA_DIR)."""
    try:
        target = install_edition(folder, replace=replace)
    except StandardsError as err:
        problems = str(err).splitlines()
        say(f"{folder} cannot be imported ({len(problems)} problem(s)); nothing was installed:")
        for problem in problems:
            typer.echo(f"  - {shown(problem)}", err=True)
        raise typer.Exit(code=2) from None
    except OSError as err:
        raise fail_output(f"cannot install into {lawbook.user_dir()}: {err.strerror or err}", err) from None
    lawbook.clear_cache()
    typer.echo(shown(f"Installed the standards edition into {target}."))


data_app.command("import-standards")(import_standards_command)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command("finances")(finances_command)
    app.add_typer(data_app, name="data")
