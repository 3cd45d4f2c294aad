"""Money given to the web app is read as written or refused, never rounded or guessed.

A JSON body's amount went through FastAPI's float: 100.10000000000000001 was stored as $100.10 (a case file refuses
it). The interview dropped every comma, so "1,50" (a dollar fifty with a decimal comma) became $150, and 12.345 was
refused only by the case model's English words on a Spanish page.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import with_token
from tests.web.test_hostile_requests import problems

PAST_THE_CENT = "100.10000000000000001"
BODY = '{"taxpayer": {"kind": "individual"}, "levies": [{"kind": "bank", "served_date": "2026-02-10", "amount": %s}]}'


@pytest.mark.parametrize("endpoint", ["/api/v1/analyze", "/api/v1/cases", "/api/v1/finances"])
def test_a_body_amount_past_the_cent_is_refused_by_its_field(client: TestClient, endpoint: str) -> None:
    response = client.post(endpoint, content=BODY % PAST_THE_CENT, headers={"content-type": "application/json"})
    assert response.status_code == 422
    found = problems(response)
    assert any(p.startswith("levies[0].amount: has more than 14 digits") for p in found), found


def test_a_body_amount_is_stored_as_written(client: TestClient) -> None:
    response = client.post("/api/v1/cases", content=BODY % "100.5", headers={"content-type": "application/json"})
    assert response.status_code == 201, response.text
    case = client.get(f"/api/v1/cases/{response.json()['id']}").json()
    assert case["levies"][0]["amount"] == "100.50"


def _answer(client: TestClient, written: str, lang: str = "en") -> tuple[Any, dict[str, Any]]:
    code = client.post("/start", data=with_token(client, {"kind": "individual"})).headers["location"].split("/")[2]
    response = client.post(
        f"/case/{code}/q",
        params={"path": "finances.housing", "lang": lang},
        data=with_token(client, {"value": written}),
    )
    return response, client.get(f"/api/v1/cases/{code}").json()


@pytest.mark.parametrize("written", ["1,50", "12,34", "1,2,3", "1e3", "12.345", "$1,250.505", "1 250"])
def test_an_interview_amount_that_is_not_dollars_and_cents_is_asked_again(client: TestClient, written: str) -> None:
    response, case = _answer(client, written)
    assert response.status_code == 422, (written, response.status_code)
    assert "housing" not in case.get("finances", {})


@pytest.mark.parametrize(("lang", "words"), [("en", "at most 2 decimal places"), ("es", "2 decimales")])
def test_cents_past_the_second_place_are_said_in_the_persons_language(
    client: TestClient, lang: str, words: str
) -> None:
    response, _ = _answer(client, "12.345", lang)
    assert response.status_code == 422 and words in response.text


@pytest.mark.parametrize(
    ("written", "stored"),
    [("$1,250.50", "1250.50"), (" $ 1250 ", "1250.00"), ("1,250", "1250.00"), (".5", "0.50"), ("12.500", "12.50")],
)
def test_an_interview_amount_as_people_write_it(client: TestClient, written: str, stored: str) -> None:
    response, case = _answer(client, written)
    assert response.status_code in (200, 303), (written, response.status_code)
    assert case["finances"]["housing"] == stored


@pytest.mark.parametrize(("written", "problem"), [("12.345", "has more than 2 decimal places"), ("1,50", "not an")])
def test_wage_exempt_take_home_pay_is_never_rounded(client: TestClient, written: str, problem: str) -> None:
    wage = {"year": 2026, "pay_period": "weekly", "take_home_pay": written}
    found = problems(client.post("/api/v1/wage-exempt", json=wage))
    assert len(found) == 1 and found[0].startswith(f"take_home_pay: {problem}"), found
