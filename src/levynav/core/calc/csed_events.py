"""Read the events that suspend the collection statute out of a ``Case`` (reference CSED-3).

Each reader turns one kind of fact into ``Suspension`` records (start, last day, scope) or into
``NoEffect`` records for events that suspend nothing (an installment agreement in effect, an
equivalent hearing, CNC status). A missing date never becomes a guess: an event whose end is not
known is counted up to the as-of date and marked open ("the CSED is at least …").
"""

from collections.abc import Callable
from datetime import date, timedelta

from levynav.core import params
from levynav.core.calc import csed_hearings_and_claims as more
from levynav.core.calc.csed_reader import Reader, appeal, detail, note, periods
from levynav.core.calc.csed_types import Events, NoEffect, Suspension, clause, make_events
from levynav.core.calc.dates import add_months
from levynav.core.calc.repeat_filing_stay import RepeatKind, repeat_filing, short_stay_ended
from levynav.core.model.case import AlternativeStatus, Bankruptcy, Case, Offer
from levynav.core.model.message import Message

# the statuses the readers sort by, made once (a set literal in a loop is built again for every item)
_ASKED = frozenset({AlternativeStatus.REQUESTED, AlternativeStatus.PENDING, AlternativeStatus.REJECTED})
_OPEN = frozenset({AlternativeStatus.REQUESTED, AlternativeStatus.PENDING})
_IA_MADE = frozenset({AlternativeStatus.ENTERED, AlternativeStatus.ACCEPTED, AlternativeStatus.TERMINATED})
_IA_IN_EFFECT = frozenset({AlternativeStatus.ENTERED, AlternativeStatus.ACCEPTED})


def _installment_agreements(r: Reader) -> None:
    for i, ia in enumerate(r.case.installment_agreements):
        src = f"installment_agreements[{i}]"
        scope = periods(ia.tax_periods)
        start = ia.pending_date or ia.requested_date
        if start is None and ia.status in _ASKED:
            r.ask(f"{src}.requested_date", scope)
            r.notes.append(note("ia_request_date_unknown", source=src))
        pend_end: date | None = None
        if ia.status in _IA_MADE:
            pend_end = ia.entered_date
        elif ia.status is AlternativeStatus.REJECTED and ia.rejected_date is not None:
            extra = r.days("csed.ia_post_rejection_days", ia.rejected_date)
            end = ia.rejected_date + timedelta(days=extra)
            said: tuple[Message, ...] = (detail("rejected_plus", day=ia.rejected_date, days=extra, end=end),)
            end, said, is_open = appeal(r, ia.rejected_date, end, said, ia.appeal_date, ia.appeal_decided_date)
            if start is not None:
                r.add(Suspension("CSED-3.3", src, start, end, said, is_open, scope))
            else:
                # The request day not known: its pending time is not counted, but the levy was barred for the 30 days
                # after the rejection (and a timely appeal) whatever that day was (§ 6331(k)(2)(B), (k)(3)): counted
                # from the rejection, "at least". (Nothing was counted: the CSED shown was up to 30 days early.)
                said = (detail("from_rejection_only"), *said)
                r.add(Suspension("CSED-3.3", src, ia.rejected_date, end, said, True, scope))
            continue
        elif ia.status is AlternativeStatus.REJECTED:
            # Rejected on a day not known: the request was pending until then and the 30 days after it (and a
            # timely appeal) followed (§ 6331(k)(2)(A), (B), (k)(3)), so the pause is not known. The rejection
            # came on or after the request, so at least the 30 days after the request were paused: counted
            # so, marked "at least", and the day asked.
            r.ask(f"{src}.rejected_date", scope)
            if start is not None:
                extra = r.days("csed.ia_post_rejection_days", start)
                least = start + timedelta(days=extra)
                said_r = (detail("rejected_day_unknown", days=extra, end=least),)
                r.add(Suspension("CSED-3.3", src, start, least, said_r, True, scope))
            continue
        elif ia.status is AlternativeStatus.WITHDRAWN:
            _withdrawn_request(r, src, start, ia.withdrawn_date, scope)
            continue
        elif ia.status in _OPEN:
            if start is not None:
                r.open_until_today("CSED-3.2", src, start, (detail("still_pending"),), periods=scope)
            continue
        if start is not None and pend_end is not None and pend_end > start:
            r.add(
                Suspension(
                    "CSED-3.2",
                    src,
                    start,
                    pend_end,
                    (detail("pending_until_approved", day=pend_end),),
                    False,
                    scope,
                )
            )
        elif start is None and pend_end is not None:
            r.notes.append(note("ia_request_date_unknown_approved", source=src, day=pend_end))
        if ia.entered_date is not None or ia.status in _IA_IN_EFFECT:
            r.none.append(
                NoEffect(
                    "CSED-3.5",
                    src,
                    ia.entered_date,
                    clause("why.ia_in_effect"),
                    scope,
                )
            )
        if ia.status is AlternativeStatus.TERMINATED:
            if ia.terminated_date is None:
                r.ask(f"{src}.terminated_date", scope)
                continue
            extra = r.days("csed.ia_post_rejection_days", ia.terminated_date)
            end = ia.terminated_date + timedelta(days=extra)
            said_t: tuple[Message, ...] = (detail("terminated_plus", day=ia.terminated_date, days=extra, end=end),)
            end, said_t, is_open = appeal(r, ia.terminated_date, end, said_t, ia.appeal_date, ia.appeal_decided_date)
            r.add(Suspension("CSED-3.4", src, ia.terminated_date, end, said_t, is_open, scope))


