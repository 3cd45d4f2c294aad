"""No levy while an offer in compromise or an installment agreement is pending: 26 U.S.C. § 6331(k).

"No levy may be made under subsection (a) on the property or rights to property of any person with
respect to any unpaid tax — (A) during the period that an offer-in-compromise by such person under
section 7122 of such unpaid tax is pending with the Secretary; and (B) if such offer is rejected by the
Secretary, during the 30 days thereafter (and, if an appeal of such rejection is filed within such 30
days, during the period that such appeal is pending)." — § 6331(k)(1); (k)(2) says the same of a
proposed installment agreement, while one is in effect, and for 30 days after a termination.

Exceptions (§ 6331(k)(3) importing § 6331(i)(3)): a written waiver, jeopardy, a § 6402 offset, and a
levy first made before the offer or proposal became pending. The case model records jeopardy per levy;
waivers and offsets are named in the explanations.

Open question: the IRS's systems treat a rejected agreement as pending for 45 days (30 + 15 for
mail; Chief Counsel email 2017040416063446). The statute's 30 days are encoded.

When the 30th day is a Saturday, Sunday or DC legal holiday, an appeal is timely on the next business day (§ 7503),
but the bar is "during the 30 days thereafter" (26 C.F.R. § 301.6331-4(a)(1): "for 30 days immediately following
the rejection"). A levy served after the 30th day and by that next business day, with no timely appeal carrying
the bar on, is UNKNOWN ``levy_between_readings``: the person's reading (the bar ran while the appeal could still be
filed) first, the statute's count second (``pending_bar_windows``, ``later_end``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from levynav.core.law.levy_facts import levy_periods, levy_subject
from levynav.core.law.pending_bar_windows import Bar, Place, appeal_deadline, close_after, place
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, INFO, LEVY_IMPROPER, UNKNOWN, Context, Rule, once
from levynav.core.model.analysis import Deadline, Effect, Finding, Message, Outcome, message
from levynav.core.model.case import AlternativeStatus, Case, InstallmentAgreement, Levy, Offer
from levynav.core.model.message import field_arg

S = AlternativeStatus
BETWEEN_CITES = ("BAR-7503",)  # the two readings of a bar's last day after a weekend or holiday (§ 7503)

OFFER_PENDING = Rule(
    id="R6331-K1",
    title="No new levy while your offer in compromise is pending",
    cites=("R6331-K1",),
    effect=Effect.NO_LEVY,
)
AGREEMENT_PENDING = Rule(
    id="R6331-K2",
    title="No new levy while your installment agreement is pending or in effect",
    cites=("R6331-K2",),
    effect=Effect.NO_LEVY,
)


# ---------------------------------------------------------------- the barred windows


def _close_after_event(
    bar: Bar, record: Offer | InstallmentAgreement, sub: str, event: str, pid: str, how: Message
) -> None:
    """End the bar N days after the record's rejection or termination (``event``), kept open by a timely
    appeal (§ 6331(k)); the end is unknown while the event's date is."""
    when: date | None = getattr(record, event)
    if when is None:
        bar.end_known = False
        bar.missing.append(f"{sub}.{event}")
        return
    close_after(
        bar,
        when,
        f"{sub}.{event}",
        record.appeal_date,
        f"{sub}.appeal_date",
        record.appeal_decided_date,
        f"{sub}.appeal_decided_date",
        pid,
    )
    bar.how_ended = how


def offer_bar(offer: Offer, sub: str) -> Bar:
    """§ 6331(k)(1): from acceptance for processing (the IRS official's signature, Form 656 § 7(j))."""
    bar = Bar(start=offer.pending_date)
    if offer.pending_date is None:
        bar.missing.append(f"{sub}.pending_date")
        if offer.status is S.RETURNED and offer.accepted_for_processing is None:
            bar.missing.append(f"{sub}.accepted_for_processing")  # returned as not processable: never pending
    else:
        bar.facts[f"{sub}.pending_date"] = offer.pending_date
    ends = {
        S.ACCEPTED: ("accepted_date", "accepted"),
        S.RETURNED: ("returned_date", "returned"),
        S.WITHDRAWN: ("withdrawn_date", "withdrawn"),
    }
    if offer.status in ends:
        name, word = ends[offer.status]
        when: date | None = getattr(offer, name)
        if when is None:
            bar.end_known = False
            bar.missing.append(f"{sub}.{name}")
        else:
            bar.facts[f"{sub}.{name}"] = when
            bar.end = when
            bar.how_ended = message(f"{OFFER_PENDING.id}.how_{word}")
    elif offer.status is S.REJECTED:
        _close_after_event(
            bar,
            offer,
            sub,
            "rejected_date",
            "discretionary.offer_rejection_bar_days",
            message(f"{OFFER_PENDING.id}.how_rejected"),
        )
    elif offer.status is S.TERMINATED:
        bar.end_known = False
        bar.missing.append(f"{sub}.status")
    return bar


