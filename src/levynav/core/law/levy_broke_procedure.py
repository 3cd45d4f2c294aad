"""Was the levy made against the law's procedure? The facts behind § 6343(d)(2)(A)'s first ground.

"the levy on such property was premature or otherwise not in accordance with administrative procedures
of the Secretary" — 26 U.S.C. § 6343(d)(2)(A). The analysis decides elsewhere, each under its own law,
whether a levy was made too early (§ 6331(d), § 6330(a): R6330-A1), while an offer or an installment
agreement barred levy (§ 6331(k)(1)–(2): R6331-K1, R6331-K2), while a timely Collection Due Process hearing
suspended levy (§ 6330(e)(1): R6330-E1), or in violation of the bankruptcy stay (11 U.S.C. § 362(a):
RBK-362-V). This module calls those same functions on the case and keeps, for each levy, the findings that
APPLY with the effect LEVY_IMPROPER — the law is not written twice, and no explanation text is read.

IRS policy for retirement accounts (IRM 5.11.6.3: no levy on retirement assets without a determination of
flagrant conduct) is an administrative procedure too: a levy made without that determination is the
same ground (A) (``retirement_policy_not_followed``).
"""

from __future__ import annotations

from levynav.core.law.discretionary_alternatives import installment_agreement_pending, offer_in_compromise_pending
from levynav.core.law.discretionary_cdp import cdp_hearing_pending, premature_levy
from levynav.core.law.levy_stays import bankruptcy_stay
from levynav.core.law.rule import APPLIES, LEVY_IMPROPER, Context
from levynav.core.model.analysis import Finding
from levynav.core.model.case import Case, Levy, LevyKind

# enumeration members the functions read on every call, hoisted (a member read from its class goes
# through the enum metaclass's __getattr__ hook)
_RETIREMENT = LevyKind.RETIREMENT

# The rules whose LEVY_IMPROPER finding is a § 6343(d)(2)(A) ground, with the message key that names it.
GROUND_KEYS = {
    "R6330-A1": "ground_a_premature",
    "R6331-K1": "ground_a_offer",
    "R6331-K2": "ground_a_agreement",
    "R6330-E1": "ground_a_cdp",
    "RBK-362-V": "ground_a_stay",
}


def broken_procedure(case: Case, ctx: Context) -> dict[str, list[Finding]]:
    """For each levy subject, the findings that it was made against the law's procedure."""
    if not case.levies:
        return {}
    found = [
        *premature_levy(case, ctx),
        *offer_in_compromise_pending(case, ctx),
        *installment_agreement_pending(case, ctx),
        *cdp_hearing_pending(case, ctx),
        *bankruptcy_stay(case, ctx),
    ]
    out: dict[str, list[Finding]] = {}
    for f in found:
        improper = f.outcome is APPLIES and f.effect is LEVY_IMPROPER
        if improper and f.subject is not None and f.subject.startswith("levies[") and f.rule in GROUND_KEYS:
            out.setdefault(f.subject, []).append(f)
    return out


def retirement_policy_not_followed(levy: Levy) -> bool | None:
    """A retirement-account levy made without the flagrant-conduct determination (IRM 5.11.6.3).

    None when it is not known whether the IRS made the determination; False for other levies.
    """
    if levy.kind is not _RETIREMENT:
        return False
    if levy.flagrant_conduct_determined is None:
        return None
    return not levy.flagrant_conduct_determined
