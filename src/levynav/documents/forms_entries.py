"""One entry of a field map or worksheet: which value goes in one box, or why it stays empty.

An entry (YAML mapping) has:

- ``path`` (one value path) or ``paths`` (several: joined with ``join``, or added up with ``format: money_sum``);
- ``format``: ``text`` (default), ``money`` (whole dollars), ``money_sum``, ``date`` (MM/DD/YYYY), ``date8``
  (MMDDYYYY for split boxes), ``int``, ``phone_area``, ``phone_local``, ``list``, ``checkbox``;
- ``when`` (checkbox): the value that checks the box (``true``, ``biweekly``, …);
- ``only_if``: a value path; when it is ``false`` the entry does not apply (a spouse's line for a single
  person) and the box stays empty without being reported;
- ``never``: the catalog key (``gaps.never``) of the reason the program never fills this box (``full_tin``: a
  full SSN): it is always reported as missing;
- ``const``: fixed words for a box the form leaves to the filer (an "Other (specify)" row's name), written
  when ``only_if`` holds;
- ``label``: the box in words, for the list of what is missing.

A box that stays empty is reported as a typed ``FormGap`` (``form_gaps``): never as a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Any

from levynav.documents.form_gaps import FormGap, GapReason
from levynav.documents.forms_values import ABSENT, UNKNOWN, Values, missing_name

# ---------------------------------------------------------------- formatting


def whole_dollars(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}"


def _as_decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def fmt(value: Any, kind: str) -> str:
    """Format a known value for a form box. ``kind``: text, money, date, int, phone_area, phone_local, list."""
    if kind == "money":
        return whole_dollars(_as_decimal(value))
    if kind == "date":
        d = value if isinstance(value, date) else date.fromisoformat(str(value))
        return d.strftime("%m/%d/%Y")
    if kind == "date8":  # boxes split for mmddyyyy
        d = value if isinstance(value, date) else date.fromisoformat(str(value))
        return d.strftime("%m%d%Y")
    if kind == "int":
        return str(int(value))
    if kind in ("phone_area", "phone_local"):
        digits = re.sub(r"\D", "", str(value))
        if digits.startswith("1") and len(digits) == 11:
            digits = digits[1:]
        if len(digits) != 10:
            raise ValueError(f"not a 10-digit phone number: {value}")
        return digits[:3] if kind == "phone_area" else f"{digits[3:6]}-{digits[6:]}"
    if kind == "list":
        return ", ".join(str(v.value if isinstance(v, Enum) else v) for v in value)
    if kind == "period_ends":  # a tax year "2019" → "12-31-2019", as Form 656 asks; other periods as given
        return ", ".join(f"12-31-{v}" if re.fullmatch(r"\d{4}", str(v)) else str(v) for v in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value.value if isinstance(value, Enum) else value)


@dataclass(frozen=True)
class Outcome:
    text: str | None = None  # the formatted value; for a checkbox "on" or None
    checked: bool | None = None  # checkbox: True to check it, False to leave it clear, None unknown
    missing: FormGap | None = None  # why nothing was entered, when the box should have a value
    skipped: bool = False  # does not apply to this case (nothing to enter, nothing missing)


def _label(entry: dict[str, Any], fallback: str) -> str:
    return str(entry.get("label") or fallback)


def _missing(entry: dict[str, Any], fallback: str, paths: tuple[str, ...]) -> Outcome:
    box = _label(entry, fallback)
    if any(p.startswith("applies.") for p in paths):  # a ground's finding is not known yet: its open questions
        return Outcome(missing=FormGap(box, GapReason.QUESTIONS))
    return Outcome(missing=FormGap(box, GapReason.UNKNOWN, tuple(dict.fromkeys(missing_name(p) for p in paths))))


def _truthy(value: Any) -> bool:
    return value is not ABSENT and value not in (None, False, [], "")


def _matches(value: Any, want: Any) -> bool:
    if want == "any":
        return _truthy(value)
    if isinstance(want, bool):
        return value is want
    return str(value) == str(want)


def evaluate(entry: dict[str, Any], values: Values, fallback_label: str) -> Outcome:
    if "only_if" in entry:
        cond = values.get(str(entry["only_if"]))
        if cond.value is not UNKNOWN and not _truthy(cond.value):
            return Outcome(skipped=True)
    if "never" in entry:
        return Outcome(missing=FormGap(_label(entry, fallback_label), GapReason.NEVER, never=str(entry["never"])))
    if "const" in entry:
        return Outcome(text=str(entry["const"]))
    kind = str(entry.get("format", "text"))
    paths = [str(p) for p in entry.get("paths", [])] or ([str(entry["path"])] if "path" in entry else [])
    if not paths:
        raise ValueError(f"map entry for {fallback_label!r} has no path, paths or never")
    resolved = [values.get(p) for p in paths]
    unknown = tuple(u for r in resolved for u in r.unknown)
    if unknown:
        return _missing(entry, fallback_label, unknown)
    if kind == "money_sum":
        total = Decimal(0)
        for r in resolved:
            items = r.value if isinstance(r.value, list) else [r.value]
            total += sum((Decimal(str(v)) for v in items if v is not ABSENT), Decimal(0))
        return Outcome(text=whole_dollars(total))
    if any(r.value is ABSENT for r in resolved):
        return Outcome(skipped=True)
    if kind == "checkbox":
        value = resolved[0].value
        return Outcome(checked=_matches(value, entry.get("when", True)))
    if len(resolved) > 1:
        parts = [fmt(r.value, kind) for r in resolved]
        return Outcome(text=str(entry.get("join", " ")).join(parts))
    value = resolved[0].value
    if isinstance(value, list) and not value:
        return Outcome(skipped=True)
    if isinstance(value, list) and kind not in ("list", "period_ends"):
        if len(value) != 1:
            return Outcome(skipped=True) if not value else _missing(entry, fallback_label, tuple(paths))
        value = value[0]
    try:
        return Outcome(text=fmt(value, kind))
    except ValueError:
        return Outcome(missing=FormGap(_label(entry, fallback_label), GapReason.CANNOT_ENTER))
