"""CSED event readers for hearings, TC 520 legal actions, innocent spouse claims, TAO applications,
absences and events that suspend nothing (reference CSED-3 rows 1, 7, 9, 12-14, 20-23)."""

from __future__ import annotations

from datetime import date, timedelta

from levynav.core.calc.csed_reader import Reader, periods
from levynav.core.calc.csed_types import NoEffect, Suspension
from levynav.core.calc.dates import add_months, last_day_after
from levynav.core.calc.hearing_windows import kind_of
from levynav.core.model.case import Case, HearingRequest


def cdp_last_day(case: Case, request: HearingRequest) -> tuple[date | None, str]:
    """The last day for a timely CDP request: the one answer of ``calc.hearing_windows.request_kind``."""
    rk = kind_of(case, request)
    if rk.window is None or rk.last is None:
        return None, "no CDP notice in the case to test timeliness against"
    w = rk.window
    return rk.last, f"{w.subject} ({w.notice.type.value}, {w.cdp_note}): last day {rk.last.isoformat()}"


def hearings(r: Reader) -> None:
    for i, h in enumerate(r.case.proceedings.hearing_requests):
        src = f"proceedings.hearing_requests[{i}]"
        scope = periods(h.tax_periods)
        last, how = cdp_last_day(r.case, h)
        unverified = False
        if kind_of(r.case, h).cdp is False and last is not None:
            r.none.append(
                NoEffect(
                    "CSED-3.20",
                    "Equivalent hearing",
                    src,
                    h.request_date,
                    f"the request came after the CDP deadline ({how}), so it is an equivalent hearing, "
                    "which suspends nothing",
                    scope,
                )
            )
            continue
        if last is None:
            r.missing.append(f"{src}.request_date")
            r.notes.append(f"{src}: {how}; counted as a timely CDP request — if it was late, it suspends nothing")
            unverified = True
        _cdp(
            r,
            src,
            "Collection Due Process hearing",
            h.request_date,
            h.final_date,
            h.determination_date,
            h.tax_court_petition_date,
            scope,
            unverified,
        )


def _cdp(
    r: Reader,
    src: str,
    label: str,
    start: date,
    final: date | None,
    determination: date | None,
    petition: date | None,
    scope: tuple[str, ...],
    unverified: bool,
    note: str = "",
    tc: int | None = None,
) -> None:
    if final is None and determination is not None and petition is not None:
        days = r.days("csed.cdp_tax_court_petition_days", determination)
        if petition > last_day_after(determination, days).last:
            # A late petition (Boechler: the court may still toll the 30 days). The reading that protects the
            # person counts the suspension only to the end of the 30 days; if the court accepts the petition,
            # the suspension runs until its decision is final and the CSED is later.
            note += (
                f"the Tax Court petition of {petition.isoformat()} came after the 30 days, so it is not counted "
                "unless the court accepts it (Boechler v. Comm'r, 596 U.S. 199 (2022)); "
            )
            petition = None
    if final is None and determination is not None and petition is None:
        days = r.days("csed.cdp_tax_court_petition_days", determination)
        final = determination + timedelta(days=days)
        note += f"determination {determination.isoformat()} + {days} days to petition the Tax Court (Kollman)"
        if final > r.as_of:
            note += "; if no petition is filed"
    if final is None:
        r.open_until_today(
            "CSED-3.1",
            label,
            src,
            start,
            (note + "; " if note else "") + "not final yet",
            periods=scope,
            unverified=unverified,
            tc=tc,
        )
        return
    floor = r.days("csed.cdp_floor_days", final)
    detail = (note + "; " if note else "") + f"final {final.isoformat()}; not to end before the {floor}th day after"
    r.add(
        Suspension(
            "CSED-3.1",
            label,
            src,
            start,
            final,
            detail,
            False,
            scope,
            floor_anchor=final,
            floor_days=floor,
            unverified=unverified,
            tc=tc,
        )
    )


