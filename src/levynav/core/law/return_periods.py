"""Time limits for getting levied money back: § 6343(b)/(d), § 6532(c), § 6343(f) and Form 8546.

- § 6343(b) (and (d), which applies "as if" the levy were wrongful): money levied, or the proceeds of
  a sale, may be returned only within 2 years from the date of the levy (9 months before the TCJA).
- Pub. L. 115-97 (TCJA) § 11071(c): the 2-year periods of § 6343(b) and § 6532(c) apply to levies
  made after 2017-12-22 (the date of enactment) and to levies made on or before that date whose
  9-month period had not expired by then (reference R6343-B1; section number read in the source
  credits of 26 U.S.C. § 6532). The "March 22, 2017" cut-off found on one practitioner page is wrong
  (reference § 7 item 4); so is the "2017-03-23" of the appeals reference, row D19.
- § 6532(c): a third party's suit under § 7426 within the same period, extended by a timely, proper
  § 6343(b) request to the shorter of 12 months from the request or 6 months from a disallowance.
- § 7503 and these periods: § 6343(b) limits the time within which the IRS may return money, and the request
  must be filed "before the expiration" of it (26 C.F.R. § 301.6343-2(a)(2)); no source read settles whether
  § 7503 moves that last day past a weekend or holiday, so the safer reading of the return period — the day
  before the anniversary, not moved — comes first and the anniversary moved by § 7503 is the later reading.
  The § 6532(c) suit is moved by § 7503 under both readings: 26 C.F.R. § 301.7503-1(a) gives the § 6532(a)(1)
  refund suit as its example of a period § 7503 extends, and § 6532(c) is a suit period of the same section.

Everything here is pure date arithmetic over the calc/dates helpers; the day and month counts come
from ``data/parameters/return_property.yaml``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from levynav.core import lawdata, params
from levynav.core.calc.dates import (
    LastDay,
    add_months,
    add_years,
    is_business_day,
    last_day_after_months,
    roll_forward,
    roll_period_end,
)
from levynav.core.model.analysis import Message, ParamUse, SentencesArg, TextArg, message
from levynav.core.model.case import Case, Levy, LevyKind, Owner, WrongfulLevyClaim
from levynav.core.model.construct import construct

# Pub. L. 115-97 (TCJA) was enacted 2017-12-22; § 11071(c) applies the 2-year period to levies made
# after that date, and to earlier levies whose 9-month period had not expired as of that date.
TCJA_ENACTED = date(2017, 12, 22)
TCJA_FIRST_LEVY = date(2017, 12, 23)
# Pub. L. 115-123 (Bipartisan Budget Act of 2018) § 41104(b): § 6343(f) applies to amounts paid
# under § 6343(b), (c) and (d)(2)(A) in taxable years beginning after 2017-12-31.
ROLLBACK_FIRST_YEAR = 2018

MONEY_KINDS = {
    LevyKind.BANK,
    LevyKind.WAGES,
    LevyKind.SOCIAL_SECURITY,
    LevyKind.FEDERAL_PAYMENT,
    LevyKind.RETIREMENT,
    LevyKind.ACCOUNTS_RECEIVABLE,
    LevyKind.STATE_TAX_REFUND,
}


ANNIVERSARY = "anniversary"
DAY_BEFORE = "day_before"


class PeriodBasis(StrEnum):
    """Which rule of Pub. L. 115-97 § 11071(c) chose the period for a levy."""

    AFTER_TCJA = "after_tcja"  # levied after 2017-12-22: the 2-year period
    TCJA_EXTENDED = "tcja_extended"  # levied on or before 2017-12-22, the old period still running then: 2 years
    TCJA_OLD = "tcja_old"  # levied before 2017-12-22, the old period ran out before it: the old period


@dataclass(frozen=True)
class PeriodReason:
    """Why a levy's period is the one it is, typed: the TCJA rule that applied and, for a levy made on or before
    the date of enactment, the old period's months and last day. The words are the catalogs' (``note.period_*``
    for a finding's sentence, ``count.tcja.*`` for a deadline's computation)."""

    basis: PeriodBasis
    old_months: int | None = None
    old_last: date | None = None

    def said(self) -> Message:
        """The reason as a clause of a finding's sentence (``note.period_*``)."""
        if self.basis is PeriodBasis.AFTER_TCJA:
            return message("note.period_after_tcja")
        key = "note.period_tcja_extended" if self.basis is PeriodBasis.TCJA_EXTENDED else "note.period_tcja_old"
        return message(key, months=self.old_months, old_last=self.old_last)

    def counted(self) -> Message:
        """The reason as a clause of a deadline's computation (``count.tcja.*``)."""
        if self.basis is PeriodBasis.AFTER_TCJA:
            return message("count.tcja.after")
        key = "count.tcja.not_run_out" if self.basis is PeriodBasis.TCJA_EXTENDED else "count.tcja.ran_out"
        return message(key, months=self.old_months, end=self.old_last)


