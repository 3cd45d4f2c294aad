"""Collection Due Process hearings (levy § 6330, lien § 6320), the equivalent hearing, and Tax Court review.

"If the person requests a hearing in writing under subsection (a)(3)(B) and states the grounds for the
requested hearing, such hearing shall be held by the Internal Revenue Service Independent Office of
Appeals." — § 6330(b)(1). "... the levy actions which are the subject of the requested hearing and the
running of any period of limitations under section 6502 ... shall be suspended for the period during
which such hearing, and appeals therein, are pending." — § 6330(e)(1).

The pending hearing's levy bar itself (a "no levy" ground) is a rule of ``law/discretionary.py``; here we
say which route is open, until when, and what it does and does not stop. The Collection Appeals Program
and the appeals of rejected agreements and offers are in ``law/appeals_cap.py``.

Open question (E.13): whether a lien-only CDP request bars levy; treated as not barring levy.
Settled (E.14): § 7503 moves the last day of the one-year equivalent-hearing period off a weekend or holiday
(Treas. Reg. § 301.6330-1(i)(2) Q&A-I8; see calc/hearing_windows.py).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from levynav.core import lawdata
from levynav.core.calc import hearing_windows
from levynav.core.calc.dates import LastDay
from levynav.core.calc.hearing_windows import NOT_CDP, Window, request_for
from levynav.core.law import (
    appeals_cap,
    appeals_tax_court,
    bankruptcy_discharge,
    cdp_request,
    hearing_notice_once,
    lien_withdrawal,
    notice_receipt,
)
from levynav.core.law.appeals_cap import CAP as CAP
from levynav.core.law.appeals_cap import CAP_IA as CAP_IA
from levynav.core.law.appeals_cap import CAP_RO as CAP_RO
from levynav.core.law.appeals_cap import CAP_THIRD_PARTY as CAP_THIRD_PARTY
from levynav.core.law.appeals_cap import OIC_APPEAL as OIC_APPEAL
from levynav.core.law.appeals_tax_court import TAX_COURT as TAX_COURT
from levynav.core.law.bankruptcy_discharge import DISCHARGE as DISCHARGE
from levynav.core.law.bankruptcy_discharge import STAY_IS_TEMPORARY as STAY_IS_TEMPORARY
from levynav.core.law.cdp_request import REQUEST_KIND as REQUEST_KIND
from levynav.core.law.deciding import informs
from levynav.core.law.deficiency_bar import PetitionCourse, petition_course, tax_court_stays
from levynav.core.law.hearing_notice_once import ONCE as ONCE
from levynav.core.law.lien_withdrawal import LIEN_NOT_LEVY as LIEN_NOT_LEVY
from levynav.core.law.notice_receipt import NOT_RECEIVED as NOT_RECEIVED
from levynav.core.law.notices import repeat_key, rolled_reason, window_counted, window_gap
from levynav.core.law.pending_bar_windows import overlaps
from levynav.core.law.route_windows import made_in_time, open_or_closed
from levynav.core.law.rule import (
    APPLIES,
    DOES_NOT_APPLY,
    INFO,
    NOT_APPLICABLE,
    ROUTE_OPEN,
    UNKNOWN,
    Context,
    DeadlineFunc,
    Rule,
    RuleFunc,
    Situation,
)
from levynav.core.model.analysis import Deadline, Effect, Finding, Message, SentencesArg, TextArg, message
from levynav.core.model.case import Case, DeficiencyNotice, HearingKind, HearingRequest, NoticeType, TaxKind
from levynav.core.model.construct import construct

LEVY_CDP = Rule(
    id="CDP-5",
    title="Collection Due Process hearing on the levy notice (30 days)",
    cites=("CDP-1", "CDP-3", "CDP-5", "CDP-7", "CDP-8", "CDP-9", "CDP-10"),
    effect=Effect.ROUTE_OPEN,
)
POST_LEVY_CDP = Rule(
    id="CDP-4",
    title="Collection Due Process hearing after the levy (30 days)",
    cites=("CDP-3", "CDP-4", "CDP-5", "CDP-7", "CDP-8", "CDP-9", "CDP-10"),
    effect=Effect.ROUTE_OPEN,
)
LIEN_CDP = Rule(
    id="CDP-6",
    title="Collection Due Process hearing on the lien notice",
    cites=("CDP-2", "CDP-6", "CDP-7", "CDP-8", "CDP-9", "CDP-10", "E-13"),
    effect=Effect.ROUTE_OPEN,
)
EQUIVALENT = Rule(
    id="EH-1",
    title="Equivalent hearing (one year, no levy stop)",
    cites=("EH-1", "EH-2", "EH-3", "CDP-9"),
    effect=Effect.ROUTE_OPEN,
)
EQUIVALENT_E14 = Situation(EQUIVALENT, ("E-14",))  # the one-year date moved by § 7503: E-14 is the source
NOT_A_HEARING_NOTICE = Rule(
    id="CDP-3",
    title="This notice does not give a right to a hearing",
    cites=("CDP-3",),
    effect=Effect.INFO,
)
HEARING_ISSUES = Rule(
    id="CDP-12",
    title="What a hearing can decide, and what it cannot",
    cites=("CDP-12",),
    effect=Effect.INFO,
)
LIABILITY = Rule(
    id="CDP-11",
    title="Disputing the tax itself in a CDP hearing",
    cites=("CDP-11", "CDP-11-RECEIPT"),
    effect=Effect.INFO,
)


def _cdp_rule(w: Window) -> Rule:
    if w.kind is HearingKind.LIEN:
        return LIEN_CDP
    return POST_LEVY_CDP if w.post_levy else LEVY_CDP


def _cdp_id(w: Window) -> str:
    return "lien_cdp.request" if w.kind is HearingKind.LIEN else "cdp.request"


def _eh_id(w: Window) -> str:
    return "lien_eh.request" if w.kind is HearingKind.LIEN else "eh.request"


def cdp_hearing(case: Case, ctx: Context) -> list[Finding]:
    """§§ 6330(a)(3)(B), 6320(a)(3)(B): is the CDP hearing on each hearing notice open today, and until when?"""
    return [_cdp(case, ctx, w) for w in hearing_windows.windows(case)]


def _request_seen(case: Case, w: Window, facts: dict[str, object]) -> HearingRequest | None:
    """The hearing request that answers the window's notice, its date added to the facts."""
    found = request_for(case, w)
    if found is None:
        return None
    j, req = found
    facts[f"proceedings.hearing_requests[{j}].request_date"] = req.request_date
    return req


