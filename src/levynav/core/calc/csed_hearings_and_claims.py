"""CSED event readers for hearings, TC 520 legal actions, innocent spouse claims, TAO applications,
absences and events that suspend nothing (reference CSED-3 rows 1, 7, 9, 12-14, 20-23)."""

from __future__ import annotations

from datetime import date, timedelta

from levynav.core import params
from levynav.core.calc.cdp_petition import ACCEPTED, CSED_DAYS, LATE, REFUSED, cdp_petition
from levynav.core.calc.csed_reader import Reader, detail, note, periods
from levynav.core.calc.csed_types import NoEffect, Suspension, clause
from levynav.core.calc.dates import add_months, last_day_after
from levynav.core.calc.hearing_windows import RequestKind, request_kind
from levynav.core.calc.repeat_filing_stay import stayed_on
from levynav.core.model.case import HearingRequest, PostponementKind
from levynav.core.model.message import Message, message


def cdp_last_day(rk: RequestKind) -> tuple[date | None, Message]:
    """The last day for a timely CDP request: from the one answer of ``calc.hearing_windows.request_kind``, and the
    notice it was counted from (``csed_timeline.cdp_deadline``)."""
    if rk.window is None or rk.last is None:
        return None, clause("no_cdp_notice")
    w = rk.window
    return rk.last, clause("cdp_deadline", notice=w.subject, type=w.notice.type.value, day=rk.last)


def hearings(r: Reader) -> None:
    for i, h in enumerate(r.case.proceedings.hearing_requests):
        src = f"proceedings.hearing_requests[{i}]"
        rk = request_kind(r.case, i)  # the request's one answer, asked once (by its index: no search for it)
        scope = periods(rk.periods)  # the request's periods, else its notice's (§ 6330(e)(1))
        last, how = cdp_last_day(rk)
        unverified = False
        if rk.before_assessment and last is not None:
            _before_assessment(r, src, h, rk, how)
            continue
        # late unless the notice came before a period's assessment, whose date is not known: no CSED is computed for
        # a period without one, and for the hearing's periods with one the request is late — it pauses nothing
        if (rk.cdp is False or rk.assessment_unknown) and last is not None:
            r.none.append(
                NoEffect(
                    "CSED-3.20",
                    src,
                    h.request_date,
                    clause("why.equivalent_hearing", deadline=how),
                    scope,
                )
            )
            continue
        if last is None:
            r.ask(f"{src}.request_date", scope)  # a hearing suspends only its own periods (§ 6330(e)(1))
            r.notes.append(note("cdp_timeliness_unknown", source=src, why=how))
            unverified = True
        _cdp(
            r,
            src,
            h.request_date,
            h.final_date,
            h.determination_date,
            h.tax_court_petition_date,
            scope,
            unverified,
            accepted=h.tax_court_late_petition_accepted,
        )


def _before_assessment(r: Reader, src: str, h: HearingRequest, rk: RequestKind, how: Message) -> None:
    """A request made after the days of a levy notice given before a period of the hearing was first assessed
    (``RequestKind.before_assessment``; reference NC-ASSESSED). § 6330(e)(1) pauses the statute when "a hearing is
    requested under subsection (a)(3)(B)" (Reg. § 301.6330-1(g)(1): from a timely CDP request); an equivalent hearing
    pauses nothing (Reg. § 301.6330-1(i)(2)). The notice is not that tax's hearing notice, so the request is not late
    for it, but whether Appeals holds the hearing as a CDP hearing is not known. For those periods the pause is
    counted, as for any request of unknown kind, because that gives the later date (ADR 0004: no page says the IRS's
    time has run out while one reading says it has not), marked unverified and with a note that it counts only if
    the hearing is held as a CDP hearing. For the hearing's other periods (assessed by the notice's date) the request
    is late as usual: it pauses nothing."""
    early = tuple(pid for pid, _ in rk.before_assessment)
    rest = tuple(p for p in rk.periods if p not in early)
    if rest:
        r.none.append(NoEffect("CSED-3.20", src, h.request_date, clause("why.equivalent_hearing", deadline=how), rest))
    pid, on = rk.before_assessment[0]
    r.notes.append(note("cdp_before_assessment", source=src, why=how, period=pid, assessed=on))
    _cdp(
        r,
        src,
        h.request_date,
        h.final_date,
        h.determination_date,
        h.tax_court_petition_date,
        early,
        True,
        accepted=h.tax_court_late_petition_accepted,  # the court's ruling read here too (was not before round 9)
    )


