"""Levies and the Collection Due Process rules: premature levies, post-levy hearings, the hearing stay.

- § 6331(a): levy only if the tax is not paid "within 10 days after notice and demand".
- § 6331(d)(1)–(2): levy "only after the Secretary has notified such person in writing of his intention
  to make such levy", the notice given "not less than 30 days before the day of the levy".
- § 6330(a)(1)–(2): "No levy may be made on any property or right to property of any person unless the
  Secretary has notified such person in writing of their right to a hearing", given "not less than 30
  days before the day of the first levy with respect to the amount of the unpaid tax for the taxable
  period".
- § 6330(e)(1): if a hearing is requested within that 30-day period, "the levy actions which are the
  subject of the requested hearing ... shall be suspended for the period during which such hearing, and
  appeals therein, are pending".
- § 6330(f): jeopardy, state tax refund, disqualified employment tax and federal contractor levies may
  be made first; the hearing is offered "within a reasonable period of time after the levy".

Dates run from the later of the printed and the mailing date of a notice (Weiss, 147 T.C. 179).
The notices a case lists are the notices the person has, not every notice the IRS sent: a hearing notice is
valid when mailed by certified or registered mail to the last known address, received or not (§ 6330(a)(2)(C);
Treas. Reg. § 301.6320-1(a)(2) Q&A-A11; reference CDP-17). So a notice missing from the list does not show
that the levy was made without it. For the CDP notice the account transcript decides: TC 971 AC 069 (CDP levy
notice issued) for the period, or a transcript read and showing none (``TaxPeriod.cdp_levy_notice_on_transcript``).
Without a listed notice of intent or CDP notice and without that transcript fact, the check stays unknown.
A notice listed as mailed elsewhere than the last known address (``sent_to_last_known_address: false``) was not
given by a method § 6331(d)(2) or § 6330(a)(2) allows: it counts from the day it reached the person, not at all
when the person says no hearing notice reached them, and receipt is asked for otherwise (``_given``; CDP-17-ADDRESS).
Notice and demand: without a CP14 or a later balance-due reminder (CP501, CP503, CP504, which are sent only
after the first bill and also demand payment) it stays unknown.
Open question: whether § 7503 moves the IRS's own earliest levy date is not settled by the sources
read; the taxpayer's payment window (10 days) and hearing window (30 days) are moved, the IRS's
"not less than 30 days before the levy" is not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from levynav.core.calc import hearing_windows, notice_assessment
from levynav.core.calc.cdp_petition import LATE, REFUSED, cdp_petition
from levynav.core.calc.dates import counting_start, last_day_after
from levynav.core.calc.hearing_windows import cdp_request_period
from levynav.core.calc.per_analysis import kept_per_analysis
from levynav.core.calc.repeat_filing_stay import stayed_on
from levynav.core.law.cdp_request import NOT_GIVEN_CITES, RequestKind, request_kind
from levynav.core.law.levy_facts import levy_subject, period_position
from levynav.core.law.notices import (
    NoticeRef,
    earliest_for_period,
    is_cdp_levy_notice,
    is_intent_to_levy_notice,
    is_notice_and_demand,
    is_payment_demand,
    notices_where,
    post_levy_cdp_notice_for_periods,
    window_counted,
)
from levynav.core.law.notices import ref as notice_ref
from levynav.core.law.pending_bar_windows import days, overlaps, param
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, LEVY_IMPROPER, UNKNOWN, Context, Rule, once
from levynav.core.model.analysis import Effect, Finding, Message, ParamUse, SentencesArg, message
from levynav.core.model.case import Case, HearingKind, HearingRequest, Levy, LevyKind, NoticeType
from levynav.core.model.construct import construct

CDP_STAY = Rule(
    id="R6330-E1",
    title="Levy is on hold while your timely hearing request is pending",
    cites=("R6330-E1",),
    effect=Effect.NO_LEVY,
)
LATE_REQUEST = Rule(
    id="R6330-E2",
    title="A late hearing request gets an equivalent hearing, which does not stop levies",
    cites=("R6330-E2",),
    effect=Effect.INFO,
)
CONWAY = "R6330-A1-CONWAY"  # a final notice of intent to levy is itself notice and demand (§ 6303)
PREMATURE = Rule(
    id="R6330-A1",
    title="The levy came before the required notices and waiting periods",
    cites=("R6330-A1",),
    effect=Effect.LEVY_IMPROPER,
)
# Boechler, P.C. v. Comm'r, 596 U.S. 199 (2022): the § 6330(d)(1) 30 days may be equitably tolled.
BOECHLER_CITES = ("D6",)
# The last known address (Treas. Reg. § 301.6212-2): a notice mailed elsewhere counts only once it reached the person.
ADDRESS_CITES = ("CDP-17-ADDRESS",)
POST_LEVY = Rule(
    id="R6330-F1",
    title="A levy allowed before a hearing: you can ask for a hearing after the levy",
    cites=("R6330-F1",),
    effect=Effect.ROUTE_OPEN,
)


# ---------------------------------------------------------------- timeliness of a hearing request
# Whether a request is a timely CDP request is decided once, in ``law/cdp_request.py`` (Ruhaak).


def _notice_facts(rk: RequestKind) -> dict[str, Any]:
    return dict(rk.window.facts) if rk.window is not None else {}


def _before_assessment_stay(case: Case, sub: str, facts: dict[str, Any], rk: RequestKind) -> Finding:
    """A request made after the days of a levy notice given before a period of the hearing was first assessed
    (``RequestKind.before_assessment``; reference NC-ASSESSED). § 6330(e)(1) stops levies when "a hearing is requested
    under subsection (a)(3)(B)", the 30 days of a hearing notice; this notice is not that tax's hearing notice, so the
    request is not late for the tax, but whether Appeals holds the hearing as a CDP hearing (levies stopped while it
    is pending) or gives an equivalent hearing (no stop by law) is not known: unknown, the CDP reading said first. A
    levy for that tax needs a proper hearing notice given after the assessment first (the premature-levy check)."""
    assert rk.window is not None and rk.last is not None
    pid, on = rk.before_assessment[0]
    index = next(k for k, p in enumerate(case.tax_periods) if p.id == pid)
    facts[f"tax_periods[{index}].assessment_date"] = on
    return CDP_STAY.finding(
        UNKNOWN,
        "before_assessment",
        subject=sub,
        facts=facts,
        params=rk.window.params,
        also_cites=("NC-ASSESSED",),
        notice=rk.window.notice.type.value,
        requested=rk.request.request_date,
        last=rk.last,
        counted=window_counted(rk.window),
        period=pid,
        assessed=on,
    )


@once
def cdp_hearing_pending(case: Case, ctx: Context) -> list[Finding]:
    """§ 6330(e)(1): a timely hearing request suspends levy for its periods until the determination is final.

    Jeopardy levies already made are not suspended (§ 6330(f)(1)); a court may let a levy go ahead
    during an appeal (§ 6330(e)(2)). A late request is an equivalent hearing with no stay (R6330-E2).
    """
    out: list[Finding] = []
    stays: list[tuple[HearingRequest, str, StayEnd, list[str]]] = []
    for i, req in enumerate(case.proceedings.hearing_requests):
        sub = f"proceedings.hearing_requests[{i}]"
        facts: dict[str, Any] = {f"{sub}.request_date": req.request_date, f"{sub}.kind": req.kind}
        if req.kind is HearingKind.LIEN:
            out.append(CDP_STAY.finding(DOES_NOT_APPLY, "lien_only", subject=sub, facts=facts))
            continue
        rk = request_kind(case, i)
        facts.update(_notice_facts(rk))
        if rk.not_given and rk.window is not None:
            # made after a notice that started no 30 days: a CDP request on the reading that protects the person;
            # Appeals may give an equivalent hearing instead (no stop by law) — and a levy needs a valid notice first
            notice = rk.window.notice.type.value
            out.append(
                CDP_STAY.finding(
                    UNKNOWN, "not_given", subject=sub, facts=facts, also_cites=NOT_GIVEN_CITES, notice=notice
                )
            )
            continue
        # not late for a tax assessed after its notice; when the stop would be over either way, said so below
        if rk.before_assessment and rk.last is not None and _over_either_way(case, req, rk.periods, ctx.as_of) is None:
            out.append(_before_assessment_stay(case, sub, facts, rk))
            continue
        if rk.cdp is None or rk.window is None or rk.last is None:
            over = _over_either_way(case, req, rk.periods, ctx.as_of)
            if over is not None:
                # timely or not, the stop is over and reached no levy: the question it asks decides nothing now
                last, params = over
                facts[f"{sub}.determination_date"] = req.determination_date
                facts[f"{sub}.final_date"] = req.final_date
                out.append(
                    CDP_STAY.finding(
                        DOES_NOT_APPLY,
                        "over_either_way",
                        subject=sub,
                        facts=facts,
                        params=params,
                        requested=req.request_date,
                        last=last,
                    )
                )
                continue
            if rk.assessment_unknown and rk.window is not None and rk.last is not None:
                # late by the notice's days, unless it came before the tax was assessed (NC-ASSESSED): asked
                out.append(
                    CDP_STAY.finding(
                        UNKNOWN,
                        "unknown_assessment",
                        subject=sub,
                        facts=facts,
                        params=rk.window.params,
                        missing=rk.missing,
                        also_cites=("NC-ASSESSED",),
                        notice=rk.window.notice.type.value,
                        requested=req.request_date,
                        last=rk.last,
                        counted=window_counted(rk.window),
                    )
                )
                continue
            out.append(CDP_STAY.finding(UNKNOWN, "unknown", subject=sub, facts=facts, missing=rk.missing))
            continue
        common: dict[str, Any] = {
            "subject": sub,
            "facts": facts,
            "params": rk.window.params,
            "requested": req.request_date,
            "notice": rk.window.notice.type.value,
            "last": rk.last,
            "counted": window_counted(rk.window),
        }
        if not rk.cdp:
            out.append(CDP_STAY.finding(DOES_NOT_APPLY, "late", **common))
            out.append(LATE_REQUEST.finding(APPLIES, "late", **common))
            continue
        # a determination issued during a bankruptcy's automatic stay is void (Smith v. Comm'r, 124 T.C. 36 (2005)):
        # the hearing is still pending, and so is the levy stop, until Appeals decides it anew after the stay
        void = stayed_on(case, req.determination_date) if req.determination_date and req.final_date is None else None
        end = StayEnd(None) if void is not None else stay_end(req)
        stays.append((req, sub, end, rk.periods))  # the periods of the hearing: the request's, else its notice's
        if void is not None and req.determination_date is not None:
            b = case.proceedings.bankruptcies[void]
            facts[f"{sub}.determination_date"] = req.determination_date
            facts[f"proceedings.bankruptcies[{void}].petition_date"] = b.petition_date
            out.append(
                CDP_STAY.finding(
                    APPLIES,
                    "void_determination",
                    value=rk.last,
                    also_cites=("CDP-15-SMITH",),
                    determination=req.determination_date,
                    filed=b.petition_date,
                    **common,
                )
            )
        elif req.final_date is not None and req.final_date <= ctx.as_of:
            facts[f"{sub}.final_date"] = req.final_date
            out.append(CDP_STAY.finding(DOES_NOT_APPLY, "ended", final=req.final_date, **common))
        elif end.petition_last is not None and req.determination_date is not None:
            facts[f"{sub}.determination_date"] = req.determination_date
            facts[f"{sub}.tax_court_petition_date"] = req.tax_court_petition_date
            if end.late:
                # Boechler: the 30 days may be equitably tolled; until the Tax Court accepts the late petition the
                # stop ended with the 30 days (the IRS's reading) — not known.
                out.append(
                    CDP_STAY.finding(
                        UNKNOWN,
                        "late_petition",
                        effect=CDP_STAY.effect,
                        params=[*rk.window.params, *end.params],
                        also_cites=BOECHLER_CITES,
                        subject=sub,
                        facts=facts,
                        requested=req.request_date,
                        petition=req.tax_court_petition_date,
                        last_day=end.petition_last,
                    )
                )
            elif end.refused:
                # the Tax Court refused the late petition: the stop ended with the 30 days (Boechler on remand)
                facts[f"{sub}.tax_court_late_petition_accepted"] = False
                out.append(
                    CDP_STAY.finding(
                        DOES_NOT_APPLY,
                        "ended_late_petition_refused",
                        subject=sub,
                        facts=facts,
                        params=[*rk.window.params, *end.params],
                        requested=req.request_date,
                        petition=req.tax_court_petition_date,
                        last_day=end.petition_last,
                    )
                )
            elif req.tax_court_petition_date is None and end.petition_last < ctx.as_of:
                out.append(
                    CDP_STAY.finding(
                        DOES_NOT_APPLY,
                        "ended_no_petition",
                        subject=sub,
                        facts=facts,
                        params=[*rk.window.params, *end.params],
                        requested=req.request_date,
                        determination=req.determination_date,
                        last_day=end.petition_last,
                    )
                )
            else:
                out.append(CDP_STAY.finding(APPLIES, "pending", value=rk.last, **common))
        else:
            out.append(CDP_STAY.finding(APPLIES, "pending", value=rk.last, **common))
    for i, levy in enumerate(case.levies):
        for req, rsub, end, hearing_periods in stays:
            if not overlaps(hearing_periods, levy.tax_periods) or levy.served_date is None:
                continue
            if levy.served_date < req.request_date or (end.last is not None and levy.served_date > end.last):
                petition = req.tax_court_petition_date if end.late else None
                if petition is not None and levy.served_date >= petition and not levy.jeopardy:
                    sub = levy_subject(i)
                    out.append(
                        CDP_STAY.finding(
                            UNKNOWN,
                            "levy_late_petition",
                            effect=LEVY_IMPROPER,
                            also_cites=BOECHLER_CITES,
                            subject=sub,
                            facts={f"{sub}.served_date": levy.served_date, f"{rsub}.request_date": req.request_date},
                            served=levy.served_date,
                            petition=petition,
                        )
                    )
                    break
                continue
            sub = levy_subject(i)
            facts = {f"{sub}.served_date": levy.served_date, f"{rsub}.request_date": req.request_date}
            if levy.jeopardy:
                facts[f"{sub}.jeopardy"] = True
                out.append(CDP_STAY.finding(DOES_NOT_APPLY, "levy_jeopardy", subject=sub, facts=facts))
            else:
                out.append(
                    CDP_STAY.finding(
                        APPLIES,
                        "levy_during",
                        effect=LEVY_IMPROPER,
                        subject=sub,
                        facts=facts,
                        served=levy.served_date,
                        requested=req.request_date,
                    )
                )
            break
    return out


def _over_either_way(
    case: Case, req: HearingRequest, periods: list[str], as_of: date
) -> tuple[date, list[ParamUse]] | None:
    """A request whose timeliness is not known: the last day its § 6330(e)(1) stop could have lasted, when that day
    is before ``as_of`` and no levy for the hearing's periods (unknown periods: every levy) was served from the request
    through that day (or on an unknown day). A timely request stops levy only until the determination "becomes final"
    (Reg. § 301.6330-1(g)(2) Q&A-G1, ``StayEnd``); a late one stops nothing. None otherwise (the question matters)."""
    end = stay_end(req)
    if end.last is None or end.late or end.last >= as_of:
        return None
    for levy in case.levies:
        if not overlaps(periods, levy.tax_periods):
            continue
        if levy.served_date is None or req.request_date <= levy.served_date <= end.last:
            return None
    return end.last, list(end.params)


@dataclass(frozen=True)
class StayEnd:
    """When the § 6330(e)(1) levy stop of a timely CDP request ends, as far as the facts tell.

    Reg. § 301.6330-1(g)(2) Q&A-G1 (as quoted in Burke v. Comm'r, 124 T.C. 189 (2005)): the suspension continues
    until "the Notice of Determination resulting from the CDP hearing becomes final upon either the expiration of
    the time for seeking judicial review or upon exhaustion of any right to appeals following judicial review".
    ``last``: the last day of the stop (None while it runs: no determination yet, or a timely petition without a
    final decision); ``petition_last``: the last day to petition the Tax Court; ``late``: a petition filed after it
    (Boechler: the court may still accept it); ``refused``: a petition filed after it that the court refused (the stop
    ended with the 30 days). A late petition the court accepted counts as a timely one.
    """

    last: date | None
    petition_last: date | None = None
    late: bool = False
    refused: bool = False
    params: tuple[ParamUse, ...] = ()


def stay_end(req: HearingRequest) -> StayEnd:
    """The stop's end from the request's dates; the 30 days and the petition's standing are ``calc.cdp_petition``'s
    (the one answer CDP-15 and the collection statute read too)."""
    if req.final_date is not None:
        return StayEnd(req.final_date)
    if req.determination_date is None:
        return StayEnd(None)
    petition = cdp_petition(req.determination_date, req.tax_court_petition_date, req.tax_court_late_petition_accepted)
    if petition is None:
        return StayEnd(None)
    last, used = petition.last, (petition.use,)
    if petition.status is None:
        return StayEnd(last, last, params=used)
    if petition.status == REFUSED:
        return StayEnd(last, last, refused=True, params=used)
    if petition.status == LATE:
        return StayEnd(last, last, late=True, params=used)
    return StayEnd(None, last, params=used)


# ---------------------------------------------------------------- premature levy and post-levy hearings


def post_levy_reasons(case: Case, levy: Levy) -> list[str]:
    """The § 6330(f) exceptions that let this levy come before a hearing (message keys of R6330-F1)."""
    reasons = []
    if levy.jeopardy:
        reasons.append("jeopardy")
    if levy.kind is LevyKind.STATE_TAX_REFUND:
        reasons.append("state_refund")
    if levy.disqualified_employment_tax:
        reasons.append("detl")
    if case.taxpayer.federal_contractor:
        reasons.append("contractor")
    if not reasons and _post_levy_notice_about(case, levy):
        reasons.append("post_notice")
    return reasons


_ANY_KIND_POST_LEVY = frozenset({NoticeType.CP297A, NoticeType.CP297C})  # § 6330(h)(1), (h)(2): "any levy"


def _post_levy_notice_about(case: Case, levy: Levy) -> bool:
    """A post-levy hearing notice (§ 6330(f)) in the file that can be about this levy: one is sent only after a
    levy that § 6330(f) let come first, so it tells of an excepted levy of its own kind made on or before its date —
    a CP92 of a state tax refund levy (already excused by its kind), a CP297A of a disqualified employment tax
    levy (any levy for employment taxes after a hearing request on employment taxes of the 2 years before,
    § 6330(h)(1)) or a CP297C of a federal contractor levy (any levy on a contractor, § 6330(h)(2)). It does not
    excuse a levy of another kind, or one made after it (a later levy is weighed on its own notices). Unknown dates
    are read for the person: the notice may be about the levy."""
    every, unlisted, by_period = _any_kind_post_levy_notices(case)
    if not every:
        return False
    about = every if not levy.tax_periods else [*unlisted, *(r for p in levy.tax_periods for r in by_period.get(p, ()))]
    served = levy.served_date
    return any(served is None or ref.start is None or served <= ref.start for ref in about)


@kept_per_analysis  # once per analysis, not one pass over the notices per levy; read only
def _any_kind_post_levy_notices(case: Case) -> tuple[list[NoticeRef], list[NoticeRef], dict[str, list[NoticeRef]]]:
    """The case's CP297A and CP297C notices (``_ANY_KIND_POST_LEVY``): all of them, those that name no period (about
    every period, ``notices.covers``), and by period id those that name it."""
    every = [notice_ref(case, i) for i, n in enumerate(case.notices) if n.type in _ANY_KIND_POST_LEVY]
    unlisted = [r for r in every if not r.notice.tax_periods]
    by_period: dict[str, list[NoticeRef]] = {}
    for r in every:
        for p in r.notice.tax_periods:
            by_period.setdefault(p, []).append(r)
    return every, unlisted, by_period


@once  # premature_levy and post_levy_hearing both ask for every levy (a scan of the notices each): answered once
def _reasons_by_levy(case: Case, ctx: Context) -> list[list[str]]:
    """``post_levy_reasons`` of each levy, in the levies' order."""
    return [post_levy_reasons(case, levy) for levy in case.levies]


