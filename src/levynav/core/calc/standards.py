"""The IRS Collection Financial Standards as dated editions (IRM 5.15.1; reference CFS-1..CFS-7).

An edition is a folder named by its effective date holding ``edition.yaml`` (effective date, source,
status and SHA-256 of each table) and one CSV per table; every CSV row keeps the status word of its
source. Editions come from the package (``data/standards/<date>/``) and from the user's data folder
(``$LEVYNAV_DATA_DIR``, default ``~/.local/share/levynav/standards``), where
``levynav data import-standards`` installs new ones; an imported edition replaces a packaged one of the
same date. The adapter's loader (``levynav.lawbook.standards_editions``) reads the folders into the Law
bundle; this module reads only the bundle. The edition in force on ``as_of`` is the latest whose effective
date is on or before it.

Nothing is filled in: a value the table lacks comes back as a ``Value`` with ``amount=None`` and a
``missing`` description naming the edition, table and cell. Tables are read once and cached.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any

from levynav.core import lawdata
from levynav.core.model.ability_to_pay import Grade, StandardValue
from levynav.core.model.analysis import ParamUse
from levynav.core.model.construct import record
from levynav.core.model.message import Message, message

TABLES = (
    "national_standards",
    "health_care",
    "housing_utilities",
    "transportation_ownership_public",
    "transportation_operating",
    "transportation_census_regions",
    "transportation_msa_counties",
)
NATIONAL_ITEMS = (
    "food",
    "housekeeping_supplies",
    "apparel_and_services",
    "personal_care_products_and_services",
    "miscellaneous",
    "total",
)
NATIONAL_SIZES = 4  # the table prints one to four persons, then an amount for each additional person
HOUSING_SIZES = 5  # family of one to four, and five or more
AGE_GROUPS = ("under_65", "65_and_older")
DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class StandardsError(ValueError):
    """A standards edition is malformed or does not match its recorded checksum."""


def grade(status: str) -> str:
    """Map a source status word (data/SOURCES.md) to V (primary read), S (secondary) or U (unverified)."""
    word = status.strip().lower()
    if not word or word == "missing":
        return "missing"
    if "unverified" in word or "conflict" in word:
        return "U"
    if "two_sources" in word or "three_sources" in word or "sample_verified" in word or word.startswith("computed"):
        return "S"
    if "single_" in word or word.startswith("secondary"):
        return "U"
    if word.startswith("verified") or word.startswith("imported_verified"):
        return "V"
    return "U"


def money(raw: str | None) -> Decimal | None:
    text = (raw or "").strip().replace(",", "")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise StandardsError(f"{raw!r} is not an amount") from None


@dataclass(frozen=True)
class Value:
    """One figure read from a table, with everything needed to check it against the source."""

    amount: Decimal | None
    table: str
    edition: date | None
    row_key: str
    source: str
    status: str  # the source's status word for the row
    grade: str  # V / S / U / missing
    missing: str | None = None  # what is missing, in words, when amount is None

    def ref(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "edition": self.edition.isoformat() if self.edition else None,
            "row": self.row_key,
            "amount": None if self.amount is None else str(self.amount),
            "source": self.source,
            "status": self.status,
            "grade": self.grade,
        }

    # The value as the record shows it, made once per value: the edition keeps its values (``Edition._value``) for
    # as long as the Law bundle lives, so, like the bundle's parameter uses (``params.use``), these are shared.
    @cached_property
    def as_source(self) -> StandardValue:
        """``finances.expenses.lines[i].sources[j]`` and ``finances.unverified_values[k]``."""
        data = {
            "table": self.table,
            "edition": self.edition,
            "row": self.row_key,
            "amount": self.amount,
            "source": self.source,
            "status": self.status,
            "grade": _GRADES[self.grade],
        }
        return record(StandardValue, data)

    @cached_property
    def as_parameter(self) -> ParamUse:
        """The parameter use of the value (a hardship finding's parameters): id ``standards.TABLE[ROW]``."""
        data = {  # every field given, in declared order (model/construct.record)
            "id": f"standards.{self.table}[{self.row_key}]",
            "value": self.amount,
            "unit": "usd",
            "effective_from": self.edition,
            "source": self.source,
            "status": self.grade,
            "note": self.status,
        }
        return record(ParamUse, data)


_GRADES = {g.value: g for g in Grade}


@dataclass(frozen=True)
class County:
    state: str
    name: str
    fips: str | None

    def label(self) -> str:
        return f"{self.name}, {self.state}" + (f" (FIPS {self.fips})" if self.fips else "")


@dataclass
class Edition:
    effective_date: date
    title: str
    folder: Path
    origin: str  # "packaged" or "imported"
    meta: dict[str, Any]
    # table name -> rows; the loader may read each table on first use (``levynav.lawbook.standards_editions``)
    rows: Mapping[str, list[dict[str, str]]] = field(default_factory=dict)
    _index: dict[str, dict[Any, dict[str, str]]] = field(default_factory=dict, repr=False)
    # the rows by the value of some columns (``_row``): (table, columns) -> key -> the first row with it
    _rows_by: dict[tuple[str, tuple[str, ...]], dict[tuple[str, ...], dict[str, str]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # each figure read once per edition (``_value``): (table, column, key) -> (the row it was read from, the figure)
    _values: dict[tuple[str, str, str], tuple[dict[str, str] | None, Value]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def _lookup(self, name: str, key: Any) -> dict[str, str] | None:
        """Rows indexed once per edition, each index when first needed: housing by FIPS ("fips") and by (state,
        name) ("name"), MSA counties by FIPS ("msa")."""
        index = self._index.get(name)
        if index is None:
            if name == "fips":
                housing = self.rows.get("housing_utilities", [])
                index = {r["county_fips"]: r for r in housing if r["county_fips"]}
            elif name == "name":
                index = {(r["state"], _norm(r["county"])): r for r in self.rows.get("housing_utilities", [])}
            else:
                msa = self.rows.get("transportation_msa_counties", [])
                index = {r["county_fips"]: r for r in msa if r["county_fips"]}
            self._index[name] = index
        return index.get(key)

    def _row(self, table: str, columns: tuple[str, ...], key: tuple[str, ...]) -> dict[str, str] | None:
        """The first row of ``table`` whose ``columns`` hold ``key``. Indexed once per edition, table and columns
        (an analysis looks up about ten rows of these small tables; a scan per look-up was a tenth of the
        expenses' cost)."""
        index = self._rows_by.get((table, columns))
        if index is None:
            index = {}
            for r in self.rows.get(table, []):
                index.setdefault(tuple(r[c] for c in columns), r)  # the first row wins, as the scan's ``next`` did
            self._rows_by[(table, columns)] = index
        return index.get(key)

    def _by_name(self, state: str, name: str) -> dict[str, str] | None:
        given = _norm(name)
        for candidate in (given, *(given + s for s in SUFFIXES)):
            row = self._lookup("name", (state, candidate))
            if row is not None:
                return row
        return None

    # ------------------------------------------------------------------ table access
    def table_meta(self, table: str) -> dict[str, Any]:
        return dict(self.meta.get("tables", {}).get(table) or {"status": "missing"})

    def has(self, table: str) -> bool:
        return table in self.rows

    def _value(self, table: str, row: dict[str, str] | None, column: str, key: str) -> Value:
        """The figure in ``column`` of ``row`` (a ``Value`` is immutable: read once per edition and row, then kept;
        every household of the same size in the same county reads the same figures)."""
        hit = self._values.get((table, column, key))
        if hit is not None and hit[0] is row:
            return hit[1]
        value = self._read_value(table, row, column, key)
        self._values[(table, column, key)] = (row, value)
        return value

    def _read_value(self, table: str, row: dict[str, str] | None, column: str, key: str) -> Value:
        meta = self.table_meta(table)
        source = str(meta.get("source", ""))
        if table not in self.rows:
            why = f"the {self.effective_date} edition has no {table.replace('_', ' ')} table"
            return Value(None, table, self.effective_date, key, source, "missing", "missing", why)
        if row is None:
            why = f"{table.replace('_', ' ')} ({self.effective_date} edition) has no row for {key}"
            return Value(None, table, self.effective_date, key, source, "missing", "missing", why)
        status = row.get("status", "") or str(meta.get("status", ""))
        amount = money(row.get(column))
        if amount is None:
            why = f"{table.replace('_', ' ')} ({self.effective_date} edition), {key}: {column} is missing"
            return Value(None, table, self.effective_date, f"{key}: {column}", source, status, "missing", why)
        return Value(amount, table, self.effective_date, f"{key}: {column}", source, status, grade(status))

    def national(self, item: str, persons: int) -> Value:
        """National Standards item for a household of ``persons`` (1–4 as printed)."""
        row = self._row("national_standards", ("item",), (item,))
        return self._value("national_standards", row, f"persons_{persons}", item)

    def national_additional(self, item: str) -> Value:
        row = self._row("national_standards", ("item",), (item,))
        return self._value("national_standards", row, "each_additional_person", item)

    def health(self, age_group: str) -> Value:
        row = self._row("health_care", ("age_group",), (age_group,))
        return self._value("health_care", row, "monthly_per_person", age_group)

    def housing(self, county: County, persons: int) -> Value:
        size = min(persons, HOUSING_SIZES)
        column = f"family_{size}_plus" if size == HOUSING_SIZES else f"family_{size}"
        return self._value("housing_utilities", self._county_row(county), column, county.label())

    def transport_item(self, item: str) -> Value:
        row = self._row("transportation_ownership_public", ("item",), (item,))
        return self._value("transportation_ownership_public", row, "monthly_amount", item)

    def operating(self, county: County) -> Value:
        """Operating cost for one car: the county's MSA if it is in one, else its Census region."""
        msa_row = self._lookup("msa", county.fips) if county.fips else None
        region = msa_row["census_region"] if msa_row else self.region(county.state)
        msa = msa_row["msa"] if msa_row else ""
        if region is None:
            if "transportation_census_regions" not in self.rows:
                why = (
                    f"the {self.effective_date} edition has no Census region table, and {county.label()} is not"
                    " in one of its metropolitan areas"
                )
            else:
                why = f"state {county.state} is not in the Census region table ({self.effective_date} edition)"
            return Value(None, "transportation_operating", self.effective_date, county.label(), "", "missing",
                         "missing", why)  # fmt: skip
        row = self._row("transportation_operating", ("census_region", "msa"), (region, msa))
        key = f"{region} region" + (f", {msa} MSA" if msa else " (outside the listed MSAs)")
        return self._value("transportation_operating", row, "one_car", key)

    def region(self, state: str) -> str | None:
        row = self._row("transportation_census_regions", ("state",), (state,))
        return row["census_region"] if row else None

    # ------------------------------------------------------------------ counties
    def counties(self) -> list[County]:
        return [
            County(r["state"], r["county"], r["county_fips"] or None) for r in self.rows.get("housing_utilities", [])
        ]

    def counties_named(self, state: str, name: str) -> list[County]:
        """The state's counties a name given without a code can mean: the one it names exactly, else each one it names
        with its kind left off ("Franklin": Franklin County; "Baltimore": Baltimore City and Baltimore County, two
        places with different housing standards, so the name alone does not say which)."""
        given = _norm(name)
        found = {c.name: c for c in self.counties() if c.state == state}
        exact = [c for c in found.values() if _norm(c.name) == given]
        if exact:
            return exact[:1]
        return sorted(
            (c for c in found.values() if any(_norm(c.name) == given + s for s in (*SUFFIXES, CITY))),
            key=lambda c: c.name.casefold(),
        )

    def close_names(self, state: str, name: str, n: int = 4) -> list[str]:
        """Up to ``n`` of the state's county names closest in spelling to ``name`` (a typo's likely meaning)."""
        stems: dict[str, str] = {}
        for county in sorted(self.counties(), key=lambda c: c.name.casefold()):
            if county.state == state:
                stems.setdefault(_stem(county.name), county.name)
        return [stems[s] for s in difflib.get_close_matches(_stem(name), list(stems), n=n, cutoff=0.6)]

    def _county_row(self, county: County) -> dict[str, str] | None:
        row = self._lookup("fips", county.fips) if county.fips else None
        return row if row is not None else self._by_name(county.state, county.name) if county.name else None

    def find_county(self, state: str | None, name: str | None, fips: str | None) -> County | None:
        row = self._lookup("fips", fips) if fips else None
        if row is None and state and name:
            row = self._by_name(state, name)
        return County(row["state"], row["county"], row["county_fips"] or None) if row else None


SUFFIXES = ("county", "parish", "borough", "censusarea", "cityandborough", "municipality", "planningregion")


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def _norm(name: str) -> str:
    return _NOT_ALNUM.sub("", name.lower())


CITY = "city"  # an independent city ("Baltimore City", "Richmond city"): not a suffix a name may leave off


def _stem(name: str) -> str:
    """A county's name without its kind ("Franklin County" → "franklin"), to compare spellings."""
    norm = _norm(name)
    for suffix in sorted((*SUFFIXES, CITY), key=len, reverse=True):
        if norm.endswith(suffix) and len(norm) > len(suffix):
            return norm[: -len(suffix)]
    return norm


def same_county(table_name: str, given: str) -> bool:
    a, b = _norm(table_name), _norm(given)
    if a == b:
        return True
    return any(a == b + s for s in SUFFIXES)


# ---------------------------------------------------------------------- the editions of the Law bundle


def editions() -> tuple[Edition, ...]:
    """The standards editions of the active Law bundle, oldest first (the adapter's loader, ``levynav.lawbook``,
    reads them from the package and the user's imported folder; the core reads no file or environment)."""
    return lawdata.table("standards/editions")  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Choice:
    """The edition used on a date and what the reader must be told about it."""

    edition: Edition | None
    as_of: date
    notes: tuple[Message, ...]  # ``finances.standards_note.*``
    stale: bool


def edition_for(as_of: date) -> Choice:
    """The latest edition with effective date on or before ``as_of`` (IRS standards take effect on that date).
    Worked out once per Law bundle and date (a ``Choice`` is immutable; every case analysed on one date shares it)."""
    known: dict[date, Choice] = lawdata.kept("standards.edition_for")
    hit = known.get(as_of)
    if hit is None:
        hit = known[as_of] = _edition_for(as_of)
    return hit


def _edition_for(as_of: date) -> Choice:
    all_editions = editions()
    in_force = [e for e in all_editions if e.effective_date <= as_of]
    if not in_force:
        first = all_editions[0].effective_date if all_editions else None
        note = (
            message("finances.standards_note.none_in_force", as_of=as_of, first=first)
            if first
            else message("finances.standards_note.none", as_of=as_of)
        )
        return Choice(None, as_of, (note,), False)
    chosen = in_force[-1]
    notes = [message("finances.standards_note.edition", effective=chosen.effective_date)]
    review_by = chosen.meta.get("review_by")
    stale = chosen is all_editions[-1] and isinstance(review_by, date) and as_of >= review_by
    if stale:
        # the edition's review_note (where the next edition stands) is for the operator, as is how to load one
        # (`levynav data import-standards`, in the README): neither is on a person's page
        notes.append(message("finances.standards_note.stale", as_of=as_of))
    if chosen.origin == "imported":
        notes.append(message("finances.standards_note.imported", folder=str(chosen.folder)))
    missing_tables = [t for t in TABLES if t not in chosen.rows]
    if missing_tables:
        tables = [message(f"finances.table.{t}") for t in missing_tables]
        notes.append(message("finances.standards_note.tables_missing", effective=chosen.effective_date, tables=tables))
    return Choice(chosen, as_of, tuple(notes), stale)


def county_of_code(fips: str) -> County | None:
    """The county a five-digit code names in the newest edition that has it, or None (a code no table holds)."""
    return next((c for e in reversed(editions()) if (c := e.find_county(None, None, fips)) is not None), None)


def county_known_anywhere(state: str | None, name: str | None, fips: str | None) -> bool:
    return any(e.find_county(state, name, fips) is not None for e in editions())
