"""Money a levy collected after the collection statute ran out, or after the balance was paid: a refund.

"The term 'overpayment' includes that part of the amount of the payment of any internal revenue tax which
is assessed or collected after the expiration of the period of limitation properly applicable thereto."
— 26 U.S.C. § 6401(a). Money collected beyond what was owed is an overpayment too. An overpayment is
refunded (or credited against another tax owed, § 6402(a)) on a claim filed within § 6511(a)'s period:
"within 3 years from the time the return was filed or 2 years from the time the tax was paid, whichever
of such periods expires the later"; a refund on a claim filed after the 3 years is limited to the tax
paid in the 2 years before the claim (§ 6511(b)(2)(B)). This is a right, not the discretionary return of
§ 6343(d) (rule R6343-D1, which keeps its own grounds and its own 2-year period).

What is *not* an overpayment: money from a levy made before the statute ran out on a fixed and
determinable right to payment that includes later payments (a manual levy on Social Security, a pension
or an annuity): such a levy "does not become unenforceable upon the expiration of the period of
limitations" (26 C.F.R. § 301.6343-1(b)(1)(ii)). A one-time levy (a bank account) made in time reaches
what was there when it was served, even if the bank pays it over later. A continuing levy on wages must
be released when the statute runs out (§ 301.6343-1(b)(1)(i)): wages taken after that are overpayments.

The claim's last day is counted safer date first: two years from the payment ending the day before its
anniversary, with the anniversary reading beside it; the 3-year period from the return, which can only
be later, is named in words (the case does not hold the return's filing date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from levynav.core import lawdata, params
from levynav.core.law import registry
from levynav.core.law.levy_facts import levy_periods, levy_subject
from levynav.core.law.levy_reach import fixed_right
from levynav.core.law.return_periods import ANNIVERSARY, DAY_BEFORE, money_taken, months_after, owner
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, NOT_APPLICABLE, ROUTE_CLOSED, UNKNOWN, Context, Rule, once
from levynav.core.model.analysis import Deadline, Effect, Finding, Message, ParamUse, message
from levynav.core.model.case import Case, Levy, LevyKind, Owner
from levynav.core.model.construct import construct

REFUND = Rule(
    id="R6401-1",
    title="Money collected after the collection statute ran out, or after you paid, must be refunded",
    cites=("R6401-1", "R6511-1", "R6402-CLAIM"),
    effect=Effect.MUST_RETURN,
)
# The fixed-and-determinable limit: cited (``also_cites``) only where it decides the answer.
FIXED_RIGHT_CITES = ("R6343-FD",)

# One-time levies: what was there when served (Reg. 301.6331-1(a)(1)); a timely one is not an overpayment.
ONE_TIME = {LevyKind.BANK, LevyKind.STATE_TAX_REFUND, LevyKind.DIGITAL_ASSETS}


@dataclass(frozen=True)
class Basis:
    key: str  # message key of the APPLIES finding
    start: date | None  # the earliest day money could have been collected that is refundable
    facts: dict[str, Any]
    variables: dict[str, Any]
    running: tuple[str, ...] = ()  # a levy after the statute of some of its periods: those whose statute still ran


def refund_of_overpayment(case: Case, ctx: Context) -> list[Finding]:
    """§ 6401(a), § 6402, § 6511: one finding per levy that took money, when a basis is in view."""
    return [found for _, found, _ in _answers(case, ctx) if found is not None]


@once  # the rule and its deadline function (``refund_claim_deadlines``) read the same answers: made once
def _answers(case: Case, ctx: Context) -> list[tuple[int, Finding | None, RefundClaim | None]]:
    """Each levy's refund finding (None: no basis in view) and, where it has one, the claim's deadline."""
    return [(i, *_refund(case, ctx, i, levy)) for i, levy in enumerate(case.levies)]


def _refund(case: Case, ctx: Context, i: int, levy: Levy) -> tuple[Finding | None, RefundClaim | None]:
    s = levy_subject(i)
    if owner(levy) is Owner.THIRD_PARTY:
        return None, None  # someone else's money: the wrongful-levy route (R6343-B1)
    taken = money_taken(levy)
    if taken is False:
        return None, None
    got = _basis(case, ctx, i, levy)
    if got is None or isinstance(got, Finding):
        return got, None
    basis = got
    if levy.proceeds_sent is False:
        found = REFUND.finding(
            NOT_APPLICABLE, "not_paid_over", subject=s, facts={f"{s}.proceeds_sent": False, **basis.facts}
        )
        return found, None
    if taken is None:
        found = REFUND.finding(
            UNKNOWN,
            "taken_unknown",
            effect=REFUND.effect,
            subject=s,
            facts=basis.facts,
            missing=[f"{s}.amount_taken", f"{s}.proceeds_sent"],
        )
        return found, None
    claim = claim_deadline(basis.start) if basis.start is not None else None
    amount = _amount(levy, basis)
    common: dict[str, Any] = {
        "subject": s,
        "facts": basis.facts,
        "deadline_ids": ["refund.claim"],
        "amount": message(f"{REFUND.id}.amount_known", amount=amount)
        if amount is not None
        else message(f"{REFUND.id}.amount_part", running=list(basis.running))
        if basis.running
        else message(f"{REFUND.id}.amount_unknown"),
        **basis.variables,
    }
    if claim is None:
        when = message(f"{REFUND.id}.when_unknown")
        found = REFUND.finding(APPLIES, basis.key, value=amount, missing=[f"{s}.served_date"], when=when, **common)
        return found, None
    if claim.latest < ctx.as_of:
        found = REFUND.finding(
            DOES_NOT_APPLY,
            "too_late",
            effect=ROUTE_CLOSED,
            params=claim.params,
            deadline=claim.latest,
            **{k: v for k, v in common.items() if k not in basis.variables and k != "amount"},
        )
        return found, claim
    if claim.other is None:
        when = message(f"{REFUND.id}.when_one", deadline=claim.date)
    else:
        when = message(f"{REFUND.id}.when", deadline=claim.date, other=claim.other)
    return REFUND.finding(APPLIES, basis.key, params=claim.params, value=amount, when=when, **common), claim


def _basis(case: Case, ctx: Context, i: int, levy: Levy) -> Basis | Finding | None:
    """Why money this levy took may be an overpayment: the balance was paid, or the statute ran out."""
    if _paid(case, levy):
        return _paid_basis(case, i, levy)  # None when the levy ended before the payment: nothing after it
    return _csed_basis(case, ctx, i, levy)


def _paid(case: Case, levy: Levy) -> bool:
    periods, _ = levy_periods(case, levy)
    zero = bool(periods) and all(p.balance is not None and p.balance == 0 for p in periods)
    return bool(case.circumstances.liability_paid) or zero


def _paid_basis(case: Case, i: int, levy: Levy) -> Basis | None:
    """The balance was paid: money the levy took after that was more than was owed."""
    s = levy_subject(i)
    periods, paths = levy_periods(case, levy)
    facts: dict[str, Any] = {}
    if case.circumstances.liability_paid:
        facts["circumstances.liability_paid"] = True
    else:
        facts.update({f"{path}.balance": p.balance for p, path in zip(periods, paths, strict=True)})
    ids = {p.id for p in periods} or set(levy.tax_periods)
    dated = [
        (k, pay.date)
        for k, pay in enumerate(case.payments)
        if not pay.tax_periods or not ids or set(pay.tax_periods) & ids
    ]
    paid_on = max((d for _, d in dated), default=None)
    if paid_on is not None:
        k = max(dated, key=lambda kd: kd[1])[0]
        facts[f"payments[{k}].date"] = paid_on
        if levy.released_date is not None and levy.released_date <= paid_on:
            return None  # the levy ended before the balance was paid: nothing after it
    starts = [d for d in (levy.served_date, paid_on) if d is not None]
    if levy.served_date is not None:
        facts[f"{s}.served_date"] = levy.served_date
    paid_text = message(f"{REFUND.id}.paid_on", paid=paid_on) if paid_on else message(f"{REFUND.id}.paid_undated")
    return Basis("after_paid", max(starts) if starts else None, facts, {"paid": paid_text})


def _csed_basis(case: Case, ctx: Context, i: int, levy: Levy) -> Basis | Finding | None:
    """The statute ran out: a levy made after it, or continuing wage payments after it."""
    s = levy_subject(i)
    periods, paths = levy_periods(case, levy)
    facts: dict[str, Any] = {f"{s}.kind": levy.kind}
    missing: list[str] = []
    for p, path in zip(periods, paths, strict=True):
        csed = ctx.csed.get(p.id)
        if csed is None or csed.date is None:
            missing.append(f"{path}.csed")
            continue
        earlier = min(csed.date, csed.alternative or csed.date)
        later = max(csed.date, csed.alternative or csed.date)
        facts[f"{path}.csed"] = later
        if levy.served_date is None:
            missing.append(f"{s}.served_date")
            continue
        facts[f"{s}.served_date"] = levy.served_date
        if levy.served_date > later:
            expired, running = _split_at(ctx, levy.served_date, periods)
            return Basis("after_csed_levy", levy.served_date, facts, {"periods": expired}, running)
        if levy.served_date > earlier:
            return REFUND.finding(
                UNKNOWN,
                "csed_between",
                effect=REFUND.effect,
                subject=s,
                facts=facts,
                missing=[f"{path}.csed"],
                earlier=earlier,
                later=later,
            )
        if later >= ctx.as_of:
            continue
        start = later + dt.timedelta(days=1)
        if levy.kind is LevyKind.WAGES:
            return Basis("after_csed_wages", start, facts, {"periods": _period_text(p.id, later)})
        if levy.kind not in ONE_TIME:
            right = fixed_right(case, levy, s)
            facts.update(right.facts)
            if right.key == "not_fixed":
                return Basis("after_csed_payments", start, facts, {"periods": _period_text(p.id, later)})
            if right.key == "fixed":
                return REFUND.finding(
                    DOES_NOT_APPLY,
                    "lawful_fixed",
                    subject=s,
                    facts=facts,
                    csed=later,
                    also_cites=FIXED_RIGHT_CITES,
                )
            return REFUND.finding(
                UNKNOWN,
                right.key,
                effect=REFUND.effect,
                also_cites=FIXED_RIGHT_CITES,
                subject=s,
                facts=facts,
                missing=right.missing,
                csed=later,
            )
        return REFUND.finding(
            DOES_NOT_APPLY, "levy_in_time", subject=s, facts=facts, csed=later, served=levy.served_date
        )
    if missing and money_taken(levy):
        return REFUND.finding(UNKNOWN, "csed_unknown", effect=REFUND.effect, subject=s, facts=facts, missing=missing)
    return None


def _split_at(ctx: Context, served: date, periods: list[Any]) -> tuple[list[Message], tuple[str, ...]]:
    """The levy's periods whose statute had run out when it was served (their texts), and those whose statute still
    ran or whose date is not known: § 6401(a) makes an overpayment only of what was collected "after the expiration of
    the period of limitation" for that tax, so a levy that also collects a running period is refundable only in part."""
    expired: list[Message] = []
    running: list[str] = []
    for q in periods:
        csed = ctx.csed.get(q.id)
        if csed is None or csed.date is None:
            running.append(q.id)
            continue
        later = max(csed.date, csed.alternative or csed.date)
        if served > later:
            expired.append(_period_text(q.id, later))
        else:
            running.append(q.id)
    return expired, tuple(running)