def agreement_bar(ia: InstallmentAgreement, sub: str) -> Bar:
    """§ 6331(k)(2); 26 C.F.R. § 301.6331-4(a): pending once accepted for processing; in effect; +30 days."""
    start = ia.pending_date
    if start is None and ia.status in {S.ENTERED, S.ACCEPTED, S.TERMINATED}:
        start = ia.entered_date
    bar = Bar(start=start)
    if start is None:
        bar.missing.append(f"{sub}.pending_date")
    elif ia.pending_date is not None:
        bar.facts[f"{sub}.pending_date"] = ia.pending_date
    if ia.entered_date is not None:
        bar.facts[f"{sub}.entered_date"] = ia.entered_date
    if ia.status is S.REJECTED:
        _close_after_event(
            bar,
            ia,
            sub,
            "rejected_date",
            "discretionary.ia_rejection_bar_days",
            message(f"{AGREEMENT_PENDING.id}.how_rejected"),
        )
    elif ia.status is S.TERMINATED:
        _close_after_event(
            bar,
            ia,
            sub,
            "terminated_date",
            "discretionary.ia_termination_bar_days",
            message(f"{AGREEMENT_PENDING.id}.how_terminated"),
        )
    elif ia.status is S.WITHDRAWN:
        # 26 C.F.R. § 301.6331-4(a)(2): the proposal "remains pending until the IRS accepts the proposal, the IRS
        # notifies the taxpayer that the proposal has been rejected, or the proposal is withdrawn by the taxpayer";
        # no 30 days follow a withdrawal ((k)(2)(B) and (D) speak of a rejection and a termination only)
        if ia.withdrawn_date is None:
            bar.end_known = False
            bar.missing.append(f"{sub}.withdrawn_date")
        else:
            bar.facts[f"{sub}.withdrawn_date"] = ia.withdrawn_date
            bar.end = ia.withdrawn_date
            bar.how_ended = message(f"{AGREEMENT_PENDING.id}.how_withdrawn")
    elif ia.status is S.RETURNED:
        bar.end_known = False
        bar.missing.append(f"{sub}.status")
    return bar


# ---------------------------------------------------------------- findings about the offer or agreement


def _record_finding(rule: Rule, bar: Bar, sub: str, status: AlternativeStatus, ctx: Context) -> Finding:
    facts: dict[str, object] = {f"{sub}.status": status, **bar.facts}

    def emit(outcome: Outcome, key: str, **more: Any) -> Finding:
        return rule.finding(outcome, key, subject=sub, facts=facts, params=bar.params, **more)

    if bar.start is None or not bar.end_known:
        return emit(UNKNOWN, "start_unknown" if bar.start is None else "end_unknown", missing=bar.missing)
    if status is S.ACCEPTED and rule is OFFER_PENDING:
        return emit(DOES_NOT_APPLY, "accepted", ended=bar.end)
    if ctx.as_of < bar.start:
        return emit(DOES_NOT_APPLY, "not_yet", start=bar.start)
    if bar.end is None:
        key = "in_effect" if status in {S.ENTERED, S.ACCEPTED} else "pending"
        if status in {S.REJECTED, S.TERMINATED}:
            key = "appeal_pending"
        if key == "in_effect" and rule is AGREEMENT_PENDING:
            # "In effect since" is the day the agreement was entered, not the day it was asked for.
            entered = bar.facts.get(f"{sub}.entered_date")
            if not isinstance(entered, date):
                return emit(APPLIES, "in_effect_entered_unknown", start=bar.start)
            return emit(APPLIES, key, start=entered)
        return emit(APPLIES, key, start=bar.start)
    if ctx.as_of <= bar.end and status not in {S.REJECTED, S.TERMINATED}:
        return emit(APPLIES, "pending", start=bar.start)  # withdrawn or returned on the analysis date: pending then
    later = bar.later_end
    if ctx.as_of <= bar.end or (later is not None and ctx.as_of <= later):
        # after the statute's 30th day but by the appeal's § 7503 day: the ban still runs under the person's reading
        key, shown = ("after_rejection", bar.end) if ctx.as_of <= bar.end else ("after_rejection_appeal_day", later)
        ids = [f"levy_bar.{'offer' if rule is OFFER_PENDING else 'ia'}_appeal"] if bar.appeal_by else []
        return emit(
            APPLIES,
            key,
            also_cites=BETWEEN_CITES if key == "after_rejection_appeal_day" else (),
            start=bar.start,
            end=bar.end,
            how=bar.how_ended,
            appeal_by=bar.appeal_by or bar.end,
            value=shown,
            deadline_ids=ids,
        )
    return emit(DOES_NOT_APPLY, "ended", end=bar.end, how=bar.how_ended or message(f"{rule.id}.how_ended"))


