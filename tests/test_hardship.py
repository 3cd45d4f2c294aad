"""Economic hardship from the numbers (R6343-A4/A8; 26 C.F.R. § 301.6343-1(b)(4)) and its wiring in derive."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from levynav.core import derive
from levynav.core.calc import hardship as calc_hardship
from levynav.core.calc.hardship import economic_hardship, financial_picture, levy_take
from levynav.core.law.rule import Decided
from levynav.core.model.ability_to_pay import AbilityToPay
from levynav.core.model.analysis import Outcome
from levynav.core.model.case import Case
from levynav.intake.load import case_from_data
from tests.helpers import ZERO_EXPENSES, en

AS_OF = date(2025, 10, 1)
KNOWN = {
    **ZERO_EXPENSES,
    "housing": 700,
    "utilities": 200,
    "vehicles": [],
    "out_of_pocket_health": 0,
}
# Autauga County, AL, one person aged 45 in 2025: 839 + 84 + min(900, 1533) + 244 = 2,067.00 allowable.
ALLOWABLE = Decimal(839 + 84 + 900 + 244)


pytestmark = pytest.mark.usefixtures("user_standards")


def case(income: int | None, levies: list[dict[str, Any]], kind: str = "individual", **fin: Any) -> Case:
    finances: dict[str, Any] = {**KNOWN, **fin}
    if income is not None:
        finances["income"] = [{"kind": "wages", "frequency": "monthly", "gross": income}]
    return case_from_data(
        {
            "taxpayer": {"kind": kind, "county_fips": "01001", "birth_date": "1980-02-01"},
            "levies": levies,
            "finances": finances,
        }
    )


def decide(c: Case, as_of: date = AS_OF) -> Decided:
    picture = financial_picture(c, as_of)
    assert picture is not None
    return economic_hardship(c, picture, as_of)


def test_levy_leaving_less_than_allowable_is_hardship() -> None:
    d = decide(case(2500, [{"kind": "wages", "served_date": "2025-09-01", "monthly_amount": 600}]))
    assert d.outcome is Outcome.APPLIES
    assert d.figures["income_after_levy"] == Decimal("1900.00")
    assert d.figures["allowable_living_expenses"] == ALLOWABLE
    assert "$167.00 short" in en(d.explanation)
    assert any(p.id.startswith("standards.housing_utilities") for p in d.parameters)


def test_levy_leaving_enough_is_not_hardship() -> None:
    d = decide(case(4000, [{"kind": "wages", "served_date": "2025-09-01", "monthly_amount": 600}]))
    assert d.outcome is Outcome.DOES_NOT_APPLY
    assert "$1,333.00 left" in en(d.explanation)


def test_exactly_enough_is_not_hardship() -> None:
    income = int(ALLOWABLE) + 600
    d = decide(case(income, [{"kind": "wages", "served_date": "2025-09-01", "monthly_amount": 600}]))
    assert d.outcome is Outcome.DOES_NOT_APPLY


def test_bank_levy_counts_the_amount_taken_against_the_month() -> None:
    c = case(2500, [{"kind": "bank", "served_date": "2025-09-20", "amount_taken": 1000}])
    assert levy_take(c, AS_OF).amount == Decimal(1000)
    assert decide(c).outcome is Outcome.APPLIES
    unknown = decide(case(2500, [{"kind": "bank", "served_date": "2025-09-20"}]))
    assert unknown.outcome is Outcome.UNKNOWN and "levies[0].amount_taken" in unknown.missing


def test_open_expense_lines_do_not_block_a_clear_hardship() -> None:
    c = case(1000, [{"kind": "wages", "served_date": "2025-09-01", "monthly_amount": 300}], current_taxes=None)
    d = decide(c)
    assert d.outcome is Outcome.APPLIES  # expenses can only grow
    assert d.explanation.key == "finances.hardship.applies_at_least" and "at least" in en(d.explanation)


def test_open_expense_lines_leave_a_close_case_unknown() -> None:
    c = case(4000, [{"kind": "wages", "served_date": "2025-09-01", "monthly_amount": 600}], current_taxes=None)
    d = decide(c)
    assert d.outcome is Outcome.UNKNOWN and d.missing == ("finances.current_taxes",)


def test_unknown_income_is_unknown() -> None:
    d = decide(case(None, [{"kind": "wages", "served_date": "2025-09-01", "monthly_amount": 600}]))
    assert d.outcome is Outcome.UNKNOWN and "finances.income" in d.missing


def test_continuous_levy_without_monthly_amount_asks_for_it() -> None:
    d = decide(case(2500, [{"kind": "social_security", "served_date": "2025-09-01"}]))
    assert d.outcome is Outcome.UNKNOWN and "levies[0].monthly_amount" in d.missing


def test_released_levy_is_not_counted() -> None:
    c = case(
        2500, [{"kind": "wages", "served_date": "2025-01-01", "released_date": "2025-03-01", "monthly_amount": 900}]
    )
    assert decide(c).outcome is Outcome.NOT_APPLICABLE


def test_business_is_not_applicable() -> None:
    d = decide(case(2500, [{"kind": "bank", "served_date": "2025-09-20", "amount_taken": 10}], kind="business"))
    assert d.outcome is Outcome.NOT_APPLICABLE and d.explanation.key == "finances.hardship.business"


def test_derive_without_finances() -> None:
    c = case_from_data({"taxpayer": {"kind": "individual"}})
    assert derive._finances(c, AS_OF, {}) == (None, None, None, None, {})


def test_derive_fills_hardship_and_the_finances_section() -> None:
    c = case(2500, [{"kind": "wages", "served_date": "2025-09-01", "monthly_amount": 600}])
    hardship, section, _, _, _ = derive._finances(c, AS_OF, {})
    assert hardship is not None and hardship.outcome is Outcome.APPLIES
    assert section is not None and section.edition is not None and section.expenses is not None
    assert section.edition.effective_date == date(2025, 4, 21)
    assert str(section.expenses.total) == "2067.00"
    assert str(section.disposable_income) == "433.00"
    housing = next(x for x in section.expenses.lines if x.key == "housing_utilities")
    assert tuple(map(str, (housing.standard, housing.actual, housing.allowed))) == ("1533.00", "900.00", "900.00")
    assert housing.sources[0].status == "verified_ust_page"
    assert {u.table for u in section.unverified_values} == {"national_standards", "health_care"}
    assert "CFS-4" in section.citations
    assert section.hardship is not None and section.hardship.outcome is Outcome.APPLIES
    # the operator's plain view (`levynav finances`) is the same record, amounts as text in cents
    plain = calc_hardship.section(financial_picture(c, AS_OF), hardship)  # type: ignore[arg-type]
    assert plain["expenses"]["total"] == "2067.00" and plain["edition"]["effective_date"] == "2025-04-21"
    assert AbilityToPay.model_validate(plain) == section.model_copy(update={"options": None})


def test_derive_reports_an_unknown_county_instead_of_failing() -> None:
    c = case_from_data({"taxpayer": {"kind": "individual", "county_fips": "99999"}, "finances": {}})
    hardship, section, options, _, problems = derive._finances(c, AS_OF, {})
    assert hardship is not None and hardship.outcome is Outcome.UNKNOWN
    assert hardship.missing == ("taxpayer.county_fips",)
    # the reason is a message reference with the county as given, no English sentence (issue 10)
    assert section is not None and section.error is not None
    error = section.error
    assert error.key == "finances.error.county_unknown"
    assert error.args["county"].value == "99999"
    assert error.args["field"].value == "taxpayer.county_fips"
    assert hardship.explanation.args["reason"].value == error
    assert section.as_of == AS_OF and section.expenses is None and section.options is None and options is None
    assert problems == {"taxpayer.county_fips": error}  # the open question for the field says why


def test_a_connecticut_county_not_found_says_planning_region() -> None:
    c = case_from_data({"taxpayer": {"kind": "individual", "state": "CT", "county": "Hartford"}, "finances": {}})
    hardship, section, _, _, _ = derive._finances(c, AS_OF, {})
    assert hardship is not None and hardship.outcome is Outcome.UNKNOWN
    assert section is not None and section.error is not None
    assert section.error.key == "finances.error.county_unknown_region"
    assert section.error.args["county"].value == "Hartford"


def test_after_the_newest_edition_the_section_says_so() -> None:
    c = case(2500, [{"kind": "wages", "served_date": "2026-05-01", "monthly_amount": 600}])
    _, section, _, _, _ = derive._finances(c, date(2026, 6, 15), {})
    assert section is not None and section.edition is not None and section.edition.newest_known_may_be_outdated
    assert any(n.key == "finances.standards_note.stale" for n in section.notes)


def test_receivables_levy_counts_the_amount_taken_like_a_bank_levy() -> None:
    """Reg. § 301.6331-1(a)(1): a levy on a sole proprietor's receivables takes once what is owed when served, so its
    take is the amount taken (audit 2026-12-07, round 3); not known, the amount taken is asked, not a monthly one."""
    c = case(2500, [{"kind": "accounts_receivable", "served_date": "2025-09-20", "amount_taken": 1000}])
    take = levy_take(c, AS_OF)
    assert take.amount == Decimal(1000) and take.complete
    assert take.parts[0].basis.key == "finances.levy_take.one_time_receivables"
    assert decide(c).outcome is Outcome.APPLIES
    unknown = decide(case(2500, [{"kind": "accounts_receivable", "served_date": "2025-09-20"}]))
    assert unknown.outcome is Outcome.UNKNOWN
    assert "levies[0].amount_taken" in unknown.missing and "levies[0].monthly_amount" not in unknown.missing
    stated = case(2500, [{"kind": "accounts_receivable", "served_date": "2025-09-20", "monthly_amount": 300}])
    assert levy_take(stated, AS_OF).parts[0].basis.key == "finances.levy_take.monthly"


def test_tas_economic_harm_from_the_finances_is_not_recorded_as_the_persons_answer() -> None:
    """TAS-1 criterion 1 met by the calculation (R6343-A4 applies) while the person answered no: the finding records
    no ``circumstances.economic_hardship`` fact contradicting the answer; met by the answer, it records the answer."""
    from levynav.core.analyze import analyze

    levy = [{"kind": "wages", "served_date": "2025-09-01", "monthly_amount": 600}]
    c = case(2500, levy)
    said_no = c.circumstances.model_copy(update={"economic_hardship": False})
    by_finances = c.model_copy(update={"circumstances": said_no})
    tas = next(f for f in analyze(by_finances, AS_OF).findings if f.rule == "TAS-1")
    assert tas.outcome is Outcome.APPLIES and tas.value == [1, 2]
    assert "circumstances.economic_hardship" not in {f.path for f in tas.facts}
    said = c.model_copy(update={"circumstances": c.circumstances.model_copy(update={"economic_hardship": True})})
    tas = next(f for f in analyze(said, AS_OF).findings if f.rule == "TAS-1")
    assert {f.path: f.value for f in tas.facts}["circumstances.economic_hardship"] is True
