"""A stored case that no longer passes the case model's checks (changed through the API, or saved before a check this
version makes): its problems, one per field, as message keys the pages render in the person's language and as the
"field: what is wrong" line the API answers; and the one change the fix page makes to the stored data (a value given
again, or cleared). No legal logic: the case model decides what is a problem; this module only names it.
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
from levynav.intake.load import MAX_PROBLEMS_SHOWN, _problems

WHOLE_CASE = "(case)"
SEGMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$")
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


# ---------------------------------------------------------------- the stored data, changed at one path


def _steps(path: str) -> list[tuple[str, int | None]]:
    steps: list[tuple[str, int | None]] = []
    for part in path.split("."):
        m = SEGMENT.match(part)
        if m is None:
            raise KeyError(path)
        steps.append((m.group(1), int(m.group(2)) if m.group(2) is not None else None))
    return steps


def value_at(data: Any, path: str) -> Any:
    """The stored value at a path (None when absent or when the data is not shaped as the path says)."""
    node = data
    try:
        steps = _steps(path)
    except KeyError:
        return None
    for name, index in steps:
        if not isinstance(node, dict):
            return None
        node = node.get(name)
        if index is not None:
            if not isinstance(node, list) or index >= len(node):
                return None
            node = node[index]
    return node


def _parent(data: Any, path: str) -> tuple[Any, str | int]:
    """The container holding the last step of the path, and that step's key or index; KeyError when the stored data
    is not shaped as the path says (a missing mapping on the way is made)."""
    steps = _steps(path)
    node = data
    for i, (name, index) in enumerate(steps):
        last = i == len(steps) - 1
        if not isinstance(node, dict):
            raise KeyError(path)
        if last and index is None:
            return node, name
        if node.get(name) is None and index is None:
            node[name] = {}
        node = node.get(name)
        if index is not None:
            if not isinstance(node, list) or index >= len(node):
                raise KeyError(path)
            if last:
                return node, index
            node = node[index]
    raise KeyError(path)


def set_at(data: dict[str, Any], path: str, value: Any) -> None:
    container, key = _parent(data, path)
    container[key] = value


def clear_at(data: dict[str, Any], path: str) -> None:
    """Remove the value at a path: a field is left out (unknown), a list's item is taken out of the list."""
    container, key = _parent(data, path)
    if isinstance(container, list):
        container.pop(int(key))
    elif key in container:
        del container[key]
