"""Shared records of the collection-alternatives calculation (calc/alternatives.py)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from levynav.core import lawdata, params
from levynav.core.calc.income import computed_once
from levynav.core.model.ability_to_pay import Eligibility as Eligibility
from levynav.core.model.ability_to_pay import Fee, FeeMethod
from levynav.core.model.ability_to_pay import LevyEffect as LevyEffect
from levynav.core.model.ability_to_pay import Option as Option
from levynav.core.model.analysis import Message, ParamUse, message
from levynav.core.model.construct import record

T = TypeVar("T")

CENT = Decimal("0.01")
DOLLAR = Decimal("1")
ZERO = Decimal("0")


@dataclass(frozen=True)
class IrsFigures:
    """Figures the IRS itself has determined for this taxpayer (its financial analysis), kept apart from the
    taxpayer's own: the options are decided with the IRS's figure where it gave one, and both are shown."""

    source: str = ""  # where the IRS stated them (letter, Appeals' worksheet, revenue officer's analysis)
    determined_date: date | None = None
    monthly_income: Decimal | None = None
    allowable_expenses: Decimal | None = None
    monthly_disposable_income: Decimal | None = None  # stated, or income minus expenses; may be below 0
    net_realizable_equity: Decimal | None = None
    future_income_months: int | None = None  # the RCP multiplier the IRS used (e.g. 12 or 24)
    quick_sale_pct: Decimal | None = None  # e.g. 80 (percent of market value)
    reasonable_collection_potential: Decimal | None = None


@dataclass(frozen=True)
class FeeLine:
    """One user-fee line: how you apply and pay, the standard fee and the low-income fee (None = missing)."""

    method: FeeMethod
    amount: Decimal | None
    low_income_amount: Decimal | None
    notes: list[Message]  # ``finances.fee.*``: a missing value, the low-income waiver or reimbursement
    params: tuple[ParamUse, ...] = ()

    @property
    def missing(self) -> bool:
        return self.amount is None

    # made once per line: the installment agreements' lines are shared by every analysis in one period of the
    # bundle (``ia_fees``), and a line is not changed once made, so neither is its record
    @computed_once
    def as_record(self) -> Fee:
        """The line as ``Analysis.finances.options.options[i].fees[j]`` holds it (amounts to the cent)."""
        return record(
            Fee,
            {
                "method": self.method,
                "amount": section_money(self.amount),
                "low_income_amount": section_money(self.low_income_amount),
                "notes": list(self.notes),
            },
        )


@dataclass
class OptionResult:
    """One collection alternative, side by side with the others."""

    option: Option
    eligibility: Eligibility
    why: list[Message] = field(default_factory=list)  # the reasons as message references (``reason.*``), in order
    missing: list[str] = field(default_factory=list)
    monthly_payment: Decimal | None = None  # the smallest monthly payment the option asks for
    months_to_pay: int | None = None
    pay_by: date | None = None
    fees: list[FeeLine] = field(default_factory=list)
    levy_effect: LevyEffect = LevyEffect.NO_RELEASE_REQUIRED
    levy_note: Message | None = None  # ``finances.levy_note.*``
    figures: dict[str, Decimal | int | bool | str | None] = field(default_factory=dict)
    params: list[ParamUse] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)  # ``finances.option_note.*``
    missing_values: list[str] = field(default_factory=list)  # parameters with no value on the date (not facts)
    table: list[dict[str, object]] = field(default_factory=list)  # row by row detail (the offer's equity lines)
    # set on an option that does not apply to the taxpayer's kind: its record is then the same on every case, made
    # once per Law bundle and kept under this name (options.options_section)
    same: str | None = None


class Params:
    """Parameter look-ups on one date; remembers every value used so the result can list them.

    The values are the same on every date of one *period* of the Law bundle: between two consecutive dates on
    which any parameter takes a new value. A value looked up (and the fee lines worked out) on one date of a
    period is kept on the bundle for the others (``_period``): the bundle is immutable and has finitely many
    periods, so nothing kept depends on a case."""

    def __init__(self, on: date) -> None:
        self.on = on
        self.used: dict[str, ParamUse] = {}
        # the installment-agreement fee lines, worked out once per low-income answer (``ia_fees``): every
        # long-term agreement has the same fees on the same date
        self.fee_lines: dict[bool | None, list[FeeLine]] = {}
        self.period, self.known = _period(on)

    def use(self, pid: str) -> ParamUse:
        hit = self.used.get(pid)
        if hit is None:
            key = (pid, self.period)
            hit = self.known.get(key)
            if hit is None:
                hit = self.known[key] = params.use(pid, self.on)
            self.used[pid] = hit
        return hit

    def kept(self, key: Any) -> Any:
        """What was kept under ``key`` on a date of this period (``keep``), or None."""
        return self.known.get((key, self.period))

    def keep(self, key: Any, value: T) -> T:
        """Keep ``value``, made from this period's figures only, for every date of the period (``kept``)."""
        self.known[(key, self.period)] = value
        return value

    def amount(self, pid: str) -> Decimal | None:
        value = self.use(pid).value
        if value is None:
            return None
        if not isinstance(value, (int, Decimal)):
            raise TypeError(f"parameter {pid} is not a number")
        return Decimal(value)

    def count(self, pid: str) -> int:
        value = self.use(pid).value
        if not isinstance(value, int):
            raise params.MissingParameter(pid, self.on, "has no whole-number value in force")
        return value

    def rate(self, pid: str) -> Decimal:
        value = self.amount(pid)
        if value is None:
            raise params.MissingParameter(pid, self.on)
        return value / 100