def _periods(case: Case, levy: Levy) -> list[str | None]:
    ids: list[str | None] = list(levy.tax_periods) or [p.id for p in case.tax_periods]
    return ids or [None]


@dataclass
class _Check:
    problems: list[Message] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    params: list[ParamUse] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)  # parameters with no value for the date (law not encoded)
    notes: list[Message] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)  # further citations of the reading used (Conway)
    early: set[tuple[int, str]] = field(default_factory=set)  # (notice, period) said to come before the assessment
    stayed: set[tuple[int, str | None]] = field(default_factory=set)  # (notice, period) said to be issued in a stay


# The earliest notice of a kind for a period (``earliest_for_period``), by (kind, period): found once per
# ``premature_levy`` call, not again for each levy and prerequisite that asks (a scan of every notice each time).
_Earliest = dict[tuple[Callable[[NoticeType], bool], str | None], NoticeRef | None]


def _earliest(case: Case, kind: Callable[[NoticeType], bool], period: str | None, known: _Earliest) -> NoticeRef | None:
    key = (kind, period)
    if key not in known:
        known[key] = earliest_for_period(case, kind, period)
    return known[key]


def _after_assessment(case: Case, ref: NoticeRef) -> bool:
    """Whether a notice can be the notice and demand of § 6303(a), given "after the making of an assessment": no
    period it names (every period of the case, when it names none) is known to be assessed after its date. A period
    with no assessment date known does not stop it (the IRS sends a notice of intent to levy from the balance due)."""
    day = ref.notice.notice_date or ref.notice.mailing_date
    if day is None:
        return True  # its date is asked where it is weighed
    if not ref.notice.tax_periods:
        latest = _latest_assessment(case)
        return latest is None or day >= latest
    for pid in ref.notice.tax_periods:
        index = period_position(case, pid)
        assessed = None if index is None else case.tax_periods[index].assessment_date
        if assessed is not None and day < assessed:
            return False
    return True


