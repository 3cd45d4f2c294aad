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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from levynav.core import lawdata, params
from levynav.core.calc.csed_events import read_events
from levynav.core.calc.csed_types import (
    AssessmentCsed,
    Convention,
    Events,
    LeapDay,
    PeriodCsed,
    Step,
    Suspension,
    clause,
    make_assessment,
    make_period,
)
from levynav.core.calc.dates import add_months, add_years
from levynav.core.model.case import Case, TaxPeriod
from levynav.core.model.message import Message, message

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


def _floor(s: Suspension, conv: Convention) -> tuple[date, str, int, date] | None:
    """The date a floor holds the statute to, and the floor's kind, length and anchor (for its words)."""
    if s.floor_anchor is not None and s.floor_days is not None:
        shift = s.floor_days - (1 if conv is Convention.INCLUSIVE else 0)
        return s.floor_anchor + timedelta(days=shift), "floor_days", s.floor_days, s.floor_anchor
    if s.floor_months_after is not None and s.floor_months is not None:
        day = add_months(s.floor_months_after, s.floor_months)
        return day, "floor_months", s.floor_months, s.floor_months_after
    return None


def _cites(s: Suspension) -> tuple[str, ...]:
    return (s.ref, "CSED-4")


def _counted_days(s: Suspension, assessed: date, own: int) -> Message:
    """The clause of a suspension's own days: counted from the assessment when it began before, so far when open."""
    if s.start < assessed:
        name = "days_from_assessment_so_far" if s.open else "days_from_assessment"
        return clause(name, days=own, assessed=assessed)
    return clause("days_so_far" if s.open else "days", days=own)


_Clipped = list[tuple[date, date, Suspension]]


def _clip(assessed: date, suspensions: Sequence[Suspension]) -> _Clipped:
    """The suspensions that reach the assessment, each from the later of its start and the assessment."""
    return [(max(s.start, assessed), s.end, s) for s in suspensions if s.end >= assessed and s.end >= s.start]


def _run(
    assessed: date, base: date, clipped: _Clipped, conv: Convention, words: bool = True
) -> tuple[date, int, list[Step], bool, list[Suspension]]:
    """The CSED of one assessment under one counting convention (``clipped``: ``_clip``), with the suspension lines
    (``words``: built only for the reading the timeline shows; the other readings and the what-if counts need the
    date alone) and the suspensions counted, in the timeline's order."""
    steps: list[Step] = []
    counted: list[Suspension] = []
    if not clipped:  # nothing suspends this assessment's statute: the base date, under every reading
        return base, 0, steps, False, counted
    cur, total, provisional = base, 0, False
    for block in _union(clipped, conv):
        if block.start > cur:
            if words:
                for s in block.members:
                    what = clause("not_counted", event=s.name, source=s.source, ran_out=cur)
                    steps.append(Step(s.start, what, (s.ref,), None, s.end, counted=False))
            continue
        days = _length(block.start, block.end, conv)
        total += days
        cur += timedelta(days=days)
        # a lone event's line carries the block's days; overlapping ones get an overlap line that carries them
        alone = days if len(block.members) == 1 else None
        counted += block.members
        for s in block.members:
            provisional = provisional or s.open
            if words:
                own = _length(max(s.start, assessed), s.end, conv)
                more = (*s.detail, _counted_days(s, assessed, own))
                if s.unverified:
                    more += (clause("unverified"),)
                what = clause("event", event=s.name, source=s.source)
                steps.append(Step(s.start, what, _cites(s), alone, s.end, event=s, detail=more))
        if words and alone is None:
            names = [m.source for m in block.members]
            what = clause("overlap", sources=names, start=block.start, end=block.end, days=days)
            steps.append(Step(block.start, what, ("CSED-4",), days, block.end))
        for s in block.members:
            fl = _floor(s, conv)
            if fl is not None and fl[0] > cur:
                day, kind, length, anchor = fl
                if words:
                    unit = "days" if kind == "floor_days" else "months"
                    what = clause(kind, anchor=anchor, before=cur, after=day, **{unit: length})
                    steps.append(Step(day, what, (s.ref,), None))
                cur = day
    return cur, total, steps, provisional, counted