def _cdp(case: Case, ctx: Context, w: Window) -> Finding:
    found = _cdp_first(case, ctx, w)
    if w.repeat_missing:
        return _repeat_unknown(w, found)
    return found


def _repeat_unknown(w: Window, found: Finding) -> Finding:
    """A notice that may repeat an earlier one (``Window.repeat_missing``): what its own dates give is certain only
    when it holds under both readings — a closed or late route is closed either way. A route open, or a request made
    in time, on this notice is a CDP route (or starts a one-year period) only if the notice is the first for its
    periods (§ 6330(a)(1), (b)(2); § 6320(b)(2); Treas. Reg. § 301.6330-1(b)(2) Q&A-B2): unknown, the periods
    asked, what the notice's own dates give kept beside it (the person's reading first: it may be the first notice,
    and then its dates are the ones to keep)."""
    if found.outcome is APPLIES:
        key = repeat_key("repeat_unknown", w.repeat_missing)
        return replace(
            found,
            outcome=UNKNOWN,
            effect=ROUTE_OPEN,
            missing=[*w.repeat_missing],
            message_key=key,
            message=message(f"{found.rule}.{key}", notice=w.notice.type.value, reading=found.message),
        )
    if found.outcome is UNKNOWN:
        return replace(found, missing=[*found.missing, *(m for m in w.repeat_missing if m not in found.missing)])
    return found


def _cdp_first(case: Case, ctx: Context, w: Window) -> Finding:
    rule, subject, last = _cdp_rule(w), w.subject, w.cdp_last
    notice = w.notice.type.value
    if w.repeat:
        # § 6330(a)(1), (b)(2); Treas. Reg. § 301.6330-1(b)(2) Q&A-B2: only the first notice for a period.
        return rule.finding(NOT_APPLICABLE, "repeat", subject=subject, facts=w.facts, notice=notice)
    if w.before_cdp:
        return rule.finding(NOT_APPLICABLE, "before_cdp", subject=subject, facts=w.facts, notice=notice)
    if last is None and w.gaps:
        return rule.finding(
            UNKNOWN,
            "law_unknown",
            effect=ROUTE_OPEN,
            subject=subject,
            facts=w.facts,
            params=w.params,
            notice=notice,
            reason=window_gap(w),
        )
    if last is None:
        return rule.finding(
            UNKNOWN,
            "date_unknown",
            effect=ROUTE_OPEN,
            subject=subject,
            facts=w.facts,
            missing=w.missing,
            notice=notice,
        )
    facts = dict(w.facts)
    common: dict[str, Any] = {
        "subject": subject,
        "facts": facts,
        "params": w.params,
        "notice": notice,
        "last_day": last,
    }
    req = _request_seen(case, w, facts)
    if req is None and hearing_windows.not_validly_given(case, w):
        return _not_given(rule, case, w, facts)
    if req is not None and _after_not_given(case, w, req):
        _not_facts(case, w, facts)
        return rule.finding(
            APPLIES,
            "requested_not_given",
            effect=ROUTE_OPEN,
            subject=subject,
            facts=facts,
            also_cites=cdp_request.NOT_GIVEN_CITES,
            notice=notice,
            request_date=req.request_date,
        )
    if req is not None:
        by = hearing_windows.timely_by(case, w, req.request_date)
        if by.last is None:  # a postponement whose end is unknown may make it timely (§§ 7508, 7508A)
            return rule.finding(
                UNKNOWN,
                "postponement_unknown",
                effect=ROUTE_OPEN,
                missing=list(by.missing),
                request_date=req.request_date,
                **common,
            )
        if by.postponed:  # timely only by the postponed last day: a CDP request (Reg. § 301.7508A-1(b)(2))
            return made_in_time(
                rule,
                req.request_date,
                by.last,
                "requested_timely_postponed",
                "requested_late",
                value=by.last,
                request_date=req.request_date,
                postponed=by.last,
                **common,
            )
        # judged by the law's day: a Letter 3172 printing an earlier day does not shorten the period (cdp_law_last)
        judged = w.cdp_law_last or last  # known whenever ``last`` is (the law's day, else the printed one)
        early = hearing_windows.assessed_after_notice(case, w) if req.request_date > judged else ()
        if early:
            # late for this notice's days, but the notice came before a period's assessment (NC-ASSESSED): the CDP
            # hearing for that tax is not used up; Appeals may still treat the request as an equivalent hearing
            return _before_assessment(case, rule, w, early, common, req.request_date)
        asked = hearing_windows.assessment_unknown(case, w, req.tax_periods) if req.request_date > judged else []
        if asked:
            # late by the notice's days, unless it came before the tax was assessed: never read as late (asked)
            return _unknown_assessment(rule, w, asked, {**common, "last_day": judged}, req.request_date)
        if req.request_date <= judged:
            mine = [(p, on) for p, on in hearing_windows.assessed_after_notice(case, w) if _requested(req, p)]
            if mine:
                return _timely_before_assessment(case, rule, w, mine[0], {**common, "last_day": judged}, req)
        return made_in_time(
            rule,
            req.request_date,
            judged,
            "requested_timely",
            "requested_late",
            value=judged,
            request_date=req.request_date,
            **{**common, "last_day": judged},
        )
    still = hearing_windows.still_open(case, w, ctx.as_of)
    if still is not None:
        return _still_open(rule, w, still, common)
    early = hearing_windows.assessed_after_notice(case, w) if ctx.as_of > last else ()
    if early:
        return _before_assessment(case, rule, w, early, common)
    asked = hearing_windows.assessment_unknown(case, w, []) if ctx.as_of > last else []
    if asked:
        return _unknown_assessment(rule, w, asked, common)
    return open_or_closed(rule, ctx.as_of, last, _cdp_id(w), counted=window_counted(w), **common)


