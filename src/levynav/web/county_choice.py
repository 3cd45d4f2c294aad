"""The county a person lives in, chosen by its name within their state: a person knows "Franklin County, Ohio", not
the five-digit code (FIPS) the case stores. The names and codes are the counties of the Collection Financial
Standards' housing and utilities table of the edition in force on the day (the table the expenses are read from), so
a county chosen here is one the expenses can be figured with. Presentation only: the case stores the same code as
when it is typed (a county the table prints without a code, its name and state, as ``taxpayer.county``), and nothing
decides by a county's name."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from levynav.core import lawdata
from levynav.core.calc.standards import edition_for

PATH = "taxpayer.county_fips"


NAMED = "name:"  # the answer of a county the table prints without a code: its name (taxpayer.county) is stored
TOWN = "town:"  # the answer of a town whose county-equivalent is stored (a Connecticut town: its planning region)
# the states whose table lists county-equivalents a person may not know by name, with each one's towns (sourced in
# the file): Connecticut's nine planning regions, the Census Bureau's county-equivalents since 2022
TOWN_TABLES = {"CT": Path(__file__).with_name("ct_planning_regions.yaml")}


@dataclass(frozen=True)
class County:
    fips: str | None  # None: the table prints no code for it (Connecticut's planning regions in the 2025 edition)
    name: str  # as the IRS table prints it: "Franklin County", "Orleans Parish", "Anchorage Municipality"
    state: str  # the two letters

    @property
    def answer(self) -> str:
        """The value the page sends for it: its code, or its name when the table has no code."""
        return self.fips or f"{NAMED}{self.name}"


def _counties(law: lawdata.Law, day: date) -> tuple[County, ...]:
    with lawdata.using(law):
        edition = edition_for(day).edition
        if edition is None:
            return ()
        found = {(c.state, c.name): County(c.fips, c.name, c.state) for c in edition.counties()}
    return tuple(sorted(found.values(), key=lambda c: (c.state, c.name.casefold())))


def counties(law: lawdata.Law, day: date) -> tuple[County, ...]:
    """Every county of the edition in force on ``day``, by state then name (worked out once per bundle and day)."""
    known: dict[date, tuple[County, ...]] = law.index.setdefault("web.county_choice", {})
    hit = known.get(day)
    if hit is None:
        hit = known[day] = _counties(law, day)
    return hit


def states(law: lawdata.Law, day: date) -> list[str]:
    """The states (two letters) with counties in the table, in alphabetical order."""
    return sorted({c.state for c in counties(law, day)})


def in_state(law: lawdata.Law, day: date, state: str | None) -> list[County]:
    """The counties of ``state`` by name; none for a state not in the table (or no state)."""
    return [c for c in counties(law, day) if c.state == state] if state else []


def named(law: lawdata.Law, day: date, fips: str | None) -> County | None:
    """The county of a stored code (the review page shows its name), or None when the table has no such code."""
    return next((c for c in counties(law, day) if c.fips == fips), None) if fips else None


@dataclass(frozen=True)
class Town:
    name: str  # as the source prints it: "West Hartford"
    county: County  # the county-equivalent it lies in, as the IRS table prints it

    @property
    def answer(self) -> str:
        return f"{TOWN}{self.name}"


@functools.cache
def _town_table(state: str) -> dict[str, str]:
    """Town name -> the name of its county-equivalent, for a state in ``TOWN_TABLES`` (read once)."""
    regions = yaml.safe_load(TOWN_TABLES[state].read_text(encoding="utf-8"))
    return {str(town): str(region) for region, names in regions.items() for town in names}


def towns(law: lawdata.Law, day: date, state: str | None) -> list[Town]:
    """The towns of ``state`` by name, each with its county-equivalent, for a state listed by county-equivalents a
    person may not know (Connecticut); only towns whose region the table in force has. Empty for other states."""
    if state not in TOWN_TABLES:
        return []
    by_name = {c.name: c for c in in_state(law, day, state)}
    found = [Town(town, by_name[region]) for town, region in _town_table(state).items() if region in by_name]
    return sorted(found, key=lambda t: t.name.casefold())


def by_answer(law: lawdata.Law, day: date, state: str | None, answer: str) -> County | None:
    """The county of the state whose page value is ``answer`` (a code, ``name:`` and a name, or ``town:`` and a town
    of a state listed by county-equivalents: the town's), or None."""
    if answer.startswith(TOWN):
        return next((t.county for t in towns(law, day, state) if t.answer == answer), None)
    return next((c for c in in_state(law, day, state) if c.answer == answer), None)