@kept_per_analysis  # made once per analysis, read per levy
def _latest_assessment(case: Case) -> date | None:
    """The latest first-assessment date known among the case's periods (None: none known)."""
    known = [p.assessment_date for p in case.tax_periods if p.assessment_date is not None]
    return max(known) if known else None


def _check(
    case: Case,
    levy: Levy,
    periods: list[str | None],
    kind: Callable[[NoticeType], bool],
    pid: str,
    part: str,
    out: _Check,
    known: _Earliest,
) -> None:
    """One prerequisite: a notice of this kind for each period (``periods``: the levy's), far enough before the
    levy. ``known``: the notices already found in this analysis."""
    served = levy.served_date
    assert served is not None
    weighed: set[int] = set()  # the notices (by index) already found in time for an earlier period of the levy
    for period in periods:
        ref = _earliest(case, kind, period, known)
        if ref is None and part == "part_demand":
            # No CP14 known: a later balance-due reminder shows notice and demand was made by its date.
            ref = _earliest(case, is_payment_demand, period, known)
            if ref is not None:
                out.notes.append(message(f"{PREMATURE.id}.demand_presumed", kind=ref.kind))
            else:
                # Nor a reminder: the final notice of intent to levy states the amount and demands payment, and is
                # itself notice and demand under § 6303 (Conway v. Comm'r, 137 T.C. 209 (2011): "The CDP levy
                # notice issued to P-N satisfies the requirements of sec. 6303")
                ref = _earliest(case, is_cdp_levy_notice, period, known)
                if ref is not None and not _after_assessment(case, ref):
                    ref = None  # notice and demand comes "after the making of an assessment" (§ 6303(a))
                if ref is not None and CONWAY not in out.cites:  # said once for the levy
                    out.notes.append(message(f"{PREMATURE.id}.demand_by_levy_notice", kind=ref.kind))
                    out.cites.append(CONWAY)
        if ref is None:
            if part == "part_demand" or not case.notices:
                out.missing.append("notices")
            elif param(pid, served) is None:
                out.gaps.append(pid)  # the requirement is not encoded for a levy on that date
            elif part == "part_cdp":
                _cdp_notice_not_listed(case, period, out)
            else:
                # Not having (or not listing) a notice does not show it was not sent (CDP-17).
                out.missing.append("notices")
                out.notes.append(message(f"{PREMATURE.id}.part_intent_not_listed", period=_period_words(period)))
            return
        counted = ref.counted
        if ref.notice.sent_to_last_known_address is False:
            given = _given(case, kind, period, part, out)
            if given is None:
                return
            ref, counted = given
        if part != "part_demand":  # an undated notice is not read as given before the assessment: asked below
            found = _for_assessed_tax(case, kind, period, part, ref, out)
            if found is None:
                return
            if found is not ref:
                ref, counted = found, found.counted
            found = _outside_stay(case, kind, period, ref, out)
            if found is None:
                return
            if found is not ref:
                ref, counted = found, found.counted
        if ref.start is None:
            out.missing.extend(ref.date_paths())
            return
        if ref.index in weighed:  # the same notice, weighed the same way: the same facts and parameter, in time
            continue
        weighed.add(ref.index)
        use = param(pid, ref.start)
        if use is None:
            out.gaps.append(pid)
            return
        if all(u is not use for u in out.params):  # one record per parameter value (params.use): no model __eq__
            out.params.append(use)
        path, needed = ref.path, days(use)
        out.facts[f"{path}.type"] = ref.notice.type
        out.facts[f"{path}.{'mailing_date' if ref.start == ref.notice.mailing_date else 'notice_date'}"] = ref.start
        window = last_day_after(ref.start, needed)
        # § 6331(a): the 10 days are the taxpayer's time to pay (last day moves, § 7503); the levy
        # may come after it. § 6331(d)(2), § 6330(a)(2): notice "not less than N days before" the levy.
        early = served <= window.last if part == "part_demand" else served < window.raw
        if early:
            out.problems.append(
                message(
                    f"{PREMATURE.id}.{part}",
                    kind=ref.kind,
                    start=ref.start,
                    served=served,
                    gap=(served - ref.start).days,
                    needed=needed,
                    earliest=window.last if part == "part_demand" else window.raw,
                    counted=counted,
                )
            )
            return