def _before_assessment(
    case: Case,
    rule: Rule,
    w: Window,
    early: tuple[tuple[str, date], ...],
    common: dict[str, Any],
    requested: date | None = None,
) -> Finding:
    """The notice's 30 days have passed, but it was given before a period it names was assessed (reference
    NC-ASSESSED): notice and demand comes "after the making of an assessment" (§ 6303(a)), a levy only for a tax not
    paid "within 10 days after notice and demand" (§ 6331(a)), the notice of intent at the earliest "at the same time
    as" the demand (Treas. Reg. § 301.6331-2(a)(1)), and the hearing notice states "the amount of unpaid tax" and is
    required before "the first levy with respect to the amount of the unpaid tax for the taxable period" (§ 6330(a)(1),
    (2), (3)(A)). So it is not read as that tax's hearing notice and the CDP hearing for that period is not used up:
    the route waits for the first hearing notice given after the assessment (``before_assessment``), never "closed".
    Its own passed day is still named (the protective reading acted by it; the deadline keeps its clause). The
    periods the notice names that were assessed by its date are closed as usual (the words say so). A period whose
    assessment date is unknown is not read as assessed after the notice. A request already made after the notice's
    days (``requested``) is not late for that tax either (``requested_before_assessment``); how Appeals classes it is
    not known (it may give an equivalent hearing), so the words say to ask again on the first later notice."""
    pid, on = early[0]
    facts = common["facts"]
    index = next(k for k, p in enumerate(case.tax_periods) if p.id == pid)
    facts[f"tax_periods[{index}].assessment_date"] = on
    said: dict[str, Any] = {} if requested is None else {"request_date": requested}
    return rule.finding(
        APPLIES,
        "before_assessment" if requested is None else "requested_before_assessment",
        effect=ROUTE_OPEN,
        also_cites=("NC-ASSESSED",),
        value=common["last_day"],
        deadline_ids=[_cdp_id(w)],
        counted=window_counted(w),
        period=pid,
        assessed=on,
        **said,
        **common,
    )


def _requested(req: HearingRequest, period: str) -> bool:
    """Whether the request is about the period (a request naming no period is about all of its notice's)."""
    return not req.tax_periods or period in req.tax_periods


def _timely_before_assessment(
    case: Case, rule: Rule, w: Window, early: tuple[str, date], common: dict[str, Any], req: HearingRequest
) -> Finding:
    """A request made within the 30 days of a levy notice given before a period of the hearing was first assessed
    (NC-ASSESSED). Still read as a timely CDP request — the reading that protects the person for the levy stop
    (§ 6330(e)(1)), unchanged — but the notice may not be that tax's hearing notice, and "premature requests for a
    CDP hearing cannot lead to a valid notice of determination and jurisdiction in this Court under sec. 6330(d)"
    (Andre v. Comm'r, 127 T.C. 68 (2006): a request made before the levy notice for those years; Mays v. Comm'r,
    T.C. Memo. 2006). No decision on a request within the days of a notice given before the assessment was found
    (round 9, law30): the words say to ask again on the first later notice that offers a hearing."""
    pid, on = early
    index = next(k for k, p in enumerate(case.tax_periods) if p.id == pid)
    common["facts"][f"tax_periods[{index}].assessment_date"] = on
    return rule.finding(
        APPLIES,
        "requested_timely_before_assessment",
        effect=INFO,
        also_cites=("NC-ASSESSED",),
        value=common["last_day"],
        request_date=req.request_date,
        period=pid,
        assessed=on,
        **common,
    )


