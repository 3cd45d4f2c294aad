"""Publication 1494: the part of each paycheck a wage levy may not take (26 U.S.C. § 6334(a)(9), (d)).

For every year in which the § 151(d) personal exemption is zero (2018 onward), § 6334(d)(4) makes the yearly exempt
amount the standard deduction for the taxpayer's filing status (with the additional amounts for age 65 or blindness,
26 C.F.R. 301.6334-3(b)(1)(i)) plus a dependent amount for each dependent. The IRS publishes the result per pay period
in Publication 1494. How the printed tables are computed (proved against every 2024 value and the 2020-2023 tables
in tests/test_wage_exemption.py):

    base            = round(standard deduction / N)
    per dependent   = round(dependent amount / N)
    additional      = round(K x additional amount / N)          (K = number of 65+/blind conditions)
    exempt amount   = base + dependents x per dependent + additional

N is 260 (daily), 52 (weekly), 26 (biweekly), 24 (semimonthly) or 12 (monthly); rounding is to the cent, half up.
The dependent increments are rounded before they are multiplied (2024 single weekly, 2 dependents: 280.77 + 2 x 96.15
= 473.07, not 24,600 / 52 = 473.08), while the age/blindness addition is rounded after (2024 joint biweekly, two
conditions: 3,100 / 26 = 119.23, not 2 x 59.62).

Without a verified statement from the taxpayer the employer must treat the taxpayer as married filing separately with
no dependents (§ 6334(d)(4)(D)). Yearly amounts come from data/wage_exemption/pub1494_inputs.csv, each with its source
and status; a value that was not found stays missing and the calculation names it instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from levynav.core import lawdata, params
from levynav.core.model.case import FilingStatus
from levynav.core.model.message import Message, message

CITES = ("R6334-D1", "R6334-G1")
CENT = Decimal("0.01")
DEFAULT_FILING_STATUS = FilingStatus.MARRIED_FILING_SEPARATELY


class Pub1494Input(StrEnum):
    """The yearly amounts the exempt amount is computed from (labels ``label.Pub1494Input``)."""

    STANDARD_DEDUCTION = "standard_deduction"
    DEPENDENT_AMOUNT = "dependent_amount"
    ADDITIONAL_PER_CONDITION = "additional_per_condition"  # the additional standard deduction for 65+ or blindness


class InputStatus(StrEnum):
    """How a yearly amount is sourced (labels ``label.InputStatus``): verified against the IRS's own table or a
    primary source, from secondary sources only, unverified, or missing (no source found)."""

    VERIFIED = "V"
    SECONDARY = "S"
    UNVERIFIED = "U"
    MISSING = "missing"


class PayPeriod(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    SEMIMONTHLY = "semimonthly"
    MONTHLY = "monthly"


class WageExemptionError(ValueError):
    """An input the calculation cannot accept (bad year, count or filing status)."""


class YearNotCovered(WageExemptionError):
    """A levy year outside the data (typed, so a rule can say it in any language)."""

    def __init__(self, year: int, first: int, last: int) -> None:
        super().__init__(f"year {year} is not covered: Publication 1494 data exists for {first}-{last}")
        self.year, self.first, self.last = year, first, last


class MissingInput(LookupError):
    """A yearly amount the calculation needs has no source; ``missing`` names it (a data path), ``inputs`` and
    ``year`` say which amounts (typed)."""

    def __init__(
        self, message: str, missing: list[str], year: int | None = None, inputs: tuple[Pub1494Input, ...] = ()
    ) -> None:
        super().__init__(message)
        self.missing = missing
        self.year = year
        self.inputs = inputs


@dataclass(frozen=True)
class InputValue:
    """One yearly amount as used: its value (None = missing), source and status (V / S / U / missing)."""

    name: Pub1494Input
    value: Decimal | None
    source: str
    status: InputStatus

    @property
    def unverified(self) -> bool:
        return self.status in {InputStatus.UNVERIFIED, InputStatus.MISSING}


@dataclass(frozen=True)
class YearInputs:
    year: int
    filing_status: FilingStatus
    basis: str
    standard_deduction: InputValue
    additional_per_condition: InputValue
    dependent_amount: InputValue
    note: str  # the table row's working note (source data, not shown to a person)


@dataclass(frozen=True)
class WageExemption:
    """The exempt amount for one pay period, with every input and the arithmetic that produced it."""

    year: int
    filing_status: FilingStatus
    dependents: int
    additional_conditions: int
    pay_period: PayPeriod
    periods_per_year: int
    basis: str
    edition: str
    statement_default_applied: bool
    standard_deduction: InputValue
    dependent_amount: InputValue | None
    additional_per_condition: InputValue | None
    base_per_period: Decimal
    per_dependent_per_period: Decimal
    additional_per_period: Decimal
    exempt_amount: Decimal
    formula: str  # the arithmetic only, no words: "280.77 + 3 x 96.15 + 37.50 = 606.72"
    notes: list[Message] = field(default_factory=list)  # message references (``wage.*``), rendered by explain/
    citations: tuple[str, ...] = CITES

    @property
    def inputs(self) -> list[InputValue]:
        return [v for v in (self.standard_deduction, self.dependent_amount, self.additional_per_condition) if v]

    @property
    def unverified_inputs(self) -> list[InputValue]:
        return [v for v in self.inputs if v.status is not InputStatus.VERIFIED]


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _rows() -> dict[tuple[int, str, str], YearInputs]:
    return lawdata.derived("wage_exemption.rows", _build_rows)


def _build_rows(law: lawdata.Law) -> dict[tuple[int, str, str], YearInputs]:
    out: dict[tuple[int, str, str], YearInputs] = {}
    for row in law.tables["wage_exemption/pub1494_inputs.csv"]:
        statuses = dict(part.strip().split("=", 1) for part in row["status"].split(";"))
        sources = dict(part.strip().split("=", 1) for part in row["source"].split(" | "))

        def value(
            column: str,
            key: str,
            name: Pub1494Input,
            row: dict[str, str] = row,
            statuses: dict[str, str] = statuses,
            sources: dict[str, str] = sources,
        ) -> InputValue:
            raw = row[column].strip()
            return InputValue(
                name=name,
                value=Decimal(raw) if raw else None,
                source=sources[key],
                status=InputStatus(statuses[key]) if raw else InputStatus.MISSING,
            )

        year, status = int(row["year"]), FilingStatus(row["filing_status"])
        out[(year, status.value, row["basis"])] = YearInputs(
            year=year,
            filing_status=status,
            basis=row["basis"],
            standard_deduction=value("standard_deduction", "standard_deduction", Pub1494Input.STANDARD_DEDUCTION),
            additional_per_condition=value(
                "additional_aged_or_blind_per_condition", "additional", Pub1494Input.ADDITIONAL_PER_CONDITION
            ),
            dependent_amount=value("dependent_amount", "dependent_amount", Pub1494Input.DEPENDENT_AMOUNT),
            note=row["note"],
        )
    return out


def _years() -> dict[int, dict[str, str | None]]:
    return lawdata.derived("wage_exemption.years", _build_years)


def _build_years(law: lawdata.Law) -> dict[int, dict[str, str | None]]:
    raw = law.tables["wage_exemption/years.yaml"]
    return {int(year): entry for year, entry in raw.items()}


def years() -> list[int]:
    """The levy years the data covers."""
    return sorted(_years())


def bases(year: int) -> list[str]:
    return sorted({basis for (y, _, basis) in _rows() if y == year})


def year_inputs(year: int, filing_status: FilingStatus, basis: str | None = None) -> YearInputs:
    """The yearly amounts (with source and status) for a levy year and filing status."""
    if year not in _years():
        raise YearNotCovered(year, years()[0], years()[-1])
    chosen = basis or str(_years()[year]["basis"])
    try:
        return _rows()[(year, filing_status.value, chosen)]
    except KeyError:
        raise WageExemptionError(f"basis {chosen!r} does not exist for {year}; choose one of {bases(year)}") from None


def periods_per_year(period: PayPeriod, year: int) -> int:
    return params.number(f"wage.pay_periods_per_year.{period.value}", date(year, 1, 1))


def exempt_amount(
    year: int,
    pay_period: PayPeriod | str,
    filing_status: FilingStatus | str | None = None,
    dependents: int | None = None,
    additional_conditions: int = 0,
    basis: str | None = None,
) -> WageExemption:
    """The amount of each paycheck that is exempt from a wage levy in ``year``.

    ``filing_status`` and ``dependents`` come from the taxpayer's signed statement (Form 668-W, part 3). Leave both
    None when no statement was returned: the employer then uses married filing separately with no dependents
    (§ 6334(d)(4)(D)). ``additional_conditions`` counts the additional standard deductions for age 65 or older and
    blindness (0-2; up to 4 on a joint return). Raises WageExemptionError for bad input and MissingInput when a
    yearly amount it needs has no source.
    """
    try:
        period = PayPeriod(pay_period)
    except ValueError:
        raise WageExemptionError(
            f"pay period {pay_period!r} is not one of {', '.join(p.value for p in PayPeriod)}"
        ) from None
    default_applied = filing_status is None and dependents is None
    if default_applied:
        status, count = DEFAULT_FILING_STATUS, 0
    elif filing_status is None or dependents is None:
        raise WageExemptionError("give both the filing status and the number of dependents, or neither (no statement)")
    else:
        try:
            status = FilingStatus(filing_status)
        except ValueError:
            raise WageExemptionError(
                f"filing status {filing_status!r} is not one of {', '.join(s.value for s in FilingStatus)}"
            ) from None
        count = dependents
    if isinstance(count, bool) or count < 0:
        raise WageExemptionError(f"number of dependents must be 0 or more, not {count!r}")
    # Two conditions (65+, blind) per person; a married person also counts the spouse's (26 U.S.C. § 63(f)(1)).
    max_conditions = 4 if status in {FilingStatus.MARRIED_FILING_JOINTLY, FilingStatus.MARRIED_FILING_SEPARATELY} else 2
    if isinstance(additional_conditions, bool) or not 0 <= additional_conditions <= max_conditions:
        raise WageExemptionError(
            f"additional standard deductions for age 65+/blindness must be 0-{max_conditions} "
            f"for {status.value}, not {additional_conditions!r}"
        )
    inputs = year_inputs(year, status, basis)
    year_info = _years()[year]
    n = periods_per_year(period, year)
    missing = [
        (v.name, key)
        for v, key, needed in (
            (inputs.standard_deduction, "standard_deduction", True),
            (inputs.dependent_amount, "dependent_amount", count > 0),
            (inputs.additional_per_condition, "additional_aged_or_blind_per_condition", additional_conditions > 0),
        )
        if needed and v.value is None
    ]
    if missing:
        names = " and ".join(name.replace("_", " ") for name, _ in missing)
        raise MissingInput(
            f"the {year} {names} for {status.value} (basis {inputs.basis}) "
            "is missing: no source was found, so the exempt amount cannot be computed (nothing is estimated)",
            [f"pub1494_inputs[{year}, {status.value}, {inputs.basis}].{key}" for _, key in missing],
            year,
            tuple(name for name, _ in missing),
        )
    assert inputs.standard_deduction.value is not None
    base = cents(inputs.standard_deduction.value / n)
    per_dep = cents(inputs.dependent_amount.value / n) if count and inputs.dependent_amount.value else Decimal("0.00")
    add_total = (
        cents(additional_conditions * inputs.additional_per_condition.value / n)
        if additional_conditions and inputs.additional_per_condition.value
        else Decimal("0.00")
    )
    total = base + count * per_dep + add_total
    formula = (
        f"{base}"
        + (f" + {count} x {per_dep}" if count else "")
        + (f" + {add_total}" if additional_conditions else "")
        + f" = {total}"
    )
    notes = [message("wage.no_statement")] if default_applied else []
    notes += [message(f"wage.year_note.{year_info['note']}")] if year_info.get("note") else []
    used = [inputs.standard_deduction]
    used += [inputs.dependent_amount] if count else []
    used += [inputs.additional_per_condition] if additional_conditions else []
    for v in used:
        if v.status is not InputStatus.VERIFIED:
            notes.append(message("wage.input_status", year=year, input=v.name, value=v.value, status=v.status))
    return WageExemption(
        year=year,
        filing_status=status,
        dependents=count,
        additional_conditions=additional_conditions,
        pay_period=period,
        periods_per_year=n,
        basis=inputs.basis,
        edition=str(year_info["edition"]),
        statement_default_applied=default_applied,
        standard_deduction=inputs.standard_deduction,
        dependent_amount=inputs.dependent_amount if count else None,
        additional_per_condition=inputs.additional_per_condition if additional_conditions else None,
        base_per_period=base,
        per_dependent_per_period=per_dep,
        additional_per_period=add_total,
        exempt_amount=total,
        formula=formula,
        notes=notes,
    )
