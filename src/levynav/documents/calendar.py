"""The deadlines of an analysis as an iCalendar file, with reminders 7 days and 1 day before each."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event, vText

from levynav.core.model.analysis import Analysis as Record
from levynav.explain.render import RDeadline as Deadline
from levynav.explain.render import Rendered as Analysis
from levynav.explain.render import render, ui

REMINDER_DAYS = (7, 1)
PRODID = "-//Levy Navigator//levynav packet//EN"
# A case's text may hold line breaks, a vertical tab, a form feed or a line/paragraph separator (a name or an address
# written on two lines). In a calendar each property is one content line (RFC 5545 §3.1; its TEXT may hold no control
# character but HTAB, §3.3.11): such a character would end the property early (icalendar refuses a bare LF in an
# X- property outright, and passes a CR through), so every text from the case or the analysis is made one line here.
_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _line(text: str) -> str:
    """`text` on one line: each run of control characters and line or paragraph separators is one space."""
    return " ".join(_BREAKS.sub(" ", text).split())


def uid(deadline: Deadline) -> str:
    subject = re.sub(r"[^A-Za-z0-9]+", "-", deadline.subject or "case").strip("-")
    return f"{deadline.id}.{subject}.{deadline.date.isoformat()}@levynav"


def deadlines_ics(analysis: Record | Analysis, name: str | None = None, lang: str = "en") -> bytes:
    """Every deadline of the analysis as an all-day event with two display alarms (7 days and 1 day before), in the
    person's language (``lang``: the titles, what each protects, how it was counted, the reminders).

    Deadlines that have already passed are kept (marked PASSED) so the calendar matches the analysis.
    The timestamp is the analysis date, never the clock.
    """
    if not isinstance(analysis, Analysis):
        analysis = render(analysis, lang)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = _line(name or "")
    calendar_name = ui("ics_name", lang)
    cal.add("x-wr-calname", vText(f"{calendar_name}{f' — {name}' if name else ''}"))
    stamp = datetime.combine(analysis.as_of, time(0, 0), tzinfo=UTC)
    for d in analysis.deadlines:
        event = Event()
        event.add("uid", uid(d))
        event.add("dtstamp", stamp)
        event.add("dtstart", d.date)
        event.add("dtend", d.date + timedelta(days=1))
        title = _line(d.title)
        mark = ui("ics_still_open", lang) + " " if d.still_open else ui("ics_passed", lang) + " " if d.passed else ""
        event.add("summary", mark + title)
        cites = "; ".join(_line(c.cite) for c in d.citations)
        counted, law = ui("ics_counted", lang), ui("ics_law", lang)
        event.add("description", f"{_line(d.protects)}\n\n{counted}: {_line(d.computation)}\n\n{law}: {cites}")
        event.add("categories", [ui("ics_category", lang)])
        event.add("transp", "TRANSPARENT")
        for days in REMINDER_DAYS:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            when = ui("ics_tomorrow", lang) if days == 1 else ui("ics_in_days", lang, days=days)
            alarm.add("description", f"{when}: {title}")
            alarm.add("trigger", timedelta(days=-days))
            event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