def _unknown_assessment(
    rule: Rule, w: Window, asked: list[str], common: dict[str, Any], requested: date | None = None
) -> Finding:
    """The notice's 30 days have passed (or a request came after them), and a period it names has no known assessment
    date: whether the notice was given before that assessment — and so was not that tax's hearing notice (reference
    NC-ASSESSED; ``_before_assessment``) — is not known. Never "closed" or "late" on a guess: UNKNOWN, the route open,
    the assessment date asked (``tax_periods[k].assessment_date``), the reading that protects the person said first
    (the CDP hearing for that tax not used up, a request not late), the notice's own passed day named (its deadline
    keeps its dates), and the other reading (the CDP date passed, an equivalent hearing) beside it. As CDP-16,
    R6330-E1 and CDP-15 read a late request on such a notice (``RequestKind.assessment_unknown``)."""
    said: dict[str, Any] = {} if requested is None else {"request_date": requested}
    return rule.finding(
        UNKNOWN,
        "closed_unknown_assessment" if requested is None else "requested_unknown_assessment",
        effect=ROUTE_OPEN,
        also_cites=("NC-ASSESSED",),
        missing=asked,
        value=common["last_day"],
        counted=window_counted(w),
        **said,
        **common,
    )


def _after_not_given(case: Case, w: Window, req: HearingRequest) -> bool:
    """A request made after the last day of a levy notice that started no 30 days (CDP-17): it is not late, for no
    period began (Buffano v. Comm'r, T.C. Memo. 2007-32: the IRS's ground that the request was untimely failed for a
    notice not mailed to the last known address); the right to the CDP hearing for the notice's periods remains and
    the IRS owes a substitute notice (Treas. Reg. § 301.6320-1(a)(2) Q&A-A12). How Appeals classes the request is
    not known (``RequestKind.not_given``): the reading that protects the person — a CDP request — is said first."""
    law_day = w.cdp_law_last
    return law_day is not None and req.request_date > law_day and hearing_windows.not_validly_given(case, w)


def _still_open(rule: Rule, w: Window, still: hearing_windows.StillOpen, common: dict[str, Any]) -> Finding:
    """The ordinary last day has passed, but a postponement keeps the CDP request open (§ 7508(a)(1)(K) with Rev.
    Proc. 2018-58; § 7508A, Treas. Reg. § 301.7508A-1(b)(2)): ``postponed_open`` to the postponed day; a combat-zone
    service with no last day yet, ``postponed_serving`` (not run out while the person serves); other postponement
    dates unknown, ``postponed_unknown``. Never "closed" while it may be open (audit 2026-12-07, round 4)."""
    if still.last is not None:
        return rule.finding(
            APPLIES,
            "postponed_open",
            effect=ROUTE_OPEN,
            value=still.last,
            deadline_ids=[_cdp_id(w)],
            postponed=still.last,
            **common,
        )
    key = "postponed_serving" if still.serving else "postponed_unknown"
    return rule.finding(UNKNOWN, key, effect=ROUTE_OPEN, missing=list(still.missing), **common)


def _not_facts(case: Case, w: Window, facts: dict[str, object]) -> None:
    """The facts that make the notice not validly given (``hearing_windows.not_validly_given``), added to ``facts``."""
    facts[f"{w.subject}.sent_to_last_known_address"] = False
    if w.notice.received_date is not None:
        facts[f"{w.subject}.received_date"] = w.notice.received_date
    else:
        facts["circumstances.no_levy_notice_received"] = True


def _not_given(rule: Rule, case: Case, w: Window, facts: dict[str, object]) -> Finding:
    """A levy hearing notice mailed elsewhere than the last known address that did not reach the person by its last
    day started no 30 days (CDP-17): the CDP hearing is still to be asked for, now, with no day of this notice's to
    meet (the IRS owes a substitute notice, Treas. Reg. § 301.6320-1(a)(2) Q&A-A12)."""
    _not_facts(case, w, facts)
    notice = w.notice.type.value
    received = w.notice.received_date
    if received is not None:
        return rule.finding(APPLIES, "not_given_late", subject=w.subject, facts=facts, notice=notice, received=received)
    return rule.finding(APPLIES, "not_given", subject=w.subject, facts=facts, notice=notice)


def equivalent_hearing(case: Case, ctx: Context) -> list[Finding]:
    """Treas. Reg. §§ 301.6330-1(i), 301.6320-1(i): the one-year equivalent hearing after a missed CDP date.

    It considers the same issues, but gives no statutory levy stop, no CSED suspension and generally no
    Tax Court review (EH-2, EH-3).
    """
    return [_eh(case, ctx, w) for w in hearing_windows.windows(case)]


def _eh(case: Case, ctx: Context, w: Window) -> Finding:
    found = _eh_first(case, ctx, w)
    if w.repeat_missing:
        return _repeat_unknown(w, found)
    return found


