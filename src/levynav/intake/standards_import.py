"""Check and install a new Collection Financial Standards edition (``levynav data import-standards``).

The format is the packaged one (docs/standards-import.md): a folder with ``edition.yaml`` and one CSV
per table. ``check_edition`` returns every problem found, in words, and never changes anything;
``install_edition`` copies a checked edition into the user data folder in one step (a temporary folder
renamed into place), recording the SHA-256 of each table, so a failed import leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from levynav.core.calc.standards import (
    AGE_GROUPS,
    NATIONAL_ITEMS,
    TABLES,
    Edition,
    StandardsError,
    editions,
    money,
    same_county,
)
from levynav.lawbook import datafiles
from levynav.lawbook.standards_editions import read_csv, sha256, user_dir

HOUSING_COLUMNS = ("family_1", "family_2", "family_3", "family_4", "family_5_plus")
NATIONAL_COLUMNS = ("persons_1", "persons_2", "persons_3", "persons_4")
COLUMNS: dict[str, tuple[str, ...]] = {
    "national_standards": ("effective_date", "item", *NATIONAL_COLUMNS, "each_additional_person", "status"),
    "health_care": ("effective_date", "age_group", "monthly_per_person", "status"),
    "housing_utilities": ("effective_date", "state", "county", "county_fips", *HOUSING_COLUMNS, "status"),
    "transportation_ownership_public": ("effective_date", "item", "monthly_amount", "status"),
    "transportation_operating": ("effective_date", "census_region", "msa", "one_car", "two_cars", "status"),
    "transportation_census_regions": ("effective_date", "census_region", "state", "status"),
    "transportation_msa_counties": ("effective_date", "census_region", "msa", "state", "county_fips", "status"),
}
TRANSPORT_ITEMS = ("ownership_one_car", "ownership_two_cars", "public_transportation")
SHOWN = 12  # problems of one kind listed before "and N more"
SHOWN_CHARS = 40  # a value longer than this is named by its length in a problem, never printed whole
ITEM_CHARS = 200  # an item of a problem list longer than this (a huge cell) is named by its length


class Problems(list[str]):
    def many(self, head: str, items: list[str]) -> None:
        if items:
            items = [
                f"an item of {len(i):,} characters" if len(i) > ITEM_CHARS else i for i in items
            ]  # a huge cell is not printed
            more = f" and {len(items) - SHOWN} more" if len(items) > SHOWN else ""
            self.append(f"{head}: {', '.join(items[:SHOWN])}{more}")


def _shown(raw: str) -> str:
    """A value for a problem line: quoted, escaped to ASCII, and never longer than a line."""
    if len(raw) > SHOWN_CHARS:
        return f"a value of {len(raw):,} characters"
    return ascii(raw)


def _plain_file_name(name: str) -> bool:
    """A table is named by a file of the edition folder: no folder part, no '..', nothing absolute."""
    return (
        bool(name)
        and name not in (".", "..")
        and "/" not in name
        and "\\" not in name
        and "\x00" not in name
        and Path(name).name == name
    )


def _amount(p: Problems, where: str, raw: str | None) -> Decimal | None:
    try:
        value = money(raw)
    except StandardsError:
        p.append(f"{where}: {_shown(raw or '')} is not an amount")
        return None
    if value is None:
        p.append(f"{where}: the amount is missing")
    elif value < 0:
        p.append(f"{where}: {value} is negative")
    return value


def check_edition(folder: Path) -> tuple[dict[str, Any], dict[str, list[dict[str, str]]], list[str]]:
    """Read and check an edition folder: (edition.yaml, rows by table, problems)."""
    p = Problems()
    meta_file = folder / "edition.yaml"
    if not folder.is_dir():
        return {}, {}, [f"{folder}: no such folder"]
    if not meta_file.exists():
        return {}, {}, [f"{meta_file}: missing (see docs/standards-import.md)"]
    from levynav.intake.bounded_parse import BoundsError, check_yaml_events
    from levynav.intake.input_files import InputFileError, check_input_file, read_input_file

    try:  # bounded like a case file (size, depth, aliases, duplicate keys); dates stay implicit here
        text = read_input_file(meta_file, "MAX_DATA_FILE_BYTES").decode("utf-8")
        check_yaml_events(text)
        meta = datafiles.parse(text) or {}
    except (InputFileError, UnicodeDecodeError) as exc:
        return {}, {}, [f"{meta_file}: cannot be read ({exc})"]
    except BoundsError as exc:
        return {}, {}, [f"{meta_file}: {exc.problem}"]
    except (yaml.YAMLError, ValueError) as exc:
        return {}, {}, [f"{meta_file}: not valid YAML ({exc.__class__.__name__})"]
    if not isinstance(meta, dict):
        return {}, {}, [f"{meta_file}: expected a mapping"]
    effective = meta.get("effective_date")
    if not isinstance(effective, date):
        p.append("edition.yaml: effective_date must be a date written YYYY-MM-DD")
    for key in ("title", "source"):
        if not meta.get(key):
            p.append(f"edition.yaml: {key} is required")
    tables = meta.get("tables") or {}
    if not isinstance(tables, dict):
        p.append("edition.yaml: tables must be a mapping of table names to their file and status")
        tables = {}
    rows: dict[str, list[dict[str, str]]] = {}
    for table in TABLES:
        entry = tables.get(table)
        if not isinstance(entry, dict) or not entry.get("file"):
            p.append(f"edition.yaml: tables.{table}.file is required")
            continue
        if not entry.get("status"):
            p.append(f"edition.yaml: tables.{table}.status is required")
        name = str(entry["file"])
        if not _plain_file_name(name):  # "../x.csv" or "/etc/x" would be read from, and copied to, outside the folder
            p.append(
                f"edition.yaml: tables.{table}.file must be the name of a file in the edition folder "
                f"(no folder, no '..'), not {_shown(name)}"
            )
            continue
        file = folder / name
        try:
            check_input_file(file, "MAX_DATA_FILE_BYTES", f"tables.{table}.file")
            rows[table] = read_csv(file)
        except InputFileError as exc:
            p.append(f"edition.yaml: {exc}")
            continue
        except StandardsError as exc:
            p.append(str(exc))
            continue
        _check_table(p, table, str(entry["file"]), rows[table], effective if isinstance(effective, date) else None)
    if not p:
        _check_content(p, rows)
    return meta, rows, list(p)


def _check_table(p: Problems, table: str, name: str, rows: list[dict[str, str]], effective: date | None) -> None:
    if not rows:
        p.append(f"{name}: no rows")
        return
    absent = [c for c in COLUMNS[table] if c not in rows[0]]
    if absent:
        p.append(f"{name}: missing column(s) {', '.join(absent)}")
        return
    wrong_date = [str(i + 2) for i, r in enumerate(rows) if effective and r["effective_date"] != effective.isoformat()]
    p.many(f"{name}: effective_date differs from edition.yaml on line(s)", wrong_date)
    p.many(f"{name}: status is empty on line(s)", [str(i + 2) for i, r in enumerate(rows) if not r["status"]])
    amounts = {
        "national_standards": NATIONAL_COLUMNS,
        "health_care": ("monthly_per_person",),
        "housing_utilities": HOUSING_COLUMNS,
        "transportation_ownership_public": ("monthly_amount",),
        "transportation_operating": ("one_car", "two_cars"),
    }.get(table, ())
    bad = Problems()
    for i, r in enumerate(rows):
        for column in amounts:
            _amount(bad, f"line {i + 2} {column}", r[column])
        if table == "national_standards" and r["item"] == "total":
            _amount(bad, f"line {i + 2} each_additional_person", r["each_additional_person"])
    p.many(f"{name}: bad amounts", list(bad))


def _need(p: Problems, name: str, have: set[str], want: tuple[str, ...]) -> None:
    p.many(f"{name}: missing rows for", [w for w in want if w not in have])


def _check_content(p: Problems, rows: dict[str, list[dict[str, str]]]) -> None:
    _need(p, "national_standards", {r["item"] for r in rows["national_standards"]}, NATIONAL_ITEMS)
    _need(p, "health_care", {r["age_group"] for r in rows["health_care"]}, AGE_GROUPS)
    _need(p, "transportation_ownership_public", {r["item"] for r in rows["transportation_ownership_public"]},
          TRANSPORT_ITEMS)  # fmt: skip
    housing = rows["housing_utilities"]
    fips = [r["county_fips"] for r in housing if r["county_fips"]]
    p.many("housing_utilities: county FIPS listed twice", sorted({f for f in fips if fips.count(f) > 1}))
    newest = editions()[-1] if editions() else None
    if newest is not None:
        p.many(
            f"housing_utilities: counties of the {newest.effective_date} edition not present", _absent(newest, housing)
        )
    states = {r["state"] for r in housing}
    regions = {r["state"]: r["census_region"] for r in rows["transportation_census_regions"]}
    p.many("transportation_census_regions: states without a region", sorted(states - set(regions)))
    operating = {(r["census_region"], r["msa"]) for r in rows["transportation_operating"]}
    p.many(
        "transportation_operating: regions without a row (msa empty)",
        sorted({reg for reg in regions.values() if (reg, "") not in operating}),
    )
    msas = {(r["census_region"], r["msa"]) for r in rows["transportation_msa_counties"]}
    p.many("transportation_operating: metropolitan areas without a row", sorted(m for _, m in msas - operating))


def _absent(newest: Edition, housing: list[dict[str, str]]) -> list[str]:
    by_fips = {r["county_fips"] for r in housing if r["county_fips"]}
    out = []
    for c in newest.counties():
        if c.fips and c.fips in by_fips:
            continue
        if not any(r["state"] == c.state and same_county(r["county"], c.name) for r in housing):
            out.append(c.label())
    return out


def install_edition(folder: Path, replace: bool = False) -> Path:
    """Check ``folder`` and install it under the user data folder. Raises ``StandardsError`` listing problems."""
    meta, _, problems = check_edition(folder)
    if problems:
        raise StandardsError("\n".join(problems))
    effective: date = meta["effective_date"]
    root = user_dir()
    target = root / effective.isoformat()
    if target.exists() and not replace:
        raise StandardsError(f"an imported edition effective {effective} already exists at {target} (use --replace)")
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".import-{effective}-", dir=root))
    old: Path | None = None
    try:
        for table in TABLES:
            entry = meta["tables"][table]
            shutil.copyfile(folder / str(entry["file"]), staging / str(entry["file"]))
            entry["sha256"] = sha256(staging / str(entry["file"]))
        meta["imported_from"] = str(folder.resolve())
        (staging / "edition.yaml").write_text(yaml.safe_dump(meta, sort_keys=False), encoding="utf-8")
        if target.exists():
            old = root / f".replaced-{effective}-{os.getpid()}"
            target.rename(old)
        staging.rename(target)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if old is not None and old.exists() and not target.exists():
            old.rename(target)  # put the previous edition back
        raise
    return target
