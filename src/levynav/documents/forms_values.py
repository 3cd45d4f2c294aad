"""Value paths for the form layer: where each form line or PDF field takes its value from.

A value path reads the case, the analysis or a few plain derived facts, e.g.::

    case.taxpayer.name
    case.finances.assets.bank_accounts[0].balance
    finances.expenses.lines[key=housing_utilities][0].allowed     # analysis.finances (model/ability_to_pay.py)
    finances.expenses.lines[key^=vehicle_operating][*].allowed    # every matching line ([*] = all)
    derived.wages_taxpayer.frequency
    applies.EH-1                                                  # True when a finding of EH-1 applies

Roots: ``case`` (the Case), ``analysis`` (the Analysis), ``finances`` (``analysis.finances``),
``derived`` (below) and ``applies``. Selectors: ``[N]`` an index, ``[*]`` every item, ``[key=value]`` the items
whose ``key`` equals ``value`` (several with ``,``), ``[key^=prefix]`` those that start with it.

Three answers are kept apart (the case's convention): a value; UNKNOWN (``None`` somewhere on the path: the
fact is not known, so the field is listed as missing); ABSENT (the list is known and has no such item — a
second bank account the person does not have: the field stays empty and is not missing).

The derived facts are arithmetic and lookups only (monthly income per source from the finances section, the
ages counted there, the filing status read as married or not). No legal decision is made here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel

from levynav.core.calc import dates
from levynav.core.model.analysis import Analysis as Record
from levynav.core.model.analysis import Outcome
from levynav.core.model.case import Case, FilingStatus, TaxpayerKind
from levynav.explain.render import Rendered as Analysis
from levynav.explain.render import english


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


UNKNOWN: Any = _Marker("UNKNOWN")
ABSENT: Any = _Marker("ABSENT")

_SEGMENT = re.compile(r"^(?P<name>[^\[\]]+)(?P<selectors>(\[[^\]]*\])*)$")
_SELECTOR = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True)
class Resolved:
    value: Any  # a value, UNKNOWN or ABSENT
    unknown: tuple[str, ...] = ()  # the value paths that were not known


_DERIVED_FACTS = {
    "business_name": "taxpayer.name",
    "first_name": "taxpayer.name",
    "last_name": "taxpayer.name",
    "spouse_first_name": "taxpayer.spouse_name",
    "spouse_last_name": "taxpayer.spouse_name",
    "married": "taxpayer.filing_status",
    "has_spouse": "taxpayer.filing_status",
    "income": "finances.income",
    "wages_taxpayer": "finances.income",
    "wages_spouse": "finances.income",
    "ages_under_65": "finances.member_ages",
    "ages_65_and_over": "finances.member_ages",
    "vehicles": "finances.vehicles",
    "tax_periods": "tax_periods",
    "tax_forms": "tax_periods[].form",
    "tax_kinds": "tax_periods[].tax_kind",
    "total_balance": "tax_periods[].balance",
    "has_bankruptcy": "proceedings.bankruptcies",
    "bankruptcy": "proceedings.bankruptcies",
}


def missing_name(path: str) -> str:
    """A value path as the rest of the program names facts: case paths without ``case.``; derived facts by source."""
    if path.startswith("case."):
        return path[5:]
    if path.startswith("derived."):
        key = re.split(r"[.\[]", path[8:], maxsplit=1)[0]
        return _DERIVED_FACTS.get(key, path)
    if path.startswith("finances.expenses."):
        # an allowed amount the analysis computes from the finances section (household, county, vehicles): the
        # person fills in that section, never the computed figure itself
        return "finances"
    return path


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, ABSENT)
    if isinstance(obj, BaseModel):
        return getattr(obj, name) if name in type(obj).model_fields else ABSENT
    return ABSENT


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _matches(item: Any, conditions: str) -> bool:
    for cond in conditions.split(","):
        if "^=" in cond:
            key, prefix = cond.split("^=", 1)
            val = _plain(_get(item, key.strip()))
            if not isinstance(val, str) or not val.startswith(prefix.strip()):
                return False
        else:
            key, want = cond.split("=", 1)
            val = _plain(_get(item, key.strip()))
            if val is None or val is ABSENT or str(val) != want.strip():
                return False
    return True


class _Spread(list[Any]):
    """The values of a path that went through ``[*]`` or a filter: one per item."""


def _apply(value: Any, selectors: list[str], rest: list[str]) -> Any:
    filtered = False
    for n, sel in enumerate(selectors):
        if value is None:
            return UNKNOWN
        if not isinstance(value, tuple | list):
            return ABSENT
        if sel == "*":
            return _Spread(_apply(item, selectors[n + 1 :], rest) for item in value)
        if not sel.lstrip("-").isdigit():
            value, filtered = [item for item in value if _matches(item, sel)], True
            continue
        i = int(sel)
        value, filtered = (value[i] if -len(value) <= i < len(value) else ABSENT), False
        if value is ABSENT:
            return ABSENT
    if filtered and rest:
        return _Spread(_walk(item, rest) for item in value)
    return _walk(value, rest)


def _walk(value: Any, segments: list[str]) -> Any:
    if value is None:
        return UNKNOWN
    if value is ABSENT or value is UNKNOWN or not segments:
        return value
    m = _SEGMENT.match(segments[0])
    if not m:
        raise ValueError(f"bad value path segment {segments[0]!r}")
    got = _get(value, m["name"])
    if got is None:
        return UNKNOWN
    if got is ABSENT:
        return ABSENT
    return _apply(got, _SELECTOR.findall(m["selectors"] or ""), segments[1:])


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, _Spread):
        return [x for v in value for x in _flatten(v)]
    return [value]


def _json_safe(value: Any) -> Any:
    return _plain(value)


class Values:
    """Resolves value paths for one case and its analysis."""

    def __init__(self, case: Case, analysis: Record | Analysis) -> None:
        analysis = english(analysis)
        self.case = case
        self.analysis = analysis
        self.roots: dict[str, Any] = {
            "case": case,
            "analysis": analysis,
            "finances": analysis.finances,
            "derived": derived(case, analysis),
            "applies": applying(analysis),
        }

    def get(self, path: str) -> Resolved:
        root, _, rest = path.partition(".")
        if root not in self.roots:
            raise ValueError(f"value path {path!r} must start with one of {sorted(self.roots)}")
        base = self.roots[root]
        if base is None:
            return Resolved(UNKNOWN, (path,))
        value = _walk(base, rest.split(".")) if rest else base
        if value is ABSENT:
            return Resolved(ABSENT)
        if value is UNKNOWN:
            return Resolved(UNKNOWN, (path,))
        if isinstance(value, _Spread):
            items = _flatten(value)
            if any(v is UNKNOWN for v in items):
                return Resolved(UNKNOWN, (path,))
            return Resolved([_json_safe(v) for v in items if v is not ABSENT])
        return Resolved(_json_safe(value))


# ---------------------------------------------------------------- derived facts


def applying(analysis: Record | Analysis) -> dict[str, bool | None]:
    """Rule id → True if a finding of it applies, False if all its findings are decided otherwise, else None."""
    analysis = english(analysis)
    out: dict[str, bool | None] = {}
    for f in analysis.findings:
        prev = out.get(f.rule, False)
        if f.outcome is Outcome.APPLIES or prev is True:
            out[f.rule] = True
        elif f.outcome is Outcome.UNKNOWN or prev is None:
            out[f.rule] = None
        else:
            out[f.rule] = False
    return out


def _age(birth: date | None, as_of: date) -> int | None:
    if birth is None:
        return None
    years = as_of.year - birth.year
    return years if dates.add_years(birth, years) <= as_of else years - 1


def _married(status: FilingStatus | None) -> bool | None:
    if status is None:
        return None
    return status in (FilingStatus.MARRIED_FILING_JOINTLY, FilingStatus.MARRIED_FILING_SEPARATELY)


def _income(case: Case, analysis: Analysis) -> list[dict[str, Any]] | None:
    fin = case.finances
    if fin is None or fin.income is None:
        return None
    stated = analysis.finances.income if analysis.finances is not None else None
    lines = {line.path: line for line in (stated.lines if stated is not None else [])}
    married = _married(case.taxpayer.filing_status)
    out = []
    for i, src in enumerate(fin.income):
        line = lines.get(f"finances.income[{i}]")
        earner = src.earner
        if earner is None and (married is False or (married is None and case.taxpayer.spouse_name is None)):
            earner = "taxpayer"  # nobody else's income is in a one-person filing
        out.append(
            {
                "index": i,
                "kind": src.kind.value,
                "earner": earner,
                "description": src.description,
                "frequency": src.frequency.value if src.frequency else None,
                "gross": src.gross,
                "net": src.net,
                "monthly_gross": line.monthly_gross if line is not None else None,
                "monthly_net": line.monthly_net if line is not None else None,
            }
        )
    return out


def _first(items: list[dict[str, Any]] | None, **match: str) -> Any:
    if items is None:
        return None
    for item in items:
        if all(item.get(k) == v for k, v in match.items()):
            return item
    return ABSENT


def _people(case: Case, as_of: date) -> list[dict[str, Any]]:
    return [
        {
            "name": m.name,
            "relationship": m.relationship,
            "age": _age(m.birth_date, as_of),
            "dependent": m.dependent,
        }
        for m in case.household
    ]


def _vehicles(case: Case) -> list[dict[str, Any]] | None:
    if case.finances is None or case.finances.vehicles is None:
        return None
    out = []
    for v in case.finances.vehicles:
        equity = None
        if v.leased:
            equity = Decimal(0)
        elif v.market_value is not None and v.loan_balance is not None:
            equity = v.market_value - v.loan_balance
        out.append({**v.model_dump(), "equity": equity})
    return out


def _split_name(name: str | None) -> tuple[str | None, str | None]:
    if not name:
        return None, None
    parts = name.split()
    return (" ".join(parts[:-1]) or None, parts[-1]) if len(parts) > 1 else (None, parts[0])


def _periods_text(case: Case) -> str | None:
    if not case.tax_periods:
        return None
    return ", ".join(
        " ".join(x for x in (p.form and f"Form {p.form}", p.period) if x) or p.id for p in case.tax_periods
    )


def _forms_text(case: Case) -> str | None:
    forms = list(dict.fromkeys(p.form for p in case.tax_periods if p.form))
    return ", ".join(forms) if forms and all(p.form for p in case.tax_periods) else None


def _tax_kinds(case: Case) -> str | None:
    kinds = [p.tax_kind for p in case.tax_periods]
    if not kinds or any(k is None for k in kinds):
        return None
    return ", ".join(dict.fromkeys(k.value.replace("_", " ") for k in kinds if k is not None))


def _total_balance(case: Case) -> Decimal | None:
    balances = [p.balance for p in case.tax_periods]
    if not balances or any(b is None for b in balances):
        return None
    return sum((b for b in balances if b is not None), Decimal(0))


def _grounds(analysis: Analysis) -> Any:
    wanted = {"must_release", "may_release", "partial_release", "must_return", "may_return", "levy_improper"}
    titles = [f.title for f in analysis.findings if f.outcome is Outcome.APPLIES and f.effect and f.effect in wanted]
    return ". ".join(dict.fromkeys(titles)) or ABSENT  # each title is a sentence of its own


def derived(case: Case, analysis: Record | Analysis) -> dict[str, Any]:
    analysis = english(analysis)
    as_of = analysis.as_of
    income = _income(case, analysis)
    first, last = _split_name(case.taxpayer.name)
    spouse_first, spouse_last = _split_name(case.taxpayer.spouse_name)
    married = _married(case.taxpayer.filing_status)
    household = analysis.finances.household if analysis.finances is not None else None
    ages = household.ages if household is not None else None
    return {
        "business_name": case.taxpayer.name if case.taxpayer.kind is TaxpayerKind.BUSINESS else ABSENT,
        "first_name": first,
        "last_name": last,
        "spouse_first_name": spouse_first,
        "spouse_last_name": spouse_last,
        "married": married,
        "has_spouse": (
            False  # a business has no spouse: the spouse's lines do not apply
            if case.taxpayer.kind is TaxpayerKind.BUSINESS
            else True
            if case.taxpayer.spouse_name or married
            else (False if married is False else None)
        ),
        "income": income,
        "wages_taxpayer": _first(income, kind="wages", earner="taxpayer"),
        "wages_spouse": _first(income, kind="wages", earner="spouse"),
        "ages_under_65": None if ages is None else sum(1 for a in ages if a is not None and a < 65),
        "ages_65_and_over": None if ages is None else sum(1 for a in ages if a is not None and a >= 65),
        "others": _people(case, as_of),
        "vehicles": _vehicles(case),
        "tax_periods": _periods_text(case),
        "tax_forms": _forms_text(case),
        "tax_kinds": _tax_kinds(case),
        "total_balance": _total_balance(case),
        "release_grounds": _grounds(analysis),
        "bankruptcy": case.proceedings.bankruptcies[-1] if case.proceedings.bankruptcies else ABSENT,
        "has_bankruptcy": bool(case.proceedings.bankruptcies) or None,
    }
