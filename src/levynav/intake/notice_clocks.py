"""The deadlines a notice starts, for `levynav notice`.

The hearing windows (CDP and equivalent hearing, levy and lien) are not computed here: the notice is
put into a one-notice case and ``law.appeals.hearing_deadlines`` computes them, so the command shows
exactly the dates `levynav analyze` would. This module adds what the law modules do not list as
deadlines of the person:

- the earliest day a levy may be made after a § 6331(d) notice of intent to levy (CP504, and the
  pre-levy CDP notices): "not less than 30 days before the day of the levy" (§ 6331(d)(2); reference
  D21), parameter ``discretionary.intent_to_levy_days``, counted with ``calc.dates``;
- the reply-by date printed on a CP91/CP298 (final notice before a levy on Social Security benefits;
  reference R6331-H1, a secondary source): shown as printed, nothing computed.

Day counts come from the parameter files (no number here). The mailing date is not printed on a
notice, so the count starts from the printed date unless the caller gives a later mailing date
(Weiss v. Commissioner, 147 T.C. 179 (2016)).
"""

from __future__ import annotations

from datetime import date

from levynav import params
from levynav.calc import dates
from levynav.law import appeals, appeals_windows, notices
from levynav.law.rule import Context
from levynav.model.analysis import Deadline, ParamUse
from levynav.model.case import Case, Notice, NoticeType, Taxpayer, TaxpayerKind

SOCIAL_SECURITY_FINAL = frozenset({NoticeType.CP91, NoticeType.CP298})


def _one_notice_case(notice: Notice) -> Case:
    """A case holding only this notice (the taxpayer's kind does not enter the hearing windows)."""
    return Case(taxpayer=Taxpayer(kind=TaxpayerKind.INDIVIDUAL), notices=[notice])


def earliest_levy(notice: Notice, as_of: date) -> tuple[Deadline | None, ParamUse | None, str | None]:
    """The first day a levy may be made after a § 6331(d) notice; a note when it cannot be computed."""
    if not notices.is_intent_to_levy_notice(notice.type):
        return None, None, None
    start, how = dates.counting_start(notice.notice_date, notice.mailing_date)
    if start is None:
        return None, None, "earliest levy date: the notice date could not be read"
    try:
        use = params.use("discretionary.intent_to_levy_days", start)
    except params.MissingParameter:
        return None, None, f"earliest levy date: no waiting period is on file for a notice dated {start.isoformat()}"
    if not isinstance(use.value, int):
        return None, use, "earliest levy date: the waiting period is not known"
    period = dates.last_day_after(start, use.value)
    computation = (
        f"{use.value} days after {start.isoformat()} ({how}) is {period.raw.isoformat()}: "
        "the notice must come at least this many days before the day of the levy (26 U.S.C. § 6331(d)(2)). "
        "This is a limit on the IRS, so it does not move to the next business day"
    )
    protects = "No levy for the periods on this notice before this day"
    if notices.is_cdp_levy_notice(notice.type):
        protects += "; a timely CDP hearing request stops levy for them until the hearing is over"
    deadline = appeals_windows.deadline(
        "notice.earliest_levy",
        f"Earliest day the IRS may levy after this {notice.type.value}",
        period.raw,
        as_of,
        protects,
        ("R6330-A1",),
        computation,
        "notices[0]",
    )
    return deadline, use, None


def printed_reply_by(notice: Notice, as_of: date) -> Deadline | None:
    if notice.type not in SOCIAL_SECURITY_FINAL or notice.response_date is None:
        return None
    return appeals_windows.deadline(
        "notice.printed_reply_by",
        f"Reply-by date printed on the {notice.type.value}",
        notice.response_date,
        as_of,
        "After this date the IRS may start taking up to 15% of each Social Security payment (Federal Payment "
        "Levy Program) until the levy is released",
        ("R6331-H1",),
        "the date printed on the notice; nothing is computed (the 30-day period for these notices rests on a "
        "secondary source)",
        "notices[0]",
    )


def notice_deadlines(notice: Notice, as_of: date) -> tuple[list[Deadline], list[ParamUse], list[str]]:
    """Deadlines this notice starts (hearing windows, earliest levy, printed dates), parameters used, notes."""
    case = _one_notice_case(notice)
    found = appeals.hearing_deadlines(case, Context(as_of=as_of))
    used: list[ParamUse] = [p for w in appeals_windows.windows(case) for p in w.params]
    notes: list[str] = []
    if notice.type in appeals_windows.PRE_LEVY | appeals_windows.POST_LEVY and notice.notice_date is None:
        notes.append("hearing deadlines: the notice date could not be read, so they cannot be counted")
    if notice.type in appeals_windows.LIEN and notice.nftl_filed_date is None and notice.response_date is None:
        notes.append("lien hearing deadline: neither the last date printed nor the lien filing date could be read")
    levy, use, note = earliest_levy(notice, as_of)
    if levy is not None:
        found.append(levy)
    if use is not None:
        used.append(use)
    if note:
        notes.append(note)
    printed = printed_reply_by(notice, as_of)
    if printed is not None:
        found.append(printed)
    return sorted(found, key=lambda d: d.date), used, notes
