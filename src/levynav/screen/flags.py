"""The language-free flags of one analysis: what a screening table shows for each case.

Every flag is read from the decision record's ids, outcomes, effects, typed dates and figures — never from a
sentence. A yes/no flag is three-valued: ``True`` when a finding applies, ``None`` (unknown) when a finding
that could decide it is unknown and none applies, ``False`` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from levynav.core.analyze import Decision
from levynav.core.calc.income import to_cents
from levynav.core.calc.option_terms import section_money
from levynav.core.law import deciding
from levynav.core.model.ability_to_pay import AbilityToPay, Eligibility
from levynav.core.model.analysis import Analysis, Deadline, Effect, Finding, Outcome

# The premature-levy, levy-bar and hardship rules (core/law/deciding.py): every applying or unknown finding of theirs
# decides, so a screen's decision (``deciding_only``) keeps them
PREMATURE_RULES = deciding.PREMATURE_RULES
BARRED_RULES = deciding.BARRED_RULES
HARDSHIP_RULES = deciding.HARDSHIP_RULES
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


# the flags that list the rule ids of the applying findings with one effect (every such effect decides: ADR 0017)
ID_FLAGS: tuple[tuple[str, Effect], ...] = (
    ("must_release", Effect.MUST_RELEASE),
    ("may_release", Effect.MAY_RELEASE),
    ("must_return", Effect.MUST_RETURN),
    ("may_return", Effect.MAY_RETURN),
    ("levy_improper", Effect.LEVY_IMPROPER),
    ("no_new_levy", Effect.NO_LEVY),
    ("routes_open", Effect.ROUTE_OPEN),
)

# enum members read per finding: a member read from its class goes through the enum metaclass (hoisted)
_APPLIES = Outcome.APPLIES
_UNKNOWN = Outcome.UNKNOWN
_ELIGIBLE = Eligibility.ELIGIBLE
_LEVY_IMPROPER = Effect.LEVY_IMPROPER
# the three-valued flags by rule id: (flag, the effect its findings must carry, None: any). An unknown finding that
# names no effect counts too (a rule's unknown answer rarely names one: "was this levy made before its notices?" is
# unknown, not "no"); an unknown one with another effect (a bar to a *new* levy: no levy) does not.
_THREE_VALUED: dict[str, tuple[str, Effect | None]] = {
    **{rule: ("premature_levy", _LEVY_IMPROPER) for rule in PREMATURE_RULES},
    **{rule: ("barred_levy", _LEVY_IMPROPER) for rule in BARRED_RULES},
    **{rule: ("hardship", None) for rule in HARDSHIP_RULES},
}


def flags(analysis: Analysis) -> Flags:
    """The flags of a full record (``analyze``)."""
    statutes = [s.date for s in analysis.collection_statute]
    return _flags(analysis.findings, analysis.deadlines, statutes, analysis.finances, analysis.as_of)


def decision_flags(decision: Decision) -> Flags:
    """The flags of a decision (``decide``: ``analyze`` without its plan); the same as ``flags`` of the record
    ``analyze`` builds from it, since that record holds these very findings, deadlines, dates and finances. A screen's
    decision (``deciding_only``, ADR 0017) has no finances section for a household's finances: its disposable income
    and options are read from the picture and the options weighed, rounded as the section rounds them."""
    finances = decision.finances
    ctx = decision.ctx
    if finances is None and ctx.picture is not None:
        weighed = ctx.options.options if ctx.options is not None else []
        options = [(o.option._value_, o.eligibility, section_money(o.monthly_payment)) for o in weighed]
        figures = (to_cents(ctx.picture.disposable), _cheapest(options))
        return _flags(decision.findings, decision.deadlines, decision.statute_dates, figures, decision.as_of)
    return _flags(decision.findings, decision.deadlines, decision.statute_dates, finances, decision.as_of)


def _flags(
    findings: list[Finding],
    deadlines: list[Deadline],
    statutes: list[date | None],
    finances: AbilityToPay | tuple[Decimal | None, tuple[str | None, Decimal | None]] | None,
    as_of: date,
) -> Flags:
    """The flags; ``finances`` the record's section, or (disposable income, cheapest option) read without it."""
    # the rule ids of the applying findings, by effect, and the three-valued flags' findings, in one pass (was one pass
    # for the effects and one more per three-valued flag)
    applying: dict[Effect | None, set[str]] = {}
    seen: dict[
        str, Outcome
    ] = {}  # a three-valued flag -> APPLIES if one of its findings applies, else UNKNOWN if one is
    for f in findings:
        outcome = f.outcome
        if outcome is _APPLIES:
            rules = applying.get(f.effect)
            if rules is None:
                rules = applying[f.effect] = set()
            rules.add(f.rule)
        elif outcome is not _UNKNOWN:
            continue
        flag = _THREE_VALUED.get(f.rule)
        if (
            flag is not None
            and (flag[1] is None or f.effect is flag[1] or (outcome is _UNKNOWN and f.effect is None))
            and seen.get(flag[0]) is not _APPLIES
        ):
            seen[flag[0]] = outcome
    # (day, days left, deadline), by the day each can still be met (``Deadline.open_until``): a date passed but still
    # open counts by its other reading's day (a postponed CDP day); one with no day to count gives none
    upcoming = [(day, (day - as_of).days, d) for d in deadlines if (day := d.open_until) is not None]
    upcoming.sort(key=lambda u: (u[0], u[2].id))
    nxt = upcoming[0] if upcoming else None
    returns = [u for u in upcoming if u[2].id == RETURN_DEADLINE]
    ret = returns[0] if returns else None
    if isinstance(finances, tuple):
        disposable, (option, monthly) = finances
    else:
        disposable = finances.disposable_income if finances is not None else None
        option, monthly = _cheapest_option(finances)
    return Flags(
        **{name: _ids(applying, effect) for name, effect in ID_FLAGS},
        premature_levy=_three_valued(seen, "premature_levy"),
        barred_levy=_three_valued(seen, "barred_levy"),
        csed_passed=_csed_passed(statutes, as_of),
        hardship=_three_valued(seen, "hardship"),
        next_deadline_id=nxt[2].id if nxt else None,
        next_deadline_date=nxt[0] if nxt else None,
        next_deadline_days_left=nxt[1] if nxt else None,
        return_deadline_date=ret[0] if ret else None,
        return_deadline_days_left=ret[1] if ret else None,
        disposable_income=disposable,
        cheapest_option=option,
        cheapest_option_monthly=monthly,
    )


