"""A deadline whose date has passed but whose act may still be done (``Deadline.still_open``) is shown with the
dates ahead, never folded among the passed ones: the postponed CDP day still ahead (§ 7508(a), Rev. Proc. 2018-58)
and a combat-zone service with no last day yet, during which the period does not run out (§ 7508(a): the service
"and the next 180 days thereafter, shall be disregarded")."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from icalendar import Calendar

from levynav.core.analyze import analyze
from levynav.core.model.analysis import Analysis
from levynav.documents.calendar import deadlines_ics
from levynav.documents.packet import build_packet
from levynav.documents.pdf import pdf_text
from levynav.documents.timeline import marks
from levynav.explain.catalog import template
from levynav.explain.render import render
from levynav.intake.load import case_from_data
from levynav.screen.flags import flags

AS_OF = date(2026, 12, 7)
LT11 = {"type": "LT11", "notice_date": "2026-05-04"}  # CDP day 2026-06-03, equivalent hearing 2027-05-04


def _case(postponement: dict[str, Any]) -> dict[str, Any]:
    return {
        "taxpayer": {"kind": "individual", "name": "Pat Doe"},
        "notices": [LT11],
        "proceedings": {"postponements": [postponement]},
    }


SERVING = _case({"kind": "combat_zone", "start": "2026-03-01"})
ENDED = _case({"kind": "combat_zone", "start": "2026-03-01", "end": "2026-06-30"})  # postponed to 2027-01-26


def _analysis(data: dict[str, Any], as_of: date = AS_OF) -> Analysis:
    return analyze(case_from_data(data), as_of)


def _cdp(a: Analysis) -> Any:
    return next(d for d in a.deadlines if d.id == "cdp.request")


def test_still_serving_the_passed_cdp_day_is_still_open_and_says_why() -> None:
    d = _cdp(_analysis(SERVING))
    assert d.passed and d.still_open and d.alternative_date is None
    clause = [m for m in d.computation if m.key == "count.postponed.still_serving"]
    assert len(clause) == 1 and clause[0].args["start"].value == date(2026, 3, 1)


def test_a_postponed_day_still_ahead_is_still_open_and_one_passed_too_is_not() -> None:
    assert _cdp(_analysis(ENDED)).still_open
    later = _cdp(_analysis(ENDED, date(2027, 2, 1)))
    assert later.passed and not later.still_open


def test_a_service_begun_after_the_period_ended_keeps_nothing_open() -> None:
    d = _cdp(_analysis(_case({"kind": "combat_zone", "start": "2026-07-01"})))
    assert d.passed and not d.still_open
    assert not [m for m in d.computation if m.key == "count.postponed.still_serving"]


def test_a_deadline_ahead_is_never_marked_still_open() -> None:
    for d in _analysis(SERVING, date(2026, 5, 10)).deadlines:
        assert not d.passed and not d.still_open


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_calendar_marks_it_still_open_not_passed(lang: str) -> None:
    a = _analysis(SERVING)
    cdp_title = next(d for d in render(a, lang).deadlines if d.id == "cdp.request").title
    cal = Calendar.from_ical(deadlines_ics(a, "x", lang))
    summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
    (summary,) = [s for s in summaries if s.endswith(" ".join(cdp_title.split()))]
    assert summary.startswith(template("ui.ics_still_open", lang) + " ")
    # the levy that could come from the same day has passed, and says so
    assert sum(s.startswith(template("ui.ics_passed", lang)) for s in summaries) == 1


def test_the_timeline_marks_it_as_a_date_ahead() -> None:
    a = _analysis(SERVING)
    cdp_title = next(d for d in render(a, "en").deadlines if d.id == "cdp.request").title
    (mark,) = [m for m in marks(case_from_data(SERVING), a) if m.day == date(2026, 6, 3) and cdp_title in m.label]
    assert mark.kind == "deadline" and mark.label == cdp_title


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_packet_cover_lists_it_with_the_dates_ahead(lang: str) -> None:
    case = case_from_data(ENDED)
    a = analyze(case, AS_OF)
    cdp_title = " ".join(next(d for d in render(a, lang).deadlines if d.id == "cdp.request").title.split())
    text = " ".join(pdf_text(build_packet(case, a, lang).pdf).split())
    cover = text[text.index(template("ui.cover_deadlines", lang)) :]
    passed = cover.find(template("ui.cover_passed", lang))
    table = cover[:passed] if passed >= 0 else cover
    assert template("ui.still_open", lang) in table and cdp_title in table
    if passed >= 0:
        assert cdp_title not in cover[passed : cover.index(".", passed + len(template("ui.cover_passed", lang)))]


def test_the_screen_counts_a_postponed_cdp_day_as_the_next_deadline() -> None:
    """A screen row's next deadline is the postponed CDP day (2027-01-26), not the equivalent hearing's (2027-05-04);
    with the service not yet ended there is no day to give for it, and the next one is the equivalent hearing's."""
    ended = flags(_analysis(ENDED))
    assert (ended.next_deadline_id, ended.next_deadline_date) == ("cdp.request", date(2027, 1, 26))
    assert ended.next_deadline_days_left == (date(2027, 1, 26) - AS_OF).days
    serving = flags(_analysis(SERVING))
    assert (serving.next_deadline_id, serving.next_deadline_date) == ("eh.request", date(2027, 5, 4))


def test_the_day_a_deadline_can_still_be_met() -> None:
    """``Deadline.open_until``, which the plan, the screen and the web banner read: its date ahead, the postponed day
    of a date passed but still open, none for a service not yet ended or a date passed for good."""
    assert _cdp(_analysis(ENDED)).open_until == date(2027, 1, 26)
    assert _cdp(_analysis(SERVING)).open_until is None
    assert _cdp(_analysis(ENDED, date(2027, 2, 1))).open_until is None
    ahead = _cdp(_analysis(SERVING, date(2026, 5, 10)))
    assert ahead.open_until == ahead.date == date(2026, 6, 3)


def test_the_headline_next_deadline_is_the_postponed_cdp_day() -> None:
    """The summary's "Next deadline" (the packet cover, the result page) named the equivalent hearing's day
    (2027-05-04) while the CDP request was still open until its postponed day (2027-01-26)."""
    (item,) = [s for s in _analysis(ENDED).summary if s.kind == "next_deadline"]
    assert (item.deadline, item.date, item.days_left) == (
        "cdp.request",
        date(2027, 1, 26),
        (date(2027, 1, 26) - AS_OF).days,
    )
    (serving,) = [s for s in _analysis(SERVING).summary if s.kind == "next_deadline"]
    assert (serving.deadline, serving.date) == ("eh.request", date(2027, 5, 4))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_headline_line_prints_the_postponed_day_and_its_days_left(lang: str) -> None:
    """The rendered "Next deadline" line prints the summary item's day and count, not the passed date's own
    (it printed "June 3, 2026 (-187 days left)" beside the postponed day)."""
    a = _analysis(ENDED)
    (line,) = [
        text for item, text in zip(a.summary, render(a, lang).summary, strict=True) if item.kind == "next_deadline"
    ]
    left = (date(2027, 1, 26) - AS_OF).days
    assert str(left) in line
    assert "2027" in line and "2026" not in line
    assert f"-{left}" not in line and "-187" not in line
