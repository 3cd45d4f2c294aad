"""calc/dates.py: the worked dates of the reference (appeals-alternatives-csed.md §0 calculator notes),
the Weiss rule, and properties of the § 7503 arithmetic."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levynav.core.calc import dates
from levynav.core.model.message import arg

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


def _is_dc_business_day(day: date) -> bool:
    return day.weekday() < 5 and dates.holiday_name(day) is None


# ---------------------------------------------------------------- worked dates (D1–D5)


def test_notice_2025_06_02_cdp_last_day_is_2025_07_02() -> None:
    last = dates.last_day_after(date(2025, 6, 2), 30)
    assert (last.raw, last.last, last.moved, last.roll()) == (date(2025, 7, 2), date(2025, 7, 2), False, None)


def test_notice_2025_06_02_equivalent_hearing_last_day_is_2026_06_02() -> None:
    assert dates.last_day_after_months(date(2025, 6, 2), 12).last == date(2026, 6, 2)


def test_day_30_on_independence_day_rolls_to_monday_2025_07_07() -> None:
    last = dates.last_day_after(date(2025, 6, 4), 30)
    assert last.raw == date(2025, 7, 4)
    assert last.last == date(2025, 7, 7)
    why = last.roll()
    assert last.moved and why is not None and why.key == "count.why.holiday"
    assert [a.model_dump() for a in why.args["holiday"].value] == [  # type: ignore[union-attr]
        {"type": "label", "enum": "holiday", "value": "independence_day"}
    ]


def test_day_30_on_dc_emancipation_day_rolls_to_2025_04_17() -> None:
    last = dates.last_day_after(date(2025, 3, 17), 30)
    assert last.raw == date(2025, 4, 16)
    assert last.last == date(2025, 4, 17)
    why = last.roll()
    assert why is not None and why.args["holiday"].value[0].value == "emancipation_day"  # type: ignore[union-attr]


def test_nftl_2025_06_30_fifth_business_day_skips_july_4() -> None:
    fifth = dates.add_business_days(date(2025, 6, 30), 5)
    assert fifth == date(2025, 7, 8)
    assert dates.last_day_after(fifth, 30).last == date(2025, 8, 7)
    assert dates.last_day_after_months(fifth, 12).last == date(2026, 7, 8)


def test_equivalent_hearing_one_year_date_on_a_sunday_e14() -> None:
    """Reference E.14 example: notice Sat 2025-08-02 → one-year date Sun 2026-08-02 (rolled: Mon 08-03)."""
    last = dates.last_day_after_months(date(2025, 8, 2), 12)
    assert last.raw == date(2026, 8, 2)
    assert last.last == date(2026, 8, 3)


def test_observed_emancipation_day_counts_as_a_holiday() -> None:
    # 2022-04-16 was a Saturday; DC observed Emancipation Day on Friday 2022-04-15.
    assert dates.holiday_name(date(2022, 4, 15)) is not None
    assert dates.roll_forward(date(2022, 4, 15)) == date(2022, 4, 18)


def test_new_years_day_observed_in_the_previous_year() -> None:
    # 2022-01-01 was a Saturday; observed on Friday 2021-12-31.
    assert dates.holiday_name(date(2021, 12, 31)) is not None


# ---------------------------------------------------------------- Weiss


def test_weiss_mailing_later_than_printed_counts_from_mailing() -> None:
    start = dates.counting_start(date(2025, 6, 2), date(2025, 6, 9))
    assert start == date(2025, 6, 9)
    said = dates.counting_start_message(date(2025, 6, 2), date(2025, 6, 9))
    assert said.key == "count.from_mailing_later" and said.args["printed"] == arg(date(2025, 6, 2))
    assert dates.last_day_after(start, 30).last == date(2025, 7, 9)


def test_weiss_mailing_earlier_than_printed_keeps_printed_date() -> None:
    assert dates.counting_start(date(2025, 6, 2), date(2025, 5, 30)) == date(2025, 6, 2)
    assert dates.counting_start_message(date(2025, 6, 2), date(2025, 5, 30)).key == "count.from_printed"


def test_weiss_only_mailing_date_known() -> None:
    assert dates.counting_start(None, date(2025, 6, 9)) == date(2025, 6, 9)


def test_weiss_no_date_known() -> None:
    assert dates.counting_start(None, None) is None  # a date or nothing: the words are the message's
    assert dates.counting_start_message(None, None).key == "count.start_unknown"


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    assert dates.add_months(start, months) == expected


# ---------------------------------------------------------------- properties


@settings(deadline=None)  # the first call loads the holiday tables; on a loaded machine it exceeds 200 ms
@given(DAYS, st.integers(min_value=0, max_value=400))
def test_last_day_is_never_a_weekend_or_dc_holiday(start: date, days: int) -> None:
    last = dates.last_day_after(start, days)
    assert last.last.weekday() < 5
    assert dates.holiday_name(last.last) is None
    assert _is_dc_business_day(last.last)


@given(DAYS, st.integers(min_value=0, max_value=400))
def test_last_day_is_never_earlier_than_the_raw_date_and_at_most_a_few_days_later(start: date, days: int) -> None:
    last = dates.last_day_after(start, days)
    assert last.raw == start + timedelta(days=days)
    assert last.raw <= last.last <= last.raw + timedelta(days=5)
    assert (last.roll() is None) == (last.raw == last.last) == (not last.moved)
    # every day skipped was itself not a business day
    day = last.raw
    while day < last.last:
        assert not _is_dc_business_day(day)
        day += timedelta(days=1)


@given(DAYS, DAYS, st.integers(min_value=0, max_value=400))
def test_last_day_after_is_monotone_in_the_start_date(a: date, b: date, days: int) -> None:
    early, late = min(a, b), max(a, b)
    assert dates.last_day_after(early, days).last <= dates.last_day_after(late, days).last


@given(DAYS, st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200))
def test_last_day_after_is_monotone_in_the_length(start: date, n: int, m: int) -> None:
    short, long = min(n, m), max(n, m)
    assert dates.last_day_after(start, short).last <= dates.last_day_after(start, long).last


@given(DAYS, st.integers(min_value=-240, max_value=240))
def test_add_months_round_trips_when_the_day_exists(start: date, months: int) -> None:
    moved = dates.add_months(start, months)
    assert (moved.year * 12 + moved.month) - (start.year * 12 + start.month) == months
    assert moved.day == min(start.day, 28) or moved.day <= start.day
    if start.day <= 28:
        assert moved.day == start.day
        assert dates.add_months(moved, -months) == start
    else:
        assert dates.add_months(moved, -months) <= start


@given(DAYS, st.integers(min_value=0, max_value=30))
def test_add_business_days_lands_on_a_business_day_count_later(start: date, count: int) -> None:
    end = dates.add_business_days(start, count)
    if count == 0:
        assert end == start
        return
    assert _is_dc_business_day(end)
    counted = sum(1 for k in range(1, (end - start).days + 1) if _is_dc_business_day(start + timedelta(days=k)))
    assert counted == count


@given(DAYS)
def test_roll_forward_is_idempotent(day: date) -> None:
    once = dates.roll_forward(day)
    assert dates.roll_forward(once) == once
    assert once >= day


# ---------------------------------------------------------------- the holiday table is the bundle's


def test_two_bundles_with_different_holiday_tables_each_count_with_their_own() -> None:
    """The holidays and the rolled last days are kept per Law bundle: a bundle whose table has one more holiday
    (Monday 7 July 2025) moves a period's last day further, and the other bundle, asked again in the same process
    before and after, keeps its own answer."""
    import dataclasses

    from levynav import lawbook
    from levynav.core import lawdata
    from levynav.core.calc import holiday_table

    packaged = lawbook.packaged()
    extra = date(2025, 7, 7)
    table = {**packaged.tables[holiday_table.RELATIVE]}
    table["2025"] = {**table["2025"], extra.isoformat(): "Emancipation Day"}
    other = dataclasses.replace(packaged, tables={**packaged.tables, holiday_table.RELATIVE: table}, index={})
    plain = dataclasses.replace(packaged, index={})
    start = date(2025, 6, 4)  # day 30 is Independence Day, Friday 4 July 2025
    for law, name, last in [
        (plain, None, date(2025, 7, 7)),
        (other, "Emancipation Day", date(2025, 7, 8)),
        (plain, None, date(2025, 7, 7)),
        (other, "Emancipation Day", date(2025, 7, 8)),
    ]:
        with lawdata.using(law):
            assert dates.holiday_name(extra) == name
            assert dates.is_business_day(extra) is (name is None)
            assert dates.last_day_after(start, 30).last == last
            assert dates.roll_forward(date(2025, 7, 4)) == last
            assert dates.add_business_days(date(2025, 7, 3), 1) == last
