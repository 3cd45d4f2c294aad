"""Are the person's deadlines postponed by disaster relief (§ 7508A) or combat-zone service (§ 7508)?

PP-7508A (a federally declared disaster: the postponement period the IRS announced for the person's area) and
PP-7508 (service in a combat zone or contingency operation, hospitalization for an injury received there, and
the next 180 days), one finding per ``proceedings.postponements`` item:

- ``applies`` (``postpones``, effect ``deadline``): the period reaches the last day of one or more deadlines of an
  act the law postpones; the finding names them (``deadline_ids``) and each of those deadlines keeps its
  ordinary date FIRST (``date``, the safer date: act by it when you can, ADR 0004) and carries the postponed date
  as its ``alternative_date``, with the clause of how it was counted and the citation;
- ``applies`` (``reopens``, effect ``route_open``): as ``postpones``, and the ordinary date of one of those
  deadlines has passed while its postponed date has not — the plan says to act at once;
- ``does_not_apply`` (``no_deadline_inside``): no such deadline ends inside (or, for § 7508, after the start of)
  the period;
- ``unknown``: the start or the end of the period is not known (``still_serving``: a combat-zone service with no
  last day yet), so the postponed dates cannot be counted — the ordinary dates stand, and the question is asked.

PP-7508A also answers for the mandatory period of a major disaster (``major_disaster``, § 7508A(e)): from the
earliest incident date to 60 days (120 for declarations after July 24, 2025) after the later of that date and the
declaration date; it reaches only the acts of § 7508(a)(1)(A)-(F) (MANDATORY_ACTS: the Tax Court petitions and the
refund claim, not a CDP request). Its message keys end in ``_mandatory``; a declaration before Nov. 16, 2021 (the
60 days then ran from the latest incident date) is not counted (``law_not_counted``).

Which deadlines are acts the law postpones (ACTS): a Tax Court petition (§ 7508(a)(1)(C): the § 6330(d) petition
after a CDP Notice of Determination, the § 6015(e) petition, the § 6213(a) petition on a notice of deficiency), a
claim for refund (§ 7508(a)(1)(E)), and a CDP hearing request under §§ 6320 and 6330 (an act "specified by the
Secretary", § 7508(a)(1)(K), in the list of Rev. Proc. 2018-58 — status of that list item shown with its citation).
Not postponed here, because no source read lists them: CAP appeals, the § 6343(b) return request and the § 6532(c)
wrongful-levy suit; their ordinary dates stand alone. The equivalent-hearing request (a period of the regulations,
Treas. Reg. § 301.6330-1(i)) is not settled either way (``UNSETTLED``, reference PP-EH): its ordinary date stays
first and the postponed date is shown beside it as the other reading, opening no route by itself.

Runs after every deadline function (``apply``, called by ``analyze``): it reads the deadlines, never re-counts
them. The calculation is calc/postponed_deadlines.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from levynav.core import params
from levynav.core.calc import dates
from levynav.core.calc import postponed_deadlines as calc
from levynav.core.law import registry
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, ROUTE_OPEN, UNKNOWN, Context, DeadlineFunc, Rule, RuleFunc
from levynav.core.model.analysis import Deadline, Effect, Finding, Message, ParamUse, message
from levynav.core.model.case import Case, Postponement, PostponementKind
from levynav.core.model.construct import replace
from levynav.core.model.message import DateArg

DISASTER = Rule(
    id="PP-7508A",
    title="Deadlines postponed by disaster relief",
    cites=("PP-7508A", "PP-R7508A", "PP-ACTS"),
    effect=Effect.DEADLINE,
)
COMBAT_ZONE = Rule(
    id="PP-7508",
    title="Deadlines postponed by combat-zone service",
    cites=("PP-7508", "PP-ACTS"),
    effect=Effect.DEADLINE,
)
RULE_OF = {
    PostponementKind.DISASTER: DISASTER,
    PostponementKind.MAJOR_DISASTER: DISASTER,
    PostponementKind.COMBAT_ZONE: COMBAT_ZONE,
}

# what a postponed deadline cites for the postponement, by kind (the list of acts comes with the act, ACTS)
DEADLINE_CITES = {
    PostponementKind.DISASTER: ("PP-7508A", "PP-R7508A"),
    PostponementKind.MAJOR_DISASTER: ("PP-7508A",),
    PostponementKind.COMBAT_ZONE: ("PP-7508",),
}
# deadline id -> the source that makes it an act the law postpones, beyond § 7508(a)(1) itself
ACTS: dict[str, tuple[str, ...]] = {
    "cdp.request": ("PP-ACTS",),  # § 7508(a)(1)(K): Rev. Proc. 2018-58
    "lien_cdp.request": ("PP-ACTS",),
    "tax_court.cdp_petition": (),  # § 7508(a)(1)(C)
    "is.tax_court_petition": (),  # § 7508(a)(1)(C)
    "tax_court.deficiency_petition": (),  # § 7508(a)(1)(C): "for redetermination of a deficiency"
    "refund.claim": (),  # § 7508(a)(1)(E)
}
# deadline id -> its sources: acts whose postponement no source read settles (reference PP-EH: the one-year period to
# ask for an equivalent hearing is not among § 7508(a)(1)(A)-(J), and Treas. Reg. § 301.6330-1(i)(2) Q&A-I8, I9 name
# only §§ 7502, 7503 and no extension for living abroad). The ordinary date stays the deadline's date (the earlier,
# protective reading: act by it); the postponed date is shown beside it as the other reading, with its own reason.
# It opens no route by itself (the PP finding does not count it, and a passed ordinary date is not marked still open).
UNSETTLED: dict[str, tuple[str, ...]] = {"eh.request": ("PP-EH",), "lien_eh.request": ("PP-EH",)}
UNSETTLED_REASON = "count.postponed.reason_unsettled"
# the mandatory period of a major disaster (§ 7508A(e)(1)) reaches only the acts of § 7508(a)(1)(A)-(F)
MANDATORY_ACTS = frozenset(
    {"tax_court.cdp_petition", "is.tax_court_petition", "tax_court.deficiency_petition", "refund.claim"}
)
MANDATORY_DAYS = "postponement.major_disaster_days"
_COUNTED = ("count.period", "count.one_year")  # the clause of a deadline that holds its start and plain end


@dataclass(frozen=True)
class _Moved:
    deadline: Deadline
    postponed: calc.Postponed


def _period(d: Deadline) -> tuple[date | None, date]:
    """The first counted day (None: unknown) and the ordinary last day before § 7503 of deadline ``d``, from the
    typed dates of the clause that counted it (``count.period``: "counted from START, the period ends END")."""
    for clause in d.computation:
        if clause.key in _COUNTED:
            start, end = clause.args.get("start"), clause.args.get("end")
            if isinstance(start, DateArg) and isinstance(end, DateArg):
                # a printed last day earlier than the counted one (Letter 3172) is the last day
                return start.value + timedelta(days=1), min(end.value, d.date)
    return None, d.date


def _clause(p: calc.Postponed) -> list[Message]:
    out = [message(f"count.postponed.{d.kind.value}", first=d.first, last=d.last, day=p.raw) for d in p.applied]
    roll = dates.roll_period_end(p.raw, p.raw).roll()
    if roll is not None:
        out.append(message("count.roll_forward", reason=roll, last=p.last))
    return out


def _postponed(d: Deadline, p: calc.Postponed) -> Deadline:
    kinds = dict.fromkeys(x.kind for x in p.applied)
    ids = [c.id for c in d.citations]
    extra = [c for k in kinds for c in DEADLINE_CITES[k] if c not in ids]
    extra += [c for c in ACTS[d.id] if c not in ids and c not in extra]
    citations = [*d.citations, *registry.cites(list(dict.fromkeys(extra)))]
    update: dict[str, Any] = {"computation": [*d.computation, *_clause(p)], "citations": citations}
    if d.alternative_date is None:  # a deadline read two ways already keeps its other reading (and this clause)
        update["alternative_date"] = p.last
        update["alternative_reason"] = message("count.postponed.reason")
    return replace(d, **update)  # a copy with the postponed reading (model/construct.replace: no re-validation)


def _unsettled(d: Deadline, p: calc.Postponed) -> Deadline:
    """A deadline of an act whose postponement is not settled (``UNSETTLED``): the postponed day beside the ordinary
    one, with the clause of how it was counted and the clause saying no source read settles it."""
    kinds = dict.fromkeys(x.kind for x in p.applied)
    ids = [c.id for c in d.citations]
    extra = [c for k in kinds for c in DEADLINE_CITES[k] if c not in ids]
    extra += [c for c in UNSETTLED[d.id] if c not in ids and c not in extra]
    clauses = [*_clause(p), message("count.postponed.unsettled", day=p.last)]
    return replace(
        d,
        computation=[*d.computation, *clauses],
        citations=[*d.citations, *registry.cites(list(dict.fromkeys(extra)))],
        alternative_date=p.last,
        alternative_reason=message(UNSETTLED_REASON),
    )


def apply(case: Case, ctx: Context, deadlines: list[Deadline]) -> tuple[list[Deadline], list[Finding]]:
    """The deadlines with their postponed dates added, and the PP findings (one per postponement)."""
    items = case.proceedings.postponements
    if not items:
        return deadlines, []
    periods = [s for i, p in enumerate(items) if (s := calc.disregarded(i, p, _days(p))) is not None]
    announced = [s for s in periods if s.kind is not PostponementKind.MAJOR_DISASTER]  # (a) periods and § 7508
    moved: list[_Moved] = []
    out: list[Deadline] = []
    for d in deadlines:
        if d.id in UNSETTLED:
            # not an act the law is known to postpone: the mandatory period (§ 7508(a)(1)(A)-(F) only) never reaches
            # it; an announced or combat-zone period gives the other reading, beside the ordinary date
            other = calc.postpone(*_period(d), announced) if announced else None
            fits = other is not None and other.last > d.date and d.alternative_date is None
            out.append(_unsettled(d, other) if fits and other is not None else d)
            continue
        reach = periods if d.id in MANDATORY_ACTS else announced
        later = calc.postpone(*_period(d), reach) if d.id in ACTS and reach else None
        if later is None or later.last <= d.date:
            out.append(d)
            continue
        out.append(_postponed(d, later))
        moved.append(_Moved(d, later))
    return out, [_finding(i, case, ctx, moved, out) for i in range(len(items))]


def _use(p: Postponement) -> ParamUse | None:
    """The mandatory period's day count in force on a major disaster's declaration date (None: none, or unknown)."""
    if p.kind is not PostponementKind.MAJOR_DISASTER or p.declaration_date is None:
        return None
    try:
        return params.use(MANDATORY_DAYS, p.declaration_date)
    except params.MissingParameter:
        return None  # declared before Nov. 16, 2021: counted from the latest incident date, not encoded


def _days(p: Postponement) -> int | None:
    use = _use(p)
    return use.value if use is not None and isinstance(use.value, int) else None


def _finding(i: int, case: Case, ctx: Context, moved: list[_Moved], deadlines: list[Deadline]) -> Finding:
    p = case.proceedings.postponements[i]
    rule = RULE_OF[p.kind]
    sub = f"proceedings.postponements[{i}]"
    facts: dict[str, Any] = {f"{sub}.kind": p.kind}
    for name in ("start", "end", "hospitalized_until", "declaration_date"):
        if getattr(p, name) is not None:
            facts[f"{sub}.{name}"] = getattr(p, name)
    if p.kind is PostponementKind.MAJOR_DISASTER:
        return _mandatory(i, p, ctx, moved, sub, facts)
    if p.start is None or p.end is None:
        missing = [f"{sub}.{n}" for n in ("start", "end") if getattr(p, n) is None]
        if p.kind is PostponementKind.COMBAT_ZONE and p.start is not None:
            passed = _passed_while_serving(p.start, deadlines)
            if passed:
                # § 7508(a): the service and the next 180 days "shall be disregarded": a deadline of a postponed act
                # whose period had not ended when the service began has not run out while the person still serves,
                # whatever the last day of service will be — the route is open, not closed (audit 2026-12-07, round 3)
                return rule.finding(
                    UNKNOWN,
                    "still_serving_passed",
                    effect=ROUTE_OPEN,
                    subject=sub,
                    facts=facts,
                    missing=missing,
                    deadline_ids=list(dict.fromkeys(d.id for d in passed)),
                    start=p.start,
                    ordinary=min(d.date for d in passed),
                    count=len(passed),
                )
            return rule.finding(UNKNOWN, "still_serving", subject=sub, facts=facts, missing=missing, start=p.start)
        return rule.finding(UNKNOWN, "dates_unknown", subject=sub, facts=facts, missing=missing)
    stretch = calc.disregarded(i, p)
    assert stretch is not None
    return _answer(i, rule, stretch, ctx, moved, sub, facts)


def still_open(case: Case, as_of: date, deadlines: list[Deadline]) -> list[Deadline]:
    """The deadlines with ``still_open`` set where the date has passed but the act may still be done: the other
    reading's date is still ahead (a postponed date, the statute's count beside an earlier printed day, a second
    reading of a regulation — the plan already acts on it), or a combat-zone service with no last day yet began
    before the period ended (§ 7508(a): the service and the next 180 days "shall be disregarded"; the clause
    ``count.postponed.still_serving`` says so, as the deadline has no postponed date to show)."""
    serving = [
        p.start
        for p in case.proceedings.postponements
        if p.kind is PostponementKind.COMBAT_ZONE and p.start is not None and p.end is None
    ]
    out: list[Deadline] = []
    for d in deadlines:
        if not d.passed:
            out.append(d)
            continue
        starts = [s for s in serving if _passed_while_serving(s, [d])]
        if starts:
            clause = message("count.postponed.still_serving", start=min(starts))
            d = replace(d, still_open=True, computation=[*d.computation, clause])
        elif d.alternative_date is not None and d.alternative_date >= as_of and not _unsettled_reading(d):
            d = replace(d, still_open=True)
        out.append(d)
    return out


def _unsettled_reading(d: Deadline) -> bool:
    """The deadline's other date is a postponement no source read settles (``UNSETTLED``): it keeps no route open."""
    reason = d.alternative_reason
    return reason is not None and reason.key == UNSETTLED_REASON