def _coverage(case: Case, i: int, levy: Levy, periods: list[str], rsub: str) -> tuple[bool | None, list[str]]:
    """Whether the offer or agreement ``rsub`` covers a tax the levy collects: True, False, or None with the lists
    to ask. § 6331(k) bars a levy "with respect to any unpaid tax" the offer or agreement is about (26 C.F.R.
    § 301.6331-4(a)(1): "to collect a tax liability that is the subject of an installment agreement"), so both lists
    must be known: an offer or agreement whose periods are not given is not read as covering every period (the same
    reading as R6343-A3). A levy that names no periods collects the case's periods (``levy_periods``)."""
    named, _ = levy_periods(case, levy)
    levied = {p.id for p in named} or set(levy.tax_periods)
    missing = [] if periods else [f"{rsub}.tax_periods"]
    if not levied:
        missing += ["tax_periods", f"{levy_subject(i)}.tax_periods"]
    if missing:
        return None, missing
    return bool(levied & set(periods)), []


# where a levy falls that the bar would catch if the offer or agreement covers the levy's taxes
_BARRING = frozenset({Place.DURING, Place.BETWEEN, Place.UNKNOWN})


def _levy_findings(rule: Rule, case: Case, bars: list[tuple[Bar, list[str], str, AlternativeStatus]]) -> list[Finding]:
    """One finding per levy that may collect a tax the offer/agreement covers: when was it served? An offer or
    agreement whose periods (or the levy's) are not known answers unknown (``levy_periods_unknown``, the lists
    asked) where it would bar the levy and no offer or agreement known to cover the levy already does."""
    out: list[Finding] = []
    for i, levy in enumerate(case.levies):
        sub = levy_subject(i)
        placed: list[tuple[Place, bool, list[str], Bar, str, AlternativeStatus]] = []
        for bar, periods, rsub, status in bars:
            covered, asked = _coverage(case, i, levy, periods, rsub)
            if covered is not False:
                placed.append((place(levy, bar), covered is True, asked, bar, rsub, status))
        if not placed:
            continue
        known = [p for p in placed if p[1]]
        best = max(known, key=lambda p: p[0].value) if known else None
        maybe = [p for p in placed if not p[1] and p[0] in _BARRING]
        if maybe and (best is None or best[0] not in {Place.DURING, Place.BETWEEN}):
            where, _, asked, bar, rsub, _status = max(maybe, key=lambda p: p[0].value)
            timing = (
                ([f"{sub}.served_date"] if levy.served_date is None else bar.missing) if where is Place.UNKNOWN else []
            )
            facts_m: dict[str, object] = {f"{sub}.served_date": levy.served_date, **bar.facts}
            out.append(
                rule.finding(
                    UNKNOWN,
                    "levy_periods_unknown",
                    effect=LEVY_IMPROPER,
                    subject=sub,
                    facts=facts_m,
                    params=bar.params,
                    missing=[*asked, *timing],
                    record=field_arg(rsub),
                )
            )
            continue
        where, _, _, bar, rsub, status = best if best is not None else max(placed, key=lambda p: p[0].value)
        facts: dict[str, object] = {f"{sub}.served_date": levy.served_date, **bar.facts}

        def emit(outcome: Outcome, key: str, **more: Any) -> Finding:
            return rule.finding(outcome, key, subject=sub, facts=facts, params=bar.params, **more)  # noqa: B023

        if where is Place.UNKNOWN:
            missing = [f"{sub}.served_date"] if levy.served_date is None else bar.missing
            out.append(emit(UNKNOWN, "levy_unknown", missing=missing))
        elif where is Place.DURING:
            out.append(
                emit(
                    APPLIES,
                    "levy_during",
                    effect=LEVY_IMPROPER,
                    served=levy.served_date,
                    start=bar.start,
                    record=field_arg(rsub),
                )
            )
        elif where is Place.BETWEEN:
            # served after the statute's 30 days but by the day § 7503 gave for the appeal: the person's reading
            # (the bar ran through that day) first, the other (it ended on the 30th day) second
            out.append(
                emit(
                    UNKNOWN,
                    "levy_between_readings",
                    effect=LEVY_IMPROPER,
                    also_cites=BETWEEN_CITES,
                    served=levy.served_date,
                    end=bar.end,
                    later=bar.later_end,
                )
            )
        elif where is Place.BEFORE:
            entered = rule is AGREEMENT_PENDING and status in {S.ENTERED, S.ACCEPTED}
            key = "levy_before_entered" if entered else "levy_before"
            out.append(emit(APPLIES, key, effect=INFO, served=levy.served_date, start=bar.start))
        elif where is Place.EXCEPTED:
            facts[f"{sub}.jeopardy"] = True
            out.append(emit(DOES_NOT_APPLY, "levy_jeopardy", served=levy.served_date))
        else:
            out.append(emit(DOES_NOT_APPLY, "levy_after", served=levy.served_date, end=bar.end))
    return out


