"""Turn read transcripts into facts of a ``Case`` (assessments, payments, agreements, offers, legal actions).

One transcript is one tax period; several transcripts of one taxpayer combine into one case. Facts the
case already states win; transcript facts fill what is unknown and add events. Every inference (an
action code read from wording, a rejection date taken as 30 days before a reversal) is reported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from levynav.core import params
from levynav.core.calc.hearing_windows import cdp_request_period
from levynav.core.model.case import Case
from levynav.core.model.message import Message, message
from levynav.intake.transcript_codes import Meaning, classify
from levynav.intake.transcript_parse import Problem, Transaction, Transcript, problem


@dataclass(frozen=True)
class Event:
    period_id: str
    line: int
    code: str
    day: date | None
    amount: Decimal | None
    explanation: str
    meaning: Meaning


@dataclass
class Facts:
    """What the transcripts say, in the shape of ``Case`` fields (plain dicts, validated on merge)."""

    periods: list[dict[str, Any]] = field(default_factory=list)
    payments: list[dict[str, Any]] = field(default_factory=list)
    installment_agreements: list[dict[str, Any]] = field(default_factory=list)
    offers: list[dict[str, Any]] = field(default_factory=list)
    legal_actions: list[dict[str, Any]] = field(default_factory=list)
    innocent_spouse_claims: list[dict[str, Any]] = field(default_factory=list)
    not_collectible: bool | None = None
    codes: dict[tuple[str, date], tuple[int, ...]] = field(default_factory=dict)  # each assessment's TCs
    events: list[Event] = field(default_factory=list)
    problems: list[Message] = field(default_factory=list)  # ``transcript.problem.at`` / ``.file`` {source, …}


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _days(pid: str, on: date) -> int:
    return params.number(pid, on)


def located(source: str, p: Problem) -> Message:
    """A problem with the file it is in and its line: ``transcript.problem.at`` / ``transcript.problem.file``."""
    if p.line is None:
        return message("transcript.problem.file", source=source, what=p.what)
    return message("transcript.problem.at", source=source, line=p.line, what=p.what)


def _at(facts: Facts, where: str, line: int | None, name: str, **args: object) -> None:
    facts.problems.append(located(where, problem(line, name, **args)))


def transcript_facts(transcripts: list[Transcript]) -> Facts:
    facts = Facts()
    for t in transcripts:
        where = t.source
        facts.problems += [located(where, p) for p in t.problems]
        pid = t.period_id
        if pid is None:
            _at(facts, where, None, "period_unreadable", count=len(t.transactions))
            continue
        events = [Event(pid, tx.line, tx.code, tx.date, tx.amount, tx.text, classify(tx)) for tx in t.transactions]
        facts.events += events
        for e in events:
            if not e.meaning.known:
                _at(facts, where, e.line, "code_not_in_table", code=e.code, explanation=e.explanation)
            elif (
                e.code in {"971", "972"}
                and e.meaning.event in {"notice", "other"}
                and e.meaning.action_code is not None
            ):
                # an action code printed on the row that the table does not know: kept as printed, not guessed
                _at(facts, where, e.line, "action_not_in_table", code=e.code, action=e.meaning.action_code)
            elif e.meaning.closing_code is not None and e.meaning.kind is None:
                _at(facts, where, e.line, "closing_code_not_in_table", code=e.code, closing_code=e.meaning.closing_code)
            if e.day is None and e.meaning.event != "unknown":
                _at(facts, where, e.line, "no_date", code=e.code)
        dated = [e for e in events if e.day is not None]
        _period(facts, t, pid, dated, where)
        _alternatives(facts, pid, dated, where)
        _legal(facts, pid, dated, where)
    _combine(facts)
    return facts


def _period(facts: Facts, t: Transcript, pid: str, events: list[Event], where: str) -> None:
    assessed: dict[date, list[int]] = {}
    for e in events:
        assert e.day is not None
        if e.meaning.csed == "own_csed":
            assessed.setdefault(e.day, []).append(int(e.code))
        elif e.meaning.csed == "no_own_csed_unverified" and e.amount:
            _at(facts, where, e.line, "no_own_csed", code=e.code)
        if e.meaning.event == "payment" and e.amount is not None and e.amount < 0:
            facts.payments.append({"date": _iso(e.day), "amount": str(-e.amount), "tax_periods": [pid]})
        if e.meaning.event == "waiver":
            _at(facts, where, e.line, "waiver")
        if e.meaning.event == "csed_writeoff":
            _at(facts, where, e.line, "writeoff", day=e.day)
        if e.meaning.event == "cnc":
            facts.not_collectible = True
        if e.meaning.event == "cnc_reversed":
            facts.not_collectible = False
    first = min((d for d, c in assessed.items() if 150 in c), default=min(assessed, default=None))
    for d, cs in assessed.items():
        facts.codes[(pid, d)] = tuple(cs)
    balance = t.account_balance
    if balance is not None and balance < 0:
        _at(facts, where, None, "credit", amount=-balance)
        balance = Decimal("0")
    facts.periods.append(
        {
            "id": pid,
            "form": t.form,
            "period": str(t.period_end.year) if t.period_end and t.period_end.month == 12 else t.tax_period,
            "assessment_date": _iso(first),
            "additional_assessment_dates": [_iso(d) for d in sorted(assessed) if d != first],
            "balance": None if balance is None else str(balance),
        }
    )


# the events that open something a later row ends (an offer, a request, a legal action, a notice, a claim)
_OPENS = frozenset({"oic_pending", "ia_pending", "ia_established", "legal_action_start", "levy_cdp_notice"})


def _in_order(e: Event) -> tuple[date, int, int]:
    """Rows by date; on one date what opens comes before what ends it, whatever the printed order (a TC 483 or 522
    printed above its TC 480 or 520 of the same day still undoes it, and is not read as an end with nothing open)."""
    assert e.day is not None
    return e.day, 0 if e.meaning.event in _OPENS or e.meaning.event == "innocent_spouse_claim" else 1, e.line


_OFFER_ENDS = {
    "oic_rejected": "rejected",
    "oic_returned": "returned",
    "oic_withdrawn": "withdrawn",
    "oic_accepted": "accepted",
}


def _alternatives(facts: Facts, pid: str, events: list[Event], where: str) -> None:
    pending: date | None = None
    entered: dict[str, Any] | None = None
    offer: date | None = None
    claims: list[dict[str, Any]] = []
    for e in sorted(events, key=_in_order):
        day, ev = e.day, e.meaning.event
        assert day is not None
        if ev == "ia_pending":
            if pending is not None:
                # A second pending request while one is open: the first stays the start (the request was pending
                # from it; the later row does not restart the pause), and the row is reported.
                _at(facts, where, e.line, "start_again", code=e.code, day=pending)
                continue
            pending = day
        elif ev == "ia_established":
            entered = {
                "status": "entered",
                "requested_date": _iso(pending),
                "entered_date": _iso(day),
                "tax_periods": [pid],
            }
            facts.installment_agreements.append(entered)
            pending = None
        elif ev == "ia_pending_reversed" and pending is not None:
            lag = _days("csed.ia_post_rejection_days", day)
            if day - timedelta(days=lag) < pending:
                # Reversed before the 30 days after any rejection could have run: not a reversal input 30 days
                # after a rejection (CCA 2017040416063446), so the request was withdrawn or input in error. The
                # IRS's own count pauses from the TC 971 AC 043 to the TC 972 AC 043 (26 C.F.R. § 301.6331-4(a)(2):
                # pending "until ... the proposal is withdrawn"); no 30 days are added past the reversal.
                facts.installment_agreements.append(
                    {
                        "status": "withdrawn",
                        "requested_date": _iso(pending),
                        "withdrawn_date": _iso(day),
                        "tax_periods": [pid],
                    }
                )
                _at(facts, where, e.line, "ia_reversed_early", day=day, days=lag)
                pending = None
                continue
            rejected = day - timedelta(days=lag)
            facts.installment_agreements.append(
                {
                    "status": "rejected",
                    "requested_date": _iso(pending),
                    "rejected_date": _iso(rejected),
                    "tax_periods": [pid],
                }
            )
            _at(facts, where, e.line, "ia_reversed", day=day, rejected=rejected, days=lag)
            pending = None
        elif ev == "ia_terminated" and entered is not None:
            lag = _days("csed.ia_post_rejection_days", day)
            entered["status"] = "terminated"
            entered["terminated_date"] = _iso(
                max(date.fromisoformat(entered["entered_date"]), day - timedelta(days=lag))
            )
            terminated = date.fromisoformat(entered["terminated_date"])
            _at(facts, where, e.line, "ia_terminated", day=terminated, days=lag)
            entered = None
        elif ev == "oic_pending":
            if offer is not None:
                _at(facts, where, e.line, "start_again", code=e.code, day=offer)
                continue
            offer = day
        elif ev in _OFFER_ENDS and offer is not None:
            status = _OFFER_ENDS[ev]
            facts.offers.append(
                {"status": status, "pending_date": _iso(offer), f"{status}_date": _iso(day), "tax_periods": [pid]}
            )
            if ev == "oic_rejected":
                _at(facts, where, e.line, "oic_rejected", days=_days("csed.oic_post_rejection_days", day))
            offer = None
        elif ev == "oic_correction" and offer is not None:
            _at(facts, where, e.line, "oic_correction")
            offer = None
        elif ev in {*_OFFER_ENDS, "oic_correction", "ia_pending_reversed", "ia_terminated"}:
            # An end with nothing open before it: it changes no date, and is never silently dropped.
            _at(facts, where, e.line, "end_without_open", code=e.code)
        elif ev == "innocent_spouse_claim":
            claim = {"filed_date": _iso(day), "tax_periods": [pid]}
            claims.append(claim)
            facts.innocent_spouse_claims.append(claim)
            _at(facts, where, e.line, "innocent_spouse")
        elif ev == "reversal" and e.meaning.reverses == "innocent_spouse_claim" and claims:
            # TC 972 AC 065: whether it closes the claim or undoes one input in error is not verified; the claim
            # stays counted as pending (the later CSED, ADR 0002) and the reversal is named so its date is asked.
            _at(facts, where, e.line, "claim_reversed", day=day, filed=date.fromisoformat(claims[-1]["filed_date"]))
        elif ev == "reversal" and e.meaning.reverses == "levy_cdp_notice":
            _at(facts, where, e.line, "cdp_notice_reversed", day=day)
        elif ev == "reversal" and e.meaning.reverses != "ia_pending":
            _at(facts, where, e.line, "reversal_not_used", code=e.code, action=e.meaning.action_code)
        elif ev == "other" and e.code == "972" and e.meaning.action_code is None:
            _at(facts, where, e.line, "reversal_not_recognized", explanation=e.explanation)
    if pending is not None:
        facts.installment_agreements.append(
            {"status": "pending", "requested_date": _iso(pending), "tax_periods": [pid]}
        )
    if offer is not None:
        facts.offers.append({"status": "pending", "pending_date": _iso(offer), "tax_periods": [pid]})


def _legal(facts: Facts, pid: str, events: list[Event], where: str) -> None:
    open_actions: list[dict[str, Any]] = []
    cdp_windows = _cdp_windows(_standing_notices(events))
    for e in sorted(events, key=_in_order):
        day = e.day
        assert day is not None
        if e.meaning.event == "legal_action_start":
            kind = e.meaning.kind
            src = f"{where}:{e.line}"  # the file and its line, as a path names them (no words)
            if kind is None:
                kind = _infer_cdp(day, cdp_windows)
                if kind:
                    _at(facts, where, e.line, "cdp_inferred")
            action: dict[str, Any] = {
                "kind": kind,
                "closing_code": e.meaning.closing_code,
                "start_date": _iso(day),
                "tax_periods": [pid],
                "source": src,
            }
            open_actions.append(action)
            facts.legal_actions.append(action)
        elif e.meaning.event in {"legal_action_end", "legal_action_correction"} and open_actions:
            ended = _ended_action(open_actions, e)
            if ended is None:
                _at(facts, where, e.line, "end_unmatched", code=e.code, closing_code=e.meaning.closing_code)
                continue
            action = ended
            if len(open_actions) > 1 and e.meaning.closing_code is None and e.meaning.kind is None:
                _at(
                    facts,
                    where,
                    e.line,
                    "end_matched_last",
                    code=e.code,
                    start=date.fromisoformat(action["start_date"]),
                )
            open_actions.remove(action)
            if e.meaning.event == "legal_action_correction":
                facts.legal_actions.remove(action)
                _at(facts, where, e.line, "legal_action_correction")
            else:
                action["end_date"] = _iso(day)
        elif e.meaning.event in {"legal_action_end", "legal_action_correction"}:
            _at(facts, where, e.line, "end_without_start", code=e.code)


def _ended_action(open_actions: list[dict[str, Any]], e: Event) -> dict[str, Any] | None:
    """The open TC 520 a TC 521 or 522 ends: the one of its closing code (a TC 521 is input "cc 76 or 77" for the CDP
    case it closes, IRM 8.22.3.1(5)), else of its kind, else the latest still open. None: a closing code or kind
    printed on the reversal that no open TC 520 has (ending another would move the wrong suspension)."""
    cc, kind = e.meaning.closing_code, e.meaning.kind
    if cc is not None:
        same = [a for a in open_actions if a["closing_code"] == cc]
        if same:
            return same[-1]
        kind_of = [a for a in open_actions if a["closing_code"] is None and kind is not None and a["kind"] == kind]
        return kind_of[-1] if kind_of else None
    if kind is not None:
        same = [a for a in open_actions if a["kind"] == kind]
        return same[-1] if same else None
    return open_actions[-1]


def _standing_notices(events: list[Event]) -> set[date]:
    """The days of the CDP levy notices (TC 971 AC 069) not reversed by a later TC 972 AC 069 (each reversal undoes the
    latest notice before it): a reversed notice infers no CDP request."""
    notices: list[date] = []
    for e in sorted(events, key=_in_order):
        assert e.day is not None
        if e.meaning.event == "levy_cdp_notice":
            notices.append(e.day)
        elif e.meaning.event == "reversal" and e.meaning.reverses == "levy_cdp_notice" and notices:
            notices.pop()
    return set(notices)


def _cdp_windows(notices: set[date]) -> list[tuple[date, date]]:
    """The CDP request period of each distinct notice date, counted once (it was counted again for every legal action
    and every notice: a transcript of repeated lines took minutes)."""
    out = []
    for n in sorted(notices):
        period, _ = cdp_request_period(n)
        if period is not None:
            out.append((n, period.last))
    return out


def _infer_cdp(day: date, windows: list[tuple[date, date]]) -> str | None:
    return "cdp" if any(start <= day <= last for start, last in windows) else None


def _combine(facts: Facts) -> None:
    """One agreement, offer or bankruptcy that posts on several periods becomes one record naming them all."""
    for name in ("installment_agreements", "offers", "legal_actions"):
        merged: dict[str, dict[str, Any]] = {}  # by the record's other values (a dict look-up, not a scan of all)
        for item in getattr(facts, name):
            key = json.dumps(
                {k: v for k, v in item.items() if k not in {"tax_periods", "source"}}, sort_keys=True, default=str
            )
            twin = merged.get(key)
            if twin is None:
                merged[key] = dict(item)
            else:
                twin["tax_periods"] = sorted({*twin["tax_periods"], *item["tax_periods"]})
        setattr(facts, name, list(merged.values()))


def merge(case: Case, facts: Facts) -> Case:
    """The case with the transcript facts added (facts the case states are kept)."""
    data = case.model_dump(mode="json", exclude_none=False)
    periods: list[dict[str, Any]] = data["tax_periods"]
    for new in facts.periods:
        old = next(
            (
                p
                for p in periods
                if p["id"] == new["id"]
                or (p.get("form") == new["form"] and p.get("period") is not None and p.get("period") == new["period"])
            ),
            None,
        )
        if old is None:
            periods.append(new)
            continue
        for k, v in new.items():
            if k == "additional_assessment_dates":
                old[k] = sorted({*old.get(k, []), *v} - {old.get("assessment_date")})
            elif old.get(k) is None and k != "id":
                old[k] = v
        if old["id"] != new["id"]:
            _rename(facts, new["id"], old["id"])
    for pay in facts.payments:
        if not any(p["date"] == pay["date"] and str(p["amount"]) == pay["amount"] for p in data["payments"]):
            data["payments"].append(pay)
    for name in ("installment_agreements", "offers"):
        data[name] += [x for x in getattr(facts, name) if x not in data[name]]
    data["proceedings"]["legal_actions"] += facts.legal_actions
    data["proceedings"]["innocent_spouse_claims"] += facts.innocent_spouse_claims
    if data["circumstances"].get("irs_agreed_not_collectible") is None and facts.not_collectible is not None:
        data["circumstances"]["irs_agreed_not_collectible"] = facts.not_collectible
    return Case.model_validate(data)


def _rename(facts: Facts, old: str, new: str) -> None:
    for group in (
        facts.payments,
        facts.installment_agreements,
        facts.offers,
        facts.legal_actions,
        facts.innocent_spouse_claims,
    ):
        for item in group:
            item["tax_periods"] = [new if x == old else x for x in item["tax_periods"]]
    facts.codes = {((new if p == old else p), d): v for (p, d), v in facts.codes.items()}


__all__ = ["Event", "Facts", "Transaction", "merge", "transcript_facts"]
