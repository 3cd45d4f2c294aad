"""The ability-to-pay section of the Analysis (``Analysis.finances``): a typed record of the household's income,
the allowable expenses under the IRS Collection Financial Standards (with the edition and status of every table
value used), the disposable income, the hardship figures and the collection alternatives weighed.

Money is ``Decimal`` (dollars, cents as the calculation rounds them); ``None`` is unknown, never zero. Kinds are
enumerations. Fields are the JSON contract (docs/json-contract.md, "finances"): add fields, never rename them.

Words are message references (``Message``: a catalog key and typed values, ``finance.*`` and ``reason.*`` in
data/messages/<lang>/): every label, basis, conversion, note, reason and explanation; the renderers of
``levynav.explain`` say them in a language (contract 4, docs/json-contract.md).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field

from levynav.core.model.finances import IncomeKind, PayFrequency
from levynav.core.model.message import Message
from levynav.core.model.outcome import Outcome


class Option(StrEnum):
    """The collection alternatives weighed (calc/alternatives.py)."""

    GUARANTEED_IA = "guaranteed_installment_agreement"
    SIMPLE_PAYMENT_PLAN = "simple_payment_plan"
    NON_STREAMLINED_IA = "non_streamlined_installment_agreement"
    IN_BUSINESS_TRUST_FUND = "in_business_trust_fund_express"
    SHORT_TERM_PLAN = "short_term_payment_plan"
    CURRENTLY_NOT_COLLECTIBLE = "currently_not_collectible"
    OFFER_IN_COMPROMISE = "offer_in_compromise"


class Eligibility(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    UNKNOWN = "unknown"  # a fact or a figure it needs is missing; see ``missing``
    NOT_APPLICABLE = "not_applicable"  # the option is not for this kind of taxpayer


class LevyEffect(StrEnum):
    """What choosing the option does to a levy already in place."""

    MUST_RELEASE_UNLESS_AGREEMENT_SAYS_OTHERWISE = "must_release_unless_agreement_says_otherwise"  # § 6343(a)(1)(C)
    MUST_RELEASE_WAGE_LEVY = "must_release_wage_levy"  # § 6343(e) (currently not collectible)
    NO_RELEASE_REQUIRED = "no_release_required"
    RELEASED_WHEN_PAID = "released_when_paid"  # § 6343(a)(1)(A)


class Allowance(StrEnum):
    """How an expense line is allowed under the Collection Financial Standards (IRM 5.15.1)."""

    STANDARD_IN_FULL = "standard_in_full"  # National Standards, out-of-pocket health care
    LESSER_OF_ACTUAL_AND_STANDARD = "lesser_of_actual_and_standard"  # Local Standards
    ACTUAL = "actual"  # other necessary expenses


class CountedBasis(StrEnum):
    GROSS = "gross"
    NET = "net"


class Grade(StrEnum):
    """The status of a source or table value: verified against a primary source, secondary only, unverified, or
    missing from the edition."""

    V = "V"
    S = "S"
    U = "U"
    MISSING = "missing"  # the edition has no such table (data/standards/<edition>/meta.yaml): the value is unknown


class FeeMethod(StrEnum):
    """How an option's user fee is paid (data/parameters/alternatives.yaml, alt.*fee*)."""

    ONLINE_DIRECT_DEBIT = "online_direct_debit"
    ONLINE_OTHER = "online_other"
    OTHER_DIRECT_DEBIT = "other_direct_debit"  # phone, mail or in person
    OTHER_OTHER = "other_other"
    ANY = "any"
    OFFER_APPLICATION = "offer_application"  # Form 656 application fee


class Edition(BaseModel):
    """The edition of the Collection Financial Standards used, and each table's status."""

    effective_date: date | None = None
    title: Message | None = None  # ``finance.edition_title`` {date}
    origin: str | None = None  # "packaged" or "imported"
    newest_known_may_be_outdated: bool = False
    tables: dict[str, Grade | None] = Field(default_factory=dict)


class Household(BaseModel):
    size: int
    basis: Message  # where the size comes from (``finance.household.*``)
    ages: list[int | None] = Field(default_factory=list)


class County(BaseModel):
    state: str
    name: str
    fips: str | None = None  # an older edition's county row may have no FIPS code: unknown, not empty


class IncomeLine(BaseModel):
    path: str  # the income source in the case, e.g. finances.income[0]
    kind: IncomeKind
    label: Message  # ``finance.income.KIND`` {what, earner}
    frequency: PayFrequency | None = None
    conversion: Message | None = None  # the monthly factor used (``finance.conversion.*``)
    conversion_source: Message | None = None  # where the factor comes from (``finance.conversion_source.*``)
    gross_per_period: Decimal | None = None
    net_per_period: Decimal | None = None
    monthly_gross: Decimal | None = None
    monthly_net: Decimal | None = None
    counted: Decimal | None = None
    counted_basis: CountedBasis | None = None
    monthly_exact_calendar: Decimal | None = None  # the exact calendar conversion, when the IRS factor differs
    missing: list[str] = Field(default_factory=list)
    notes: list[Message] = Field(default_factory=list)


class Income(BaseModel):
    lines: list[IncomeLine] = Field(default_factory=list)
    total: Decimal | None = None
    known_at_least: Decimal | None = None
    gross_total: Decimal | None = None
    net_total: Decimal | None = None
    missing: list[str] = Field(default_factory=list)