# The account transcript's code for "legal action / bankruptcy" (TC 520; TC 521 ends it): reference TX-3.
LEGAL_ACTION_TC = 520


def legal_actions(r: Reader) -> None:
    for i, a in enumerate(r.case.proceedings.legal_actions):
        src = a.source or f"proceedings.legal_actions[{i}]"
        scope = periods(a.tax_periods)
        if a.kind == "cdp":
            label = "Collection Due Process hearing (TC 520)"
            _cdp(r, src, label, a.start_date, a.end_date, None, None, scope, True, tc=LEGAL_ACTION_TC)
            continue
        if a.kind == "bankruptcy":
            months = r.days("csed.bankruptcy_tail_months", a.start_date)
            if a.end_date is None:
                r.open_until_today(
                    "CSED-3.7",
                    "Bankruptcy (TC 520)",
                    src,
                    a.start_date,
                    "no TC 521 yet",
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
                        "Bankruptcy (TC 520)",
                        src,
                        a.start_date,
                        end,
                        f"TC 521 {a.end_date.isoformat()}, + {months} months = {end.isoformat()}",
                        False,
                        scope,
                        unverified=True,
                        tc=LEGAL_ACTION_TC,
                    )
                )
            continue
        label = (
            "Legal action (TC 520"
            + (f" cc {a.closing_code}" if a.closing_code is not None else "")
            + ", kind not known)"
        )
        r.notes.append(
            f"{src}: the transcript does not say what kind of legal action this is; it is counted only while open. "
            "If it was a bankruptcy, six more months follow; if a CDP hearing, the 90-day minimum applies."
        )
        if a.end_date is None:
            r.open_until_today(
                "CSED-3.7",
                label,
                src,
                a.start_date,
                "no TC 521 yet",
                periods=scope,
                unverified=True,
                tc=LEGAL_ACTION_TC,
            )
        else:
            r.add(
                Suspension(
                    "CSED-3.7",
                    label,
                    src,
                    a.start_date,
                    a.end_date,
                    f"open until {a.end_date.isoformat()}",
                    False,
                    scope,
                    unverified=True,
                    tc=LEGAL_ACTION_TC,
                )
            )


