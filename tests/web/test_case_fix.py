"""A stored case that no longer passes the case model's checks (changed in the database, through the API of an older
version, or saved before a check this version makes): the pages send the person to /case/{code}/fix, which lists each
problem with the field in words and a way to correct or clear it, then goes on to the result; the API answers 422 with
``{"problems": [{"field", "message"}]}``."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update

from levynav.store.models import CaseRow
from levynav.web import words
from tests.web.conftest import example, with_token

BANK = "bank-levy-hardship-21-day-hold.yaml"


def _saved_as(app: FastAPI, client: TestClient, data: dict[str, Any]) -> str:
    """A case saved valid, then its stored data replaced as an older version or a direct edit would leave it."""
    code: str = client.post("/api/v1/cases", json=example(BANK)).json()["id"]
    store = app.state.store
    with store._tx() as s, s.begin():
        s.execute(update(CaseRow).where(CaseRow.id == code).values(data=data))
    return code


def _broken() -> dict[str, Any]:
    data = copy.deepcopy(example(BANK))
    data["levies"][0]["served_date"] = "2026-13-01"  # not a date
    data["taxpayer"]["nickname"] = "Al"  # a field this version does not know
    return data


def test_the_api_answers_a_stored_case_that_fails_the_checks_with_422_by_field(
    app: FastAPI, client: TestClient
) -> None:
    code = _saved_as(app, client, _broken())
    for suffix in ("", "/analysis", "/deadlines.ics"):
        r = client.get(f"/api/v1/cases/{code}{suffix}")
        assert r.status_code == 422, suffix
        problems = r.json()["problems"]
        assert {p["field"] for p in problems} == {"levies[0].served_date", "taxpayer.nickname"}
        assert all(set(p) == {"field", "message"} and p["message"] for p in problems)
        assert "2026-13-01" not in r.text and "Al" not in r.text.split('"')  # values never echoed


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_pages_send_a_case_that_fails_the_checks_to_its_fix_page(
    app: FastAPI, client: TestClient, lang: str
) -> None:
    code = _saved_as(app, client, _broken())
    client.get(f"/?lang={lang}")
    for url in (f"/case/{code}/result", f"/case/{code}/review", f"/case/{code}/next", f"/case/{code}/q?path=x"):
        r = client.get(url)
        assert r.status_code == 303 and r.headers["location"] == f"/case/{code}/fix", url
    asked = client.get(f"/case/{code}/result?lang={lang}")  # the language asked for is kept
    assert asked.status_code == 303 and asked.headers["location"] == f"/case/{code}/fix?lang={lang}"
    resumed = client.post("/resume", data=with_token(client, {"code": code}))
    assert resumed.status_code == 303 and resumed.headers["location"] == f"/case/{code}/fix"
    page = client.get(f"/case/{code}/fix")
    assert page.status_code == 200
    text = page.text
    assert words.t("fix_title", lang) in text
    # each problem: the field in words, what is wrong, in the page's language; no field path, no model English
    assert words.path_words("levies[0].served_date", lang) in text
    assert words.t("problem_date", lang) in text and words.t("problem_unknown_field", lang) in text
    shown = re.sub(r'value="[^"]*"', "", text)  # the hidden field of a form holds the path; no person reads it
    assert "levies[0]" not in shown and "served_date" not in shown  # (a field this version does not know has no label)
    assert "Input should be" not in text and "Extra inputs" not in text
    assert words.t("fix_save", lang) in text and words.t("fix_clear", lang) in text
    # each form names its field (the unknown answer is cleared, the date given again or cleared)
    assert '<input type="hidden" name="path" value="taxpayer.nickname">' in text
    assert text.count('<input type="hidden" name="path" value="levies[0].served_date">') == 2


def test_a_missing_answer_is_asked_for_and_not_offered_to_clear(app: FastAPI, client: TestClient) -> None:
    data = copy.deepcopy(example(BANK))
    del data["levies"][0]["kind"]
    code = _saved_as(app, client, data)
    text = client.get(f"/case/{code}/fix").text
    assert words.t("problem_missing", "en") in text and 'value="levies[0].kind"' in text
    assert 'value="clear"' not in text and "<select" in text  # the kind of levy is chosen from its list
    done = client.post(
        f"/case/{code}/fix", data=with_token(client, {"path": "levies[0].kind", "action": "save", "value": "bank"})
    )
    assert done.headers["location"] == f"/case/{code}/result"


def test_correcting_and_clearing_lead_back_to_the_result(app: FastAPI, client: TestClient) -> None:
    code = _saved_as(app, client, _broken())
    first = client.post(
        f"/case/{code}/fix",
        data=with_token(client, {"path": "levies[0].served_date", "action": "save", "value": "2026-11-02"}),
    )
    assert first.status_code == 303 and first.headers["location"] == f"/case/{code}/fix"  # one problem left
    assert app.state.store.get_case_data(code)["levies"][0]["served_date"] == "2026-11-02"
    left = client.get(f"/case/{code}/fix").text
    assert words.t("problem_date", "en") not in left and words.t("problem_unknown_field", "en") in left
    done = client.post(f"/case/{code}/fix", data=with_token(client, {"path": "taxpayer.nickname", "action": "clear"}))
    assert done.status_code == 303 and done.headers["location"] == f"/case/{code}/result"
    stored = app.state.store.get_case(code)  # whole and checked again
    assert stored is not None and str(stored.case.levies[0].served_date) == "2026-11-02"
    assert client.get(f"/case/{code}/result").status_code == 200
    assert client.get(f"/case/{code}/fix").headers["location"] == f"/case/{code}/result"  # nothing left to fix
    assert client.get(f"/api/v1/cases/{code}").status_code == 200


def test_an_unreadable_correction_is_refused_in_the_page_language_and_nothing_is_saved(
    app: FastAPI, client: TestClient
) -> None:
    code = _saved_as(app, client, _broken())
    client.get("/?lang=es")
    r = client.post(
        f"/case/{code}/fix",
        data=with_token(client, {"path": "levies[0].served_date", "action": "save", "value": "13/2026"}),
    )
    assert r.status_code == 422 and words.t("error_date", "es") in r.text
    assert app.state.store.get_case_data(code)["levies"][0]["served_date"] == "2026-13-01"
    # a path that is not one of the problems is not changed from this page
    other = client.post(f"/case/{code}/fix", data=with_token(client, {"path": "taxpayer.kind", "action": "clear"}))
    assert other.status_code == 303 and app.state.store.get_case_data(code)["taxpayer"]["kind"] == "individual"


def test_two_dates_out_of_order_offer_both_dates(app: FastAPI, client: TestClient) -> None:
    data = copy.deepcopy(example(BANK))
    notice = data["notices"][0]
    notice["received_date"] = "1990-01-01"  # before the notice's own date
    code = _saved_as(app, client, data)
    page = client.get(f"/case/{code}/fix?lang=es").text
    assert words.path_words("notices[0].received_date", "es") in page
    assert words.path_words("notices[0].notice_date", "es") in page
    assert page.count('value="notices[0].') >= 2 and "received_date is before" not in page
    r = client.post(
        f"/case/{code}/fix",
        data=with_token(client, {"path": "notices[0].received_date", "action": "save", "value": notice["notice_date"]}),
    )
    assert r.headers["location"] == f"/case/{code}/result"


def test_no_such_case_is_404_on_the_fix_page(client: TestClient) -> None:
    assert client.get("/case/" + "x" * 43 + "/fix").status_code == 404
    assert client.post("/case/" + "x" * 43 + "/fix", data=with_token(client, {"path": "a"})).status_code == 404


def test_many_problems_are_listed_fifty_and_counted(app: FastAPI, client: TestClient) -> None:
    data = copy.deepcopy(example(BANK))
    data["taxpayer"].update({f"unknown_{i}": i for i in range(60)})
    code = _saved_as(app, client, data)
    problems = client.get(f"/api/v1/cases/{code}").json()["problems"]
    assert len(problems) == 51 and problems[-1] == {"field": "(case)", "message": "10 more problem(s) not listed"}
    page = client.get(f"/case/{code}/fix?lang=es").text
    assert words.t("problem_more", "es", n=10) in page


def test_stored_data_that_is_not_even_a_mapping_is_no_server_error(app: FastAPI, client: TestClient) -> None:
    code = _saved_as(app, client, [1, 2])  # type: ignore[arg-type]
    api = client.get(f"/api/v1/cases/{code}")
    assert api.status_code == 422 and api.json()["problems"][0]["field"] == "(case)"
    page = client.get(f"/case/{code}/fix?lang=es")
    assert page.status_code == 200 and words.t("fix_title", "es") in page.text