class StandardValue(BaseModel):
    """One value of a standards table as used: where it comes from and how far it is verified."""

    table: str
    edition: date | None = None
    row: str
    amount: Decimal | None = None
    source: str
    status: str  # the source's own status words (e.g. two_sources)
    grade: Grade


class ExpenseLine(BaseModel):
    key: str  # e.g. national_standards, housing_utilities, vehicle_operating[0]
    label: Message  # ``finance.expense.KEY`` {what: the vehicle's description}
    rule: Allowance
    standard: Decimal | None = None
    actual: Decimal | None = None
    allowed: Decimal | None = None
    allowed_at_least: Decimal | None = None
    sources: list[StandardValue] = Field(default_factory=list)
    cites: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    missing_values: list[str] = Field(default_factory=list)
    notes: list[Message] = Field(default_factory=list)


class Expenses(BaseModel):
    lines: list[ExpenseLine] = Field(default_factory=list)
    total: Decimal | None = None
    known_at_least: Decimal | None = None
    missing: list[str] = Field(default_factory=list)
    missing_values: list[str] = Field(default_factory=list)


class CitationRef(BaseModel):
    cite: str
    source: str
    status: Grade


class HardshipFigures(BaseModel):
    """The figures behind the hardship decision (only the known ones are set)."""

    monthly_income: Decimal | None = None
    monthly_income_known_so_far: Decimal | None = None
    levy_take_per_month: Decimal | None = None
    levy_take_known_so_far: Decimal | None = None
    income_after_levy: Decimal | None = None
    allowable_living_expenses: Decimal | None = None
    allowable_living_expenses_at_least: Decimal | None = None
    standards_edition: date | None = None

    def known(self) -> bool:
        return any(v is not None for v in self.__dict__.values())


class LevyTake(BaseModel):
    """What one levy takes from the household a month."""

    levy: str  # levies[i]
    kind: str
    amount: Decimal | None = None
    basis: Message  # which case field gives the amount and how it is counted (``finance.levy_take.*``)


class Hardship(BaseModel):
    outcome: Outcome
    explanation: Message  # ``finance.hardship.*``; the finding's message says it with the rule
    missing: list[str] = Field(default_factory=list)
    figures: HardshipFigures = Field(default_factory=HardshipFigures)
    levies: list[LevyTake] = Field(default_factory=list)


class LowIncome(BaseModel):
    qualifies: bool | None = None
    limit: Decimal | None = None
    tested_income: Decimal | None = None
    basis: Message | None = None  # the income tested (``finance.low_income.basis.*``)
    status: Grade | None = None
    missing: list[str] = Field(default_factory=list)
    reason: Message | None = None


class Fee(BaseModel):
    method: FeeMethod
    amount: Decimal | None = None
    low_income_amount: Decimal | None = None
    notes: list[Message] = Field(default_factory=list)  # ``finance.fee.*``


Figure = bool | int | Decimal | date | str


class OptionResult(BaseModel):
    option: Option  # its name is the renderer's (label ``option``)
    eligibility: Eligibility
    reasons: list[Message] = Field(default_factory=list)  # ``reason.*``
    missing: list[str] = Field(default_factory=list)
    monthly_payment: Decimal | None = None
    months_to_pay: int | None = None
    pay_by: date | None = None
    fees: list[Fee] = Field(default_factory=list)
    levy_effect: LevyEffect
    levy_note: Message | None = None  # ``finance.levy_note.*``
    figures: dict[str, Figure | None] = Field(default_factory=dict)
    citations: list[str] = Field(default_factory=list)
    notes: list[Message] = Field(default_factory=list)  # ``finance.option_note.*``
    missing_values: list[str] = Field(default_factory=list)
    table: list[dict[str, Figure | None]] = Field(default_factory=list)


class Options(BaseModel):
    available: bool
    reason: Message | None = None  # why the options could not be weighed
    balance: Decimal | None = None
    low_income: LowIncome | None = None
    options: list[OptionResult] = Field(default_factory=list)
    unverified: list[str] = Field(default_factory=list)  # parameter ids not verified against the law
    missing_values: list[str] = Field(default_factory=list)  # parameter ids with no value on the date
    notes: list[Message] = Field(default_factory=list)

    def by_option(self) -> dict[Option, OptionResult]:
        return {o.option: o for o in self.options}


class AbilityToPay(BaseModel):
    """``Analysis.finances``. For a business without household finances only ``options`` is set; when the
    finances cannot be measured, ``error`` says why (a message reference, ``finances.error.*``) and the figures are
    absent."""

    as_of: date | None = None
    error: Message | None = None
    edition: Edition | None = None
    household: Household | None = None
    county: County | None = None
    income: Income | None = None
    expenses: Expenses | None = None
    disposable_income: Decimal | None = None
    disposable_income_at_most: Decimal | None = None
    disposable_income_at_least: Decimal | None = None
    unverified_values: list[StandardValue] = Field(default_factory=list)
    citations: dict[str, CitationRef] = Field(default_factory=dict)
    hardship: Hardship | None = None
    notes: list[Message] = Field(default_factory=list)
    options: Options | None = None
