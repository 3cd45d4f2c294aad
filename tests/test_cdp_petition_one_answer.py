"""The last day to petition the Tax Court after a CDP determination, and how a petition stands, have one owner
(``calc.cdp_petition``; audit 2026-12-07, round 9, law30): the Tax Court route (CDP-15), the levy stop (R6330-E1's
``stay_end``) and the collection statute's CDP pause (CSED-3.1) must agree for any dates — the same last day
(§ 6330(d)(1), moved by § 7503), and the same answer to "does the petition keep the determination from becoming
final?" (timely, or late and accepted by the court: yes; late and refused: no, the 30 days ended it; late with no
ruling: the levy stop unknown, the pause counted to the 30th day, the route unknown)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levynav import analyze
from levynav.core.calc import cdp_petition
from levynav.core.calc.csed import case_csed
from levynav.core.law.discretionary_cdp import stay_end
from levynav.core.model.case import Case

P = "1040-2019"
SOME = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)

# the CDP-15 situation for each standing of the petition (None: no petition; the route's own two keys)
ROUTE_KEYS = {
    cdp_petition.TIMELY: {"petitioned"},
    cdp_petition.LATE: {"petitioned_late"},
    cdp_petition.ACCEPTED: {"petitioned_late_accepted"},
    cdp_petition.REFUSED: {"petitioned_late_refused"},
    None: {"open", "open_before_2006", "late_tolling"},
}


def make(determination: date, petition: date | None, accepted: bool | None) -> Case:
    requested = determination - timedelta(days=75)
    notice = requested - timedelta(days=10)
    req: dict[str, Any] = {
        "request_date": requested.isoformat(),
        "tax_periods": [P],
        "determination_date": determination.isoformat(),
    }
    if petition is not None:
        req["tax_court_petition_date"] = petition.isoformat()
        if accepted is not None:
            req["tax_court_late_petition_accepted"] = accepted
    return Case.model_validate(
        {
            "taxpayer": {"kind": "individual"},
            "tax_periods": [
                {"id": P, "assessment_date": (notice - timedelta(days=40)).isoformat(), "balance": "9000.00"}
            ],
            "notices": [{"type": "LT11", "notice_date": notice.isoformat(), "tax_periods": [P]}],
            "proceedings": {"hearing_requests": [req]},
        }
    )


@SOME
@given(
    determination=st.dates(min_value=date(2000, 1, 3), max_value=date(2034, 12, 31)),
    offset=st.one_of(st.none(), st.integers(min_value=0, max_value=60)),
    accepted=st.sampled_from([None, True, False]),
    after=st.integers(min_value=0, max_value=120),
)
def test_the_route_the_levy_stop_and_the_collection_statute_agree(
    determination: date, offset: int | None, accepted: bool | None, after: int
) -> None:
    petition = None if offset is None else determination + timedelta(days=offset)
    case = make(determination, petition, accepted)
    as_of = max(determination + timedelta(days=after), petition or determination)
    req = case.proceedings.hearing_requests[0]
    one = cdp_petition.cdp_petition(determination, petition, req.tax_court_late_petition_accepted)
    assert one is not None
    # the collection statute counts by its own parameter: the same days, the same standing
    csed = cdp_petition.cdp_petition(determination, petition, accepted, cdp_petition.CSED_DAYS)
    assert csed is not None and (csed.window, csed.status) == (one.window, one.status)

    # the Tax Court route (CDP-15)
    route = [f for f in analyze(case, as_of).findings if f.rule == "CDP-15"]
    assert len(route) == 1, route
    assert route[0].message_key in ROUTE_KEYS[one.status], (route[0].message_key, one.status)

    # the levy stop
    end = stay_end(req)
    assert end.petition_last == one.last
    assert (end.last is None) == one.counts
    assert end.late == (one.status == cdp_petition.LATE)
    assert end.refused == (one.status == cdp_petition.REFUSED)
    if not one.counts:
        assert end.last == one.last

    # the collection statute's CDP pause
    row = case_csed(case, as_of)[P]
    pauses = [s for a in row.assessments for s in a.counted if s.ref == "CSED-3.1"]
    assert len(pauses) == 1, pauses
    pause = pauses[0]
    if one.counts:
        assert pause.open and pause.end == as_of  # still running while the court's case is pending
    else:
        assert not pause.open and pause.end == one.last  # final when the 30 days ran with no petition that counts
