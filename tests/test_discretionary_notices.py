"""Notice classification and the choice of notice for given tax periods (law/notices.py)."""

from __future__ import annotations

from datetime import date

import pytest

from levynav.core.law import notices
from levynav.core.model.case import Case, Notice, NoticeType, Taxpayer, TaxpayerKind, TaxPeriod

T = NoticeType


@pytest.mark.parametrize("kind", [T.LT11, T.LETTER_1058, T.CP90, T.CP297])
def test_pre_levy_cdp_notices_are_also_intent_to_levy_notices(kind: NoticeType) -> None:
    assert notices.is_cdp_levy_notice(kind)
    assert notices.is_intent_to_levy_notice(kind)
    assert not notices.is_post_levy_cdp_notice(kind)
    assert not notices.is_notice_and_demand(kind)


def test_cp504_is_intent_to_levy_but_carries_no_hearing_right() -> None:
    assert notices.is_intent_to_levy_notice(T.CP504)
    assert not notices.is_cdp_levy_notice(T.CP504)


@pytest.mark.parametrize("kind", [T.CP92, T.CP297A])
def test_post_levy_notices(kind: NoticeType) -> None:
    assert notices.is_post_levy_cdp_notice(kind)
    assert not notices.is_cdp_levy_notice(kind)
    assert not notices.is_intent_to_levy_notice(kind)


@pytest.mark.parametrize("kind", [T.CP501, T.CP503, T.LETTER_3172, T.FORM_668A, T.FORM_668W, T.OTHER])
def test_other_notices_do_not_count(kind: NoticeType) -> None:
    assert not notices.is_cdp_levy_notice(kind)
    assert not notices.is_intent_to_levy_notice(kind)
    assert not notices.is_notice_and_demand(kind)


def test_only_cp14_is_notice_and_demand() -> None:
    assert [k for k in T if notices.is_notice_and_demand(k)] == [T.CP14]


def _case(*items: Notice) -> Case:
    return Case(
        taxpayer=Taxpayer(kind=TaxpayerKind.INDIVIDUAL),
        tax_periods=[TaxPeriod(id="2020"), TaxPeriod(id="2021")],
        notices=list(items),
    )


def test_cdp_notice_for_periods_prefers_a_notice_covering_every_period() -> None:
    case = _case(
        Notice(type=T.LT11, notice_date=date(2025, 1, 6), tax_periods=["2020"]),
        Notice(type=T.LT11, notice_date=date(2025, 2, 3), tax_periods=["2020", "2021"]),
    )
    found = notices.cdp_notice_for_periods(case, ["2020", "2021"])
    assert found is not None and found.index == 1
    only_2020 = notices.cdp_notice_for_periods(case, ["2020"])
    assert only_2020 is not None and only_2020.index == 0


def test_a_notice_naming_no_periods_covers_all_and_the_earliest_counting_date_wins() -> None:
    case = _case(
        Notice(type=T.LETTER_1058, notice_date=date(2025, 3, 3)),
        Notice(type=T.LT11, notice_date=date(2025, 1, 6), mailing_date=date(2025, 4, 1)),
        Notice(type=T.CP504, notice_date=date(2024, 12, 2)),
    )
    found = notices.cdp_notice_for_periods(case, ["2021"])
    assert found is not None
    assert found.index == 0  # the LT11 counts from its later mailing date (Weiss), after the Letter 1058
    assert found.start == date(2025, 3, 3)
    weiss = notices.ref(case, 1)
    assert weiss.start == date(2025, 4, 1) and weiss.counted.key == "note.counted_mailed_later"


def test_no_cdp_notice_and_undated_notices_sort_last() -> None:
    assert notices.cdp_notice_for_periods(_case(Notice(type=T.CP504)), []) is None
    case = _case(Notice(type=T.LT11), Notice(type=T.LT11, notice_date=date(2025, 5, 5)))
    found = notices.cdp_notice_for_periods(case, [])
    assert found is not None and found.index == 1
    undated = notices.ref(case, 0)
    assert undated.start is None
    assert undated.date_paths() == ["notices[0].notice_date", "notices[0].mailing_date"]


def test_notice_for_other_periods_does_not_count() -> None:
    case = _case(Notice(type=T.LT11, notice_date=date(2025, 1, 6), tax_periods=["2020"]))
    assert notices.cdp_notice_for_periods(case, ["2021"]) is None
    assert notices.earliest_for_period(case, notices.is_intent_to_levy_notice, "2021") is None
    assert notices.earliest_for_period(case, notices.is_intent_to_levy_notice, "2020") is not None