def _eh_first(case: Case, ctx: Context, w: Window) -> Finding:
    subject, last, eh_last = w.subject, w.cdp_last, w.eh_last
    rule = EQUIVALENT_E14 if w.eh is not None and w.eh.moved else EQUIVALENT
    notice = w.notice.type.value
    if w.repeat:
        return rule.finding(NOT_APPLICABLE, "repeat", subject=subject, facts=w.facts, notice=notice)
    if w.before_cdp:
        return rule.finding(NOT_APPLICABLE, "before_cdp", subject=subject, facts=w.facts, notice=notice)
    if last is None and w.gaps:
        return _eh_law_unknown(rule, w, w.facts)
    if last is None:
        return _eh_date_unknown(rule, w, w.facts)
    facts = dict(w.facts)
    req = _request_seen(case, w, facts)
    if req is None and hearing_windows.not_validly_given(case, w):
        # the notice started no CDP period (CDP-17): the full hearing is still to be asked for, not this fallback
        _not_facts(case, w, facts)
        return rule.finding(NOT_APPLICABLE, "cdp_not_given", subject=subject, facts=facts, notice=notice)
    if req is not None and _after_not_given(case, w, req):
        # not late for a CDP hearing (the notice started no period): the equivalent hearing is only what Appeals may
        # give instead, and then the IRS owes a substitute notice (Q&A-A12)
        _not_facts(case, w, facts)
        return rule.finding(
            NOT_APPLICABLE,
            "requested_not_given",
            subject=subject,
            facts=facts,
            also_cites=cdp_request.NOT_GIVEN_CITES,
            request_date=req.request_date,
        )
    if req is not None:
        by = hearing_windows.timely_by(case, w, req.request_date)
        if by.last is not None and req.request_date <= by.last:  # the postponed CDP date counts (§§ 7508, 7508A)
            return rule.finding(NOT_APPLICABLE, "cdp_requested", subject=subject, facts=facts)
        if by.last is None:
            return rule.finding(
                UNKNOWN,
                "postponement_unknown",
                effect=ROUTE_OPEN,
                subject=subject,
                facts=facts,
                missing=list(by.missing),
                request_date=req.request_date,
                last_day=last,
            )
        if eh_last is None:
            return _eh_date_unknown(rule, w, facts)
        # a request already made is judged by the regulation's year (Q&A-I7), which binds the IRS and, when the two
        # readings differ, ends later: the reading that protects the person
        latest = w.eh_latest or eh_last
        return made_in_time(
            rule,
            req.request_date,
            latest,
            "requested",
            "requested_too_late",
            subject=subject,
            facts=facts,
            params=w.params,
            value=latest,
            request_date=req.request_date,
            eh_last=latest,
        )
    if ctx.as_of <= last:
        key = "cdp_still_open" if eh_last is not None else "cdp_still_open_no_date"
        shown: dict[str, Any] = {"eh_last": eh_last} if eh_last is not None else {}
        return rule.finding(NOT_APPLICABLE, key, subject=subject, facts=facts, params=w.params, last_day=last, **shown)
    if eh_last is None or w.eh is None:
        return _eh_date_unknown(rule, w, facts)
    if ctx.as_of <= eh_last and hearing_windows.still_open(case, w, ctx.as_of) is not None:
        # a postponement keeps (or may keep) the CDP request open (CDP-5/CDP-4 say how): the equivalent hearing is the
        # fallback, never "the CDP date has passed" (audit 2026-12-07, round 4; review8 clinic 11)
        return rule.finding(
            APPLIES,
            "cdp_postponed",
            effect=ROUTE_OPEN,
            subject=subject,
            facts=facts,
            params=w.params,
            value=eh_last,
            deadline_ids=[_eh_id(w)],
            notice=notice,
            eh_last=eh_last,
        )
    period = w.eh
    if ctx.as_of > eh_last and w.eh_other is not None:
        # the anniversary has passed: the regulation's later last day (Q&A-I7) still holds the route open
        period = w.eh_other
        eh_last = period.last
    return open_or_closed(
        rule,
        ctx.as_of,
        eh_last,
        _eh_id(w),
        open_key="open_weekend" if period.moved else "open",
        open_vars={"notice": notice, "eh_rolled": period.last, "reason": rolled_reason(period.raw)}
        if period.moved
        else {"notice": notice},
        subject=subject,
        facts=facts,
        params=w.params,
        last_day=last,
        eh_last=eh_last,
    )


def _eh_date_unknown(rule: Rule | Situation, w: Window, facts: dict[str, object]) -> Finding:
    """The one-year date cannot be counted: a date of the notice is missing, or the law for it is not encoded."""
    if w.gaps and "eh.request_window_months" in w.gaps:
        return _eh_law_unknown(rule, w, facts)
    return rule.finding(UNKNOWN, "date_unknown", effect=ROUTE_OPEN, subject=w.subject, facts=facts, missing=w.missing)


def _eh_law_unknown(rule: Rule | Situation, w: Window, facts: dict[str, object]) -> Finding:
    return rule.finding(
        UNKNOWN,
        "law_unknown",
        effect=ROUTE_OPEN,
        subject=w.subject,
        facts=facts,
        params=w.params,
        reason=window_gap(w),
    )


@informs
def not_a_hearing_notice(case: Case, ctx: Context) -> list[Finding]:
    """CDP-3: CP14, CP501, CP503, CP504 and CP504B carry no hearing right (shown when no hearing notice is in the
    case)."""
    if hearing_windows.hearing_notices(case):
        return []
    return [
        NOT_A_HEARING_NOTICE.finding(
            APPLIES,
            "not_cdp",
            subject=f"notices[{i}]",
            facts={f"notices[{i}].type": n.type},
            notice=n.type.value,
        )
        for i, n in enumerate(case.notices)
        if n.type in NOT_CDP
    ]