def spouse_tao_absence(r: Reader) -> None:
    pr = r.case.proceedings
    for i, c in enumerate(pr.innocent_spouse_claims):
        src = f"proceedings.innocent_spouse_claims[{i}]"
        scope = periods(c.tax_periods)
        label = "Innocent spouse claim (your own liability only)"
        tail = r.days("csed.innocent_spouse_tail_days", c.filed_date)
        bar_end: date | None = None
        how = ""
        if c.waiver_date is not None:
            bar_end, how = c.waiver_date, f"waiver {c.waiver_date.isoformat()}"
        elif c.decision_final_date is not None:
            bar_end, how = c.decision_final_date, f"Tax Court decision final {c.decision_final_date.isoformat()}"
        elif c.final_determination_date is not None and c.tax_court_petition_date is None:
            pet = r.days("csed.innocent_spouse_petition_days", c.final_determination_date)
            bar_end = c.final_determination_date + timedelta(days=pet)
            how = f"determination mailed {c.final_determination_date.isoformat()} + {pet} days = {bar_end.isoformat()}"
        if bar_end is None:
            r.open_until_today(
                "CSED-3.12", label, src, c.filed_date, f"levy still barred; {tail} days more will follow", periods=scope
            )
            continue
        end = bar_end + timedelta(days=tail)
        r.add(
            Suspension(
                "CSED-3.12", label, src, c.filed_date, end, f"{how}, + {tail} days = {end.isoformat()}", False, scope
            )
        )
    for i, t in enumerate(pr.taxpayer_advocate_requests):
        src = f"proceedings.taxpayer_advocate_requests[{i}]"
        label = "Taxpayer Assistance Order application"
        if t.decision_date is None:
            r.open_until_today("CSED-3.13", label, src, t.application_date, "no decision yet")
            continue
        end = t.decision_date
        detail = f"decided {end.isoformat()}"
        if t.order_issued and t.order_period_end is not None and t.order_period_end > end:
            end, detail = t.order_period_end, detail + f"; the order runs to {t.order_period_end.isoformat()}"
        r.add(Suspension("CSED-3.13", label, src, t.application_date, end, detail))
    for i, a in enumerate(pr.absences):
        src = f"proceedings.absences[{i}]"
        if a.reason == "combat_zone":
            tail = r.days("csed.combat_zone_tail_days", a.start_date)
            if a.end_date is None:
                r.open_until_today(
                    "CSED-3.14",
                    "Combat zone service",
                    src,
                    a.start_date,
                    f"still serving; {tail} days more will follow",
                )
                continue
            end = a.end_date + timedelta(days=tail)
            r.add(
                Suspension(
                    "CSED-3.14",
                    "Combat zone service",
                    src,
                    a.start_date,
                    end,
                    f"left {a.end_date.isoformat()}, + {tail} days = {end.isoformat()}",
                )
            )
        elif a.reason == "abroad":
            need = r.days("csed.abroad_min_months", a.start_date)
            floor = r.days("csed.abroad_return_floor_months", a.start_date)
            qualifies_by = add_months(a.start_date, need)
            if a.end_date is None:
                if qualifies_by <= r.as_of:
                    r.open_until_today(
                        "CSED-3.9",
                        "Living outside the United States",
                        src,
                        a.start_date,
                        f"not back yet; {need} months or more in a row outside the United States pause the "
                        f"collection statute for the whole time away (26 U.S.C. § 6503(c)), and after the return it "
                        f"cannot run out before {floor} months have passed",
                    )
                else:
                    r.notes.append(
                        f"{src}: abroad for less than {need} months so far; "
                        f"it counts only if the absence reaches {need} months"
                    )
                continue
            if a.end_date < qualifies_by:
                r.none.append(
                    NoEffect(
                        "CSED-3.9",
                        "Time outside the United States",
                        src,
                        a.start_date,
                        f"shorter than {need} continuous months, so it does not pause the statute: only an absence "
                        f"of {need} months or more in a row does (26 U.S.C. § 6503(c))",
                    )
                )
                continue
            r.add(
                Suspension(
                    "CSED-3.9",
                    "Living outside the United States",
                    src,
                    a.start_date,
                    a.end_date,
                    f"away from {a.start_date.isoformat()} to {a.end_date.isoformat()}: {need} months or more in a "
                    f"row outside the United States pause the collection statute for the whole time away "
                    f"(26 U.S.C. § 6503(c)), and after the return it cannot run out before {floor} months have passed",
                    floor_months_after=a.end_date,
                    floor_months=floor,
                )
            )
        else:
            r.notes.append(f"{src}: reason {a.reason!r} is not one the engine counts ('abroad' or 'combat_zone')")


def no_effect(r: Reader) -> None:
    if r.case.circumstances.irs_agreed_not_collectible:
        r.none.append(
            NoEffect(
                "CSED-3.21",
                "Currently not collectible",
                "circumstances.irs_agreed_not_collectible",
                None,
                "CNC status does not stop the ten-year clock",
            )
        )
    for i, a in enumerate(r.case.proceedings.audit_reconsiderations):
        r.none.append(
            NoEffect(
                "CSED-3.22",
                "Audit reconsideration",
                f"proceedings.audit_reconsiderations[{i}]",
                a.requested_date,
                "audit reconsideration is not known to suspend the statute (unverified)",
                tuple(a.tax_periods),
            )
        )
    if r.case.proceedings.refund_suit_pending:
        r.notes.append(
            "proceedings.refund_suit_pending: a refund suit on a divisible tax suspends the statute (§ 6331(i)(5)) "
            "but the case gives no dates, so it is not counted"
        )
