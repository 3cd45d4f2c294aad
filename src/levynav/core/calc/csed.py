"""The collection statute expiration date (CSED) engine (reference §C; DESIGN M10).

- Each assessment has its own CSED: the same calendar date ten years later (§ 6502(a); CSED-1, CSED-2).
- Suspensions (CSED-3) are intervals; overlapping ones count once (CSED-4): the CSED is the base date
  plus the distinct days of the union of the intervals that began while the statute was still running.
- Floors are applied after the interval that carries them: a CDP hearing's "not before the 90th day after
  the determination is final" (§ 6330(e)(1)) and the "six months after return" rule (§ 6503(c)).
- Counting conventions and the 29 February question are open (CSED-5, CSED-6): the primary date uses
  subtraction and 28 February; the other readings are computed too and shown when they differ
  (docs/adr/0002-csed-day-counting.md).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from levynav.core import params
from levynav.core.calc.csed_events import read_events
from levynav.core.calc.csed_types import AssessmentCsed, Convention, Events, LeapDay, PeriodCsed, Step, Suspension
from levynav.core.calc.dates import add_months, add_years
from levynav.core.model.case import Case, TaxPeriod

__all__ = ["AssessmentCsed", "Convention", "LeapDay", "PeriodCsed", "assessment_csed", "base_date", "case_csed"]


def base_date(assessed: date, leap: LeapDay = LeapDay.FEB_28) -> date:
    """Ten years after assessment on the same calendar date (§ 6502(a)(1)); 29 February per ``leap``."""
    years = params.number("csed.collection_period_years", assessed)
    base = add_years(assessed, years)
    if leap is LeapDay.MAR_1 and (assessed.month, assessed.day) == (2, 29) and base.day == 28:
        return base + timedelta(days=1)
    return base


@dataclass
class _Block:
    start: date
    end: date
    members: list[Suspension]


def _length(start: date, end: date, conv: Convention) -> int:
    return (end - start).days + (1 if conv is Convention.INCLUSIVE else 0)


def _union(intervals: Iterable[tuple[date, date, Suspension]], conv: Convention) -> list[_Block]:
    """Merge intervals; under INCLUSIVE, intervals that touch (next starts the day after) also merge."""
    gap = 1 if conv is Convention.INCLUSIVE else 0
    blocks: list[_Block] = []
    for start, end, s in sorted(intervals, key=lambda t: (t[0], t[1])):
        if blocks and start <= blocks[-1].end + timedelta(days=gap):
            blocks[-1].end = max(blocks[-1].end, end)
            blocks[-1].members.append(s)
        else:
            blocks.append(_Block(start, end, [s]))
    return blocks


def _floor(s: Suspension, conv: Convention) -> tuple[date, str] | None:
    if s.floor_anchor is not None and s.floor_days is not None:
        shift = s.floor_days - (1 if conv is Convention.INCLUSIVE else 0)
        return s.floor_anchor + timedelta(days=shift), f"the {s.floor_days}th day after {s.floor_anchor.isoformat()}"
    if s.floor_months_after is not None and s.floor_months is not None:
        return add_months(
            s.floor_months_after, s.floor_months
        ), f"{s.floor_months} months after {s.floor_months_after.isoformat()}"
    return None


def _cites(s: Suspension) -> tuple[str, ...]:
    return (s.ref, "CSED-4")


def _run(
    assessed: date, base: date, suspensions: Sequence[Suspension], conv: Convention
) -> tuple[date, int, list[Step], bool]:
    """The CSED of one assessment under one counting convention, with the suspension lines."""
    clipped = [(max(s.start, assessed), s.end, s) for s in suspensions if s.end >= assessed and s.end >= s.start]
    steps: list[Step] = []
    cur, total, provisional = base, 0, False
    for block in _union(clipped, conv):
        if block.start > cur:
            for s in block.members:
                steps.append(
                    Step(
                        s.start,
                        f"{s.label} ({s.source}) began after the statute had run out on {cur.isoformat()}: not counted",
                        (s.ref,),
                        None,
                        s.end,
                        counted=False,
                    )
                )
            continue
        days = _length(block.start, block.end, conv)
        total += days
        cur += timedelta(days=days)
        for s in block.members:
            own = _length(max(s.start, assessed), s.end, conv)
            words = f"{s.label} ({s.source}): {s.detail}; {own} days"
            if s.start < assessed:
                words += f" counted from the assessment on {assessed.isoformat()}"
            if s.open:
                provisional = True
                words += " so far (still running)"
            if s.unverified:
                words += " [mapping unverified]"
            steps.append(Step(s.start, words, _cites(s), None, s.end, event=s))
        if len(block.members) > 1:
            names = ", ".join(m.source for m in block.members)
            steps.append(
                Step(
                    block.start,
                    f"These overlap ({names}); the days from {block.start.isoformat()} to "
                    f"{block.end.isoformat()} count once: {days} days",
                    ("CSED-4",),
                    days,
                    block.end,
                )
            )
        else:
            steps[-1] = dataclasses.replace(steps[-1], days=days)
        for s in block.members:
            fl = _floor(s, conv)
            if fl is not None and fl[0] > cur:
                steps.append(
                    Step(
                        fl[0],
                        f"Minimum applies: the statute cannot run out before {fl[1]}, so the CSED "
                        f"moves from {cur.isoformat()} to {fl[0].isoformat()}",
                        (s.ref,),
                        None,
                    )
                )
                cur = fl[0]
    return cur, total, steps, provisional


def assessment_csed(
    period_id: str,
    assessed: date,
    label: str,
    suspensions: Sequence[Suspension],
    extra_cites: tuple[str, ...] = (),
    original: bool = True,
) -> AssessmentCsed:
    """The CSED of one assessment, its timeline and the dates under the other counting readings."""
    base = base_date(assessed)
    result, total, steps, provisional = _run(assessed, base, suspensions, Convention.SUBTRACTION)
    timeline = [Step(assessed, f"{label} assessed", ("CSED-1", "CSED-2", *extra_cites))]
    base_words = f"Ten years later, same calendar date: {base.isoformat()}"
    if (assessed.month, assessed.day) == (2, 29):
        base_words += " (assessed on 29 February: 28 February used; 1 March is the other reading)"
    timeline.append(Step(base, base_words, ("CSED-1", "CSED-6") if assessed.month == 2 else ("CSED-1",)))
    timeline.extend(steps)
    alternatives: dict[str, date] = {}
    inclusive = _run(assessed, base, suspensions, Convention.INCLUSIVE)[0]
    if inclusive != result:
        alternatives["inclusive"] = inclusive
    leap_base = base_date(assessed, LeapDay.MAR_1)
    if leap_base != base:
        alternatives["mar1"] = _run(assessed, leap_base, suspensions, Convention.SUBTRACTION)[0]
    both = _run(assessed, leap_base, suspensions, Convention.INCLUSIVE)[0]
    if both != result and alternatives:
        alternatives["both"] = both
    end_words = _end_words(result, total, provisional, alternatives)
    timeline.append(Step(result, end_words, ("CSED-3", "CSED-5") if alternatives else ("CSED-3",), total))
    return AssessmentCsed(
        period_id, assessed, label, base, result, total, provisional, tuple(timeline), alternatives, original
    )


READING_WORDS = {
    "inclusive": "counting both the first and last day of each suspension",
    "mar1": "with 1 March as the anniversary",
    "both": "with both of those readings",
}


def _end_words(result: date, total: int, provisional: bool, alternatives: dict[str, date]) -> str:
    """The last timeline line. Safer date first (ADR 0002): a date after which the IRS may no longer act is shown
    at its LATEST reading, the primary date and the other readings beside it with the reason."""
    at_least = "at least " if provisional else ""
    running = " — a suspension is still running, so the date will move" if provisional else ""
    later = {k: d for k, d in alternatives.items() if d > result and k != "both"} or {
        k: d for k, d in alternatives.items() if d > result
    }
    if later:
        name, latest = max(later.items(), key=lambda kv: kv[1])
        words = (
            f"CSED: {at_least}{latest.isoformat()} {READING_WORDS[name]} (the later reading, shown first: only after "
            f"it has the statute surely run out); {result.isoformat()} counting one end of each suspension only "
            f"({total} suspended days counted){running}"
        )
        others = {k: d for k, d in alternatives.items() if k not in {name, "both"} and d != latest}
    else:
        words = f"CSED: {at_least}{result.isoformat()} ({total} suspended days counted){running}"
        others = {k: d for k, d in alternatives.items() if k != "both"}
    for k, d in others.items():
        words += f"; {READING_WORDS[k]} it is {d.isoformat()}"
        if d < result:
            words += " (earlier: a levy between the two dates is not treated as surely too late)"
    return words


def _applies(s: Suspension, period_id: str) -> bool:
    return not s.periods or period_id in s.periods


def _assessments(p: TaxPeriod, labels: dict[tuple[str, date], str]) -> list[tuple[date, str, bool]]:
    """(date, working label, original?) of each assessment: the first (original) and the additional ones."""
    out: dict[date, tuple[str, bool]] = {}
    if p.assessment_date is not None:
        out[p.assessment_date] = (labels.get((p.id, p.assessment_date), "Tax"), True)
    for d in p.additional_assessment_dates:
        out.setdefault(d, (labels.get((p.id, d), "Additional assessment"), False))
    return [(d, label, original) for d, (label, original) in sorted(out.items())]


def _compare(stated: date, assessments: Sequence[AssessmentCsed], susp: Sequence[Suspension]) -> str | None:
    """Why a stated CSED differs from the computed one: the nearest assessment, and the events that explain it."""
    for a in assessments:
        if stated == a.date:
            return None
        for reading, d in a.alternatives.items():
            if stated == d and reading != "both":
                return f"The stated CSED {stated.isoformat()} matches the {a.label} CSED read another way ({reading})."
    near = min(assessments, key=lambda a: (abs((stated - a.date).days), a.assessed))
    diff = (stated - near.date).days
    words = (
        f"The stated CSED {stated.isoformat()} differs from the computed {near.date.isoformat()} "
        f"({near.label} assessed {near.assessed.isoformat()}) by {diff:+d} days."
    )
    left_out = [
        s
        for s in susp
        if assessment_csed(near.period_id, near.assessed, near.label, [x for x in susp if x != s]).date == stated
    ]
    same_length = [s for s in susp if abs((s.end - s.start).days) == abs(diff)]
    if left_out:
        words += " It equals the computed date without: " + "; ".join(_event(s) for s in left_out) + "."
        words += " Check whether the IRS counted that event."
    elif same_length:
        words += " The difference equals the length of: " + "; ".join(_event(s) for s in same_length) + "."
    elif susp:
        words += " Check these events, which the two dates may count differently: " + "; ".join(map(_event, susp)) + "."
    else:
        words += (
            " No suspension is known to the case; ask the IRS which events it counted (TIGTA found many CSEDs wrong)."
        )
    return words


def _event(s: Suspension) -> str:
    return f"{s.label} ({s.source}) {s.start.isoformat()} to {s.end.isoformat()}, {(s.end - s.start).days} days"


def case_csed(
    case: Case, as_of: date, labels: dict[tuple[str, date], str] | None = None, events: Events | None = None
) -> dict[str, PeriodCsed]:
    """Computed CSEDs for every period with a known assessment date."""
    events = events if events is not None else read_events(case, as_of)
    labels = labels or {}
    out: dict[str, PeriodCsed] = {}
    for p in case.tax_periods:
        found = _assessments(p, labels)
        if not found:
            continue
        susp = [s for s in events.suspensions if _applies(s, p.id)]
        try:
            rows = tuple(assessment_csed(p.id, d, lab, susp, original=first) for d, lab, first in found)
        except (params.MissingParameter, OverflowError) as exc:  # a date outside the tables or the calendar
            out[p.id] = PeriodCsed(p.id, (), (f"the CSED cannot be computed: {exc}",))
            continue
        notes = list(events.notes)
        notes += [f"{n.label} ({n.source}): {n.why}" for n in events.no_effect if not n.periods or p.id in n.periods]
        notes += _wrongful_levy(case, p, rows, susp)
        stated = p.irs_stated_csed or p.csed
        diff = _compare(stated, rows, susp) if stated is not None else None
        used = tuple(params.use(pid, found[0][0]) for pid in ("csed.collection_period_years",))
        out[p.id] = PeriodCsed(p.id, rows, tuple(notes), stated, diff, used)
    return out


def _wrongful_levy(case: Case, p: TaxPeriod, rows: Sequence[AssessmentCsed], susp: list[Suspension]) -> list[str]:
    """§ 6503(f)(1): only the amount returned gets the longer statute (CSED-3 row 10)."""
    notes = []
    for i, claim in enumerate(case.proceedings.wrongful_levy_claims):
        levy = next((lv for lv in case.levies if claim.levy_id is not None and lv.id == claim.levy_id), None)
        returned = claim.returned_date or (levy.returned_date if levy else None)
        if levy is None or levy.served_date is None or returned is None:
            continue
        if levy.tax_periods and p.id not in levy.tax_periods:
            continue
        tail = params.number("csed.wrongful_levy_tail_days", returned)
        end = returned + timedelta(days=tail)
        extra = Suspension(
            "CSED-3.10",
            "Wrongful levy",
            f"proceedings.wrongful_levy_claims[{i}]",
            levy.served_date,
            end,
            f"returned {returned.isoformat()} + {tail} days",
        )
        for a in rows:
            scoped = assessment_csed(p.id, a.assessed, a.label, [*susp, extra], original=a.original)
            if scoped.date != a.date:
                amount = f"${levy.amount_taken:,.2f}" if levy.amount_taken is not None else "the amount returned"
                notes.append(
                    f"Wrongful levy (§ 6503(f)(1)): for {amount} only, the {a.label} CSED is {scoped.date.isoformat()}"
                )
    return notes
