"""Hostile input round 8, the county and the state (en/es):

(a) the state answered again after a county was chosen: a county of the old state is not kept beside the new state
    (was: kept silently — Franklin County, Ohio, with Texas as the state); it is cleared and the county asked again at
    once, the page saying why (the county, the old state, the new one, by their names). A county of the new state, and
    a state answered again unchanged, keep the county.
(b) a county's name given beside another county's code (the API, a case file): the code was read and the name left
    unsaid; now the finances are not figured and the county is asked again naming both (the result page, the terminal).
(c) a county code of another state than the case's: the states are said by their names, not their two letters."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from levynav.explain import render
from levynav.web import county_choice, words
from tests.web.conftest import example
from tests.web.interview_steps import answer, page_text, start_case

COUNTY = county_choice.PATH
LANGS = ("en", "es")


def _taxpayer(client: TestClient, code: str) -> dict[str, Any]:
    data: dict[str, Any] = client.get(f"/api/v1/cases/{code}").json()["taxpayer"]
    return data


def _progress_has(client: TestClient, code: str, path: str) -> bool:
    """Whether the review page lists an answer to ``path`` (its change link)."""
    return f"/case/{code}/q?path={path}" in client.get(f"/case/{code}/review").text


@pytest.mark.parametrize("lang", LANGS)
def test_a_state_changed_after_a_county_clears_it_and_asks_again_saying_why(client: TestClient, lang: str) -> None:
    code = start_case(client, lang)
    assert answer(client, code, COUNTY, {"value": "39049", "state": "OH"}).status_code == 303
    assert _taxpayer(client, code) == {"kind": "individual", "state": "OH", "county_fips": "39049"}
    assert _progress_has(client, code, COUNTY)
    r = answer(client, code, "taxpayer.state", {"value": "TX"})
    assert r.status_code == 303
    assert r.headers["location"] == f"/case/{code}/q?path={COUNTY}"  # the county is asked again, now
    assert _taxpayer(client, code) == {"kind": "individual", "state": "TX"}  # never Ohio's county beside Texas
    assert not _progress_has(client, code, COUNTY)  # no longer an answer on the review page
    page = client.get(r.headers["location"]).text
    said = words.t(
        "county_state_changed",
        lang,
        county="Franklin County",
        county_state=words.state_name("OH", lang),
        state=words.state_name("TX", lang),
    )
    assert said in page_text(page)
    assert ("Ohio" in said and "Texas" in said) and " OH" not in said and " TX" not in said
    assert 'id="county-state-changed"' in page
    assert re.search(r'<option value="TX" selected>', page)  # the new state's counties are listed
    # a county of the new state answered: the note is gone, the county kept
    assert answer(client, code, COUNTY, {"value": "48201", "state": "TX"}).status_code == 303
    assert _taxpayer(client, code) == {"kind": "individual", "state": "TX", "county_fips": "48201"}
    assert 'id="county-state-changed"' not in client.get(f"/case/{code}/q?path={COUNTY}").text


@pytest.mark.parametrize("lang", LANGS)
def test_a_county_given_by_its_name_is_cleared_with_its_state(client: TestClient, lang: str) -> None:
    code = start_case(client, lang)
    assert answer(client, code, COUNTY, {"value": "town:West Hartford", "state": "CT"}).status_code == 303
    assert _taxpayer(client, code) == {"kind": "individual", "state": "CT", "county": "Capitol Planning Region"}
    r = answer(client, code, "taxpayer.state", {"value": "NY"})
    assert r.headers["location"] == f"/case/{code}/q?path={COUNTY}"
    assert _taxpayer(client, code) == {"kind": "individual", "state": "NY"}
    said = words.t(
        "county_state_changed",
        lang,
        county="Capitol Planning Region",
        county_state=words.state_name("CT", lang),
        state=words.state_name("NY", lang),
    )
    assert said in page_text(client.get(r.headers["location"]).text)


def test_the_same_state_again_or_a_county_of_the_new_state_is_kept(client: TestClient) -> None:
    code = start_case(client, "en")
    assert answer(client, code, COUNTY, {"value": "39049", "state": "OH"}).status_code == 303
    r = answer(client, code, "taxpayer.state", {"value": "OH"})  # the same state, answered again
    assert r.status_code == 303 and r.headers["location"] != f"/case/{code}/q?path={COUNTY}"
    assert _taxpayer(client, code) == {"kind": "individual", "state": "OH", "county_fips": "39049"}
    assert _progress_has(client, code, COUNTY)
    # a case whose county code is already the new state's (stored through the API): nothing cleared
    data = {"taxpayer": {"kind": "individual", "state": "OH", "county_fips": "48201"}}
    made = client.post("/api/v1/cases", json=data)
    other = made.json()["id"]
    assert answer(client, other, "taxpayer.state", {"value": "TX"}).status_code == 303
    assert _taxpayer(client, other) == {"kind": "individual", "state": "TX", "county_fips": "48201"}
    # a county by its name with no state yet (the API): nothing says it is elsewhere, so it is kept
    named = client.post("/api/v1/cases", json={"taxpayer": {"kind": "individual", "county": "Harris County"}})
    assert answer(client, named.json()["id"], "taxpayer.state", {"value": "TX"}).status_code == 303
    assert _taxpayer(client, named.json()["id"]) == {"kind": "individual", "state": "TX", "county": "Harris County"}


def _result_items(client: TestClient, case: dict[str, Any], lang: str) -> list[str]:
    made = client.post("/api/v1/cases", json=case)
    assert made.status_code in (200, 201), made.text
    page = client.get(f"/case/{made.json()['id']}/result?lang={lang}")
    assert page.status_code == 200
    return [page_text(i) for i in re.findall(r"<li>(.*?)</li>", page.text, re.S)]


@pytest.mark.parametrize("lang", LANGS)
def test_a_county_name_beside_another_countys_code_is_asked_naming_both(client: TestClient, lang: str) -> None:
    data = example("expensive-county-wage-levy-finances.yaml")
    data["taxpayer"] = {k: v for k, v in data["taxpayer"].items() if k not in ("county", "county_fips")} | {
        "state": "TX",
        "county": "Travis County",
        "county_fips": "48201",  # Harris County
    }
    items = _result_items(client, data, lang)
    said = [i for i in items if "48201" in i]
    assert said, items
    assert "Harris County" in said[0] and "Travis County" in said[0], said
    assert words.state_name("TX", lang) in said[0]
    # the same county by its name and its code: read as before, nothing asked
    data["taxpayer"] |= {"county": "Harris"}
    assert not [i for i in _result_items(client, data, lang) if "48201" in i and "Harris" in i and "Travis" in i]


@pytest.mark.parametrize("lang", LANGS)
def test_a_county_code_of_another_state_names_the_states(client: TestClient, lang: str) -> None:
    data = example("expensive-county-wage-levy-finances.yaml")
    data["taxpayer"] = {k: v for k, v in data["taxpayer"].items() if k not in ("county", "county_fips")} | {
        "state": "TX",
        "county_fips": "39049",  # Franklin County, Ohio
    }
    items = _result_items(client, data, lang)
    said = next(i for i in items if "39049" in i)
    assert render.label("state", "OH", lang) in said and render.label("state", "TX", lang) in said, said
    assert not re.search(r"\b(OH|TX)\b", said), said
