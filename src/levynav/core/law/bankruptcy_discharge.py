"""The bankruptcy stay is temporary; the discharge decides the debt (seed question).

"the stay of any other act under subsection (a) of this section continues until the earliest of— (A) the
time the case is closed; (B) the time the case is dismissed; or (C) if the case is a case under chapter 7 of
this title concerning an individual or a case under chapter 9, 11, 12, or 13 of this title, the time a
discharge is granted or denied" (11 U.S.C. § 362(c)(2), as quoted in Zaklama v. Comm'r). Whether the tax
itself is gone depends on the discharge: taxes with priority under § 507(a)(8) (for example recent income
taxes) are excepted from discharge (§ 523(a)(1)(A), as described in In re Avila, 228 B.R. 63 (Bankr. D. Mass.
1999); reference RBK-2, secondary). §§ 727 and 1328 were not read.
The levy bar itself is RBK-362 (law/levy_stays.py); the CSED pause is the CSED engine's.
"""

from __future__ import annotations

from typing import Any

from levynav.core.law.rule import Context, Rule
from levynav.core.model.analysis import Effect, Finding, Outcome
from levynav.core.model.case import Case

STAY_IS_TEMPORARY = Rule(
    id="RBK-2",
    title="The bankruptcy stay is temporary; the discharge decides whether the tax is gone",
    cites=("RBK-2", "RBK-362"),
    effect=Effect.INFO,
)


def stay_and_discharge(case: Case, ctx: Context) -> list[Finding]:
    """RBK-2: one finding per bankruptcy saying when its stay ends (or ended) and what the discharge decides."""
    out = []
    for k, b in enumerate(case.proceedings.bankruptcies):
        subject = f"proceedings.bankruptcies[{k}]"
        facts: dict[str, Any] = {f"{subject}.petition_date": b.petition_date}
        events = (
            (b.discharge_date, "discharged", "discharge_date"),
            (b.dismissal_date, "dismissed", "dismissal_date"),
            (b.closed_date, "closed", "closed_date"),
        )
        ended = [(d, key, name) for d, key, name in events if d is not None and d <= ctx.as_of]
        if not ended:
            rule = STAY_IS_TEMPORARY
            out.append(rule.finding(Outcome.APPLIES, "open", subject=subject, facts=facts, filed=b.petition_date))
            continue
        when, key, name = min(ended)
        facts[f"{subject}.{name}"] = when
        rule = STAY_IS_TEMPORARY
        out.append(rule.finding(Outcome.APPLIES, key, subject=subject, facts=facts, value=when, ended=when))
    return out