def _for_assessed_tax(
    case: Case, kind: Callable[[NoticeType], bool], period: str | None, part: str, ref: NoticeRef, out: _Check
) -> NoticeRef | None:
    """The notice of intent to levy or hearing notice that counts for the period's tax: ``ref`` unless it was given
    before the period was first assessed (reference NC-ASSESSED): notice and demand comes "after the making of an
    assessment" (§ 6303(a)), the notice of intent at the earliest "at the same time as" it (Treas. Reg.
    § 301.6331-2(a)(1)), and the hearing notice is for "the amount of the unpaid tax for the taxable period" before
    "the first levy with respect to" it (§ 6330(a)(1), (2), (3)(A)). Then the first notice of the kind for the period
    given on or after the assessment counts in its place; with none listed the check asks for it (a notice not
    listed may still have been sent, CDP-17), or finds none when the transcript shows no CDP levy notice. A period
    whose assessment date is not known keeps ``ref`` and asks for the date: the levy is then not "in time" (whether
    the notice came before the assessment is not guessed either way; a levy too early by the notice's own days still
    is).
    None when the check ends here (a problem or a missing fact recorded in ``out``)."""
    index = None if period is None else period_position(case, period)
    if period is None or index is None or ref.start is None:
        return ref  # no period of the case to weigh it for, or the notice's date is asked where it is weighed
    assessed = case.tax_periods[index].assessment_date
    if assessed is None:
        # given before the assessment or not is not known: the levy is not "in time" on a notice that may not count
        # (unknown, never false); asked, and the notice's own days are still weighed (too early by them is decided)
        out.missing.append(f"tax_periods[{index}].assessment_date")
        return ref
    if not notice_assessment.given_before_assessment(case, period, ref.start):
        return ref
    out.facts[f"tax_periods[{index}].assessment_date"] = assessed
    out.facts[f"{ref.path}.type"] = ref.notice.type
    out.facts[f"{ref.path}.{'mailing_date' if ref.start == ref.notice.mailing_date else 'notice_date'}"] = ref.start
    for later in notices_where(case, kind, [period]):
        if later.start is not None and later.start >= assessed and later.notice.sent_to_last_known_address is not False:
            return later
    if (ref.index, period) not in out.early:  # said once, though the intent and the hearing parts both weigh it
        out.early.add((ref.index, period))
        out.notes.append(
            message(
                f"{PREMATURE.id}.before_assessment_notice",
                kind=ref.kind,
                given=ref.start,
                period=period,
                assessed=assessed,
            )
        )
    if "NC-ASSESSED" not in out.cites:
        out.cites.append("NC-ASSESSED")
    path = f"tax_periods[{index}].cdp_levy_notice_on_transcript"
    shown = case.tax_periods[index].cdp_levy_notice_on_transcript
    if part == "part_cdp" and shown is False:
        out.facts[path] = False
        out.problems.append(message(f"{PREMATURE.id}.part_cdp_none", period=period))
        return None
    out.missing.append("notices")
    return None


