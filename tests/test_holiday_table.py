"""The packaged DC holiday table (data/calendar/dc_holidays.json) is the ``holidays`` package's calendar, year by
year: the table only saves the import and the computation, it never decides a holiday by itself."""

from __future__ import annotations

from datetime import date

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
