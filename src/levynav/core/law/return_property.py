"""Return of levied money or property: 26 U.S.C. § 6343(b)–(d), (f), § 7426 and Form 8546.

- § 6343(b) wrongful levy on someone else's property, the written claim and the § 7426 suit: in
  law/return_wrongful.py (rules R6343-B1, R6343-B2, R7426-1).
- § 6343(c): interest on (b) returns at the overpayment rate; none on (d) returns (R6343-C1).
- § 6343(d): the IRS may return levied property to the taxpayer if "(A) the levy on such property was
  premature or otherwise not in accordance with administrative procedures of the Secretary, (B) the
  taxpayer has entered into an agreement under section 6159 …, unless such agreement provides
  otherwise, (C) the return of such property will facilitate the collection of the tax liability, or
  (D) with the consent of the taxpayer or the National Taxpayer Advocate, the return of such property
  would be in the best interests of the taxpayer (as determined by the National Taxpayer Advocate) and
  the United States" (R6343-D1). Ground (A) is decided from the facts: an IRS error, a levy on protected
  property (exemptions.levy_on_protected_property), or a premature levy as the R6330-A1 function decides
  it (called directly on the case, so the answer never depends on the order findings are made in).
- § 6343(f): roll-back of returned retirement money (Bipartisan Budget Act of 2018 § 41104, not the
  TCJA) (R6343-F1).
- Form 8546 / 31 U.S.C. § 3723: bank charges caused by an erroneous levy (RF8546-1).
The time limits are computed in law/return_periods.py.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from levynav.core import lawdata, params
from levynav.core.law import joint_account_levy, overpayment_refund, registry, retirement_levy, return_wrongful
from levynav.core.law.deciding import informs
from levynav.core.law.discretionary_cdp import premature_levy
from levynav.core.law.exemptions import levy_on_protected_property
from levynav.core.law.levy_broke_procedure import GROUND_KEYS, broken_procedure, retirement_policy_not_followed
from levynav.core.law.levy_facts import is_individual, levy_periods, levy_subject
from levynav.core.law.release_grounds import agreement_in_effect
from levynav.core.law.release_hardship import HARDSHIP_PATH, hardship_view
from levynav.core.law.return_periods import (
    MONEY_KINDS,
    ROLLBACK_FIRST_YEAR,
    Period,
    claims_for,
    form_8546_deadline,
    money_taken,
    owner,
    return_period,
    rollback_deadline,
    suit_period,
)
from levynav.core.law.rule import (
    APPLIES,
    DOES_NOT_APPLY,
    MAY_RETURN,
    NOT_APPLICABLE,
    ROUTE_CLOSED,
    UNKNOWN,
    Context,
    DeadlineFunc,
    Rule,
    RuleFunc,
)
from levynav.core.model.analysis import Deadline, Effect, Finding, Message, message
from levynav.core.model.case import Case, Levy, LevyKind, Owner
from levynav.core.model.construct import construct

RETURN_TO_TAXPAYER = Rule(
    id="R6343-D1",
    title="The IRS may give levied money back to you (26 U.S.C. § 6343(d))",
    cites=("R6343-D1", "R6343-B1", "RDAY-1"),
    effect=Effect.MAY_RETURN,
)
INTEREST = Rule(
    id="R6343-C1",
    title="Interest on returned money",
    cites=("R6343-C1",),
    effect=Effect.INFO,
)
ROLLBACK = Rule(
    id="R6343-F1",
    title="Put returned retirement money back into your plan or IRA",
    cites=("R6343-F1",),
    effect=Effect.ROUTE_OPEN,
)
BANK_CHARGES = Rule(
    id="RF8546-1",
    title="Bank fees caused by an IRS levy error can be repaid (Form 8546)",
    cites=("RF8546-1",),
    effect=Effect.MAY_RETURN,
)
ROLLBACK_GROUNDS = {"b", "d2A"}
# The rules of the split-out wrongful-levy module, reachable from this catalog module.
WRONGFUL_LEVY, WRONGFUL_LEVY_CLAIM, WRONGFUL_LEVY_SUIT = (
    return_wrongful.WRONGFUL_LEVY,
    return_wrongful.CLAIM,
    return_wrongful.SUIT,
)
# The refund of an overpayment (§ 6401(a)), a right beside the discretionary return, reachable from this module.
REFUND = overpayment_refund.REFUND
RETIREMENT_LEVY, JOINT_ACCOUNT = retirement_levy.RETIREMENT_LEVY, joint_account_levy.JOINT_ACCOUNT


def return_to_taxpayer(case: Case, ctx: Context) -> list[Finding]:
    """§ 6343(d): the four grounds, one finding per levy on the taxpayer's own property."""
    premature = {f.subject: f for f in premature_levy(case, ctx)} if case.levies else {}
    broken = broken_procedure(case, ctx)
    return [
        _return(case, ctx, i, levy, premature.get(levy_subject(i)), broken.get(levy_subject(i), []))
        for i, levy in enumerate(case.levies)
    ]


