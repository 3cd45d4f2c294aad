"""An offer in compromise not rejected within 24 months is deemed accepted: 26 U.S.C. § 7122(f).

"Any offer-in-compromise submitted under this section shall be deemed to be accepted by the Secretary if such
offer is not rejected by the Secretary before the date which is 24 months after the date of the submission of such
offer. For purposes of the preceding sentence, any period during which any tax liability which is the subject of
such offer-in-compromise is in dispute in any judicial proceeding shall not be taken into account in determining
the expiration of the 24-month period." Added by Pub. L. 109-222 § 509(b)(2), for offers submitted on and after
the date 60 days after May 17, 2006 (§ 509(d)): 16 July 2006 (parameter ``discretionary.offer_deemed_acceptance``).

Counted from the date the IRS received the offer (Form 656 (Rev. 4-2025) § 7(b): the clock starts when the correct
centralized offer site receives it) — ``offers[].submitted_date``. Days in court are added from
``offers[].judicial_dispute_days`` (unknown: the date is "at least"; only days while the offer was open count).
The IRS's position (Notice 2006-68, IRM 5.8): a rejection, return or withdrawal within the 24 months stops the clock,
and an appeal to Appeals after a rejection does not count toward it. The Tax Court has held that an offer returned
to the taxpayer was "rejected by the Secretary" on its return (Brown v. Commissioner, 158 T.C. No. 9 (2022),
precedential) and has followed the IRS where a written rejection came within the period (Bauche v. Commissioner,
T.C. Memo. 2025-48). That reading is encoded, with its status shown.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from levynav.core import params
from levynav.core.calc import dates
from levynav.core.law import registry
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, NOT_APPLICABLE, UNKNOWN, Context, Rule
from levynav.core.model.analysis import Deadline, Effect, Finding, message
from levynav.core.model.case import AlternativeStatus, Case, Offer
from levynav.core.model.construct import construct

S = AlternativeStatus
PARAM = "discretionary.offer_deemed_acceptance_months"


def _in_force(submitted: date) -> bool:
    """Whether § 7122(f) applies to an offer submitted on ``submitted`` (no value before the law began)."""
    try:
        return params.use(PARAM, submitted).value is not None
    except params.MissingParameter:
        return False


DEEMED_ACCEPTED = Rule(
    id="R7122-F1",
    title="An offer not rejected within 24 months is accepted by law",
    cites=("R7122-F1", "R7122-F1-IRS"),
    effect=Effect.ROUTE_OPEN,
)

ENDS = {S.REJECTED: "rejected_date", S.RETURNED: "returned_date", S.WITHDRAWN: "withdrawn_date"}
WORDS = {S.REJECTED: "rejected", S.RETURNED: "returned", S.WITHDRAWN: "withdrawn"}


def deemed_date(offer: Offer) -> tuple[date | None, date | None]:
    """(the date the offer is deemed accepted, or None when the court days are unknown; the date without them)."""
    if offer.submitted_date is None:
        return None, None
    months = params.number(PARAM, offer.submitted_date)
    base = dates.add_months(offer.submitted_date, months)
    if offer.judicial_dispute_days is None:
        return None, base
    return base + timedelta(days=offer.judicial_dispute_days), base


def _one(offer: Offer, sub: str, ctx: Context) -> Finding:
    rule = DEEMED_ACCEPTED
    facts: dict[str, object] = {f"{sub}.status": offer.status}
    if offer.submitted_date is None:
        return rule.finding(UNKNOWN, "submitted_unknown", subject=sub, facts=facts, missing=[f"{sub}.submitted_date"])
    facts[f"{sub}.submitted_date"] = offer.submitted_date
    if not _in_force(offer.submitted_date):
        return rule.finding(NOT_APPLICABLE, "before_law", subject=sub, facts=facts, submitted=offer.submitted_date)
    use = params.use(PARAM, offer.submitted_date)
    deemed, base = deemed_date(offer)
    assert base is not None
    if offer.judicial_dispute_days is not None:
        facts[f"{sub}.judicial_dispute_days"] = offer.judicial_dispute_days
    shown = deemed or base
    court = [message(f"{rule.id}.court_days", days=offer.judicial_dispute_days)] if offer.judicial_dispute_days else []
    when: dict[str, Any] = {
        "submitted": offer.submitted_date,
        "deemed": shown,
        "court": court,
        "at_least": [] if deemed else [message(f"{rule.id}.at_least")],
    }
    common: dict[str, Any] = {
        "subject": sub,
        "facts": facts,
        "params": [use],
        "value": shown,
        "deadline_ids": ["offer.deemed_acceptance"],
    }
    if offer.status in {S.ACCEPTED, S.TERMINATED}:
        return rule.finding(DOES_NOT_APPLY, "accepted", subject=sub, facts=facts, params=[use])
    if offer.status in ENDS:
        name = ENDS[offer.status]
        ended: date | None = getattr(offer, name)
        if ended is None:
            return rule.finding(
                UNKNOWN,
                "end_unknown",
                missing=[f"{sub}.{name}"],
                **common,
                what=message(f"{rule.id}.{WORDS[offer.status]}"),
                **when,
            )
        facts[f"{sub}.{name}"] = ended
        if ended < base or (deemed is not None and ended < deemed):
            return rule.finding(
                DOES_NOT_APPLY,
                "ended_in_time",
                **common,
                what=message(f"{rule.id}.{WORDS[offer.status]}"),
                ended=ended,
                **when,
            )
        if deemed is None:
            return rule.finding(
                UNKNOWN, "court_days_unknown", missing=[f"{sub}.judicial_dispute_days"], **common, **when
            )
        return rule.finding(
            APPLIES,
            "ended_too_late",
            **common,
            what=message(f"{rule.id}.{WORDS[offer.status]}"),
            ended=ended,
            **when,
        )
    if ctx.as_of < base or (deemed is not None and ctx.as_of < deemed):
        return rule.finding(DOES_NOT_APPLY, "not_yet", **common, **when)
    if deemed is None:
        return rule.finding(UNKNOWN, "court_days_unknown", missing=[f"{sub}.judicial_dispute_days"], **common, **when)
    return rule.finding(APPLIES, "deemed_accepted", **common, **when)


def offer_deemed_accepted(case: Case, ctx: Context) -> list[Finding]:
    """One finding per offer: is it (or will it be) accepted by law under § 7122(f), and on what date?"""
    return [_one(o, f"offers[{i}]", ctx) for i, o in enumerate(case.offers)]


def deemed_acceptance_dates(case: Case, ctx: Context) -> list[Deadline]:
    """The date each open offer is accepted by law if the IRS has not rejected it before then."""
    out: list[Deadline] = []
    for i, offer in enumerate(case.offers):
        if offer.status not in {S.REQUESTED, S.PENDING} or offer.submitted_date is None:
            continue
        if not _in_force(offer.submitted_date):
            continue
        deemed, base = deemed_date(offer)
        day = deemed or base
        assert day is not None
        how = [
            message(
                "count.offer_received", months=params.number(PARAM, offer.submitted_date), received=offer.submitted_date
            )
        ]
        if offer.judicial_dispute_days:
            how.append(message("count.offer_court_days", days=offer.judicial_dispute_days))
        if deemed is None:
            how.append(message("count.offer_court_days_unknown"))
        out.append(
            construct(
                Deadline,
                id="offer.deemed_acceptance",
                title=message("deadline.offer.deemed_acceptance.title"),
                date=day,
                days_left=(day - ctx.as_of).days,
                protects=message("deadline.offer.deemed_acceptance.protects"),
                citations=registry.cites(("R7122-F1",)),
                computation=how,
                subject=f"offers[{i}]",
                passed=day <= ctx.as_of,
            )
        )
    return out
