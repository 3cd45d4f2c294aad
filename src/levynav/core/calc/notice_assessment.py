"""A notice of intent to levy given before the tax it names was assessed (audit 2026-12-07, round 6).

Notice and demand comes "after the making of an assessment" (26 U.S.C. § 6303(a); Treas. Reg. § 301.6303-1(a)); a
levy only for a tax not paid "within 10 days after notice and demand" (§ 6331(a)); the notice of intent to levy "may
be given at the same time as the notice and demand" (Treas. Reg. § 301.6331-2(a)(1)); the notice of the right to a
hearing states "the amount of unpaid tax" and is required once "for the taxable period to which the unpaid tax ...
relates" (§ 6330(a)(1), (3)(A)). A notice dated before a period's assessment is not read as that tax's notice: its
clocks are still shown (the person acts by them: a request made early costs nothing, Andre v. Comm'r, 127 T.C. 68
(2006)), with the clause that they may not be that tax's (reference ``NC-ASSESSED``).
"""

from __future__ import annotations

from datetime import date

from levynav.core.calc import dates
from levynav.core.model.case import Case, Notice


def assessment_dates(case: Case) -> dict[str, date]:
    """Each period's first assessment date, by period id (those with one known)."""
    return {p.id: p.assessment_date for p in case.tax_periods if p.assessment_date is not None}


def assessed_after(notice: Notice, assessed: dict[str, date]) -> tuple[tuple[str, date], ...]:
    """The periods the notice names whose tax was assessed after the notice was given (its date, or its mailing date
    when later: Weiss), with their assessment dates; none when the notice has no date or names no period (which
    periods an unlisted notice concerns is not guessed)."""
    given = dates.counting_start(notice.notice_date, notice.mailing_date)
    if given is None or not notice.tax_periods:
        return ()
    return tuple((pid, day) for pid in notice.tax_periods if (day := assessed.get(pid)) is not None and given < day)


def given_before_assessment(case: Case, period_id: str | None, given: date | None) -> bool | None:
    """Was a notice given on ``given`` before the first assessment of the period? True (the period's assessment date is
    after it: not that tax's notice, NC-ASSESSED), False (assessed on or before it), None when it cannot be told — the
    notice's date, the period or its assessment date is unknown (unknown is never read as "after")."""
    if given is None or period_id is None:
        return None
    assessed = assessment_dates(case).get(period_id)
    if assessed is None:
        return None
    return given < assessed