def _withdrawn_request(r: Reader, src: str, start: date | None, withdrawn: date | None, scope: tuple[str, ...]) -> None:
    """A request withdrawn was pending until then (26 C.F.R. § 301.6331-4(a)(2): it "remains pending until the IRS
    accepts the proposal, the IRS notifies the taxpayer that the proposal has been rejected, or the proposal is
    withdrawn"), and the statute is paused while the levy is barred (§ 6331(k)(2)(A), (k)(3), (i)(5)); no 30 days
    follow a withdrawal (they follow a rejection or a termination). It was counted as nothing before."""
    if start is None:
        r.ask(f"{src}.requested_date", scope)
        r.notes.append(note("ia_request_date_unknown", source=src))
        return
    if withdrawn is None:
        # withdrawn on a day not known: on or after the request, so only the start is known ("at least"); asked
        r.ask(f"{src}.withdrawn_date", scope)
        said = (detail("status_end_unknown", status=AlternativeStatus.WITHDRAWN),)
        r.add(Suspension("CSED-3.2", src, start, start, said, True, scope))
        return
    r.add(Suspension("CSED-3.2", src, start, withdrawn, (detail("ended.withdrawn", day=withdrawn),), False, scope))


def _offers(r: Reader) -> None:
    for i, o in enumerate(r.case.offers):
        src = f"offers[{i}]"
        if o.accepted_for_processing is False:
            # never pending (returned as not processable): no levy was barred, so nothing is suspended (§ 6331(k)(3),
            # (i)(5)); not counted from the date sent either
            r.notes.append(note("oic_never_pending", source=src))
            continue
        scope = periods(o.tax_periods)
        start = o.pending_date or o.submitted_date
        if start is None:
            r.ask(f"{src}.pending_date", scope)
            if o.status is AlternativeStatus.REJECTED and o.rejected_date is not None:
                # Its pending time is not known, but the levy was barred for the 30 days after the rejection (and a
                # timely appeal) whatever it was (§ 6331(k)(1)(B), (k)(3)): counted from the rejection, "at least".
                extra = r.days("csed.oic_post_rejection_days", o.rejected_date)
                end = o.rejected_date + timedelta(days=extra)
                said_r: tuple[Message, ...] = (
                    detail("from_rejection_only"),
                    detail("rejected_plus", day=o.rejected_date, days=extra, end=end),
                )
                end, said_r, _ = appeal(r, o.rejected_date, end, said_r, o.appeal_date, o.appeal_decided_date)
                r.add(Suspension("CSED-3.6", src, o.rejected_date, end, said_r, True, scope))
                r.notes.append(note("oic_date_unknown_rejected", source=src, days=extra))
                continue
            r.notes.append(note("oic_date_unknown", source=src))
            continue
        if o.pending_date is None:
            r.ask(f"{src}.pending_date", scope)
            r.notes.append(note("oic_counted_from_sent", source=src, day=start))
        if o.status is AlternativeStatus.REJECTED and o.rejected_date is not None:
            extra = r.days("csed.oic_post_rejection_days", o.rejected_date)
            end = o.rejected_date + timedelta(days=extra)
            said_o: tuple[Message, ...] = (detail("rejected_plus", day=o.rejected_date, days=extra, end=end),)
            end, said_o, is_open = appeal(r, o.rejected_date, end, said_o, o.appeal_date, o.appeal_decided_date)
            r.add(Suspension("CSED-3.6", src, start, end, said_o, is_open, scope))
        elif (end_day := _ended(o)) is not None:
            said = (detail(f"ended.{o.status.value}", day=end_day),)
            r.add(Suspension("CSED-3.6", src, start, end_day, said, False, scope))
        elif o.status in _OPEN:
            said = (detail("status_end_unknown", status=o.status),)
            r.open_until_today("CSED-3.6", src, start, said, periods=scope)
        else:
            # Ended on a day not known (rejected, accepted, returned, withdrawn): it ended on or after it became
            # pending, and a rejection is followed by 30 days (§ 6331(k)(1)(B)); only that much is known, so it is
            # counted ("at least") and the day is asked - not counted up to today, which would overstate it.
            r.ask(f"{src}.{o.status.value}_date", scope)
            if o.status is AlternativeStatus.REJECTED:
                extra = r.days("csed.oic_post_rejection_days", start)
                least = start + timedelta(days=extra)
                said = (detail("rejected_day_unknown", days=extra, end=least),)
            else:
                least, said = start, (detail("status_end_unknown", status=o.status),)
            r.add(Suspension("CSED-3.6", src, start, least, said, True, scope))


