"""Dates, money, numbers and plurals per locale (Babel)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

LOCALES = {"en": "en_US", "es": "es_US"}


def locale(lang: str) -> str:
    return LOCALES[lang]


def date(value: dt.date, lang: str) -> str:
    """ "November 3, 2026" / "3 de noviembre de 2026"."""
    return format_date(value, "long", locale=locale(lang))


def month(value: dt.date, lang: str) -> str:
    """ "June 2024" / "junio de 2024"."""
    return format_date(value, "MMMM y" if lang == "en" else "MMMM 'de' y", locale=locale(lang))


def money(value: Decimal, lang: str) -> str:
    """$1,234.50, and a shortfall with a true minus sign: −$465.40 (never $-465.40)."""
    with localcontext(prec=60):  # the default 28 digits made babel's rounding of a 30-digit figure raise
        text = str(format_currency(abs(value), "USD", locale=locale(lang)))
    return "\u2212" + text if value < 0 else text


def number(value: int | Decimal, lang: str) -> str:
    return str(format_decimal(value, locale=locale(lang)))


def cents(value: Decimal, lang: str) -> str:
    """A dollar amount without the currency sign, always with its cents: 37.50, 1,216.67 (a formula's terms)."""
    return str(format_decimal(value, format="#,##0.00", locale=locale(lang)))


def plural(count: int, forms: list[str], lang: str) -> str:
    """The form of a word for a count by the language's plural rule: ``forms`` is [one, other]."""
    category = Locale.parse(locale(lang)).plural_form(abs(count))
    return forms[0] if category == "one" and forms else forms[-1]


class Count(int):
    """An integer that formats as the number, or with ``{n:plural:day:days}`` as "1 day" / "5 days"."""

    lang: str = "en"

    def __new__(cls, value: int, lang: str) -> Count:
        made = super().__new__(cls, value)
        made.lang = lang
        return made

    def __format__(self, spec: str) -> str:
        if spec.startswith("plural:"):
            forms = spec.split(":")[1:]
            return f"{number(int(self), self.lang)} {plural(int(self), forms, self.lang)}"
        if spec.startswith("word:"):  # the word only, without the number
            return plural(int(self), spec.split(":")[1:], self.lang)
        return str(int(self)) if not spec else format(int(self), spec)  # counts and years: no grouping
