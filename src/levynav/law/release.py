"""Mandatory release of a levy: 26 U.S.C. § 6343(a) and Treas. Reg. § 301.6343-1.

"The Secretary shall release the levy upon all, or part of, the property or rights to property levied
upon and shall promptly notify the person upon whom such levy was made (if any) that such levy has
been released if — (A) the liability for which such levy was made is satisfied or becomes
unenforceable by reason of lapse of time, …" — § 6343(a)(1).
"""

from __future__ import annotations

from levynav.law.common import levy_periods, levy_subject
from levynav.law.rule import Context, DeadlineFunc, Rule, RuleFunc
from levynav.model.analysis import Effect, Finding, Outcome
from levynav.model.case import Case, Levy

PAID_OR_EXPIRED = Rule(
    id="R6343-A1",
    title="The debt is paid or the collection statute has run out",
    cites=("R6343-A1", "R6502-A1"),
    effect=Effect.MUST_RELEASE,
)


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
    if levy.released_date is not None and levy.released_date <= ctx.as_of:
        return rule.finding(
            Outcome.NOT_APPLICABLE,
            "released",
            subject=subject,
            facts={f"{subject}.released_date": levy.released_date},
        )
    if case.circumstances.liability_paid:
        return rule.finding(Outcome.APPLIES, "paid", subject=subject, facts={"circumstances.liability_paid": True})
    periods, period_paths = levy_periods(case, levy)
    if not periods:
        return rule.finding(
            Outcome.UNKNOWN, "no_periods", subject=subject, missing=[f"{subject}.tax_periods", "tax_periods"]
        )
    if all(p.balance is not None and p.balance == 0 for p in periods):
        return rule.finding(
            Outcome.APPLIES,
            "zero_balance",
            subject=subject,
            facts={f"{path}.balance": p.balance for p, path in zip(periods, period_paths, strict=True)},
        )
    facts: dict[str, object] = {}
    missing: list[str] = []
    expired_before_levy: list[str] = []
    expired_since: list[str] = []
    for p, path in zip(periods, period_paths, strict=True):
        csed = ctx.csed.get(p.id)
        if csed is None or csed.date is None:
            missing.append(f"{path}.csed")
            continue
        facts[f"{path}.csed"] = csed.date
        if levy.served_date is not None and csed.date < levy.served_date:
            expired_before_levy.append(f"{p.id} (statute ran out {csed.date.isoformat()})")
        elif csed.date < ctx.as_of:
            expired_since.append(f"{p.id} (statute ran out {csed.date.isoformat()})")
    if levy.served_date is not None:
        facts[f"{subject}.served_date"] = levy.served_date
    if expired_before_levy:
        return rule.finding(
            Outcome.APPLIES,
            "expired_before_levy",
            effect=Effect.MUST_RELEASE,
            subject=subject,
            facts=facts,
            periods=", ".join(expired_before_levy),
        )
    if expired_since:
        return rule.finding(
            Outcome.APPLIES, "expired_since", subject=subject, facts=facts, periods=", ".join(expired_since)
        )
    if missing:
        return rule.finding(Outcome.UNKNOWN, "csed_unknown", subject=subject, facts=facts, missing=missing)
    return rule.finding(Outcome.DOES_NOT_APPLY, "not_paid_not_expired", subject=subject, facts=facts)


RULES: list[RuleFunc] = [paid_or_statute_expired]
DEADLINES: list[DeadlineFunc] = []