def _return(case: Case, ctx: Context, i: int, levy: Levy, premature: Finding | None, broken: list[Finding]) -> Finding:
    rule, s = RETURN_TO_TAXPAYER, levy_subject(i)
    if levy.owner is Owner.THIRD_PARTY:
        return rule.finding(NOT_APPLICABLE, "third_party", subject=s, facts={f"{s}.owner": levy.owner})
    taken = money_taken(levy)
    if taken is False:
        return rule.finding(NOT_APPLICABLE, "nothing_taken", subject=s)
    if levy.returned_date is not None:
        return rule.finding(NOT_APPLICABLE, "returned", subject=s, returned=levy.returned_date)
    facts: dict[str, Any] = {f"{s}.irs_error": levy.irs_error}
    grounds = _grounds(case, ctx, i, levy, facts)
    # Ground (A) from the law's procedure, as the analysis's own rules decided it (one sentence per rule).
    procedure = [message(f"{rule.id}.{GROUND_KEYS[f.rule]}") for f in broken]
    for f in broken:
        facts.update({fu.path: fu.value for fu in f.facts})
    if retirement_policy_not_followed(levy):
        facts[f"{s}.flagrant_conduct_determined"] = False
        procedure.append(message(f"{rule.id}.ground_a_retirement"))
    grounds[:0] = [m for k, m in enumerate(procedure) if m not in procedure[:k]]
    period = return_period(levy)
    common: dict[str, Any] = {"subject": s, "facts": facts, "deadline_ids": ["return.request"]}
    asked = levy.return_requested_date
    if period is not None:
        facts[f"{s}.served_date"] = levy.served_date
        common["params"] = [period.param]
        common["value"] = period.last.last
        if asked is not None:
            facts[f"{s}.return_requested_date"] = asked
        # The taxpayer's own written request made by the last day keeps the route open after it: the IRS may
        # return the money "after a reasonable period of time subsequent to the expiration" of the period when a
        # request was filed before it (26 C.F.R. § 301.6343-2(a)(2), applied by § 6343(d)). A request made after
        # the safer last day but by the anniversary counts under the later reading only (shown as such, the
        # person's reading first, as R6343-B1 does for a third party's claim).
        if ctx.as_of > period.latest and levy.kind in MONEY_KINDS and (asked is None or asked > period.latest):
            closed: dict[str, Any] = {"effect": ROUTE_CLOSED, "deadline": period.last.last, **common}
            if asked is not None:
                return rule.finding(DOES_NOT_APPLY, "too_late_requested", requested=asked, **closed)
            if grounds or _grounds_unknown(case, ctx, levy, premature):
                # not known whether the taxpayer asked in time, and the answer would reopen the route: ask it
                return rule.finding(DOES_NOT_APPLY, "too_late_ask", missing=[f"{s}.return_requested_date"], **closed)
            return rule.finding(DOES_NOT_APPLY, "too_late", **closed)
    when = _when(period, asked, ctx) if period is not None else message(f"{rule.id}.no_date")
    if grounds:
        return rule.finding(APPLIES, "grounds", grounds=grounds, when=when, **common)
    missing = [f"{s}.irs_error"] if levy.irs_error is None else []
    if premature is not None and premature.outcome is UNKNOWN:
        missing += [m for m in premature.missing if m not in missing]
    hardship = hardship_view(case, ctx) if is_individual(case) and levy.nta_return_consent is None else None
    if hardship is not None and hardship.outcome is APPLIES:
        # § 6343(d)(2)(D): with the National Taxpayer Advocate's consent a return "in the best interests of the
        # taxpayer ... and the United States" — the open route for an individual whose levied money leaves them
        # unable to pay basic living expenses (a hardship release cannot free money already paid over).
        if hardship.basis == "stated":
            facts[HARDSHIP_PATH] = True
        return rule.finding(
            UNKNOWN,
            "hardship_nta",
            effect=MAY_RETURN,
            missing=[*missing, f"{s}.nta_return_consent"],
            when=when,
            **common,
        )
    if missing:
        return rule.finding(UNKNOWN, "unknown", missing=missing, when=when, **common)
    return rule.finding(DOES_NOT_APPLY, "none", when=when, **common)


