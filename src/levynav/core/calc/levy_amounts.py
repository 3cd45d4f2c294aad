"""Small figures the plan shows: the 15% federal payment levy, the 21-day bank hold, § 6334(a)(2)/(a)(3) amounts.

The percent and the day count are the exemptions module's parameters (``fplp.levy_percent``,
``bank_levy.hold_days``, data/parameters/exemptions.yaml), so there is one number with one source; the bank hold is
computed the same way as law/exemptions_payments.py (deadline ``bank.hold_ends``): the raw 21st day, not rolled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from levynav.core import params
from levynav.core.calc import dates
from levynav.core.calc.option_terms import money
from levynav.core.model.analysis import ParamUse


@dataclass(frozen=True)
class FederalPaymentLevy:
    benefit: Decimal
    levy_amount: Decimal
    kept: Decimal
    param: ParamUse
    citations: tuple[str, ...] = ("R6331-H1",)


def federal_payment_levy_amount(benefit: Decimal, on: date) -> FederalPaymentLevy:
    """What the continuous Federal Payment Levy takes from one Social Security payment: 15% (§ 6331(h)(1)).

    The levy attaches to "up to" 15% of each payment; this is that maximum, rounded to the cent.
    """
    if benefit < 0:
        raise ValueError(f"benefit cannot be negative: {benefit}")
    use = params.use("fplp.levy_percent", on)
    if use.value is None or isinstance(use.value, (str, date)):
        raise params.MissingParameter(use.id, on, "has no percentage value in force")
    levy = money(benefit * Decimal(use.value) / 100)
    return FederalPaymentLevy(benefit=benefit, levy_amount=levy, kept=benefit - levy, param=use)


@dataclass(frozen=True)
class BankHold:
    served: date
    ends: date  # the bank may pay the IRS only after this day
    param: ParamUse
    citations: tuple[str, ...] = ("R6332-C1",)


def bank_hold_end(served: date) -> BankHold:
    """§ 6332(c): a bank surrenders levied deposits only after 21 days from service of the levy.

    The hold is a rule for the bank, not a taxpayer deadline, so § 7503 does not move it; ``ends`` is the 21st day
    after service. Ask for a release before then.
    """
    use = params.use("bank_levy.hold_days", served)
    days = params.number("bank_levy.hold_days", served)
    ends = dates.last_day_after(served, days).raw  # not rolled: § 7503 covers acts of the taxpayer
    return BankHold(served=served, ends=ends, param=use)


@dataclass(frozen=True)
class ExemptProperty:
    year: int
    household_goods: ParamUse  # § 6334(a)(2)
    tools_of_trade: ParamUse  # § 6334(a)(3)
    missing: tuple[str, ...]
    citations: tuple[str, ...] = ("R6334-G1",)

    @property
    def unverified(self) -> list[ParamUse]:
        return [u for u in (self.household_goods, self.tools_of_trade) if u.status != "V"]


def exempt_property_amounts(levied: date) -> ExemptProperty:
    """The § 6334(a)(2) and (a)(3) amounts for a levy made on ``levied``, each with source and status.

    The amounts are those "for any calendar year" (§ 6334(g)(1)) of the levy, so the levy date chooses them; a year
    with no published figure entered has none (value None, named in ``missing``), never an earlier year's figure
    (the parameters are ``per_calendar_year``). A levy before the first amount entered raises MissingParameter.
    """
    goods = params.use("exempt_property.6334a2", levied)
    tools = params.use("exempt_property.6334a3", levied)
    year = levied.year
    missing = tuple(
        f"exempt_property.{name} ({year})" for name, u in (("6334a2", goods), ("6334a3", tools)) if u.value is None
    )
    return ExemptProperty(year=year, household_goods=goods, tools_of_trade=tools, missing=missing)
