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
from levynav.core.model.ability_to_pay import FeeMethod
from levynav.core.model.analysis import message
from levynav.core.model.case import TaxpayerKind

if TYPE_CHECKING:
    from levynav.core.calc.alternatives import AlternativesFacts


def offer_in_compromise(facts: AlternativesFacts, p: Params, low: LowIncome) -> OptionResult:
    r = OptionResult(
        Option.OFFER_IN_COMPROMISE,
        Eligibility.UNKNOWN,
        citations=["OIC-1", "OIC-2", "OIC-3", "OIC-4", "OIC-5", "OIC-6", "OIC-12"],
    )
    checks: list[bool | None] = []
    conditions = [
        (facts.all_returns_filed, "all_returns_filed", True),
        (facts.in_open_bankruptcy, "in_open_bankruptcy", False),
    ]
    if facts.taxpayer_kind is TaxpayerKind.INDIVIDUAL:
        conditions.append((facts.estimated_payments_current, "estimated_payments_current", True))
    elif facts.trust_fund_taxes:
        conditions.append((facts.federal_deposits_current, "federal_deposits_current", True))
    for fact, name, want in conditions:
        if fact is None:
            r.missing += facts.ask(name)
            checks.append(None)
        else:
            met = fact is want
            if not met:
                r.why.append(message("reason.not_met", what=message(f"reason.cond_{name}")))
            checks.append(met)
    fee = p.amount("alt.oic.application_fee")
    low_income = low.qualifies if facts.taxpayer_kind is TaxpayerKind.INDIVIDUAL else False
    if low_income:
        r.why.append(message("reason.low_income_certification"))
    # the fee line reads the period's figures only: one line (and record, ``FeeLine.as_record``) for the period
    line = p.kept(("oic.fee", low_income))
    if line is None:
        fee_note = message("finances.fee.no_fee_low_income" if low_income else "finances.fee.kept_once_accepted")
        used = (p.use("alt.oic.application_fee"),)
        line = p.keep(("oic.fee", low_income), FeeLine(FeeMethod.OFFER_APPLICATION, fee, ZERO, [fee_note], used))
    r.fees = [line]
    irs = facts.irs
    own_mdi = facts.monthly_disposable_income
    irs_mdi = irs.monthly_disposable_income if irs is not None else None
    mdi = irs_mdi if irs_mdi is not None else own_mdi
    r.levy_effect = LevyEffect.NO_RELEASE_REQUIRED
    r.levy_note = message("finances.levy_note.offer_in_compromise")
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
    r.notes += figs.equity.explanation


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
            more = "" if own.equity.complete else "_or_more"
            r.notes.append(
                message(f"finances.option_note.irs_rcp_differs{more}", irs=lump, own=own.minimum_offer_lump_sum)
            )
    pct = p.rate("alt.oic.lump_sum_initial_payment_pct")
    max_months = p.count("alt.oic.periodic_max_months")
    if low_income:
        days = p.count("alt.oic.low_income_first_payment_days")
        r.figures["initial_payment_lump_sum"] = ZERO
        r.notes.append(message("finances.option_note.low_income_first_payment", days=days))
    else:
        r.figures["initial_payment_lump_sum"] = money(lump * pct)
        if periodic is not None:
            r.figures["first_periodic_payment"] = payment_to_clear(periodic, max_months) if periodic else ZERO
    if periodic is not None:
        r.monthly_payment = payment_to_clear(periodic, max_months) if periodic else ZERO
        r.months_to_pay = max_months
    terms = (
        int(pct * 100),
        p.count("alt.oic.lump_sum_max_payments"),
        p.count("alt.oic.lump_sum_max_months"),
        p.count("alt.oic.periodic_min_months"),
    )
    note = p.kept("oic.terms")  # the period's figures only: said once per period (a message is immutable)
    if note is None:
        pct_words, payments, months, min_months = terms
        note = p.keep(
            "oic.terms",
            message(
                "finances.option_note.offer_terms",
                pct=pct_words,
                payments=payments,
                months=months,
                min_months=min_months,
                max_months=max_months,
            ),
        )
    r.notes.append(note)
    if lump <= 0 and not bound:
        key = "yours" if whose == "your" else "irs"
        r.notes.append(message(f"finances.option_note.offer_zero_{key}", zero=ZERO))
    if lump >= facts.balance:
        key = f"reason.offer_not_less_{'yours' if whose == 'your' else 'irs'}{'_at_least' if bound else ''}"
        r.why.append(message(key, lump=lump, balance=facts.balance))
        checks.append(False)
    elif bound:
        assert own is not None
        r.why.append(message("reason.rcp_at_least", lump=lump))
        r.missing += [m for m in own.equity.missing if m not in r.missing]
        checks.append(None)
    else:
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