@dataclass(frozen=True)
class Period:
    """The period after a levy within which money may be returned (or a suit brought), under one reading.

    Two readings of "within 2 years (9 months) from the date of levy" differ by a day: the period ends on
    the anniversary of the levy, or — as the IRS's own TCJA training examples count it (levy of
    2017-03-28, claim "on or before March 27, 2019") — on the day before. Whether § 7503 moves the last day
    of the § 6343(b) return period is not settled (module docstring), so there the day before the anniversary is
    not moved and the anniversary is; the § 6532(c) suit is moved under both. Safer date first (the person must
    act): ``last`` is the earlier reading; ``other`` holds the later one when its last day differs.
    """

    levy_date: date
    months: int
    last: LastDay
    param: ParamUse
    reason: PeriodReason  # which rule chose the period
    reading: str = ANNIVERSARY  # ANNIVERSARY or DAY_BEFORE
    other: Period | None = None  # the same period under the other reading, when its last day differs

    def reading_count(self) -> list[Message]:
        """The other reading as message references ([] when both readings give the same last day)."""
        if self.other is None:
            return []
        out = [message("count.reading.day_before", shown=self.last.last, anniversary=self.other.last.last)]
        if self.not_moved:
            out.append(message("count.reading.not_moved", shown=self.last.last))
        if self.other.months != self.months:
            out.append(message("count.reading.tcja_months", months=self.months, other_months=self.other.months))
        return out

    @property
    def not_moved(self) -> bool:
        """The safer last day falls on a weekend day or legal holiday and is kept there (§ 7503's reach to
        these periods is not settled), so the later reading's day is later by more than one day."""
        return self.reading == DAY_BEFORE and not is_business_day(self.last.last)

    @property
    def latest(self) -> date:
        """The last day under the later reading: after it the period has run under every reading."""
        return self.other.last.last if self.other is not None else self.last.last

    def reading_messages(self, as_of: date | None = None) -> SentencesArg:
        """The other reading in sentences (``note.reading_*``), or none when both readings give the same day."""
        if self.other is None:
            return construct(SentencesArg, value=[])
        out = [message("note.reading_day_before", shown=self.last.last, other=self.other.last.last)]
        if self.not_moved:
            out.append(message("note.reading_not_moved"))
        if self.other.months != self.months:
            out.append(message("note.reading_tcja", first=self.months, second=self.other.months))
        if as_of is not None and self.last.last < as_of <= self.other.last.last:
            out.append(message("note.reading_earlier_passed", later=self.other.last.last))
        return construct(SentencesArg, value=out)


# the reason of every levy made after the TCJA's enactment: one record, made once (it is frozen and holds no dates)
_AFTER_TCJA = PeriodReason(PeriodBasis.AFTER_TCJA)


def months_after(start: date, months: int, reading: str) -> LastDay:
    """The last day of a period of ``months`` months from ``start`` under one reading (§ 7503 applied)."""
    if reading == ANNIVERSARY:
        return last_day_after_months(start, months)
    return roll_period_end(start, add_months(start, months) - dt.timedelta(days=1))


# The period whose safer last day § 7503 does not move (module docstring): the § 6343(b) return period.
UNMOVED_SAFER_DAY = frozenset({"return.period_months"})


