"""Offer in compromise pre-qualification (OIC-2..OIC-7): minimum offer, fee, initial payment, low-income terms."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from levynav.core.calc.low_income_test import LowIncome
from levynav.core.calc.offer_equity import OfferFigures, net_realizable_equity, offer_figures
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
    money,
    payment_to_clear,
    whole_dollars,
)
from levynav.core.model.analysis import message
from levynav.core.model.case import TaxpayerKind

if TYPE_CHECKING:
    from levynav.core.calc.alternatives import AlternativesFacts


def offer_in_compromise(facts: AlternativesFacts, p: Params, low: LowIncome) -> OptionResult:
    r = OptionResult(
        Option.OFFER_IN_COMPROMISE,
        "Offer in compromise (doubt as to collectibility)",
        Eligibility.UNKNOWN,
        citations=["OIC-1", "OIC-2", "OIC-3", "OIC-4", "OIC-5", "OIC-6", "OIC-12"],
    )
    checks: list[bool | None] = []
    conditions = [
        (facts.all_returns_filed, "all_returns_filed", True, "all required returns filed"),
        (facts.in_open_bankruptcy, "in_open_bankruptcy", False, "not in an open bankruptcy"),
    ]
    if facts.taxpayer_kind is TaxpayerKind.INDIVIDUAL:
        done = "current-year estimated payments made"
        conditions.append((facts.estimated_payments_current, "estimated_payments_current", True, done))
    elif facts.trust_fund_taxes:
        done = "this quarter's federal tax deposits made"
        conditions.append((facts.federal_deposits_current, "federal_deposits_current", True, done))
    for fact, name, want, text in conditions:
        if fact is None:
            r.missing += facts.ask(name)
            checks.append(None)
        else:
            met = fact is want
            if not met:
                r.reasons.append(f"not met: {text}")
                r.why.append(message("reason.not_met", what=message(f"reason.cond_{name}")))
            checks.append(met)
    fee = p.amount("alt.oic.application_fee")
    low_income = low.qualifies if facts.taxpayer_kind is TaxpayerKind.INDIVIDUAL else False
    if low_income:
        r.reasons.append(
            f"low-income certification: {low.reason} - no fee and no payments while the offer is considered"
        )
        r.why.append(message("reason.low_income_certification"))
    fee_note = (
        "no fee with low-income certification" if low_income else "kept once the offer is accepted for processing"
    )
    r.fees = [FeeLine("application fee (Form 656)", fee, ZERO, fee_note, (p.use("alt.oic.application_fee"),))]
    irs = facts.irs
    own_mdi = facts.monthly_disposable_income
    irs_mdi = irs.monthly_disposable_income if irs is not None else None
    mdi = irs_mdi if irs_mdi is not None else own_mdi
    r.levy_effect = LevyEffect.NO_RELEASE_REQUIRED
    r.levy_note = (
        "A pending offer stops new levies (§ 6331(k)(1)), but the IRS does not have to release a levy made "
        "before the offer was pending or return money it already took; the levy is released once an "
        "accepted offer is paid (§ 6343(a)(1)(A))."
    )
    r.citations.append("OIC-7")
    irs_rcp = irs.reasonable_collection_potential if irs is not None else None
    own = offer_figures(facts.equity, own_mdi, p) if facts.equity is not None and own_mdi is not None else None
    if own is not None:
        _own_figures(r, own)
    if irs is not None and irs_rcp is None and irs_mdi is not None:
        irs_rcp = _irs_rcp(facts, irs, irs_mdi, p, r)
    if irs_rcp is not None:
        return _decide(r, checks, facts, p, low_income, irs_rcp, None, "the IRS's", own)
    if own is None:
        if mdi is None:
            r.missing += [m for m in facts.ask("monthly_disposable_income") if m not in r.missing]
        if facts.equity is None:
            r.missing += facts.ask("equity")
        checks.append(None)
        r.eligibility = combine(checks)
        return r
    lump, periodic = own.minimum_offer_lump_sum, own.minimum_offer_periodic
    return _decide(r, checks, facts, p, low_income, lump, periodic, "your", own)


def _own_figures(r: OptionResult, figs: OfferFigures) -> None:
    lump, periodic = figs.minimum_offer_lump_sum, figs.minimum_offer_periodic
    r.figures.update(
        {
            "net_realizable_equity": figs.equity.total,
            "quick_sale_pct": figs.equity.quick_sale_pct,
            "remaining_monthly_income": figs.remaining_monthly_income,
            "future_income_lump_sum": figs.future_income_lump_sum,
            "future_income_periodic": figs.future_income_periodic,
            "minimum_offer_lump_sum": lump,
            "minimum_offer_periodic": periodic,
        }
    )
    if not figs.equity.complete:
        r.figures["equity_is_a_lower_bound"] = True
    for line, value in figs.equity.lines.items():
        r.figures[f"equity line {line}"] = value
    r.table = [dict(row) for row in figs.equity.details]
    r.notes += [f"equity: {text}" for text in figs.equity.explanation]


def _irs_rcp(facts: AlternativesFacts, irs: IrsFigures, mdi: Decimal, p: Params, r: OptionResult) -> Decimal | None:
    """The reasonable collection potential by the IRS's own figures, where it stated enough of them."""
    months = irs.future_income_months or p.count("alt.oic.future_income_months_lump_sum")
    future = max(ZERO, whole_dollars(mdi)) * months
    equity = irs.net_realizable_equity
    if equity is None and facts.equity is not None:
        equity = net_realizable_equity(facts.equity, p, irs.quick_sale_pct).total
        if facts.equity.missing:
            return None
    if equity is None:
        return None
    r.figures["irs_future_income"] = future
    r.figures["irs_future_income_months"] = months
    r.figures["irs_net_realizable_equity"] = equity
    return equity + future


