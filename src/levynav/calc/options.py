"""The collection-alternatives table of an analysis: the case and its finances → ``calc.alternatives``.

This module only gathers the facts (balance owed, disposable income from the finances section, the
earliest CSED, assets for the offer arithmetic) and turns the result into the plain data the
``Analysis.finances["options"]`` section holds. The arithmetic and its sources live in
``calc/alternatives.py`` and its ``alt_*`` helpers.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

from levynav.calc import alt_equity
from levynav.calc.alternatives import AlternativesFacts, AlternativesResult, collection_alternatives
from levynav.law.rule import CsedValue
from levynav.model.case import Case
from levynav.model.finances import Assets


def _balance(case: Case) -> Decimal | None:
    balances = [p.balance for p in case.tax_periods]
    if not balances or any(b is None for b in balances):
        return None
    return sum((b for b in balances if b is not None), Decimal(0))


def _decimal(raw: object) -> Decimal | None:
    return None if raw is None else Decimal(str(raw))


def _assets(assets: Assets | None, joint: bool) -> alt_equity.EquityInputs | None:
    if assets is None:
        return None

    def asset(value: Decimal | None, loan: Decimal | None, what: str | None) -> alt_equity.Asset:
        return alt_equity.Asset(
            market_value=value or Decimal(0), loan_balance=loan or Decimal(0), description=what or ""
        )

    cash = (assets.cash_on_hand or Decimal(0)) + sum(
        (b.balance or Decimal(0) for b in assets.bank_accounts or []), Decimal(0)
    )
    return alt_equity.EquityInputs(
        cash_and_bank=cash,
        investments=tuple(asset(i.market_value, i.loan_balance, i.description) for i in assets.investments or []),
        retirement_accounts=tuple(asset(r.value, r.loan_balance, r.description) for r in assets.retirement or []),
        real_estate=tuple(asset(r.market_value, r.loan_balance, r.description) for r in assets.real_estate or []),
        valuables_and_furniture=tuple(asset(o.market_value, o.loan_balance, o.description) for o in assets.other or []),
        joint_offer=joint,
    )


def _vehicles(case: Case) -> tuple[alt_equity.Vehicle, ...]:
    if case.finances is None:
        return ()
    return tuple(
        alt_equity.Vehicle(
            market_value=v.market_value or Decimal(0),
            loan_balance=v.loan_balance or Decimal(0),
            description=v.description or "",
            leased=bool(v.leased),
        )
        for v in case.finances.vehicles or []
    )


def facts_for(
    case: Case, as_of: date, csed: dict[str, CsedValue], section: dict[str, Any] | None
) -> AlternativesFacts | None:
    """The facts the alternatives need, or None when the balance owed is not known."""
    balance = _balance(case)
    if balance is None:
        return None
    section = section or {}
    income = section.get("income") or {}
    household = section.get("household") or {}
    dates = [c.date for c in csed.values() if c.date is not None]
    open_bankruptcy = any(
        b.petition_date <= as_of
        and not any(d and d <= as_of for d in (b.discharge_date, b.dismissal_date, b.closed_date))
        for b in case.proceedings.bankruptcies
    )
    unfiled = case.circumstances.unfiled_returns
    joint = case.taxpayer.filing_status is not None and case.taxpayer.filing_status.value == "married_filing_jointly"
    equity = None
    if case.finances is not None and case.finances.assets is not None:
        base = _assets(case.finances.assets, joint)
        if base is not None:
            equity = dataclasses.replace(base, vehicles=_vehicles(case))
    return AlternativesFacts(
        taxpayer_kind=case.taxpayer.kind,
        balance=balance,
        as_of=as_of,
        monthly_disposable_income=_decimal(section.get("disposable_income")),
        csed=min(dates) if dates else None,
        household_size=household.get("size"),
        state=case.taxpayer.state,
        gross_monthly_income=_decimal(income.get("gross_total")),
        all_returns_filed=None if unfiled is None else not unfiled,
        in_open_bankruptcy=open_bankruptcy if case.proceedings.bankruptcies else None,
        in_business=True if case.taxpayer.kind.value == "business" else None,
        trust_fund_taxes=(
            any(p.tax_kind is not None and p.tax_kind.value == "employment" for p in case.tax_periods)
            if case.taxpayer.kind.value == "business"
            else None
        ),
        equity=equity,
    )


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def as_section(result: AlternativesResult) -> dict[str, Any]:
    """Plain data for ``Analysis.finances["options"]``."""
    return {
        "balance": _money(result.balance),
        "low_income": {
            "qualifies": result.low_income.qualifies,
            "limit": _money(result.low_income.limit),
            "tested_income": _money(result.low_income.tested_income),
            "basis": result.low_income.basis,
            "status": result.low_income.status,
            "missing": result.low_income.missing,
            "reason": result.low_income.reason,
        },
        "options": [
            {
                "option": o.option.value,
                "title": o.title,
                "eligibility": o.eligibility.value,
                "reasons": o.reasons,
                "missing": o.missing,
                "monthly_payment": _money(o.monthly_payment),
                "months_to_pay": o.months_to_pay,
                "pay_by": o.pay_by.isoformat() if o.pay_by else None,
                "fees": [
                    {
                        "method": f.method,
                        "amount": _money(f.amount),
                        "low_income_amount": _money(f.low_income_amount),
                        "note": f.note,
                    }
                    for f in o.fees
                ],
                "levy_effect": o.levy_effect.value,
                "levy_note": o.levy_note,
                "figures": {k: (str(v) if isinstance(v, Decimal) else v) for k, v in o.figures.items()},
                "citations": o.citations,
                "notes": o.notes,
            }
            for o in result.options
        ],
        "unverified": [p.id for p in result.unverified],
        "missing_values": [p.id for p in result.missing_values],
        "notes": result.notes,
    }


def options_section(
    case: Case, as_of: date, csed: dict[str, CsedValue], section: dict[str, Any] | None
) -> dict[str, Any]:
    facts = facts_for(case, as_of, csed, section)
    if facts is None:
        return {"available": False, "reason": "the balance owed on every tax period is needed (tax_periods[].balance)"}
    return {"available": True, **as_section(collection_alternatives(facts))}
