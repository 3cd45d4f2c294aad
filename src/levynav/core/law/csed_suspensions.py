"""Did anything pause the collection statute of a tax period? CSED-3, one finding per period with a computed CSED.

The ten years of § 6502(a) stop running while an event of the CSED-3 table holds: an offer or installment
agreement pending (§ 6331(k)), a timely CDP hearing (§ 6330(e)), a bankruptcy stay plus six months (§ 6503(h)),
an innocent-spouse claim (§ 6015(e)), a Taxpayer Assistance Order (§ 7811(d)), an absence from the United States
(§ 6503(c)), and others. The CSED engine (``calc/csed*.py``, below the rules) reads the events from the case and
computes each assessment's date once per analysis; this rule reads the result from the context and answers:

- ``applies``: suspensions were counted (value: the suspended days of the period's last CSED; still running →
  the CSED is "at least" the date shown);
- ``does_not_apply``: no event the case gives pauses it;
- ``unknown``: an event could not be counted — a fact is missing (its case paths), or a day count has no value
  on the event's date (``Events.law_gaps`` keeps the parameter ids; nothing is guessed).
"""

from __future__ import annotations

from typing import Any

from levynav.core.law.deciding import informs
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, UNKNOWN, Context, DeadlineFunc, Rule, RuleFunc
from levynav.core.model.analysis import Effect, Finding
from levynav.core.model.case import Case
from levynav.core.model.message import label_arg

SUSPENSIONS = Rule(
    id="CSED-3",
    title="Events that paused the collection statute",
    cites=("CSED-3", "CSED-1"),
    effect=Effect.INFO,
)


@informs
def csed_suspensions(case: Case, ctx: Context) -> list[Finding]:
    events = ctx.csed_events
    if events is None:
        return []
    out: list[Finding] = []
    for i, p in enumerate(case.tax_periods):
        pc = ctx.csed_periods.get(p.id)
        if pc is None:
            continue  # no assessment date: the CSED is stated or unknown, nothing is computed for the period
        sub = f"tax_periods[{i}]"
        facts: dict[str, Any] = {f"{sub}.assessment_date": p.assessment_date}
        scoped = [s for s in events.suspensions if not s.periods or p.id in s.periods]
        if not pc.assessments:
            out.append(SUSPENSIONS.finding(UNKNOWN, "not_computed", subject=sub, facts=facts, period=p.id))
            continue
        last = max(pc.assessments, key=lambda a: a.date)
        common: dict[str, Any] = {"subject": sub, "facts": facts, "params": pc.params, "period": p.id}
        if scoped and last.suspended_days > 0:
            key = "suspended_open" if last.provisional else "suspended"
            # the events named only where the finding says them (label_arg: the label without a generic construct)
            labels = [label_arg("csed_event", ref) for ref in dict.fromkeys(s.ref for s in scoped)]
            out.append(
                SUSPENSIONS.finding(
                    APPLIES,
                    key,
                    value=last.suspended_days,
                    days=last.suspended_days,
                    events=labels,
                    csed=last.date,
                    **common,
                )
            )
        elif (missing := events.missing_for(p.id)) or events.law_gaps:
            # only what could change this period: a fact about another period's hearing, offer or agreement cannot
            key = "law_unknown" if events.law_gaps and not missing else "unknown"
            out.append(SUSPENSIONS.finding(UNKNOWN, key, missing=missing, **common))
        else:
            out.append(SUSPENSIONS.finding(DOES_NOT_APPLY, "none", value=0, csed=last.date, **common))
    return out


RULE_RECORDS: tuple[Rule, ...] = (SUSPENSIONS,)
RULES: list[RuleFunc] = [csed_suspensions]
DEADLINES: list[DeadlineFunc] = []
