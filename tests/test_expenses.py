"""Allowable living expenses line by line (CFS-1..CFS-7) and monthly income (Form 433-A/433-F factors)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levynav.core.calc import standards
from levynav.core.calc.expenses import Expenses, FinancesInputError, allowable_expenses, household
from levynav.core.calc.hardship import financial_picture
from levynav.core.calc.income import cents, monthly, monthly_income
from levynav.core.model.case import Case
from levynav.core.model.finances import Finances, PayFrequency
from levynav.intake.load import CaseError, case_from_data
from tests.helpers import ZERO_EXPENSES, en

AS_OF = date(2025, 10, 1)


pytestmark = pytest.mark.usefixtures("user_standards")


def make(taxpayer: dict[str, Any], finances: dict[str, Any], **rest: Any) -> Case:
    return case_from_data({"taxpayer": {"kind": "individual", **taxpayer}, "finances": finances, **rest})


def expenses(case: Case, as_of: date = AS_OF) -> Expenses:
    assert case.finances is not None
    return allowable_expenses(case, case.finances, as_of)


def line(exp: Expenses, key: str) -> Any:
    return next(item for item in exp.lines if item.key == key)


SF_FAMILY = make(
    {"county_fips": "06075", "birth_date": "1955-03-01", "spouse_name": "Pat", "spouse_birth_date": "1960-07-01"},
    {
        "housing": 6500,
        "utilities": 400,
        "vehicles": [
            {"monthly_payment": 900, "operating_cost": 300},
            {"monthly_payment": 0, "operating_cost": 500},
        ],
        "public_transportation": 0,
        "out_of_pocket_health": 100,
        **ZERO_EXPENSES,
        "current_taxes": 1200,
    },
    household=[
        {"relationship": "child", "birth_date": "2010-01-01"},
        {"relationship": "child", "birth_date": "2012-01-01"},
    ],
)


def test_expensive_county_family_of_four_line_by_line() -> None:
    exp = expenses(SF_FAMILY)
    assert exp.household.size == 4 and exp.household.ages == (70, 65, 15, 13)
    assert line(exp, "national_standards").allowed == Decimal(2129)
    assert line(exp, "health_out_of_pocket").allowed == Decimal(149 * 2 + 84 * 2)
    housing = line(exp, "housing_utilities")
    assert (housing.standard, housing.actual, housing.allowed) == (Decimal(5769), Decimal(6900), Decimal(5769))
    assert [n.key for n in housing.notes] == ["finances.expense_note.above_standard"]
    assert "within 6 years" in en(housing.notes[0])  # the six-year rule's count (CFS-6), from the rule's number
    own0, op0 = line(exp, "vehicle_ownership[0]"), line(exp, "vehicle_operating[0]")
    assert (own0.standard, own0.allowed) == (Decimal(662), Decimal(662))
    assert (op0.standard, op0.allowed) == (Decimal(362), Decimal(300))  # San Francisco MSA
    assert line(exp, "vehicle_ownership[1]").allowed == 0
    assert line(exp, "vehicle_operating[1]").allowed == Decimal(362)
    assert exp.complete and exp.total == Decimal(2129 + 466 + 5769 + 662 + 300 + 0 + 362 + 1200)
    assert "housing_utilities" in {v.table for v in exp.values_used()}


def test_every_line_carries_table_edition_row_and_status() -> None:
    for item in expenses(SF_FAMILY).lines:
        for v in item.values:
            assert v.table and v.edition == date(2025, 4, 21) and v.row_key and v.status and v.grade


def test_one_person_is_normally_allowed_one_vehicle() -> None:
    case = make(
        {"county_fips": "01001", "birth_date": "1980-01-01"},
        {"vehicles": [{"monthly_payment": 300, "operating_cost": 100}, {"monthly_payment": 200, "operating_cost": 90}]},
    )
    exp = expenses(case)
    assert [item.key for item in exp.lines if item.key.startswith("vehicle")] == [
        "vehicle_ownership[0]",
        "vehicle_operating[0]",
    ]
    assert any(en(n).startswith("Only 1 vehicle counted") for n in line(exp, "vehicle_ownership[0]").notes)


def test_no_vehicle_gets_public_transportation_in_full() -> None:
    exp = expenses(make({"county_fips": "01001"}, {"vehicles": [], "public_transportation": 40}))
    pub = line(exp, "public_transportation")
    assert (pub.actual, pub.allowed) == (Decimal(40), Decimal(244))


def test_unknown_facts_are_missing_not_zero() -> None:
    exp = expenses(make({"county_fips": "01001"}, {}))
    assert not exp.complete and exp.total is None
    assert {"finances.housing", "finances.utilities", "finances.vehicles", "finances.current_taxes"} <= set(exp.missing)
    assert "taxpayer.birth_date" in exp.missing  # the health standard depends on age
    assert exp.floor == Decimal(839) + Decimal(84)  # what is certain: national standards + the lower health band


def test_2024_missing_national_total_is_reported() -> None:
    exp = expenses(make({"county_fips": "01001", "birth_date": "1980-01-01"}, {}), date(2024, 6, 1))
    nat = line(exp, "national_standards")
    assert nat.allowed is None
    assert any("total: persons_1 is missing" in m for m in nat.missing_values)
    assert any("personal_care" in en(n) for n in nat.notes)


def test_household_from_case_and_override() -> None:
    case = make({"spouse_name": "A"}, {}, household=[{"relationship": "child"}])
    assert case.finances is not None
    hh = household(case, case.finances, AS_OF)
    assert hh.size == 3 and hh.age_paths == (
        "taxpayer.birth_date",
        "taxpayer.spouse_birth_date",
        "household[0].birth_date",
    )
    big = make({}, {"household_size": 6, "member_ages": [40, 38, 10]})
    assert big.finances is not None
    assert household(big, big.finances, AS_OF).ages == (40, 38, 10, None, None, None)
    assert line(
        expenses(make({"county_fips": "01001"}, {"household_size": 6})), "national_standards"
    ).allowed == Decimal(2129 + 2 * 394)


def test_unknown_county_is_a_clear_error() -> None:
    with pytest.raises(FinancesInputError, match="99999 is not in any housing and utilities"):
        expenses(make({"county_fips": "99999"}, {}))
    with pytest.raises(FinancesInputError, match="planning region"):
        expenses(make({"state": "CT", "county_fips": "09003"}, {}))
    with pytest.raises(FinancesInputError, match=r"taxpayer\.county:"):
        expenses(make({"state": "AL", "county": "Atlantis"}, {}))


def test_puerto_rico_in_2025_is_missing_not_an_error() -> None:
    pr = next(c for c in standards.editions()[0].counties() if c.state == "PR")
    exp = expenses(make({"state": "PR", "county_fips": pr.fips}, {"housing": 500, "utilities": 100}))
    assert line(exp, "housing_utilities").allowed is None
    assert any("no row" in m for m in line(exp, "housing_utilities").missing_values)


@pytest.mark.parametrize(
    ("amount", "frequency", "expected"),
    [
        ("425.89", PayFrequency.WEEKLY, "1831.33"),  # Form 433-A (Rev. 7-2022) example
        ("972.45", PayFrequency.BIWEEKLY, "2110.22"),  # same form
        ("856.23", PayFrequency.SEMIMONTHLY, "1712.46"),  # same form
        ("3000", PayFrequency.QUARTERLY, "1000.00"),
        ("24000", PayFrequency.ANNUALLY, "2000.00"),
        ("1800", PayFrequency.MONTHLY, "1800.00"),
    ],
)
def test_monthly_income_uses_the_irs_form_factors(amount: str, frequency: PayFrequency, expected: str) -> None:
    assert cents(monthly(Decimal(amount), frequency)) == expected


def test_income_counts_gross_and_flags_net_only() -> None:
    fin = Finances.model_validate(
        {
            "income": [
                {"kind": "wages", "frequency": "weekly", "gross": 1000, "net": 800},
                {"kind": "pension", "net": 500},
            ]
        }
    )
    inc = monthly_income(fin)
    assert inc.total == Decimal(4300) + Decimal(500)
    assert inc.lines[0].monthly_net == Decimal(3440)
    assert "finances.income_note.net_only" in [n.key for n in inc.lines[1].notes]
    assert monthly_income(Finances.model_validate({"income": [{"kind": "wages", "gross": 100}]})).missing == (
        "finances.income[0].frequency",
    )


@pytest.mark.parametrize(
    ("finances", "problem"),
    [
        ({"income": [{"kind": "wages", "frequency": "weekly", "gross": -1}]}, "finances.income[0].gross"),
        ({"household_size": 0}, "finances.household_size: must be at least 1"),
        ({"housing": -5}, "finances.housing"),
        ({"vehicles": [{"monthly_payment": -1}]}, "finances.vehicles[0].monthly_payment"),
        ({"household_size": 1, "member_ages": [30, 2]}, "member_ages lists more people than household_size"),
    ],
)
def test_bad_finances_input_is_refused(finances: dict[str, Any], problem: str) -> None:
    with pytest.raises(CaseError) as err:
        case_from_data({"taxpayer": {"kind": "individual"}, "finances": finances})
    assert any(problem in p for p in err.value.problems), err.value.problems


# ---------------------------------------------------------------------- properties

money = st.decimals(min_value=0, max_value=20000, places=2, allow_nan=False, allow_infinity=False)
counties = st.sampled_from(["06075", "01001", "36061", "48201", "17031", "02063", "53033"])


@settings(max_examples=60, deadline=None)
@given(
    fips=counties,
    housing=money,
    utilities=money,
    payment=money,
    operating=money,
    size=st.integers(min_value=1, max_value=9),
    income=money,
    day=st.sampled_from([date(2024, 6, 1), date(2025, 6, 1), date(2026, 6, 1)]),
)
def test_properties(
    fips: str,
    housing: Decimal,
    utilities: Decimal,
    payment: Decimal,
    operating: Decimal,
    size: int,
    income: Decimal,
    day: date,
) -> None:
    case = make(
        {"county_fips": fips},
        {
            "household_size": size,
            "member_ages": [40] * size,
            "income": [{"kind": "other", "gross": str(income)}],
            "housing": str(housing),
            "utilities": str(utilities),
            "vehicles": [{"monthly_payment": str(payment), "operating_cost": str(operating)}],
            "public_transportation": 0,
            "out_of_pocket_health": 0,
            **ZERO_EXPENSES,
        },
    )
    picture = financial_picture(case, day)
    assert picture is not None
    exp = picture.expenses
    for item in exp.lines:
        assert item.floor >= 0 and (item.allowed is None or item.allowed >= 0)
        if item.rule == "lesser of actual and standard" and item.allowed is not None:
            assert item.actual is not None and item.allowed <= item.actual  # never above actual
            assert item.standard is not None and item.allowed <= item.standard
    if picture.disposable is not None:
        assert exp.total is not None and picture.income.total is not None
        assert picture.disposable == picture.income.total - exp.total
    else:
        assert exp.total is None
