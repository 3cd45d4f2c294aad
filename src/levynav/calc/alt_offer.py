"""Offer in compromise pre-qualification (OIC-2..OIC-7): minimum offer, fee, initial payment, low-income terms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from levynav.calc.alt_common import (
    ZERO,
    Eligibility,
    FeeLine,
    LevyEffect,
    Option,
    OptionResult,
    Params,
    combine,
    money,
    payment_to_clear,
)
from levynav.calc.alt_equity import offer_figures
from levynav.calc.alt_low_income import LowIncome
from levynav.model.case import TaxpayerKind

if TYPE_CHECKING:
    from levynav.calc.alternatives import AlternativesFacts


def offer_in_compromise(facts: AlternativesFacts, p: Params, low: LowIncome) -> OptionResult:
    r = OptionResult(
        Option.OFFER_IN_COMPROMISE,
        "Offer in compromise (doubt as to collectibility)",
        Eligibility.UNKNOWN,
        citations=["OIC-1", "OIC-2", "OIC-3", "OIC-4", "OIC-5", "OIC-6", "OIC-12"],
    )
    checks: list[bool | None] = []
    for fact, path, want, text in (
        (facts.all_returns_filed, "circumstances.all_returns_filed", True, "all required returns filed"),
        (
            facts.estimated_payments_current,
            "circumstances.estimated_payments_current",
            True,
            "current-year estimated payments made",
        ),
        (facts.in_open_bankruptcy, "proceedings.bankruptcy", False, "not in an open bankruptcy"),
    ):
        if fact is None:
            r.missing.append(path)
            checks.append(None)
        else:
            met = fact is want
            if not met:
                r.reasons.append(f"not met: {text}")
            checks.append(met)
    fee = p.amount("alt.oic.application_fee")
    pct = p.rate("alt.oic.lump_sum_initial_payment_pct")
    low_income = low.qualifies if facts.taxpayer_kind is TaxpayerKind.INDIVIDUAL else False
    if low_income:
        r.reasons.append(
            f"low-income certification: {low.reason} - no fee and no payments while the offer is considered"
        )
    fee_note = (
        "no fee with low-income certification" if low_income else "kept once the offer is accepted for processing"
    )
    r.fees = [FeeLine("application fee (Form 656)", fee, ZERO, fee_note, (p.use("alt.oic.application_fee"),))]
    if facts.monthly_disposable_income is None:
        r.missing.append("finances.monthly_disposable_income")
    if facts.equity is None:
        r.missing.append("finances.assets")
    r.levy_effect = LevyEffect.NO_RELEASE_REQUIRED
    r.levy_note = (
        "A pending offer stops new levies (§ 6331(k)(1)), but the IRS does not have to release a levy made "
        "before the offer was pending or return money it already took; the levy is released once an "
        "accepted offer is paid (§ 6343(a)(1)(A))."
    )
    r.citations.append("OIC-7")
    if facts.monthly_disposable_income is None or facts.equity is None:
        checks.append(None)
        r.eligibility = combine(checks)
        return r
    figs = offer_figures(facts.equity, facts.monthly_disposable_income, p)
    lump, periodic = figs.minimum_offer_lump_sum, figs.minimum_offer_periodic
    r.figures.update(
        {
            "net_realizable_equity": figs.equity.total,
            "remaining_monthly_income": figs.remaining_monthly_income,
            "future_income_lump_sum": figs.future_income_lump_sum,
            "future_income_periodic": figs.future_income_periodic,
            "minimum_offer_lump_sum": lump,
            "minimum_offer_periodic": periodic,
        }
    )
    for line, value in figs.equity.lines.items():
        r.figures[f"equity line {line}"] = value
    r.notes += [f"equity: {text}" for text in figs.equity.explanation]
    max_months = p.count("alt.oic.periodic_max_months")
    if low_income:
        days = p.count("alt.oic.low_income_first_payment_days")
        r.figures["initial_payment_lump_sum"] = ZERO
        r.notes.append(f"low income: first payment due {days} days after acceptance unless another date is agreed")
    else:
        r.figures["initial_payment_lump_sum"] = money(lump * pct)
        r.figures["first_periodic_payment"] = payment_to_clear(periodic, max_months) if periodic else ZERO
    r.monthly_payment = payment_to_clear(periodic, max_months) if periodic else ZERO
    r.months_to_pay = max_months
    r.notes.append(
        f"lump sum: {pct * 100:.0f}% with the offer, the rest in up to "
        f"{p.count('alt.oic.lump_sum_max_payments')} payments within "
        f"{p.count('alt.oic.lump_sum_max_months')} months of acceptance; periodic: "
        f"{p.count('alt.oic.periodic_min_months')}-{max_months} monthly payments, paid while the IRS "
        "considers the offer"
    )
    if lump <= 0:
        r.notes.append("your figures give $0; the offer must still be more than $0")
    if lump >= facts.balance:
        r.reasons.append(
            f"the minimum offer (${lump:,}) is not less than what you owe (${facts.balance:,}): the IRS "
            "would expect full payment, so an offer is unlikely to be accepted"
        )
        checks.append(False)
    else:
        r.reasons.append(
            f"your reasonable collection potential (${lump:,} lump sum, ${periodic:,} periodic) is less "
            f"than the ${facts.balance:,} owed"
        )
        checks.append(True)
    r.eligibility = combine(checks)
    return r
