"""A full SSN typed into a page is never sent back whole, nor saved (hostile-input round 9, edge17).

- An interview answer refused because it held a full SSN (``Ann 123-45-6789``) was offered again to correct in the
  page, whole; so was every other box of a list item refused for another box, and a case code typed as an SSN on the
  home page.
- The fix page saves a case still to correct as it is: a full SSN typed there was stored whole in the database until
  the case model refused it again. It is refused before anything is stored.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from levynav.store.models import CaseRow
from tests.web.conftest import example, with_token
from tests.web.interview_steps import answer, start_case

FULL = ("123-45-6789", "123 45 6789", "12-3456789")


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("number", FULL)
def test_a_refused_answer_is_offered_again_without_the_full_number(client: TestClient, lang: str, number: str) -> None:
    code = start_case(client, lang)
    r = answer(client, code, "taxpayer.name", {"value": f"Ann {number}"})
    assert r.status_code == 422
    assert number not in r.text and number[-4:] in r.text
    r = answer(
        client,
        code,
        "levies",
        {"items": "0", "item.kind": "bank", "item.served_date": "2026-13-01", "item.holder": f"Bank {number}"},
    )
    assert r.status_code == 422
    assert number not in r.text


def test_a_code_typed_as_an_ssn_is_not_sent_back(client: TestClient) -> None:
    client.get("/")
    r = client.post("/resume", data=with_token(client, {"code": "123-45-6789"}))
    assert r.status_code == 404 and "123-45-6789" not in r.text and "6789" in r.text


def _saved_as(app: FastAPI, client: TestClient, data: dict[str, Any]) -> str:
    code: str = client.post("/api/v1/cases", json=example("bank-levy-hardship-21-day-hold.yaml")).json()["id"]
    with app.state.store._tx() as s, s.begin():
        s.execute(update(CaseRow).where(CaseRow.id == code).values(data=data))
    return code


def _stored(app: FastAPI, code: str) -> str:
    with app.state.store._tx() as s:
        return json.dumps(s.execute(select(CaseRow.data).where(CaseRow.id == code)).scalar_one())


@settings(deadline=None, max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(digits=st.text("0123456789", min_size=9, max_size=9), form=st.sampled_from(["{a}-{b}-{c}", "{a} {b} {c}"]))
def test_the_fix_page_never_stores_a_full_number(app: FastAPI, client: TestClient, digits: str, form: str) -> None:
    number = form.format(a=digits[:3], b=digits[3:5], c=digits[5:])
    data = copy.deepcopy(example("bank-levy-hardship-21-day-hold.yaml"))
    data["levies"][0]["holder"] = "x" * 30_000  # refused: longer than MAX_TEXT_CHARS; the fix page asks for it again
    code = _saved_as(app, client, data)
    client.get("/")
    r = client.post(
        f"/case/{code}/fix",
        data=with_token(client, {"path": "levies[0].holder", "action": "save", "value": f"Bank {number}"}),
    )
    assert r.status_code == 422, r.status_code
    assert number not in r.text
    assert number not in _stored(app, code)
