"""The collection-alternatives table of an analysis: the case and its finances → ``calc.alternatives``.

This module only gathers the facts (balance owed, disposable income from the finances section, the
earliest CSED, assets for the offer arithmetic) and turns the result into the plain data the
``Analysis.finances["options"]`` section holds. The arithmetic and its sources live in
``calc/alternatives.py`` and its ``alt_*`` helpers.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from levynav.core import lawdata
from levynav.core.calc import offer_equity
from levynav.core.calc.alternatives import AlternativesFacts, AlternativesResult, collection_alternatives, make_facts
from levynav.core.calc.decided import CsedValue
from levynav.core.calc.hardship import Picture
from levynav.core.calc.income import to_cents
from levynav.core.calc.low_income_test import LowIncome as LowIncomeResult
from levynav.core.calc.option_terms import IrsFigures, OptionResult, section_money
from levynav.core.calc.trust_fund_part import has_trust_fund_part
from levynav.core.model.ability_to_pay import Grade, LowIncome, Options
from levynav.core.model.ability_to_pay import OptionResult as OptionRecord
from levynav.core.model.case import Case, FilingStatus, TaxKind, TaxpayerKind
from levynav.core.model.construct import record
from levynav.core.model.message import message


def _balance(case: Case) -> Decimal | None:
    balances = [p.balance for p in case.tax_periods]
    if not balances or any(b is None for b in balances):
        return None
    return sum((b for b in balances if b is not None), Decimal(0))


def _assets(case: Case, joint: bool) -> offer_equity.EquityInputs | None:
    """Form 433-A (OIC) assets from the case. An asset whose value or loan is unknown is left out and named in
    ``missing`` (the equity of the rest is then a lower bound); an unknown list is unknown, never "none"."""
    fin = case.finances
    assets = fin.assets if fin is not None else None
    if fin is None or assets is None:
        return None
    missing: list[str] = []
    base = "finances.assets"

    # a path is named only for a figure that is missing (most are given: no text made for them)
    def listed(items: list[Any] | None, name: str, value_field: str) -> tuple[offer_equity.Asset, ...]:
        if items is None:
            missing.append(f"{base}.{name}")
            return ()
        out = []
        for i, item in enumerate(items):
            value, loan = getattr(item, value_field), item.loan_balance
            if value is None:
                missing.append(f"{base}.{name}[{i}].{value_field}")
            if loan is None:
                missing.append(f"{base}.{name}[{i}].loan_balance")
            if value is not None and loan is not None:
                out.append(
                    offer_equity.Asset(market_value=value, loan_balance=loan, description=item.description or "")
                )
        return tuple(out)

    cash = Decimal(0)
    if assets.cash_on_hand is None:
        missing.append(f"{base}.cash_on_hand")
    else:
        cash += assets.cash_on_hand or Decimal(0)  # as it was added: a zero given as 0.00 adds Decimal(0)
    if assets.bank_accounts is None:
        missing.append(f"{base}.bank_accounts")
    for i, account in enumerate(assets.bank_accounts or []):
        if account.balance is None:
            missing.append(f"{base}.bank_accounts[{i}].balance")
        else:
            cash += account.balance or Decimal(0)
    vehicles: list[offer_equity.Vehicle] = []
    if fin.vehicles is None:
        missing.append("finances.vehicles")
    for i, v in enumerate(fin.vehicles or []):
        if v.leased:
            vehicles.append(offer_equity.Vehicle(Decimal(0), Decimal(0), v.description or "", leased=True))
            continue
        if v.market_value is None:
            missing.append(f"finances.vehicles[{i}].market_value")
        if v.loan_balance is None:
            missing.append(f"finances.vehicles[{i}].loan_balance")
        if v.leased is None:
            missing.append(f"finances.vehicles[{i}].leased")
        elif v.market_value is not None and v.loan_balance is not None:
            vehicles.append(offer_equity.Vehicle(v.market_value, v.loan_balance, v.description or ""))
    investments = listed(assets.investments, "investments", "market_value")
    retirement = listed(assets.retirement, "retirement", "value")
    real_estate = listed(assets.real_estate, "real_estate", "market_value")
    other = listed(assets.other, "other", "market_value")
    return offer_equity.EquityInputs(
        cash_and_bank=cash,
        investments=investments,
        retirement_accounts=retirement,
        real_estate=real_estate,
        vehicles=tuple(vehicles),
        valuables_and_furniture=other,
        joint_offer=joint,
        missing=tuple(missing),
    )


def _all(values: list[bool | None]) -> bool | None:
    """True when every value is True, False when any is False, else unknown."""
    # ``in`` tests by equality, which for True/False/None is identity (as option_terms.combine)
    if False in values:
        return False
    if None in values or not values:
        return None
    return True


def _open_bankruptcy(case: Case, as_of: date) -> bool | None:
    listed = case.proceedings.bankruptcies
    if any(
        b.petition_date <= as_of
        and not any(d and d <= as_of for d in (b.discharge_date, b.dismissal_date, b.closed_date))
        for b in listed
    ):
        return True
    if case.circumstances.open_bankruptcy is not None:
        return case.circumstances.open_bankruptcy
    return False if listed else None


def _irs_figures(case: Case, own_income: Decimal | None) -> IrsFigures | None:
    """The IRS's determination as the case states it; its disposable income is the stated one, or the IRS's
    income (else the household's, said so) minus the expenses the IRS allowed."""
    stated = case.finances.irs_determination if case.finances is not None else None
    if stated is None:
        return None
    mdi = stated.monthly_disposable_income
    if mdi is None and stated.allowable_expenses is not None:
        income = stated.monthly_income if stated.monthly_income is not None else own_income
        mdi = None if income is None else income - stated.allowable_expenses
    return IrsFigures(
        source=stated.source or "",
        determined_date=stated.determined_date,
        monthly_income=stated.monthly_income,
        allowable_expenses=stated.allowable_expenses,
        monthly_disposable_income=mdi,
        net_realizable_equity=stated.net_realizable_equity,
        future_income_months=stated.future_income_months,
        quick_sale_pct=stated.quick_sale_pct,
        reasonable_collection_potential=stated.reasonable_collection_potential,
    )


def facts_for(case: Case, as_of: date, csed: dict[str, CsedValue], picture: Picture | None) -> AlternativesFacts | None:
    """The facts the alternatives need, or None when the balance owed is not known.

    Every fact the calculation needs is read from the case; ``asks`` names, for each unknown one, the case
    paths to fill in (the tax period that lacks its figure, the finances lines not yet given).
    """
    balance = _balance(case)
    if balance is None:
        return None
    circ = case.circumstances
    periods = case.tax_periods
    asks: dict[str, tuple[str, ...]] = {}

    taxes = [p.assessed_tax for p in periods]
    assessed_tax: Decimal | None = None
    if None in taxes:
        asks["assessed_tax"] = tuple(f"tax_periods[{i}].assessed_tax" for i, t in enumerate(taxes) if t is None)
    else:
        assessed_tax = sum(taxes, Decimal(0))  # type: ignore[type-var]  # no None: tested above
    kinds = [p.tax_kind for p in periods]
    if None in kinds:
        asks["income_tax_only"] = asks["trust_fund_taxes"] = tuple(
            f"tax_periods[{i}].tax_kind" for i, k in enumerate(kinds) if k is None
        )
    income_tax_only = _all([None if k is None else k is TaxKind.INCOME for k in kinds])
    trust_fund: bool | None = None
    if case.taxpayer.kind is TaxpayerKind.BUSINESS:
        # employment taxes other than FUTA (Form 940), which has no trust fund part (calc/trust_fund_part.py)
        parts = [has_trust_fund_part(p) for p in periods]
        trust_fund = True if True in parts else (None if None in parts else False)

    known_csed = {pid: c.date for pid, c in csed.items() if c.date is not None}
    unknown_csed = [i for i, p in enumerate(periods) if p.id not in known_csed]
    earliest: date | None = None
    if unknown_csed:
        asks["csed"] = tuple(f"tax_periods[{i}].assessment_date" for i in unknown_csed)
    else:
        earliest = min([known_csed[p.id] for p in periods]) if periods else None

    # the figures as the finances section shows them (in cents)
    mdi = to_cents(picture.disposable) if picture is not None else None
    open_lines = [*picture.income.missing, *picture.expenses.missing] if picture is not None else []
    asks["monthly_disposable_income"] = tuple(dict.fromkeys(open_lines)) or ("finances",)

    joint = case.taxpayer.filing_status is FilingStatus.MARRIED_FILING_JOINTLY
    equity = _assets(case, joint)
    fin = case.finances
    return make_facts(
        taxpayer_kind=case.taxpayer.kind,
        balance=balance,
        as_of=as_of,
        assessed_tax=assessed_tax,
        monthly_disposable_income=mdi,
        csed=earliest,
        household_size=picture.expenses.household.size if picture is not None else None,
        state=case.taxpayer.state,
        adjusted_gross_income=fin.adjusted_gross_income if fin is not None else None,
        gross_monthly_income=to_cents(picture.income.gross_total) if picture is not None else None,
        all_returns_filed=None if circ.unfiled_returns is None else not circ.unfiled_returns,
        estimated_payments_current=circ.estimated_payments_current,
        in_open_bankruptcy=_open_bankruptcy(case, as_of),
        prior_five_years_compliant=circ.prior_five_years_compliant,
        unable_to_pay_in_full=circ.unable_to_pay_in_full,
        income_tax_only=income_tax_only,
        in_business=circ.business_operating if case.taxpayer.kind is TaxpayerKind.BUSINESS else None,
        trust_fund_taxes=trust_fund,
        federal_deposits_current=circ.federal_deposits_current,
        equity=equity,
        irs=_irs_figures(case, to_cents(picture.income.total) if picture is not None else None),
        asks=asks,
    )


_money = section_money


def _option(o: OptionResult) -> OptionRecord:
    if o.same is None:
        return _option_record(o)
    made: dict[str, OptionRecord] = lawdata.kept("options.same_records")  # see ``OptionResult.same``
    hit = made.get(o.same)
    if hit is None:
        hit = made[o.same] = _option_record(o)
    return hit


def _option_record(o: OptionResult) -> OptionRecord:
    return record(
        OptionRecord,
        {
            "option": o.option,
            "eligibility": o.eligibility,
            "reasons": list(o.why),
            "missing": list(o.missing),
            "monthly_payment": _money(o.monthly_payment),
            "months_to_pay": o.months_to_pay,
            "pay_by": o.pay_by,
            "fees": [f.as_record for f in o.fees],  # the long-term agreements share their lines, and so the records
            "levy_effect": o.levy_effect,
            "levy_note": o.levy_note,
            "figures": dict(o.figures),
            "citations": list(o.citations),
            "notes": list(o.notes),
            "missing_values": list(o.missing_values),
            "table": [dict(row) for row in o.table],
        },
    )


def _low_income(low: LowIncomeResult) -> LowIncome:
    return record(
        LowIncome,
        {
            "qualifies": low.qualifies,
            "limit": _money(low.limit),
            "tested_income": _money(low.tested_income),
            "basis": low.basis,
            "status": None if low.status is None else Grade(low.status),
            "missing": list(low.missing),
            "reason": low.reason,
        },
    )


def options_result(
    case: Case, as_of: date, csed: dict[str, CsedValue], picture: Picture | None
) -> AlternativesResult | None:
    """The payment options weighed once per analysis (None when the balance owed is not known)."""
    facts = facts_for(case, as_of, csed, picture)
    return None if facts is None else collection_alternatives(facts)


def options_section(result: AlternativesResult | None) -> Options:
    """``Analysis.finances.options``: the options weighed, amounts to the cent."""
    if result is None:
        return record(
            Options,
            {
                "available": False,
                "reason": message("finances.options_unavailable.balance_needed"),
                "balance": None,
                "low_income": None,
                "options": [],
                "unverified": [],
                "missing_values": [],
                "notes": [],
            },
        )
    return record(
        Options,
        {
            "available": True,
            "reason": None,
            "balance": _money(result.balance),
            "low_income": _low_income(result.low_income),
            "options": [_option(o) for o in result.options],
            "unverified": [p.id for p in result.unverified],
            "missing_values": [p.id for p in result.missing_values],
            "notes": list(result.notes),
        },
    )
