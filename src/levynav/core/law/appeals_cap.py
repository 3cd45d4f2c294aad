"""The Collection Appeals Program (CAP), and the appeals of a rejected or terminated installment
agreement and of a rejected offer in compromise.

CAP is an IRS procedure (IRM 8.24.1, Pub 1660), not a statute: it covers liens, levies before or after
they are made, seizures, installment agreement rejections and terminations, and denied returns of levied
property (CAP-1). Collection usually holds the appealed action while CAP is pending (CAP-6), but the
decision cannot be taken to court and the tax itself cannot be disputed (CAP-7); CAP does not pause the
collection statute except for installment agreement appeals, § 6331(k)(3) (CAP-8).

Open question (E.3): the CAP day counts for revenue-officer cases come from quoted Pub 1660/Pub 594 text;
an archived irs.gov page (2014) says "2 days" to submit Form 9423. The 3-business-day count is used and
the conflict is shown with the earlier, safer date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from levynav.core.calc import dates
from levynav.core.calc.hearing_windows import deadline, hearing_notices, param_use, request_kind
from levynav.core.law.return_periods import MONEY_KINDS, claims_for, return_period
from levynav.core.law.route_windows import days_after, made_in_time, open_or_closed
from levynav.core.law.rule import (
    APPLIES,
    DOES_NOT_APPLY,
    INFO,
    NOT_APPLICABLE,
    ROUTE_CLOSED,
    UNKNOWN,
    Context,
    DeadlineFunc,
    Rule,
    RuleFunc,
)
from levynav.core.model.analysis import Deadline, Effect, Finding, ParamUse, message
from levynav.core.model.case import AlternativeStatus, Case, HearingRequest, InstallmentAgreement, Levy, Offer, Owner

# enumeration members the functions read on every call, hoisted (a member read from its class goes
# through the enum metaclass's __getattr__ hook)
_REJECTED = AlternativeStatus.REJECTED
_TERMINATED = AlternativeStatus.TERMINATED
_THIRD_PARTY = Owner.THIRD_PARTY

CAP = Rule(
    id="CAP-1",
    title="Collection Appeals Program (CAP)",
    cites=("CAP-1", "CAP-3", "CAP-6", "CAP-7", "CAP-8"),
    effect=Effect.ROUTE_OPEN,
)
CAP_RO = Rule(
    id="CAP-2",
    title="CAP when a revenue officer has your case: short business-day limits",
    cites=("CAP-2", "CAP-6", "CAP-7"),
    effect=Effect.ROUTE_OPEN,
)
CAP_IA = Rule(
    id="CAP-4",
    title="Appeal of a rejected or terminated installment agreement (30 days)",
    cites=("CAP-4", "CAP-7", "CAP-8"),
    effect=Effect.ROUTE_OPEN,
)
CAP_THIRD_PARTY = Rule(
    id="CAP-5",
    title="CAP for the owner of property levied for your debt",
    cites=("CAP-5", "CAP-1", "R6343-B1"),
    effect=Effect.ROUTE_OPEN,
)
OIC_APPEAL = Rule(
    id="D13",
    title="Appeal of a rejected offer in compromise (30 days)",
    cites=("D13",),
    effect=Effect.ROUTE_OPEN,
)


def _active_levies(case: Case, as_of: date) -> list[int]:
    return [i for i, lv in enumerate(case.levies) if lv.released_date is None or lv.released_date > as_of]


def _cap_available(case: Case, as_of: date) -> bool:
    return bool(_active_levies(case, as_of) or hearing_notices(case))


def collection_appeals_program(case: Case, ctx: Context) -> list[Finding]:
    """CAP-1: CAP is open for a levy or lien before or after it is made; no fixed day count for notice cases."""
    active = _active_levies(case, ctx.as_of)
    notices = [i for i, _ in hearing_notices(case)]
    if not active and not notices:
        return [CAP.finding(NOT_APPLICABLE, "nothing_to_appeal")]
    facts: dict[str, object] = {f"levies[{i}].kind": case.levies[i].kind for i in active}
    facts.update({f"notices[{i}].type": case.notices[i].type for i in notices})
    return [CAP.finding(APPLIES, "open", facts=facts)]


def _business(pid: str, start: date) -> tuple[date, ParamUse] | None:
    """The day a CAP business-day count ends. The count is Pub. 1660's, not an internal revenue law's (so § 7503 and
    its DC legal holidays do not govern it): it skips weekends and the holidays federal offices observe everywhere,
    and counts DC Emancipation Day and Inauguration Day as business days — the earlier day, which protects the
    person (a revenue officer outside the DC area works those days)."""
    use = param_use(pid, start)
    if use is None or not isinstance(use.value, int):
        return None
    return dates.add_nationwide_business_days(start, use.value), use


def _ro_dates(case: Case) -> dict[str, tuple[date, ParamUse]]:
    """The CAP-2 dates that the case's conference facts give (empty when none)."""
    c = case.circumstances
    out: dict[str, tuple[date, ParamUse]] = {}
    if c.cap_conference_date is not None:
        notify = _business("cap.notify_business_days", c.cap_conference_date)
        form = _business("cap.form_9423_business_days", c.cap_conference_date)
        archived = param_use("cap.form_9423_days_archived_page", c.cap_conference_date)
        if notify and form:
            out["notify"], out["form"] = notify, form
        if archived is not None and isinstance(archived.value, int):
            out["archived"] = (dates.last_day_after(c.cap_conference_date, archived.value).raw, archived)
    elif c.cap_conference_request_date is not None:
        contact = _business("cap.manager_contact_business_days", c.cap_conference_request_date)
        form = _business("cap.no_contact_form_9423_business_days", c.cap_conference_request_date)
        if contact and form:
            out["contact"], out["form"] = contact, form
    return out