def _passed_while_serving(start: date, deadlines: list[Deadline]) -> list[Deadline]:
    """The deadlines of acts § 7508 postpones (``ACTS``) whose ordinary date has passed although their period had not
    ended when a combat-zone service with no last day yet began (``start``): while the person serves, they have not
    run out. The lower bound alone (the service ended the day it began) is not used: it would invent an end."""
    return [d for d in deadlines if d.id in ACTS and d.passed and _period(d)[1] >= start]


def _mandatory(i: int, p: Postponement, ctx: Context, moved: list[_Moved], sub: str, facts: dict[str, Any]) -> Finding:
    """PP-7508A for the mandatory period of a major disaster: its own message keys (``…_mandatory``)."""
    missing = [f"{sub}.{n}" for n in ("start", "declaration_date") if getattr(p, n) is None]
    if missing:
        return DISASTER.finding(UNKNOWN, "dates_unknown_mandatory", subject=sub, facts=facts, missing=missing)
    use = _use(p)
    stretch = calc.disregarded(i, p, _days(p))
    if use is None or stretch is None:
        return DISASTER.finding(UNKNOWN, "law_not_counted", subject=sub, facts=facts, declared=p.declaration_date)
    return _answer(i, DISASTER, stretch, ctx, moved, sub, facts, (use,), "_mandatory", {"days": use.value})