def _outside_stay(
    case: Case, kind: Callable[[NoticeType], bool], period: str | None, ref: NoticeRef, out: _Check
) -> NoticeRef | None:
    """The notice of intent to levy or hearing notice that counts for the levy: ``ref`` unless it was issued while a
    bankruptcy's automatic stay was in effect (reference RBK-362-NOTICE): "the final notice of intent to levy was
    issued to petitioner in violation of the automatic stay, and therefore, it was invalid" (Beverly v. Comm'r, T.C.
    Memo. 2005-41, at 12, following Smith v. Comm'r, 124 T.C. 36 (2005)). Then the first later notice of the kind
    given outside a stay counts in its place; with none listed the check asks for it (unknown: the stay does not
    reach a tax for a period after the bankruptcy began, which is not decided here). Notice and demand is not weighed
    here: the stay does not bar "the making of an assessment for any tax and issuance of a notice and demand for
    payment of such an assessment" (11 U.S.C. § 362(b)(9)(D)). None when the check ends here."""
    if ref.start is None or not case.proceedings.bankruptcies:
        return ref
    k = stayed_on(case, ref.start)
    if k is None:
        return ref
    for later in notices_where(case, kind, [period]):
        if (
            later.start is not None
            and later.start > ref.start
            and later.notice.sent_to_last_known_address is not False
            and stayed_on(case, later.start) is None
        ):
            return later
    if (ref.index, period) not in out.stayed:  # said once, though the intent and the hearing parts both weigh it
        out.stayed.add((ref.index, period))
        filed = case.proceedings.bankruptcies[k].petition_date
        out.facts[f"proceedings.bankruptcies[{k}].petition_date"] = filed
        out.notes.append(message(f"{PREMATURE.id}.notice_in_stay", kind=ref.kind, given=ref.start, filed=filed))
    if "RBK-362-NOTICE" not in out.cites:
        out.cites.append("RBK-362-NOTICE")
    out.missing.append("notices")
    return None