def _levy_period_end(start: date, months: int, reading: str, pid: str) -> LastDay:
    """The last day of a § 6343(b) / § 6532(c) period under one reading. The anniversary is moved by § 7503 (the
    later reading); so is the day before it for the § 6532(c) suit (26 C.F.R. § 301.7503-1(a)). For the § 6343(b)
    return period the day before is not moved: whether § 7503 reaches a period that limits the IRS's return is not
    settled, and a day not moved is never later than the request's last day."""
    if reading == ANNIVERSARY or pid not in UNMOVED_SAFER_DAY:
        return months_after(start, months, reading)
    raw = add_months(start, months) - dt.timedelta(days=1)
    return LastDay(start, raw, raw)


def period_after_levy(levy_date: date, pid: str) -> Period | None:
    """The § 6343(b) or § 6532(c) period for a levy made on ``levy_date``, with the TCJA transition.

    ``pid`` is ``return.period_months`` or ``wrongful_levy.suit_period_months``. None when no value of
    the parameter is in force on the levy date (a levy earlier than any encoded value). Both readings of
    the day count are computed; the earlier last day is returned, the later one in ``other``.

    A pure function of the date, the parameter and the Law bundle (a Period is frozen): counted once per bundle
    and kept on it, not again in every analysis that asks (the return rules and deadlines, each case's levies).
    """
    known: dict[tuple[date, str], Period | None] = lawdata.kept("return_periods.after_levy")
    try:
        return known[levy_date, pid]
    except KeyError:
        found = known[levy_date, pid] = _period_after_levy(levy_date, pid)
        return found


def _period_after_levy(levy_date: date, pid: str) -> Period | None:
    try:
        in_force = params.use(pid, on=levy_date)  # read once for both readings
    except params.MissingParameter:
        return None
    first = _period_reading(levy_date, pid, DAY_BEFORE, in_force)
    second = _period_reading(levy_date, pid, ANNIVERSARY, in_force)
    early, late = (first, second) if first.last.last <= second.last.last else (second, first)
    if early.last.last == late.last.last:
        return early
    # the record made directly, not by ``dataclasses.replace`` (which reads the class's fields again for every call)
    return Period(early.levy_date, early.months, early.last, early.param, early.reason, early.reading, late)


def _period_reading(levy_date: date, pid: str, reading: str, in_force: ParamUse) -> Period:
    """The period under one reading, ``in_force``: the parameter's value on the levy date."""
    months = _whole(in_force)
    if levy_date >= TCJA_FIRST_LEVY:
        last = _levy_period_end(levy_date, months, reading, pid)
        return Period(levy_date, months, last, in_force, _AFTER_TCJA, reading)
    old = _levy_period_end(levy_date, months, reading, pid)
    if old.last >= TCJA_ENACTED:  # Pub. L. 115-97 § 11071(c): the old period had not run out on enactment
        new = params.use(pid, on=TCJA_FIRST_LEVY)
        new_months = _whole(new)
        last = _levy_period_end(levy_date, new_months, reading, pid)
        why = PeriodReason(PeriodBasis.TCJA_EXTENDED, months, old.last)
        return Period(levy_date, new_months, last, new, why, reading)
    return Period(levy_date, months, old, in_force, PeriodReason(PeriodBasis.TCJA_OLD, months, old.last), reading)


def _whole(p: ParamUse) -> int:
    if not isinstance(p.value, int):
        raise params.MissingParameter(p.id, p.effective_from, "has no whole-number value")
    return p.value


def return_period(levy: Levy) -> Period | None:
    if levy.served_date is None:
        return None
    return period_after_levy(levy.served_date, "return.period_months")


def count_period(p: Period, what: str) -> list[Message]:
    """How a period was counted, as message references (``what``: a ``count.what.*`` name); a fresh list.

    The clauses follow from the period's days, months and reason alone (the key below holds every value they read):
    made once per Law bundle and kept on it (shared message records, never changed), not again per analysis."""
    other = p.other
    key = (what, p.last, p.months, p.reason, other.last if other else None, other.months if other else None)
    known: dict[tuple[object, ...], tuple[Message, ...]] = lawdata.kept("return_periods.count")
    said = known.get(key)
    if said is None:
        said = known[key] = (*p.last.count(what), p.reason.counted(), *p.reading_count())
    return list(said)


