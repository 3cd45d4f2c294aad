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

from levynav.core.law.deciding import informs
from levynav.core.law.exemptions_payments import bank_hold_period
from levynav.core.law.levies_in_force import active_levies, released_finding
from levynav.core.law.levy_facts import levy_periods, levy_subject, paid_over
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
from levynav.core.law.rule import (
    APPLIES,
    DOES_NOT_APPLY,
    INFO,
    MUST_RELEASE,
    NOT_APPLICABLE,
    PARTIAL_RELEASE,
    UNKNOWN,
    Context,
    DeadlineFunc,
    Rule,
    RuleFunc,
    once,
)
from levynav.core.model.analysis import Effect, Finding, Message, message
from levynav.core.model.case import Case, Levy, LevyKind
from levynav.core.model.message import label_arg

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
        return rule.finding(APPLIES, "paid", subject=subject, facts={"circumstances.liability_paid": True})
    periods, period_paths = levy_periods(case, levy)
    if not periods:
        needed = ["tax_periods"] + ([] if levy.tax_periods else [f"{subject}.tax_periods"])
        return rule.finding(UNKNOWN, "no_periods", effect=rule.effect, subject=subject, missing=needed)
    if all(p.balance is not None and p.balance == 0 for p in periods):
        return rule.finding(
            APPLIES,
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
    # periods the levy still lawfully collects: an unpaid balance and a statute still running under both readings
    running: list[str] = []
    # unpaid periods whose statute date is not known: they may still run, so they too keep a release partial
    open_ids: list[str] = []
    part_missing: list[str] = []
    for p, path in zip(periods, period_paths, strict=True):
        csed = ctx.csed.get(p.id)
        if csed is None or csed.date is None:
            missing.append(f"{path}.csed")
            if p.balance is None or p.balance > 0:
                open_ids.append(p.id)
                part_missing.append(f"{path}.csed")
            continue
        facts[f"{path}.csed"] = csed.date
        # Safer date first (a date after which the IRS may no longer act): the statute has surely run only after
        # the LATER of the two day-count readings; a day between them is "may have run out" (ADR 0002).
        later = max(csed.date, csed.alternative or csed.date)
        earlier = min(csed.date, csed.alternative or csed.date)
        # the period said only where a list takes it (a statute still running is not said)
        if levy.served_date is not None and later < levy.served_date:
            expired_before_levy.append(_csed_words(p.id, later, earlier))
        elif levy.served_date is not None and earlier < levy.served_date:
            between_levy.append(_csed_words(p.id, later, earlier))
        elif later < ctx.as_of:
            expired_since.append(_csed_words(p.id, later, earlier))
        elif earlier < ctx.as_of:
            between_now.append(_csed_words(p.id, later, earlier))
        elif p.balance is None or p.balance > 0:
            running.append(p.id)
    if levy.served_date is not None:
        facts[f"{subject}.served_date"] = levy.served_date
    # still collectible, or perhaps: the release is partial, and the unknown dates stay asked for
    running = running + open_ids
    if expired_before_levy and running:
        # § 6343(a)(1): "release the levy upon all, or part of, the property" — the liability of the other periods is
        # still enforceable, so the levy must be released only as far as it collects the periods that ran out
        return rule.finding(
            APPLIES,
            "expired_before_levy_part",
            effect=PARTIAL_RELEASE,
            subject=subject,
            facts=facts,
            periods=expired_before_levy,
            running=running,
            missing=part_missing,
        )
    if expired_before_levy:
        return rule.finding(
            APPLIES,
            "expired_before_levy",
            effect=MUST_RELEASE,
            subject=subject,
            facts=facts,
            periods=expired_before_levy,
        )
    if between_levy:
        return rule.finding(
            UNKNOWN,
            "between_readings_levy",
            effect=rule.effect,
            subject=subject,
            facts=facts,
            periods=between_levy,
        )
    if expired_since:
        return _expired_since(case, ctx, levy, subject, facts, expired_since, running, part_missing)
    if between_now:
        return rule.finding(
            UNKNOWN,
            "between_readings_now",
            effect=rule.effect,
            subject=subject,
            facts=facts,
            periods=between_now,
        )
    if missing:
        return rule.finding(UNKNOWN, "csed_unknown", effect=rule.effect, subject=subject, facts=facts, missing=missing)
    return rule.finding(DOES_NOT_APPLY, "not_paid_not_expired", subject=subject, facts=facts)


def _csed_words(period: str, later: date, earlier: date) -> Message:
    """A tax period and the day its statute runs out (both days when the two ways of counting differ)."""
    if later == earlier:
        return message(f"{PAID_OR_EXPIRED.id}.period_csed", period=period, csed=later)
    return message(f"{PAID_OR_EXPIRED.id}.period_csed_two", period=period, later=later, earlier=earlier)


def _expired_since(
    case: Case,
    ctx: Context,
    levy: Levy,
    subject: str,
    facts: dict[str, object],
    periods: list[Message],
    running: list[str],
    part_missing: list[str],
) -> Finding:
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
        if levy.kind is LevyKind.WAGES and running:
            # the wage levy still collects the periods whose statute runs: released only for the ones that ran out
            return rule.finding(
                APPLIES,
                "expired_since_part",
                effect=PARTIAL_RELEASE,
                subject=subject,
                facts=f,
                periods=periods,
                running=running,
                missing=part_missing,
            )
        if levy.kind is LevyKind.WAGES:
            return rule.finding(APPLIES, "expired_since", subject=subject, facts=f, periods=periods)
        return _held_after_csed(levy, ctx, subject, f, periods)
    if right.key == "fixed":
        return rule.finding(
            DOES_NOT_APPLY,
            "fixed_right_survives",
            effect=INFO,
            subject=subject,
            facts=f,
            periods=periods,
        )
    key = {"fixed_unknown": "fixed_right_unknown", "method_unknown": "benefit_method_unknown"}.get(
        right.key, "fplp_after_csed"
    )
    return rule.finding(
        UNKNOWN, key, effect=rule.effect, subject=subject, facts=f, missing=right.missing, periods=periods
    )


# The question a one-time levy made in time, whose money was still held when the statute ran out, raises.
HELD_CITES = ("R6343-A1-HELD",)


def _held_after_csed(
    levy: Levy, ctx: Context, subject: str, facts: dict[str, object], periods: list[Message]
) -> Finding:
    """A one-time levy (a bank account) made before the CSED whose money was not yet paid over when it ran out.

    Two readings, and no court case decides between them (docs/law-notes.md):
    - the person's: Reg. § 301.6343-1(b)(1)(i) requires release once "the period of limitations provided in
      section 6502 … has lapsed", and only a continuing wage levy and a fixed-and-determinable right to later
      payments are named in (b)(1)(ii); money still at the bank has not been collected;
    - the IRS's: § 6502(a) lets a tax "be collected by levy" when "the levy is made" within the period; a notice
      of levy brings what it reached into the Government's constructive possession when served (United States v.
      National Bank of Commerce, 472 U.S. 713, 720 (1985)); the § 6332(c) 21-day hold only delays the surrender.
    So: UNKNOWN (the person's reading first) while the money is held; once the holder paid it over there is
    nothing left for a release to free (whether it is refunded is R6401-1's question).
    """
    rule = PAID_OR_EXPIRED
    f = {**facts, f"{subject}.proceeds_sent": levy.proceeds_sent}
    paid_on = levy.proceeds_sent_date
    if paid_over(levy, ctx.as_of):
        if paid_on is not None:
            f[f"{subject}.proceeds_sent_date"] = paid_on
        return rule.finding(
            DOES_NOT_APPLY,
            "paid_over_after_csed",
            effect=INFO,
            subject=subject,
            facts=f,
            also_cites=HELD_CITES,
            periods=periods,
        )
    hold = bank_hold_period(levy) if levy.kind is LevyKind.BANK else None
    # § 6332(c): a bank may not pay over before the hold ends, so until then the money is held by law.
    held_by_law = hold is not None and ctx.as_of <= hold[0]
    # a payment date after the analysis date says the money is still held (scheduled to go), not that it is unknown
    if levy.proceeds_sent is None and levy.proceeds_sent_date is None and not held_by_law:
        return rule.finding(
            UNKNOWN,
            "held_or_paid_unknown",
            effect=rule.effect,
            subject=subject,
            facts=f,
            missing=[f"{subject}.proceeds_sent"],
            also_cites=HELD_CITES,
            periods=periods,
        )
    return rule.finding(
        UNKNOWN,
        "held_after_csed",
        effect=rule.effect,
        subject=subject,
        facts=f,
        params=[hold[1]] if hold is not None else [],
        deadline_ids=["bank.hold_ends"] if held_by_law else [],
        also_cites=HELD_CITES,
        periods=periods,
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


@informs
def release_allows_later_levy(case: Case, ctx: Context) -> list[Finding]:
    """§ 6343(a)(3): "The release of levy on any property under paragraph (1) shall not prevent any
    subsequent levy on such property." Shown when a release ground applies to a levy still in place.
    """
    if not case.levies:
        return []
    rule = LATER_LEVY
    if not active_levies(case, ctx):
        return [rule.finding(NOT_APPLICABLE, "released")]
    hits = [f for ground in RELEASE_GROUNDS for f in ground(case, ctx) if f.outcome is APPLIES]
    if not hits:
        return [rule.finding(NOT_APPLICABLE, "no_ground")]
    grounds = [label_arg("rule_lower", r) for r in dict.fromkeys(f.rule for f in hits)]  # a label, no generic construct
    return [rule.finding(APPLIES, "later_levy", grounds=grounds)]


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
