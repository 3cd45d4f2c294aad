"""The last day of a period once the time the law disregards is left out (26 U.S.C. §§ 7508, 7508A).

Two ways of leaving time out, as the law words them:

- Disaster relief (§ 7508A(a); Treas. Reg. § 301.7508A-1(b)(2)): the IRS names a postponement period for the
  affected area. "When an affected taxpayer is required to perform a tax-related act by a due date that falls
  within the postponement period, the affected taxpayer is eligible for postponement of time to perform the act
  until the last day of the period." So a last day inside the period moves to the period's last day; a last day
  before the period, or after it, does not move.
- The mandatory period of a major disaster (§ 7508A(e)(1)): from the earliest incident date to 60 days (120 for
  declarations after July 24, 2025, Pub. L. 119-29) after the later of that date and the declaration date, for
  the acts of § 7508(a)(1)(A)-(F) only; counted here as the announced period is.
- Combat zone or contingency operation (§ 7508(a)): "the period of service in such area or operation, plus the
  period of continuous qualified hospitalization attributable to such injury, and the next 180 days thereafter,
  shall be disregarded". The days are not counted: the days of the period already run when the service began
  are kept, and the rest are counted after the disregarded time ends. A period that begins inside the
  disregarded time is counted whole after it.

The postponed last day is then moved past a Saturday, Sunday or DC legal holiday (§ 7503: "the last day for the
performance of any act shall be determined by including any authorized extension of time"). Periods that overlap
or follow one another are applied until none moves the day further. A postponement with an unknown start or end
moves nothing (its finding says so): an unknown fact is never taken as a date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from levynav.core.calc import dates
from levynav.core.model.case import Postponement, PostponementKind

COMBAT_ZONE_EXTRA_DAYS = 180  # § 7508(a): "and the next 180 days thereafter" (a number of the statute, not dated)


@dataclass(frozen=True)
class Disregarded:
    """The days one postponement leaves out: ``first`` to ``last``, both included."""

    index: int  # which ``proceedings.postponements`` item
    kind: PostponementKind
    first: date
    last: date


def mandatory_end(p: Postponement, days: int) -> date | None:
    """The last day of the mandatory period of a major disaster (§ 7508A(e)(1)(B)): ``days`` after the later of the
    earliest incident date (``start``) and the declaration date; None when either is unknown."""
    if p.start is None or p.declaration_date is None:
        return None
    return max(p.start, p.declaration_date) + timedelta(days=days)


def disregarded(index: int, p: Postponement, mandatory_days: int | None = None) -> Disregarded | None:
    """The disregarded days of postponement ``index``; None when its start or end is unknown (a major disaster:
    its declaration date, or the day count in force for it, ``mandatory_days``)."""
    if p.kind is PostponementKind.MAJOR_DISASTER:
        end = mandatory_end(p, mandatory_days) if mandatory_days is not None else None
        return Disregarded(index, p.kind, p.start, end) if p.start is not None and end is not None else None
    if p.start is None or p.end is None:
        return None
    if p.kind is PostponementKind.COMBAT_ZONE:
        service_or_hospital = max(p.end, p.hospitalized_until or p.end)
        return Disregarded(index, p.kind, p.start, service_or_hospital + timedelta(days=COMBAT_ZONE_EXTRA_DAYS))
    return Disregarded(index, p.kind, p.start, p.end)


@dataclass(frozen=True)
class Postponed:
    """The last day of a period once the disregarded time is left out."""

    raw: date  # the postponed last day before § 7503
    last: date  # after § 7503
    applied: tuple[Disregarded, ...]  # the postponements that moved it, in the order they did

    @property
    def moved_by_7503(self) -> bool:
        return self.raw != self.last


def _one(first: date | None, last: date, d: Disregarded) -> date | None:
    """``last`` moved by one disregarded stretch ``d``; None when ``d`` does not reach it."""
    if last < d.first:
        return None  # the period ended before the disregarded time began
    if d.kind is not PostponementKind.COMBAT_ZONE:
        # Reg. § 301.7508A-1(b)(2): a due date inside the postponement period moves to its last day (read the same
        # way for the mandatory period of § 7508A(e), our reading: the regulation's paragraph (g) was not read)
        return d.last if last <= d.last else None
    # § 7508(a): the disregarded days are not counted
    if first is not None and first > d.last:
        return None  # the period began after the disregarded time ended
    if first is not None and first >= d.first:
        return d.last + timedelta(days=(last - first).days + 1)  # the whole period is counted after it
    return last + timedelta(days=(d.last - d.first).days + 1)  # the days left when it began are counted after it


def postpone(first: date | None, last: date, periods: Sequence[Disregarded]) -> Postponed | None:
    """The last day of a period whose first counted day is ``first`` (None: unknown, taken as before every
    disregarded stretch) and whose ordinary last day (before § 7503) is ``last``, once ``periods`` are left out.
    None when no period moves it (the ordinary date stands alone)."""
    day = last
    applied: list[Disregarded] = []
    for _ in range(len(periods) + 1):  # each stretch can move the day once; overlapping ones chain
        moved = False
        for d in periods:
            if d in applied:
                continue
            later = _one(first, day, d)
            if later is not None and later > day:
                day = later
                applied.append(d)
                moved = True
        if not moved:
            break
    if not applied:
        return None
    return Postponed(day, dates.roll_forward(day), tuple(applied))
