"""Benchmark: Publication 1494 exempt amount and the collection-alternatives table (p50, p95 per call).

Run: .venv/bin/python bench/bench_wage_exemption.py. Writes bench/results/wage_exemption.json.
"""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import summary_ms, timings, write

from levynav.core.calc import wage_exemption as we
from levynav.core.calc.alternatives import AlternativesFacts, collection_alternatives
from levynav.core.calc.offer_equity import Asset, EquityInputs, Vehicle
from levynav.core.model.case import FilingStatus, TaxpayerKind

REPEAT = 200
YEARS = [2018, 2020, 2021, 2022, 2023, 2024, 2025]


def all_table_cells() -> int:
    """Every filing status x pay period x 0-5 dependents for the years with a dependent amount."""
    cells = 0
    for year in YEARS:
        for status in FilingStatus:
            for period in we.PayPeriod:
                for dependents in range(6):
                    we.exempt_amount(year, period, status, dependents)
                    cells += 1
    return cells


FACTS = AlternativesFacts(
    taxpayer_kind=TaxpayerKind.INDIVIDUAL,
    balance=Decimal("18000"),
    as_of=date(2026, 3, 2),
    assessed_tax=Decimal("9000"),
    monthly_disposable_income=Decimal("300"),
    csed=date(2032, 4, 15),
    household_size=3,
    state="OH",
    adjusted_gross_income=Decimal("52000"),
    all_returns_filed=True,
    estimated_payments_current=True,
    in_open_bankruptcy=False,
    prior_five_years_compliant=True,
    unable_to_pay_in_full=True,
    income_tax_only=True,
    equity=EquityInputs(
        cash_and_bank=Decimal("2500"),
        vehicles=(Vehicle(Decimal("12000"), Decimal("4000")),),
        valuables_and_furniture=(Asset(Decimal("15000")),),
    ),
)


def main() -> None:
    cells = all_table_cells()  # warm the data caches
    one = summary_ms(timings(lambda: we.exempt_amount(2024, "biweekly", "married_filing_jointly", 2, 2), REPEAT * 5))
    table = summary_ms(timings(all_table_cells, 20))
    collection_alternatives(FACTS)
    alternatives = summary_ms(timings(lambda: collection_alternatives(FACTS), REPEAT))
    path = write(
        "wage_exemption",
        {
            "exempt_amount_one_call": one,
            "exempt_amount_full_tables": {**table, "cells_per_run": cells},
            "collection_alternatives_one_case": alternatives,
        },
    )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
