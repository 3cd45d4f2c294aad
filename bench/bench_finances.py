"""Benchmark: standards lookup and the full finances computation (hardship included).

Run: .venv/bin/python bench/bench_finances.py  — writes bench/results/finances.json.
The first load of the editions (CSV parsing and checksum checks) is timed separately from the cached
lookups that every later computation uses.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import summary_ms, timings, write

from levynav import lawbook
from levynav.core.calc import standards
from levynav.core.calc.hardship import economic_hardship, financial_picture, section
from levynav.intake.load import case_from_data

AS_OF = date(2025, 10, 1)
LOOKUPS = 2000


def main() -> None:
    lawbook.clear_cache()
    start = time.perf_counter()
    editions = standards.editions()
    first_load_ms = (time.perf_counter() - start) * 1e3
    edition = standards.edition_for(AS_OF).edition
    assert edition is not None
    counties = edition.counties()
    rng = random.Random(7)
    sample = [rng.choice(counties) for _ in range(LOOKUPS)]

    def lookups() -> None:
        for county in sample:
            edition.housing(county, rng.randint(1, 6))
            edition.operating(county)

    case = case_from_data(
        {
            "taxpayer": {"kind": "individual", "county_fips": "06075", "birth_date": "1980-01-01"},
            "household": [{"relationship": "child", "birth_date": "2015-01-01"}],
            "levies": [{"kind": "wages", "served_date": "2025-09-01", "monthly_amount": 1500}],
            "finances": {
                "income": [{"kind": "wages", "frequency": "biweekly", "gross": 3000, "net": 2300}],
                "housing": 3000,
                "utilities": 300,
                "vehicles": [{"monthly_payment": 400, "operating_cost": 250}],
                "public_transportation": 0,
                "out_of_pocket_health": 80,
                "current_taxes": 1400,
                "health_insurance": 200,
                "court_ordered_payments": 0,
                "child_dependent_care": 500,
                "term_life_insurance": 30,
                "involuntary_deductions": 0,
                "secured_debts": 0,
            },
        }
    )

    def full() -> None:
        picture = financial_picture(case, AS_OF)
        assert picture is not None
        section(picture, economic_hardship(case, picture, AS_OF))

    lookup = summary_ms(timings(lookups, 20))
    figures = {
        "editions": [e.effective_date.isoformat() for e in editions],
        "counties_in_edition": len(counties),
        "first_load_ms": round(first_load_ms, 1),
        "lookup_batch": {"lookups": LOOKUPS * 2, **lookup},
        "lookup_mean_us_each": round(lookup["mean_ms"] * 1000 / (LOOKUPS * 2), 3),
        "full_computation": summary_ms(timings(full, 300)),
    }
    print(write("finances", figures))


if __name__ == "__main__":
    main()