def _when(period: Period, asked: date | None, ctx: Context) -> Message:
    """By when to ask, or what the taxpayer's own request (``return_requested_date``) means for the period."""
    rid, last = RETURN_TO_TAXPAYER.id, period.last.last
    if asked is not None and asked <= last:
        return message(f"{rid}.requested_in_time", requested=asked, deadline=last)
    if asked is not None and asked <= period.latest:
        return message(f"{rid}.requested_later_reading", requested=asked, deadline=last, later=period.latest)
    return message(f"{rid}.by_date", deadline=last, note=period.reading_messages(ctx.as_of))


def _grounds_unknown(case: Case, ctx: Context, levy: Levy, premature: Finding | None) -> bool:
    """Whether a ground of § 6343(d)(2) may still hold on facts not given (then a timely request would matter): the
    facts the open findings below ask (ground (A): an IRS error, a premature levy; ground (D): the Advocate's consent
    where the person cannot pay basic living expenses)."""
    if levy.irs_error is None or (premature is not None and premature.outcome is UNKNOWN):
        return True
    if levy.nta_return_consent is not None or not is_individual(case):
        return False
    return hardship_view(case, ctx).outcome is APPLIES


def _grounds(case: Case, ctx: Context, i: int, levy: Levy, facts: dict[str, Any]) -> list[Message]:
    rule, s = RETURN_TO_TAXPAYER, levy_subject(i)
    out: list[Message] = []
    if levy.irs_error:
        out.append(message(f"{rule.id}.ground_a_error"))
    if levy_on_protected_property(case, levy, ctx):
        facts[f"{s}.exempt_category"] = levy.exempt_category
        out.append(message(f"{rule.id}.ground_a_exempt"))
    # the levy's periods, only when there is an agreement to compare them with
    periods = {p.id for p in levy_periods(case, levy)[0]} if case.installment_agreements else set()
    for k, ia in enumerate(case.installment_agreements):
        covers = not ia.tax_periods or not periods or bool(periods & set(ia.tax_periods))
        if agreement_in_effect(ia, ctx) and covers:
            facts[f"installment_agreements[{k}].status"] = ia.status
            facts[f"installment_agreements[{k}].agreement_keeps_levy"] = ia.agreement_keeps_levy
            if not ia.agreement_keeps_levy:
                out.append(message(f"{rule.id}.ground_b"))
                break
    if levy.return_facilitates_collection:
        facts[f"{s}.return_facilitates_collection"] = True
        out.append(message(f"{rule.id}.ground_c"))
    if levy.nta_return_consent:
        facts[f"{s}.nta_return_consent"] = True
        out.append(message(f"{rule.id}.ground_d"))
    return out


@informs
def interest_on_return(case: Case, ctx: Context) -> list[Finding]:
    """§ 6343(c): interest on (b) returns; § 6343(d) last sentence: no interest on (d) returns."""
    out: list[Finding] = []
    for i, levy in enumerate(case.levies):
        if money_taken(levy) is False:
            continue
        s = levy_subject(i)
        who_owns = owner(levy)
        if who_owns is None:
            out.append(INTEREST.finding(UNKNOWN, "owner_unknown", subject=s, missing=[f"{s}.owner"]))
            continue
        facts = {f"{s}.owner": levy.owner, f"{s}.kind": levy.kind}
        if who_owns is Owner.TAXPAYER:
            out.append(INTEREST.finding(DOES_NOT_APPLY, "own_property", subject=s, facts=facts))
            continue
        cutoff = params.use("return.interest_cutoff_days", on=levy.returned_date or ctx.as_of)
        out.append(INTEREST.finding(APPLIES, "wrongful", subject=s, facts=facts, params=[cutoff], days=cutoff.value))
    return out


def retirement_rollback(case: Case, ctx: Context) -> list[Finding]:
    """§ 6343(f): returned retirement money may be rolled back by the return due date for the year of return."""
    return [_rollback(case, ctx, i, lv) for i, lv in enumerate(case.levies) if lv.kind is LevyKind.RETIREMENT]


