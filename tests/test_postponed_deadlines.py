"""The postponed last day of a period (calc/postponed_deadlines.py, §§ 7508, 7508A) and how the analysis shows it."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from levynav import analyze
from levynav.core.calc import dates
from levynav.core.calc.postponed_deadlines import COMBAT_ZONE_EXTRA_DAYS, Disregarded, disregarded, postpone
from levynav.core.model.case import Postponement, PostponementKind
from levynav.intake.load import case_from_data

DISASTER, COMBAT = PostponementKind.DISASTER, PostponementKind.COMBAT_ZONE
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


def stretch(kind: PostponementKind, first: date, last: date, index: int = 0) -> Disregarded:
    return Disregarded(index, kind, first, last)


def test_a_disaster_period_moves_a_due_date_inside_it_to_its_last_day() -> None:
    got = postpone(date(2025, 6, 3), date(2025, 7, 2), [stretch(DISASTER, date(2025, 6, 20), date(2025, 10, 15))])
    assert got is not None and (got.raw, got.last) == (date(2025, 10, 15), date(2025, 10, 15))


def test_a_disaster_period_leaves_a_due_date_before_or_after_it_alone() -> None:
    period = [stretch(DISASTER, date(2025, 7, 10), date(2025, 10, 15))]
    assert postpone(date(2025, 6, 3), date(2025, 7, 2), period) is None
    assert postpone(date(2025, 9, 20), date(2025, 10, 20), period) is None


def test_the_postponed_day_is_moved_past_a_weekend_or_holiday() -> None:
    got = postpone(None, date(2025, 7, 2), [stretch(DISASTER, date(2025, 6, 20), date(2025, 10, 18))])  # Saturday
    assert got is not None and (got.raw, got.last, got.moved_by_7503) == (date(2025, 10, 18), date(2025, 10, 20), True)


def test_combat_zone_time_plus_180_days_is_not_counted() -> None:
    p = Postponement(kind=COMBAT, start=date(2025, 6, 20), end=date(2025, 9, 30))
    d = disregarded(0, p)
    assert d is not None and d.last == date(2025, 9, 30) + timedelta(days=COMBAT_ZONE_EXTRA_DAYS)
    # 17 days (06-03 to 06-19) had run; the other 13 run after 2026-03-29
    got = postpone(date(2025, 6, 3), date(2025, 7, 2), [d])
    assert got is not None and got.raw == date(2026, 4, 11)
    # a period that begins during the service is counted whole after it
    got = postpone(date(2025, 8, 2), date(2025, 8, 31), [d])
    assert got is not None and got.raw == date(2026, 3, 29) + timedelta(days=30)


def test_hospitalization_extends_the_combat_zone_time() -> None:
    p = Postponement(kind=COMBAT, start=date(2025, 6, 20), end=date(2025, 9, 30), hospitalized_until=date(2025, 12, 15))
    d = disregarded(0, p)
    assert d is not None and d.last == date(2025, 12, 15) + timedelta(days=180)


def test_a_postponement_with_an_unknown_start_or_end_counts_nothing() -> None:
    assert disregarded(0, Postponement(kind=DISASTER, start=date(2025, 6, 20))) is None
    assert disregarded(0, Postponement(kind=COMBAT, end=date(2025, 6, 20))) is None


@st.composite
def stretches(draw: st.DrawFn) -> list[Disregarded]:
    out = []
    for i in range(draw(st.integers(min_value=0, max_value=3))):
        first = draw(DAYS)
        out.append(
            stretch(
                draw(st.sampled_from([DISASTER, COMBAT])), first, first + timedelta(days=draw(st.integers(0, 400))), i
            )
        )
    return out


@given(DAYS, st.integers(min_value=0, max_value=400), stretches())
def test_a_postponed_date_is_never_before_the_ordinary_one_and_is_a_business_day(
    first: date, length: int, periods: list[Disregarded]
) -> None:
    last = first + timedelta(days=length)
    got = postpone(first, last, periods)
    if got is not None:
        assert got.raw > last
        assert got.last >= got.raw and dates.is_business_day(got.last)
        assert got.applied and all(p in periods for p in got.applied)


@given(DAYS, st.integers(min_value=0, max_value=400))
def test_no_postponement_leaves_the_date_as_it_is(first: date, length: int) -> None:
    assert postpone(first, first + timedelta(days=length), []) is None


@given(DAYS, st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=400), stretches())
def test_a_later_ordinary_date_never_gets_an_earlier_postponed_date_from_one_disaster_period(
    first: date, length: int, shift: int, periods: list[Disregarded]
) -> None:
    """Monotone: with one disaster period, a later due date is postponed to a day no earlier."""
    disaster = [p for p in periods if p.kind is DISASTER][:1]
    a = postpone(first, first + timedelta(days=length), disaster)
    b = postpone(first, first + timedelta(days=length + shift), disaster)
    day_a = a.raw if a else first + timedelta(days=length)
    day_b = b.raw if b else first + timedelta(days=length + shift)
    assert day_b >= day_a


def _case(postponements: list[dict[str, object]]) -> dict[str, object]:
    return {
        "taxpayer": {"kind": "individual"},
        "notices": [{"type": "LT11", "notice_date": "2025-06-02"}],
        "proceedings": {"postponements": postponements},
    }


def test_without_postponements_the_deadlines_are_the_same_as_before() -> None:
    plain = analyze(case_from_data(_case([])), date(2025, 6, 25))
    outside = analyze(
        case_from_data(_case([{"kind": "disaster", "start": "2024-01-01", "end": "2024-03-01"}])), date(2025, 6, 25)
    )
    assert [d.model_dump() for d in plain.deadlines] == [d.model_dump() for d in outside.deadlines]
    assert not plain.findings_for("PP-7508A")


def test_a_postponed_deadline_keeps_the_ordinary_date_first_and_cites_the_postponement() -> None:
    a = analyze(
        case_from_data(_case([{"kind": "disaster", "start": "2025-06-20", "end": "2025-10-15"}])), date(2025, 6, 25)
    )
    (cdp,) = [d for d in a.deadlines if d.id == "cdp.request"]
    assert (cdp.date, cdp.alternative_date) == (date(2025, 7, 2), date(2025, 10, 15))
    assert {"PP-7508A", "PP-R7508A", "PP-ACTS"} <= {c.id for c in cdp.citations}
    assert cdp.computation[-1].key == "count.postponed.disaster"
    assert cdp.alternative_reason is not None and cdp.alternative_reason.key == "count.postponed.reason"
    (found,) = a.findings_for("PP-7508A")
    assert found.deadline_ids == ["cdp.request"] and "PP-ACTS" in found.unverified
    # the plan still asks for the request by the ordinary date
    assert any(s.by_date == date(2025, 7, 2) and "12153" in s.forms for s in a.plan)


def test_a_postponed_tax_court_petition_cites_the_statute_not_the_list_of_acts() -> None:
    """§ 7508(a)(1)(C) names the petition itself; Rev. Proc. 2018-58 (unverified) is cited only for a CDP request."""
    data = {
        "taxpayer": {"kind": "individual"},
        "notices": [{"type": "LT11", "notice_date": "2025-03-03", "tax_periods": ["1040-2022"]}],
        "proceedings": {
            "hearing_requests": [
                {
                    "kind": "levy",
                    "request_date": "2025-03-20",
                    "tax_periods": ["1040-2022"],
                    "determination_date": "2025-09-02",
                }
            ],
            "postponements": [{"kind": "combat_zone", "start": "2025-09-15", "end": "2025-10-31"}],
        },
    }
    a = analyze(case_from_data(data), date(2025, 9, 10))
    (petition,) = [d for d in a.deadlines if d.id == "tax_court.cdp_petition"]
    cited = {c.id for c in petition.citations}
    assert "PP-7508" in cited and "PP-ACTS" not in cited
    # 2025-09-03 to 2025-09-14 (12 days) had run; the 18 left run from 2026-04-30 (2025-10-31 + 180 days, then the
    # next day) to Sunday 2026-05-17, so Monday 2026-05-18 (§ 7503)
    assert petition.alternative_date == date(2026, 5, 18)
