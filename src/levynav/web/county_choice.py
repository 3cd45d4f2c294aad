"""The county a person lives in, chosen by its name within their state: a person knows "Franklin County, Ohio", not
the five-digit code (FIPS) the case stores. The names and codes are the counties of the Collection Financial
Standards' housing and utilities table of the edition in force on the day (the table the expenses are read from), so
a county chosen here is one the expenses can be figured with. Presentation only: the case stores the same code as
when it is typed (a county the table prints without a code, its name and state, as ``taxpayer.county``), and nothing
decides by a county's name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from levynav.core import lawdata
from levynav.core.calc.standards import edition_for

PATH = "taxpayer.county_fips"


NAMED = "name:"  # the answer of a county the table prints without a code: its name (taxpayer.county) is stored


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


def by_answer(law: lawdata.Law, day: date, state: str | None, answer: str) -> County | None:
    """The county of the state whose page value is ``answer`` (a code, or ``name:`` and a name), or None."""
    return next((c for c in in_state(law, day, state) if c.answer == answer), None)
