"""Monthly income from the finances in a case (Form 433-A / 433-F arithmetic).

Pay received per period becomes a monthly figure with the IRS's own factors (Form 433-A (Rev. 7-2022)
Section 4; Form 433-F (Rev. 7-2024)): weekly × 4.3, biweekly × 2.17, semimonthly × 2. The exact
calendar figure (weekly × 52 ÷ 12, biweekly × 26 ÷ 12) is shown next to it. Income is counted before
tax (gross) where the gross is known, because current taxes are an allowable expense (CFS-5); where
only the take-home amount is known it is counted, and the line says so.

Amounts are exact ``Decimal``; they are rounded to cents only when shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Generic, TypeVar

from levynav.core import lawdata
from levynav.core.model import ability_to_pay as atp
from levynav.core.model.construct import builder, record
from levynav.core.model.finances import Finances, IncomeKind, IncomeSource, PayFrequency
from levynav.core.model.message import Message, message

ZERO = Decimal(0)
CENT = Decimal("0.01")
T = TypeVar("T")


class computed_once(Generic[T]):  # lower case: a decorator, like the functools one it replaces
    """``functools.cached_property`` without the lock Python 3.11 takes on every first read (that lock cost four
    times the sums it guarded: the finances' totals are computed once each, by one analysis on one thread). The
    value is kept in the instance's ``__dict__``, which then answers every later read, as with the functools one."""

    __slots__ = ("func", "name")

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__

    def __get__(self, obj: Any, owner: type | None = None) -> T:
        value = obj.__dict__[self.name] = self.func(obj)
        return value


def cents(amount: Decimal | None) -> str | None:
    """An amount as shown: rounded half-up to cents."""
    return None if amount is None else str(amount.quantize(CENT, rounding=ROUND_HALF_UP))


def to_cents(amount: Decimal | None) -> Decimal | None:
    """An amount as the record holds it: rounded half-up to cents (``cents`` is its text)."""
    return None if amount is None else amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _conversions() -> dict[str, Any]:
    data = lawdata.table("standards/income_conversion.yaml")
    assert isinstance(data, dict)
    return data


@dataclass(frozen=True)
class Conversion:
    frequency: PayFrequency
    factor: Decimal  # what the figures use
    exact: Decimal  # payments a year ÷ 12
    basis: Message  # the factor, by reference (``finances.conversion.*``)
    source: Message  # where it comes from (``finances.conversion_source.*``)
    status: str


def conversion(frequency: PayFrequency) -> Conversion:
    """The monthly conversion of a pay frequency (once per Law bundle and frequency: it is immutable)."""
    known: dict[PayFrequency, Conversion] = lawdata.kept("income.conversions")
    hit = known.get(frequency)
    if hit is None:
        hit = known[frequency] = _conversion(frequency)
    return hit


def _conversion(frequency: PayFrequency) -> Conversion:
    entry = _conversions()[frequency.value]
    exact = Decimal(entry["exact"]["numerator"]) / Decimal(entry["exact"]["denominator"])
    n = entry["exact"]["numerator"]
    if entry.get("factor") is not None:
        factor = Decimal(str(entry["factor"]))
        basis = message("finances.conversion.irs_factor", frequency=frequency, factor=str(factor))
        source = message("finances.conversion_source.irs_form")
    else:
        factor = exact
        basis = (
            message("finances.conversion.monthly")
            if n == 12
            else message("finances.conversion.exact", frequency=frequency, times=n)
        )
        source = message("finances.conversion_source.arithmetic")
    return Conversion(frequency, factor, exact, basis, source, str(entry["status"]))


def monthly(amount: Decimal, frequency: PayFrequency) -> Decimal:
    """``amount`` paid each ``frequency`` period, as a monthly amount (IRS form factors)."""
    return amount * conversion(frequency).factor


@dataclass(frozen=True, slots=True)  # slotted: made by a builder (``_make_line``), one per income source
class IncomeLine:
    index: int
    path: str
    kind: IncomeKind
    label: Message  # ``finances.income.*``
    frequency: PayFrequency | None
    conversion: Conversion | None
    gross_per_period: Decimal | None
    net_per_period: Decimal | None
    monthly_gross: Decimal | None
    monthly_net: Decimal | None
    counted: Decimal | None  # gross if known, else net
    counted_basis: str | None  # "gross" / "net"
    missing: tuple[str, ...]
    notes: tuple[Message, ...]

    def to_record(self) -> atp.IncomeLine:
        """The line as ``Analysis.finances.income.lines[i]`` holds it (amounts in cents, every field in order)."""
        conv = self.conversion
        exact = None
        if conv is not None and self.counted is not None and conv.factor != conv.exact:
            per_period = self.gross_per_period if self.counted_basis == "gross" else self.net_per_period
            exact = to_cents(per_period * conv.exact) if per_period is not None else None
        return record(
            atp.IncomeLine,
            {
                "path": self.path,
                "kind": self.kind,
                "label": self.label,
                "frequency": self.frequency,
                "conversion": conv.basis if conv else None,
                "conversion_source": conv.source if conv else None,
                "gross_per_period": to_cents(self.gross_per_period),
                "net_per_period": to_cents(self.net_per_period),
                "monthly_gross": to_cents(self.monthly_gross),
                "monthly_net": to_cents(self.monthly_net),
                "counted": to_cents(self.counted),
                "counted_basis": _BASIS[self.counted_basis] if self.counted_basis else None,
                "monthly_exact_calendar": exact,
                "missing": list(self.missing),
                "notes": list(self.notes),
            },
        )


_BASIS = {b.value: b for b in atp.CountedBasis}
_make_line = builder(IncomeLine)  # the frozen class's own __init__ stores its 14 fields one by one


@dataclass(frozen=True)
class Income:
    lines: tuple[IncomeLine, ...]
    missing: tuple[str, ...]

    @computed_once
    def complete(self) -> bool:
        return not self.missing

    @computed_once
    def total(self) -> Decimal | None:
        """Monthly income counted, or None when any part is unknown."""
        return self.floor if self.complete else None

    @computed_once
    def floor(self) -> Decimal:
        """What is known for sure: the sum of the lines that are known."""
        return sum((line.counted for line in self.lines if line.counted is not None), ZERO)

    @computed_once
    def gross_total(self) -> Decimal | None:
        if not self.complete or any(line.monthly_gross is None for line in self.lines):
            return None
        return sum((line.monthly_gross for line in self.lines if line.monthly_gross is not None), ZERO)

    @computed_once
    def net_total(self) -> Decimal | None:
        if not self.complete or any(line.monthly_net is None for line in self.lines):
            return None
        return sum((line.monthly_net for line in self.lines if line.monthly_net is not None), ZERO)

    def to_record(self) -> atp.Income:
        """``Analysis.finances.income``: the lines and the totals in cents."""
        return record(
            atp.Income,
            {
                "lines": [line.to_record() for line in self.lines],
                "total": to_cents(self.total),
                "known_at_least": to_cents(self.floor),
                "gross_total": to_cents(self.gross_total),
                "net_total": to_cents(self.net_total),
                "missing": list(self.missing),
            },
        )


EARNERS = ("taxpayer", "spouse")  # said in the reader's words; any other earner is a person's name


def label(src: IncomeSource) -> Message:
    """An income line's name: its kind, what the case calls it, and whose it is."""
    kind = message(f"finances.income_kind.{src.kind.value}")
    earner: str | Message | None = src.earner
    if src.earner and src.earner.lower() in EARNERS:
        earner = message(f"finances.earner.{src.earner.lower()}")
    variant = "line" + ("_what" if src.description else "") + ("_earner" if src.earner else "")
    return message(f"finances.income.{variant}", kind=kind, what=src.description, earner=earner)


def _line(i: int, src: IncomeSource) -> IncomeLine:
    path = f"finances.income[{i}]"
    missing: list[str] = []
    notes: list[Message] = []
    frequency = src.frequency
    if frequency is None and src.kind is not IncomeKind.WAGES:
        frequency = PayFrequency.MONTHLY
        notes.append(message("finances.income_note.taken_as_monthly"))
    if frequency is None:
        missing.append(f"{path}.frequency")
    if src.gross is None and src.net is None:
        missing.append(f"{path}.gross")
    conv = conversion(frequency) if frequency is not None else None
    m_gross = src.gross * conv.factor if conv is not None and src.gross is not None else None
    m_net = src.net * conv.factor if conv is not None and src.net is not None else None
    counted, basis = (m_gross, "gross") if src.gross is not None else (m_net, "net")
    if src.gross is None and src.net is not None:
        notes.append(message("finances.income_note.net_only"))
    return _make_line(
        index=i,
        path=path,
        kind=src.kind,
        label=label(src),
        frequency=frequency,
        conversion=conv,
        gross_per_period=src.gross,
        net_per_period=src.net,
        monthly_gross=m_gross,
        monthly_net=m_net,
        counted=counted if not missing else None,
        counted_basis=basis if not missing else None,
        missing=tuple(missing),
        notes=tuple(notes),
    )


def monthly_income(finances: Finances) -> Income:
    """Every income source as a monthly line; unknown parts are listed in ``missing``."""
    if finances.income is None:
        return Income((), ("finances.income",))
    lines = tuple(_line(i, src) for i, src in enumerate(finances.income))
    return Income(lines, tuple(p for line in lines for p in line.missing))