def _given(
    case: Case, kind: Callable[[NoticeType], bool], period: str | None, part: str, out: _Check
) -> tuple[NoticeRef, Message] | None:
    """The notice of this kind for the period that was given as § 6303(a) / § 6331(d)(2) / § 6330(a)(2) require, when
    the earliest one was mailed to an address that was not the last known address, with how its days are counted.

    Only in person, left at the dwelling or usual place of business, or by certified or registered mail to the last
    known address (§ 6331(d)(2)(A)–(C), § 6330(a)(2)(A)–(C); for notice and demand, left at the dwelling or usual
    place of business or mailed to the last known address, § 6303(a); Treas. Reg. § 301.6212-2; CDP-17-ADDRESS).
    A notice mailed elsewhere is given only if and when it actually reached the person: its days count from the
    date received (the safer reading). Not received (the person says no hearing notice reached them): not given.
    Receipt not stated: unknown, the date received is asked for. None when the check ends here (a problem or a
    missing fact recorded in ``out``)."""
    for ref in notices_where(case, kind, [period]):
        n = ref.notice
        if n.sent_to_last_known_address is not False:
            return ref, ref.counted
        path = ref.path
        out.facts[f"{path}.sent_to_last_known_address"] = False
        if n.received_date is not None:
            out.facts[f"{path}.received_date"] = n.received_date
            received = NoticeRef(ref.index, n, max(n.received_date, ref.start or n.received_date))
            return received, message(f"{PREMATURE.id}.counted_received", received=n.received_date)
        if not (is_cdp_levy_notice(n.type) and case.circumstances.no_levy_notice_received is True):
            out.missing.append(f"{path}.received_date")
            out.notes.append(message(f"{PREMATURE.id}.wrong_address_receipt", kind=ref.kind))
            return None
        out.facts["circumstances.no_levy_notice_received"] = True
    out.problems.append(message(f"{PREMATURE.id}.{part}_not_given", period=_period_words(period)))
    return None