def _ended(o: Offer) -> date | None:
    """The day an accepted, returned or withdrawn offer ended (None: another status, or the day is not known)."""
    if o.status is AlternativeStatus.ACCEPTED:
        return o.accepted_date
    if o.status is AlternativeStatus.RETURNED:
        return o.returned_date
    if o.status is AlternativeStatus.WITHDRAWN:
        return o.withdrawn_date
    return None


def _bankruptcies(r: Reader) -> None:
    for i, b in enumerate(r.case.proceedings.bankruptcies):
        src = f"proceedings.bankruptcies[{i}]"
        ends = [d for d in (b.discharge_date, b.dismissal_date, b.closed_date) if d is not None]
        months = r.days("csed.bankruptcy_tail_months", b.petition_date)
        if _repeat_filer(r, i, b, src, months, min(ends) if ends else None):
            continue
        if not ends:
            r.missing.append(f"{src}.discharge_date")
            r.open_until_today(
                "CSED-3.7",
                src,
                b.petition_date,
                (detail("bankruptcy_open", months=months),),
                tail_months=months,
                chapter=b.chapter,
            )
            continue
        stay_end = min(ends)
        end = add_months(stay_end, months)
        r.add(
            Suspension(
                "CSED-3.7",
                src,
                b.petition_date,
                end,
                (detail("barred_plus_months", day=stay_end, months=months, end=end),),
                chapter=b.chapter,
            )
        )


def _repeat_filer(r: Reader, i: int, b: Bankruptcy, src: str, months: int, end: date | None) -> bool:
    """§ 6503(h) suspends "for the period during which the Secretary is prohibited by reason of such case from ...
    collecting", plus six months. A repeat filer's case may have had no stay (11 U.S.C. § 362(c)(4)) or one that
    ended for the debtor on the 30th day (§ 362(c)(3)); see calc/repeat_filing_stay.py. True when this reader
    counted the case (the ordinary count is then skipped)."""
    rf = repeat_filing(r.case, i)
    if rf.kind is RepeatKind.NONE:
        start = b.stay_imposed_date
        if start is None or (end is not None and start >= end):
            r.none.append(NoEffect("CSED-3.7", src, b.petition_date, clause("why.no_stay_repeat_filer")))
            return True
        if end is None:
            r.missing.append(f"{src}.discharge_date")
            r.open_until_today(
                "CSED-3.7",
                src,
                start,
                (detail("court_stay_in_force", imposed=start),),
                tail_months=months,
                chapter=b.chapter,
            )
            return True
        tail = add_months(end, months)
        r.add(
            Suspension(
                "CSED-3.7",
                src,
                start,
                tail,
                (detail("court_stay_plus_months", imposed=start, day=end, months=months, end=tail),),
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
            src,
            b.petition_date,
            tail,
            (detail("stay_ended_30th_day", day=last, months=months, end=tail),),
            chapter=b.chapter,
        )
    )
    r.notes.append(
        note(
            "repeat_filer_30th_day" if b.stay_continued is not None else "repeat_filer_30th_day_extension_unknown",
            source=src,
            months=months,
        )
    )
    return True


def _reader_name(reader: Callable[[Reader], None]) -> Message:
    """The events a reader reads, named in a note (built only when a note needs it, not for every reader)."""
    return clause(f"reader.{reader.__name__.strip('_')}")


_READERS = (
    _installment_agreements,
    _offers,
    _bankruptcies,
    more.hearings,
    more.legal_actions,
    more.spouse_tao_absence,
    more.combat_zone,
    more.no_effect,
)


def read_events(case: Case, as_of: date) -> Events:
    """Every suspension and no-effect event the case can express."""
    r = Reader(case, as_of)
    for reader in _READERS:
        # Only the two known limits are caught, typed: a day count with no value on the event's date (its id is
        # kept) and a date outside the calendar. Anything else is a fault and is not hidden.
        try:
            reader(r)
        except params.MissingParameter as exc:
            r.law_gaps.append(exc.pid)
            r.notes.append(note("law_gap", events=_reader_name(reader)))
        except OverflowError:
            r.notes.append(note("calendar", events=_reader_name(reader)))
    return make_events(
        suspensions=tuple(r.out),
        no_effect=tuple(r.none),
        notes=tuple(r.notes),
        missing=tuple(dict.fromkeys(r.missing)),
        law_gaps=tuple(dict.fromkeys(r.law_gaps)),
        missing_scope=tuple(r.missing_scope.items()),
    )