def cap_revenue_officer(case: Case, ctx: Context) -> list[Finding]:
    """CAP-2: with a revenue officer, tell them within 2 business days and postmark Form 9423 within 3."""
    if not _cap_available(case, ctx.as_of):
        return []
    c = case.circumstances
    path = "circumstances."
    if c.revenue_officer_assigned is None:
        return [CAP_RO.finding(UNKNOWN, "ro_unknown", missing=[path + "revenue_officer_assigned"])]
    facts: dict[str, object] = {path + "revenue_officer_assigned": c.revenue_officer_assigned}
    if not c.revenue_officer_assigned:
        return [CAP_RO.finding(NOT_APPLICABLE, "no_ro", facts=facts)]
    got = _ro_dates(case)
    if "form" not in got:
        return [CAP_RO.finding(APPLIES, "ro_steps", facts=facts)]
    form, form_use = got["form"]
    # The manager conference (held, or asked for without contact) fixes the route's days and words.
    if c.cap_conference_date is not None:
        facts[path + "cap_conference_date"] = c.cap_conference_date
        notify, notify_use = got["notify"]
        archived = got.get("archived")
        safe = min(form, archived[0]) if archived else form
        uses = [notify_use, form_use] + ([archived[1]] if archived else [])
        key, passed, ids = "conference", "conference_passed", ["cap.notify_manager", "cap.form_9423"]
        shown: dict[str, Any] = {"conference_date": c.cap_conference_date, "notify_by": notify, "safe_by": safe}
    else:
        assert c.cap_conference_request_date is not None
        facts[path + "cap_conference_request_date"] = c.cap_conference_request_date
        contact, contact_use = got["contact"]
        uses = [contact_use, form_use]
        key, passed, ids = "requested", "request_passed", ["cap.form_9423"]
        shown = {"request_date": c.cap_conference_request_date, "contact_by": contact}
    if ctx.as_of > form:
        return [CAP_RO.finding(DOES_NOT_APPLY, passed, effect=ROUTE_CLOSED, facts=facts, params=uses, form_by=form)]
    return [CAP_RO.finding(APPLIES, key, facts=facts, params=uses, value=form, deadline_ids=ids, form_by=form, **shown)]


