"""The one entry point of the core: ``analyze(case, as_of) -> Analysis``. Pure: no clock, no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any

from levynav import __version__
from levynav.core import derive, params, plan
from levynav.core.calc import per_analysis
from levynav.core.law import catalog, deciding, postponed_acts
from levynav.core.law.rule import Context
from levynav.core.lawdata import Law, active, using
from levynav.core.model.ability_to_pay import AbilityToPay
from levynav.core.model.analysis import CONTRACT, Analysis, Deadline, Finding, Note, StatuteDate, message
from levynav.core.model.case import Case
from levynav.core.model.construct import builder, construct, record
from levynav.core.model.message import field_args


def analyze(case: Case, as_of: date, law: Law | None = None) -> Analysis:
    """The analysis of ``case`` on ``as_of`` under ``law`` (None: the bundle the adapter installed,
    ``lawdata.install``; ``LawNotInstalled`` when there is none — the core never loads the law data itself)."""
    bundle = law or active()
    with using(bundle), per_analysis.scope():
        return _record(_decide(case, as_of, bundle))


def decide(case: Case, as_of: date, law: Law | None = None, *, deciding_only: bool = False) -> Decision:
    """What ``analyze`` decides — findings, deadlines, finances and collection statute dates — without the plan,
    questions, history, resources and notes it writes around them (docs/adr/0015-screening-decides.md).
    ``analyze`` is this and then those parts: a screen that needs only flags stops here.

    ``deciding_only``: without the rule functions marked ``@informs`` (law/deciding.py; ADR 0017) and without the
    finances section of a household's finances (``finances`` None; ``ctx.picture`` and ``ctx.options`` hold the
    figures): the findings are those of the full decision that decide something, and the deadlines and statute dates
    are all there — what a screen's flags read."""
    bundle = law or active()
    with using(bundle), per_analysis.scope():
        return _decide(case, as_of, bundle, deciding_only)


@dataclass(frozen=True, slots=True)
class Decision:
    """The decided part of one analysis; ``analyze`` builds the record from it (same objects, not copies)."""

    case: Case
    as_of: date
    bundle: Law
    ctx: Context
    findings: list[Finding]
    deadlines: list[Deadline]
    uncovered: list[date | None]  # dates a rule's dated parameters did not cover (the law-coverage note)

    @property
    def finances(self) -> AbilityToPay | None:
        return self.ctx.finances

    @property
    def statute_dates(self) -> list[date | None]:
        """Each period's collection statute date, in the order of the record's ``collection_statute``."""
        return [c.date for c in self.ctx.csed.values()]


# a light record's builder, once (model/construct.builder): ``construct`` finds it by class and passes the values on
_statute_date = builder(StatuteDate)


def _decide(case: Case, as_of: date, bundle: Law, deciding_only: bool = False) -> Decision:
    ctx = derive.build_context(case, as_of, finances_record=not deciding_only)
    uncovered: list[date | None] = []
    if deciding_only:
        findings = _covered(catalog.DECIDING, case, ctx, uncovered)
    else:
        checked = catalog.INFORMING if deciding.CHECK_MARKS else frozenset()  # the marks checked in the tests
        findings = _covered(catalog.RULES, case, ctx, uncovered, checked)
    deadlines = _unique(_covered(catalog.DEADLINES, case, ctx, uncovered))
    # disaster relief and combat-zone service (§§ 7508A, 7508): the postponed dates, beside the ordinary ones
    deadlines, postponed = postponed_acts.apply(case, ctx, deadlines)
    deadlines = postponed_acts.still_open(case, as_of, deadlines)
    findings += postponed
    return Decision(case, as_of, bundle, ctx, findings, deadlines, uncovered)


def _record(decision: Decision) -> Analysis:
    case, as_of, bundle, ctx = decision.case, decision.as_of, decision.bundle, decision.ctx
    findings, deadlines, uncovered = decision.findings, decision.deadlines, decision.uncovered
    data = {
        "contract": CONTRACT,
        "as_of": as_of,
        "version": __version__,
        "summary": plan.summary(findings, deadlines),
        "findings": findings,
        "deadlines": deadlines,
        "plan": plan.steps(case, findings, deadlines, ctx),
        "questions": plan.questions(findings, ctx.problems),
        "history": plan.history(case, as_of),
        "resources": plan.resources(case, findings),
        "notes": plan.notes(findings, ctx) + _coverage_notes(uncovered) + _birth_notes(case, as_of),
        "finances": ctx.finances,
        "collection_statute": [
            _statute_date(
                period=c.period_id,
                date=c.date,
                basis=c.basis,
                explanation=list(c.explanation),
                alternative=c.alternative,
            )
            for c in ctx.csed.values()
        ],
        "law_editions": dict(bundle.editions),
        "law_digest": bundle.digest,
    }
    return record(Analysis, data, set(_GIVEN))


# the fields ``analyze`` sets (all but ``contract``, left at its default), as ``construct`` would record them
_GIVEN = frozenset(Analysis.model_fields) - {"contract"}


def _unique(deadlines: list[Deadline]) -> list[Deadline]:
    seen: dict[tuple[str, str | None], Deadline] = {}
    for d in deadlines:
        seen.setdefault((d.id, d.subject), d)
    return sorted(seen.values(), key=_BY_DATE)


_BY_DATE = attrgetter("date", "id")  # a C key, not a lambda called per deadline


def _covered(
    fns: Iterable[Any], case: Case, ctx: Any, uncovered: list[date | None], informing: frozenset[Any] = frozenset()
) -> list[Any]:
    """What the rule (or deadline) functions return, in their order, in one list; nothing from a function, and a
    note, when a date of the case or ``as_of`` falls outside the dates its dated parameters cover (a 1950 levy, a
    2100 analysis). The answer of a function in ``informing`` (marked ``@informs``) is checked to decide nothing."""
    out: list[Any] = []
    for fn in fns:
        try:
            given = fn(case, ctx)  # a list (RuleFunc, DeadlineFunc): added whole, or not at all when it raises
        except params.MissingParameter as exc:
            uncovered.append(exc.on)
            continue
        if fn in informing:
            deciding.check_informs(fn, given)
        out += given
    return out


def _coverage_notes(uncovered: list[date | None]) -> list[Note]:
    """Rules left out because a dated figure of the law has no value on a date of the case (said by date)."""
    if not uncovered:
        return []
    days = sorted({d for d in uncovered if d is not None})
    return [construct(Note, kind="law_coverage", message=message("note.law_coverage", dates=days))]


def _birth_notes(case: Case, as_of: date) -> list[Note]:
    """Birth dates after the analysis date: the age is taken as unknown (calc/expenses.py), and said here."""
    t = case.taxpayer
    own = (("taxpayer.birth_date", t.birth_date), ("taxpayer.spouse_birth_date", t.spouse_birth_date))
    late = [path for path, born in own if born is not None and born > as_of]
    # a member's path made only for a late date (almost never), not for every member of every household
    late += [
        f"household[{i}].birth_date" for i, m in enumerate(case.household) if m.birth_date and m.birth_date > as_of
    ]
    if not late:
        return []
    return [
        construct(Note, kind="birth_after_as_of", message=message("note.birth_after_as_of", fields=field_args(late)))
    ]
