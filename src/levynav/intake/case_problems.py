"""The problems of a case the case model refuses, one per field, as message keys with their arguments (the web's pages
and the command line say them in the person's language) and as the "field: what is wrong" English line the case
loader and the API give. No legal logic: the case model decides what is a problem; this module only names it.
Values are never echoed: only paths, limits and choices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from levynav.core.model import limits
from levynav.core.model.bounded import (
    ASCII_DIGITS,
    CONTROL_CHARACTER,
    FULL_TIN,
    NOT_A_NUMBER_DATE,
    NOT_TRUE_OR_FALSE,
)
from levynav.core.model.case import ReferenceErrors
from levynav.intake.field_names import field_path

MAX_PROBLEMS_SHOWN = 50
"""Problems listed for one case file; the rest are counted, not printed."""

WHOLE_CASE = "(case)"
BEFORE = re.compile(r"^([a-z_]+) is before ([a-z_]+)$")  # core/model/case.py _order: "later is before earlier"
# the value-error messages of the case model (core/model/bounded.py) that the pages say in their own words
VALUE_ERRORS = {
    NOT_TRUE_OR_FALSE: "problem_number",
    NOT_A_NUMBER_DATE: "problem_date",
    CONTROL_CHARACTER: "problem_control",
    ASCII_DIGITS: "problem_digits",
    FULL_TIN: "problem_full_tin",
}
# pydantic's error types (their prefix) -> the pages' message keys
ERROR_TYPES = (
    ("missing", "problem_missing"),
    ("extra_forbidden", "problem_unknown_field"),
    ("enum", "problem_choice"),
    ("literal_error", "problem_choice"),
    ("date", "problem_date"),
    ("datetime", "problem_date"),
    ("decimal", "problem_amount"),
    ("float", "problem_amount"),
    ("int", "problem_number"),
    ("bool", "problem_yes_no"),
    ("string_too_long", "problem_too_long"),
    ("too_long", "problem_too_many"),
    ("greater_than", "problem_too_small"),
    ("less_than", "problem_too_large"),
    ("string", "problem_text"),
    ("list", "problem_list"),
    ("model", "problem_group"),
    ("dict", "problem_group"),
)


@dataclass(frozen=True)
class CaseProblem:
    """One problem of a stored case: where (a field path), what (a message key of web/messages and its arguments),
    the fields the message names (paths; the fix page offers each for a new value), and the API's English line."""

    path: str
    key: str
    line: str
    names: tuple[str, ...] = ()
    args: dict[str, object] = field(default_factory=dict)  # a value that is one of ``names`` is a field path


def problems_of(exc: ValidationError) -> list[CaseProblem]:
    """The problems the case model found, one per field (a reference check gives one per reference), at most
    MAX_PROBLEMS_SHOWN, in the model's order. Values are never echoed: only paths, limits and choices."""
    out: list[CaseProblem] = []
    for err in exc.errors(include_input=False):
        error = err.get("ctx", {}).get("error")
        if isinstance(error, ReferenceErrors):
            out.extend(_reference(line) for line in error.problems)
        else:
            out.append(_one(err))
    if len(out) > MAX_PROBLEMS_SHOWN:
        more = len(out) - MAX_PROBLEMS_SHOWN
        line = f"{WHOLE_CASE}: {more} more problem(s) not listed"  # as the case loader says it (intake/load.py)
        return [*out[:MAX_PROBLEMS_SHOWN], CaseProblem(WHOLE_CASE, "problem_more", line, (), {"n": more})]
    return out


def _path(loc: tuple[Any, ...]) -> str:
    return field_path(tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-"))))


def _one(err: Any) -> CaseProblem:
    path = _path(tuple(err["loc"]))
    line = _problems(err)[0]
    kind = str(err["type"])
    if kind == "value_error":
        msg = str(err["msg"]).removeprefix("Value error, ")
        before = BEFORE.match(msg)
        if before is not None:
            later, earlier = (_join(path, name) for name in before.groups())
            return CaseProblem(path, "problem_before", line, (later, earlier), {"later": later, "earlier": earlier})
        if msg.startswith("is outside the plausible range") or msg.startswith("item ["):
            dates = {"earliest": limits.EARLIEST_DATE, "latest": limits.LATEST_DATE}
            return CaseProblem(path, "problem_date_range", line, (), dict(dates))
        if msg.startswith("has more than"):
            return CaseProblem(path, "problem_too_many", line)
        if msg.startswith("is longer than"):
            return CaseProblem(path, "problem_too_long", line, (), {"limit": limits.MAX_TEXT_CHARS})
        return CaseProblem(path, VALUE_ERRORS.get(msg, "problem_other"), line)
    for prefix, key in ERROR_TYPES:
        if kind.startswith(prefix):
            if key == "problem_too_long":
                return CaseProblem(path, key, line, (), {"limit": int(err.get("ctx", {}).get("max_length", 0))})
            return CaseProblem(path, key, line)
    return CaseProblem(path, "problem_other", line)


def _reference(line: str) -> CaseProblem:
    path, _, msg = line.partition(": ")
    if "has the same id" in msg:
        return CaseProblem(path, "problem_same_id", line)
    if "not in tax_periods" in msg:
        return CaseProblem(path, "problem_no_such_period", line)
    return CaseProblem(path, "problem_reference", line)


def _join(path: str, name: str) -> str:
    return name if path == WHOLE_CASE else f"{path}.{name}"


def _problems(err: Any) -> list[str]:
    """One line per problem; a reference check of the whole case gives several, each with its own path."""
    error = err.get("ctx", {}).get("error")
    if isinstance(error, ReferenceErrors):
        return list(error.problems)
    return [_problem(err)]


def _problem(err: Any) -> str:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    return f"{field_path(loc)}: {model_reason(err)}"


def model_reason(err: Any) -> str:
    """What the case model says is wrong with one field, in words that never echo the value given."""
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = "is not a known field (check the spelling)"
    elif err["type"] == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        msg = f"is not one of {expected}"  # the value itself is not echoed: it may be anything
    elif err["type"] == "missing":
        msg = "is required"
    elif err["type"] == "decimal_max_digits":
        # every such field is an amount (14 digits, 2 of them cents); 100.10000000000000001 is refused for its
        # digits before its places, so both are said: it is usually the cents
        digits = err.get("ctx", {}).get("max_digits")
        msg = f"has more than {digits} digits (an amount is dollars and at most 2 decimal places for the cents)"
    return msg
