"""The one entry point of the core: ``analyze(case, as_of) -> Analysis``. Pure: no clock, no I/O."""

from __future__ import annotations

from datetime import date

from levynav import __version__, derive, plan
from levynav.law import catalog
from levynav.model.analysis import Analysis, Deadline, StatuteDate
from levynav.model.case import Case


def analyze(case: Case, as_of: date) -> Analysis:
    ctx = derive.build_context(case, as_of)
    findings = [f for rule in catalog.RULES for f in rule(case, ctx)]
    deadlines = _unique(d for fn in catalog.DEADLINES for d in fn(case, ctx))
    return Analysis(
        as_of=as_of,
        version=__version__,
        summary=plan.summary(findings, deadlines),
        findings=findings,
        deadlines=deadlines,
        plan=plan.steps(case, findings, deadlines, ctx),
        questions=plan.questions(findings),
        history=plan.history(case),
        resources=plan.resources(case, findings),
        notes=plan.notes(findings, ctx),
        finances=ctx.finances,
        collection_statute=[
            StatuteDate(
                period=c.period_id, date=c.date, basis=c.basis, explanation=c.explanation, alternative=c.alternative
            )
            for c in ctx.csed.values()
        ],
    )


def _unique(deadlines: object) -> list[Deadline]:
    seen: dict[tuple[str, str | None], Deadline] = {}
    for d in deadlines:  # type: ignore[attr-defined]
        seen.setdefault((d.id, d.subject), d)
    return sorted(seen.values(), key=lambda d: (d.date, d.id))
