"""Collection Financial Standards editions: loading, edition choice and lookups against real rows."""

from __future__ import annotations

import csv
import hashlib
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from levynav import lawbook
from levynav.core.calc import standards
from levynav.core.calc.standards import County, edition_for, grade
from levynav.lawbook import standards_editions
from tests.helpers import en

SHARED = Path("/work/shared/data")
PACKAGED = lawbook.packaged_dir()


pytestmark = pytest.mark.usefixtures("user_standards")


def ed(day: str) -> standards.Edition:
    e = edition_for(date.fromisoformat(day)).edition
    assert e is not None
    return e


def test_both_editions_load_with_every_county() -> None:
    assert [e.effective_date for e in standards.editions()] == [date(2024, 4, 22), date(2025, 4, 21)]
    assert len(ed("2025-06-01").rows["housing_utilities"]) == 3145
    assert len(ed("2024-06-01").rows["housing_utilities"]) == 3223


def test_checksums_in_edition_yaml_match_the_files() -> None:
    for folder in (PACKAGED / "2024-04-22", PACKAGED / "2025-04-21"):
        meta = yaml.safe_load((folder / "edition.yaml").read_text())
        for table, entry in meta["tables"].items():
            if entry.get("file"):
                digest = hashlib.sha256((folder / entry["file"]).read_bytes()).hexdigest()
                assert digest == entry["sha256"], table


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared source data not present")
def test_rows_keep_the_source_status() -> None:
    with (SHARED / "national_standards.csv").open() as fh:
        source = [r for r in csv.DictReader(fh) if r["effective_date"] == "2025-04-21"]
    packaged = ed("2025-06-01").rows["national_standards"]
    assert [(r["item"], r["persons_1"], r["status"]) for r in packaged] == [
        (r["item"], r["persons_1"], r["status"]) for r in source
    ]


def test_damaged_table_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "2025-04-21"
    shutil.copytree(PACKAGED / "2025-04-21", copy)
    with (copy / "health_care.csv").open("a") as fh:
        fh.write("2025-04-21,under_65,1,verified_irs_page\n")
    with pytest.raises(standards.StandardsError, match="does not match the sha256"):
        standards_editions.load_edition(copy, "imported")


@pytest.mark.parametrize(
    ("day", "fips", "persons", "amount", "grade_"),
    [
        ("2025-06-01", "06075", 4, "5769", "S"),  # San Francisco County, family of four
        ("2025-06-01", "06075", 7, "5862", "S"),  # five or more
        ("2025-06-01", "01001", 1, "1533", "V"),  # Autauga County, AL: checked on the UST page
        ("2025-06-01", "36061", 2, "4667", "S"),  # New York County
        ("2024-06-01", "06075", 1, "3998", "S"),
        ("2024-06-01", "17031", 3, "2781", "S"),  # Cook County 2024
    ],
)
def test_housing_by_county_and_size(day: str, fips: str, persons: int, amount: str, grade_: str) -> None:
    e = ed(day)
    county = e.find_county(None, None, fips)
    assert county is not None
    v = e.housing(county, persons)
    assert v.amount == Decimal(amount)
    assert v.grade == grade_
    assert v.edition == e.effective_date and fips in v.row_key


def test_connecticut_planning_region_by_name() -> None:
    e = ed("2025-06-01")
    county = e.find_county("CT", "Capitol", None)
    assert county == County("CT", "Capitol Planning Region", None)
    assert e.housing(county, 1).amount == Decimal(2231)


def test_puerto_rico_is_in_2024_only() -> None:
    pr_2024 = [c for c in ed("2024-06-01").counties() if c.state == "PR"]
    assert len(pr_2024) == 78
    assert not [c for c in ed("2025-06-01").counties() if c.state == "PR"]


@pytest.mark.parametrize(("persons", "total"), [(1, "839"), (2, "1481"), (4, "2129")])
def test_national_standards_2025(persons: int, total: str) -> None:
    assert ed("2025-06-01").national("total", persons).amount == Decimal(total)
    assert ed("2025-06-01").national_additional("total").amount == Decimal(394)