def _period_text(period: str, csed: date) -> Message:
    """The period and its statute date, said only in the basis that names them (not for every period looked at)."""
    return message(f"{REFUND.id}.period_csed", period=period, csed=csed)


def _amount(levy: Levy, basis: Basis) -> Decimal | None:
    """The refundable amount, where the facts give it: everything a levy made after the statute took."""
    if basis.key == "after_csed_levy" and not basis.running and levy.amount_taken is not None and levy.amount_taken > 0:
        return levy.amount_taken
    return None


# ---------------------------------------------------------------- the claim's deadline


@dataclass(frozen=True)
class RefundClaim:
    date: dt.date  # the earlier reading: the date shown and used
    other: dt.date | None  # the later reading, when it differs
    params: tuple[ParamUse, ...]
    count: tuple[Message, ...] = ()  # how the date was counted, as message references

    @property
    def latest(self) -> dt.date:
        return self.other or self.date


def claim_deadline(paid: date) -> RefundClaim:
    """§ 6511(a): 2 years from the time the tax was paid (the 3 years from the return can only be later).

    A function of the date and the law (a RefundClaim is frozen): counted once per Law bundle and date and kept on
    it, not again in every analysis."""
    known: dict[date, RefundClaim] = lawdata.kept("overpayment_refund.claim")
    claim = known.get(paid)
    if claim is None:
        claim = known[paid] = _claim_deadline(paid)
    return claim