# A levy on wages or Social Security reaches what is paid to the person who owes the tax: the owner
# of the money is known from the kind of levy (a levy on the wrong person is an IRS error, not a
# third party's property).
OWN_BY_KIND = {LevyKind.WAGES, LevyKind.SOCIAL_SECURITY}


def owner(levy: Levy) -> Owner | None:
    """Who owns what the levy reached: as stated, or the taxpayer for wage and Social Security levies."""
    if levy.owner is None and levy.kind in OWN_BY_KIND:
        return Owner.TAXPAYER
    return levy.owner


def money_taken(levy: Levy) -> bool | None:
    """Whether the levy has taken anything yet: True, False (nothing taken) or None (not known)."""
    if levy.proceeds_sent or (levy.amount_taken is not None and levy.amount_taken > 0):
        return True
    if levy.proceeds_sent is False or levy.amount_taken == 0:
        return False
    return None


# ---------------------------------------------------------------- § 6532(c) suit period


@dataclass(frozen=True)
class SuitPeriod:
    base: Period
    date: dt.date  # the date to act by on what is known
    if_proper: dt.date | None  # the extended date, when whether the request was proper is not known
    params: tuple[ParamUse, ...]
    claim_path: str | None  # the request that extends (or would extend) the period
    alternative: dt.date | None = None  # the last day under the later reading of the day count, when later
    count: tuple[Message, ...] = ()  # how the date was counted, as message references
    # the request extends the period only under the later reading of the day count: it was filed after the safer
    # last day but by the anniversary (``if_proper`` then holds the extended date, ``date`` the unextended one)
    later_reading: bool = False

    @property
    def latest(self) -> dt.date:
        return max(d for d in (self.date, self.if_proper, self.alternative) if d is not None)


def claims_for(case: Case, index: int, levy: Levy) -> list[tuple[str, WrongfulLevyClaim]]:
    """The § 6343(b) requests about one levy (by levy id; an unnamed request when there is one levy)."""
    out = []
    for k, c in enumerate(case.proceedings.wrongful_levy_claims):
        named = c.levy_id is not None and c.levy_id == levy.id
        only = c.levy_id is None and len(case.levies) == 1
        if named or only:
            out.append((f"proceedings.wrongful_levy_claims[{k}]", c))
    return out


def suit_period(levy_date: date, claims: list[tuple[str, WrongfulLevyClaim]]) -> SuitPeriod | None:
    base = period_after_levy(levy_date, "wrongful_levy.suit_period_months")
    if base is None:
        return None
    count = count_period(base, "wrongful_levy_suit")
    # A request filed by the later reading's last day (the anniversary) is in time under that reading only: it
    # extends the period under that reading, and the safer, unextended date stays first (dates protect the person).
    timely = sorted((c for c in claims if c[1].filed_date <= base.latest), key=lambda c: c[1].filed_date)
    late = [c for c in claims if c not in timely]
    if late:  # a request filed after the period ended does not extend it
        count.append(message("count.suit.late", dates=[c[1].filed_date for c in late]))
    if not timely:
        return _with_other(SuitPeriod(base, base.last.last, None, (base.param,), None, count=tuple(count)))
    path, claim = timely[0]
    if claim.filed_date > base.last.last:
        count.append(message("count.suit.filed_later_reading", filed=claim.filed_date, day=base.last.last))
        extended_only = _extended_period(base, claim, count)
        if claim.proper_request is False:
            count.append(message("count.suit.improper", day=base.last.last))
            return _with_other(SuitPeriod(base, base.last.last, None, extended_only[1], path, count=tuple(count)))
        return _with_other(
            SuitPeriod(
                base, base.last.last, extended_only[0], extended_only[1], path, count=tuple(count), later_reading=True
            )
        )
    extended, used = _extended_period(base, claim, count)
    if claim.proper_request is True:
        return _with_other(SuitPeriod(base, extended, None, used, path, count=tuple(count)))
    if claim.proper_request is False:
        # a request that is not adequate does not extend the period (26 C.F.R. § 301.6532-3(b); Amwest Surety
        # Ins. Co. v. United States, 28 F.3d 690 (7th Cir. 1994))
        count.append(message("count.suit.improper", day=base.last.last))
        return _with_other(SuitPeriod(base, base.last.last, None, used, path, count=tuple(count)))
    # only a proper written request extends the period: not known whether it was, so the unextended date
    count.append(message("count.suit.proper_unknown", day=base.last.last))
    return _with_other(SuitPeriod(base, base.last.last, extended, used, path, count=tuple(count)))