# ---------------------------------------------------------------- the rules


@once
def offer_in_compromise_pending(case: Case, ctx: Context) -> list[Finding]:
    """§ 6331(k)(1): no levy while an offer is pending, for 30 days after a rejection, and during a timely appeal.

    A levy first made before the offer became pending is excepted (§ 6331(i)(3) via (k)(3)); the IRS
    need not release it or return what it collects later (Chief Counsel GL-106846-01; Form 656
    (Rev. 4-2025) § 7(g)). A levy served while the bar ran was not allowed (LEVY_IMPROPER).
    """
    out: list[Finding] = []
    bars = []
    for i, o in enumerate(case.offers):
        sub = f"offers[{i}]"
        if o.accepted_for_processing is False:
            # returned as not processable: it never became pending, so it barred no levy (§ 6331(k)(1)(A): "during the
            # period that an offer-in-compromise ... is pending"; pending from acceptance for processing, Form 656
            # § 7(j)) and, no levy being barred, paused no statute ((k)(3), (i)(5)); no 30 days follow a return
            facts: dict[str, object] = {f"{sub}.accepted_for_processing": False, f"{sub}.status": o.status}
            out.append(OFFER_PENDING.finding(DOES_NOT_APPLY, "never_pending", subject=sub, facts=facts))
            continue
        bars.append((offer_bar(o, sub), o.tax_periods, sub, o.status))
    out += [_record_finding(OFFER_PENDING, bar, rsub, status, ctx) for bar, _, rsub, status in bars]
    return out + _levy_findings(OFFER_PENDING, case, bars)


@once
def installment_agreement_pending(case: Case, ctx: Context) -> list[Finding]:
    """§ 6331(k)(2); 26 C.F.R. § 301.6331-4(a): no levy while a proposed agreement is pending, while one
    is in effect, for 30 days after a rejection or termination, and during a timely appeal.

    A levy made before the proposal became pending is excepted from the bar; once the agreement is
    entered, § 6343(a)(1)(C) requires its release unless the agreement says otherwise (R6343-A3).
    """
    bars = [
        (agreement_bar(ia, f"installment_agreements[{i}]"), ia.tax_periods, f"installment_agreements[{i}]", ia.status)
        for i, ia in enumerate(case.installment_agreements)
    ]
    out = [_record_finding(AGREEMENT_PENDING, bar, rsub, status, ctx) for bar, _, rsub, status in bars]
    return out + _levy_findings(AGREEMENT_PENDING, case, bars)


def alternative_appeal_deadlines(case: Case, ctx: Context) -> list[Deadline]:
    """The last day to appeal a rejected offer or a rejected/terminated agreement so the bar keeps running."""
    out: list[Deadline] = []
    for i, o in enumerate(case.offers):
        if o.status is S.REJECTED and o.appeal_date is None:
            bar = offer_bar(o, f"offers[{i}]")
            out += appeal_deadline(
                "levy_bar.offer_appeal",
                "R6331-K1",
                bar,
                f"offers[{i}]",
                ctx.as_of,
            )
    for i, ia in enumerate(case.installment_agreements):
        if ia.status in {S.REJECTED, S.TERMINATED} and ia.appeal_date is None:
            bar = agreement_bar(ia, f"installment_agreements[{i}]")
            out += appeal_deadline(
                "levy_bar.ia_appeal",
                "R6331-K2",
                bar,
                f"installment_agreements[{i}]",
                ctx.as_of,
            )
    return out
