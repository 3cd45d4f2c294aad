"""Collection alternatives side by side (shared reference B.1-B.3; DESIGN M5).

Entry point for the analysis::

    collection_alternatives(facts: AlternativesFacts) -> AlternativesResult

A pure function of explicit facts (no Case, no clock): for each option - guaranteed installment agreement
(§ 6159(c)), Simple Payment Plan (streamlined), non-streamlined agreement, in-business trust fund express,
short-term plan, currently not collectible and offer in compromise - it says whether the taxpayer qualifies
(eligible / not eligible / unknown with the missing facts / not applicable), why, the smallest monthly payment, the
months to pay, the fees (with the low-income waiver), and what the option does to a levy already in place
(an installment agreement entered must lead to release unless it says otherwise, § 6343(a)(1)(C); an offer does
not force release of an earlier levy). Every number comes from data/parameters/alternatives.yaml with source and
status; ``AlternativesResult.unverified`` lists every value used that is not verified against a primary source.

Decision recorded in docs/adr/0003-payment-plan-term.md: the Simple Payment Plan term runs to the collection
statute expiration date (irs.gov Simple Payment Plan page), not 72 months (older Form 9465 instructions).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from levynav.core import lawdata, params
from levynav.core.calc import dates, low_income_test
from levynav.core.calc.offer_equity import EquityInputs
from levynav.core.calc.offer_prequalification import offer_in_compromise
from levynav.core.calc.option_terms import (
    ZERO,
    Eligibility,
    FeeLine,
    IrsFigures,
    LevyEffect,
    Option,
    OptionResult,
    Params,
    combine,
    ia_fees,
    ia_levy,
    payment_to_clear,
)
from levynav.core.model.ability_to_pay import FeeMethod
from levynav.core.model.analysis import Message, ParamUse, message
from levynav.core.model.case import TaxpayerKind
from levynav.core.model.construct import builder

__all__ = [
    "AlternativesFacts",
    "AlternativesResult",
    "EquityInputs",
    "IrsFigures",
    "collection_alternatives",
    "months_until",
]

# The case facts to ask for when a fact of the calculation is unknown (real Case paths; a caller that knows
# more precise ones, e.g. which tax period lacks its figure, passes them in ``AlternativesFacts.asks``).
ASK: dict[str, tuple[str, ...]] = {
    "assessed_tax": ("tax_periods[].assessed_tax",),
    "income_tax_only": ("tax_periods[].tax_kind",),
    "trust_fund_taxes": ("tax_periods[].tax_kind",),
    "csed": ("tax_periods[].assessment_date",),
    "monthly_disposable_income": ("finances",),
    "all_returns_filed": ("circumstances.unfiled_returns",),
    "estimated_payments_current": ("circumstances.estimated_payments_current",),
    "federal_deposits_current": ("circumstances.federal_deposits_current",),
    "in_open_bankruptcy": ("circumstances.open_bankruptcy",),
    "prior_five_years_compliant": ("circumstances.prior_five_years_compliant",),
    "unable_to_pay_in_full": ("circumstances.unable_to_pay_in_full",),
    "in_business": ("circumstances.business_operating",),
    "equity": ("finances.assets",),
}


@dataclass(frozen=True, slots=True)  # slotted: made by a builder (``make_facts``), one per analysis with finances
class AlternativesFacts:
    """What the calculation needs. ``None`` means unknown (never "no"); money is Decimal, monthly unless named."""

    taxpayer_kind: TaxpayerKind
    balance: Decimal  # assessed tax, penalties and interest owed now
    as_of: date
    assessed_tax: Decimal | None = None  # income tax only, without interest/penalties (guaranteed IA, § 6159(c))
    monthly_disposable_income: Decimal | None = None  # income minus allowable expenses (IRM 5.15.1)
    csed: date | None = None  # collection statute expiration date (earliest of the periods owed)
    household_size: int | None = None
    state: str | None = None  # two-letter code (Alaska and Hawaii have their own poverty table)
    adjusted_gross_income: Decimal | None = None  # latest return, annual
    gross_monthly_income: Decimal | None = None  # household
    all_returns_filed: bool | None = None
    estimated_payments_current: bool | None = None
    in_open_bankruptcy: bool | None = None
    prior_five_years_compliant: bool | None = None  # no failure to file/pay and no installment agreement (§ 6159(c)(2))
    unable_to_pay_in_full: bool | None = None  # § 6159(c)(3)(A)
    income_tax_only: bool | None = None  # the debt is income tax (guaranteed IA)
    in_business: bool | None = None  # businesses: still operating
    trust_fund_taxes: bool | None = None  # businesses: the debt includes employment (trust fund) taxes
    federal_deposits_current: bool | None = None  # businesses: this quarter's federal tax deposits made
    equity: EquityInputs | None = None  # Form 433-A (OIC) assets; None = not given
    irs: IrsFigures | None = None  # the IRS's own determination, if the case states it
    asks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # fact -> case paths to ask (see ASK)

    def ask(self, fact: str) -> list[str]:
        """The case paths to name when ``fact`` is unknown."""
        return list(self.asks.get(fact) or ASK[fact])


make_facts = builder(AlternativesFacts)  # the frozen class's own __init__ stores its 22 fields one by one


@dataclass
class AlternativesResult:
    as_of: date
    balance: Decimal
    options: list[OptionResult]
    low_income: low_income_test.LowIncome
    unverified: list[ParamUse] = field(default_factory=list)
    missing_values: list[ParamUse] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)

    def option(self, which: Option) -> OptionResult:
        return next(o for o in self.options if o.option is which)


def months_until(start: date, end: date) -> int:
    """Whole months from ``start`` with a payment date on or before ``end`` (0 if ``end`` is not after ``start``)."""
    if end <= start:
        return 0
    # Closed form: the month count between the dates, less one when the payment day of that month is after
    # ``end`` (add_months clamps to the month's last day, so compare with the clamped date).
    months = (end.year - start.year) * 12 + end.month - start.month
    if dates.add_months(start, months) > end:
        months -= 1
    return max(months, 0)


def _compliance(facts: AlternativesFacts, result: OptionResult) -> bool | None:
    if facts.all_returns_filed is None:
        result.missing += facts.ask("all_returns_filed")
        return None
    if not facts.all_returns_filed:
        result.why.append(message("reason.returns_unfiled"))
    return facts.all_returns_filed


def _disposable(facts: AlternativesFacts, r: OptionResult) -> Decimal | None:
    """The monthly disposable income the option is decided with: the IRS's own figure when the case states it
    (the IRS sets the payment), else the household's; both are shown when they differ. None = unknown."""
    own = facts.monthly_disposable_income
    irs = facts.irs.monthly_disposable_income if facts.irs is not None else None
    if irs is None:
        if own is None:
            r.missing += [m for m in facts.ask("monthly_disposable_income") if m not in r.missing]
        return own
    r.figures["irs_monthly_disposable_income"] = irs
    if own is not None:
        r.figures["own_monthly_disposable_income"] = own
    if own is not None and own != irs:
        r.notes.append(message("finances.option_note.irs_figures_differ", irs=irs, own=own, difference=abs(irs - own)))
    return irs