def _decide(
    r: OptionResult,
    checks: list[bool | None],
    facts: AlternativesFacts,
    p: Params,
    low_income: bool | None,
    lump: Decimal,
    periodic: Decimal | None,
    whose: str,
    own: OfferFigures | None,
) -> OptionResult:
    """Decide the offer from a minimum offer (``whose`` figures); a lower bound decides only when it reaches the
    balance, otherwise the offer stays unknown until the missing values are known."""
    bound = own is not None and whose == "your" and not own.equity.complete
    if whose != "your":
        r.figures["irs_reasonable_collection_potential"] = lump
        if own is not None and own.minimum_offer_lump_sum != lump:
            r.notes.append(
                f"the IRS's reasonable collection potential is ${lump:,}; your own figures give "
                f"${own.minimum_offer_lump_sum:,}{' or more' if not own.equity.complete else ''}: the IRS decides "
                "with its own figures, so show it where they are wrong"
            )
    pct = p.rate("alt.oic.lump_sum_initial_payment_pct")
    max_months = p.count("alt.oic.periodic_max_months")
    if low_income:
        days = p.count("alt.oic.low_income_first_payment_days")
        r.figures["initial_payment_lump_sum"] = ZERO
        r.notes.append(f"low income: first payment due {days} days after acceptance unless another date is agreed")
    else:
        r.figures["initial_payment_lump_sum"] = money(lump * pct)
        if periodic is not None:
            r.figures["first_periodic_payment"] = payment_to_clear(periodic, max_months) if periodic else ZERO
    if periodic is not None:
        r.monthly_payment = payment_to_clear(periodic, max_months) if periodic else ZERO
        r.months_to_pay = max_months
    r.notes.append(
        f"lump sum: {pct * 100:.0f}% with the offer, the rest in up to "
        f"{p.count('alt.oic.lump_sum_max_payments')} payments within "
        f"{p.count('alt.oic.lump_sum_max_months')} months of acceptance; periodic: "
        f"{p.count('alt.oic.periodic_min_months')}-{max_months} monthly payments, paid while the IRS "
        "considers the offer"
    )
    if lump <= 0 and not bound:
        r.notes.append(f"{whose} figures give $0; the offer must still be more than $0")
    at_least = "at least " if bound else ""
    if lump >= facts.balance:
        r.reasons.append(
            f"the minimum offer by {whose} figures ({at_least}${lump:,}) is not less than what you owe "
            f"(${facts.balance:,}): the IRS would expect full payment, so an offer is unlikely to be accepted"
        )
        key = f"reason.offer_not_less_{'yours' if whose == 'your' else 'irs'}{'_at_least' if bound else ''}"
        r.why.append(message(key, lump=lump, balance=facts.balance))
        checks.append(False)
    elif bound:
        assert own is not None
        r.reasons.append(
            f"your reasonable collection potential is at least ${lump:,} lump sum; the assets whose value or loan "
            "is not known could raise it, so whether it is less than what you owe is not known yet"
        )
        r.why.append(message("reason.rcp_at_least", lump=lump))
        r.missing += [m for m in own.equity.missing if m not in r.missing]
        checks.append(None)
    else:
        periodic_words = f", ${periodic:,} periodic" if periodic is not None else ""
        r.reasons.append(
            f"{whose} reasonable collection potential (${lump:,} lump sum{periodic_words}) is less "
            f"than the ${facts.balance:,} owed"
        )
        mine = "yours" if whose == "your" else "irs"
        if periodic is not None:
            r.why.append(
                message(f"reason.rcp_less_{mine}_periodic", lump=lump, periodic=periodic, balance=facts.balance)
            )
        else:
            r.why.append(message(f"reason.rcp_less_{mine}", lump=lump, balance=facts.balance))
        checks.append(True)
    r.eligibility = combine(checks)
    return r
