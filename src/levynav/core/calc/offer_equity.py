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
from typing import Any

from levynav.core import params
from levynav.core.calc.option_terms import ZERO, Params, whole_dollars
from levynav.core.model.message import Message, field_args, message


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
    """The assets of Form 433-A (OIC) Section 3, plus Box B (business equity) if the caller computed it.

    ``missing`` names the case facts (paths) of assets whose value or loan is unknown. Such an asset is left out
    by the caller; since no line can be negative, the total of the rest is then a lower bound ("at least"), never
    the equity itself.
    """

    cash_and_bank: Decimal = ZERO  # lines 1a-1c
    investments: tuple[Asset, ...] = ()  # line 2: market value minus loan
    retirement_accounts: tuple[Asset, ...] = ()  # line 3: x .8 minus loan
    life_insurance: tuple[Asset, ...] = ()  # line 4: cash value minus loan
    real_estate: tuple[Asset, ...] = ()  # line 5: x .8 minus loan
    vehicles: tuple[Vehicle, ...] = ()  # line 6
    valuables_and_furniture: tuple[Asset, ...] = ()  # line 7: x .8 minus loan, less the IRS deduction
    business_equity: Decimal = ZERO  # Box B (Form 433-A (OIC) Section 6), computed by the caller
    joint_offer: bool = False
    missing: tuple[str, ...] = ()


@dataclass
class EquityResult:
    lines: dict[str, Decimal] = field(default_factory=dict)
    box_a: Decimal = ZERO
    box_b: Decimal = ZERO
    explanation: list[Message] = field(default_factory=list)  # ``finances.equity.*``
    details: list[dict[str, Any]] = field(default_factory=list)  # one row per asset: value, quick sale, loan, equity
    missing: tuple[str, ...] = ()  # unknown asset facts: the totals are then only a lower bound
    quick_sale_pct: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.box_a + self.box_b

    @property
    def complete(self) -> bool:
        return not self.missing


def _line(value: Decimal) -> Decimal:
    return max(ZERO, whole_dollars(value))


def _required(p: Params, pid: str) -> Decimal:
    """A Form 433-A (OIC) allowance: a missing value makes the equity unknown, never counted as $0."""
    value = p.amount(pid)
    if value is None:
        raise params.MissingParameter(pid, p.on)
    return value


def net_realizable_equity(inputs: EquityInputs, p: Params, quick_sale_pct: Decimal | None = None) -> EquityResult:
    """Box A (and Box B as given) of Form 433-A (OIC).

    ``quick_sale_pct`` replaces the form's quick-sale percentage (e.g. the figure the IRS used in its own analysis).
    """
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
    if quick_sale_pct is not None and not ZERO < quick_sale_pct <= 100:
        raise ValueError(f"quick-sale percentage must be above 0 and at most 100, not {quick_sale_pct}")
    pct = quick_sale_pct if quick_sale_pct is not None else p.rate("alt.oic.quick_sale_pct") * 100
    if pct == pct.to_integral_value():
        pct = pct.quantize(Decimal(1))
    qsv = pct / 100
    bank_off = _required(p, "alt.oic.bank_exclusion")
    vehicle_off = _required(p, "alt.oic.vehicle_exclusion")
    furniture_off = _required(p, "alt.oic.furniture_deduction")
    out = EquityResult(missing=inputs.missing, quick_sale_pct=pct)

    def row(line: str, a: Asset, quick: bool, equity: Decimal) -> None:
        out.details.append(
            {
                "line": line,
                "description": a.description,
                "market_value": a.market_value,
                "quick_sale_value": whole_dollars(a.market_value * qsv) if quick else a.market_value,
                "loan_balance": a.loan_balance,
                "equity": equity,
            }
        )

    def listed(line: str, assets: tuple[Asset, ...], quick: bool) -> Decimal:
        total = ZERO
        for a in assets:
            equity = _line((a.market_value * qsv if quick else a.market_value) - a.loan_balance)
            row(line, a, quick, equity)
            total += equity
        return total

    out.lines["1 cash and bank"] = _line(inputs.cash_and_bank - bank_off)
    out.lines["2 investments"] = listed("2 investments", inputs.investments, False)
    out.lines["3 retirement"] = listed("3 retirement", inputs.retirement_accounts, True)
    out.lines["4 life insurance"] = listed("4 life insurance", inputs.life_insurance, False)
    out.lines["5 real estate"] = listed("5 real estate", inputs.real_estate, True)

    # The filer chooses which vehicle is listed first; the $3,450 goes to the one with the most equity.
    vehicle_equity = []
    for v in inputs.vehicles:
        equity = ZERO if v.leased else _line(v.market_value * qsv - v.loan_balance)
        row("6 vehicles", v, not v.leased, equity)
        vehicle_equity.append(equity)
    vehicle_total = ZERO
    for i, equity in enumerate(sorted(vehicle_equity, reverse=True)):
        if i == 0 or (i == 1 and inputs.joint_offer):
            vehicle_total += max(ZERO, equity - vehicle_off)
        else:
            vehicle_total += equity
    out.lines["6 vehicles"] = vehicle_total
    valuables = listed("7 furniture, personal effects, valuables", inputs.valuables_and_furniture, True)
    out.lines["7 furniture, personal effects, valuables"] = max(ZERO, valuables - furniture_off)

    out.box_a = sum(out.lines.values(), ZERO)
    out.box_b = whole_dollars(inputs.business_equity)
    out.explanation = [
        message("finances.equity.cash", amount=bank_off),
        message("finances.equity.quick_sale", pct=int(pct) if pct == int(pct) else str(pct)),
        message(f"finances.equity.vehicle{'_joint' if inputs.joint_offer else ''}", amount=vehicle_off),
        message("finances.equity.furniture", amount=furniture_off),
        message("finances.equity.rounding"),
    ]
    if inputs.missing:
        out.explanation.append(message("finances.equity.values_unknown", fields=field_args(inputs.missing)))
    return out


@dataclass
class OfferFigures:
    equity: EquityResult
    remaining_monthly_income: Decimal
    future_income_lump_sum: Decimal
    future_income_periodic: Decimal
    minimum_offer_lump_sum: Decimal
    minimum_offer_periodic: Decimal


def offer_figures(
    inputs: EquityInputs,
    monthly_disposable_income: Decimal,
    p: Params,
    quick_sale_pct: Decimal | None = None,
    future_income_months: int | None = None,
) -> OfferFigures:
    """Form 433-A (OIC) Section 8: the minimum offer for each payment option.

    ``quick_sale_pct`` and ``future_income_months`` replace the form's figures when the IRS used others (the
    multiplier then applies to both payment options, as the IRS's own computation states one).
    """
    equity = net_realizable_equity(inputs, p, quick_sale_pct)
    box_f = max(ZERO, whole_dollars(monthly_disposable_income))
    box_g = box_f * (future_income_months or p.count("alt.oic.future_income_months_lump_sum"))
    box_h = box_f * (future_income_months or p.count("alt.oic.future_income_months_periodic"))
    return OfferFigures(
        equity=equity,
        remaining_monthly_income=box_f,
        future_income_lump_sum=box_g,
        future_income_periodic=box_h,
        minimum_offer_lump_sum=equity.total + box_g,
        minimum_offer_periodic=equity.total + box_h,
    )