def _guaranteed(facts: AlternativesFacts, p: Params, low: bool | None) -> OptionResult:
    r = OptionResult(Option.GUARANTEED_IA, Eligibility.UNKNOWN, citations=["IA-2"])
    if facts.taxpayer_kind is not TaxpayerKind.INDIVIDUAL:
        r.eligibility = Eligibility.NOT_APPLICABLE
        r.why.append(message("reason.individual_income_tax_only"))
        r.same = "guaranteed_ia.not_individual"
        return r
    limit = p.amount("alt.guaranteed_ia.max_tax")
    years = p.count("alt.guaranteed_ia.max_years")
    lookback = p.count("alt.guaranteed_ia.lookback_years")
    checks: list[bool | None] = []
    if facts.assessed_tax is None:
        r.missing += facts.ask("assessed_tax")
        checks.append(None)
    else:
        ok = limit is not None and facts.assessed_tax <= limit
        r.why.append(message(f"reason.assessed_{'within' if ok else 'over'}", owed=facts.assessed_tax, limit=limit))
        checks.append(ok)
    for fact, name in (
        (facts.income_tax_only, "income_tax_only"),
        (facts.prior_five_years_compliant, "prior_five_years_compliant"),
        (facts.unable_to_pay_in_full, "unable_to_pay_in_full"),
    ):
        if fact is None:
            r.missing += facts.ask(name)
        elif not fact:
            r.why.append(message("reason.not_met", what=message(f"reason.cond_{name}", years=lookback)))
        checks.append(fact)
    months = years * 12
    if facts.csed is not None:
        months = min(months, months_until(facts.as_of, facts.csed))
    r.months_to_pay = months
    r.monthly_payment = payment_to_clear(facts.balance, months) if months else None
    r.figures["pay_within_years"] = years
    r.eligibility = combine(checks)
    r.fees = ia_fees(p, low)
    ia_levy(r)
    return r