def _cdp(
    r: Reader,
    src: str,
    start: date,
    final: date | None,
    determination: date | None,
    petition: date | None,
    scope: tuple[str, ...],
    unverified: bool,
    tc: int | None = None,
    accepted: bool | None = None,
) -> None:
    said: tuple[Message, ...] = ()
    if final is None and determination is not None and r.case.proceedings.bankruptcies:
        said, determination, petition = _void_in_stay(r, src, determination, petition)
    # the 30 days and the petition's standing: ``calc.cdp_petition``, the one answer CDP-15 and the levy stop read
    counted = cdp_petition(determination, petition, accepted, CSED_DAYS) if determination is not None else None
    if final is None and counted is not None and counted.status in (ACCEPTED, REFUSED):
        # the Tax Court ruled on the late petition: accepted, the suspension runs as for a timely petition;
        # refused, it ended with the 30 days
        said += (detail(f"late_petition_{counted.status}", petition=petition),)
        petition = petition if counted.status == ACCEPTED else None
    elif final is None and counted is not None and counted.status == LATE:
        # A late petition (Boechler: the court may still toll the 30 days). The reading that protects the
        # person counts the suspension only to the end of the 30 days; if the court accepts the petition,
        # the suspension runs until its decision is final and the CSED is later.
        said += (detail("late_petition", petition=petition, days=counted.days),)
        petition = None
    if final is None and counted is not None and petition is None:
        # The determination is final when the time to petition the Tax Court has run (26 C.F.R.
        # § 301.6330-1(g)(1); Kollman): the 30 days, their last day moved past a weekend or DC legal holiday
        # (§ 7503), as the levy stop counts them (``law.discretionary_cdp.stay_end``).
        days = counted.days
        window = counted.window
        final = window.last
        said += (detail("petition_time", day=determination, days=days),)
        roll = window.roll()
        if roll is not None:
            said += (message("count.roll_forward", reason=roll, last=final),)
        if final > r.as_of:
            said += (detail("if_no_petition"),)
    if final is None:
        r.open_until_today(
            "CSED-3.1",
            src,
            start,
            (*said, detail("not_final")),
            periods=scope,
            unverified=unverified,
            tc=tc,
        )
        return
    floor = r.days("csed.cdp_floor_days", final)
    said += (detail("final_floor", day=final, days=floor),)
    r.add(
        Suspension(
            "CSED-3.1",
            src,
            start,
            final,
            said,
            False,
            scope,
            floor_anchor=final,
            floor_days=floor,
            unverified=unverified,
            tc=tc,
        )
    )


def _void_in_stay(
    r: Reader, src: str, determination: date, petition: date | None
) -> tuple[tuple[Message, ...], date | None, date | None]:
    """A Notice of Determination issued while a bankruptcy's automatic stay was in effect is void (Smith v. Comm'r,
    124 T.C. 36 (2005); reference CDP-15-SMITH), so it is no determination "in such hearing" (§ 6330(e)(1)): the
    hearing is still pending, and the statute stays paused until a valid determination becomes final (Treas. Reg.
    § 301.6330-1(g)(1): to the day "the determination resulting from the CDP hearing becomes final"), its 90-day
    floor counted from then. A Tax Court petition on the void determination decides nothing (the court lacks
    jurisdiction, Smith). The § 6503(h) pause of the bankruptcy itself runs beside it (``csed_events``). This is
    the later date, shown first (ADR 0004, 2): the stay does not reach a tax for a period after the bankruptcy
    began, whose determination stands — a note says the earlier date that reading gives. Only for a case with a
    bankruptcy (the caller checks); a determination whose finality the case states is read as given."""
    k = stayed_on(r.case, determination)
    if k is None:
        return (), determination, petition
    filed = r.case.proceedings.bankruptcies[k].petition_date
    r.notes.append(note("cdp_void_stay", source=src, determination=determination, filed=filed))
    return (detail("void_stay", determination=determination, filed=filed),), None, None


# The account transcript's code for "legal action / bankruptcy" (TC 520; TC 521 ends it): reference TX-3.
LEGAL_ACTION_TC = 520


