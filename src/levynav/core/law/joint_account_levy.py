"""A levy on a joint account (or jointly owned property) for one owner's tax: the co-owner's remedy.

United States v. National Bank of Commerce, 472 U.S. 713 (1985): the IRS may levy a joint bank account
for the tax of a depositor who has the unrestricted right to withdraw from it; the levy is provisional,
and a co-owner who says the money is hers must show it — through the administrative wrongful-levy claim
(26 U.S.C. § 6343(b); Reg. § 301.6343-2) or a wrongful-levy suit (§ 7426). The periods are those of
§ 6343(b) and § 6532(c) (law/return_periods.py), safer date first. A Collection Due Process or equivalent
hearing is the taxpayer's; it does not decide the co-owner's share, so her claim comes first in the plan.
"""

from __future__ import annotations

from typing import Any

from levynav.core.law.levy_facts import levy_subject
from levynav.core.law.return_periods import claims_for, return_period
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, ROUTE_CLOSED, Context, Rule
from levynav.core.model.analysis import Effect, Finding, message
from levynav.core.model.case import Case, Levy, LevyKind, Owner

# enumeration members the functions read on every call, hoisted (a member read from its class goes
# through the enum metaclass's __getattr__ hook)
_BANK = LevyKind.BANK
_JOINT = Owner.JOINT

JOINT_ACCOUNT = Rule(
    id="RJA-1",
    title="A joint account was levied: the co-owner can claim her share",
    cites=("RJA-1", "R6343-B1", "R6343-B2"),
    effect=Effect.ROUTE_OPEN,
)


def joint_account_levy(case: Case, ctx: Context) -> list[Finding]:
    """One finding per levy on something owned jointly with another person."""
    return [_joint(case, ctx, i, levy) for i, levy in enumerate(case.levies) if levy.owner is _JOINT]


def _joint(case: Case, ctx: Context, i: int, levy: Levy) -> Finding:
    rule, s = JOINT_ACCOUNT, levy_subject(i)
    who = levy.third_party_name or message(f"{rule.id}.co_owner_default")
    what = message(f"{rule.id}.{'bank' if levy.kind is _BANK else 'property'}", owner=who)
    facts: dict[str, Any] = {f"{s}.owner": levy.owner, f"{s}.kind": levy.kind}
    period = return_period(levy)
    if period is None:
        return rule.finding(
            APPLIES, "no_date", subject=s, facts=facts, missing=[f"{s}.served_date"], what=what, owner=who
        )
    facts[f"{s}.served_date"] = levy.served_date
    common: dict[str, Any] = {
        "subject": s,
        "facts": facts,
        "params": [period.param],
        "value": period.last.last,
        "deadline_ids": ["return.request", "wrongful_levy.suit"],
    }
    # a claim the co-owner filed by the last day (under either reading) keeps the route open past the period: the
    # IRS may return money on a timely request, and the request extends the time to sue (§ 6532(c)(2))
    filed = sorted(c.filed_date for _, c in claims_for(case, i, levy) if c.filed_date <= period.latest)
    if filed:
        return rule.finding(APPLIES, "claimed", what=what, owner=who, filed=filed[0], **common)
    if ctx.as_of > period.latest:
        return rule.finding(
            DOES_NOT_APPLY,
            "too_late",
            effect=ROUTE_CLOSED,
            what=what,
            owner=who,
            deadline=period.last.last,
            **common,
        )
    return rule.finding(APPLIES, "claim", what=what, owner=who, deadline=period.last.last, **common)
