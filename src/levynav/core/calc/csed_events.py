"""Read the events that suspend the collection statute out of a ``Case`` (reference CSED-3).

Each reader turns one kind of fact into ``Suspension`` records (start, last day, scope) or into
``NoEffect`` records for events that suspend nothing (an installment agreement in effect, an
equivalent hearing, CNC status). A missing date never becomes a guess: an event whose end is not
known is counted up to the as-of date and marked open ("the CSED is at least …").
"""

from datetime import date, timedelta

from levynav.core import params
from levynav.core.calc import csed_hearings_and_claims as more
from levynav.core.calc.csed_reader import Reader, appeal, periods
from levynav.core.calc.csed_types import Events, NoEffect, Suspension
from levynav.core.calc.dates import add_months
from levynav.core.calc.repeat_filing_stay import RepeatKind, repeat_filing, short_stay_ended
from levynav.core.model.case import AlternativeStatus, Bankruptcy, Case


def _installment_agreements(r: Reader) -> None:
    for i, ia in enumerate(r.case.installment_agreements):
        src = f"installment_agreements[{i}]"
        scope = periods(ia.tax_periods)
        start = ia.pending_date or ia.requested_date
        label = "Installment agreement request pending"
        if start is None and ia.status in {
            AlternativeStatus.REQUESTED,
            AlternativeStatus.PENDING,
            AlternativeStatus.REJECTED,
        }:
            r.missing.append(f"{src}.requested_date")
            r.notes.append(
                f"{src}: the date the agreement was requested is not known, so its pending time is not counted"
            )
        pend_end: date | None = None
        if ia.status in {AlternativeStatus.ENTERED, AlternativeStatus.ACCEPTED, AlternativeStatus.TERMINATED}:
            pend_end = ia.entered_date
        elif ia.status is AlternativeStatus.REJECTED and ia.rejected_date is not None:
            extra = r.days("csed.ia_post_rejection_days", ia.rejected_date)
            end = ia.rejected_date + timedelta(days=extra)
            detail = f"rejected {ia.rejected_date.isoformat()}, + {extra} days = {end.isoformat()}"
            end, detail, is_open = appeal(r, ia.rejected_date, end, detail, ia.appeal_date, ia.appeal_decided_date)
            if start is not None:
                r.add(Suspension("CSED-3.3", label + ", then rejected", src, start, end, detail, is_open, scope))
            continue
        elif ia.status in {AlternativeStatus.REQUESTED, AlternativeStatus.PENDING}:
            if start is not None:
                r.open_until_today("CSED-3.2", label, src, start, "still pending", periods=scope)
            continue
        if start is not None and pend_end is not None and pend_end > start:
            r.add(
                Suspension(
                    "CSED-3.2",
                    label,
                    src,
                    start,
                    pend_end,
                    f"pending until approved {pend_end.isoformat()}",
                    False,
                    scope,
                )
            )
        elif start is None and pend_end is not None:
            r.notes.append(
                f"{src}: the request date is not known; if the agreement was pending before it was approved "
                "on " + pend_end.isoformat() + ", that time also suspends the statute"
            )
        if ia.entered_date is not None or ia.status in {AlternativeStatus.ENTERED, AlternativeStatus.ACCEPTED}:
            r.none.append(
                NoEffect(
                    "CSED-3.5",
                    "Installment agreement in effect",
                    src,
                    ia.entered_date,
                    "an agreement in effect does not suspend the statute",
                    scope,
                )
            )
        if ia.status is AlternativeStatus.TERMINATED:
            if ia.terminated_date is None:
                r.missing.append(f"{src}.terminated_date")
                continue
            extra = r.days("csed.ia_post_rejection_days", ia.terminated_date)
            end = ia.terminated_date + timedelta(days=extra)
            detail = f"terminated {ia.terminated_date.isoformat()}, + {extra} days = {end.isoformat()}"
            end, detail, is_open = appeal(r, ia.terminated_date, end, detail, ia.appeal_date, ia.appeal_decided_date)
            r.add(
                Suspension(
                    "CSED-3.4", "Installment agreement terminated", src, ia.terminated_date, end, detail, is_open, scope
                )
            )


def _offers(r: Reader) -> None:
    for i, o in enumerate(r.case.offers):
        src = f"offers[{i}]"
        scope = periods(o.tax_periods)
        start = o.pending_date or o.submitted_date
        label = "Offer in compromise pending"
        if start is None:
            r.missing.append(f"{src}.pending_date")
            r.notes.append(f"{src}: the date the offer was accepted for processing is not known, so it is not counted")
            continue
        if o.pending_date is None:
            r.missing.append(f"{src}.pending_date")
            r.notes.append(
                f"{src}: counted from the date sent ({start.isoformat()}) because the processing date is not known"
            )
        ended = {
            AlternativeStatus.ACCEPTED: o.accepted_date,
            AlternativeStatus.RETURNED: o.returned_date,
            AlternativeStatus.WITHDRAWN: o.withdrawn_date,
        }
        if o.status is AlternativeStatus.REJECTED and o.rejected_date is not None:
            extra = r.days("csed.oic_post_rejection_days", o.rejected_date)
            end = o.rejected_date + timedelta(days=extra)
            detail = f"rejected {o.rejected_date.isoformat()}, + {extra} days = {end.isoformat()}"
            end, detail, is_open = appeal(r, o.rejected_date, end, detail, o.appeal_date, o.appeal_decided_date)
            r.add(Suspension("CSED-3.6", label + ", then rejected", src, start, end, detail, is_open, scope))
        elif o.status in ended and ended[o.status] is not None:
            end_day = ended[o.status]
            assert end_day is not None
            r.add(
                Suspension(
                    "CSED-3.6", label, src, start, end_day, f"{o.status.value} {end_day.isoformat()}", False, scope
                )
            )
        else:
            if o.status not in {AlternativeStatus.PENDING, AlternativeStatus.REQUESTED}:
                r.missing.append(f"{src}.{o.status.value}_date")
            r.open_until_today(
                "CSED-3.6", label, src, start, f"status {o.status.value}, end date not known", periods=scope
            )