def _rollback(case: Case, ctx: Context, i: int, levy: Levy) -> Finding:
    rule, s = ROLLBACK, levy_subject(i)
    if not _individual_account(case, levy):
        return rule.finding(NOT_APPLICABLE, "business", subject=s)
    returned = levy.returned_date or _third_party_return(case, i, levy)
    if returned is None:
        return rule.finding(NOT_APPLICABLE, "not_returned", subject=s)
    facts: dict[str, Any] = {f"{s}.returned_date": returned, f"{s}.returned_under": levy.returned_under}
    if returned.year < ROLLBACK_FIRST_YEAR:
        return rule.finding(DOES_NOT_APPLY, "before_law", subject=s, facts=facts, returned=returned)
    due = rollback_deadline(returned)
    common: dict[str, Any] = {
        "subject": s,
        "facts": facts,
        "params": due.params,
        "value": due.date,
        "deadline_ids": ["retirement.rollback"],
        "deadline": due.date,
        "year": due.tax_year,
    }
    basis = levy.returned_under or ("b" if levy.owner is Owner.THIRD_PARTY else None)
    if basis is None:
        return rule.finding(UNKNOWN, "basis_unknown", missing=[f"{s}.returned_under"], **common)
    if basis not in ROLLBACK_GROUNDS:
        return rule.finding(DOES_NOT_APPLY, "other_ground", **common)
    if due.date < ctx.as_of:
        return rule.finding(DOES_NOT_APPLY, "passed", effect=ROUTE_CLOSED, **common)
    # the words speak to whoever holds the account: the person who owes the tax, or the owner of the wrongly levied one
    return rule.finding(APPLIES, "rollback_owner" if levy.owner is Owner.THIRD_PARTY else "rollback", **common)


def _individual_account(case: Case, levy: Levy) -> bool:
    """§ 6343(f)(1): "an individual's account or benefit under an eligible retirement plan" — the account holder's,
    not the tax debtor's. A retirement account of someone else levied for a business's tax (a wrongful levy,
    § 6343(b)) is that individual's: the business status of the debtor does not bar the roll-back."""
    return is_individual(case) or levy.owner is Owner.THIRD_PARTY


def _third_party_return(case: Case, i: int, levy: Levy) -> Any:
    dates = [c.returned_date for _, c in claims_for(case, i, levy) if c.returned_date is not None]
    return min(dates) if dates else None


def bank_charges(case: Case, ctx: Context) -> list[Finding]:
    """Form 8546: bank charges caused by an erroneous levy, within one year, up to $1,000."""
    out: list[Finding] = []
    for i, levy in enumerate(case.levies):
        if levy.bank_charges is None or levy.bank_charges <= 0:
            continue
        out.append(_charges(ctx, i, levy))
    return out


def _charges(ctx: Context, i: int, levy: Levy) -> Finding:
    rule, s = BANK_CHARGES, levy_subject(i)
    assert levy.bank_charges is not None
    facts: dict[str, Any] = {f"{s}.bank_charges": levy.bank_charges, f"{s}.irs_error": levy.irs_error}
    cap = params.use("bank_charges.cap_usd", on=levy.bank_charges_date or ctx.as_of)
    limit = Decimal(str(cap.value))
    payable = min(levy.bank_charges, limit)
    amounts: dict[str, Any] = {"charges": levy.bank_charges, "cap": limit, "payable": payable}
    if levy.irs_error is None:
        return rule.finding(UNKNOWN, "error_unknown", subject=s, missing=[f"{s}.irs_error"], **amounts)
    if levy.irs_error is False:
        return rule.finding(DOES_NOT_APPLY, "not_error", subject=s, facts=facts, **amounts)
    if levy.bank_charges_date is None:
        return rule.finding(
            APPLIES,
            "no_date",
            subject=s,
            facts=facts,
            params=[cap],
            value=payable,
            missing=[f"{s}.bank_charges_date"],
            **amounts,
        )
    facts[f"{s}.bank_charges_date"] = levy.bank_charges_date
    due = form_8546_deadline(levy.bank_charges_date)
    common: dict[str, Any] = {
        "subject": s,
        "facts": facts,
        "params": [cap, *due.params],
        "deadline_ids": ["bank_charges.form_8546"],
        "deadline": due.date,
    }
    if due.date < ctx.as_of:
        return rule.finding(DOES_NOT_APPLY, "too_late", effect=ROUTE_CLOSED, **common, **amounts)
    return rule.finding(APPLIES, "claim", value=payable, **common, **amounts)


# ---------------------------------------------------------------- deadlines


def _deadline(
    rule: Rule, did: str, subject: str, day: Any, computation: list[Message], ctx: Context, other: Any = None
) -> Deadline:
    title, protects = _deadline_words(rule)
    return construct(
        Deadline,
        id=did,
        title=title,
        date=day,
        days_left=(day - ctx.as_of).days,
        protects=protects,
        citations=registry.cites(rule.cites),
        computation=computation,
        subject=subject,
        passed=day < ctx.as_of,
        alternative_date=other,
        alternative_reason=_DAY_BEFORE_REASON if other is not None else None,
    )


