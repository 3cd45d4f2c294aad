"""Low-income test: 250% of the HHS poverty guideline by household size and area (IA fee relief and OIC).

The table is the one printed in Form 656 (Rev. 4-2025) Section 1 (annual amounts, 250% of the 2024 HHS guidelines;
data/alternatives/low_income_250pct.csv). An individual qualifies when adjusted gross income from the latest return,
or household gross monthly income x 12, is at or below the amount for the household size (26 U.S.C. §§ 6159(f)(2),
7122(c)(3); OIC-5, IA-9). Alaska and Hawaii have their own rows; the rest of the country (and DC and the U.S.
territories) share one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from levynav.core import lawdata, params
from levynav.core.model.message import Message, message

MONTHS = 12
LARGEST_PRINTED_SIZE = 8


@dataclass(frozen=True)
class Row:
    table: str
    applies_from: date
    guideline_year: int
    area: str
    size: str
    limit: Decimal
    source: str
    status: str


@dataclass
class LowIncome:
    qualifies: bool | None  # None = unknown; see ``missing``
    limit: Decimal | None
    tested_income: Decimal | None
    basis: Message | None  # the income tested (``finances.low_income.basis.*``)
    table: str | None
    source: str | None
    status: str | None
    missing: list[str] = field(default_factory=list)
    reason: Message | None = None


def _rows() -> tuple[Row, ...]:
    return lawdata.derived("low_income_test.rows", _build_rows)


def _build_rows(law: lawdata.Law) -> tuple[Row, ...]:
    return tuple(
        Row(
            table=r["table"],
            applies_from=date.fromisoformat(r["applies_from"]),
            guideline_year=int(r["hhs_guideline_year"]),
            area=r["area"],
            size=r["household_size"],
            limit=Decimal(r["annual_income_limit"]),
            source=r["source"],
            status=r["status"],
        )
        for r in law.tables["alternatives/low_income_250pct.csv"]
    )


def _index(_law: lawdata.Law) -> tuple[list[tuple[date, str]], dict[tuple[str, str], dict[str, Row]]]:
    """The tables by the date they apply from, and each table's rows by area and household size (once per bundle)."""
    rows = _rows()
    by_area: dict[tuple[str, str], dict[str, Row]] = {}
    for r in rows:
        by_area.setdefault((r.table, r.area), {})[r.size] = r
    return sorted({(r.applies_from, r.table) for r in rows}), by_area


_AREAS = {"AK": "alaska", "HI": "hawaii"}


def area_for(state: str) -> str:
    return _AREAS.get(state.upper(), "48_states_and_dc")


def income_limit(household_size: int, state: str, on: date) -> tuple[Decimal, Row] | None:
    """The annual 250% amount in force on ``on`` (None when no table is in force yet)."""
    if household_size < 1:
        raise ValueError(f"household size must be 1 or more, not {household_size}")
    # the same for every household of a size in an area on a date: worked out once per Law bundle and key
    known: dict[tuple[int, str, date], tuple[Decimal, Row] | None] = lawdata.kept("low_income_test.limit")
    key = (household_size, area_for(state), on)
    if key in known:
        return known[key]
    found = known[key] = _income_limit(household_size, key[1], on)
    return found


def _income_limit(household_size: int, area: str, on: date) -> tuple[Decimal, Row] | None:
    tables, by_area = lawdata.derived("low_income_test.index", _index)
    in_force = [t for t in tables if t[0] <= on]
    if not in_force:
        return None
    _, table = in_force[-1]
    rows = by_area.get((table, area), {})
    if household_size <= LARGEST_PRINTED_SIZE:
        row = rows[str(household_size)]
        return row.limit, row
    top, extra = rows[str(LARGEST_PRINTED_SIZE)], rows["each_additional"]
    return top.limit + (household_size - LARGEST_PRINTED_SIZE) * extra.limit, top


def low_income_test(
    household_size: int | None,
    state: str | None,
    agi: Decimal | None,
    gross_monthly_income: Decimal | None,
    on: date,
) -> LowIncome:
    missing = [p for p, v in (("finances.household_size", household_size), ("taxpayer.state", state)) if v is None]
    if agi is None and gross_monthly_income is None:
        missing.append("finances.adjusted_gross_income")
    if missing:
        return LowIncome(None, None, None, None, None, None, None, missing, message("finances.low_income.facts_needed"))
    assert household_size is not None and state is not None
    found = income_limit(household_size, state, on)
    if found is None:
        return LowIncome(
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            ["low_income_250pct table in force"],
            message("finances.low_income.no_table", on=on, first=min(r.applies_from for r in _rows())),
        )
    limit, row = found
    candidates = []
    if agi is not None:
        candidates.append((agi, "agi"))
    if gross_monthly_income is not None:
        candidates.append((gross_monthly_income * MONTHS, "gross_monthly_x12"))
    income, which = min(candidates)
    basis = message(f"finances.low_income.basis.{which}", months=MONTHS)
    qualifies = income <= limit
    reason = message(
        f"finances.low_income.{'at_or_below' if qualifies else 'above'}",
        basis=basis,
        income=income,
        limit=limit,
        pct=params.use("alt.low_income.pct_of_poverty", on).value,
        year=str(row.guideline_year),
        size=household_size,
        area=message(f"finances.low_income.area.{row.area}"),
    )
    return LowIncome(qualifies, limit, income, basis, row.table, row.source, row.status, [], reason)
