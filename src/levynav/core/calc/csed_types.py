"""Records of the CSED engine: suspensions read from the case, and the computed dates with their timelines.

No words: an event is named by its reference id (label ``csed_event``) with its bankruptcy chapter or transcript
transaction code; every clause of a timeline line, a note or a comparison is a message reference
(``csed_timeline.*``, data/messages/<lang>/csed_timeline.yaml) that ``levynav.explain.csed_timeline`` renders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from operator import attrgetter

from levynav.core.model.analysis import ParamUse
from levynav.core.model.construct import builder
from levynav.core.model.message import LabelArg, Message, label_arg, message


class Convention(StrEnum):
    """How suspension days are counted (reference CSED-5; docs/adr/0002-csed-day-counting.md).

    SUBTRACTION: a suspension from A to B adds B − A days; "the 90th day after F" is F + 90.
    INCLUSIVE: both A and B are counted (B − A + 1 days); "the 90th day after F" counts F as day 1 (F + 89).
    """

    SUBTRACTION = "subtraction"
    INCLUSIVE = "inclusive"


class LeapDay(StrEnum):
    """Where the tenth anniversary of a 29 February assessment falls in a common year (CSED-6)."""

    FEB_28 = "feb28"
    MAR_1 = "mar1"


@dataclass(frozen=True)
class Suspension:
    """One event that suspends the statute, as the engine will count it."""

    ref: str  # registry id of the CSED-3 row, e.g. "CSED-3.6" (its name: label ``csed_event``)
    source: str  # the case path it was read from, e.g. "offers[0]"
    start: date
    end: date  # last day of the suspension (tails included); for an open one: the as-of date
    detail: tuple[Message, ...]  # how the end was found, clause by clause (``csed_timeline.detail.*``)
    open: bool = False  # still running on the as-of date: the CSED is at least the date shown
    periods: tuple[str, ...] = ()  # () = every period of the case
    floor_anchor: date | None = None  # CDP: the statute may not end before anchor + floor_days
    floor_days: int | None = None
    floor_months_after: date | None = None  # § 6503(c): not before 6 months after this return date
    floor_months: int | None = None
    unverified: bool = False  # the mapping of this event rests on an unverified source
    params: tuple[ParamUse, ...] = ()
    tc: int | None = None  # the account transcript's transaction code the event was read from (TC 520), if any
    chapter: int | None = None  # a bankruptcy's chapter (7, 11, 13 …), when known

    @property
    def name(self) -> LabelArg | Message:
        return event_name(self.ref, self.chapter, self.tc)


def event_name(ref: str, chapter: int | None = None, tc: int | None = None) -> LabelArg | Message:
    """A suspending event by its reference id (label ``csed_event``), with the bankruptcy chapter or the
    transcript's transaction code when the case gives them (``statute.event_chapter`` / ``statute.event_tc``)."""
    event = label_arg("csed_event", ref)  # built as ``arg`` builds one, without validating a plain string again
    if chapter is not None:
        return message("statute.event_chapter", event=event, chapter=chapter)
    if tc is not None:
        return message("statute.event_tc", event=event, tc=tc)
    return event


def clause(name: str, **args: object) -> Message:
    """One clause of the CSED engine's words: ``csed_timeline.NAME`` with its typed values."""
    return message(f"csed_timeline.{name}", **args)


@dataclass(frozen=True)
class NoEffect:
    """An event the person may think stops the clock but that suspends nothing (or cannot be counted)."""

    ref: str  # its name: label ``csed_event``
    source: str
    day: date | None
    why: Message  # ``csed_timeline.why.*``
    periods: tuple[str, ...] = ()

    @property
    def name(self) -> LabelArg:
        return label_arg("csed_event", self.ref)  # without validating a plain string again


@dataclass(frozen=True, slots=True)  # slotted: made by a builder (model/construct.builder)
class Events:
    suspensions: tuple[Suspension, ...]
    no_effect: tuple[NoEffect, ...]
    notes: tuple[Message, ...]  # facts missing or assumptions made while reading the case
    missing: tuple[str, ...]  # case paths that would make the computation firmer
    law_gaps: tuple[str, ...] = ()  # parameter ids with no value on an event's date (the event is not counted)
    # (path, periods): a missing fact about a record of those periods only; a path not listed can change every period
    missing_scope: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def missing_for(self, period: str) -> list[str]:
        """The missing facts that could change this period's collection statute."""
        scope = dict(self.missing_scope)
        return [m for m in self.missing if m not in scope or period in scope[m]]


@dataclass(frozen=True)
class Step:
    """One line of a CSED timeline."""

    day: date
    what: Message  # the line (``csed_timeline.*``)
    cites: tuple[str, ...]
    days: int | None = None  # suspended days this line adds (after overlaps), or None
    end: date | None = None
    counted: bool = True
    event: Suspension | None = None  # the suspension this line counts (typed: its ref, TC and chapter)
    detail: tuple[Message, ...] = ()  # the line's further clauses, joined with "; " after ``what``


@dataclass(frozen=True, slots=True)  # slotted: made by a builder (model/construct.builder)
class AssessmentCsed:
    """The CSED of one assessment, with its timeline."""

    period_id: str
    assessed: dt.date
    base: dt.date
    date: dt.date
    suspended_days: int
    provisional: bool  # a suspension is still running: the CSED is at least ``date``
    timeline: tuple[Step, ...]
    alternatives: dict[str, dt.date] = field(default_factory=dict)  # reading -> date, only where it differs
    original: bool = True  # the period's first assessment (False: an additional assessment)
    codes: tuple[int, ...] = ()  # the account transcript's transaction codes of the assessment (150, 290 …), if read
    counted: tuple[Suspension, ...] = ()  # the suspensions counted in ``date``, in the timeline's order

    @property
    def alternative(self) -> dt.date | None:
        """The date under the other reading of both open counting questions, when it differs."""
        return self.alternatives.get("both")


@dataclass(frozen=True, slots=True)  # slotted: made by a builder (model/construct.builder)
class PeriodCsed:
    """Every assessment's CSED for one tax period, and how it compares with a stated CSED."""

    period_id: str
    assessments: tuple[AssessmentCsed, ...]
    notes: tuple[Message, ...] = ()  # ``csed_timeline.note.*``
    stated: dt.date | None = None
    stated_difference: tuple[Message, ...] = ()  # why the stated CSED differs (``csed_timeline.stated.*``), or ()
    params: tuple[ParamUse, ...] = ()
    differs: bool = False  # a stated CSED that is not the computed one (``stated_difference`` says why)

    @property
    def date(self) -> dt.date | None:
        """The last CSED of the period: after it, nothing of the period can be collected."""
        last = self._last
        return None if last is None else last.date

    @property
    def alternative(self) -> dt.date | None:
        last = self._last
        return None if last is None else last.alternative

    @property
    def _last(self) -> AssessmentCsed | None:
        """The assessment with the latest CSED (the first of equals); the usual period's only one without a scan."""
        found = self.assessments
        if len(found) == 1:
            return found[0]
        return max(found, key=_BY_DATE, default=None)


_BY_DATE = attrgetter("date")

# Made for every analysis (the events once, a period and its assessments once each): by their builders (keyword
# arguments; model/construct.builder), without the ``object.__setattr__`` per field of a frozen dataclass's own
# ``__init__`` (about 1,500 machine instructions a field).
make_events = builder(Events)
make_assessment = builder(AssessmentCsed)
make_period = builder(PeriodCsed)