def csed_date(assessed: date, suspensions: Sequence[Suspension]) -> date:
    """The date ``assessment_csed(…).date`` would give (the primary reading), without its timeline's words: for
    the what-if counts (an event left out, a wrongful-levy claim's longer statute), which compare dates only."""
    return _run(assessed, base_date(assessed), _clip(assessed, suspensions), Convention.SUBTRACTION, False)[0]


def assessment_name(codes: Sequence[int], original: bool) -> Message:
    """An assessment by the transcript's codes (TC 150, TC 290 …) when read from one, else by its kind."""
    if codes:
        return clause("assessment.codes", codes=list(codes))
    return message("statute.kind." + ("original" if original else "additional"))


def assessment_csed(
    period_id: str,
    assessed: date,
    suspensions: Sequence[Suspension],
    extra_cites: tuple[str, ...] = (),
    original: bool = True,
    codes: tuple[int, ...] = (),
    words: bool = True,
) -> AssessmentCsed:
    """The CSED of one assessment, its timeline and the dates under the other counting readings (``words`` False:
    no timeline, for the analysis, which reads the dates and the events counted only)."""
    base = base_date(assessed)
    clipped = _clip(assessed, suspensions)
    result, total, steps, provisional, counted = _run(assessed, base, clipped, Convention.SUBTRACTION, words)
    leap = (assessed.month, assessed.day) == (2, 29)
    alternatives: dict[str, date] = {}
    # nothing clipped: no suspension counted under either convention (``_run``), the same date
    inclusive = _run(assessed, base, clipped, Convention.INCLUSIVE, False)[0] if clipped else result
    if inclusive != result:
        alternatives["inclusive"] = inclusive
    # the other 29 February reading moves only the base of a 29 February assessment (``base_date``)
    leap_base = base_date(assessed, LeapDay.MAR_1) if leap else base
    if leap_base != base:
        alternatives["mar1"] = _run(assessed, leap_base, clipped, Convention.SUBTRACTION, False)[0]
    # on the same base the inclusive reading is the one just counted
    both = inclusive if leap_base == base else _run(assessed, leap_base, clipped, Convention.INCLUSIVE, False)[0]
    if both != result and alternatives:
        alternatives["both"] = both
    timeline: list[Step] = []
    if words:
        name = assessment_name(codes, original)
        timeline.append(Step(assessed, clause("assessed", assessment=name), ("CSED-1", "CSED-2", *extra_cites)))
        base_words = clause("base_leap" if leap else "base", day=base)
        timeline.append(Step(base, base_words, ("CSED-1", "CSED-6") if assessed.month == 2 else ("CSED-1",)))
        timeline.extend(steps)
        what, more = _end_words(result, total, provisional, alternatives)
        cites = ("CSED-3", "CSED-5") if alternatives else ("CSED-3",)
        timeline.append(Step(result, what, cites, total, detail=more))
    return make_assessment(
        period_id=period_id,
        assessed=assessed,
        base=base,
        date=result,
        suspended_days=total,
        provisional=provisional,
        timeline=tuple(timeline),
        alternatives=alternatives,
        original=original,
        codes=codes,
        counted=tuple(counted),
    )


def _at_least(day: date, provisional: bool) -> date | Message:
    return message("statute.at_least", day=day) if provisional else day


def _reading(name: str) -> Message:
    """A counting reading by name (``inclusive``, ``mar1``, ``both``): ``csed_timeline.reading.*``."""
    return clause(f"reading.{name}")


