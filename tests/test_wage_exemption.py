"""Publication 1494 exempt wages (26 U.S.C. § 6334(a)(9), (d)): the published tables reproduced to the cent."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from levynav.core.calc import wage_exemption as we
from levynav.core.model.case import FilingStatus
from levynav.explain import LANGS, catalog
from levynav.explain import wage_exemption as words
from levynav.lawbook import datafiles

SHARED_CHECK = Path(__file__).resolve().parents[2] / "shared" / "data" / "pub1494_check_values.csv"
PACKAGED_CHECK = datafiles.path("wage_exemption", "pub1494_check_values.csv")
CHECK_FILE = SHARED_CHECK if SHARED_CHECK.exists() else PACKAGED_CHECK
GROUPS = {
    "married_filing_jointly_or_qualifying_surviving_spouse": [
        FilingStatus.MARRIED_FILING_JOINTLY,
        FilingStatus.QUALIFYING_SURVIVING_SPOUSE,
    ],
    "single_or_head_of_household": [FilingStatus.SINGLE, FilingStatus.HEAD_OF_HOUSEHOLD],
}
PERIODS = list(we.PayPeriod)


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


CHECK_ROWS = read(CHECK_FILE)


def statuses(name: str) -> list[FilingStatus]:
    return GROUPS.get(name) or [FilingStatus(name)]


def test_the_check_file_has_every_published_2024_value() -> None:
    assert len(CHECK_ROWS) == 113
    assert {r["year"] for r in CHECK_ROWS} == {"2024"}


def test_packaged_copy_of_the_check_values_matches_the_shared_file() -> None:
    if SHARED_CHECK.exists():
        assert SHARED_CHECK.read_text(encoding="utf-8") == PACKAGED_CHECK.read_text(encoding="utf-8")
    else:  # CI without shared/: the packaged copy is what the other tests read
        assert CHECK_FILE == PACKAGED_CHECK


@pytest.mark.parametrize("row", CHECK_ROWS, ids=lambda r: f"{r['filing_status']}-{r['pay_period']}-{r['dependents']}")
def test_every_2024_published_value_is_reproduced_to_the_cent(row: dict[str, str]) -> None:
    expected = Decimal(row["exempt_amount"]).quantize(Decimal("0.01"))
    kind = row["dependents"]
    for status in statuses(row["filing_status"]):
        if kind == "each_additional_over_5":
            six = we.exempt_amount(2024, row["pay_period"], status, 6).exempt_amount
            five = we.exempt_amount(2024, row["pay_period"], status, 5).exempt_amount
            assert six - five == expected
        elif kind == "additional_per_aged_or_blind_condition":
            result = we.exempt_amount(2024, row["pay_period"], status, 0, 1)
            assert result.additional_per_period == expected
        elif kind == "additional_for_two_aged_or_blind_conditions":
            result = we.exempt_amount(2024, row["pay_period"], status, 0, 2)
            assert result.additional_per_period == expected
        else:
            assert we.exempt_amount(2024, row["pay_period"], status, int(kind)).exempt_amount == expected


PUBLISHED = read(datafiles.path("wage_exemption", "pub1494_published_values.csv"))


@pytest.mark.parametrize(
    "row", PUBLISHED, ids=lambda r: f"{r['year']}-{r['filing_status']}-{r['pay_period']}-{r['dependents']}"
)
def test_earlier_published_tables_are_reproduced_to_the_cent(row: dict[str, str]) -> None:
    result = we.exempt_amount(int(row["year"]), row["pay_period"], row["filing_status"], int(row["dependents"]))
    assert result.exempt_amount == Decimal(row["exempt_amount"])


def test_pub1494_worked_example_single_weekly_three_dependents_over_65() -> None:
    plain = we.exempt_amount(2024, "weekly", "single", 3)
    assert plain.exempt_amount == Decimal("569.22")
    older = we.exempt_amount(2024, "weekly", "single", 3, additional_conditions=1)
    assert older.exempt_amount == Decimal("606.72")
    assert older.formula.endswith("= 606.72")


def test_pub1494_worked_example_joint_biweekly_two_dependents_two_conditions() -> None:
    assert we.exempt_amount(2024, "biweekly", "married_filing_jointly", 2).exempt_amount == Decimal("1507.70")
    both = we.exempt_amount(2024, "biweekly", "married_filing_jointly", 2, additional_conditions=2)
    assert both.exempt_amount == Decimal("1626.93")
    assert both.additional_per_period == Decimal("119.23")  # 3,100 / 26 rounded once, not 2 x 59.62


def test_dependent_increments_are_rounded_before_they_are_added() -> None:
    # 24,600 / 52 = 473.077 would print 473.08; the table prints 280.77 + 2 x 96.15.
    assert we.exempt_amount(2024, "weekly", "single", 2).exempt_amount == Decimal("473.07")


def test_no_statement_means_married_filing_separately_with_no_dependents() -> None:
    result = we.exempt_amount(2024, "monthly")
    assert result.statement_default_applied
    assert result.filing_status is FilingStatus.MARRIED_FILING_SEPARATELY
    assert result.dependents == 0
    assert result.exempt_amount == Decimal("1216.67")
    assert result.notes[0].key == "wage.no_statement"
    assert "6334(d)(4)(D)" in words.notes(result, "en")[0]


def test_a_missing_dependent_amount_is_named_not_estimated() -> None:
    with pytest.raises(we.MissingInput) as err:
        we.exempt_amount(2019, "weekly", "single", 1)
    assert err.value.missing == ["pub1494_inputs[2019, single, published].dependent_amount"]
    assert err.value.inputs == (we.Pub1494Input.DEPENDENT_AMOUNT,)
    assert "missing" in str(err.value)


def test_2026_with_dependents_counts_the_unverified_dependent_amount_and_says_so() -> None:
    # The one 2026 Pub 1494 figure seen (quoted by a third-party page): single, weekly, 3 dependents, 615.38.
    result = we.exempt_amount(2026, "weekly", "single", 3)
    assert result.exempt_amount == Decimal("615.38")
    assert result.formula == "309.62 + 3 x 101.92 = 615.38"
    assert result.dependent_amount is not None and result.dependent_amount.value == Decimal("5300")
    assert result.dependent_amount.status is we.InputStatus.UNVERIFIED
    assert result.dependent_amount.unverified
    flagged = [n.args["input"].value for n in result.notes if n.key == "wage.input_status"]  # type: ignore[union-attr]
    assert flagged == ["standard_deduction", "dependent_amount"]
    assert any("UNVERIFIED" in n for n in words.notes(result, "en"))
    assert any("NO ESTÁN VERIFICADOS" in n for n in words.notes(result, "es"))


def test_the_2026_dependent_amount_is_the_only_whole_dollar_amount_that_gives_the_quoted_cell() -> None:
    # 615.38 = round(16,100 / 52) + 3 x round(D / 52); only D = 5,300 among whole dollars near it does.
    base = we.cents(Decimal(16100) / 52)
    fits = [d for d in range(5000, 5601) if base + 3 * we.cents(Decimal(d) / 52) == Decimal("615.38")]
    assert fits == [5300]
    assert we.year_inputs(2026, FilingStatus.SINGLE).dependent_amount.value == Decimal(fits[0])


def test_2026_without_dependents_uses_the_secondary_standard_deduction_and_says_so() -> None:
    result = we.exempt_amount(2026, "weekly", "single", 0)
    assert result.exempt_amount == Decimal("309.62")  # 16,100 / 52
    assert result.unverified_inputs == [result.standard_deduction]
    assert [n.key for n in result.notes] == ["wage.year_note.y2026", "wage.input_status"]
    said = result.notes[1].args
    assert said["input"].value == "standard_deduction" and said["status"].value == "S"  # type: ignore[union-attr]
    assert any("secondary" in n for n in words.notes(result, "en"))


def test_2019_dependent_amount_is_missing_not_interpolated() -> None:
    assert we.exempt_amount(2019, "weekly", "single", 0).exempt_amount == Decimal("234.62")
    with pytest.raises(we.MissingInput):
        we.exempt_amount(2019, "weekly", "single", 2)


def test_2025_uses_the_pre_july_2025_basis_by_default_and_can_switch() -> None:
    default = we.exempt_amount(2025, "weekly", "single", 1)
    assert default.basis == "rev_proc_2024_40_before_2025_law"
    assert default.exempt_amount == Decimal("386.54")  # 288.46 + 98.08, the only 2025 table seen
    assert any("Pub. L. 119-21" in n for n in words.notes(default, "en"))
    amended = we.exempt_amount(2025, "weekly", "single", 0, basis="as_amended_by_2025_law")
    assert amended.exempt_amount == Decimal("302.88")  # 15,750 / 52
    with pytest.raises(we.MissingInput):
        we.exempt_amount(2025, "weekly", "single", 1, basis="as_amended_by_2025_law")


def test_every_year_2018_to_2026_is_covered() -> None:
    assert we.years() == list(range(2018, 2027))
    for year in we.years():
        for status in FilingStatus:
            inputs = we.year_inputs(year, status)
            assert inputs.standard_deduction.value is not None
            assert inputs.standard_deduction.source and inputs.standard_deduction.status in {"V", "S", "U"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"year": 2017, "pay_period": "weekly"}, "not covered"),
        ({"year": 2024, "pay_period": "fortnightly"}, "pay period"),
        ({"year": 2024, "pay_period": "weekly", "filing_status": "single", "dependents": -1}, "0 or more"),
        ({"year": 2024, "pay_period": "weekly", "filing_status": "widow", "dependents": 0}, "filing status"),
        ({"year": 2024, "pay_period": "weekly", "filing_status": "single"}, "both"),
        (
            {
                "year": 2024,
                "pay_period": "weekly",
                "filing_status": "single",
                "dependents": 0,
                "additional_conditions": 3,
            },
            "0-2",
        ),
        ({"year": 2024, "pay_period": "weekly", "basis": "nope"}, "basis"),
    ],
)
def test_bad_input_is_a_clear_error(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(we.WageExemptionError, match=message):
        we.exempt_amount(**kwargs)  # type: ignore[arg-type]


COVERED = [2018, *range(2020, 2025)]  # years with a dependent amount on the default basis (2025 and 2026 too, U)


@given(
    year=st.sampled_from([*COVERED, 2025, 2026]),
    status=st.sampled_from(list(FilingStatus)),
    period=st.sampled_from(PERIODS),
    dependents=st.integers(min_value=0, max_value=15),
    conditions=st.integers(min_value=0, max_value=2),
)
def test_exempt_amount_grows_with_dependents_and_is_never_negative(
    year: int, status: FilingStatus, period: we.PayPeriod, dependents: int, conditions: int
) -> None:
    now = we.exempt_amount(year, period, status, dependents, conditions).exempt_amount
    more = we.exempt_amount(year, period, status, dependents + 1, conditions).exempt_amount
    assert now > 0
    assert more > now
    older = we.exempt_amount(year, period, status, dependents, min(conditions + 1, 2)).exempt_amount
    assert older >= now


@given(
    year=st.sampled_from([*COVERED, 2025, 2026]),
    status=st.sampled_from(list(FilingStatus)),
    dependents=st.integers(min_value=0, max_value=15),
)
def test_longer_pay_periods_exempt_more(year: int, status: FilingStatus, dependents: int) -> None:
    amounts = [we.exempt_amount(year, p, status, dependents).exempt_amount for p in PERIODS]
    assert amounts == sorted(amounts)  # daily < weekly < biweekly < semimonthly < monthly


@given(status=st.sampled_from(list(FilingStatus)), dependents=st.integers(min_value=0, max_value=10))
def test_monthly_amount_is_the_annual_amount_over_twelve_within_rounding(status: FilingStatus, dependents: int) -> None:
    result = we.exempt_amount(2024, "monthly", status, dependents)
    assert result.standard_deduction.value is not None
    dep = result.dependent_amount.value if result.dependent_amount and result.dependent_amount.value else 0
    annual = result.standard_deduction.value + dependents * dep
    assert abs(result.exempt_amount * 12 - annual) <= Decimal("0.06") * (dependents + 1)


def test_inputs_file_keeps_the_shared_columns_plus_source_and_every_value_is_sourced() -> None:
    rows = read(datafiles.path("wage_exemption", "pub1494_inputs.csv"))
    shared = Path(__file__).resolve().parents[2] / "shared" / "data" / "pub1494_inputs.csv"
    expected = [
        "year",
        "filing_status",
        "basis",
        "standard_deduction",
        "additional_aged_or_blind_per_condition",
        "dependent_amount",
        "note",
        "status",
    ]
    if shared.exists():
        expected = list(read(shared)[0])
    assert list(rows[0]) == [*expected, "source"]
    for year in we.years():
        for basis in we.bases(year):
            for status in FilingStatus:
                inputs = we.year_inputs(year, status, basis)
                for value in (inputs.standard_deduction, inputs.additional_per_condition, inputs.dependent_amount):
                    assert value.source, f"{year} {status} {value.name}: no source"
                    if value.value is None:
                        assert value.status is we.InputStatus.MISSING and value.source == "missing"
                    else:
                        assert value.status in {"V", "S", "U"}, f"{year} {status} {value.name}: {value.status}"


def test_wage_citations_are_in_the_registry() -> None:
    from levynav.core.law import registry

    for cid in we.CITES:
        assert registry.cite(cid).summary


def test_every_note_and_label_of_every_year_is_a_message_in_every_language() -> None:
    """The notes are message references ({key, args}): each year's note, the employer default and every input's
    status render in English and Spanish; the record itself holds no sentence (issue 10)."""
    for year in we.years():
        for basis in we.bases(year):
            try:
                result = we.exempt_amount(year, "weekly", "single", 0, basis=basis)
                default = we.exempt_amount(year, "weekly", basis=basis)
            except we.MissingInput:
                continue
            for r in (result, default):
                for note in r.notes:
                    assert all(a.type != "text" for a in note.args.values()), f"{year}: {note.key} quotes text"
                    for lang in LANGS:
                        assert catalog.has(note.key, lang), f"{lang}: no {note.key}"
                        assert words.notes(r, lang)
    for lang in LANGS:
        for status in we.InputStatus:
            assert catalog.messages(lang)["label"]["InputStatus"][status.value], f"{lang}: {status}"
        for name in we.Pub1494Input:
            assert catalog.messages(lang)["label"]["Pub1494Input"][name.value], f"{lang}: {name}"


def test_the_formula_holds_numbers_only_and_is_named_in_each_language() -> None:
    older = we.exempt_amount(2024, "weekly", "single", 3, additional_conditions=1)
    assert older.formula == "280.77 + 3 x 96.15 + 37.50 = 606.72"
    assert words.formula(older, "en") == (
        "280.77 (standard deduction 14,600 / 52) + 3 x 96.15 (dependent amount 5,000 / 52)"
        " + 37.50 (1 x 1,950 / 52) = 606.72"
    )
    spanish = words.formula(older, "es")
    assert "deducción estándar" in spanish and "cantidad por dependiente" in spanish and "standard" not in spanish
