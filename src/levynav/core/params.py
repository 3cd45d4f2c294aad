"""Dated parameters: day counts, periods and amounts the rules use, each with its source.

A parameter file (``data/parameters/*.yaml``) holds a list of entries::

    - id: cdp.request_window_days
      description: Days to request a Collection Due Process hearing after the notice.
      unit: calendar_days
      keyed_on: notice mailing date
      cites: [CDP-5]
      values:
        - from: 1999-01-19
          value: 30
          source: 26 U.S.C. § 6330(a)(3)(B)
          status: V

Values run oldest first; each holds until the next ``from``. A value may be ``null`` (not known): a
rule that needs it reports the value as missing rather than guessing.

An amount the law sets anew for each calendar year (``per_calendar_year: true``, e.g. the § 6334(g) amounts
published in each year's inflation Revenue Procedure) holds only in the calendar year of its ``from``: a later
year with no entry of its own has no value (status ``missing``), never the last published year's figure.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from levynav.core import lawdata
from levynav.core.model.analysis import ParamUse
from levynav.core.model.construct import construct

UNITS = {"calendar_days", "business_days", "days", "months", "years", "usd", "percent", "ratio", "count"}


@dataclass(frozen=True)
class ParamValue:
    start: date
    value: Decimal | int | None
    source: str
    status: str
    note: str | None


@dataclass(frozen=True)
class Param:
    id: str
    description: str
    unit: str
    keyed_on: str
    cites: tuple[str, ...]
    values: tuple[ParamValue, ...]
    per_calendar_year: bool = False  # each value holds only in the calendar year of its ``from``


class MissingParameter(LookupError):
    """No (usable) value of parameter ``pid`` is in force on the date ``on``: the id travels typed, so a
    caller that reports the missing value never reads it out of the message."""

    def __init__(self, pid: str, on: date | None = None, problem: str = "has no value in force") -> None:
        self.pid, self.on, self.problem = pid, on, problem
        super().__init__(f"parameter {pid!r} {problem}" + (f" on {on}" if on is not None else ""))


def _number(raw: Any) -> Decimal | int | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError("boolean is not a parameter value")
    if isinstance(raw, int):
        return raw
    return Decimal(str(raw))


def _flag(raw: Any, pid: str) -> bool:
    if not isinstance(raw, bool):
        raise ValueError(f"parameter {pid}: per_calendar_year must be true or false, not {raw!r}")
    return raw


def all_params() -> dict[str, Param]:
    """Every parameter of the active Law bundle (``lawdata``): the analysis's, or the installed one."""
    return lawdata.active().parameters  # type: ignore[return-value]


def parameters_from(entries: Iterable[Mapping[str, Any]]) -> dict[str, Param]:
    """The parameters of the entries of data/parameters (read by the adapter's loader, ``levynav.lawbook``)."""
    out: dict[str, Param] = {}
    for entry in entries:
        values = tuple(
            ParamValue(
                start=v["from"],
                value=_number(v["value"]),
                source=v["source"],
                status=v["status"],
                note=v.get("note"),
            )
            for v in entry["values"]
        )
        if entry["id"] in out:
            raise ValueError(f"parameter {entry['id']} is defined twice")
        out[entry["id"]] = Param(
            id=entry["id"],
            description=entry["description"],
            unit=entry["unit"],
            keyed_on=entry["keyed_on"],
            cites=tuple(entry.get("cites", [])),
            values=values,
            per_calendar_year=_flag(entry.get("per_calendar_year", False), entry["id"]),
        )
    return out


def _dated(law: lawdata.Law) -> dict[str, tuple[list[date], list[ParamUse | None]]]:
    """Each parameter's ``from`` dates, oldest first (the integrity test holds them in order: bisect, not scan),
    beside a slot per value for its ParamUse record, made on first use and shared after (a ParamUse is frozen).
    Built once per Law bundle and kept on it: ``use`` finds both with one look-up."""
    dated = law.index.get("dated")
    if dated is None:
        dated = law.index["dated"] = {
            pid: ([v.start for v in p.values], [None] * len(p.values)) for pid, p in law.parameters.items()
        }
    return dated


def _make_use(param: Param, index: int) -> ParamUse:
    current = param.values[index]
    return construct(
        ParamUse,
        id=param.id,
        value=current.value,
        unit=param.unit,
        effective_from=current.start,
        source=current.source,
        status=current.status,
        note=current.note,
    )


def _no_figure_for_year(param: Param, year: int) -> ParamUse:
    """A yearly amount asked for a year after the last one entered: not known (never the last year's figure)."""
    last = param.values[-1].start.year
    return construct(
        ParamUse,
        id=param.id,
        value=None,
        unit=param.unit,
        effective_from=date(year, 1, 1),
        source=f"no figure for {year} is entered (the last year entered is {last}); the amount is set anew each year",
        status="missing",
        note=None,
    )


def use(pid: str, on: date) -> ParamUse:
    """The value of parameter ``pid`` in force on ``on``, as a ParamUse record."""
    law = lawdata.active()
    try:
        starts, uses = (law.index.get("dated") or _dated(law))[pid]
    except KeyError:
        raise KeyError(f"parameter {pid!r} is not defined in data/parameters") from None
    index = bisect.bisect_right(starts, on) - 1
    if index < 0:
        raise MissingParameter(pid, on)
    if on.year > starts[index].year and law.parameters[pid].per_calendar_year:
        return _no_figure_for_year(law.parameters[pid], on.year)
    hit = uses[index]
    if hit is None:
        hit = uses[index] = _make_use(law.parameters[pid], index)
    return hit


def number(pid: str, on: date) -> int:
    """An integer parameter (a day or month count) in force on ``on``."""
    value = use(pid, on).value
    if not isinstance(value, int):
        raise MissingParameter(pid, on, "has no whole-number value in force")
    return value
