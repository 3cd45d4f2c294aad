"""Mandatory release of a levy: 26 U.S.C. § 6343(a), (e), § 6331(e) and Treas. Reg. § 301.6343-1.

This module holds R6343-A1 (the worked example), R6343-A7 and ``RULES`` for the whole topic; the other
rules live in ``release_grounds`` (A2, A3, A5, A6, E1), ``release_hardship`` (A4, V1, A8) and
``release_info`` (A9, R6331-E1).

"The Secretary shall release the levy upon all, or part of, the property or rights to property levied
upon and shall promptly notify the person upon whom such levy was made (if any) that such levy has
been released if — (A) the liability for which such levy was made is satisfied or becomes
unenforceable by reason of lapse of time, …" — § 6343(a)(1).
"""

from __future__ import annotations

from datetime import date

from levynav.core.law.levies_in_force import active_levies, released_finding
from levynav.core.law.levy_facts import levy_periods, levy_subject
from levynav.core.law.levy_reach import fixed_right
from levynav.core.law.release_grounds import (
    ESSENTIAL_BUSINESS_PROPERTY,
    FACILITATES_COLLECTION,
    INSTALLMENT_AGREEMENT,
    VALUE_EXCEEDS_LIABILITY,
    WAGE_LEVY_NOT_COLLECTIBLE,
    essential_business_property,
    facilitates_collection,
    installment_agreement_entered,
    value_exceeds_liability,
    wage_levy_not_collectible,
)
from levynav.core.law.release_hardship import (
    ECONOMIC_HARDSHIP,
    HARDSHIP_MEASURE,
    UNFILED_RETURNS_NO_BAR,
    economic_hardship,
    hardship_measure,
    unfiled_returns_no_bar,
)
from levynav.core.law.release_info import (
    CONTINUOUS_WAGE_LEVY,
    REQUESTING_RELEASE,
    continuous_wage_levy,
    requesting_release,
)
from levynav.core.law.rule import Context, DeadlineFunc, Rule, RuleFunc, once
from levynav.core.model.analysis import Effect, Finding, LabelArg, Message, Outcome, message
from levynav.core.model.case import Case, Levy, LevyKind
from levynav.core.model.construct import construct

PAID_OR_EXPIRED = Rule(
    id="R6343-A1",
    title="The debt is paid or the collection statute has run out",
    cites=("R6343-A1", "R6502-A1", "R6343-A1-FD"),
    effect=Effect.MUST_RELEASE,
)


@once
def paid_or_statute_expired(case: Case, ctx: Context) -> list[Finding]:
    """§ 6343(a)(1)(A): release when the liability is satisfied or unenforceable by lapse of time.

    The CSED is read from the context (stated in the case, or computed from the transcript). A levy
    served before the CSED but still attached after it must be released too: the liability "becomes
    unenforceable" (reference R6343-A1, edge cases).
    """
    return [_paid_or_expired(case, ctx, i, levy) for i, levy in enumerate(case.levies)]


def _paid_or_expired(case: Case, ctx: Context, i: int, levy: Levy) -> Finding:
    subject = levy_subject(i)
    rule = PAID_OR_EXPIRED
    done = released_finding(rule, i, levy, ctx)
    if done is not None:
        return done
    if case.circumstances.liability_paid:
        return rule.finding(Outcome.APPLIES, "paid", subject=subject, facts={"circumstances.liability_paid": True})
    periods, period_paths = levy_periods(case, levy)
    if not periods:
        needed = ["tax_periods"] + ([] if levy.tax_periods else [f"{subject}.tax_periods"])
        return rule.finding(Outcome.UNKNOWN, "no_periods", effect=rule.effect, subject=subject, missing=needed)
    if all(p.balance is not None and p.balance == 0 for p in periods):
        return rule.finding(
            Outcome.APPLIES,
            "zero_balance",
            subject=subject,
            facts={f"{path}.balance": p.balance for p, path in zip(periods, period_paths, strict=True)},
        )
    facts: dict[str, object] = {}
    missing: list[str] = []
    expired_before_levy: list[Message] = []
    expired_since: list[Message] = []
    between_levy: list[Message] = []
    between_now: list[Message] = []
    for p, path in zip(periods, period_paths, strict=True):
        csed = ctx.csed.get(p.id)
        if csed is None or csed.date is None:
            missing.append(f"{path}.csed")
            continue
        facts[f"{path}.csed"] = csed.date
        # Safer date first (a date after which the IRS may no longer act): the statute has surely run only after
        # the LATER of the two day-count readings; a day between them is "may have run out" (ADR 0002).
        later = max(csed.date, csed.alternative or csed.date)
        earlier = min(csed.date, csed.alternative or csed.date)
        words = _csed_words(p.id, later, earlier)
        if levy.served_date is not None and later < levy.served_date:
            expired_before_levy.append(words)
        elif levy.served_date is not None and earlier < levy.served_date:
            between_levy.append(words)
        elif later < ctx.as_of:
            expired_since.append(words)
        elif earlier < ctx.as_of:
            between_now.append(words)
    if levy.served_date is not None:
        facts[f"{subject}.served_date"] = levy.served_date
    if expired_before_levy:
        return rule.finding(
            Outcome.APPLIES,
            "expired_before_levy",
            effect=Effect.MUST_RELEASE,
            subject=subject,
            facts=facts,
            periods=expired_before_levy,
        )
    if between_levy:
        return rule.finding(
            Outcome.UNKNOWN,
            "between_readings_levy",
            effect=rule.effect,
            subject=subject,
            facts=facts,
            periods=between_levy,
        )
    if expired_since:
        return _expired_since(case, levy, subject, facts, expired_since)
    if between_now:
        return rule.finding(
            Outcome.UNKNOWN,
            "between_readings_now",
            effect=rule.effect,
            subject=subject,
            facts=facts,
            periods=between_now,
        )
    if missing:
        return rule.finding(
            Outcome.UNKNOWN, "csed_unknown", effect=rule.effect, subject=subject, facts=facts, missing=missing
        )
    return rule.finding(Outcome.DOES_NOT_APPLY, "not_paid_not_expired", subject=subject, facts=facts)