def _period_words(period: str | None) -> str | Message:
    """A tax period by its id, or "these taxes" when the levy names none."""
    return period if period else message(f"{PREMATURE.id}.these_taxes")


def _cdp_notice_not_listed(case: Case, period: str | None, out: _Check) -> None:
    """No CDP notice listed for the period: the transcript (TC 971 AC 069) decides whether one was sent."""
    words = {"period": _period_words(period)}
    index = period_position(case, period)
    if index is None:
        out.missing.append("notices")
        out.notes.append(message(f"{PREMATURE.id}.part_cdp_not_listed", **words))
        return
    path = f"tax_periods[{index}].cdp_levy_notice_on_transcript"
    shown = case.tax_periods[index].cdp_levy_notice_on_transcript
    if shown is False:
        out.facts[path] = False
        out.problems.append(message(f"{PREMATURE.id}.part_cdp_none", **words))
    elif shown is True:
        out.facts[path] = True
        out.missing.append("notices")
        out.notes.append(message(f"{PREMATURE.id}.part_cdp_on_transcript", **words))
    else:
        out.missing.append(path)
        out.notes.append(message(f"{PREMATURE.id}.part_cdp_not_listed", **words))


def _before_assessment(case: Case, levy: Levy, out: _Check) -> None:
    """§ 6303(a): notice and demand comes "after the making of an assessment"; § 6331(a): a levy only when the tax is
    not paid "within 10 days after notice and demand". So the earliest notice and demand for a period is its
    assessment date, and a levy served by the 10th day after it (the last day to pay, moved by § 7503) came too early
    whatever notices are dated — a levy for a tax not yet assessed (a trust fund recovery penalty levied before the
    penalty was assessed, for one) first of all. Only the periods the levy names, with an assessment date known; the
    first assessment of the period (a later additional assessment does not make a levy for the first one early)."""
    served = levy.served_date
    assert served is not None
    for period in levy.tax_periods:
        index = next((k for k, p in enumerate(case.tax_periods) if p.id == period), None)
        assessed = None if index is None else case.tax_periods[index].assessment_date
        if index is None or assessed is None:
            continue
        use = param("discretionary.notice_and_demand_days", assessed)
        if use is None:
            continue
        window = last_day_after(assessed, days(use))
        if served > window.last:
            continue
        out.facts[f"tax_periods[{index}].assessment_date"] = assessed
        if all(u is not use for u in out.params):
            out.params.append(use)
        out.problems.append(
            message(
                f"{PREMATURE.id}.part_assessment",
                period=period,
                assessed=assessed,
                days=days(use),
                last=window.last,
                served=served,
            )
        )
        return


@once
def premature_levy(case: Case, ctx: Context) -> list[Finding]:
    """§§ 6331(a), 6331(d), 6330(a): a levy made before notice and demand + 10 days, or less than 30 days
    after the notice of intent to levy or the CDP notice, was premature (→ release; return under § 6343(d)).

    Jeopardy waives all three (§ 6331(a) last sentence, (d)(3), § 6330(f)(1)); the other § 6330(f)
    exceptions waive only the pre-levy CDP notice (R6330-F1).
    """
    out: list[Finding] = []
    known: _Earliest = {}
    for i, levy in enumerate(case.levies):
        sub = levy_subject(i)
        if levy.served_date is None:
            out.append(PREMATURE.finding(UNKNOWN, "no_date", subject=sub, missing=[f"{sub}.served_date"]))
            continue
        facts: dict[str, Any] = {f"{sub}.served_date": levy.served_date}
        if levy.jeopardy:
            facts[f"{sub}.jeopardy"] = True
            out.append(PREMATURE.finding(DOES_NOT_APPLY, "jeopardy", subject=sub, facts=facts))
            continue
        c = _Check(facts=facts)
        periods = _periods(case, levy)
        _before_assessment(case, levy, c)
        if not c.problems:  # a demand for a tax not yet assessed (or too recently) is not weighed again
            _check(
                case,
                levy,
                periods,
                is_notice_and_demand,
                "discretionary.notice_and_demand_days",
                "part_demand",
                c,
                known,
            )
        _check(
            case, levy, periods, is_intent_to_levy_notice, "discretionary.intent_to_levy_days", "part_intent", c, known
        )
        excused = _reasons_by_levy(case, ctx)[i]
        if not excused:
            _check(case, levy, periods, is_cdp_levy_notice, "discretionary.cdp_notice_days", "part_cdp", c, known)
        notes = [*c.notes, message(f"{PREMATURE.id}.cdp_excused")] if excused else c.notes
        note = construct(SentencesArg, value=notes)
        missing = list(dict.fromkeys(c.missing))
        # a notice mailed elsewhere than the last known address was weighed (``_given``): that source decides it
        address = ADDRESS_CITES if any(k.endswith(".sent_to_last_known_address") for k in c.facts) else ()
        common: dict[str, Any] = {
            "also_cites": (*address, *c.cites),
            "subject": sub,
            "facts": c.facts,
            "params": c.params,
        }
        if c.problems:
            problems = construct(SentencesArg, value=c.problems)
            out.append(PREMATURE.finding(APPLIES, "premature", problems=problems, note=note, **common))
        elif missing or c.gaps:
            out.append(PREMATURE.finding(UNKNOWN, "unknown", missing=missing, note=note, **common))
        else:
            out.append(
                PREMATURE.finding(
                    DOES_NOT_APPLY,
                    "in_time_excused" if excused else "in_time",
                    **common,
                    note=note,
                )
            )
    return out