def legal_actions(r: Reader) -> None:
    petitions = {b.petition_date for b in r.case.proceedings.bankruptcies}
    for i, a in enumerate(r.case.proceedings.legal_actions):
        src = a.source or f"proceedings.legal_actions[{i}]"
        scope = periods(a.tax_periods)
        if a.kind in {None, "bankruptcy"} and a.start_date in petitions:
            # The TC 520 posted on the petition day of a bankruptcy the case gives is that bankruptcy: counted once, by
            # the case's own dates (the end of the stay), not again to the IRS's TC 521 input (facts the case states
            # win over the transcript's).
            r.notes.append(note("legal_action_is_bankruptcy", source=src, day=a.start_date))
            continue
        if a.kind == "cdp":
            _cdp(r, src, a.start_date, a.end_date, None, None, scope, True, tc=LEGAL_ACTION_TC)
            continue
        if a.kind == "bankruptcy":
            months = r.days("csed.bankruptcy_tail_months", a.start_date)
            if a.end_date is None:
                r.open_until_today(
                    "CSED-3.7",
                    src,
                    a.start_date,
                    (detail("no_tc521"),),
                    tail_months=months,
                    periods=scope,
                    unverified=True,
                    tc=LEGAL_ACTION_TC,
                )
            else:
                end = add_months(a.end_date, months)
                r.add(
                    Suspension(
                        "CSED-3.7",
                        src,
                        a.start_date,
                        end,
                        (detail("tc521_plus_months", day=a.end_date, months=months, end=end),),
                        False,
                        scope,
                        unverified=True,
                        tc=LEGAL_ACTION_TC,
                    )
                )
            continue
        if a.kind is None:
            # No kind: no closing code the table knows and no wording that names one ("Bankruptcy or other legal
            # action filed", the usual words of a TC 520, names none). A bankruptcy is paused to its end and six months
            # more (§ 6503(h)), the longest pause a TC 520 is known to stand for (a CDP case's 90-day floor comes
            # earlier). The CSED shown first is the later one (ADR 0004): counted so, the kind asked, and the note
            # says it may be earlier. (It was counted to the TC 521 only: up to six months too early for a bankruptcy.)
            months = r.days("csed.bankruptcy_tail_months", a.start_date)
            r.missing.append(f"proceedings.legal_actions[{i}].kind")
            r.notes.append(note("legal_action_kind_unknown", source=src, months=months))
            said = detail("closing_code", code=a.closing_code) if a.closing_code is not None else detail("kind_unknown")
            if a.end_date is None:
                r.open_until_today(
                    "CSED-3.7",
                    src,
                    a.start_date,
                    (said, detail("no_tc521")),
                    tail_months=months,
                    periods=scope,
                    unverified=True,
                    tc=LEGAL_ACTION_TC,
                )
                continue
            end = add_months(a.end_date, months)
            plus = detail("tc521_plus_months", day=a.end_date, months=months, end=end)
            counted = (said, plus)
            r.add(
                Suspension(
                    "CSED-3.7", src, a.start_date, end, counted, False, scope, unverified=True, tc=LEGAL_ACTION_TC
                )
            )
            continue
        # A litigation closing code (IRM 25.3.7 lists cc 70-75, 80 and 82 with the CDP codes as TC 520 closing codes
        # outside bankruptcy): whether the suit pauses the statute is not verified; counted while open.
        kind = detail("closing_code_litigation", code=a.closing_code)
        r.notes.append(note("legal_action_litigation", source=src, code=a.closing_code))
        if a.end_date is None:
            r.open_until_today(
                "CSED-3.7",
                src,
                a.start_date,
                (kind, detail("no_tc521")),
                periods=scope,
                unverified=True,
                tc=LEGAL_ACTION_TC,
            )
        else:
            r.add(
                Suspension(
                    "CSED-3.7",
                    src,
                    a.start_date,
                    a.end_date,
                    (kind, detail("open_until", day=a.end_date)),
                    False,
                    scope,
                    unverified=True,
                    tc=LEGAL_ACTION_TC,
                )
            )


# Whether a request for equitable relief alone (§ 6015(f)) bars levy on a day: 0 before the Tax Relief and Health
# Care Act of 2006 reached such requests, 1 from its enactment (IRM 25.15.8.6.1.2).
F_REQUEST_BARS_LEVY = "csed.innocent_spouse_f_request_bars_levy"


def _f_bar_from(after: date) -> date | None:
    """The first day after ``after`` on which a request under § 6015(f) alone bars levy (None: not in the data)."""
    values = params.all_params()[F_REQUEST_BARS_LEVY].values
    return next((v.start for v in values if v.start > after and v.value == 1), None)


