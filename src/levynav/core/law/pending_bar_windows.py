"""Shared machinery for "no levy while X is pending" rules: the barred window and where a levy falls.

A bar runs from its first day (``start``) through its last day (``end``, inclusive; ``None`` while it
is still running). A levy served inside the window broke the bar; a levy served before it began is a
pre-existing levy, which the bar itself does not undo (each rule says what happens to it).

Two readings of a bar's last day (``later_end``). A bar that lasts "N days after" an event while the person may
answer it (§ 6331(k)(1)(B), (k)(2)(B), (D): an appeal "filed within such 30 days"; § 6015(e)(1)(B): the 90th day
to petition the Tax Court) ends, counted as the statute counts, on the Nth day. When that day is a Saturday,
Sunday or DC legal holiday, § 7503 makes the person's act timely on the next business day, but it speaks of "the
performance of such act" only, and those bars, unlike § 6213(a), carry no weekend rule of their own. Whether the
bar runs through that next business day is not settled: a levy served in those days is placed ``BETWEEN`` (unknown,
the person's reading — the bar ran through the day the act was still timely — said first).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from levynav.core import params
from levynav.core.calc.dates import last_day_after
from levynav.core.law import registry
from levynav.core.model.analysis import Deadline, Message, ParamUse, message
from levynav.core.model.case import Levy
from levynav.core.model.construct import construct


@dataclass
class Bar:
    """The days on which a levy is barred, with the facts and parameters that fixed them."""

    start: date | None = None
    end: date | None = None  # last barred day; None while it runs or when not known (see end_known)
    end_known: bool = True
    how_ended: Message | None = None  # how it ended, e.g. ``R6331-K1.how_rejected`` ("the offer was rejected")
    missing: list[str] = field(default_factory=list)
    facts: dict[str, object] = field(default_factory=dict)
    params: list[ParamUse] = field(default_factory=list)
    appeal_by: date | None = None  # last day to appeal a rejection/termination, when that matters
    appeal_computation: list[Message] = field(default_factory=list)
    # the last day of the person's act as § 7503 moves it, when later than ``end``: the bar's end under the reading
    # that protects the person (see the module text); None when the two readings agree
    later_end: date | None = None

    def running_on(self, day: date) -> bool:
        return self.start is not None and self.start <= day and self.end_known and (self.end is None or day <= self.end)


class Place(Enum):
    """Where a levy's service date falls relative to a bar (ordered by how much it matters)."""

    DURING = 6
    BETWEEN = 5  # after the statute's count, by the day § 7503 gave the person to act: depends on the reading
    UNKNOWN = 4
    BEFORE = 3
    EXCEPTED = 2
    AFTER = 1


def param(pid: str, on: date) -> ParamUse | None:
    """A parameter in force on ``on``, or None when the law for that date is not encoded."""
    try:
        return params.use(pid, on)
    except params.MissingParameter:
        return None


def days(use: ParamUse) -> int:
    value = use.value
    if not isinstance(value, int):
        raise params.MissingParameter(use.id, use.effective_from, "has no whole-number value")
    return value


def close_after(
    bar: Bar,
    event: date,
    event_path: str,
    appeal: date | None,
    appeal_path: str,
    decided: date | None,
    decided_path: str,
    pid: str,
) -> None:
    """Close a bar "N days after" an event (rejection, termination), kept open by a timely appeal.

    The bar covers the N days after the event (§ 6331(k)); an appeal filed within those days keeps it
    running until Appeals decides. The appeal is the taxpayer's act, so its last day moves past a
    weekend or holiday (§ 7503); the bar is the statute's count of days (``end``), and the moved day is kept as
    its end under the other reading (``later_end``, see the module text) when no timely appeal carries it further.
    """
    bar.facts[event_path] = event
    use = param(pid, event)
    if use is None:
        bar.end_known = False
        return
    bar.params.append(use)
    window = last_day_after(event, days(use))
    bar.end = window.raw
    bar.appeal_by = window.last
    bar.appeal_computation = window.count("appeal")
    if appeal is not None:
        bar.facts[appeal_path] = appeal
        if appeal <= window.last:
            if decided is None:
                bar.end = None
            else:
                bar.facts[decided_path] = decided
                bar.end = max(window.raw, decided)
    # the second reading is about the days the person could still appeal: none once a timely appeal was made
    made = appeal is not None and appeal <= window.last
    bar.later_end = None if made else later_reading(bar.end, window.last)


def later_reading(end: date | None, act_by: date) -> date | None:
    """The bar's last day under the person's reading: ``act_by`` (the last day of the person's act, § 7503 applied)
    when the bar, counted as the statute counts, ends before it; None when there is no second reading."""
    return act_by if end is not None and end < act_by else None


def overlaps(a: Iterable[str], b: Iterable[str]) -> bool:
    """Two lists of tax periods share a period (an empty list means "all periods")."""
    left, right = set(a), set(b)
    return not left or not right or bool(left & right)


def place(levy: Levy, bar: Bar) -> Place:
    served = levy.served_date
    if served is None or bar.start is None:
        return Place.UNKNOWN
    if served < bar.start:
        return Place.BEFORE
    if not bar.end_known:
        return Place.UNKNOWN
    after = bar.end is not None and served > bar.end
    if after and (bar.later_end is None or served > bar.later_end):
        return Place.AFTER
    if levy.jeopardy:
        return Place.EXCEPTED
    return Place.BETWEEN if after else Place.DURING


def appeal_deadline(did: str, cite: str, bar: Bar, subject: str, as_of: date) -> list[Deadline]:
    """The last day to appeal a rejection or termination so the bar on levy keeps running."""
    if bar.appeal_by is None:
        return []
    return [
        construct(
            Deadline,
            id=did,
            title=message(f"deadline.{did}.title"),
            date=bar.appeal_by,
            days_left=(bar.appeal_by - as_of).days,
            protects=message(f"deadline.{did}.protects"),
            citations=registry.cites((cite,)),
            computation=bar.appeal_computation,
            subject=subject,
            passed=bar.appeal_by < as_of,
        )
    ]