def _answer(
    i: int,
    rule: Rule,
    stretch: calc.Disregarded,
    ctx: Context,
    moved: list[_Moved],
    sub: str,
    facts: dict[str, Any],
    used: tuple[ParamUse, ...] = (),
    suffix: str = "",
    extra: dict[str, Any] | None = None,
) -> Finding:
    """The finding of a postponement whose disregarded days are known: which deadlines it moved, if any."""
    mine = [m for m in moved if any(x.index == i for x in m.postponed.applied)]
    if not mine:
        return rule.finding(
            DOES_NOT_APPLY,
            "no_deadline_inside" + suffix,
            subject=sub,
            facts=facts,
            params=used,
            first=stretch.first,
            last=stretch.last,
            **(extra or {}),
        )
    # an ordinary date already passed whose postponed date has not: the route is open again, act at once
    reopened = [m for m in mine if m.deadline.passed and m.postponed.last >= ctx.as_of]
    if reopened:
        first_open = min(reopened, key=lambda m: m.postponed.last)
        return rule.finding(
            APPLIES,
            "reopens" + suffix,
            effect=ROUTE_OPEN,
            subject=sub,
            facts=facts,
            params=used,
            value=stretch.last,
            deadline_ids=list(dict.fromkeys(m.deadline.id for m in mine)),
            first=stretch.first,
            last=stretch.last,
            ordinary=first_open.deadline.date,
            day=first_open.postponed.last,
            count=len(reopened),
            **(extra or {}),
        )
    return rule.finding(
        APPLIES,
        "postpones" + suffix,
        subject=sub,
        facts=facts,
        params=used,
        value=stretch.last,
        deadline_ids=list(dict.fromkeys(m.deadline.id for m in mine)),
        first=stretch.first,
        last=stretch.last,
        count=len(mine),
        latest=max(m.postponed.last for m in mine),
        **(extra or {}),
    )


# the findings come from ``apply`` (they need every deadline); the catalog lists no function for them
RULES: list[RuleFunc] = []
DEADLINES: list[DeadlineFunc] = []
