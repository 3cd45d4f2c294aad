"""What a person needs to know to use the release grounds: how to ask (Treas. Reg. § 301.6343-1(a)) and
how a wage levy ends (26 U.S.C. § 6331(e))."""

from __future__ import annotations

from levynav.core.law.deciding import informs
from levynav.core.law.levies_in_force import active_levies, released_finding
from levynav.core.law.levy_facts import levy_subject
from levynav.core.law.rule import APPLIES, NOT_APPLICABLE, Context, Rule
from levynav.core.model.analysis import Effect, Finding
from levynav.core.model.case import Case, LevyKind

# enumeration members the functions read on every call, hoisted (a member read from its class goes
# through the enum metaclass's __getattr__ hook)
_WAGES = LevyKind.WAGES

REQUESTING_RELEASE = Rule(
    id="R6343-A9",
    title="How to ask the IRS to release a levy",
    cites=("R6343-A9", "R6343-A9-REG"),
    effect=Effect.INFO,
)
CONTINUOUS_WAGE_LEVY = Rule(
    id="R6331-E1",
    title="A wage levy keeps going until the IRS releases it",
    cites=("R6331-E1", "R6343-668D"),
    effect=Effect.INFO,
)


@informs
def requesting_release(case: Case, ctx: Context) -> list[Finding]:
    """Treas. Reg. § 301.6343-1(a): the IRS "must make a determination whether any of the conditions
    requiring release exist if a taxpayer submits a request for release of levy" and may require
    supporting documents. Ask the office or number on the levy or notice.

    Open question: the form of the request and any decision deadline in § 301.6343-1(c)–(d) are
    UNVERIFIED; no day count is encoded.
    """
    if not case.levies:
        return []
    rule = REQUESTING_RELEASE
    if not active_levies(case, ctx):
        return [rule.finding(NOT_APPLICABLE, "released")]
    phones = [(j, n.phone) for j, n in enumerate(case.notices) if n.phone]
    if phones:
        j, phone = phones[-1]
        return [rule.finding(APPLIES, "request_phone", facts={f"notices[{j}].phone": phone}, phone=phone)]
    return [rule.finding(APPLIES, "request")]


@informs
def continuous_wage_levy(case: Case, ctx: Context) -> list[Finding]:
    """§ 6331(e): a levy on salary or wages "shall be continuous from the date such levy is first made
    until such levy is released under section 6343". The employer stops on the release (Form 668-D).
    """
    out = []
    for i, levy in enumerate(case.levies):
        rule, subject = CONTINUOUS_WAGE_LEVY, levy_subject(i)
        if levy.kind is not _WAGES:
            out.append(rule.finding(NOT_APPLICABLE, "not_wages", subject=subject))
            continue
        done = released_finding(rule, i, levy, ctx)
        if done is not None:
            out.append(done)
            continue
        facts: dict[str, object] = {f"{subject}.kind": levy.kind}
        if levy.served_date is not None:
            facts[f"{subject}.served_date"] = levy.served_date
            out.append(rule.finding(APPLIES, "since", subject=subject, facts=facts, served=levy.served_date))
        else:
            out.append(rule.finding(APPLIES, "continuous", subject=subject, facts=facts))
    return out
