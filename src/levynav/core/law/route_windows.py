"""Small builders of findings and windows that many route rules share.

A route (a hearing, an appeal, a petition) is open through its last day. Two questions recur: was the
request or appeal made by that day, and, when none is made, is the window still open today. The
helpers below answer them the same way everywhere; the rules still decide which dates and message
keys apply.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from levynav.core.calc import dates
from levynav.core.calc.hearing_windows import param_use
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, INFO, ROUTE_CLOSED, Rule, Situation
from levynav.core.model.analysis import Finding, ParamUse


def days_after(pid: str, start: date) -> tuple[dates.LastDay, ParamUse] | None:
    """The window of the parameter's whole number of days after ``start``, and the parameter used.

    None when the parameter is not encoded for that date or is not a whole number.
    """
    use = param_use(pid, start)
    if use is None or not isinstance(use.value, int):
        return None
    return dates.last_day_after(start, use.value), use


def months_after(pid: str, start: date) -> tuple[dates.LastDay, ParamUse] | None:
    """The window of the parameter's whole number of months after ``start``, and the parameter used."""
    use = param_use(pid, start)
    if use is None or not isinstance(use.value, int):
        return None
    return dates.last_day_after_months(start, use.value), use


def made_in_time(
    rule: Rule | Situation, made: date, last: date, timely_key: str, late_key: str, **common: Any
) -> Finding:
    """A request or appeal already made: APPLIES (for information) when made by ``last``, else the route is closed."""
    if made <= last:
        return rule.finding(APPLIES, timely_key, effect=INFO, **common)
    return rule.finding(DOES_NOT_APPLY, late_key, effect=ROUTE_CLOSED, **common)


def open_or_closed(
    rule: Rule | Situation,
    as_of: date,
    last: date,
    deadline_id: str,
    *,
    open_key: str = "open",
    closed_key: str = "closed",
    open_vars: dict[str, Any] | None = None,
    **common: Any,
) -> Finding:
    """No request made yet: the route is open through ``last`` (with its deadline and the days left), then closed.

    ``value`` is the last day; ``open_vars`` are message variables only the open finding shows.
    """
    if as_of <= last:
        return rule.finding(
            APPLIES,
            open_key,
            value=last,
            deadline_ids=[deadline_id],
            days_left=(last - as_of).days,
            **(open_vars or {}),
            **common,
        )
    return rule.finding(DOES_NOT_APPLY, closed_key, effect=ROUTE_CLOSED, value=last, **common)
