"""A business that owes employment taxes: the people responsible may owe the trust fund part personally.

26 U.S.C. § 6672(a): "Any person required to collect, truthfully account for, and pay over any tax imposed by this
title who willfully fails to collect such tax, or truthfully account for and pay over such tax ... shall ... be
liable to a penalty equal to the total amount of the tax evaded, or not collected, or not accounted for and paid
over." § 6672(b): no penalty without a written preliminary notice, mailed (or delivered in person) at least 60 days
before notice and demand ((b)(4): not where collection of the penalty is in jeopardy). § 6672(c): within 30 days
after notice and demand of the penalty, paying the least amount needed to sue, claiming its refund and furnishing a
bond bars levy for the rest until the suit is resolved. The trust fund part of employment taxes is the income tax
withheld from wages and the employees' share of social security and Medicare (IRM 5.7.3; secondary summary); the
federal unemployment tax (FUTA, Form 940) is imposed on the employer itself (§ 3301) and is collected from no one,
so it has no trust fund part and no § 6672 exposure. A warning, not a release ground: it tells the owner what a
payment plan for the business protects against (IRM 5.14.7: the IRS weighs the penalty before granting a business
agreement on trust fund taxes).
"""

from __future__ import annotations

from levynav.core.calc.trust_fund_part import is_futa
from levynav.core.law.deciding import informs
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, UNKNOWN, Context, Rule
from levynav.core.model.analysis import Effect, Finding
from levynav.core.model.case import Case, TaxKind, TaxpayerKind

# enumeration members the functions read on every call, hoisted (a member read from its class goes
# through the enum metaclass's __getattr__ hook)
_EMPLOYMENT = TaxKind.EMPLOYMENT
_BUSINESS = TaxpayerKind.BUSINESS

# FUTA (Form 940) has no trust fund part: calc/trust_fund_part.py

TFRP_EXPOSURE = Rule(
    id="R6672-W1",
    title="The people responsible for the business's payroll taxes may owe the trust fund part personally",
    cites=("R6672-W1", "R6672-W1-IRM"),
    effect=Effect.INFO,
)


@informs
def trust_fund_recovery_penalty_exposure(case: Case, ctx: Context) -> list[Finding]:
    """One finding for a business: does it owe employment taxes with a trust fund part (the trust fund recovery
    penalty can follow)?"""
    rule = TFRP_EXPOSURE
    if case.taxpayer.kind is not _BUSINESS or not case.tax_periods:
        return []
    kinds = [p.tax_kind for p in case.tax_periods]
    employment = [i for i, k in enumerate(kinds) if k is _EMPLOYMENT]
    trust = [i for i in employment if not is_futa(case.tax_periods[i])]
    facts: dict[str, object] = {f"tax_periods[{i}].tax_kind": _EMPLOYMENT for i in trust}
    if trust:
        periods = [case.tax_periods[i].id for i in trust]  # a list: the renderer joins it per language
        return [rule.finding(APPLIES, "applies", facts=facts, periods=periods)]
    unknown = [f"tax_periods[{i}].tax_kind" for i, k in enumerate(kinds) if k is None]
    if unknown:
        return [rule.finding(UNKNOWN, "unknown", missing=unknown)]
    if employment:  # only federal unemployment tax (Form 940): employment tax without a trust fund part
        for i in employment:
            facts[f"tax_periods[{i}].tax_kind"] = _EMPLOYMENT
            facts[f"tax_periods[{i}].form"] = case.tax_periods[i].form
        periods = [case.tax_periods[i].id for i in employment]
        return [rule.finding(DOES_NOT_APPLY, "futa_only", facts=facts, periods=periods)]
    return [rule.finding(DOES_NOT_APPLY, "no_employment_tax")]