def _plan_limit(facts: AlternativesFacts, p: Params) -> tuple[Decimal | None, str]:
    """The Simple Payment Plan's balance limit (irs.gov Simple payment plans page): businesses "With trust fund
    taxes: $25,000 or less ..., or $50,000 or less ... for an out-of-business sole proprietorship"; without trust
    fund taxes $50,000. A sole proprietor is entered as an individual (the individual's limit), so a business that
    owes trust fund taxes has the $25,000 limit whether or not it still operates."""
    if facts.taxpayer_kind is TaxpayerKind.INDIVIDUAL:
        return p.amount("alt.simple_plan.max_balance_individual"), "individuals"
    if facts.trust_fund_taxes:
        return p.amount("alt.simple_plan.max_balance_business_trust_fund"), "businesses owing trust fund taxes"
    if facts.trust_fund_taxes is None:
        return None, "businesses (trust fund taxes unknown)"
    return p.amount("alt.simple_plan.max_balance_business_other"), "businesses without trust fund taxes"


PLAN_WHO = {
    "individuals": "individuals",
    "businesses owing trust fund taxes": "trust_fund_business",
    "businesses (trust fund taxes unknown)": "business_trust_fund_unknown",
    "businesses without trust fund taxes": "other_business",
}


def _simple_plan(facts: AlternativesFacts, p: Params, low: bool | None) -> OptionResult:
    r = OptionResult(
        Option.SIMPLE_PAYMENT_PLAN,
        Eligibility.UNKNOWN,
        citations=["IA-3", "IA-4", "IA-14"],
    )
    limit, who = _plan_limit(facts, p)
    words = message(f"reason.who_{PLAN_WHO[who]}")
    checks: list[bool | None] = []
    if limit is None:
        r.missing += facts.ask("trust_fund_taxes")
        checks.append(None)
    else:
        ok = facts.balance <= limit
        r.why.append(
            message(f"reason.balance_{'within' if ok else 'over'}_for", balance=facts.balance, limit=limit, who=words)
        )
        checks.append(ok)
    checks.append(_compliance(facts, r))
    if facts.taxpayer_kind is TaxpayerKind.INDIVIDUAL:
        # "current with all filing and payment requirements" (irs.gov Simple payment plans page): for an individual,
        # this year's estimated tax, where any is owed (most wage earners owe none: withholding pays it). Not made is
        # a condition not met; not known is not a bar — a condition to meet when asking (made now, it is met), said
        # in a note and asked, so the plan is not held back by a fact most people satisfy without acting.
        current = facts.estimated_payments_current
        if current is None:
            r.missing += [m for m in facts.ask("estimated_payments_current") if m not in r.missing]
            note = p.kept("simple_plan.estimated") or p.keep(
                "simple_plan.estimated", message("finances.option_note.estimated_payments_due")
            )
            r.notes.append(note)
        elif not current:
            r.why.append(message("reason.not_met", what=message("reason.cond_estimated_payments_current")))
            checks.append(False)
    if facts.taxpayer_kind is TaxpayerKind.BUSINESS and facts.trust_fund_taxes and facts.in_business is not False:
        # "current with all filing and payment requirements" (irs.gov Simple payment plans page): an operating
        # employer's payment requirement is its federal tax deposits (as the in-business trust fund express, IA-5)
        deposits = facts.federal_deposits_current
        if deposits is None:
            r.missing += [m for m in facts.ask("federal_deposits_current") if m not in r.missing]
        elif not deposits:
            r.why.append(message("reason.not_met", what=message("reason.cond_federal_deposits_current")))
        checks.append(deposits)
    if facts.csed is None:
        r.missing += facts.ask("csed")
        r.notes.append(message("finances.option_note.csed_unknown"))
    else:
        months = months_until(facts.as_of, facts.csed)
        r.months_to_pay = months
        r.monthly_payment = payment_to_clear(facts.balance, months) if months else None
        old = p.count("alt.streamlined.max_months_form9465")
        if months > old:
            r.figures["monthly_payment_within_72_months"] = payment_to_clear(facts.balance, old)
        # the notes below say the period's figures only: said once per period (a message is immutable)
        note = p.kept("simple_plan.term") or p.keep(
            "simple_plan.term", message("finances.option_note.term_to_csed", months=old)
        )
        r.notes.append(note)
    dd = p.amount("alt.direct_debit_required_above_individual")
    if facts.taxpayer_kind is TaxpayerKind.INDIVIDUAL and dd is not None and facts.balance > dd:
        note = p.kept("simple_plan.direct_debit") or p.keep(
            "simple_plan.direct_debit", message("finances.option_note.direct_debit_above", amount=dd)
        )
        r.notes.append(note)
    r.eligibility = combine(checks)
    r.fees = ia_fees(p, low)
    ia_levy(r)
    return r