def _claim_start(r: Reader, src: str, filed: date, relief: str | None) -> tuple[date | None, tuple[Message, ...]]:
    """The day an innocent spouse claim begins to pause the statute, with the clause that says why when it is not the
    filing day. IRM 25.15.8.6.1.2: a claim filed before 20 December 2006 suspends the CSED "beginning on December 20,
    2006, not on the date the claim for relief was received, if the RS only requested relief under IRC § 6015(f)", and
    "beginning on the date the claim for relief was received if the RS requested relief under IRC § 6015(f) and also
    requested relief under IRC § 6015(b) or IRC § 6015(c)". The relief not known: counted from filing (the later CSED,
    ADR 0004), with the relief asked. None: a request under § 6015(f) alone that the data never covers."""
    if r.days(F_REQUEST_BARS_LEVY, filed) == 1 or relief in {"b", "c"}:
        return filed, ()
    begins = _f_bar_from(filed)
    if relief is None:
        r.missing.append(f"{src}.relief")
        if begins is not None:
            r.notes.append(note("spouse_relief_unknown", source=src, day=begins))
        return filed, ()
    if begins is None:
        return None, ()
    return begins, (detail("f_request_from", filed=filed, day=begins),)


def spouse_tao_absence(r: Reader) -> None:
    pr = r.case.proceedings
    for i, c in enumerate(pr.innocent_spouse_claims):
        src = f"proceedings.innocent_spouse_claims[{i}]"
        scope = periods(c.tax_periods)
        own = detail("own_liability_only")
        start, why_start = _claim_start(r, src, c.filed_date, c.relief)
        if start is None:
            r.none.append(NoEffect("CSED-3.12", src, c.filed_date, clause("why.f_request_not_covered"), scope))
            continue
        tail = r.days("csed.innocent_spouse_tail_days", c.filed_date)
        bar_end: date | None = None
        how: Message | None = None
        late: tuple[Message, ...] = ()
        petition = c.tax_court_petition_date
        if petition is not None and c.final_determination_date is not None and c.waiver_date is None:
            pet = r.days("csed.innocent_spouse_petition_days", c.final_determination_date)
            # a late petition the Tax Court accepted counts as a timely one (``tax_court_late_petition_accepted``)
            if (
                petition > last_day_after(c.final_determination_date, pet).last
                and not c.tax_court_late_petition_accepted
            ):
                # A petition after the 90th day (as § 7503 moves it) does not keep the levy bar: the Tax Court holds
                # the § 6015(e)(1)(A) deadline jurisdictional (Frutiger v. Comm'r, 162 T.C. No. 5 (2024)); the
                # pause is counted as with no petition, the earlier CSED.
                late, petition = (detail("is_late_petition", petition=petition, days=pet),), None
        if c.waiver_date is not None:
            bar_end, how = c.waiver_date, detail("waiver", day=c.waiver_date)
        elif c.decision_final_date is not None and not late:
            bar_end, how = c.decision_final_date, detail("decision_final", day=c.decision_final_date)
        elif c.final_determination_date is not None and petition is None:
            # the statute's 90th day, not moved by § 7503: the shorter pause (the IRS may count the bar, and so the
            # pause, to the next business day when the 90th day is a weekend day or holiday; § 7503 speaks only of
            # the person's act)
            pet = r.days("csed.innocent_spouse_petition_days", c.final_determination_date)
            bar_end = c.final_determination_date + timedelta(days=pet)
            how = detail("determination_mailed", day=c.final_determination_date, days=pet, end=bar_end)
        if bar_end is None or how is None:
            # still barred on the as-of date as far as the case says: counted so ("at least"), and the day that would
            # end it asked, as an open bankruptcy's is (a TC 972 AC 065 on the transcript names no such day)
            r.missing.append(f"{src}.{'decision_final_date' if petition is not None else 'final_determination_date'}")
            said_open = (own, *why_start, detail("levy_barred", days=tail))
            r.open_until_today("CSED-3.12", src, start, said_open, periods=scope)
            continue
        end = bar_end + timedelta(days=tail)
        if end < start:
            # a request under § 6015(f) alone whose bar and 60 days ended before the law covered such requests
            why = clause("why.f_request_ended_before", day=start)
            r.none.append(NoEffect("CSED-3.12", src, c.filed_date, why, scope))
            continue
        counted = (own, *why_start, *late, how, detail("plus_days", days=tail, end=end))
        r.add(Suspension("CSED-3.12", src, start, end, counted, False, scope))
    for i, t in enumerate(pr.taxpayer_advocate_requests):
        src = f"proceedings.taxpayer_advocate_requests[{i}]"
        if t.decision_date is None:
            r.open_until_today("CSED-3.13", src, t.application_date, (detail("no_decision"),))
            continue
        end = t.decision_date
        said: tuple[Message, ...] = (detail("decided", day=end),)
        if t.order_issued and t.order_period_end is not None and t.order_period_end > end:
            end, said = t.order_period_end, (*said, detail("order_runs_to", day=t.order_period_end))
        r.add(Suspension("CSED-3.13", src, t.application_date, end, said))
    for i, a in enumerate(pr.absences):
        src = f"proceedings.absences[{i}]"
        if a.reason == "combat_zone":
            _combat_zone(r, src, a.start_date, a.end_date)
        elif a.reason == "abroad":
            need = r.days("csed.abroad_min_months", a.start_date)
            floor = r.days("csed.abroad_return_floor_months", a.start_date)
            qualifies_by = add_months(a.start_date, need)
            if a.end_date is None:
                if qualifies_by <= r.as_of:
                    r.open_until_today(
                        "CSED-3.9",
                        src,
                        a.start_date,
                        (detail("abroad_open", months=need, floor=floor),),
                    )
                else:
                    r.notes.append(note("abroad_too_short_so_far", source=src, months=need))
                continue
            if a.end_date < qualifies_by:
                r.none.append(
                    NoEffect(
                        "CSED-3.9",
                        src,
                        a.start_date,
                        clause("why.abroad_short", months=need),
                    )
                )
                continue
            r.add(
                Suspension(
                    "CSED-3.9",
                    src,
                    a.start_date,
                    a.end_date,
                    (detail("abroad", start=a.start_date, end=a.end_date, months=need, floor=floor),),
                    floor_months_after=a.end_date,
                    floor_months=floor,
                )
            )
        else:
            r.notes.append(note("absence_reason_not_counted", source=src, reason=a.reason))


