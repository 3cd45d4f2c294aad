"""Money in the facts: Decimal dollars, never negative, at most two decimal places, kept as cents."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field

from levynav.core.model.limits import MAX_AMOUNT

CENT = Decimal("0.01")


def to_cents(amount: Decimal) -> Decimal:
    """Dollars and cents as written: 21400 and 21400.0 both become 21400.00 (no rounding: at most 2 places).
    A zero written "-0" is 0.00 (a Decimal keeps its sign: it was "-0.00" in the record and on the page)."""
    cents = amount.quantize(CENT)
    return cents.copy_abs() if cents.is_zero() else cents


Money = Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT, max_digits=14, decimal_places=2), AfterValidator(to_cents)]