@informs
def hearing_issues(case: Case, ctx: Context) -> list[Finding]:
    """CDP-12: what a CDP or equivalent hearing can decide — "any relevant issue relating to the unpaid tax or the
    proposed levy, including (i) appropriate spousal defenses; (ii) challenges to the appropriateness of collection
    actions; and (iii) offers of collection alternatives" (§ 6330(c)(2)(A)) — and what it cannot: an issue "raised and
    considered at a previous hearing ... or in any other previous administrative or judicial proceeding" in which the
    person "participated meaningfully" (§ 6330(c)(4)(A)), and a frivolous one (§ 6330(c)(4)(B), (g): a portion of a
    request based on a position the IRS lists as frivolous, or meant to delay, is disregarded, and draws the $5,000
    penalty of § 6702(b) unless withdrawn within 30 days of the IRS's notice). The Tax Court generally reviews only
    issues raised at the hearing (Magana v. Comm'r, 118 T.C. 488 (2002)). Said once, when the case has a hearing
    notice or request; no fact of the case decides it (whether an issue was decided before is the hearing's
    question, not one asked here)."""
    if not hearing_windows.hearing_notices(case) and not case.proceedings.hearing_requests:
        return []
    return [HEARING_ISSUES.finding(APPLIES, "issues")]


def _hearing_periods(case: Case) -> list[str]:
    """The tax periods the case's hearing notices and requests list, in order, once each (empty: none listed)."""
    listed = [p for _, n in hearing_windows.hearing_notices(case) for p in n.tax_periods]
    listed += [p for r in case.proceedings.hearing_requests for p in r.tax_periods]
    return list(dict.fromkeys(listed))


def _petitioned_deficiencies(case: Case, periods: list[str]) -> list[tuple[int, DeficiencyNotice, PetitionCourse]]:
    """The notices of deficiency for the hearing's periods that the person petitioned the Tax Court on, with how the
    petition stands (``deficiency_bar.petition_course``, the levy bar's own count): in time — the notice was received
    "in time to petition the Tax Court" (Reg. § 301.6330-1(e)(3) Q&A-E2); late and accepted by the court — it counts
    as a timely one, and the court decides the tax (a prior judicial proceeding, § 6330(c)(2)(B), (c)(4)(A)); late
    with no ruling known — the court may still accept it (in the Third Circuit, or the state not known: Culp). A late
    petition the court refused, or one the Tax Court's reading for the person's state dismisses (Hallmark), is not
    listed (it did not run its course: the person's answers decide), nor one whose timeliness is not known (90 or 150
    days)."""
    notices = case.proceedings.deficiency_notices
    if not notices:
        return []
    stays = tax_court_stays(case)
    out = []
    for k, n in enumerate(notices):
        if n.tax_court_petition_date is None or not overlaps(n.tax_periods, periods):
            continue
        course = petition_course(n, stays, case.taxpayer.state)
        if course is not None and course.how not in {"refused", "dismissed"}:
            out.append((k, n, course))
    return out


@informs
def liability_challenge(case: Case, ctx: Context) -> list[Finding]:
    """§ 6330(c)(2)(B): the tax itself may be disputed only without a notice of deficiency or another chance.

    Reg. § 301.6330-1(e)(3) Q&A-E2 (reference CDP-11-E2): the liability may be disputed "for any tax period specified
    on the CDP Notice" without such a notice or chance; a notice of deficiency counts only if received in time to
    petition the Tax Court; an Appeals conference offered before or after assessment is a prior opportunity, except
    one before the assessment of a tax subject to deficiency procedures. When the person does not say whether they
    received a notice of deficiency, one they petitioned the Tax Court on in time shows they did — for its periods
    only: the hearing's other periods are still decided by the person's answers (one finding for them, naming them).
    No notice of deficiency is asked for a tax the person reported (Montgomery v. Comm'r, 122 T.C. 1 (2004)) or when
    every period of the hearing is a trust fund recovery penalty, whose prior chance is the Letter 1153
    (``_trust_fund_penalty``)."""
    if not hearing_windows.hearing_notices(case) and not case.proceedings.hearing_requests:
        return []
    c = case.circumstances
    base = "circumstances."
    if c.disputes_liability is None:
        return [LIABILITY.finding(UNKNOWN, "unknown", missing=[base + "disputes_liability"])]
    facts: dict[str, object] = {base + "disputes_liability": c.disputes_liability}
    if not c.disputes_liability:
        return [LIABILITY.finding(NOT_APPLICABLE, "no_dispute", facts=facts)]
    if c.received_notice_of_deficiency is not None:
        return [_by_answers(case, dict(facts), [])]
    periods = _hearing_periods(case)
    petitioned = _petitioned_deficiencies(case, periods)
    out = []
    for k, n, course in petitioned:
        sub = f"proceedings.deficiency_notices[{k}]"
        said = facts | {
            f"{sub}.mailed_date": n.mailed_date,
            f"{sub}.tax_court_petition_date": n.tax_court_petition_date,
        }
        if n.tax_periods:
            said[f"{sub}.tax_periods"] = n.tax_periods
        if n.addressed_outside_us is not None:
            said[f"{sub}.addressed_outside_us"] = n.addressed_outside_us
        if course.how == "late":
            # the court may still accept it (then it decides the tax) or refuse it (then the answers decide): unknown
            out.append(
                LIABILITY.finding(
                    UNKNOWN,
                    "petitioned_deficiency_late",
                    subject=sub,
                    facts=said,
                    missing=["circumstances.received_notice_of_deficiency"],
                    also_cites=("CDP-11-E2", "R6213-A1-LATE"),
                    mailed=n.mailed_date,
                    petition=n.tax_court_petition_date,
                    last_day=course.last,
                )
            )
            continue
        accepted = course.how == "accepted"
        if accepted:
            said[f"{sub}.tax_court_late_petition_accepted"] = True
        out.append(
            LIABILITY.finding(
                DOES_NOT_APPLY,
                "petitioned_deficiency_accepted" if accepted else "petitioned_deficiency",
                subject=sub,
                facts=said,
                also_cites=("CDP-11-E2", "R6213-A1-LATE") if accepted else ("CDP-11-E2",),
                mailed=n.mailed_date,
                petition=n.tax_court_petition_date,
            )
        )
    if not petitioned:
        return [_by_answers(case, dict(facts), [])]
    covered = {p for _, n, _ in petitioned for p in n.tax_periods}
    every = any(not n.tax_periods for _, n, _ in petitioned)  # a notice listing no period is read as covering all
    rest = [p for p in periods if p not in covered]
    if every or not rest:
        return out
    return [*out, _by_answers(case, dict(facts), rest)]


