"""The words of a Publication 1494 exempt amount (``core.calc.wage_exemption.WageExemption``): its notes, the
formula with the name of each yearly amount, and the labels of the inputs and their status, in a language."""

from __future__ import annotations

from decimal import Decimal

from levynav.core.calc.wage_exemption import InputValue, WageExemption
from levynav.explain import catalog, format
from levynav.explain.render import label, say, text


def notes(result: WageExemption, lang: str) -> list[str]:
    return [text(n, lang) for n in result.notes]


def input_name(value: InputValue, lang: str) -> str:
    return label("Pub1494Input", value.name.value, lang)


def input_status(value: InputValue, lang: str) -> str:
    return label("InputStatus", value.status.value, lang)


def formula(result: WageExemption, lang: str) -> str:
    """The arithmetic with the name and yearly amount of each part:
    "280.77 (standard deduction 14,600 / 52) + 3 x 96.15 (dependent amount 5,000 / 52) = 569.22"."""

    def num(value: Decimal | None) -> str:  # a yearly amount as the table gives it: 14,600
        return format.number(value, lang) if value is not None else ""

    def cents(value: Decimal) -> str:  # an amount per pay period: 37.50
        return format.cents(value, lang)

    n = str(result.periods_per_year)
    parts = [
        say(
            catalog.template("wage.formula.base", lang),
            lang,
            base=cents(result.base_per_period),
            deduction=num(result.standard_deduction.value),
            n=n,
        )
    ]
    if result.dependents and result.dependent_amount is not None:
        parts.append(
            say(
                catalog.template("wage.formula.dependents", lang),
                lang,
                count=str(result.dependents),
                per=cents(result.per_dependent_per_period),
                amount=num(result.dependent_amount.value),
                n=n,
            )
        )
    if result.additional_conditions and result.additional_per_condition is not None:
        parts.append(
            say(
                catalog.template("wage.formula.additional", lang),
                lang,
                total=cents(result.additional_per_period),
                count=str(result.additional_conditions),
                amount=num(result.additional_per_condition.value),
                n=n,
            )
        )
    parts.append(say(catalog.template("wage.formula.total", lang), lang, total=cents(result.exempt_amount)))
    return " ".join(parts)
