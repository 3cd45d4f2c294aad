"""Hostile-input round 9 (edge17): what the REST API read without a word.

- ``POST /api/v1/intake/transcript`` answered 200, with one empty period and a problem inside, for a file that is no
  transcript at all (binary data, a PDF that cannot be opened), where ``levynav transcript`` and the notice route
  refuse it (422 naming ``file``).
- ``POST /api/v1/wage-exempt`` dropped a field it does not know: ``"dependants": 3`` (misspelt) gave the amount for no
  statement (married filing separately, 0 dependents) as if the person had given none.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NOT_TRANSCRIPTS = [
    ("zeros.txt", b"\x00" * 1000),
    ("broken.pdf", b"%PDF-1.4 not a pdf at all"),
    ("random.bin", bytes(range(256)) * 8),
]


@pytest.mark.parametrize(("name", "body"), NOT_TRANSCRIPTS)
@pytest.mark.parametrize("route", ["/api/v1/intake/transcript", "/api/v1/intake/notice"])
def test_a_file_that_is_no_document_is_refused_by_both_readers(
    client: TestClient, route: str, name: str, body: bytes
) -> None:
    r = client.post(route, files={"file": (name, body, "application/octet-stream")})
    assert r.status_code == 422, r.text
    (problem,) = r.json()["problems"]
    assert problem["field"] == "file" and problem["message"], problem
    assert "/tmp" not in r.text and "Traceback" not in r.text


WAGE = {"year": 2026, "pay_period": "weekly"}


@pytest.mark.parametrize("extra", ["dependants", "filingStatus", "take_home", "", "x" * 200])
def test_a_wage_exempt_field_not_known_is_refused_by_name(client: TestClient, extra: str) -> None:
    r = client.post("/api/v1/wage-exempt", json={**WAGE, "filing_status": "single", "dependents": 0, extra: 3})
    assert r.status_code == 422, r.text
    (problem,) = r.json()["problems"]
    assert problem["message"] == "is not a known field (check the spelling)", problem


def test_the_known_wage_exempt_fields_still_answer(client: TestClient) -> None:
    body = {**WAGE, "filing_status": "single", "dependents": 3, "over_65_or_blind": 0, "take_home_pay": "900"}
    assert client.post("/api/v1/wage-exempt", json={**body, "basis": None}).status_code == 200


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.text(min_size=1, max_size=12), st.integers(0, 5), min_size=1, max_size=3))
def test_any_unknown_key_is_named_never_dropped(client: TestClient, extra: dict[str, int]) -> None:
    known = {"year", "pay_period", "filing_status", "dependents", "over_65_or_blind", "basis", "take_home_pay"}
    extra = {k: v for k, v in extra.items() if k not in known}
    r = client.post("/api/v1/wage-exempt", json={**WAGE, **extra})
    if extra:
        assert r.status_code == 422, r.text
        assert all(p["message"] == "is not a known field (check the spelling)" for p in r.json()["problems"])
    else:
        assert r.status_code == 200, r.text


@pytest.mark.parametrize("dependents", [None, 0])
def test_an_empty_filing_status_is_refused(client: TestClient, dependents: int | None) -> None:
    body: dict[str, object] = {**WAGE, "filing_status": ""}
    if dependents is not None:
        body["dependents"] = dependents
    r = client.post("/api/v1/wage-exempt", json=body)
    assert r.status_code == 422, r.text  # was 200: the amount for married filing separately, 0 dependents


@pytest.mark.parametrize("dependents", [[], ["--dependents", "0"]])
def test_the_command_refuses_an_empty_filing_status(dependents: list[str]) -> None:
    from tests.helpers import run_cli

    code, out, err = run_cli(
        "wage-exempt", "--year", "2026", "--pay-period", "weekly", "--filing-status", "", *dependents
    )
    assert code == 2 and out == "" and err.count("\n") == 1, (code, out, err)
