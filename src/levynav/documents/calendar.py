"""The deadlines of an analysis as an iCalendar file, with reminders 7 days and 1 day before each."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from levynav.core.model.analysis import Analysis as Record
from levynav.explain.render import RDeadline as Deadline
from levynav.explain.render import Rendered as Analysis
from levynav.explain.render import english

REMINDER_DAYS = (7, 1)
PRODID = "-//Levy Navigator//levynav packet//EN"


def uid(deadline: Deadline) -> str:
    subject = re.sub(r"[^A-Za-z0-9]+", "-", deadline.subject or "case").strip("-")
    return f"{deadline.id}.{subject}.{deadline.date.isoformat()}@levynav"


def deadlines_ics(analysis: Record | Analysis, name: str | None = None) -> bytes:
    """Every deadline of the analysis as an all-day event with two display alarms (7 days and 1 day before).

    Deadlines that have already passed are kept (marked PASSED) so the calendar matches the analysis.
    The timestamp is the analysis date, never the clock.
    """
    analysis = english(analysis)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"IRS levy deadlines{f' — {name}' if name else ''}")
    stamp = datetime.combine(analysis.as_of, time(0, 0), tzinfo=UTC)
    for d in analysis.deadlines:
        event = Event()
        event.add("uid", uid(d))
        event.add("dtstamp", stamp)
        event.add("dtstart", d.date)
        event.add("dtend", d.date + timedelta(days=1))
        event.add("summary", ("PASSED: " if d.passed else "") + d.title)
        cites = "; ".join(c.cite for c in d.citations)
        event.add("description", f"{d.protects}\n\nHow the date was counted: {d.computation}\n\nLaw: {cites}")
        event.add("categories", ["IRS levy deadline"])
        event.add("transp", "TRANSPARENT")
        for days in REMINDER_DAYS:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{'Tomorrow' if days == 1 else f'In {days} days'}: {d.title}")
            alarm.add("trigger", timedelta(days=-days))
            event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
