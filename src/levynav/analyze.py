"""The one entry point of the core: ``analyze(case, as_of) -> Analysis``. Pure: no clock, no I/O."""

from __future__ import annotations

from datetime import date
from typing import Any

from levynav import __version__, derive, params, plan
from levynav.law import catalog
from levynav.lawdata import Law, using
from levynav.model.analysis import Analysis, Deadline, StatuteDate
from levynav.model.case import Case

DISCLAIMER = (
    "Levy Navigator explains the law and the IRS's published rules as they apply to the facts you gave. "
    "It is not legal advice and does not create a lawyer-client relationship. Check the sources shown, "
    "and talk to a tax professional, a Low Income Taxpayer Clinic or the Taxpayer Advocate Service "
    "before you rely on it."
)


def analyze(case: Case, as_of: date, law: Law | None = None) -> Analysis:
    """The analysis of ``case`` on ``as_of`` under ``law`` (None: the packaged law data, loaded once)."""
    bundle = law or Law.packaged()
    with using(bundle):
        result = _analyze(case, as_of)
    return result.model_copy(update={"law_editions": dict(bundle.editions), "law_digest": bundle.digest})


def _analyze(case: Case, as_of: date) -> Analysis:
    ctx = derive.build_context(case, as_of)
    uncovered: list[str] = []
    findings = [f for rule in catalog.RULES for f in _covered(rule, case, ctx, uncovered)]
    deadlines = _unique(d for fn in catalog.DEADLINES for d in _covered(fn, case, ctx, uncovered))
    return Analysis(
        as_of=as_of,
        version=__version__,
        disclaimer=DISCLAIMER,
        summary=plan.summary(findings, deadlines),
        findings=findings,
        deadlines=deadlines,
        plan=plan.steps(case, findings, deadlines, ctx),
        questions=plan.questions(findings),
        history=plan.history(case),
        resources=plan.resources(case, findings),
        notes=plan.notes(findings, ctx) + _coverage_notes(uncovered) + _birth_notes(case, as_of),
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


def _covered(fn: Any, case: Case, ctx: Any, uncovered: list[str]) -> list[Any]:
    """What one rule (or deadline) function returns; nothing, and a note, when a date of the case or
    ``as_of`` falls outside the dates its dated parameters cover (a 1950 levy, a 2100 analysis)."""
    try:
        return list(fn(case, ctx))
    except params.MissingParameter as exc:
        uncovered.append(str(exc))
        return []


def _coverage_notes(uncovered: list[str]) -> list[str]:
    if not uncovered:
        return []
    return [
        "Some questions were not answered: a date in the case or the analysis date is outside the dates the "
        "law's figures here cover (" + "; ".join(sorted(set(uncovered))) + ")."
    ]


def _birth_notes(case: Case, as_of: date) -> list[str]:
    """Birth dates after the analysis date: the age is taken as unknown (calc/expenses.py), and said here."""
    births = [
        ("taxpayer.birth_date", case.taxpayer.birth_date),
        ("taxpayer.spouse_birth_date", case.taxpayer.spouse_birth_date),
        *((f"household[{i}].birth_date", m.birth_date) for i, m in enumerate(case.household)),
    ]
    late = [path for path, born in births if born is not None and born > as_of]
    if not late:
        return []
    return [f"A birth date is after the analysis date, so that age is not known: {', '.join(late)}."]