# A deadline's title and what it protects depend on the rule alone: made once per Law bundle and rule, kept on the
# bundle (shared message records, never changed), not again for every deadline of every analysis.
_DAY_BEFORE_REASON = message("count.reading.day_before_reason")


def _deadline_words(rule: Rule) -> tuple[Message, Message]:
    known: dict[str, tuple[Message, Message]] = lawdata.kept("return_property.deadline_words")
    words = known.get(rule.id)
    if words is None:
        words = known[rule.id] = (message(f"{rule.id}.deadline_title"), message(f"{rule.id}.deadline_protects"))
    return words


def return_request_deadlines(case: Case, ctx: Context) -> list[Deadline]:
    """``return.request``: 2 years (or 9 months, TCJA transition) from each levy that took something."""
    out: list[Deadline] = []
    for i, levy in enumerate(case.levies):
        if money_taken(levy) is False or levy.returned_date is not None:
            continue
        text = return_wrongful.period_count(levy)
        period = return_period(levy)
        if period is None or text is None:
            continue
        rule = return_wrongful.WRONGFUL_LEVY if levy.owner in return_wrongful.OTHERS else RETURN_TO_TAXPAYER
        other = period.other.last.last if period.other is not None else None
        asked = levy.return_requested_date
        if asked is not None and rule is RETURN_TO_TAXPAYER:
            text = [*text, _request_count(period, asked)]
        out.append(_deadline(rule, "return.request", levy_subject(i), period.last.last, text, ctx, other))
    return out


def _request_count(period: Period, asked: date) -> Message:
    """The taxpayer's own written request against the period, as a clause of the deadline's computation."""
    if asked <= period.last.last:
        return message("count.requested.in_time", requested=asked)
    if asked <= period.latest:
        return message("count.requested.later_reading", requested=asked, day=period.last.last, later=period.latest)
    return message("count.requested.late", requested=asked)


def suit_deadlines(case: Case, ctx: Context) -> list[Deadline]:
    """``wrongful_levy.suit``: § 6532(c) for levies on someone else's property."""
    out: list[Deadline] = []
    for i, levy in enumerate(case.levies):
        if levy.owner not in return_wrongful.OTHERS or levy.served_date is None:
            continue
        sp = suit_period(levy.served_date, claims_for(case, i, levy))
        if sp is not None:
            out.append(
                _deadline(
                    return_wrongful.SUIT,
                    "wrongful_levy.suit",
                    levy_subject(i),
                    sp.date,
                    list(sp.count),
                    ctx,
                    sp.alternative,
                )
            )
    return out


def bank_charge_deadlines(case: Case, ctx: Context) -> list[Deadline]:
    """``bank_charges.form_8546``: one year from the bank charge, when charges are given."""
    out: list[Deadline] = []
    for i, levy in enumerate(case.levies):
        if not levy.bank_charges or levy.bank_charges_date is None or levy.irs_error is False:
            continue
        due = form_8546_deadline(levy.bank_charges_date)
        out.append(_deadline(BANK_CHARGES, "bank_charges.form_8546", levy_subject(i), due.date, list(due.count), ctx))
    return out


def rollback_deadlines(case: Case, ctx: Context) -> list[Deadline]:
    """``retirement.rollback``: only when the date of return is known."""
    out: list[Deadline] = []
    for i, levy in enumerate(case.levies):
        if levy.kind is not LevyKind.RETIREMENT or not _individual_account(case, levy):
            continue
        returned = levy.returned_date or _third_party_return(case, i, levy)
        if returned is None or returned.year < ROLLBACK_FIRST_YEAR:
            continue
        if levy.returned_under is not None and levy.returned_under not in ROLLBACK_GROUNDS:
            continue
        due = rollback_deadline(returned)
        out.append(_deadline(ROLLBACK, "retirement.rollback", levy_subject(i), due.date, list(due.count), ctx))
    return out


RULES: list[RuleFunc] = [
    joint_account_levy.joint_account_levy,
    *return_wrongful.RULES,
    interest_on_return,
    return_to_taxpayer,
    overpayment_refund.refund_of_overpayment,
    retirement_levy.retirement_account_levy,
    retirement_rollback,
    bank_charges,
]
DEADLINES: list[DeadlineFunc] = [
    return_request_deadlines,
    suit_deadlines,
    bank_charge_deadlines,
    rollback_deadlines,
    overpayment_refund.refund_claim_deadlines,
]
