"""A hearing request that lists no periods is about the periods of the notice it answers (26 U.S.C. § 6330(e)(1):
"the levy actions which are the subject of the requested hearing"; § 6330(a)(3)(A)): its levy stop and its pause of
the collection statute do not reach another period."""

from __future__ import annotations

from datetime import date

from levynav import analyze
from levynav.intake.load import case_from_data

CASE = {
    "taxpayer": {"kind": "individual"},
    "tax_periods": [
        {"id": "1040-2015", "assessment_date": "2016-06-01", "balance": 5000},
        {"id": "1040-2016", "assessment_date": "2017-06-01", "balance": 5000},
    ],
    "notices": [
        {"type": "LT11", "notice_date": "2025-04-14", "tax_periods": ["1040-2015"]},
        {"type": "LT11", "notice_date": "2024-01-08", "tax_periods": ["1040-2016"]},
    ],
    "proceedings": {"hearing_requests": [{"kind": "levy", "request_date": "2025-05-01"}]},
    "levies": [{"kind": "bank", "served_date": "2025-06-02", "tax_periods": ["1040-2016"]}],
}


def test_levy_for_another_period_is_not_stopped_by_the_hearing() -> None:
    result = analyze(case_from_data(CASE), date(2025, 7, 1))
    assert not [f for f in result.findings if f.rule == "R6330-E1" and f.subject == "levies[0]"]
    paused = {f.subject: f.value for f in result.findings if f.rule == "CSED-3"}
    assert str(paused["tax_periods[1]"]) == "0"
