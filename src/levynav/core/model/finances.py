"""Household finances (DESIGN M4, M5): income, expenses and assets, as the person states them.

Conventions (as in ``case.py``): ``None`` means "not known", never zero; a list that is ``None`` is
unknown, an empty list means "none". Money is a ``Decimal`` of at least 0. Expense amounts are
monthly; income amounts are per pay period with their ``frequency`` (monthly when not given, except
wages, whose frequency must be known). The allowable amounts are decided by ``calc/expenses.py``
from the IRS Collection Financial Standards; this model only holds facts.

Assets are listed here so that the offer-in-compromise computation (reasonable collection potential)
can read them: ``assets`` for cash, accounts, investments, retirement, real estate and other property,
``vehicles`` for cars (which are also a transportation expense).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Self

from pydantic import ConfigDict, Field, field_validator, model_validator

from levynav.core.model import limits
from levynav.core.model.bounded import Bounded
from levynav.core.model.money import Money


class _Strict(Bounded):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PayFrequency(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    SEMIMONTHLY = "semimonthly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUALLY = "annually"


class IncomeKind(StrEnum):
    WAGES = "wages"
    SELF_EMPLOYMENT = "self_employment"
    SOCIAL_SECURITY = "social_security"
    PENSION = "pension"
    OTHER = "other"


class IncomeSource(_Strict):
    """One source of income. Amounts are per ``frequency`` period."""

    kind: IncomeKind
    earner: str | None = Field(default=None, description="'taxpayer', 'spouse' or a household member's name")
    description: str | None = Field(default=None, description="employer, payer or what the income is")
    frequency: PayFrequency | None = Field(
        default=None, description="how often it is paid; monthly when not given (wages: must be given)"
    )
    gross: Money | None = Field(
        default=None,
        description="before withholding and payroll deductions (self-employment: net business income after business"
        " expenses, before income tax)",
    )
    net: Money | None = Field(default=None, description="take-home amount after withholding")

    @model_validator(mode="after")
    def _net_not_above_gross(self) -> Self:
        if self.gross is not None and self.net is not None and self.net > self.gross:
            raise ValueError("net is more than gross")  # the amounts themselves are not echoed
        return self


class Vehicle(_Strict):
    """A car, truck or motorcycle the household uses: an expense (loan/lease, operating) and an asset."""

    description: str | None = None
    leased: bool | None = Field(default=None, description="leased rather than owned (a lease has no equity)")
    monthly_payment: Money | None = Field(default=None, description="loan or lease payment a month (0 if none)")
    operating_cost: Money | None = Field(
        default=None,
        description="actual monthly operating cost: fuel, insurance, repairs, registration, parking, tolls",
    )
    market_value: Money | None = None
    loan_balance: Money | None = None


class BankAccount(_Strict):
    institution: str | None = None
    kind: str | None = Field(default=None, description="checking, savings, money market, …")
    balance: Money | None = None


class Investment(_Strict):
    description: str | None = None
    kind: str | None = Field(default=None, description="stocks, bonds, mutual funds, life insurance cash value, …")
    market_value: Money | None = None
    loan_balance: Money | None = None


class RetirementAccount(_Strict):
    description: str | None = None
    kind: str | None = Field(default=None, description="401(k), IRA, …")
    value: Money | None = None
    loan_balance: Money | None = None


class RealEstate(_Strict):
    description: str | None = None
    primary_residence: bool | None = None
    market_value: Money | None = None
    loan_balance: Money | None = None


class OtherAsset(_Strict):
    description: str | None = None
    market_value: Money | None = None
    loan_balance: Money | None = None


class Assets(_Strict):
    """What the household owns. ``None`` lists are unknown; ``[]`` means none."""

    cash_on_hand: Money | None = None
    bank_accounts: list[BankAccount] | None = None
    investments: list[Investment] | None = None
    retirement: list[RetirementAccount] | None = None
    real_estate: list[RealEstate] | None = None
    other: list[OtherAsset] | None = None


class IrsDetermination(_Strict):
    """Figures the IRS has already determined for this taxpayer (a revenue officer's or Appeals' financial
    analysis, an offer examiner's worksheet, a rejection letter), as the IRS stated them. Kept apart from the
    household's own figures above: the options are decided with the IRS's figure where it gives one, and both
    are shown when they differ."""

    source: str | None = Field(default=None, description="where the IRS stated them (letter, worksheet)")
    determined_date: date | None = Field(default=None, description="the date of the IRS's analysis or letter")
    monthly_income: Money | None = Field(default=None, description="the household income the IRS counted, a month")
    allowable_expenses: Money | None = Field(default=None, description="allowable expenses the IRS allowed, a month")
    monthly_disposable_income: Decimal | None = Field(
        default=None,
        max_digits=14,
        decimal_places=2,
        description="what the IRS says is left each month (its 'ability to pay'; may be below 0)",
    )
    net_realizable_equity: Money | None = Field(default=None, description="the equity in assets the IRS counted")
    future_income_months: int | None = Field(
        default=None, ge=1, le=120, description="the multiplier of monthly disposable income the IRS used (12, 24, ...)"
    )
    quick_sale_pct: Decimal | None = Field(
        default=None, gt=0, le=100, description="the quick-sale percentage of market value the IRS used (e.g. 80)"
    )
    reasonable_collection_potential: Money | None = Field(
        default=None, description="the reasonable collection potential the IRS computed"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        inc, exp, mdi = self.monthly_income, self.allowable_expenses, self.monthly_disposable_income
        if inc is not None and exp is not None and mdi is not None and inc - exp != mdi:
            raise ValueError(
                "monthly_disposable_income is not monthly_income minus allowable_expenses"  # amounts not echoed
            )
        return self


class Finances(_Strict):
    """Income, expenses and assets of the household, monthly (expenses) or per period (income)."""

    income: list[IncomeSource] | None = Field(default=None, description="every source of income; [] = none")
    household_size: int | None = Field(
        default=None,
        le=limits.MAX_HOUSEHOLD_SIZE,
        description="people counted for the standards (overrides taxpayer + spouse + household members)",
    )
    member_ages: list[Annotated[int, Field(ge=0, le=130)]] | None = Field(
        default=None,
        max_length=limits.MAX_HOUSEHOLD_SIZE,
        description="age of everyone counted, the taxpayer included (overrides birth dates)",
    )
    # Local Standards (lesser of actual and standard)
    housing: Money | None = Field(
        default=None, description="rent or mortgage, property tax, homeowner's or renter's insurance, dues, a month"
    )
    utilities: Money | None = Field(
        default=None, description="electricity, gas, water, trash, phone, internet, cable, a month"
    )
    vehicles: list[Vehicle] | None = Field(default=None, description="[] = the household has no vehicle")
    public_transportation: Money | None = Field(default=None, description="bus, train, taxi fares a month")
    # National Standards health care (allowed per person; actual shown)
    out_of_pocket_health: Money | None = Field(
        default=None, description="co-pays, prescriptions, medical supplies a month (not premiums)"
    )
    # Other necessary expenses (actual)
    health_insurance: Money | None = None
    current_taxes: Money | None = Field(
        default=None, description="federal, state and local income and payroll taxes a month (incl. withholding)"
    )
    court_ordered_payments: Money | None = Field(default=None, description="child support, alimony, other orders")
    child_dependent_care: Money | None = None
    term_life_insurance: Money | None = None
    involuntary_deductions: Money | None = Field(
        default=None, description="union dues, mandatory retirement contributions taken from pay"
    )
    secured_debts: Money | None = Field(
        default=None, description="payments on other secured debts (not the home or vehicles)"
    )
    assets: Assets | None = None
    adjusted_gross_income: Money | None = Field(
        default=None, description="adjusted gross income on the latest return, a year (low-income test)"
    )
    irs_determination: IrsDetermination | None = Field(
        default=None, description="figures the IRS already determined, kept apart from your own"
    )

    @field_validator("household_size")
    @classmethod
    def _at_least_one(cls, value: int | None) -> int | None:
        if value is not None and value < 1:
            raise ValueError("must be at least 1 (the taxpayer counts)")
        return value

    @model_validator(mode="after")
    def _sizes(self) -> Self:
        ages, size = self.member_ages, self.household_size
        if size is not None and ages is not None and len(ages) > size:
            raise ValueError("member_ages lists more people than household_size")
        return self