def _non_streamlined(facts: AlternativesFacts, p: Params, low: bool | None, plan: OptionResult) -> OptionResult:
    r = OptionResult(
        Option.NON_STREAMLINED_IA,
        Eligibility.UNKNOWN,
        citations=["IA-6", "IA-1", "IA-16"],
    )
    r.notes.append(message("finances.option_note.financial_statement"))
    checks: list[bool | None] = [_compliance(facts, r)]
    mdi = _disposable(facts, r)
    if mdi is None:
        checks.append(None)
    elif mdi <= 0:
        r.why.append(message("reason.nothing_left_see_cnc"))
        checks.append(False)
    else:
        r.monthly_payment = mdi
        r.months_to_pay = math.ceil(facts.balance / mdi)
        r.why.append(message("reason.asks_disposable", amount=mdi))
        if facts.csed is not None and r.months_to_pay > months_until(facts.as_of, facts.csed):
            review = p.count("alt.partial_payment_ia.review_interval_years")  # § 6159(d)
            r.figures["partial_payment"] = True
            r.figures["review_interval_years"] = review
            note = p.kept("non_streamlined.partial") or p.keep(
                "non_streamlined.partial", message("finances.option_note.partial_payment", years=review)
            )
            r.notes.append(note)
        checks.append(True)
    if plan.eligibility is Eligibility.ELIGIBLE and (
        mdi is None or plan.monthly_payment is None or mdi >= plan.monthly_payment
    ):
        r.eligibility = Eligibility.NOT_APPLICABLE
        r.why.append(message("reason.simple_plan_fits"))
    else:
        r.eligibility = combine(checks)
    r.fees = ia_fees(p, low)
    ia_levy(r)
    return r


def _trust_fund_express(facts: AlternativesFacts, p: Params, low: bool | None) -> OptionResult:
    r = OptionResult(
        Option.IN_BUSINESS_TRUST_FUND,
        Eligibility.UNKNOWN,
        citations=["IA-5"],
    )
    if facts.taxpayer_kind is not TaxpayerKind.BUSINESS:
        r.eligibility = Eligibility.NOT_APPLICABLE
        r.why.append(message("reason.trust_fund_business_only"))
        r.same = "trust_fund.not_business"
        return r
    limit = p.amount("alt.simple_plan.max_balance_business_trust_fund")
    checks: list[bool | None] = [facts.in_business, facts.trust_fund_taxes, facts.federal_deposits_current]
    for fact, name in (
        (facts.in_business, "in_business"),
        (facts.trust_fund_taxes, "trust_fund_taxes"),
        (facts.federal_deposits_current, "federal_deposits_current"),
    ):
        if fact is None:
            r.missing += [m for m in facts.ask(name) if m not in r.missing]
    if facts.in_business is False or facts.trust_fund_taxes is False:
        r.why.append(message("reason.business_must_operate"))
    if facts.federal_deposits_current is False:
        r.why.append(message("reason.not_met", what=message("reason.cond_federal_deposits_current")))
    ok = limit is not None and facts.balance <= limit
    r.why.append(message(f"reason.balance_{'within' if ok else 'over'}", balance=facts.balance, limit=limit))
    checks += [ok, _compliance(facts, r)]
    months = p.count("alt.in_business_trust_fund.max_months")
    if facts.csed is not None:
        months = min(months, months_until(facts.as_of, facts.csed))
    r.months_to_pay = months
    r.monthly_payment = payment_to_clear(facts.balance, months) if months else None
    r.eligibility = combine(checks)
    r.fees = ia_fees(p, low)
    ia_levy(r)
    return r


