"""A hearing request made after the days of a levy notice given before its period's assessment (audit 2026-12-07,
round 8, law29; reference NC-ASSESSED): the request kind (CDP-16), the levy stop (R6330-E1) and the collection
statute (CSED-3.1 / CSED-3.20) read it as not late for the tax assessed after the notice; with the assessment date
unknown the kind is unknown and the date is asked (never read as late or not late)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levynav.core.calc.csed import PeriodCsed, case_csed
from levynav.core.calc.hearing_windows import request_kind
from levynav.core.model.case import Case
from levynav.explain import csed_timeline as words

P = "1040-2024"
OLD = "1040-2022"
ASSESSED = date(2026, 3, 2)
AS_OF = date(2026, 5, 1)
FEW = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


def make(notice: date, requested: date, assessed: date | None = ASSESSED, **request: Any) -> Case:
    period: dict[str, Any] = {"id": P, "balance": "9000.00"}
    if assessed is not None:
        period["assessment_date"] = assessed.isoformat()
    return Case.model_validate(
        {
            "taxpayer": {"kind": "individual"},
            "tax_periods": [period],
            "notices": [{"type": "LT11", "notice_date": notice.isoformat(), "tax_periods": [P]}],
            "proceedings": {"hearing_requests": [{"request_date": requested.isoformat(), **request}]},
        }
    )


def csed(case: Case) -> PeriodCsed:
    return case_csed(case, AS_OF)[P]


def test_day_before_counts_the_pause_marked_and_explained() -> None:
    row = csed(make(date(2026, 3, 1), date(2026, 4, 10)))
    base = date(2036, 3, 2)
    assert row.assessments[0].date == base + timedelta(days=(AS_OF - date(2026, 4, 10)).days)
    said = words.notes(row, "en")
    assert any("dated before Form 1040, 2024 was assessed" in n and "pauses nothing" in n for n in said), said
    assert any(
        "anterior a la tasación del Formulario 1040, 2024" in n and "no pausa nada" in n for n in words.notes(row, "es")
    )


def test_same_day_and_day_after_pause_nothing() -> None:
    for given_on in (ASSESSED, ASSESSED + timedelta(days=1)):
        row = csed(make(given_on, date(2026, 4, 10)))
        assert row.assessments[0].date == date(2036, 3, 2), given_on
        assert any("equivalent hearing" in n for n in words.notes(row, "en"))


def test_two_periods_only_the_later_assessed_one_is_paused() -> None:
    case = Case.model_validate(
        {
            "taxpayer": {"kind": "individual"},
            "tax_periods": [
                {"id": OLD, "assessment_date": "2023-05-29"},
                {"id": P, "assessment_date": ASSESSED.isoformat()},
            ],
            "notices": [{"type": "LT11", "notice_date": "2026-03-01", "tax_periods": [OLD, P]}],
            "proceedings": {"hearing_requests": [{"request_date": "2026-04-10"}]},
        }
    )
    rows = case_csed(case, AS_OF)
    assert rows[OLD].assessments[0].date == date(2033, 5, 29)  # late for it: an equivalent hearing pauses nothing
    assert rows[P].assessments[0].date > date(2036, 3, 2)


@FEW
@given(
    offset=st.integers(min_value=-40, max_value=40),  # the notice's day against the assessment's
    late_by=st.integers(min_value=1, max_value=300),  # days after the notice's last day
    known=st.booleans(),
)
def test_kind_turns_on_the_notice_day_against_the_assessment(offset: int, late_by: int, known: bool) -> None:
    """Late by the notice's days: an equivalent hearing when the notice came on or after the assessment; not late for
    the tax (unknown kind, the period named) when before; unknown, the assessment date asked, when it is not known."""
    notice = ASSESSED + timedelta(days=offset)
    requested = notice + timedelta(days=30 + late_by)  # an LT11's 30 days end on day 30 (or the next business day)
    case = make(notice, requested + timedelta(days=3), ASSESSED if known else None)
    rk = request_kind(case, 0)
    if not known:
        assert rk.cdp is None and rk.assessment_unknown
        assert rk.missing == ("tax_periods[0].assessment_date",)
    elif offset < 0:
        assert rk.cdp is None and rk.before_assessment == ((P, ASSESSED),)
    else:
        assert rk.cdp is False and not rk.before_assessment and not rk.assessment_unknown


@FEW
@given(offset=st.integers(min_value=-40, max_value=40), day=st.integers(min_value=0, max_value=29), known=st.booleans())
def test_a_request_in_time_is_a_cdp_request_whatever_the_assessment(offset: int, day: int, known: bool) -> None:
    """Made within the notice's 30 days: a CDP request (the reading that protects the person) — the assessment date
    is neither needed nor asked."""
    notice = ASSESSED + timedelta(days=offset)
    rk = request_kind(make(notice, notice + timedelta(days=day), ASSESSED if known else None), 0)
    assert rk.cdp is True and not rk.missing
