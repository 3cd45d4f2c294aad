"""The Rule record and the context every rule reads.

A rule is a plain function ``(case, ctx) -> list[Finding]`` (one finding per subject: the case, or
each levy). Next to it stands a ``Rule`` constant with its id, title and citation ids; the function
builds its findings with ``RULE.finding(...)``, so the citations travel with every answer. Wording
lives in ``data/messages/en/*.yaml`` keyed by rule id and a message key, never in the code.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from levynav import datafiles
from levynav.law import registry
from levynav.model.analysis import Deadline, Effect, FactUse, Finding, Outcome, ParamUse
from levynav.model.case import Case


@dataclass(frozen=True)
class CsedValue:
    """The collection statute expiration date of one tax period, and where it comes from."""

    period_id: str
    date: dt.date | None
    basis: str  # "stated" (a fact of the case) or "computed" (from assessments and suspensions)
    explanation: str
    alternative: dt.date | None = None  # the date under the other counting convention, when it differs


@dataclass(frozen=True)
class Decided:
    """A fact decided by a calculation (e.g. economic hardship from the finances) instead of stated."""

    outcome: Outcome  # APPLIES means the fact is true
    explanation: str
    figures: dict[str, Any] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    parameters: tuple[ParamUse, ...] = ()


@dataclass(frozen=True)
class Context:
    """What a rule may read besides the case: the as-of date and facts derived by calculations."""

    as_of: date
    csed: dict[str, CsedValue] = field(default_factory=dict)
    hardship: Decided | None = None
    finances: dict[str, Any] | None = None


RuleFunc = Callable[[Case, Context], list[Finding]]
DeadlineFunc = Callable[[Case, Context], list[Deadline]]


@functools.cache
def messages() -> dict[str, Any]:
    return datafiles.merged_mapping("messages/en")


def humanize(value: Any) -> str:
    if isinstance(value, date):
        return f"{value.strftime('%B')} {value.day}, {value.year}"
    if isinstance(value, Decimal):
        return f"\u2212${-value:,.2f}" if value < 0 else f"${value:,.2f}"  # −$465.40, never $-465.40
    return str(value)


def render(rule_id: str, key: str, variables: dict[str, Any]) -> str:
    try:
        template = messages()[rule_id][key]
    except KeyError:
        raise KeyError(f"no message {rule_id}.{key} in data/messages/en") from None
    return str(template).strip().format(**{k: humanize(v) for k, v in variables.items()})


def _facts(facts: dict[str, Any] | None) -> list[FactUse]:
    out = []
    for path, value in (facts or {}).items():
        shown = value.isoformat() if isinstance(value, date) else value
        if isinstance(shown, Decimal):
            shown = str(shown)
        if hasattr(shown, "value") and not isinstance(shown, str | int):
            shown = shown.value  # enums
        out.append(FactUse(path=path, value=shown))
    return out


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    cites: tuple[str, ...]
    effect: Effect | None = None  # the effect when the rule applies
    # The effect holds only once the IRS determines the ground (e.g. § 6343(a)(1)(B), (D)): every applying
    # finding carries condition "irs_determination", so headlines and the summary say "if the IRS agrees".
    on_determination: bool = False

    def finding(
        self,
        outcome: Outcome,
        key: str,
        *,
        effect: Effect | None = None,
        subject: str | None = None,
        facts: dict[str, Any] | None = None,
        params: Iterable[ParamUse] = (),
        missing: Iterable[str] = (),
        value: Any = None,
        deadline_ids: Iterable[str] = (),
        **variables: Any,
    ) -> Finding:
        citations = registry.cites(self.cites)
        unverified = [c.id for c in citations if c.status == "U"]
        params = list(params)
        unverified += [f"parameter {p.id}" for p in params if p.status not in {"V", "S"}]
        if effect is None and outcome is Outcome.APPLIES:
            effect = self.effect
        return Finding(
            rule=self.id,
            title=self.title,
            outcome=outcome,
            effect=effect,
            subject=subject,
            explanation=render(self.id, key, variables),
            citations=citations,
            facts=_facts(facts),
            parameters=params,
            missing=list(missing),
            value=value,
            deadline_ids=list(deadline_ids),
            message_key=key,
            message_args={k: humanize(v) for k, v in variables.items()},
            condition=(
                "irs_determination"
                if self.on_determination and outcome is Outcome.APPLIES and effect is Effect.MUST_RELEASE
                else None
            ),
            status_note=(
                "Rests in part on a source not verified against primary law: " + ", ".join(unverified)
                if unverified
                else None
            ),
        )