def _short_term(facts: AlternativesFacts, p: Params) -> OptionResult:
    r = OptionResult(Option.SHORT_TERM_PLAN, Eligibility.UNKNOWN, citations=["IA-7"])
    limit = p.amount("alt.short_term.max_balance")
    days = p.count("alt.short_term.max_days")
    ok = limit is not None and facts.balance < limit
    r.why.append(message(f"reason.balance_{'under' if ok else 'not_under'}", balance=facts.balance, limit=limit))
    # the last day and its note depend on the date and the period's figures only: worked out once per date
    pay_by = p.kept(("short_term.pay_by", facts.as_of))
    if pay_by is None:
        day = dates.last_day_after(facts.as_of, days).raw
        pay_by = p.keep(
            ("short_term.pay_by", facts.as_of), (day, message("finances.option_note.pay_by", date=day, days=days))
        )
    r.pay_by = pay_by[0]
    r.months_to_pay = days // 30
    r.monthly_payment = payment_to_clear(facts.balance, r.months_to_pay)
    r.eligibility = Eligibility.ELIGIBLE if ok else Eligibility.NOT_ELIGIBLE
    fee = p.amount("alt.short_term.setup_fee")
    # the fee line reads the period's figures only: one line (and record, ``FeeLine.as_record``) for the period
    line = p.kept("short_term.fee")
    if line is None:
        notes = [message("finances.fee.no_setup_fee")] if fee == ZERO else []
        line = p.keep("short_term.fee", FeeLine(FeeMethod.ANY, fee, fee, notes, (p.use("alt.short_term.setup_fee"),)))
    r.fees = [line]
    r.levy_effect = LevyEffect.RELEASED_WHEN_PAID
    r.levy_note = message("finances.levy_note.short_term_payment_plan")
    r.notes.append(pay_by[1])
    return r


def _not_collectible(facts: AlternativesFacts) -> OptionResult:
    r = OptionResult(
        Option.CURRENTLY_NOT_COLLECTIBLE,
        Eligibility.UNKNOWN,
        citations=["CNC-1", "CNC-2", "CNC-3"],
    )
    if facts.taxpayer_kind is not TaxpayerKind.INDIVIDUAL:
        r.eligibility = Eligibility.NOT_APPLICABLE
        r.why.append(message("reason.cnc_individuals_only"))
        r.same = "cnc.not_individual"
        return r
    mdi = _disposable(facts, r)
    if mdi is None:
        pass
    elif mdi <= 0:
        r.eligibility = Eligibility.ELIGIBLE
        r.why.append(message("reason.nothing_left_short", short=-mdi) if mdi < 0 else message("reason.nothing_left"))
        r.monthly_payment = ZERO
    else:
        r.eligibility = Eligibility.NOT_ELIGIBLE
        r.why.append(message("reason.left_each_month", amount=mdi))
    r.levy_effect = LevyEffect.MUST_RELEASE_WAGE_LEVY
    r.levy_note = message("finances.levy_note.currently_not_collectible")
    r.notes.append(message("finances.option_note.debt_stays"))
    return r