def combat_zone(r: Reader) -> None:
    """Combat-zone service entered as a postponement of the person's deadlines (``proceedings.postponements``, kind
    ``combat_zone``): § 7508(a) disregards the same time "in determining ... (I) Collection, by the Secretary, by levy
    or otherwise", so it pauses the collection statute as the ``absences`` entry (reason ``combat_zone``) does. The
    same service given in both fields is counted once: overlapping suspensions are one union of days (CSED-4), and a
    note says it was given twice. Hospitalization is not counted for the statute: "With respect to any period of
    continuous qualified hospitalization ... and the next 180 days thereafter, subsection (a) shall not apply in the
    application of section 6502" (§ 7508(e)(3)); the 180 days then follow the hospitalization, so only the service
    is counted (the earlier date, the person's reading)."""
    pr = r.case.proceedings
    absences = [(a.start_date, a.end_date) for a in pr.absences if a.reason == "combat_zone"]
    for i, p in enumerate(pr.postponements):
        if p.kind is not PostponementKind.COMBAT_ZONE:
            continue
        src = f"proceedings.postponements[{i}]"
        if p.start is None:
            r.missing.append(f"{src}.start")
            r.notes.append(note("combat_zone_start_unknown", source=src))
            continue
        if any(_overlap(p.start, p.end, s, e) for s, e in absences):
            r.notes.append(note("combat_zone_given_twice", source=src))
        hospital = p.hospitalized_until is not None and p.end is not None and p.hospitalized_until > p.end
        _combat_zone(r, src, p.start, p.end, hospital)


def _overlap(a: date, a_end: date | None, b: date, b_end: date | None) -> bool:
    """Two stretches of service overlap (an open end runs on)."""
    return (a_end is None or b <= a_end) and (b_end is None or a <= b_end)


def _combat_zone(r: Reader, src: str, start: date, end: date | None, hospital: bool = False) -> None:
    """One stretch of combat-zone service (§ 7508(a)(1)(I)): the service and the 180 days after it; with a qualified
    hospitalization after it, the service only (§ 7508(e)(3))."""
    tail = r.days("csed.combat_zone_tail_days", start)
    if end is None:
        r.open_until_today("CSED-3.14", src, start, (detail("still_serving", days=tail),))
        return
    if hospital:
        r.add(Suspension("CSED-3.14", src, start, end, (detail("service_only_hospitalized", day=end, days=tail),)))
        return
    last = end + timedelta(days=tail)
    r.add(Suspension("CSED-3.14", src, start, last, (detail("left_plus", day=end, days=tail, end=last),)))


def no_effect(r: Reader) -> None:
    if r.case.circumstances.irs_agreed_not_collectible:
        r.none.append(
            NoEffect(
                "CSED-3.21",
                "circumstances.irs_agreed_not_collectible",
                None,
                clause("why.cnc"),
            )
        )
    for i, a in enumerate(r.case.proceedings.audit_reconsiderations):
        r.none.append(
            NoEffect(
                "CSED-3.22",
                f"proceedings.audit_reconsiderations[{i}]",
                a.requested_date,
                clause("why.audit_reconsideration"),
                tuple(a.tax_periods),
            )
        )
    if r.case.proceedings.refund_suit_pending:
        r.notes.append(note("refund_suit", source="proceedings.refund_suit_pending"))