def _period(on: date) -> tuple[int, dict[Any, Any]]:
    """The bundle's period ``on`` falls in (the number of dates, up to ``on``, on which some parameter takes a new
    value) and the bundle's look-ups kept by period (``Params``)."""
    starts: list[date] = lawdata.derived("option_terms.value_dates", _value_dates)
    return bisect.bisect_right(starts, on), lawdata.kept("option_terms.by_period")


def _value_dates(law: lawdata.Law) -> list[date]:
    return sorted({v.start for p in law.parameters.values() for v in p.values})


def section_money(value: Decimal | None) -> Decimal | None:
    """An amount as the options section shows it: to the cent (half to even, as ``format(value, ".2f")``)."""
    return None if value is None else value.quantize(CENT, rounding=ROUND_HALF_EVEN)


def money(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def payment_to_clear(balance: Decimal, months: int) -> Decimal:
    """The monthly payment that pays ``balance`` in ``months``, rounded up to the cent so the debt is cleared."""
    return (balance / months).quantize(CENT, rounding=ROUND_CEILING)


def whole_dollars(amount: Decimal) -> Decimal:
    """Form 433-A (OIC): "Round to the nearest whole dollar."""
    return amount.quantize(DOLLAR, rounding=ROUND_HALF_UP)


def combine(checks: list[bool | None]) -> Eligibility:
    """Any failed condition -> not eligible; else any unknown -> unknown; else eligible."""
    # ``in`` tests by equality, which for True/False/None is identity (no generator for the two tests)
    if False in checks:
        return Eligibility.NOT_ELIGIBLE
    if None in checks:
        return Eligibility.UNKNOWN
    return Eligibility.ELIGIBLE


def ia_fees(p: Params, low_income: bool | None) -> list[FeeLine]:
    """User fees of a long-term installment agreement (IA-8, IA-9); a missing amount stays missing. The same
    lines for every agreement weighed on ``p``'s date: made the first time (when their figures are first used,
    so ``p.used`` keeps its order) and shared after (a ``FeeLine`` is not changed once made)."""
    made = p.fee_lines.get(low_income)
    if made is None:
        key = ("ia_fees", low_income, p.period)
        kept = p.known.get(key)
        if kept is None:
            made = p.known[key] = _ia_fees(p, low_income)
        else:  # the same lines as on another date of the period: their figures are used here too, in that order
            made = kept
            for line in made:
                for use in line.params:
                    p.use(use.id)
        p.fee_lines[low_income] = made
    return list(made)


def _ia_fees(p: Params, low_income: bool | None) -> list[FeeLine]:
    lines = []
    for method, pid, low_pid, low_note in (
        (
            FeeMethod.ONLINE_DIRECT_DEBIT,
            "alt.ia_fee.online_direct_debit",
            "alt.ia_fee.low_income_direct_debit",
            "waived",
        ),
        (FeeMethod.ONLINE_OTHER, "alt.ia_fee.online_other", "alt.ia_fee.low_income_other", "reimbursed"),
        (FeeMethod.OTHER_DIRECT_DEBIT, "alt.ia_fee.other_direct_debit", "alt.ia_fee.low_income_direct_debit", "waived"),
        (FeeMethod.OTHER_OTHER, "alt.ia_fee.other_non_direct_debit", "alt.ia_fee.low_income_other", "reimbursed"),
    ):
        amount, low = p.amount(pid), p.amount(low_pid)
        notes = [message("finances.fee.value_missing")] if amount is None else []
        if low_income:
            notes.append(message(f"finances.fee.low_income_{low_note}", amount=low))
        lines.append(FeeLine(method, amount, low, notes, (p.use(pid), p.use(low_pid))))
    return lines


def ia_levy(result: OptionResult) -> None:
    result.levy_effect = LevyEffect.MUST_RELEASE_UNLESS_AGREEMENT_SAYS_OTHERWISE
    result.levy_note = message("finances.levy_note.installment_agreement")
    result.citations += ["IA-10", "IA-11", "IA-12"]