def _end_words(
    result: date, total: int, provisional: bool, alternatives: dict[str, date]
) -> tuple[Message, tuple[Message, ...]]:
    """The last timeline line. Safer date first (ADR 0002): a date after which the IRS may no longer act is shown
    at its LATEST reading, the primary date and the other readings beside it with the reason."""
    later = {k: d for k, d in alternatives.items() if d > result and k != "both"} or {
        k: d for k, d in alternatives.items() if d > result
    }
    csed = _at_least(result, provisional)
    if later:
        name, latest = max(later.items(), key=lambda kv: kv[1])
        what = clause("end_later", latest=_at_least(latest, provisional), reading=_reading(name), csed=csed, days=total)
        others = {k: d for k, d in alternatives.items() if k not in {name, "both"} and d != latest}
    else:
        what = clause("end", csed=csed, days=total)
        others = {k: d for k, d in alternatives.items() if k != "both"}
    more: list[Message] = [clause("running")] if provisional else []
    for k, d in others.items():
        more.append(clause("other_reading_earlier" if d < result else "other_reading", reading=_reading(k), day=d))
    return what, tuple(more)


def _applies(s: Suspension, period_id: str) -> bool:
    return not s.periods or period_id in s.periods


def _assessments(p: TaxPeriod) -> list[tuple[date, bool]]:
    """(date, original?) of each assessment: the first (original) and the additional ones."""
    out: dict[date, bool] = {}
    if p.assessment_date is not None:
        out[p.assessment_date] = True
    for d in p.additional_assessment_dates:
        out.setdefault(d, False)
    return sorted(out.items())


def _name(a: AssessmentCsed) -> Message:
    return assessment_name(a.codes, a.original)


def _same_as(stated: date, assessments: Sequence[AssessmentCsed]) -> tuple[AssessmentCsed, str | None] | None:
    """The first assessment whose CSED (reading None) or other reading (not "both") is the stated CSED, or None."""
    for a in assessments:
        if stated == a.date:
            return a, None
        for reading, d in a.alternatives.items():
            if stated == d and reading != "both":
                return a, reading
    return None


def _compare(stated: date, assessments: Sequence[AssessmentCsed], susp: Sequence[Suspension]) -> tuple[Message, ...]:
    """Why a stated CSED differs from the computed one: the nearest assessment, and the events that explain it."""
    same = _same_as(stated, assessments)
    if same is not None:
        a, reading = same
        if reading is None:
            return ()
        return (clause("stated.other_reading", stated=stated, assessment=_name(a), reading=_reading(reading)),)
    near = min(assessments, key=lambda a: (abs((stated - a.date).days), a.assessed))
    diff = (stated - near.date).days
    out = [
        clause(
            "stated.differs_later" if diff > 0 else "stated.differs_earlier",
            stated=stated,
            days=abs(diff),
            computed=near.date,
            assessment=_name(near),
            assessed=near.assessed,
        )
    ]
    left_out = [s for s in susp if csed_date(near.assessed, [x for x in susp if x != s]) == stated]
    same_length = [s for s in susp if abs((s.end - s.start).days) == abs(diff)]
    if left_out:
        out.append(clause("stated.without", events=[_span(s) for s in left_out]))
    elif same_length:
        out.append(clause("stated.same_length", events=[_span(s) for s in same_length]))
    elif susp:
        out.append(clause("stated.check", events=[_span(s) for s in susp]))
    else:
        out.append(clause("stated.none_known"))
    return tuple(out)


def _span(s: Suspension) -> Message:
    return clause("span", event=s.name, source=s.source, start=s.start, end=s.end, days=(s.end - s.start).days)


