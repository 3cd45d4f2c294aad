"""The screen's flags are the record's flags (ADR 0017), as a property: for generated cases, mutated while they stay
valid, at any day, the row `levynav screen` writes without the record (``partition.screen_one``: the decision with
``deciding_only=True``, leaving out the informing rules and the finances section) carries exactly
``screen.flags.flags(analyze(case))`` — ok rows only.

The mutations move what the informing rules and the finances section read: dates shifted (notices, levies, periods
all at once, or one alone), a field or a list item dropped, amounts scaled, a yes/no flipped, a county moved to
another state. A row the screen refuses must be one ``analyze`` cannot take either: the screen never fails where the
analysis would not (an informing rule left out does not hide a fault), and with the test suite's mark check on
(tests/conftest.py, deciding.CHECK_MARKS) a full analysis stops if a rule marked as informing ever decides.
"""

from __future__ import annotations

import copy
import json
import random
import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from levynav.core.analyze import analyze
from levynav.intake.load import case_from_data
from levynav.screen import generate
from levynav.screen.flags import FLAG_COLUMNS, flags
from levynav.screen.partition import screen_one

MANY = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONEY = re.compile(r"^-?\d+\.\d{2}$")


def _places(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path in the case data (keys and list indexes), leaves and containers."""
    out = [at]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _places(v, (*at, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _places(v, (*at, i))
    return out


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        data = data[p]
    return data


def _shift_all(data: Any, days: int) -> Any:
    """Every date in ``data`` moved by ``days`` (the case's order of events kept)."""
    if isinstance(data, dict):
        return {k: _shift_all(v, days) for k, v in data.items()}
    if isinstance(data, list):
        return [_shift_all(v, days) for v in data]
    if isinstance(data, str) and DAY.match(data):
        return (date.fromisoformat(data) + timedelta(days=days)).isoformat()
    return data


def _mutate(data: dict[str, Any], how: str, pick: int, amount: int) -> dict[str, Any]:
    out = copy.deepcopy(data)
    if how == "shift_all":
        return dict(_shift_all(out, amount))
    places = [p for p in _places(out) if p]
    path = places[pick % len(places)]
    parent, key = _get(out, path[:-1]), path[-1]
    value = parent[key]
    if how == "drop":
        del parent[key]
    elif how == "shift_one" and isinstance(value, str) and DAY.match(value):
        parent[key] = (date.fromisoformat(value) + timedelta(days=amount)).isoformat()
    elif how == "scale" and isinstance(value, str) and MONEY.match(value):
        parent[key] = str((Decimal(value) * Decimal(abs(amount) % 400) / 100).quantize(Decimal("0.01")))
    elif how == "flip" and isinstance(value, bool):
        parent[key] = not value
    elif how == "county" and "taxpayer" in out:
        _, county, fips, _, _ = generate.COUNTIES[pick % len(generate.COUNTIES)]
        out["taxpayer"].update({"county": county, "county_fips": fips})  # the state kept: maybe another state's
    else:
        assume(False)
    return out


@MANY
@given(
    seed=st.integers(0, 2**32 - 1),
    mutations=st.lists(
        st.tuples(
            st.sampled_from(["shift_all", "drop", "shift_one", "scale", "flip", "county"]),
            st.integers(0, 10_000),
            st.integers(-800, 800),
        ),
        max_size=3,
    ),
    as_of=st.dates(date(2023, 1, 1), date(2034, 12, 31)),
)
def test_the_screens_flags_are_the_records_flags(seed: int, mutations: list[tuple[str, int, int]], as_of: date) -> None:
    data = generate.generate_case(random.Random(seed))
    data.pop("id", None)
    for how, pick, amount in mutations:
        data = _mutate(data, how, pick, amount)
    try:
        case = case_from_data(copy.deepcopy(data))
    except ValueError:
        assume(False)  # no longer a valid case: the readers' fuzzers cover refusals
        raise
    row, problems = screen_one("jsonl", json.dumps({"case_id": "x", **data}), 1, as_of, False)
    assert not any("please report it" in reason for _, reason in problems), problems  # never a fault of the engine
    if row["status"] != "ok":
        # refused by the screen: the full analysis must not take it either (documented: a problem both see)
        try:
            analyze(case, as_of)
        except Exception:
            return
        raise AssertionError(f"the screen refused a case analyze takes: {problems}")
    whole = flags(analyze(case, as_of)).as_row()
    assert {name: row[name] for name, _ in FLAG_COLUMNS} == whole