def _by_answers(case: Case, facts: dict[str, object], others: list[str]) -> Finding:
    """The person's answers decide (received a notice of deficiency in time, or another chance to dispute); ``others``:
    the hearing periods no petitioned notice of deficiency covers, which the answers are about (named in a note)."""
    c = case.circumstances
    base = "circumstances."
    penalty, penalty_only = _trust_fund_penalty(case, facts, others)
    # no notice of deficiency to ask about: a tax the person reported (Montgomery) or a § 6672 penalty only (Mason)
    no_deficiency_notice = c.liability_from_audit_or_sfr is False or penalty_only
    if c.liability_from_audit_or_sfr is False:
        facts[base + "liability_from_audit_or_sfr"] = False
    asked: tuple[str, ...] = ("had_prior_opportunity_to_dispute",)
    if not no_deficiency_notice or c.received_notice_of_deficiency is not None:
        asked = ("received_notice_of_deficiency", *asked)
    for name in asked:
        value = getattr(c, name)
        if value is not None:
            facts[base + name] = value
        if value:
            return LIABILITY.finding(DOES_NOT_APPLY, name, facts=facts)
    missing = [base + n for n in asked if base + n not in facts]
    said: list[Message]
    cites: tuple[str, ...]
    if penalty_only:
        said, cites = [], ()
    else:
        said, cites = _deficiency_mailed_note(c.received_notice_of_deficiency, c.liability_from_audit_or_sfr, facts)
    if penalty:
        said, cites = [*said, message(f"{LIABILITY.id}.letter_1153")], (*cites, "CDP-11-MASON")
    if others:
        said = [message(f"{LIABILITY.id}.other_periods", periods=others), *said]
    note = construct(SentencesArg, value=said)
    if missing:
        return LIABILITY.finding(
            UNKNOWN, "opportunity_unknown", facts=facts, missing=missing, note=note, also_cites=cites
        )
    return LIABILITY.finding(APPLIES, "may_dispute", facts=facts, note=note, also_cites=cites)


def _trust_fund_penalty(case: Case, facts: dict[str, object], others: list[str]) -> tuple[bool, bool]:
    """Whether a period of the hearing is a trust fund recovery penalty, and whether every one is (each period named
    by a hearing notice or request found in the case with its kind known). With ``others`` (the periods no petitioned
    notice of deficiency covers) only those are judged: the answers are about them alone (Q&A-E2, "for any tax
    period specified on the CDP Notice").

    A § 6672 penalty is assessed after the preliminary notice of § 6672(b) (Letter 1153), not after a notice of
    deficiency; receiving that letter is the prior opportunity of § 6330(c)(2)(B) (Pough v. Comm'r, 135 T.C. 344
    (2010)), and one mailed to the last known address but not received is not (Mason v. Comm'r, 132 T.C. 301
    (2009); Lepore v. Comm'r, T.C. Memo. 2013-135). The kinds read are added to the facts."""
    named = {p for _, n in hearing_windows.hearing_notices(case) for p in n.tax_periods}
    named |= {p for r in case.proceedings.hearing_requests for p in r.tax_periods}
    if others:
        named = set(others)
    found = [(k, p) for k, p in enumerate(case.tax_periods) if p.id in named]
    kinds = {p.tax_kind for _, p in found}
    if TaxKind.TRUST_FUND_RECOVERY_PENALTY not in kinds:
        return False, False
    for k, p in found:
        facts[f"tax_periods[{k}].tax_kind"] = p.tax_kind
    only = len({p.id for _, p in found}) == len(named) and kinds == {TaxKind.TRUST_FUND_RECOVERY_PENALTY}
    return True, only


def _deficiency_mailed_note(
    received: bool | None, from_audit: bool | None, facts: dict[str, object]
) -> tuple[list[Message], tuple[str, ...]]:
    """Hoyle v. Comm'r, 131 T.C. 197 (2008): Appeals' verification under § 6330(c)(1) includes "whether a duly mailed
    notice of deficiency preceded the assessment of tax as required by sec. 6213(a)"; "if no notice of deficiency was
    mailed … the assessment … is invalid … and collection therefore may not proceed" — reviewed whether or not the
    person raised it at the hearing. Said when the person did not receive a notice of deficiency and the tax is not
    known to be one assessed without it (a tax the person reported: ``liability_from_audit_or_sfr`` False)."""
    if received is not False or from_audit is False:
        return [], ()
    facts["circumstances.liability_from_audit_or_sfr"] = from_audit
    return [message(f"{LIABILITY.id}.hoyle")], ("CDP-11-HOYLE",)