def test_2024_national_standards_gaps_stay_missing() -> None:
    e = ed("2024-06-01")
    assert e.national("food", 1).amount == Decimal(458)
    assert e.national("food", 1).grade == "U"
    personal = e.national("personal_care_products_and_services", 2)
    assert personal.amount is None and personal.missing and "personal_care" in personal.missing
    assert e.national("total", 1).amount is None


def test_health_care() -> None:
    assert ed("2024-06-01").health("under_65").amount == Decimal(83)
    assert ed("2024-06-01").health("65_and_older").grade == "V"
    v = ed("2025-06-01").health("65_and_older")
    assert (v.amount, v.grade) == (Decimal(149), "U")


@pytest.mark.parametrize(
    ("day", "fips", "state", "amount", "key"),
    [
        ("2025-06-01", "48201", "TX", "359", "Houston"),
        ("2025-06-01", "17031", "IL", "296", "Chicago"),
        ("2025-06-01", "01001", "AL", "281", "outside"),
        ("2024-06-01", "48201", "TX", "332", "Houston"),
    ],
)
def test_operating_costs_by_msa_or_region(day: str, fips: str, state: str, amount: str, key: str) -> None:
    e = ed(day)
    v = e.operating(County(state, "x", fips))
    assert v.amount == Decimal(amount)
    assert key in v.row_key


def test_2024_operating_cost_outside_an_msa_is_missing() -> None:
    v = ed("2024-06-01").operating(County("AL", "Autauga County", "01001"))
    assert v.amount is None and v.missing and "no Census region table" in v.missing


def test_transportation_items() -> None:
    e = ed("2025-06-01")
    assert e.transport_item("public_transportation").grade == "V"
    assert e.transport_item("ownership_one_car").amount == Decimal(662)
    assert e.transport_item("ownership_one_car").grade == "U"
    assert ed("2024-06-01").transport_item("ownership_one_car").amount is None


def test_edition_choice_by_effective_date() -> None:
    assert ed("2025-04-20").effective_date == date(2024, 4, 22)
    assert ed("2025-04-21").effective_date == date(2025, 4, 21)
    choice = edition_for(date(2024, 1, 1))
    assert choice.edition is None and "(the earliest is of April 22, 2024)" in en(choice.notes[0])


def test_after_the_following_april_the_newest_is_used_and_said_plainly() -> None:
    before = edition_for(date(2026, 3, 31))
    after = edition_for(date(2026, 5, 1))
    assert not before.stale
    assert after.stale and after.edition is not None and after.edition.effective_date == date(2025, 4, 21)
    assert any("newest standards this program has" in en(n) for n in after.notes)


def test_user_edition_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "mine"
    target = user / "2026-06-01"
    shutil.copytree(PACKAGED / "2025-04-21", target)
    meta = yaml.safe_load((target / "edition.yaml").read_text())
    meta["effective_date"] = date(2026, 6, 1)
    (target / "edition.yaml").write_text(yaml.safe_dump(meta))
    monkeypatch.setenv(lawbook.ENV_DIR, str(user))
    lawbook.clear_cache()
    choice = edition_for(date(2026, 7, 1))
    assert choice.edition is not None and choice.edition.origin == "imported"
    assert choice.edition.effective_date == date(2026, 6, 1)
    assert edition_for(date(2026, 5, 1)).edition.effective_date == date(2025, 4, 21)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("verified_irs_page", "V"),
        ("verified_ust_page", "V"),
        ("two_sources", "S"),
        ("single_source_repository_sample_verified_against_ust_pages", "S"),
        ("two_sources_persons_2_to_4; persons_1_conflict_44_newsletter_vs_45_code_file", "U"),
        ("single_source_repository", "U"),
        ("UNVERIFIED_single_repository", "U"),
        ("year_unverified_believed_2024", "U"),
        ("secondary_source", "U"),
        ("missing", "missing"),
    ],
)
def test_status_grades(word: str, expected: str) -> None:
    assert grade(word) == expected