def _ia_window(ia: InstallmentAgreement) -> tuple[str, dates.LastDay, ParamUse] | None:
    """('rejection'|'termination', last day, parameter) for an agreement that can be appealed."""
    if ia.rejected_date is not None:
        start, pid, what = ia.rejected_date, "cap.ia_rejection_appeal_days", "rejection"
    elif ia.terminated_date is not None:
        start, pid, what = ia.terminated_date, "cap.ia_termination_appeal_days", "termination"
    elif ia.termination_notice_date is not None:
        start, pid, what = ia.termination_notice_date, "cap.ia_termination_appeal_days", "termination"
    else:
        return None
    window = days_after(pid, start)
    if window is None:
        return None
    return what, *window


def installment_agreement_appeal(case: Case, ctx: Context) -> list[Finding]:
    """CAP-4: appeal an IA rejection on or before the 30th day after the letter; a termination within 30 days."""
    out = []
    for i, ia in enumerate(case.installment_agreements):
        subject = f"installment_agreements[{i}]"
        rejected = ia.status is _REJECTED or ia.rejected_date is not None
        terminated = ia.status is _TERMINATED or ia.terminated_date or ia.termination_notice_date
        if not rejected and not terminated:
            continue
        window = _ia_window(ia)
        if window is None:
            field = "rejected_date" if rejected else "terminated_date"
            out.append(CAP_IA.finding(UNKNOWN, "date_unknown", subject=subject, missing=[f"{subject}.{field}"]))
            continue
        what, counted, use = window
        last = counted.last
        facts: dict[str, object] = {f"{subject}.status": ia.status}
        for name in ("rejected_date", "termination_notice_date", "terminated_date", "appeal_date"):
            if getattr(ia, name) is not None:
                facts[f"{subject}.{name}"] = getattr(ia, name)
        common: dict[str, Any] = {"subject": subject, "facts": facts, "params": [use], "last_day": last}
        if (
            what == "termination"
            and ia.terminated_date is not None
            and ia.appeal_date is not None
            and ia.appeal_date < ia.terminated_date
        ):
            out.append(CAP_IA.finding(APPLIES, "appealed_before_termination", effect=INFO, value=last, **common))
        elif ia.appeal_date is not None:
            out.append(
                made_in_time(
                    CAP_IA,
                    ia.appeal_date,
                    last,
                    f"{what}_appealed",
                    "appeal_late",
                    value=last,
                    appeal_date=ia.appeal_date,
                    **common,
                )
            )
        else:
            did = "ia.rejection_appeal" if what == "rejection" else "ia.termination_appeal"
            out.append(
                open_or_closed(
                    CAP_IA, ctx.as_of, last, did, open_key=f"{what}_open", closed_key=f"{what}_closed", **common
                )
            )
    return out


def third_party_cap(case: Case, ctx: Context) -> list[Finding]:
    """CAP-5: the owner of property levied for your debt can use CAP before the money is applied.

    The owner's request to have the money returned is bound by the § 6343(b) period counted from the date of the
    levy (2 years, or 9 months for levies whose old period had run out before 2017-12-22: Pub. L. 115-97
    § 11071(c)); property itself "may be returned at any time". The period is the return rules' own
    (``return_periods.return_period``), never a number written into the words. Once it has passed for levied
    money, with no request made in time, neither CAP nor the IRS can return the money: the route is closed
    (EC Term of Years Trust v. United States, 550 U.S. 429 (2007): the owner's § 7426 suit, within § 6532(c),
    is then the only remedy, and it too runs from the levy)."""
    return [_third_party(case, ctx, i, lv) for i, lv in enumerate(case.levies) if lv.owner is _THIRD_PARTY]