def _claim_deadline(paid: date) -> RefundClaim:
    years = params.use("refund.claim_period_after_payment_years", on=paid)
    months = 12 * _whole(years)
    safe = months_after(paid, months, DAY_BEFORE)
    anniversary = months_after(paid, months, ANNIVERSARY)
    # 2 years from the payment, the earliest payment that counts; the day-before reading first (the IRS's own
    # training examples end such a period the day before the anniversary), the anniversary kept beside it
    count = [*safe.count("refund_claim"), message("count.refund.years", years=_whole(years), paid=paid)]
    other = anniversary.last if anniversary.last != safe.last else None
    if other is not None:
        count.append(message("count.reading.anniversary", anniversary=other))
    # 3 years from a recent return end later (the earlier date is shown); each later payment has its own 2 years,
    # and a claim after the 3 years refunds only tax paid in the 2 years before it (§ 6511(b)(2)(B))
    count.append(message("count.refund.later_payments"))
    return RefundClaim(safe.last, other, (years,), tuple(count))


def _whole(p: ParamUse) -> int:
    if not isinstance(p.value, int):
        raise params.MissingParameter(p.id, p.effective_from, "has no whole-number value")
    return p.value


# the claim deadline's title and what it protects: the same for every levy (shared message records, never changed)
_CLAIM_TITLE = message(f"{REFUND.id}.deadline_title")
_CLAIM_PROTECTS = message(f"{REFUND.id}.deadline_protects")


def refund_claim_deadlines(case: Case, ctx: Context) -> list[Deadline]:
    """``refund.claim``: for each levy whose refund finding applies with a known start."""
    out: list[Deadline] = []
    for i, found, claim in _answers(case, ctx):
        # a claim is kept only with a finding that names the deadline (APPLIES, or DOES_NOT_APPLY: too late)
        if claim is None or found is None:
            continue
        out.append(
            construct(
                Deadline,
                id="refund.claim",
                title=_CLAIM_TITLE,
                date=claim.date,
                days_left=(claim.date - ctx.as_of).days,
                protects=_CLAIM_PROTECTS,
                citations=registry.cites(REFUND.cites),
                computation=list(claim.count),
                subject=levy_subject(i),
                passed=claim.date < ctx.as_of,
                alternative_date=claim.other,
                alternative_reason=message("count.reading.day_before_reason") if claim.other is not None else None,
            )
        )
    return out