def hearing_deadlines(case: Case, ctx: Context) -> list[Deadline]:
    """cdp.request, lien_cdp.request, eh.request, lien_eh.request — one per hearing notice (subject notices[i])."""
    out = []
    for w in hearing_windows.windows(case):
        if w.repeat or w.before_cdp:
            continue  # the first notice for the periods holds the hearing dates; no CDP before 1999-01-19
        lien = w.kind is HearingKind.LIEN
        last = w.cdp_last
        # a levy notice that started no 30 days (CDP-17) has no CDP day to show, nor one to judge a request by
        not_given = hearing_windows.not_validly_given(case, w)
        if last is not None and not not_given:
            what = "lien_cdp" if lien else "cdp"
            did = _cdp_id(w)
            title, protects = _deadline_words(did, w.notice.type)
            shown, later, printed_words = _printed_levy_date(w, last)
            out.append(
                hearing_windows.deadline(
                    did,
                    title,
                    shown,
                    ctx.as_of,
                    protects,
                    _cdp_rule(w).cites,
                    [*_period_count(what, w.cdp), *w.counted, *printed_words, _POSTMARK],
                    w.subject,
                    alternative=later,
                    alternative_reason=_LEVY_PRINTED_EARLIER_REASON if later is not None else None,
                )
            )
        if w.eh is not None and w.eh_last is not None and not hearing_windows.cdp_requested_for_all(case, w):
            did = _eh_id(w)
            title, protects = _deadline_words(did, w.notice.type)
            out.append(
                hearing_windows.deadline(
                    did,
                    title,
                    w.eh_last,
                    ctx.as_of,
                    protects,
                    (EQUIVALENT_E14 if w.eh.moved else EQUIVALENT).cites,
                    [*hearing_windows.eh_computation(w), *(m for m in w.counted if m.key in _NOTICE_CLAUSES)],
                    w.subject,
                    alternative=w.eh_other.last if w.eh_other is not None else None,
                    alternative_reason=_EH_REGULATION_REASON if w.eh_other is not None else None,
                )
            )
    return out


# The words of the hearing deadlines follow from the deadline, the notice type and the period's dates, not from the
# case or the as-of date: made once per Law bundle and kept on it (shared message records, never changed).
_POSTMARK = message("count.postmark")
# what the one-year deadline repeats of the CDP count: a notice given before its period's assessment
# (calc/notice_assessment), or after the taxpayer's death (hearing_windows.windows)
_NOTICE_CLAUSES = frozenset({"count.before_assessment", "count.after_death"})
_LEVY_PRINTED_EARLIER_REASON = message("count.reading.levy_printed_earlier_reason")


def _printed_levy_date(w: Window, computed: date) -> tuple[date, date | None, tuple[Message, ...]]:
    """A levy CDP notice's request date as shown: the day to act by, the later day a request is still timely (or
    None), and what the notice prints when it differs from the count.

    The period is the statute's: "the 30-day period" beginning the day after the notice is mailed (§ 6330(a)(3)(B),
    (a)(2); Weiss v. Comm'r, 147 T.C. 179 (2016)), so a request made by the counted day is a timely CDP request
    whatever the notice prints (the findings judge requests by it). When the notice prints an earlier last day
    (``response_date``) the person is told to act by that one first — acting by it loses nothing — and the
    statute's day is kept beside it. When it prints a later one, the statute's day is shown and the printed day
    named: a request after the statute's day may be treated as late (an equivalent hearing only)."""
    printed = w.notice.response_date
    if w.kind is HearingKind.LIEN or printed is None or printed == computed:
        return computed, None, ()
    if printed < computed:
        return printed, computed, (message("count.levy_printed_earlier", printed=printed, computed=computed),)
    return computed, None, (message("count.levy_printed_later", printed=printed, computed=computed),)


_EH_REGULATION_REASON = message("count.reading.eh_regulation_reason")


def _deadline_words(did: str, kind: NoticeType) -> tuple[Message, Message]:
    """A hearing deadline's title (naming the notice) and what it protects."""
    known: dict[tuple[str, NoticeType], tuple[Message, Message]] = lawdata.kept("appeals.deadline_words")
    words = known.get((did, kind))
    if words is None:
        notice = construct(TextArg, value=kind.value)
        words = known[did, kind] = (
            message(f"deadline.{did}.title", notice=notice),
            message(f"deadline.{did}.protects"),
        )
    return words


def _period_count(what: str, period: LastDay | None) -> tuple[Message, ...]:
    """How a CDP period was counted (``LastDay.count``), or only what it is when its dates are not counted."""
    known: dict[tuple[str, LastDay | None], tuple[Message, ...]] = lawdata.kept("appeals.period_count")
    words = known.get((what, period))
    if words is None:
        said = period.count(what) if period is not None else [message(f"count.what_only.{what}")]
        words = known[what, period] = tuple(said)
    return words


RULES: list[RuleFunc] = [
    cdp_request.request_kind_findings,
    notice_receipt.notice_not_received,
    hearing_notice_once.final_notice_before_ss_levy,
    lien_withdrawal.lien_is_not_levy,
    bankruptcy_discharge.stay_and_discharge,
    bankruptcy_discharge.tax_discharged,
    cdp_hearing,
    equivalent_hearing,
    not_a_hearing_notice,
    hearing_issues,
    liability_challenge,
    appeals_tax_court.tax_court_review,
    *appeals_cap.RULES,
]
DEADLINES: list[DeadlineFunc] = [
    hearing_deadlines,
    appeals_tax_court.tax_court_deadlines,
    *appeals_cap.DEADLINES,
]
