"""The packaged DC holiday table (data/calendar/dc_holidays.json) is the ``holidays`` package's calendar, year by
year: the table only saves the import and the computation, it never decides a holiday by itself."""

from __future__ import annotations

from datetime import date

import pytest

from levynav.core.calc import dates, holiday_table


def test_table_equals_the_package_for_every_year_it_holds() -> None:
    table = holiday_table.table()
    assert sorted(table) == list(range(holiday_table.FIRST_YEAR, holiday_table.LAST_YEAR + 1))
    for year, days in table.items():
        assert days == holiday_table.from_package(year), year


def test_a_year_outside_the_table_comes_from_the_package() -> None:
    year = holiday_table.LAST_YEAR + 5
    assert year not in holiday_table.table()
    expected = holiday_table.from_package(year)
    christmas = date(year, 12, 25)
    assert dates.holiday_name(christmas) == expected.get(christmas)
    assert dates.holiday_name(christmas) is not None


def test_every_holiday_in_the_table_has_an_id_and_a_label_in_every_language() -> None:
    """The record names a holiday by id (a Spanish count says «Día de la Independencia», never the package's
    English name): every name the table holds maps to known ids, each with a label in English and Spanish."""
    from levynav.explain import LANGS, catalog

    names = {name for days in holiday_table.table().values() for name in days.values()}
    ids = {h for name in names for h in holiday_table.holiday_ids(name)}
    assert holiday_table.UNKNOWN_HOLIDAY not in ids, sorted(n for n in names if "legal_holiday" in str(n))
    assert holiday_table.holiday_ids("Inauguration Day (observed); Martin Luther King Jr. Day") == [
        "inauguration_day_observed",
        "martin_luther_king_jr_day",
    ]
    for lang in LANGS:
        labels = catalog.messages(lang)["label"]["holiday"]
        assert ids | {holiday_table.UNKNOWN_HOLIDAY} <= set(labels), (lang, sorted(ids - set(labels)))


def test_a_spanish_count_names_the_holiday_in_spanish() -> None:
    from levynav.explain.render import text

    last = dates.last_day_after(date(2025, 6, 4), 30)  # 2025-07-04, Independence Day
    why = last.roll()
    assert why is not None and why.key == "count.why.holiday"
    assert text(why, "en") == "July 4, 2025 is Independence Day"
    spanish = text(why, "es")
    assert "Día de la Independencia" in spanish and "Independence" not in spanish


# Round 5 (law25): the days § 7503 names, pinned against the statute rather than the package alone (the table equals
# the package; these hold the package to the law): 5 U.S.C. § 6103(a)-(c), DC Code § 28-2701, Pub. L. 117-17.
@pytest.mark.parametrize(
    ("day", "holiday"),
    [
        (date(2021, 6, 18), "juneteenth_observed"),  # first observance: June 19, 2021 was a Saturday
        (date(2033, 1, 20), "inauguration_day"),
        (date(2013, 1, 21), "inauguration_day_observed"),  # 2013-01-20 was a Sunday (5 U.S.C. § 6103(c))
        (date(2022, 4, 15), "emancipation_day_observed"),  # April 16 on a Saturday: the Friday before
        (date(2023, 4, 17), "emancipation_day_observed"),  # April 16 on a Sunday: the Monday after
        (date(2026, 10, 12), "indigenous_peoples_day"),  # DC's name for the day 5 U.S.C. § 6103(a) calls Columbus Day
    ],
)
def test_the_legal_holidays_7503_names(day: date, holiday: str) -> None:
    name = dates.holiday_name(day)
    assert name is not None and holiday in holiday_table.holiday_ids(name)
    assert not dates.is_business_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2020, 6, 19),  # Juneteenth before Pub. L. 117-17
        date(2027, 4, 19),  # Patriots' Day (MA, ME): a State holiday, applied only at an office in that State
        date(2027, 3, 31),  # César Chávez Day (CA and others): likewise
    ],
)
def test_a_state_holiday_or_a_day_before_the_law_is_not_a_dc_legal_holiday(day: date) -> None:
    """The product does not know the IRS office where an act is performed, so it never adds a State's holiday: the
    last day stays the DC one, which is the earlier — the reading that protects the person."""
    assert dates.holiday_name(day) is None
    assert dates.roll_forward(day) == day