def _third_party(case: Case, ctx: Context, i: int, lv: Levy) -> Finding:
    rule, s = CAP_THIRD_PARTY, f"levies[{i}]"
    owner = lv.third_party_name or message(f"{rule.id}.owner_default")
    facts: dict[str, object] = {f"{s}.owner": lv.owner}
    period = return_period(lv)
    if period is None:
        return rule.finding(APPLIES, "third_party_no_date", subject=s, facts=facts, owner=owner)
    facts[f"{s}.served_date"] = lv.served_date
    # a letter that was not a proper § 6343(b) request is not one (Amwest; see return_wrongful._wrongful)
    claims = claims_for(case, i, lv)
    asked = sorted(c.filed_date for _, c in claims if c.filed_date <= period.latest and c.proper_request is not False)
    common: dict[str, Any] = {"subject": s, "facts": facts, "params": [period.param]}
    common["deadline_ids"] = ["return.request"]
    if asked:  # the owner's written request, made within the period (the return rule R6343-B1 tells its course)
        return rule.finding(APPLIES, "third_party_asked", owner=owner, filed=asked[0], **common)
    if lv.kind in MONEY_KINDS and ctx.as_of > period.latest:
        closed: dict[str, Any] = {"effect": ROUTE_CLOSED, "owner": owner, "deadline": period.last.last}
        return rule.finding(DOES_NOT_APPLY, "third_party_too_late", **closed, **common)
    return rule.finding(APPLIES, "third_party", owner=owner, deadline=period.last.last, **common)


def _offer_window(rejected: date) -> tuple[dates.LastDay, ParamUse] | None:
    return days_after("oic.rejection_appeal_days", rejected)


def offer_rejection_appeal(case: Case, ctx: Context) -> list[Finding]:
    """D13: a written appeal (Form 13711) within 30 days of the rejection notice; no levy meanwhile (§ 6331(k)(1))."""
    out = []
    for i, offer in enumerate(case.offers):
        if offer.status is not _REJECTED and offer.rejected_date is None:
            continue
        subject = f"offers[{i}]"
        window = _offer_window(offer.rejected_date) if offer.rejected_date else None
        if window is None:
            out.append(
                OIC_APPEAL.finding(UNKNOWN, "date_unknown", subject=subject, missing=[f"{subject}.rejected_date"])
            )
            continue
        last, use = window[0].last, window[1]
        facts: dict[str, object] = {f"{subject}.rejected_date": offer.rejected_date}
        common: dict[str, Any] = {"subject": subject, "facts": facts, "params": [use], "last_day": last}
        if offer.appeal_date is not None:
            facts[f"{subject}.appeal_date"] = offer.appeal_date
            out.append(
                made_in_time(
                    OIC_APPEAL,
                    offer.appeal_date,
                    last,
                    "appealed",
                    "appeal_late",
                    value=last,
                    appeal_date=offer.appeal_date,
                    **common,
                )
            )
        else:
            # the 30 days are over, but a CDP hearing is pending: Appeals reviews the offer there (Loveland)
            pending = _cdp_pending(case, offer) if ctx.as_of > last else None
            if pending is None:
                out.append(open_or_closed(OIC_APPEAL, ctx.as_of, last, "oic.rejection_appeal", **common))
                continue
            j, req = pending
            facts[f"proceedings.hearing_requests[{j}].request_date"] = req.request_date
            out.append(
                OIC_APPEAL.finding(
                    APPLIES,
                    "raise_in_cdp",
                    value=last,
                    also_cites=("D13-LOVELAND",),
                    requested=req.request_date,
                    **common,
                )
            )
    return out


