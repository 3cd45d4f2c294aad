"""Unit tests of the return-period arithmetic (law/return_periods.py): TCJA transition, § 6532(c), § 6343(f)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from levynav.core.calc import dates
from levynav.core.law.return_periods import (
    TCJA_ENACTED,
    PeriodBasis,
    form_8546_deadline,
    money_taken,
    period_after_levy,
    rollback_deadline,
    suit_period,
)
from levynav.core.model.case import Levy, LevyKind, WrongfulLevyClaim
from tests.helpers import run_cli

RETURN = "return.period_months"
SUIT = "wrongful_levy.suit_period_months"


@pytest.mark.parametrize(
    ("levy_date", "months", "last", "other"),
    [
        (date(2017, 5, 1), 24, date(2019, 4, 30), date(2019, 5, 1)),  # 9 months ran to 2018: 2 years either way
        # the day before the anniversary is not moved by § 7503 (its reach to these periods is not settled); the
        # anniversary is: 10-14 Sat stays, 10-15 Sun rolls to Monday 10-16
        (date(2017, 1, 15), 9, date(2017, 10, 14), date(2017, 10, 16)),
        (date(2017, 3, 22), 9, date(2017, 12, 21), date(2019, 3, 22)),  # readings differ on the transition too
        (date(2017, 3, 21), 9, date(2017, 12, 20), date(2017, 12, 21)),  # 9 months end before enactment either way
        (date(2017, 12, 22), 24, date(2019, 12, 21), date(2019, 12, 23)),  # 12-21 Sat stays; 12-22 Sun -> 12-23
        (date(2018, 1, 5), 24, date(2020, 1, 4), date(2020, 1, 6)),  # 01-04 Sat stays; 01-05 Sun -> 01-06
    ],
)
def test_tcja_transition(levy_date: date, months: int, last: date, other: date | None) -> None:
    p = period_after_levy(levy_date, RETURN)
    assert p is not None
    assert p.months == months
    assert p.last.last == last
    assert (p.other.last.last if p.other else None) == other
    assert p.param.id == RETURN
    assert (p.reason.basis is not PeriodBasis.TCJA_OLD) == (months == 24)
    assert p.reason.counted().key.startswith("count.tcja.") and p.reason.said().key.startswith("note.period_")


def test_irs_training_examples_end_the_period_the_day_before_the_anniversary() -> None:
    """IRS training 72370-102 (TCJA § 11071): levy 2017-03-12 -> claim "on or before December 11, 2017";
    levy 2017-03-28 -> "on or before March 27, 2019". The safer (earlier) reading is the date shown."""
    nine = period_after_levy(date(2017, 3, 12), RETURN)
    assert nine is not None and nine.last.raw == date(2017, 12, 11) and nine.months == 9
    two = period_after_levy(date(2017, 3, 28), RETURN)
    assert two is not None and two.last.last == date(2019, 3, 27) and two.months == 24
    assert two.other is not None and two.other.last.last == date(2019, 3, 28)
    assert [m.key for m in two.reading_count()] == ["count.reading.day_before"]
    assert two.reading_messages().value[0].key == "note.reading_day_before"


def test_transition_cutoff_is_enactment_not_march_2017() -> None:
    """The rule is the enactment date; the IRS training table's "on or before March 22, 2017" is what the
    day-before count derives from it, and the anniversary count gives 2 years to a 2017-03-22 levy."""
    assert date(2017, 12, 22) == TCJA_ENACTED
    on_cutoff = period_after_levy(date(2017, 3, 22), RETURN)
    assert on_cutoff is not None and on_cutoff.months == 9
    assert on_cutoff.other is not None and on_cutoff.other.months == 24
    assert on_cutoff.other.param.effective_from == date(2017, 12, 23)
    later = period_after_levy(date(2017, 3, 23), SUIT)
    assert later is not None and later.months == 24 and later.other is not None and later.other.months == 24


@pytest.mark.parametrize(
    ("levy_date", "safe", "later", "not_moved"),
    [
        # § 6343(b) "2 years from the date of such levy": day 729 (the day before the anniversary) first, the
        # anniversary (day 730, or 731 across a 29 February) under the later reading, moved by § 7503 only there
        (date(2025, 3, 4), date(2027, 3, 3), date(2027, 3, 4), False),  # both weekdays: day 729 / day 730
        (date(2026, 3, 1), date(2028, 2, 29), date(2028, 3, 1), False),  # across 2028-02-29: day 730 / day 731
        (date(2024, 2, 29), date(2026, 2, 27), date(2026, 3, 2), False),  # leap-day levy: 2026-02-28 (Sat) -> Mon
        (date(2025, 11, 1), date(2027, 10, 31), date(2027, 11, 1), True),  # the safer day a Sunday, kept
        (date(2026, 6, 20), date(2028, 6, 19), date(2028, 6, 20), True),  # the safer day Juneteenth, kept
    ],
)
def test_two_year_period_edges(levy_date: date, safe: date, later: date, not_moved: bool) -> None:
    p = period_after_levy(levy_date, RETURN)
    assert p is not None and p.months == 24
    assert p.last.last == p.last.raw == safe
    assert p.other is not None and p.other.last.last == later
    assert p.not_moved is not_moved
    keys = [m.key for m in p.reading_count()]
    assert ("count.reading.not_moved" in keys) is not_moved
    notes = [m.key for m in p.reading_messages().value]
    assert ("note.reading_not_moved" in notes) is not_moved
    # the § 6532(c) suit: § 7503 moves both readings (26 C.F.R. § 301.7503-1(a))
    suit = period_after_levy(levy_date, SUIT)
    assert suit is not None and not suit.not_moved
    assert suit.last.last == dates.roll_forward(safe) and suit.latest == later


def test_levy_before_any_encoded_value_has_no_period() -> None:
    assert period_after_levy(date(1950, 1, 1), RETURN) is None


def _claim(**kw: object) -> list[tuple[str, WrongfulLevyClaim]]:
    return [("proceedings.wrongful_levy_claims[0]", WrongfulLevyClaim.model_validate(kw))]


def test_suit_without_request_is_the_base_period() -> None:
    sp = suit_period(date(2024, 3, 1), [])
    assert sp is not None
    # the suit keeps § 7503 under both readings (26 C.F.R. § 301.7503-1(a): the § 6532(a)(1) suit is its example)
    assert sp.date == date(2026, 3, 2)  # 2026-02-28 Sat and 2026-03-01 Sun both roll to Monday
    assert sp.if_proper is None and sp.claim_path is None


def test_suit_extension_takes_the_shorter_of_the_two() -> None:
    sp = suit_period(
        date(2024, 3, 1), _claim(filed_date="2025-06-01", disallowance_date="2025-09-15", proper_request=True)
    )
    assert sp is not None
    assert sp.date == date(2026, 3, 16)  # 6 months after disallowance (Sunday -> Monday), shorter than 12 months
    assert [p.id for p in sp.params] == [
        SUIT,
        "wrongful_levy.suit_extension_after_request_months",
        "wrongful_levy.suit_extension_after_disallowance_months",
    ]
    sp12 = suit_period(
        date(2024, 3, 1), _claim(filed_date="2025-06-01", disallowance_date="2026-01-30", proper_request=True)
    )
    assert sp12 is not None and sp12.date == date(2026, 6, 1)  # 12 months after the request is shorter here


def test_improper_or_late_request_does_not_extend() -> None:
    improper = suit_period(date(2024, 3, 1), _claim(filed_date="2025-06-01", proper_request=False))
    assert improper is not None and improper.date == date(2026, 3, 2) and improper.if_proper is None
    assert improper.count[-1].key == "count.suit.improper"
    late = suit_period(date(2024, 3, 1), _claim(filed_date="2026-03-10", proper_request=True))
    assert late is not None and late.date == date(2026, 3, 2) and late.claim_path is None
    assert "count.suit.late" in [m.key for m in late.count]


def test_unknown_adequacy_shows_base_date_and_the_extended_alternative() -> None:
    sp = suit_period(date(2024, 3, 1), _claim(filed_date="2025-06-01"))
    assert sp is not None
    assert (sp.date, sp.if_proper) == (date(2026, 3, 2), date(2026, 6, 1))


def test_extension_never_shortens_the_base_period() -> None:
    sp = suit_period(
        date(2025, 1, 10), _claim(filed_date="2025-02-01", disallowance_date="2025-03-01", proper_request=True)
    )
    assert sp is not None
    assert sp.date == date(2027, 1, 11)
    shorter = next(m for m in sp.count if m.key == "count.suit.never_shortens")
    assert shorter.args["day"].value == date(2025, 9, 2)  # type: ignore[union-attr]  # the earlier, safe date


def test_rollback_deadline_is_the_return_due_date_with_7503() -> None:
    assert rollback_deadline(date(2025, 6, 1)).date == date(2026, 4, 15)
    d = rollback_deadline(date(2022, 8, 1))  # 2023-04-15 Saturday, 04-17 Emancipation Day observed
    assert d.date == date(2023, 4, 18) and d.tax_year == 2022
    assert [m.key for m in d.count] == ["count.rollback", "count.moved_to_business_day"]


def test_form_8546_is_one_year_without_roll_forward() -> None:
    d = form_8546_deadline(date(2025, 11, 1))
    assert d.date == date(2026, 11, 1)  # a Sunday: 31 U.S.C. § 3723 is outside § 7503
    assert d.params[0].id == "bank_charges.claim_period_years"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"proceeds_sent": True}, True),
        ({"amount_taken": Decimal("10")}, True),
        ({"proceeds_sent": False}, False),
        ({"amount_taken": Decimal("0")}, False),
        ({}, None),
    ],
)
def test_money_taken(fields: dict[str, object], expected: bool | None) -> None:
    assert money_taken(Levy.model_validate({"kind": LevyKind.BANK, **fields})) is expected


def test_text_output_shows_the_other_reading_beside_the_safer_date() -> None:
    code, out, _ = run_cli("analyze", "examples/wrongful-levy-relatives-account.yaml", "--as-of", "2026-11-23")
    assert code == 0
    assert "October 4, 2028" in out and "(other reading: October 5," in out