def _ids(applying: dict[Effect | None, set[str]], effect: Effect) -> str | None:
    ids = applying.get(effect)
    return LIST_SEPARATOR.join(sorted(ids)) if ids else None


def _three_valued(seen: dict[str, Outcome], flag: str) -> bool | None:
    """True when a finding of the flag's rules (with its effect) applies, None (unknown) when none applies and one is
    unknown, False otherwise."""
    outcome = seen.get(flag)
    if outcome is _APPLIES:
        return True
    return None if outcome is _UNKNOWN else False


def _csed_passed(statutes: list[date | None], as_of: date) -> bool | None:
    """Any period's collection statute date is before the analysis date; unknown if a date is unknown."""
    if any(d is not None and d < as_of for d in statutes):
        return True
    if any(d is None for d in statutes):
        return None
    return False


def _cheapest_option(finances: AbilityToPay | None) -> tuple[str | None, Decimal | None]:
    """The eligible payment option with the lowest monthly payment (ties: the first listed)."""
    options = finances.options.options if finances is not None and finances.options is not None else []
    # ``.value`` without the enum property's descriptor call
    return _cheapest([(o.option._value_, o.eligibility, o.monthly_payment) for o in options])


def _cheapest(options: list[tuple[str, Eligibility, Decimal | None]]) -> tuple[str | None, Decimal | None]:
    """Of (option, eligibility, monthly payment to the cent), the eligible one with the lowest payment (ties: the
    first listed)."""
    best: tuple[str | None, Decimal | None] = (None, None)
    for option, eligibility, monthly in options:
        if eligibility is not _ELIGIBLE or monthly is None:
            continue
        if best[1] is None or monthly < best[1]:
            best = (option, monthly)
    return best
