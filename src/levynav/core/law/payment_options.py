"""Payment options as rules: installment agreements (IA-…), currently not collectible (CNC-1) and the offer in
compromise (OIC-1), one rule id per option.

The arithmetic (who qualifies, the monthly payment, the offer's reasonable collection potential) stays in
``calc/alternatives.py`` and its ``alt_*`` helpers, below the rules; the analysis runs it once
(``derive.build_context``) and each rule here reads its option from ``ctx.options`` and answers with a
finding: ``applies`` (eligible on the facts), ``does_not_apply``, ``not_applicable`` (not for this kind of
taxpayer) or ``unknown`` with the case paths that would decide it — so the questions, the catalog and the
scenario runner see the options like every other rule.

- IA-2: the guaranteed installment agreement, 26 U.S.C. § 6159(c).
- IA-3: the simple (streamlined) payment plan (irs.gov; IRM 5.14.5).
- IA-6: the non-streamlined installment agreement, decided on a financial statement (IRM 5.14.1.4).
- IA-5: the in-business trust fund express agreement (IRM 5.14.7.4).
- IA-7: the short-term payment plan (up to 180 days).
- CNC-1: currently not collectible (IRM 5.16.1).
- OIC-1: the offer in compromise, doubt as to collectibility (§ 7122; Form 656).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from levynav.core.calc.option_terms import Eligibility, Option, OptionResult
from levynav.core.law.rule import APPLIES, UNKNOWN, Context, DeadlineFunc, Rule, RuleFunc
from levynav.core.model.analysis import Effect, Finding, Outcome, SentencesArg
from levynav.core.model.case import Case
from levynav.core.model.construct import construct

GUARANTEED = Rule(id="IA-2", title="Guaranteed installment agreement", cites=("IA-2",), effect=Effect.ROUTE_OPEN)
SIMPLE_PLAN = Rule(id="IA-3", title="Simple payment plan", cites=("IA-3", "IA-4", "IA-14"), effect=Effect.ROUTE_OPEN)
NON_STREAMLINED = Rule(
    id="IA-6",
    title="Installment agreement decided on a financial statement",
    cites=("IA-6", "IA-1", "IA-16"),
    effect=Effect.ROUTE_OPEN,
)
TRUST_FUND_EXPRESS = Rule(
    id="IA-5", title="In-business trust fund express agreement", cites=("IA-5",), effect=Effect.ROUTE_OPEN
)
SHORT_TERM = Rule(id="IA-7", title="Short-term payment plan", cites=("IA-7",), effect=Effect.ROUTE_OPEN)
NOT_COLLECTIBLE = Rule(
    id="CNC-1", title="Currently not collectible", cites=("CNC-1", "CNC-2", "CNC-3"), effect=Effect.ROUTE_OPEN
)
OFFER = Rule(
    id="OIC-1",
    title="Offer in compromise (doubt as to collectibility)",
    cites=("OIC-1", "OIC-2", "OIC-3", "OIC-4", "OIC-5", "OIC-6", "OIC-12"),
    effect=Effect.ROUTE_OPEN,
)

RULE_OF: dict[Option, Rule] = {
    Option.GUARANTEED_IA: GUARANTEED,
    Option.SIMPLE_PAYMENT_PLAN: SIMPLE_PLAN,
    Option.NON_STREAMLINED_IA: NON_STREAMLINED,
    Option.IN_BUSINESS_TRUST_FUND: TRUST_FUND_EXPRESS,
    Option.SHORT_TERM_PLAN: SHORT_TERM,
    Option.CURRENTLY_NOT_COLLECTIBLE: NOT_COLLECTIBLE,
    Option.OFFER_IN_COMPROMISE: OFFER,
}
OUTCOME_OF = {
    Eligibility.ELIGIBLE: Outcome.APPLIES,
    Eligibility.NOT_ELIGIBLE: Outcome.DOES_NOT_APPLY,
    Eligibility.NOT_APPLICABLE: Outcome.NOT_APPLICABLE,
    Eligibility.UNKNOWN: Outcome.UNKNOWN,
}
SUBJECT = "finances.options"


def _finding(option: OptionResult) -> Finding:
    rule = RULE_OF[option.option]
    outcome = OUTCOME_OF[option.eligibility]
    # "law_unknown": a figure of the law has no value on the date, so no fact would decide it
    key = "law_unknown" if outcome is UNKNOWN and option.missing_values and not option.missing else outcome.value
    words: dict[str, Any] = {"reasons": construct(SentencesArg, value=option.why)}
    if option.monthly_payment is not None:
        words["payment"] = option.monthly_payment
        key += "_payment" if key in {"applies", "unknown"} else ""
    return rule.finding(
        outcome,
        key,
        effect=rule.effect if outcome in {APPLIES, UNKNOWN} else None,
        subject=SUBJECT,
        params=option.params,
        missing=option.missing,
        value=option.monthly_payment if isinstance(option.monthly_payment, Decimal) else None,
        **words,
    )


def payment_options(case: Case, ctx: Context) -> list[Finding]:
    """One finding per payment option the analysis weighed (none when the finances did not allow it)."""
    if ctx.options is None:
        return []
    return [_finding(o) for o in ctx.options.options if o.option in RULE_OF]


RULE_RECORDS: tuple[Rule, ...] = tuple(RULE_OF.values())
RULES: list[RuleFunc] = [payment_options]
DEADLINES: list[DeadlineFunc] = []
