"""Which hearing notice is the first for its periods (Treas. Reg. § 301.6330-1(b)(2) Q&A-B2), found in one pass in date
order (``hearing_windows._repeats``), gives for every mix of notices what the plain reading gives: for each notice,
the same-kind notices dated before it and those with no date, weighed one by one. The plain reading below is the
definition the one-pass version replaced; it is kept here as the test's reference."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from levynav.core.calc import hearing_windows
from levynav.core.calc.hearing_windows import Window
from levynav.core.calc.per_analysis import scope
from levynav.core.model.case import HearingKind
from levynav.intake.load import case_from_data

PERIODS = ["1040-2019", "1040-2020", "1040-2021"]
KINDS = ["LT11", "CP90", "CP92", "Letter 3172"]
DAY0 = date(2024, 1, 2)


def _start(w: Window) -> date | None:
    return w.notice.nftl_filed_date if w.kind is HearingKind.LIEN else w.notice.notice_date


def _start_path(w: Window) -> str:
    return f"{w.subject}.nftl_filed_date" if w.kind is HearingKind.LIEN else f"{w.subject}.notice_date"


def plain(w: Window, every: list[Window], assessed: dict[str, list[date]]) -> bool | tuple[str, ...]:
    """Q&A-B2 read notice by notice: every other notice of the kind looked at for each one."""
    if w.notice.for_additional_assessment:
        return False
    mine = _start(w)
    if mine is None:
        return False
    same = [o for o in every if o is not w and o.kind is w.kind]
    earlier = [o for o in same if (theirs := _start(o)) is not None and theirs < mine]
    undated = [o for o in same if _start(o) is None]
    if not earlier and not undated:
        return False
    covered = {p for o in earlier for p in o.notice.tax_periods}
    mine_periods = set(w.notice.tax_periods)
    if mine_periods and mine_periods <= covered:
        for period in w.notice.tax_periods:
            later = assessed.get(period)
            if not later:
                continue
            first = min(d for o in earlier if period in o.notice.tax_periods if (d := _start(o)) is not None)
            if any(first <= d <= mine for d in later):
                if w.notice.for_additional_assessment is None:
                    return (f"{w.subject}.for_additional_assessment",)
                return True
        return True
    unlisted = [f"{o.subject}.tax_periods" for o in earlier if not o.notice.tax_periods]
    if not mine_periods:
        asked = [f"{w.subject}.tax_periods", *unlisted]
        for o in undated:
            asked.append(_start_path(o))
            if not o.notice.tax_periods:
                asked.append(f"{o.subject}.tax_periods")
        return tuple(asked)
    need = mine_periods - covered
    maybe = [o for o in undated if not o.notice.tax_periods or need & set(o.notice.tax_periods)]
    could = bool(unlisted) or any(not o.notice.tax_periods for o in maybe)
    could = could or need <= {p for o in maybe for p in o.notice.tax_periods}
    if not could:
        return False
    asked = list(unlisted)
    for o in maybe:
        asked.append(_start_path(o))
        if not o.notice.tax_periods:
            asked.append(f"{o.subject}.tax_periods")
    return tuple(asked) or False


_day = st.one_of(st.none(), st.integers(0, 6).map(lambda k: DAY0 + timedelta(days=30 * k)))


@st.composite
def _notice(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(KINDS))
    day = draw(_day)
    notice: dict[str, Any] = {"type": kind, "tax_periods": draw(st.lists(st.sampled_from(PERIODS), unique=True))}
    if kind == "Letter 3172":
        notice["nftl_filed_date"] = day
        notice["notice_date"] = day + timedelta(days=3) if day else None
    else:
        notice["notice_date"] = day
    notice["for_additional_assessment"] = draw(st.sampled_from([None, True, False]))
    return notice


@given(
    notices=st.lists(_notice(), min_size=1, max_size=9),
    assessed=st.dictionaries(st.sampled_from(PERIODS), st.lists(_day.filter(lambda d: d is not None), max_size=2)),
)
def test_one_pass_gives_the_plain_reading(notices: list[dict[str, Any]], assessed: dict[str, list[date]]) -> None:
    periods = [{"id": p, "additional_assessment_dates": assessed.get(p, [])} for p in PERIODS]
    case = case_from_data({"taxpayer": {"kind": "individual"}, "tax_periods": periods, "notices": notices}, "test")
    with scope():
        marked = hearing_windows.windows(case)
    dates_of = {p: list(d) for p, d in assessed.items() if d}
    for w in marked:
        expected = plain(w, marked, dates_of)  # reads neither mark
        got: bool | tuple[str, ...] = True if w.repeat else (w.repeat_missing or False)
        assert got == expected, (w.subject, got, expected)