def _extended_period(
    base: Period, claim: WrongfulLevyClaim, count: list[Message]
) -> tuple[dt.date, tuple[ParamUse, ...]]:
    """§ 6532(c)(2): the period as a timely request extends it (the shorter of 12 months from the request or 6 months
    from a disallowance, never shorter than the unextended period), its count appended to ``count``."""
    p12 = params.use("wrongful_levy.suit_extension_after_request_months", on=claim.filed_date)
    ext = last_day_after_months(claim.filed_date, _whole(p12))
    used: tuple[ParamUse, ...] = (base.param, p12)
    ext_count = message("count.suit.after_request", months=_whole(p12), filed=claim.filed_date, end=ext.last)
    other_count: Message | None = None
    if claim.disallowance_date is not None:
        p6 = params.use("wrongful_levy.suit_extension_after_disallowance_months", on=claim.disallowance_date)
        dis = last_day_after_months(claim.disallowance_date, _whole(p6))
        used += (p6,)
        dis_count = message(
            "count.suit.after_disallowance", months=_whole(p6), disallowed=claim.disallowance_date, end=dis.last
        )
        if dis.last < ext.last:
            ext, ext_count, other_count = dis, dis_count, ext_count
        else:
            other_count = dis_count
    extended = max(ext.last, base.last.last)
    if other_count is None:  # the request extends the period to the shorter of the two dates
        count.append(message("count.suit.extends", ext=ext_count))
    else:
        count.append(message("count.suit.extends_shorter", ext=ext_count, other=other_count))
    if ext.last < base.last.last:
        # the law speaks of an extension, which we read as never shortening the period (our reading)
        count.append(message("count.suit.never_shortens", day=ext.last))
    return extended, used


def _with_other(sp: SuitPeriod) -> SuitPeriod:
    """Keep the later reading of the base period beside the date, when it is later than the date shown."""
    later = sp.base.latest
    return dataclasses.replace(sp, alternative=later) if later > sp.date else sp


# ---------------------------------------------------------------- § 6343(f) and Form 8546


@dataclass(frozen=True)
class Rollback:
    tax_year: int
    date: date
    params: tuple[ParamUse, ...]
    count: tuple[Message, ...] = ()  # how the date was counted, as message references


def rollback_deadline(returned: date) -> Rollback:
    """§ 6343(f)(1)(A): "not later than the due date (not including extensions) for filing the return of tax for the
    taxable year in which such property or amount of money is returned" ((f)(1)(B) is the IRS's duty to say so).

    Reads the individual calendar-year due date (§ 6072(a)); § 7503 moves it past a weekend or holiday.
    """
    following = date(returned.year + 1, 1, 1)
    month = params.use("return.individual_return_due_month", on=following)
    day = params.use("return.individual_return_due_day", on=following)
    raw = date(following.year, _whole(month), _whole(day))
    last = roll_forward(raw)
    count = [message("count.rollback", returned=returned, year=construct(TextArg, value=str(returned.year)), due=raw)]
    if last != raw:  # § 7503: the next business day
        count.append(message("count.moved_to_business_day", last=last))
    return Rollback(returned.year, last, (month, day), tuple(count))


@dataclass(frozen=True)
class BankChargeClaim:
    date: date
    params: tuple[ParamUse, ...]
    count: tuple[Message, ...] = ()  # how the date was counted, as message references


def form_8546_deadline(charged: date) -> BankChargeClaim:
    """Form 8546: within one year of the date the claim accrues (taken as the date of the bank charge)."""
    years = params.use("bank_charges.claim_period_years", on=charged)
    last = add_years(charged, _whole(years))
    # counted from the bank charge (taken as the date the claim accrues); the form's authority is 31 U.S.C. § 3723,
    # not the Internal Revenue Code, so no § 7503 weekend or holiday extension is assumed
    count = (message("count.form_8546", charged=charged, years=_whole(years), end=last),)
    return BankChargeClaim(last, (years,), count)