def case_csed(
    case: Case,
    as_of: date,
    codes: dict[tuple[str, date], tuple[int, ...]] | None = None,
    events: Events | None = None,
    words: bool = True,
) -> dict[str, PeriodCsed]:
    """Computed CSEDs for every period with a known assessment date; ``codes``: the transcript's transaction codes
    of each (period, assessment date), which name the assessment. ``words`` False (the analysis, which reads the
    dates, the events counted and whether a stated CSED differs): no timelines, notes or comparison's words."""
    events = events if events is not None else read_events(case, as_of)
    codes = codes or {}
    out: dict[str, PeriodCsed] = {}
    for p in case.tax_periods:
        found = _assessments(p)
        if not found:
            continue
        susp = [s for s in events.suspensions if _applies(s, p.id)]
        try:
            if susp or words:
                rows = tuple(
                    assessment_csed(p.id, d, susp, original=first, codes=codes.get((p.id, d), ()), words=words)
                    for d, first in found
                )
            else:
                rows = tuple(_unsuspended(p.id, d, first, codes.get((p.id, d), ())) for d, first in found)
        except (params.MissingParameter, OverflowError):  # a date outside the tables or the calendar
            out[p.id] = make_period(period_id=p.id, assessments=(), notes=(clause("note.not_computed"),))
            continue
        stated = p.irs_stated_csed or p.csed
        same = _same_as(stated, rows) if stated is not None else None
        differs = stated is not None and (same is None or same[1] is not None)
        used = (params.use("csed.collection_period_years", found[0][0]),)
        if not words:
            out[p.id] = make_period(period_id=p.id, assessments=rows, stated=stated, params=used, differs=differs)
            continue
        notes = list(events.notes)
        notes += [
            clause("note.no_effect", event=n.name, source=n.source, why=n.why)
            for n in events.no_effect
            if not n.periods or p.id in n.periods
        ]
        notes += _wrongful_levy(case, p, rows, susp)
        diff = _compare(stated, rows, susp) if stated is not None else ()
        out[p.id] = make_period(
            period_id=p.id,
            assessments=rows,
            notes=tuple(notes),
            stated=stated,
            stated_difference=diff,
            params=used,
            differs=differs,
        )
    return out


def _unsuspended(period_id: str, assessed: date, original: bool, codes: tuple[int, ...]) -> AssessmentCsed:
    """``assessment_csed`` without suspensions or words (most assessments of an analysis): it follows from the
    assessment and the law alone, so it is counted once per Law bundle and values and kept on the bundle (the record
    is frozen and shared; nobody changes its ``alternatives``). A date outside the tables or the calendar raises, as
    ``assessment_csed`` does, every time (nothing is kept for it)."""
    known: dict[tuple[str, date, bool, tuple[int, ...]], AssessmentCsed] = lawdata.kept("csed.unsuspended")
    key = (period_id, assessed, original, codes)
    hit = known.get(key)
    if hit is None:
        hit = known[key] = assessment_csed(period_id, assessed, (), original=original, codes=codes, words=False)
    return hit


def _wrongful_levy(case: Case, p: TaxPeriod, rows: Sequence[AssessmentCsed], susp: list[Suspension]) -> list[Message]:
    """§ 6503(f)(1): only the amount returned gets the longer statute (CSED-3 row 10)."""
    notes = []
    for i, claim in enumerate(case.proceedings.wrongful_levy_claims):
        levy = next((lv for lv in case.levies if claim.levy_id is not None and lv.id == claim.levy_id), None)
        returned = claim.returned_date or (levy.returned_date if levy else None)
        if levy is None or levy.served_date is None or returned is None:
            continue
        if levy.tax_periods and p.id not in levy.tax_periods:
            continue
        source = f"proceedings.wrongful_levy_claims[{i}]"
        # The day count has no value on a date of return before its first (1988): the claim's note says so, as the
        # events' readers do (csed_events.read_events), and the period's dates stand.
        try:
            notes += _wrongful_levy_notes(source, levy.served_date, returned, levy.amount_taken, rows, susp)
        except params.MissingParameter:
            notes.append(clause("note.wrongful_levy_law_gap", source=source, day=returned))
    return notes


def _wrongful_levy_notes(
    source: str,
    served: date,
    returned: date,
    amount: Decimal | None,
    rows: Sequence[AssessmentCsed],
    susp: list[Suspension],
) -> list[Message]:
    """One claim's notes: each assessment whose CSED the claim moves, for the amount returned (``amount``) only."""
    tail = params.number("csed.wrongful_levy_tail_days", returned)
    end = returned + timedelta(days=tail)
    extra = Suspension("CSED-3.10", source, served, end, (clause("detail.returned_plus", day=returned, days=tail),))
    notes = []
    for a in rows:
        scoped = csed_date(a.assessed, [*susp, extra])
        if scoped != a.date:
            if amount is not None:
                said = clause("note.wrongful_levy", amount=amount, assessment=_name(a), day=scoped)
            else:
                said = clause("note.wrongful_levy_amount_unknown", assessment=_name(a), day=scoped)
            notes.append(said)
    return notes
