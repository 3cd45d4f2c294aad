"""The DC legal holidays (§ 7503) as a packaged table, so a deadline count does not import the ``holidays``
package (a quarter of a second on a cold start) or rebuild a year's calendar in every worker process.

``data/calendar/dc_holidays.json`` (the Law bundle's table ``calendar/dc_holidays.json``) holds, for every year
from FIRST_YEAR to LAST_YEAR, exactly what ``holidays.country_holidays("US", subdiv="DC", years=year,
observed=True)`` gives (observed days included); ``calc.dates`` reads the table and asks the package only for a
year outside it. The table is generated from the package, never written by hand:
``python -m levynav.lawbook.holiday_table`` rewrites it, and tests/test_holiday_table.py holds it equal to the
package year by year.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from levynav.core import lawdata

RELATIVE = "calendar/dc_holidays.json"
FIRST_YEAR, LAST_YEAR = 1980, 2080

# The ``holidays`` package names each day in English; the record names it by id (labels ``label.holiday`` in
# data/messages/<lang>/page.yaml), with ``_observed`` for a day a holiday is observed on. A name the package may
# add later and this map lacks becomes ``legal_holiday`` (tests/test_holiday_table.py holds the map complete).
HOLIDAY_IDS = {
    "New Year's Day": "new_years_day",
    "Martin Luther King Jr. Day": "martin_luther_king_jr_day",
    "Inauguration Day": "inauguration_day",
    "Washington's Birthday": "washingtons_birthday",
    "Emancipation Day": "emancipation_day",
    "Memorial Day": "memorial_day",
    "Juneteenth National Independence Day": "juneteenth",
    "Independence Day": "independence_day",
    "Labor Day": "labor_day",
    "Columbus Day": "columbus_day",
    "Indigenous Peoples' Day": "indigenous_peoples_day",
    "Veterans Day": "veterans_day",
    "Thanksgiving Day": "thanksgiving_day",
    "Christmas Day": "christmas_day",
}
OBSERVED = " (observed)"
UNKNOWN_HOLIDAY = "legal_holiday"


def holiday_ids(name: str) -> list[str]:
    """The ids of the holidays a day's name from the table holds ("Inauguration Day; Martin Luther King Jr. Day"
    is two; "Independence Day (observed)" is ``independence_day_observed``)."""
    out = []
    for part in name.split("; "):
        base = part.removesuffix(OBSERVED)
        known = HOLIDAY_IDS.get(base)
        out.append(UNKNOWN_HOLIDAY if known is None else known + ("_observed" if base != part else ""))
    return out


def from_package(year: int) -> dict[date, str]:
    """The DC legal holidays of ``year`` as the ``holidays`` package gives them."""
    import holidays

    return dict(holidays.country_holidays("US", subdiv="DC", years=year, observed=True))


def table() -> dict[int, dict[date, str]]:
    """The packaged table: year -> {day: holiday name}."""
    return lawdata.derived("holiday_table", _build_table)


def _build_table(law: lawdata.Law) -> dict[int, dict[date, str]]:
    raw: dict[str, Any] = law.tables[RELATIVE]
    return {int(year): {date.fromisoformat(d): name for d, name in days.items()} for year, days in raw.items()}


def build() -> dict[str, dict[str, str]]:
    """The table's content, computed from the package."""
    return {
        str(year): {d.isoformat(): name for d, name in sorted(from_package(year).items())}
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
    }
