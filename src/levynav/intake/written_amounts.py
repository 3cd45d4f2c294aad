"""An amount of money typed by a person (a web form, ``--take-home-pay``), read exactly or refused — never guessed.

What is read: digits 0-9, an optional ``$`` before them (a space may follow it), commas only as thousands separators
(``1,250.50``: groups of three), an optional decimal point with the cents. What is refused, with the reason:

- ``not_amount``: anything else — other digits (``"1٠5"``: Python read the Arabic-Indic zero, which looks like a
  point, as 105), letters, an exponent, two points, a sign other than a leading minus, and a comma that does not
  separate thousands. ``"1,50"`` was read as 150 by dropping every comma; written as a decimal comma it means one
  dollar fifty: no reading is safe, so it is refused;
- ``cents``: more than two decimal places that are not zeros (``12.345`` was rounded to 12.34 without a word);
- ``negative``: below zero;
- ``too_large``: past ``MAX_AMOUNT``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from levynav.core.model import limits

Reason = Literal["not_amount", "cents", "negative", "too_large"]

_AMOUNT = re.compile(r"(?P<sign>-)?\$? ?(?P<sign2>-)?(?P<whole>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<fraction>\d*))?")
_MAX_CHARS = 40  # "$999,999,999,999.99" and room for trailing zeros; longer text is no amount a person types


class AmountTextError(ValueError):
    """The text is not an amount of money; ``reason`` says why (one of ``Reason``)."""

    def __init__(self, reason: Reason) -> None:
        self.reason: Reason = reason
        super().__init__(reason)


def written_amount(raw: str) -> Decimal:
    """The amount ``raw`` writes, in dollars with two decimal places; ``AmountTextError`` when it writes none."""
    text = raw.strip()
    if len(text) > _MAX_CHARS or not text.isascii():
        raise AmountTextError("not_amount")
    match = _AMOUNT.fullmatch(text)
    if match is None or (match["whole"] is None and not match["fraction"]) or (match["sign"] and match["sign2"]):
        raise AmountTextError("not_amount")
    value = Decimal((match["whole"] or "0").replace(",", "") + "." + (match["fraction"] or "0"))
    if match["sign"] or match["sign2"]:
        value = -value
    if value < 0 and not value.is_zero():
        raise AmountTextError("negative")
    if value > limits.MAX_AMOUNT:  # before the cents: a figure this long has more digits than a quantize holds
        raise AmountTextError("too_large")
    cents = value.quantize(Decimal("0.01"))
    if cents != value:
        raise AmountTextError("cents")
    return cents.copy_abs() if cents.is_zero() else cents
