"""Hostile answers to the web county page (round 7): a Connecticut town, a county by its name or code, and the state
the list was shown for, posted as a browser never would — an unknown town, a region of another state, a town typed
with its region, very long text, control characters, other-script digits, no state or a garbage state, and a county
of another state than the one the case holds (the state switched after the county was chosen, or before).

The promise: each answer is stored as the county it names (one county, in the case's state), or refused with a 422
page saying in words what to change, in the field it names — nothing stored, never a traceback (500), and never a
county of one state beside another state, nor a county's name beside another county's code."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levynav.web import county_choice, words
from tests.web.interview_steps import answer, page_text, start_case

COUNTY = county_choice.PATH
FEW = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
LANGS = ("en", "es")

# the values a page might be sent for the county, from the lists and beside them
TOWN_VALUES = [
    "town:West Hartford",
    "town:Nowhere",
    "town:Springfield",
    "town:west hartford",
    "town:West  Hartford",
    "town:West Hartford (Capitol Planning Region)",
    "town:West Hartford Capitol Planning Region",
    "town:West\x00Hartford",
    "town:West\u202eHartford",
    "town:",
    "town:" + "x" * 50_000,
    "name:Capitol Planning Region",
    "name:Capitol",
    "name:Franklin County",
    "name:",
    "name:{0}{notice:el}%s",
    "39049",
    "09110",
    "٣٩٠٤٩",
    "３９０４９",
    "3904",
    "390490",
    "none",
    "",
]
STATES = ["CT", "OH", "TX", "NY", "", "ct", "ZZ", "CT\x00", "C T", "x" * 5000, "ＣＴ"]


def _error_texts(page: str) -> list[str]:
    """The problems the page says (its summary), as a person reads them."""
    summary = re.search(r'id="error-summary".*?</ul>', page, re.S)
    return [page_text(x) for x in re.findall(r"<li>(.*?)</li>", summary.group(0), re.S)] if summary else []


def _taxpayer(client: TestClient, code: str) -> dict[str, Any]:
    data: dict[str, Any] = client.get(f"/api/v1/cases/{code}").json()["taxpayer"]
    return data


def _one_place(taxpayer: dict[str, Any], app: FastAPI) -> None:
    """The county stored is one county, by its code or by its name, never both; in the case's state when the table
    knows it."""
    assert not ("county" in taxpayer and "county_fips" in taxpayer), taxpayer
    fips = taxpayer.get("county_fips")
    if fips is not None:
        assert fips.isascii() and fips.isdigit() and len(fips) == 5, taxpayer
        law, day = app.state.analyses.law, app.state.settings.today()
        known = county_choice.named(law, day, fips)
        if known is not None and "state" in taxpayer:
            assert known.state == taxpayer["state"], taxpayer


def _post(
    client: TestClient, app: FastAPI, lang: str, state_first: str | None, value: str, state: str
) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    code = start_case(client, lang)
    if state_first is not None:
        assert answer(client, code, "taxpayer.state", {"value": state_first}).status_code == 303
    before = _taxpayer(client, code)
    r = answer(client, code, COUNTY, {"value": value, "state": state})
    return r, before, _taxpayer(client, code)


def _check(r: Any, before: dict[str, Any], after: dict[str, Any], app: FastAPI) -> None:
    assert r.status_code in (303, 422), (r.status_code, r.text[:300])
    if r.status_code == 422:
        said = _error_texts(r.text)
        assert said and all(s.strip() for s in said), r.text[:500]  # refused in words
        assert after == before  # nothing stored
    _one_place(after, app)


@FEW
@given(
    lang=st.sampled_from(LANGS),
    state_first=st.sampled_from([None, "CT", "OH", "TX"]),
    value=st.sampled_from(TOWN_VALUES) | st.text(max_size=60).map(lambda s: f"town:{s}") | st.text(max_size=12),
    state=st.sampled_from(STATES) | st.text(max_size=4),
)
def test_hostile_county_answers_are_stored_as_one_county_or_refused_in_words(
    client: TestClient, app: FastAPI, lang: str, state_first: str | None, value: str, state: str
) -> None:
    r, before, after = _post(client, app, lang, state_first, value, state)
    _check(r, before, after, app)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("state_first", "value", "state"),
    [
        ("TX", "town:West Hartford", "CT"),  # the state switched on the county page after the state was answered
        ("TX", "name:Capitol Planning Region", "CT"),
        ("TX", "39049", "OH"),  # a code of another state, on its own state's list
        ("TX", "39049", "TX"),  # a code of another state, sent with the case's state
        ("CT", "39049", ""),
    ],
)
def test_a_county_of_another_state_than_the_case_is_refused_naming_both(
    client: TestClient, app: FastAPI, lang: str, state_first: str, value: str, state: str
) -> None:
    """A county of another state than the case's is not stored beside it: the page names both states and says what
    to change (the state on the review page, or a county of the case's state)."""
    r, before, after = _post(client, app, lang, state_first, value, state)
    assert r.status_code == 422 and after == before
    law, day = app.state.analyses.law, app.state.settings.today()
    there = county_choice.by_answer(law, day, state or "OH", value) or county_choice.named(law, day, value)
    assert there is not None
    said = _error_texts(r.text)
    assert said == [
        words.t(
            "error_county_state",
            lang,
            county_state=words.state_name(there.state, lang),
            state=words.state_name(state_first, lang),
        )
    ]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("state", ["", "ZZ", "CT\x00", "x" * 5000])
def test_a_town_without_a_state_of_the_table_asks_for_the_state(
    client: TestClient, app: FastAPI, lang: str, state: str
) -> None:
    """A town or a county's name sent without a state the table lists: the page says to choose the state, by the state
    list (it was refused with no words beside any field before)."""
    for value in ("town:West Hartford", "name:Capitol Planning Region"):
        r, before, after = _post(client, app, lang, None, value, state)
        assert r.status_code == 422 and after == before
        assert _error_texts(r.text) == [words.t("county_state_first", lang)]
        assert 'id="county-state-error"' in r.text


def test_a_code_typed_on_another_states_list_stores_its_own_state(client: TestClient, app: FastAPI) -> None:
    """A code is its county wherever it is typed: with no state yet, the state stored is the code's, not the list's."""
    r, _, after = _post(client, app, "en", None, "39049", "CT")
    assert r.status_code == 303
    assert after == {"kind": "individual", "state": "OH", "county_fips": "39049"}


def test_a_code_after_a_name_leaves_no_name_of_another_county(client: TestClient, app: FastAPI) -> None:
    """A Connecticut region stored by its name, then a Connecticut code chosen: the code alone is stored (a name
    beside it was the other county's); and the other way round, the name alone."""
    code = start_case(client, "en")
    assert answer(client, code, COUNTY, {"value": "town:West Hartford", "state": "CT"}).status_code == 303
    assert _taxpayer(client, code) == {"kind": "individual", "state": "CT", "county": "Capitol Planning Region"}
    assert answer(client, code, COUNTY, {"value": "09110", "state": "CT"}).status_code == 303
    assert _taxpayer(client, code) == {"kind": "individual", "state": "CT", "county_fips": "09110"}
    assert answer(client, code, COUNTY, {"value": "name:Capitol Planning Region", "state": "CT"}).status_code == 303
    assert _taxpayer(client, code) == {"kind": "individual", "state": "CT", "county": "Capitol Planning Region"}


EXEMPT = "levies[0].exempt_category"
WAGE_LEVY = {"items": "0", "item.kind": "wages", "item.served_date": "2026-11-10", "item.holder": "Acme Corp"}


@FEW
@given(
    lang=st.sampled_from(LANGS),
    value=st.sampled_from(["none", "None", "NONE", " none ", "none,wages", "none\x00", "ninguno", "", "x" * 5000])
    | st.text(max_size=20),
)
def test_the_none_of_these_choice_takes_only_its_own_value(client: TestClient, lang: str, value: str) -> None:
    """The long choice list with "None of these" first: a value not in the list (another spelling, two values, control
    characters, other text) is refused in words, nothing stored; a listed one is stored as sent."""
    code = start_case(client, lang)
    assert answer(client, code, "levies", WAGE_LEVY).status_code == 303
    before = client.get(f"/api/v1/cases/{code}").json()["levies"][0]
    r = answer(client, code, EXEMPT, {"value": value})
    after = client.get(f"/api/v1/cases/{code}").json()["levies"][0]
    assert r.status_code in (303, 422), r.status_code
    listed = re.findall(r'<option value="([^"]*)"', client.get(f"/case/{code}/q?path={EXEMPT}").text)
    if r.status_code == 303:
        assert value.strip() in listed and after.get("exempt_category") == value.strip()
    else:
        assert _error_texts(r.text) and after == before
