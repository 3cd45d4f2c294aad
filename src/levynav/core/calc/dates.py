"""Calendar arithmetic for deadlines.

- § 7503: when the last day of a period falls on a Saturday, Sunday or legal holiday, the act is
  timely on the next day that is none of these. "Legal holiday" includes every legal holiday in the
  District of Columbia — DC Emancipation Day (April 16) and Inauguration Day included — which the
  ``holidays`` package provides as ``holidays.US(subdiv="DC")``, observed days included.
- Weiss v. Commissioner, 147 T.C. 179 (2016): when a notice is mailed later than the date printed on
  it, the response period runs from the mailing date.
- A period of N days "after" a date begins the day after it, so its last day is date + N.
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from levynav.core import lawdata
from levynav.core.calc import holiday_table
from levynav.core.model.analysis import LabelArg, Message, message
from levynav.core.model.message import label_arg


def _dc_holidays(year: int) -> dict[date, str]:
    # The active bundle's table (calc/holiday_table.py, generated from the ``holidays`` package and held equal to it
    # by a test; a bundle may carry another); the package itself, a quarter of a second to import, only for a year
    # outside the table.
    known = holiday_table.table().get(year)
    return known if known is not None else _from_package(year)


@functools.cache  # the package's calendar of a year is the same whatever the bundle
def _from_package(year: int) -> dict[date, str]:
    return holiday_table.from_package(year)


def holiday_name(day: date) -> str | None:
    """The name of the DC legal holiday on ``day``, or None."""
    return _dc_holidays(day.year).get(day)


def holiday_labels(day: date) -> list[LabelArg]:
    """The DC legal holidays on ``day`` by id (labels ``label.holiday``), none on a day that is not one."""
    name = holiday_name(day)
    return [label_arg("holiday", h) for h in holiday_table.holiday_ids(name)] if name else []  # built unvalidated


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


# Holidays of the District of Columbia alone, not days off for federal offices across the country: DC Emancipation
# Day (DC Code § 1-612.02) and Inauguration Day (a day off only for federal employees in and around DC). A § 7503
# last day moves past them (they are DC legal holidays); a count of IRS business days set by IRS guidance, not by an
# internal revenue law, need not skip them, so such a count skips only the holidays observed everywhere (the earlier
# day, the one that protects the person).
_DC_ONLY = frozenset({"emancipation_day", "inauguration_day"})


def is_nationwide_business_day(day: date) -> bool:
    """A weekday that is not a holiday observed by federal offices everywhere (a DC-only holiday is a business day)."""
    if day.weekday() >= 5:
        return False
    name = holiday_name(day)
    if name is None:
        return True
    return all(h.removesuffix("_observed") in _DC_ONLY for h in holiday_table.holiday_ids(name))


def add_nationwide_business_days(start: date, count: int) -> date:
    """The ``count``-th business day after ``start`` (start not counted), DC-only holidays counted as business days:
    the earlier end of an IRS business-day count that no internal revenue law fixes (the Collection Appeals
    Program's counts, Pub. 1660)."""
    return _add_days_that(start, count, is_nationwide_business_day)


def _add_days_that(start: date, count: int, counts: Callable[[date], bool]) -> date:
    """The ``count``-th day after ``start`` (start not counted) of the days ``counts`` counts."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if counts(day):
            remaining -= 1
    return day


def roll_forward(day: date) -> date:
    """§ 7503: the first day on or after ``day`` that is not a weekend day or DC legal holiday."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def add_business_days(start: date, count: int) -> date:
    """The ``count``-th business day after ``start`` (start itself not counted)."""
    return _add_days_that(start, count, is_business_day)


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February in a leap year: calendar.isleap


def add_months(start: date, months: int) -> date:
    """Same day of the month ``months`` later; the last day of the month where that day is missing."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    if not 1 <= year <= 9999:
        raise OverflowError(f"{months} months after {start.isoformat()} is outside the calendar")
    last = 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month]
    return date(year, month, min(start.day, last))


def add_years(start: date, years: int) -> date:
    """Same calendar date ``years`` later; 29 February becomes 28 February in a common year."""
    return add_months(start, 12 * years)


@dataclass(frozen=True)
class LastDay:
    """The last day of a period, before and after the § 7503 roll-forward, with the reason."""

    start: date
    raw: date
    last: date

    @property
    def moved(self) -> bool:
        """Whether § 7503 moved the last day past a weekend day or legal holiday (``roll`` says why)."""
        return self.last != self.raw

    def roll(self) -> Message | None:
        """§ 7503 as a typed reason: the plain last day, why it moved (a weekend day or a DC legal holiday by
        name) and the day it moved to; None when it did not move."""
        if self.last == self.raw:
            return None
        holidays = holiday_labels(self.raw)
        if holidays:
            return message("count.why.holiday", end=self.raw, holiday=holidays)
        return message(f"count.why.{self.raw.strftime('%A').lower()}", end=self.raw)

    def count(self, what: str) -> list[Message]:
        """How the period was counted, clause by clause (``what``: a ``count.what.*`` name)."""
        out = [message("count.period", what=message(f"count.what.{what}"), start=self.start, end=self.raw)]
        roll = self.roll()
        return [*out, message("count.roll_forward", reason=roll, last=self.last)] if roll is not None else out


def _roll(start: date, raw: date) -> LastDay:
    # the running analysis's bundle by the context variable's own C ``get``; the installed one outside an analysis
    return _rolled(lawdata.running() or lawdata.active(), start, raw)


# Each levy's periods ask again (LastDay is frozen). The bundle is part of the key, as its holiday table moves the
# last day (``law``: the active one, which roll_forward reads); an lru entry, not a dict kept on the bundle, as this
# is asked a few times in every analysis and the bundle's dict costs three calls more to reach.
@functools.lru_cache(maxsize=4096)
def _rolled(law: lawdata.Law, start: date, raw: date) -> LastDay:
    return LastDay(start, raw, roll_forward(raw))


def roll_period_end(start: date, raw: date) -> LastDay:
    """The last day of a period counted from ``start`` that ends on ``raw`` (§ 7503 applied)."""
    return _roll(start, raw)


def last_day_after(start: date, days: int) -> LastDay:
    """Last day of a period of ``days`` calendar days beginning the day after ``start`` (§ 7503 applied)."""
    return _roll(start, start + timedelta(days=days))


def last_day_after_months(start: date, months: int) -> LastDay:
    return _roll(start, add_months(start, months))


def months_commencing_after(start: date, months: int) -> date:
    """The last day of a period of ``months`` months commencing the day after ``start`` (before § 7503): the day
    before the same day of the month ``months`` later, counted from the first day of the period; when that day is
    missing from its month (a period commencing on 29 February), the month's last day. It is the anniversary of
    ``start`` except for a ``start`` of 28 February before a leap year: a year commencing 1 March 2023 runs through
    29 February 2024 (Treas. Reg. §§ 301.6330-1(i)(2), 301.6320-1(i)(2) Q&A-I7: "the one-year period commencing the
    day after")."""
    first = start + timedelta(days=1)
    same = add_months(first, months)
    return same if same.day != first.day else same - timedelta(days=1)


def last_day_of_months_commencing_after(start: date, months: int) -> LastDay:
    """``months_commencing_after`` with § 7503 applied (the period still shown as counted from ``start``)."""
    return _roll(start, months_commencing_after(start, months))


def counting_start_message(printed: date | None, mailed: date | None) -> Message:
    """The clause of ``counting_start`` as a message reference (``count.from_*``)."""
    if printed is None and mailed is None:
        return message("count.start_unknown")
    if mailed is not None and (printed is None or mailed > printed):
        return message("count.from_mailing_later", printed=printed) if printed else message("count.from_mailing")
    return message("count.from_printed")


def counting_start(printed: date | None, mailed: date | None) -> date | None:
    """Weiss: the later of the printed date and the mailing date starts the count (Weiss v. Commissioner, 147 T.C.
    179 (2016)); None when neither is known. How it was counted, in words: ``counting_start_message``."""
    if mailed is not None and (printed is None or mailed > printed):
        return mailed
    return printed
