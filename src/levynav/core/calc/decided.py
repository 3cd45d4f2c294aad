"""Facts the calculations decide for the rules: the CSED of a period, and a fact decided from the numbers
(economic hardship from the finances). The calculations return these records; ``derive`` puts them in the
rules' context. They sit in calc/, below the rules, so no calculation imports a rule module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from levynav.core.model.analysis import Message, Outcome, ParamUse


@dataclass(frozen=True, slots=True)  # slotted: made by a builder, for every period (derive.py)
class CsedValue:
    """The collection statute expiration date of one tax period, and where it comes from."""

    period_id: str
    date: dt.date | None
    basis: str  # "stated" (a fact of the case) or "computed" (from assessments and suspensions)
    explanation: tuple[Message, ...]  # the timeline, clause by clause (``statute.*``)
    alternative: dt.date | None = None  # the date under the other counting convention, when it differs


@dataclass(frozen=True)
class Decided:
    """A fact decided by a calculation (e.g. economic hardship from the finances) instead of stated."""

    outcome: Outcome  # APPLIES means the fact is true
    explanation: Message  # ``finances.hardship.*``
    figures: dict[str, Any] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    parameters: tuple[ParamUse, ...] = ()


def humanize(value: Any) -> str:
    if isinstance(value, date):
        return f"{value.strftime('%B')} {value.day}, {value.year}"
    if isinstance(value, Decimal):
        return f"\u2212${-value:,.2f}" if value < 0 else f"${value:,.2f}"  # −$465.40, never $-465.40
    return str(value)
