"""Mutation fuzz of the API bodies (round 4): the examples' cases, and a wage-exempt request, with values replaced by
hostile ones — wrong types, huge numbers, dates 0000-00-00 / 9999-12-31 / leap days, negative amounts, unicode,
control characters, nested garbage, unknown keys — sent to POST /api/v1/analyze, /cases, /finances, PUT
/api/v1/cases/{id} and POST /api/v1/wage-exempt (schemathesis, test_api_fuzz.py, sends what the schema allows or
breaks; these start from real cases, where the engine's own paths are reached).

The promise: 200/201 with the answer, or a 4xx whose problems each name a field and say what is wrong; never a 5xx,
never an internal-error line; a refused PUT leaves the stored case as it was.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import json_paths
from tests.web.conftest import AS_OF, EXAMPLES, example

FEW = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
CASES = [example(p.name) for p in sorted(EXAMPLES.glob("*.yaml"))]
WAGE = {"year": 2026, "pay_period": "weekly", "filing_status": "single", "dependents": 2, "take_home_pay": "900"}

HOSTILE: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    -0.01,
    1e308,
    10**30,
    -(10**30),
    "",
    " ",
    "0000-00-00",
    "9999-12-31",
    "0001-01-01",
    "2024-02-29",
    "2025-02-29",
    "2026-13-01",
    "2026-11-23T25:00:00",
    "-1",
    "-0.01",
    "1e308",
    "NaN",
    "Infinity",
    "9" * 40,
    "12,345.67",
    "١٢٣",
    "ñandú",
    "\x00",
    "a\x1b[31mb",
    "\u202eevil",
    "𝟙𝟚𝟛",
    "x" * 25_000,
    [],
    {},
    [[[[[]]]]],
    {"a": {"b": {"c": []}}},
    [1, "a", None],
    {"kind": "individual"},
]


@st.composite
def mutated(draw: st.DrawFn, start: Any) -> Any:
    body = draw(st.sampled_from(start)) if isinstance(start, list) else start
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(json_paths.paths(body)[1:] or [()]))
        how = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add"]))
        new = draw(st.sampled_from(HOSTILE) | st.text(max_size=20) | st.integers() | st.floats())
        if how == "delete" and len(path) >= 1:
            parent = _get(body, path[:-1])
            if isinstance(parent, dict):
                body = json_paths.replaced(body, path[:-1], {k: v for k, v in parent.items() if k != path[-1]})
                continue
            if isinstance(parent, list):
                body = json_paths.replaced(body, path[:-1], [v for i, v in enumerate(parent) if i != path[-1]])
                continue
        if how == "add":
            parent = _get(body, path[:-1])
            if isinstance(parent, dict):
                key = draw(st.sampled_from(["nickname", "", "a: b", "\u202e", "123-45-6789", "kind"]))
                body = json_paths.replaced(body, path[:-1], {**parent, key: new})
                continue
        body = json_paths.replaced(body, path, new)
    return body


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


def _answered_or_named(response: Any) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:500])
    assert "internal error" not in response.text.lower() and "Traceback" not in response.text
    if response.status_code >= 400:
        entries = response.json()["problems"]
        assert entries and all(e["field"] and e["message"] for e in entries), entries


def _body(value: Any) -> bytes:
    return json.dumps(value, allow_nan=True, ensure_ascii=False).encode("utf-8", "surrogatepass")


JSON = {"content-type": "application/json"}


@FEW
@given(body=mutated(CASES), url=st.sampled_from(["/api/v1/analyze", "/api/v1/finances", "/api/v1/cases"]))
def test_a_mutated_case_is_answered_or_refused_by_field(client: TestClient, body: Any, url: str) -> None:
    response = client.post(f"{url}?as_of={AS_OF}", content=_body(body), headers=JSON)
    _answered_or_named(response)


@FEW
@given(body=mutated(CASES))
def test_a_mutated_case_put_over_a_saved_one_is_saved_whole_or_not_at_all(client: TestClient, body: Any) -> None:
    saved = client.post("/api/v1/cases", json=CASES[0])
    assert saved.status_code == 201, saved.text
    code = saved.json()["id"]
    response = client.put(f"/api/v1/cases/{code}", content=_body(body), headers=JSON)
    _answered_or_named(response)
    again = client.get(f"/api/v1/cases/{code}")
    assert again.status_code == 200, again.text
    if response.status_code >= 400:
        assert again.json() == client.get(f"/api/v1/cases/{code}").json()
        assert again.json()["taxpayer"] == CASES[0]["taxpayer"]
    for path in ("analysis", "deadlines.ics"):
        _answered_or_named(client.get(f"/api/v1/cases/{code}/{path}?as_of={AS_OF}"))


@FEW
@given(body=mutated(WAGE))
def test_a_mutated_wage_request_is_answered_or_refused_by_field(client: TestClient, body: Any) -> None:
    _answered_or_named(client.post("/api/v1/wage-exempt", content=_body(body), headers=JSON))