def collection_alternatives(facts: AlternativesFacts) -> AlternativesResult:
    """Every collection alternative for the facts, side by side (see the module docstring)."""
    if facts.balance < 0:
        raise ValueError(f"balance cannot be negative: {facts.balance}")
    if facts.household_size is not None and facts.household_size < 1:
        raise ValueError(f"household size must be 1 or more, not {facts.household_size}")
    p = Params(facts.as_of)
    individual = facts.taxpayer_kind is TaxpayerKind.INDIVIDUAL
    low = (
        low_income_test.low_income_test(
            facts.household_size, facts.state, facts.adjusted_gross_income, facts.gross_monthly_income, facts.as_of
        )
        if individual
        else low_income_test.LowIncome(
            None, None, None, None, None, None, None, [], message("finances.low_income.individuals_only")
        )
    )
    q = _agreement_low_income(facts, low)
    plan = _guard(Option.SIMPLE_PAYMENT_PLAN, _simple_plan, facts, p, q)
    options = [
        _guard(Option.GUARANTEED_IA, _guaranteed, facts, p, q),
        plan,
        _guard(Option.NON_STREAMLINED_IA, _non_streamlined, facts, p, q, plan),
        _guard(Option.IN_BUSINESS_TRUST_FUND, _trust_fund_express, facts, p, q),
        _guard(Option.SHORT_TERM_PLAN, _short_term, facts, p),
        _not_collectible(facts),
        _guard(Option.OFFER_IN_COMPROMISE, offer_in_compromise, facts, p, low),
    ]
    used = list(p.used.values())
    picks, unverified, missing = _params_of(p, used, tuple([tuple(o.citations) for o in options]))
    for option, picked in zip(options, picks, strict=True):
        option.params = [used[i] for i in picked]
    result = AlternativesResult(
        as_of=facts.as_of,
        balance=facts.balance,
        options=options,
        low_income=low,
        unverified=[used[i] for i in unverified],
        missing_values=[used[i] for i in missing],
    )
    result.notes.append(message("finances.option_note.interest_runs"))
    return result


def _agreement_low_income(facts: AlternativesFacts, low: low_income_test.LowIncome) -> bool | None:
    """Whether the installment-agreement user fee relief applies (IA-9). Unlike the offer (Form 656 Section 1:
    adjusted gross income or household gross monthly income x 12, OIC-5), 26 U.S.C. § 6159(f)(2) tests only
    "adjusted gross income, as determined for the most recent year for which such information is available": a
    household income below the line does not waive or reimburse the fee when that income is above it or unknown."""
    if (
        low.qualifies is None
        or facts.gross_monthly_income is None
        or facts.taxpayer_kind is not TaxpayerKind.INDIVIDUAL
    ):
        return low.qualifies
    return low_income_test.low_income_test(
        facts.household_size, facts.state, facts.adjusted_gross_income, None, facts.as_of
    ).qualifies


def _guard(option: Option, build: Callable[..., OptionResult], *args: Any) -> OptionResult:
    """Build one option (``build(*args)``); a figure with no value in force on ``as_of`` makes it unknown instead
    of failing."""
    try:
        return build(*args)
    except params.MissingParameter as err:
        return OptionResult(
            option,
            Eligibility.UNKNOWN,
            why=[message("reason.figure_not_recorded")],
            missing_values=[err.pid],
        )


_Picks = tuple[tuple[tuple[int, ...], ...], tuple[int, ...], tuple[int, ...]]


def _params_of(p: Params, used: list[ParamUse], citations: tuple[tuple[str, ...], ...]) -> _Picks:
    """For each option (its citations), the positions in ``used`` of the figures that share a citation with it;
    then the positions of the figures not verified and of those with no value. Worked out once per Law bundle,
    period of its parameters (the figures' values and status) and combination (the figures used and the citations
    depend on which branches the calculation took, not on the case's amounts)."""
    known: dict[Any, _Picks] = lawdata.kept("alternatives.params_of")
    key = (tuple(p.used), citations, p.period)
    hit = known.get(key)
    if hit is None:
        cites = _cites()
        cited = [cites[u.id] for u in used]  # each figure's citations
        picks = tuple(tuple(i for i, c in enumerate(cited) if not c.isdisjoint(mine)) for mine in map(set, citations))
        unverified = tuple(i for i, u in enumerate(used) if u.status not in {"V", "missing"})
        missing = tuple(i for i, u in enumerate(used) if u.value is None)
        hit = known[key] = (picks, unverified, missing)
    return hit


def _cites() -> dict[str, frozenset[str]]:
    """Each parameter's citations, as a set (once per Law bundle)."""
    return lawdata.derived("alternatives.cites", _cites_of)


def _cites_of(law: lawdata.Law) -> dict[str, frozenset[str]]:
    return {pid: frozenset(p.cites) for pid, p in law.parameters.items()}
