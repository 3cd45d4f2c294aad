"""`levynav finances` and `levynav data import-standards`."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from levynav import lawbook
from levynav.cli.app import app
from levynav.core.calc import standards
from tests.helpers import ZERO_EXPENSES

runner = CliRunner()
PACKAGED = lawbook.packaged_dir()
CASE = {
    "taxpayer": {"kind": "individual", "county_fips": "06075", "birth_date": "1958-01-01"},
    "levies": [{"kind": "social_security", "served_date": "2025-08-01", "monthly_amount": 400}],
    "finances": {
        "income": [{"kind": "social_security", "gross": 2600}],
        "housing": 2400,
        "utilities": 250,
        "vehicles": [],
        "out_of_pocket_health": 120,
        **ZERO_EXPENSES,
        "health_insurance": 185,
    },
}


pytestmark = pytest.mark.usefixtures("user_standards")


def write_case(tmp_path: Path, data: dict[str, object]) -> Path:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data))
    return path


def test_finances_text_shows_each_allowance_and_its_source(tmp_path: Path) -> None:
    result = runner.invoke(app, ["finances", str(write_case(tmp_path, CASE)), "--as-of", "2025-10-01"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "San Francisco County, CA (FIPS 06075)" in out
    assert "housing_utilities 2025-04-21, San Francisco County, CA (FIPS 06075): family_1 = $4181" in out
    assert "$2,650.00" in out  # housing actual, below the $4,181 standard
    assert "Economic hardship: APPLIES" in out
    assert "UNVERIFIED" in out  # the 2025 health-care amount


def test_finances_json(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["finances", str(write_case(tmp_path, CASE)), "--as-of", "2025-10-01", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["income"]["total"] == "2600.00"
    # 839 national + 149 health (65+) + 2,650 housing + 244 public transportation + 185 insurance
    assert data["expenses"]["total"] == "4067.00"
    assert data["disposable_income"] == "-1467.00"
    assert data["hardship"]["outcome"] == "applies"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"taxpayer": {"kind": "individual", "county_fips": "99999"}}, "99999 is not in any housing"),
        ({"finances": {"household_size": 0}}, "household_size: must be at least 1"),
        ({"finances": {"income": [{"kind": "pension", "gross": -10}]}}, "finances.income[0].gross"),
    ],
)
def test_bad_finances_exit_2_without_traceback(tmp_path: Path, change: dict[str, object], message: str) -> None:
    result = runner.invoke(app, ["finances", str(write_case(tmp_path, {**CASE, **change})), "--as-of", "2025-10-01"])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_finances_without_finances_section(tmp_path: Path) -> None:
    result = runner.invoke(app, ["finances", str(write_case(tmp_path, {"taxpayer": {"kind": "individual"}}))])
    assert result.exit_code == 2 and "no finances section" in result.output


# ---------------------------------------------------------------------- import


def new_edition(tmp_path: Path, effective: str = "2026-06-01") -> Path:
    """The packaged 2025 tables relabelled as a new edition (a stand-in for IRS tables)."""
    folder = tmp_path / "irs-2026"
    shutil.copytree(PACKAGED / "2025-04-21", folder)
    for file in folder.glob("*.csv"):
        rows = list(csv.DictReader(file.open()))
        with file.open("w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            for r in rows:
                w.writerow({**r, "effective_date": effective})
    meta = yaml.safe_load((folder / "edition.yaml").read_text())
    meta["effective_date"] = date.fromisoformat(effective)
    meta["source"] = "https://www.irs.gov/businesses/small-businesses-self-employed/collection-financial-standards"
    for entry in meta["tables"].values():
        entry.pop("sha256", None)
    (folder / "edition.yaml").write_text(yaml.safe_dump(meta))
    return folder


def edit_rows(file: Path, fn: object) -> None:
    rows = list(csv.DictReader(file.open()))
    rows = fn(rows)  # type: ignore[operator]
    with file.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def test_import_installs_a_valid_edition(tmp_path: Path, user_standards: Path) -> None:
    result = runner.invoke(app, ["data", "import-standards", str(new_edition(tmp_path))])
    assert result.exit_code == 0, result.output
    installed = user_standards / "2026-06-01"
    meta = yaml.safe_load((installed / "edition.yaml").read_text())
    assert all(len(entry["sha256"]) == 64 for entry in meta["tables"].values())
    lawbook.clear_cache()
    choice = standards.edition_for(date(2026, 7, 1))
    assert choice.edition is not None and choice.edition.origin == "imported"
    again = runner.invoke(app, ["data", "import-standards", str(new_edition(tmp_path / "b"))])
    assert again.exit_code == 2 and "--replace" in again.output


def _negative(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    rows[5]["family_3"] = "-12"
    return rows


def _blank(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    rows[0]["monthly_per_person"] = ""
    return rows


@pytest.mark.parametrize(
    ("file", "edit", "message"),
    [
        ("housing_utilities.csv", _negative, "line 7 family_3: -12 is negative"),
        ("housing_utilities.csv", lambda rows: rows[:-1], "counties of the 2025-04-21 edition not present"),
        (
            "housing_utilities.csv",
            lambda rows: [{k: v for k, v in r.items() if k != "family_5_plus"} for r in rows],
            "missing column(s) family_5_plus",
        ),
        ("health_care.csv", _blank, "the amount is missing"),
        ("national_standards.csv", lambda rows: rows[:-1], "missing rows for: total"),
        ("transportation_census_regions.csv", lambda rows: rows[1:], "states without a region: IA"),
    ],
)
def test_import_refuses_bad_tables(tmp_path: Path, user_standards: Path, file: str, edit: object, message: str) -> None:
    folder = new_edition(tmp_path)
    edit_rows(folder / file, edit)
    result = runner.invoke(app, ["data", "import-standards", str(folder)])
    assert result.exit_code == 2
    assert message in result.output, result.output
    assert "nothing was installed" in result.output and "Traceback" not in result.output
    assert not user_standards.exists() or not any(user_standards.iterdir())


def test_import_refuses_a_missing_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["data", "import-standards", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "no such folder" in result.output