def _bankruptcies(r: Reader) -> None:
    for i, b in enumerate(r.case.proceedings.bankruptcies):
        src = f"proceedings.bankruptcies[{i}]"
        ends = [d for d in (b.discharge_date, b.dismissal_date, b.closed_date) if d is not None]
        months = r.days("csed.bankruptcy_tail_months", b.petition_date)
        label = "Bankruptcy" + (f" (chapter {b.chapter})" if b.chapter else "")
        if _repeat_filer(r, i, b, src, label, months, min(ends) if ends else None):
            continue
        if not ends:
            r.missing.append(f"{src}.discharge_date")
            r.open_until_today(
                "CSED-3.7",
                label,
                src,
                b.petition_date,
                f"the case is still open; {months} months more will follow when it ends",
                tail_months=months,
                chapter=b.chapter,
            )
            continue
        stay_end = min(ends)
        end = add_months(stay_end, months)
        r.add(
            Suspension(
                "CSED-3.7",
                label,
                src,
                b.petition_date,
                end,
                f"collection barred until {stay_end.isoformat()}, + {months} months = {end.isoformat()}",
                chapter=b.chapter,
            )
        )


def _repeat_filer(r: Reader, i: int, b: Bankruptcy, src: str, label: str, months: int, end: date | None) -> bool:
    """§ 6503(h) suspends "for the period during which the Secretary is prohibited by reason of such case from ...
    collecting", plus six months. A repeat filer's case may have had no stay (11 U.S.C. § 362(c)(4)) or one that
    ended for the debtor on the 30th day (§ 362(c)(3)); see calc/repeat_filing_stay.py. True when this reader
    counted the case (the ordinary count is then skipped)."""
    rf = repeat_filing(r.case, i)
    if rf.kind is RepeatKind.NONE:
        start = b.stay_imposed_date
        if start is None or (end is not None and start >= end):
            r.none.append(
                NoEffect(
                    "CSED-3.7",
                    label,
                    src,
                    b.petition_date,
                    "no automatic stay began, because two or more earlier cases were dismissed in the year before "
                    "(11 U.S.C. § 362(c)(4)); with no stay the IRS was not barred from collecting, so the case "
                    "does not pause the statute (26 U.S.C. § 6503(h))",
                )
            )
            return True
        if end is None:
            r.missing.append(f"{src}.discharge_date")
            r.open_until_today(
                "CSED-3.7", label, src, start, "the stay the court imposed is still in force", tail_months=months
            )
            return True
        tail = add_months(end, months)
        r.add(
            Suspension(
                "CSED-3.7",
                label,
                src,
                start,
                tail,
                f"stay imposed by the court on {start.isoformat()} (11 U.S.C. § 362(c)(4)(C)), in force until "
                f"{end.isoformat()}, + {months} months = {tail.isoformat()}",
                chapter=b.chapter,
            )
        )
        return True
    if not short_stay_ended(b, rf) or rf.last_day is None or (end is not None and end <= rf.last_day):
        return False
    if b.stay_continued is None:
        r.missing.append(f"{src}.stay_continued")
    last = rf.last_day
    tail = add_months(last, months)
    r.add(
        Suspension(
            "CSED-3.7",
            label,
            src,
            b.petition_date,
            tail,
            f"the stay ended for the debtor on {last.isoformat()}, the 30th day, because an earlier case was "
            f"dismissed in the year before (11 U.S.C. § 362(c)(3)), + {months} months = {tail.isoformat()}",
            chapter=b.chapter,
        )
    )
    r.notes.append(
        f"{src}: counted to the 30th day of the stay (+ {months} months), the earlier CSED. The IRS may count the "
        "whole case, holding that the stay still barred collection from property of the bankruptcy estate "
        "(IRS Chief Counsel Notice CC-2008-007); the CSED would then be later"
        + ("; if the court extended the stay, it runs to the end of the case" if b.stay_continued is None else "")
    )
    return True


def read_events(case: Case, as_of: date) -> Events:
    """Every suspension and no-effect event the case can express."""
    r = Reader(case, as_of)
    for reader in (
        _installment_agreements,
        _offers,
        _bankruptcies,
        more.hearings,
        more.legal_actions,
        more.spouse_tao_absence,
        more.no_effect,
    ):
        # Only the two known limits are caught, typed: a day count with no value on the event's date (its id is
        # kept) and a date outside the calendar. Anything else is a fault and is not hidden.
        try:
            reader(r)
        except params.MissingParameter as exc:
            r.law_gaps.append(exc.pid)
            r.notes.append(f"some events could not be counted ({reader.__name__.strip('_')}): {exc}")
        except OverflowError as exc:
            r.notes.append(f"some events could not be counted ({reader.__name__.strip('_')}): {exc}")
    return Events(
        tuple(r.out), tuple(r.none), tuple(r.notes), tuple(dict.fromkeys(r.missing)), tuple(dict.fromkeys(r.law_gaps))
    )
