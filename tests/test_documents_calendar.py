"""The iCalendar file holds every deadline of the analysis, each with reminders 7 days and 1 day before."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from levynav.core.analyze import analyze
from levynav.documents.calendar import deadlines_ics, uid
from levynav.explain.render import english
from levynav.intake.load import load_case

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_deadline_is_an_event_with_two_alarms(path: Path) -> None:
    analysis = analyze(load_case(path), date(2026, 11, 23))
    cal = Calendar.from_ical(deadlines_ics(analysis, "x"))
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert len(events) == len(analysis.deadlines)
    for d in english(analysis).deadlines:
        event = events[uid(d)]
        assert event.decoded("dtstart") == d.date
        assert d.title in str(event["summary"])
        triggers = sorted(a.decoded("trigger") for a in event.walk("VALARM"))
        assert triggers == [timedelta(days=-7), timedelta(days=-1)]


def test_the_calendar_does_not_depend_on_the_clock() -> None:
    analysis = analyze(load_case(EXAMPLES / "bank-levy-hardship-21-day-hold.yaml"), date(2026, 11, 23))
    assert deadlines_ics(analysis) == deadlines_ics(analysis)
    assert b"DTSTAMP:20261123T000000Z" in deadlines_ics(analysis)
