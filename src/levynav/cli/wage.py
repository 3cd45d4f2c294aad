"""`levynav wage-exempt`: the Publication 1494 exempt amount per pay period, with its formula and sources."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Annotated, Any

import typer

from levynav.cli.arguments import check_format, fail
from levynav.core.calc import wage_exemption as we
from levynav.core.model import limits
from levynav.explain import wage_exemption as words
from levynav.intake.written_amounts import AmountTextError, written_amount


def _as_json(result: we.WageExemption) -> dict[str, Any]:
    def inp(v: we.InputValue | None) -> dict[str, Any] | None:
        if v is None:
            return None
        return {"value": str(v.value) if v.value is not None else None, "source": v.source, "status": v.status.value}

    return {
        "year": result.year,
        "filing_status": result.filing_status.value,
        "dependents": result.dependents,
        "additional_conditions": result.additional_conditions,
        "pay_period": result.pay_period.value,
        "periods_per_year": result.periods_per_year,
        "basis": result.basis,
        "edition": result.edition,
        "statement_default_applied": result.statement_default_applied,
        "inputs": {
            "standard_deduction": inp(result.standard_deduction),
            "dependent_amount": inp(result.dependent_amount),
            "additional_per_condition": inp(result.additional_per_condition),
        },
        "base_per_period": str(result.base_per_period),
        "per_dependent_per_period": str(result.per_dependent_per_period),
        "additional_per_period": str(result.additional_per_period),
        "exempt_amount": str(result.exempt_amount),
        "formula": result.formula,
        "unverified": [v.name.value for v in result.unverified_inputs],
        "notes": [n.model_dump(mode="json") for n in result.notes],
        "citations": list(result.citations),
    }


def levy_takes(pay: Decimal, exempt: Decimal) -> Decimal:
    """What a wage levy takes from one paycheck: take-home pay minus the exempt amount, never below zero."""
    return max(Decimal("0.00"), pay - exempt)


def _money(text: str | None) -> Decimal | None:
    """``--take-home-pay`` as written (intake/written_amounts.py): "12.345" and "1,50" are refused, never rounded
    to 12.34 or read as 150."""
    if text is None:
        return None
    try:
        return written_amount(text)
    except AmountTextError as err:
        if err.reason == "cents":
            raise fail("--take-home-pay: has more than 2 decimal places (write dollars and cents)") from None
        if err.reason == "negative":
            raise fail("--take-home-pay: must not be negative") from None
        if err.reason == "too_large":
            raise fail(f"--take-home-pay: must be at most {limits.limit_text('MAX_AMOUNT')}") from None
        raise fail("--take-home-pay: is not an amount such as 900 or 1,250.50") from None


def _check_counts(year: int, dependents: int | None, over_65_or_blind: int) -> None:
    """Counts that would otherwise multiply a table value into nonsense: refused with their limit
    (a negative count is refused by the calculation, with its own message)."""
    if not limits.EARLIEST_DATE.year <= year <= limits.LATEST_DATE.year:
        raise fail(f"--year: must be between {limits.EARLIEST_DATE.year} and {limits.LATEST_DATE.year}")
    if dependents is not None and dependents > limits.MAX_DEPENDENTS:
        raise fail(f"--dependents: must be at most {limits.limit_text('MAX_DEPENDENTS')}")
    if over_65_or_blind > MAX_ADDITIONAL_DEDUCTIONS:
        raise fail(f"--over-65-or-blind: must be at most {MAX_ADDITIONAL_DEDUCTIONS}")


MAX_ADDITIONAL_DEDUCTIONS = 4
"""65 or older and blind, for the taxpayer and a spouse: at most four additional standard deductions."""


def _print_text(result: we.WageExemption, pay: Decimal | None = None) -> None:
    who = (
        "no statement returned: married filing separately, 0 dependents"
        if result.statement_default_applied
        else f"{result.filing_status.value.replace('_', ' ')}, {result.dependents} dependent(s)"
    )
    typer.echo(
        f"Amount exempt from an IRS wage levy, {result.year}, paid {result.pay_period.value}: ${result.exempt_amount:,}"
    )
    typer.echo(f"  for: {who}; additional standard deductions (65+/blind): {result.additional_conditions}")
    typer.echo(f"  table: {result.edition} (basis: {result.basis})")
    typer.echo(f"  formula: {words.formula(result, 'en')}")
    typer.echo("  inputs:")
    for v in result.inputs:
        name, status = words.input_name(v, "en"), words.input_status(v, "en")
        typer.echo(f"    - {name}: ${v.value:,} [{status}] source: {v.source}")
    typer.echo(f"    - pay periods per year: {result.periods_per_year}")
    if pay is not None:
        typer.echo(
            f"  what the levy takes: take-home pay ${pay:,} - exempt ${result.exempt_amount:,} = "
            f"${levy_takes(pay, result.exempt_amount):,} from each {result.pay_period.value} paycheck"
        )
    for note in words.notes(result, "en"):
        typer.echo(f"  note: {note}")
    typer.echo(
        "  law: 26 U.S.C. § 6334(a)(9), (d); Publication 1494. "
        "Your employer pays you this amount; the rest goes to the IRS."
    )
    typer.echo("  This is not legal advice.")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""

    @app.command("wage-exempt")
    def wage_exempt_command(
        year: Annotated[int, typer.Option("--year", help="year of the levy (2018 or later)")],
        pay_period: Annotated[
            str, typer.Option("--pay-period", help="daily, weekly, biweekly, semimonthly or monthly")
        ],
        filing_status: Annotated[
            str | None,
            typer.Option(
                "--filing-status",
                help="single, married_filing_jointly, married_filing_separately, head_of_household, "
                "qualifying_surviving_spouse; omit with --dependents when no statement was returned",
                show_default=False,
            ),
        ] = None,
        dependents: Annotated[
            int | None, typer.Option("--dependents", help="dependents claimed on the statement", show_default=False)
        ] = None,
        over_65_or_blind: Annotated[
            int, typer.Option("--over-65-or-blind", help="number of additional standard deductions for 65+/blind")
        ] = 0,
        basis: Annotated[
            str | None, typer.Option("--basis", help="which yearly amounts to use where a year has two (2025)")
        ] = None,
        take_home_pay: Annotated[
            str | None,
            typer.Option(
                "--take-home-pay",
                help="take-home pay for one pay period (after taxes and deductions): show what the levy takes",
                show_default=False,
            ),
        ] = None,
        fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    ) -> None:
        """The part of each paycheck an IRS wage levy cannot take (Publication 1494), with its formula and sources."""
        check_format(fmt)
        _check_counts(year, dependents, over_65_or_blind)
        status = filing_status.replace("-", "_") if filing_status is not None else None  # "" is no status: refused
        try:
            result = we.exempt_amount(year, pay_period, status, dependents, over_65_or_blind, basis)
        except we.MissingInput as err:
            raise fail(f"{err} (missing: {', '.join(err.missing)})") from None
        except we.WageExemptionError as err:
            raise fail(str(err)) from None
        pay = _money(take_home_pay)
        if fmt == "json":
            data = _as_json(result)
            if pay is not None:
                data["take_home_pay"] = str(pay)
                data["levy_takes"] = str(levy_takes(pay, result.exempt_amount))
            typer.echo(json.dumps(data, indent=2))
        else:
            _print_text(result, pay)
