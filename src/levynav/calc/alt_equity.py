"""Offer in compromise arithmetic: reasonable collection potential per Form 433-A (OIC) (Rev. 4-2025).

Section 3 (net realizable equity, Box A): each line "current market value multiplied by .8 minus loan balance"
(real estate, vehicles, retirement accounts, valuables), investments and life insurance at value minus loan, cash
and bank accounts minus $1,000; $3,450 off the first vehicle and off the second only in a joint offer; furniture
and personal effects minus the IRS deduction ($11,710). "Round to the nearest whole dollar. Do not enter a negative
number. If any line item is a negative, enter 0 on that line." Section 8: remaining monthly income (Box F, never
below $0) x 12 for a lump-sum offer (Box G) or x 24 for a periodic offer (Box H); minimum offer = Box A (+ Box B)
+ Box G or H, and must be more than $0. Every figure is a parameter (data/parameters/alternatives.yaml, OIC-6).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from levynav.calc.alt_common import ZERO, Params, whole_dollars


@dataclass(frozen=True)
class Asset:
    """An asset at its current market value, with any loan it secures."""

    market_value: Decimal
    loan_balance: Decimal = ZERO
    description: str = ""


@dataclass(frozen=True)
class Vehicle(Asset):
    leased: bool = False  # a leased vehicle counts 0 (Form 433-A (OIC) line 6a)


@dataclass(frozen=True)
class EquityInputs:
    """The assets of Form 433-A (OIC) Section 3, plus Box B (business equity) if the caller computed it."""

    cash_and_bank: Decimal = ZERO  # lines 1a-1c
    investments: tuple[Asset, ...] = ()  # line 2: market value minus loan
    retirement_accounts: tuple[Asset, ...] = ()  # line 3: x .8 minus loan
    life_insurance: tuple[Asset, ...] = ()  # line 4: cash value minus loan
    real_estate: tuple[Asset, ...] = ()  # line 5: x .8 minus loan
    vehicles: tuple[Vehicle, ...] = ()  # line 6
    valuables_and_furniture: tuple[Asset, ...] = ()  # line 7: x .8 minus loan, less the IRS deduction
    business_equity: Decimal = ZERO  # Box B (Form 433-A (OIC) Section 6), computed by the caller
    joint_offer: bool = False


@dataclass
class EquityResult:
    lines: dict[str, Decimal] = field(default_factory=dict)
    box_a: Decimal = ZERO
    box_b: Decimal = ZERO
    explanation: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.box_a + self.box_b


def _line(value: Decimal) -> Decimal:
    return max(ZERO, whole_dollars(value))


def net_realizable_equity(inputs: EquityInputs, p: Params) -> EquityResult:
    """Box A (and Box B as given) of Form 433-A (OIC)."""
    for asset in (
        *inputs.investments,
        *inputs.retirement_accounts,
        *inputs.life_insurance,
        *inputs.real_estate,
        *inputs.vehicles,
        *inputs.valuables_and_furniture,
    ):
        if asset.market_value < 0 or asset.loan_balance < 0:
            raise ValueError(f"asset {asset.description or asset}: values cannot be negative")
    if inputs.cash_and_bank < 0 or inputs.business_equity < 0:
        raise ValueError("cash and business equity cannot be negative")
    qsv = p.rate("alt.oic.quick_sale_pct")
    bank_off = p.amount("alt.oic.bank_exclusion") or ZERO
    vehicle_off = p.amount("alt.oic.vehicle_exclusion") or ZERO
    furniture_off = p.amount("alt.oic.furniture_deduction") or ZERO
    out = EquityResult()

    out.lines["1 cash and bank"] = _line(inputs.cash_and_bank - bank_off)
    out.lines["2 investments"] = sum((_line(a.market_value - a.loan_balance) for a in inputs.investments), ZERO)
    out.lines["3 retirement"] = sum(
        (_line(a.market_value * qsv - a.loan_balance) for a in inputs.retirement_accounts), ZERO
    )
    out.lines["4 life insurance"] = sum((_line(a.market_value - a.loan_balance) for a in inputs.life_insurance), ZERO)
    out.lines["5 real estate"] = sum((_line(a.market_value * qsv - a.loan_balance) for a in inputs.real_estate), ZERO)

    # The filer chooses which vehicle is listed first; the $3,450 goes to the one with the most equity.
    equities = sorted(
        (ZERO if v.leased else _line(v.market_value * qsv - v.loan_balance) for v in inputs.vehicles), reverse=True
    )
    vehicle_total = ZERO
    for i, equity in enumerate(equities):
        if i == 0 or (i == 1 and inputs.joint_offer):
            vehicle_total += max(ZERO, equity - vehicle_off)
        else:
            vehicle_total += equity
    out.lines["6 vehicles"] = vehicle_total
    valuables = sum((_line(a.market_value * qsv - a.loan_balance) for a in inputs.valuables_and_furniture), ZERO)
    out.lines["7 furniture, personal effects, valuables"] = max(ZERO, valuables - furniture_off)

    out.box_a = sum(out.lines.values(), ZERO)
    out.box_b = whole_dollars(inputs.business_equity)
    out.explanation = [
        f"cash and bank accounts less ${bank_off:,}",
        f"real estate, vehicles, retirement accounts and valuables at {qsv * 100:.0f}% of market value less loans",
        f"${vehicle_off:,} off the first vehicle" + (" and the second (joint offer)" if inputs.joint_offer else ""),
        f"furniture and personal effects less the IRS deduction of ${furniture_off:,}",
        "each line rounded to whole dollars; a negative line counts as 0",
    ]
    return out


@dataclass
class OfferFigures:
    equity: EquityResult
    remaining_monthly_income: Decimal
    future_income_lump_sum: Decimal
    future_income_periodic: Decimal
    minimum_offer_lump_sum: Decimal
    minimum_offer_periodic: Decimal


def offer_figures(inputs: EquityInputs, monthly_disposable_income: Decimal, p: Params) -> OfferFigures:
    """Form 433-A (OIC) Section 8: the minimum offer for each payment option."""
    equity = net_realizable_equity(inputs, p)
    box_f = max(ZERO, whole_dollars(monthly_disposable_income))
    box_g = box_f * p.count("alt.oic.future_income_months_lump_sum")
    box_h = box_f * p.count("alt.oic.future_income_months_periodic")
    return OfferFigures(
        equity=equity,
        remaining_monthly_income=box_f,
        future_income_lump_sum=box_g,
        future_income_periodic=box_h,
        minimum_offer_lump_sum=equity.total + box_g,
        minimum_offer_periodic=equity.total + box_h,
    )