def _csed_words(period: str, later: date, earlier: date) -> Message:
    """A tax period and the day its statute runs out (both days when the two ways of counting differ)."""
    if later == earlier:
        return message(f"{PAID_OR_EXPIRED.id}.period_csed", period=period, csed=later)
    return message(f"{PAID_OR_EXPIRED.id}.period_csed_two", period=period, later=later, earlier=earlier)


def _expired_since(case: Case, levy: Levy, subject: str, facts: dict[str, object], periods: list[Message]) -> Finding:
    """A levy made in time, still attached after the statute ran out: Reg. 301.6343-1(b)(1)(ii).

    "A continuing levy on salary or wages made under section 6331(e) must be released at the end of the period of
    limitations in section 6502. However, a levy on a fixed and determinable right to payment which right includes
    payments to be made after the period of limitations expires does not become unenforceable upon the expiration
    of the period of limitations and will not be released under this condition unless the liability is satisfied."
    """
    rule = PAID_OR_EXPIRED
    right = fixed_right(case, levy, subject)
    f = {**facts, **right.facts}
    if right.key == "not_fixed":
        key = "expired_since" if levy.kind is LevyKind.WAGES else "expired_since_held"
        return rule.finding(Outcome.APPLIES, key, subject=subject, facts=f, periods=periods)
    if right.key == "fixed":
        return rule.finding(
            Outcome.DOES_NOT_APPLY,
            "fixed_right_survives",
            effect=Effect.INFO,
            subject=subject,
            facts=f,
            periods=periods,
        )
    key = {"fixed_unknown": "fixed_right_unknown", "method_unknown": "benefit_method_unknown"}.get(
        right.key, "fplp_after_csed"
    )
    return rule.finding(
        Outcome.UNKNOWN, key, effect=rule.effect, subject=subject, facts=f, missing=right.missing, periods=periods
    )


LATER_LEVY = Rule(
    id="R6343-A7",
    title="A release does not stop the IRS from levying again later",
    cites=("R6343-A7",),
    effect=Effect.INFO,
)

# The § 6343(a)(1) and (e) grounds whose release R6343-A7 speaks about.
RELEASE_GROUNDS: tuple[RuleFunc, ...] = (
    paid_or_statute_expired,
    facilitates_collection,
    installment_agreement_entered,
    economic_hardship,
    value_exceeds_liability,
    wage_levy_not_collectible,
)


def release_allows_later_levy(case: Case, ctx: Context) -> list[Finding]:
    """§ 6343(a)(3): "The release of levy on any property under paragraph (1) shall not prevent any
    subsequent levy on such property." Shown when a release ground applies to a levy still in place.
    """
    if not case.levies:
        return []
    rule = LATER_LEVY
    if not active_levies(case, ctx):
        return [rule.finding(Outcome.NOT_APPLICABLE, "released")]
    hits = [f for ground in RELEASE_GROUNDS for f in ground(case, ctx) if f.outcome is Outcome.APPLIES]
    if not hits:
        return [rule.finding(Outcome.NOT_APPLICABLE, "no_ground")]
    grounds = [construct(LabelArg, enum="rule_lower", value=r) for r in dict.fromkeys(f.rule for f in hits)]
    return [rule.finding(Outcome.APPLIES, "later_levy", grounds=grounds)]


# Every Rule record of the topic, in RULES order, so that the catalog reaches the helper modules' rules too.
RULE_RECORDS: tuple[Rule, ...] = (
    PAID_OR_EXPIRED,
    FACILITATES_COLLECTION,
    INSTALLMENT_AGREEMENT,
    ECONOMIC_HARDSHIP,
    UNFILED_RETURNS_NO_BAR,
    VALUE_EXCEEDS_LIABILITY,
    ESSENTIAL_BUSINESS_PROPERTY,
    LATER_LEVY,
    HARDSHIP_MEASURE,
    REQUESTING_RELEASE,
    WAGE_LEVY_NOT_COLLECTIBLE,
    CONTINUOUS_WAGE_LEVY,
)

RULES: list[RuleFunc] = [
    paid_or_statute_expired,
    facilitates_collection,
    installment_agreement_entered,
    economic_hardship,
    unfiled_returns_no_bar,
    value_exceeds_liability,
    essential_business_property,
    release_allows_later_levy,
    hardship_measure,
    requesting_release,
    wage_levy_not_collectible,
    continuous_wage_levy,
]
DEADLINES: list[DeadlineFunc] = []
