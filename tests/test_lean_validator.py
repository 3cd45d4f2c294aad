"""Case's validator without the field checks its types make redundant (model/bounded.lean_validator) accepts and
refuses what the validator pydantic builds from the same schema does: every field of generated cases, and every
hostile value put in its place, at the same places."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError
from pydantic_core import SchemaValidator

from levynav.core.model import limits
from levynav.core.model.case import Case
from levynav.screen import generate

FULL = SchemaValidator(Case.__pydantic_core_schema__)  # every check in place, as pydantic builds it
LEAN = Case.__pydantic_validator__

HOSTILE: list[Any] = [
    "x" * (limits.MAX_TEXT_CHARS + 1),  # too long
    "a\x00b",  # a control code
    "wage\u202e",  # a text-direction override
    "123-45-6789",  # a full SSN
    "12-3456789",  # a full EIN
    "\u0661\u0660\u0660",  # other digits
    "2024-07-28",
    "86400",  # a number as text where a date belongs
    [0] * (limits.MAX_LIST_ITEMS + 1),
    [],
    True,
    7,
    "7.5",
    None,
    {"kind": "wage"},
]


def _places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from _places(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield (*path, i)
            yield from _places(item, (*path, i))


def _put(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    holder: Any = out
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = value
    return out


def _answer(validator: SchemaValidator, data: dict[str, Any]) -> tuple[str, Any]:
    try:
        return "ok", validator.validate_python(data).model_dump(mode="json")
    except ValidationError as err:
        places = sorted(
            {tuple(p for p in e["loc"] if not str(p).startswith("function-")) for e in err.errors()}, key=str
        )
        return "refused", places


def _cases() -> list[dict[str, Any]]:
    out = []
    for _, data in generate.cases(40, seed=23, malformed_rate=0.2):
        if isinstance(data, dict):  # a malformed row may be a line that is no JSON object
            out.append({k: v for k, v in data.items() if k not in ("id", "case_id")})
    return out


def test_generated_cases_are_read_alike() -> None:
    for data in _cases():
        assert _answer(LEAN, data) == _answer(FULL, data)


def test_every_field_refuses_and_accepts_the_hostile_values_alike() -> None:
    checked = 0
    for data in _cases()[:12]:
        for path in _places(data):
            for value in HOSTILE:
                changed = _put(data, path, value)
                assert _answer(LEAN, changed) == _answer(FULL, changed), (path, repr(value)[:40])
                checked += 1
    assert checked > 5_000


def test_the_lean_validator_calls_fewer_checks() -> None:
    """It is leaner: a flag, an enumeration or a date is no longer size-checked in Python."""
    import sys

    calls = [0]

    def count(frame: Any, event: str, arg: Any) -> None:
        if event == "call" and frame.f_code.co_name == "_bounded_size":
            calls[0] += 1

    data = _cases()[0]
    counted: dict[str, int] = {}
    for name, validator in (("full", FULL), ("lean", LEAN)):
        calls[0] = 0
        sys.setprofile(count)
        try:
            with contextlib.suppress(ValidationError):
                validator.validate_python(data)
        finally:
            sys.setprofile(None)
        counted[name] = calls[0]
    assert 0 < counted["lean"] < counted["full"], counted