def _first_hearing_notice(case: Case, levy: Levy) -> hearing_windows.Window | None:
    """The first hearing notice for the levy's periods (LT11, Letter 1058, CP90, CP297) when no post-levy notice (CP92,
    CP297A, CP297C) is in the file, for a levy § 6330(f) let come before the hearing. "Only the first pre-levy or
    post-levy CDP Notice with respect to the unpaid tax and tax periods entitles the taxpayer to request a CDP hearing"
    (Treas. Reg. § 301.6330-1(b)(2) Q&A-B2): dated on or after the levy, it is the hearing offered after the levy, and a
    post-levy notice sent later would give none, so the person is told to ask by its day, not to wait for another;
    dated before the levy, the hearing for those periods was offered before the levy (its own deadlines say until
    when). A notice that repeats an earlier one for the same periods gives no hearing (``repeat``) and is not used;
    the levy's date and the periods of the levy and of the notice must be known and shared (a guess would point to
    the wrong notice)."""
    if levy.served_date is None or not levy.tax_periods:
        return None
    found = [
        w
        for w in hearing_windows.windows(case)
        if w.kind is HearingKind.LEVY
        and not w.post_levy
        and not w.repeat
        and w.cdp is not None
        and _starts(w) is not None
        and set(w.notice.tax_periods) & set(levy.tax_periods)
    ]
    if not found:
        return None
    return min(found, key=lambda w: (_starts(w) or date.max, w.index))


def _starts(w: hearing_windows.Window) -> date | None:
    """The day a hearing notice's 30 days count from (the later of its printed and mailing dates, Weiss)."""
    return counting_start(w.notice.notice_date, w.notice.mailing_date)


def post_levy_hearing(case: Case, ctx: Context) -> list[Finding]:
    """§ 6330(f): for jeopardy, state-refund, disqualified employment tax and federal contractor levies
    the hearing comes after the levy; the post-levy notice (CP92, CP297A, jeopardy levy notice) starts
    a 30-day window to request it (D2). Without one, the first hearing notice for the levy's periods decides
    (``_first_hearing_notice``, Q&A-B2): sent after the levy, it is the hearing offered after it
    (``with_hearing_notice``); sent before, or its 30 days run out, the hearing was offered and the finding does not
    apply (``hearing_notice_offered``): that notice's own deadlines (CDP-5, EH-1) say what is left."""
    out: list[Finding] = []
    for i, levy in enumerate(case.levies):
        reasons = _reasons_by_levy(case, ctx)[i]
        if not reasons:
            continue
        sub = levy_subject(i)
        facts: dict[str, Any] = {f"{sub}.kind": levy.kind}
        if levy.jeopardy:
            facts[f"{sub}.jeopardy"] = True
        if levy.disqualified_employment_tax:
            facts[f"{sub}.disqualified_employment_tax"] = True
        if case.taxpayer.federal_contractor:
            facts["taxpayer.federal_contractor"] = True
        why = construct(SentencesArg, value=[message(f"{POST_LEVY.id}.{r}") for r in reasons])
        notice = post_levy_cdp_notice_for_periods(case, levy.tax_periods)
        window, use = cdp_request_period(notice.start) if notice and notice.start else (None, None)
        later = _first_hearing_notice(case, levy) if notice is None else None
        days_use = [u for u in later.params if u.id == hearing_windows.CDP_REQUEST_DAYS] if later is not None else []
        # the notice that offers the hearing after this levy: the first hearing notice for its year, when it came
        # after a levy the law lets come first, else the post-levy notice for its periods
        offer: tuple[str, list[ParamUse], str, date, Message] | None = None
        if later is not None and later.cdp is not None and days_use:
            facts.update(later.facts)
            start, served = _starts(later), levy.served_date
            before = start is not None and served is not None and start < served  # both known: _first_hearing_notice
            key = "hearing_notice_offered" if before else "with_hearing_notice"
            offer = (key, days_use, later.notice.type.value, later.cdp.last, later.counted[0])
        elif notice is not None and notice.start is not None and window is not None and use is not None:
            facts[f"{notice.path}.type"] = notice.notice.type
            offer = ("with_notice", [use], notice.kind, window.last, notice.counted)
        if offer is None:
            out.append(POST_LEVY.finding(APPLIES, "no_notice", subject=sub, facts=facts, why=why))
            continue
        key, params, notice_name, last, counted = offer
        # offered before the levy, or its 30 days already run out: the hearing was offered, not open now
        offered = key == "hearing_notice_offered" or last < ctx.as_of
        out.append(
            POST_LEVY.finding(
                DOES_NOT_APPLY if offered else APPLIES,
                "hearing_notice_offered" if offered else key,
                subject=sub,
                facts=facts,
                params=params,
                why=why,
                notice=notice_name,
                last=last,
                value=last,
                counted=counted,
                deadline_ids=[] if offered else ["cdp.request"],  # the request deadline of law/appeals.py
            )
        )
    return out