def _cdp_pending(case: Case, offer: Offer) -> tuple[int, HearingRequest] | None:
    """A CDP hearing request (by its timing, Ruhaak) not yet decided, for a period of the offer when both name them.

    Loveland v. Comm'r, 151 T.C. 78 (2018): "A meeting with a collections officer is not a prior administrative
    proceeding under I.R.C. sec. 6330(c)(4)(A)(i)" — an offer rejected by Collection and never appealed may be raised
    in the CDP hearing, and Appeals abused its discretion by not considering it with the financial information already
    given (reference D13-LOVELAND)."""
    for j, req in enumerate(case.proceedings.hearing_requests):
        if req.determination_date is not None or request_kind(case, j).cdp is not True:
            continue
        if req.tax_periods and offer.tax_periods and not set(req.tax_periods) & set(offer.tax_periods):
            continue
        return j, req
    return None


def cap_deadlines(case: Case, ctx: Context) -> list[Deadline]:
    """cap.notify_manager, cap.form_9423 (revenue-officer cases with conference dates)."""
    c = case.circumstances
    if not c.revenue_officer_assigned or not _cap_available(case, ctx.as_of):
        return []
    got = _ro_dates(case)
    if "form" not in got:
        return []
    out = []
    form = got["form"][0]
    if "notify" in got and c.cap_conference_date is not None:
        conf = c.cap_conference_date
        archived = got.get("archived")
        conflict = [message("count.cap_archived_conflict", days=archived[1].value, day=archived[0])] if archived else []
        out.append(
            deadline(
                "cap.notify_manager",
                message("deadline.cap.notify_manager.title"),
                got["notify"][0],
                ctx.as_of,
                message("deadline.cap.notify_manager.protects"),
                CAP_RO.cites,
                [message("count.cap_notify", days=got["notify"][1].value, conference=conf)],
            )
        )
        out.append(
            deadline(
                "cap.form_9423",
                message("deadline.cap.form_9423.title"),
                form,
                ctx.as_of,
                message("deadline.cap.form_9423.protects"),
                CAP_RO.cites,
                [message("count.cap_form", days=got["form"][1].value, conference=conf), *conflict],
            )
        )
    elif c.cap_conference_request_date is not None:
        out.append(
            deadline(
                "cap.form_9423",
                message("deadline.cap.form_9423.title_no_contact"),
                form,
                ctx.as_of,
                message("deadline.cap.form_9423.protects_no_contact", days=got["contact"][1].value),
                CAP_RO.cites,
                [message("count.cap_no_contact", days=got["form"][1].value, request=c.cap_conference_request_date)],
            )
        )
    return out


def agreement_deadlines(case: Case, ctx: Context) -> list[Deadline]:
    """ia.rejection_appeal, ia.termination_appeal, oic.rejection_appeal."""
    out = []
    for i, ia in enumerate(case.installment_agreements):
        window = _ia_window(ia)
        if window is None or ia.appeal_date is not None:
            continue
        what, counted, _ = window
        out.append(
            deadline(
                f"ia.{what}_appeal",
                message(f"deadline.ia.{what}_appeal.title"),
                counted.last,
                ctx.as_of,
                message(f"deadline.ia.{what}_appeal.protects"),
                CAP_IA.cites,
                counted.count(f"ia_{what}"),
                f"installment_agreements[{i}]",
            )
        )
    for i, offer in enumerate(case.offers):
        if offer.rejected_date is None or offer.appeal_date is not None:
            continue
        offer_window = _offer_window(offer.rejected_date)
        if offer_window is None:
            continue
        counted = offer_window[0]
        out.append(
            deadline(
                "oic.rejection_appeal",
                message("deadline.oic.rejection_appeal.title"),
                counted.last,
                ctx.as_of,
                message("deadline.oic.rejection_appeal.protects"),
                OIC_APPEAL.cites,
                [*counted.count("oic_rejection"), message("count.postmark")],
                f"offers[{i}]",
            )
        )
    return out


RULES: list[RuleFunc] = [
    collection_appeals_program,
    cap_revenue_officer,
    installment_agreement_appeal,
    third_party_cap,
    offer_rejection_appeal,
]
DEADLINES: list[DeadlineFunc] = [cap_deadlines, agreement_deadlines]
