"""The clocks a notice starts besides the hearing windows (those are ``law/appeals.py``): NC-1 and NC-2.

- NC-1: the earliest day a levy may be made after a § 6331(d) notice of intent to levy (CP504, CP504B, and the
  pre-levy CDP notices): "not less than 30 days before the day of the levy" (§ 6331(d)(2)). After a CP504, which is
  not the § 6330(a) notice of the right to a hearing, that day opens only the levies § 6330(f) lets come before a
  hearing (a state tax refund, a federal contractor's payments, a disqualified employment tax levy): "No levy may
  be made ... unless the Secretary has notified such person in writing of their right to a hearing" (§ 6330(a)(1));
  the findings say so (``*_no_hearing_notice``). Parameter
  ``discretionary.intent_to_levy_days``, counted from the notice date, or the mailing date when later (Weiss
  v. Commissioner, 147 T.C. 179 (2016)). A limit on the IRS: the date is not moved off a weekend or holiday.
  A notice issued while a bankruptcy's automatic stay was in effect starts no clock (``_in_stay``).
- NC-2: the reply-by date printed on a CP91/CP298 (final notice before a levy on Social Security benefits;
  reference R6331-H1, a secondary source): shown as printed, nothing computed.

Each is a rule with a finding per notice (the date as its typed value) and a deadline of the same subject, so
`levynav analyze` shows every date `levynav notice` shows (the notice command analyzes a one-notice case).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from levynav.core import lawdata, params
from levynav.core.calc import dates, hearing_windows, notice_assessment
from levynav.core.calc.repeat_filing_stay import stayed_on
from levynav.core.law import notices
from levynav.core.law.deciding import informs
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, UNKNOWN, Context, DeadlineFunc, Rule, RuleFunc, once
from levynav.core.model.analysis import Deadline, Effect, Finding, Message, TextArg, message
from levynav.core.model.case import Case, Notice, NoticeType
from levynav.core.model.construct import construct

EARLIEST_LEVY = Rule(
    id="NC-1",
    title="The earliest day the IRS may levy after a notice of intent to levy",
    cites=("NC-1", "R6330-A1", "CDP-4"),
    effect=Effect.INFO,
)
PRINTED_REPLY_BY = Rule(
    id="NC-2",
    title="The reply-by date printed on a final notice before a Social Security levy",
    cites=("NC-2", "R6331-H1"),
    effect=Effect.INFO,
)
SOCIAL_SECURITY_FINAL = frozenset({NoticeType.CP91, NoticeType.CP298})
EARLIEST_LEVY_ID = "notice.earliest_levy"
REPLY_BY_ID = "notice.printed_reply_by"


def _earliest(
    i: int, notice: Notice, case: Case, ctx: Context, assessed: dict[str, date], positions: dict[str, int]
) -> tuple[Finding, Deadline | None]:
    sub = f"notices[{i}]"
    kind, printed, mailed = notice.type, notice.notice_date, notice.mailing_date
    facts: dict[str, Any] = {f"{sub}.type": kind, f"{sub}.notice_date": printed}
    if mailed is not None:
        facts[f"{sub}.mailing_date"] = mailed
    start = dates.counting_start(printed, mailed)
    # a notice mailed elsewhere than the last known address is given only when it reaches the person (§ 6331(d)(2);
    # CDP-17-ADDRESS): its days count from the day it did, as the premature-levy check counts them (R6330-A1)
    received = notice.received_date if notice.sent_to_last_known_address is False else None
    if received is not None:
        facts[f"{sub}.sent_to_last_known_address"] = False
        facts[f"{sub}.received_date"] = received
        if start is None or received > start:
            start = received
        else:
            received = None  # reached the person no later than the notice's own date: counted as usual
    rule = EARLIEST_LEVY
    if start is None:
        missing = [f"{sub}.notice_date"]
        return rule.finding(UNKNOWN, "date_unknown", subject=sub, facts=facts, missing=missing), None
    if case.proceedings.bankruptcies:  # a case without a bankruptcy goes on at once
        stayed = _in_stay(sub, notice, case, facts)
        if stayed is not None:
            return stayed, None
    try:
        use = params.use("discretionary.intent_to_levy_days", start)
    except params.MissingParameter:
        return rule.finding(UNKNOWN, "law_unknown", subject=sub, facts=facts, start=start), None
    if not isinstance(use.value, int):
        return rule.finding(UNKNOWN, "law_unknown", subject=sub, facts=facts, params=[use], start=start), None
    day, title, protects, count = _counted(kind, printed, mailed, received, start, use.value)
    # given before a period it names was assessed: its day is no levy day for that tax (§§ 6303(a), 6331(a), (d);
    # Reg. § 301.6331-2(a)(1): the notice of intent comes with or after notice and demand); the day is still shown —
    # no levy before it in any case — with the clause, and the finding says so (calc/notice_assessment)
    early = notice_assessment.assessed_after(notice, assessed)
    said = [message("count.before_assessment_levy", period=pid, assessed=on) for pid, on in early]
    deadline = hearing_windows.deadline(
        EARLIEST_LEVY_ID, title, day, ctx.as_of, protects, rule.cites, [count, *said], sub
    )
    key = "passed" if day < ctx.as_of else "ahead"
    if early:
        pid, on = early[0]
        facts[f"tax_periods[{positions[pid]}].assessment_date"] = on
        finding = rule.finding(
            APPLIES,
            "before_assessment",
            subject=sub,
            facts=facts,
            params=[use],
            value=day,
            deadline_ids=[EARLIEST_LEVY_ID],
            also_cites=("NC-ASSESSED",),
            notice=kind.value,
            start=start,
            period=pid,
            assessed=on,
            day=day,
        )
        return finding, deadline
    if not notices.is_cdp_levy_notice(kind):
        # a § 6331(d) notice without the § 6330(a) hearing notice (CP504): after its days only the levies
        # § 6330(f) lets come before a hearing (a state tax refund, a federal contractor's payments, a disqualified
        # employment tax levy); any other levy still needs the notice of the right to a hearing (§ 6330(a)(1))
        key += "_no_hearing_notice"
    finding = rule.finding(
        APPLIES,
        key,
        subject=sub,
        facts=facts,
        params=[use],
        value=day,
        deadline_ids=[EARLIEST_LEVY_ID],
        notice=kind.value,
        day=day,
        days=use.value,
    )
    return finding, deadline


def _in_stay(sub: str, notice: Notice, case: Case, facts: dict[str, Any]) -> Finding | None:
    """A notice of intent to levy issued while a bankruptcy's automatic stay was in effect (``stayed_on``, counted from
    the day the notice was issued: its date, or its mailing date when later) starts no clock and gives no levy day
    (reference RBK-362-NOTICE). The final notice of the right to a hearing: "invalid and of no effect" (Beverly v.
    Comm'r, T.C. Memo. 2005-41). A CP504 (a § 6331(d) notice that is not the hearing notice): not decided by a court;
    read the same way, as R6330-A1 reads it — it is a step to collect a claim that arose before the case, which
    11 U.S.C. § 362(a)(6) stays, and it is not the assessment or notice and demand § 362(b)(9)(D) excepts. The words
    say the stay does not cover a tax for a period after the bankruptcy began (the Case does not say when a tax
    arose). None when the notice was not issued in a stay."""
    issued = dates.counting_start(notice.notice_date, notice.mailing_date)
    k = None if issued is None else stayed_on(case, issued)
    if issued is None or k is None:
        return None
    filed = case.proceedings.bankruptcies[k].petition_date
    facts[f"proceedings.bankruptcies[{k}].petition_date"] = filed
    hearing = notices.is_cdp_levy_notice(notice.type)
    return EARLIEST_LEVY.finding(
        DOES_NOT_APPLY,
        "in_stay" if hearing else "in_stay_no_hearing_notice",
        subject=sub,
        facts=facts,
        also_cites=("RBK-362-NOTICE",),
        notice=notice.type.value,
        given=issued,
        filed=filed,
    )


def _counted(
    kind: NoticeType, printed: date | None, mailed: date | None, received: date | None, start: date, days: int
) -> tuple[date, Message, Message, Message]:
    """NC-1's day and its deadline's words (title, what it protects, how it was counted): they follow from the
    notice's type and dates and the parameter in force, not from the case or the as-of date, so they are worked
    out once per Law bundle and kept on it (the messages are shared records, never changed)."""
    key = (kind, printed, mailed, received, days)
    known: dict[tuple[NoticeType, date | None, date | None, date | None, int], tuple[date, Message, Message, Message]]
    known = lawdata.kept("notice_clocks.earliest")
    try:
        return known[key]
    except KeyError:
        pass
    day = dates.last_day_after(start, days).raw
    protects = "protects_cdp" if notices.is_cdp_levy_notice(kind) else "protects_no_hearing_notice"
    how = message("count.from_received") if received is not None else dates.counting_start_message(printed, mailed)
    counted = known[key] = (
        day,
        message(f"deadline.{EARLIEST_LEVY_ID}.title", notice=construct(TextArg, value=kind.value)),
        message(f"deadline.{EARLIEST_LEVY_ID}.{protects}"),
        message("count.earliest_levy", days=days, start=start, how=how, day=day),
    )
    return counted


def _reply_by(i: int, notice: Notice, ctx: Context) -> tuple[Finding, Deadline | None]:
    sub = f"notices[{i}]"
    kind, day = notice.type, notice.response_date
    facts: dict[str, Any] = {f"{sub}.type": kind, f"{sub}.response_date": day}
    rule = PRINTED_REPLY_BY
    if day is None:
        missing = [f"{sub}.response_date"]
        return rule.finding(UNKNOWN, "date_unknown", subject=sub, facts=facts, missing=missing), None
    title, protects, count = _reply_by_words(kind)
    deadline = hearing_windows.deadline(REPLY_BY_ID, title, day, ctx.as_of, protects, rule.cites, [count], sub)
    finding = rule.finding(
        APPLIES,
        "printed",
        subject=sub,
        facts=facts,
        value=day,
        deadline_ids=[REPLY_BY_ID],
        notice=kind.value,
        day=day,
    )
    return finding, deadline


def _reply_by_words(kind: NoticeType) -> tuple[Message, Message, Message]:
    """NC-2's deadline words for a notice type (title, what it protects, how it was counted): once per Law bundle."""
    known: dict[NoticeType, tuple[Message, Message, Message]] = lawdata.kept("notice_clocks.reply_by")
    words = known.get(kind)
    if words is None:
        words = known[kind] = (
            message(f"deadline.{REPLY_BY_ID}.title", notice=construct(TextArg, value=kind.value)),
            message(f"deadline.{REPLY_BY_ID}.protects"),
            message("count.printed_reply_by"),
        )
    return words


@once  # the rule and the deadline function read the same clocks: counted once per analysis
def _clocks(case: Case, ctx: Context) -> list[tuple[Finding, Deadline | None]]:
    out = []
    assessed = notice_assessment.assessment_dates(case)
    positions = {p.id: k for k, p in enumerate(case.tax_periods)}
    for i, notice in enumerate(case.notices):
        if notices.is_intent_to_levy_notice(notice.type):
            out.append(_earliest(i, notice, case, ctx, assessed, positions))
        if notice.type in SOCIAL_SECURITY_FINAL:
            out.append(_reply_by(i, notice, ctx))
    return out


@informs
def notice_clocks(case: Case, ctx: Context) -> list[Finding]:
    """NC-1 and NC-2: one finding per notice that starts the clock."""
    return [f for f, _ in _clocks(case, ctx)]


def notice_clock_deadlines(case: Case, ctx: Context) -> list[Deadline]:
    return [d for _, d in _clocks(case, ctx) if d is not None]


RULE_RECORDS: tuple[Rule, ...] = (EARLIEST_LEVY, PRINTED_REPLY_BY)
RULES: list[RuleFunc] = [notice_clocks]
DEADLINES: list[DeadlineFunc] = [notice_clock_deadlines]
