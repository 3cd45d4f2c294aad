"""The language-free flags of one analysis: what a screening table shows for each case.

Every flag is read from the decision record's ids, outcomes, effects, typed dates and figures — never from a
sentence. A yes/no flag is three-valued: ``True`` when a finding applies, ``None`` (unknown) when a finding
that could decide it is unknown and none applies, ``False`` otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from levynav.core.model.ability_to_pay import AbilityToPay, Eligibility
from levynav.core.model.analysis import Analysis, Effect, Finding, Outcome

# The levy was made before the notices and waiting periods the law requires (§ 6330(a), § 6331(d)).
PREMATURE_RULES = frozenset({"R6330-A1"})
# The levy was made while the law barred levy: offer or agreement pending, hearing pending, bankruptcy stay,
# the Tax Court period on a notice of deficiency (§ 6213(a)).
BARRED_RULES = frozenset({"R6331-K1", "R6331-K2", "R6330-E1", "RBK-362", "R6331-I1", "R6015-E1", "R6213-A1"})
# Economic hardship: the levy must be released (§ 6343(a)(1)(D)).
HARDSHIP_RULES = frozenset({"R6343-A4"})
RETURN_DEADLINE = "return.request"
LIST_SEPARATOR = ";"

# The flag columns, in output order, with their kind (for the table schema and the summary).
FLAG_COLUMNS: tuple[tuple[str, str], ...] = (
    ("must_release", "ids"),
    ("may_release", "ids"),
    ("must_return", "ids"),
    ("may_return", "ids"),
    ("levy_improper", "ids"),
    ("no_new_levy", "ids"),
    ("routes_open", "ids"),
    ("premature_levy", "bool"),
    ("barred_levy", "bool"),
    ("csed_passed", "bool"),
    ("hardship", "bool"),
    ("next_deadline_id", "text"),
    ("next_deadline_date", "date"),
    ("next_deadline_days_left", "int"),
    ("return_deadline_date", "date"),
    ("return_deadline_days_left", "int"),
    ("disposable_income", "money"),
    ("cheapest_option", "text"),
    ("cheapest_option_monthly", "money"),
)


@dataclass(frozen=True)
class Flags:
    must_release: str | None
    may_release: str | None
    must_return: str | None
    may_return: str | None
    levy_improper: str | None
    no_new_levy: str | None
    routes_open: str | None
    premature_levy: bool | None
    barred_levy: bool | None
    csed_passed: bool | None
    hardship: bool | None
    next_deadline_id: str | None
    next_deadline_date: date | None
    next_deadline_days_left: int | None
    return_deadline_date: date | None
    return_deadline_days_left: int | None
    disposable_income: Decimal | None
    cheapest_option: str | None
    cheapest_option_monthly: Decimal | None

    def as_row(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name, _ in FLAG_COLUMNS}


def flags(analysis: Analysis) -> Flags:
    applies = [f for f in analysis.findings if f.outcome is Outcome.APPLIES]
    upcoming = [d for d in analysis.deadlines if not d.passed]
    upcoming.sort(key=lambda d: (d.date, d.id))
    nxt = upcoming[0] if upcoming else None
    returns = [d for d in upcoming if d.id == RETURN_DEADLINE]
    ret = returns[0] if returns else None
    option, monthly = _cheapest_option(analysis.finances)
    return Flags(
        must_release=_ids(applies, Effect.MUST_RELEASE),
        may_release=_ids(applies, Effect.MAY_RELEASE),
        must_return=_ids(applies, Effect.MUST_RETURN),
        may_return=_ids(applies, Effect.MAY_RETURN),
        levy_improper=_ids(applies, Effect.LEVY_IMPROPER),
        no_new_levy=_ids(applies, Effect.NO_LEVY),
        routes_open=_ids(applies, Effect.ROUTE_OPEN),
        premature_levy=_three_valued(analysis.findings, PREMATURE_RULES, Effect.LEVY_IMPROPER),
        barred_levy=_three_valued(analysis.findings, BARRED_RULES, Effect.LEVY_IMPROPER),
        csed_passed=_csed_passed(analysis),
        hardship=_three_valued(analysis.findings, HARDSHIP_RULES, None),
        next_deadline_id=nxt.id if nxt else None,
        next_deadline_date=nxt.date if nxt else None,
        next_deadline_days_left=nxt.days_left if nxt else None,
        return_deadline_date=ret.date if ret else None,
        return_deadline_days_left=ret.days_left if ret else None,
        disposable_income=analysis.finances.disposable_income if analysis.finances is not None else None,
        cheapest_option=option,
        cheapest_option_monthly=monthly,
    )


def _ids(findings: Iterable[Finding], effect: Effect) -> str | None:
    ids = sorted({f.rule for f in findings if f.effect is effect})
    return LIST_SEPARATOR.join(ids) if ids else None


def _three_valued(findings: list[Finding], rules: frozenset[str], effect: Effect | None) -> bool | None:
    relevant = [f for f in findings if f.rule in rules and (effect is None or f.effect is effect)]
    if any(f.outcome is Outcome.APPLIES for f in relevant):
        return True
    if any(f.outcome is Outcome.UNKNOWN for f in relevant):
        return None
    return False


def _csed_passed(analysis: Analysis) -> bool | None:
    """Any period's collection statute date is before the analysis date; unknown if a date is unknown."""
    statutes = analysis.collection_statute
    if any(s.date is not None and s.date < analysis.as_of for s in statutes):
        return True
    if any(s.date is None for s in statutes):
        return None
    return False


def _cheapest_option(finances: AbilityToPay | None) -> tuple[str | None, Decimal | None]:
    """The eligible payment option with the lowest monthly payment (ties: the first listed)."""
    options = finances.options.options if finances is not None and finances.options is not None else []
    best: tuple[str | None, Decimal | None] = (None, None)
    for option in options:
        if option.eligibility is not Eligibility.ELIGIBLE:
            continue
        monthly = option.monthly_payment
        if monthly is None:
            continue
        if best[1] is None or monthly < best[1]:
            best = (option.option.value, monthly)
    return best
