"""A levy on a retirement account: the IRS's flagrant-conduct policy, the 10% additional tax, re-contribution.

- IRM 5.11.6.3 (Funds in Pension or Retirement Plans): before levying retirement assets the IRS considers
  other property and payment agreements, and "if the taxpayer has not engaged in flagrant conduct, do not
  levy the retirement accounts" (read in summaries of the IRM and in TAS reports: status S). A policy, not
  a statute: the routes when it was not followed are the collection manager / Collection Appeals Program
  and the Taxpayer Advocate, and ground (A) of § 6343(d)(2)(A) (law/levy_broke_procedure.py).
- 26 U.S.C. § 72(t)(2)(A)(vii): the 10% additional tax on early distributions does not apply to a
  distribution "made on account of a levy under section 6331 on the qualified retirement plan" — not to a
  withdrawal made to pay the tax or to avoid a levy (S. Rept. 105-174; Thompson v. United States).
- 26 U.S.C. § 6343(f): money returned under § 6343(b) or (d)(2)(A) may be put back (rule R6343-F1).
"""

from __future__ import annotations

from levynav.core.law.levy_facts import is_individual, levy_subject
from levynav.core.law.return_periods import owner
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, UNKNOWN, Context, Rule
from levynav.core.model.analysis import Effect, Finding
from levynav.core.model.case import Case, Levy, LevyKind, Owner

# enumeration members the functions read on every call, hoisted (a member read from its class goes
# through the enum metaclass's __getattr__ hook)
_RETIREMENT = LevyKind.RETIREMENT
_THIRD_PARTY = Owner.THIRD_PARTY

RETIREMENT_LEVY = Rule(
    id="RRET-1",
    title="A levy on your retirement account: the IRS's own rule requires flagrant conduct first",
    cites=("RRET-1", "R6343-F1"),
    effect=Effect.ROUTE_OPEN,
)


def retirement_account_levy(case: Case, ctx: Context) -> list[Finding]:
    """One finding per levy on the taxpayer's own retirement account or plan benefits."""
    if not is_individual(case):
        return []
    return [
        _retirement(i, levy)
        for i, levy in enumerate(case.levies)
        if levy.kind is _RETIREMENT and owner(levy) is not _THIRD_PARTY
    ]


def _retirement(i: int, levy: Levy) -> Finding:
    rule, s = RETIREMENT_LEVY, levy_subject(i)
    path = f"{s}.flagrant_conduct_determined"
    if levy.flagrant_conduct_determined is None:
        return rule.finding(UNKNOWN, "unknown", effect=rule.effect, subject=s, missing=[path])
    facts = {path: levy.flagrant_conduct_determined}
    if levy.flagrant_conduct_determined:
        return rule.finding(DOES_NOT_APPLY, "determined", subject=s, facts=facts)
    return rule.finding(APPLIES, "not_followed", subject=s, facts=facts)
