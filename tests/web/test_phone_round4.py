"""The interview on a phone, round 4: a Connecticut resident who does not know their planning region chooses their
town (the region is stored), and "None of these" is first in the long list of protected property, said in a hint —
each checked at 390 px in Chromium, in English and Spanish."""

from __future__ import annotations

import html
import os
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Page

from levynav.core import lawdata
from levynav.web import county_choice, words
from tests.web.interview_steps import WAGE_LEVY
from tests.web.interview_steps import answer as _answer
from tests.web.interview_steps import page_text as _text
from tests.web.interview_steps import start_case as _start
from tests.web.test_browser import browser, server  # noqa: F401  (fixtures: Chromium and the app on loopback)

LANGS = ("en", "es")
PHONE = {"width": 390, "height": 844}
SHOTS = Path(os.environ["LEVYNAV_SHOTS"]) if os.environ.get("LEVYNAV_SHOTS") else None
COUNTY = "taxpayer.county_fips"
EXEMPT = "levies[0].exempt_category"


def _select(page: str, select_id: str) -> str:
    found = re.search(rf'<select[^>]*id="{select_id}".*?</select>', page, re.S)
    assert found is not None, select_id
    return found.group(0)


def _options(page: str, select_id: str) -> list[tuple[str, str]]:
    return [
        (v, html.unescape(x)) for v, x in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', _select(page, select_id))
    ]


def test_every_connecticut_town_is_in_one_region_of_the_standards() -> None:
    """The town table (sourced in its file) names each of Connecticut's 169 towns once, and every region it names is a
    county-equivalent the housing and utilities table of each packaged edition lists for CT."""
    regions = yaml.safe_load(county_choice.TOWN_TABLES["CT"].read_text(encoding="utf-8"))
    towns = [t for names in regions.values() for t in names]
    assert len(regions) == 9 and len(towns) == len(set(towns)) == 169
    law = lawdata.active()
    for day in (date(2024, 6, 1), date(2025, 6, 1)):  # the 2024 and 2025 editions
        listed = {c.name for c in county_choice.in_state(law, day, "CT")}
        assert set(regions) == listed, day
        assert len(county_choice.towns(law, day, "CT")) == 169
    assert county_choice.towns(law, date(2025, 6, 1), "OH") == []  # a state listed by county: no towns


@pytest.mark.parametrize("lang", LANGS)
def test_a_connecticut_town_chooses_its_planning_region(client: TestClient, lang: str) -> None:
    """A person in West Hartford does not know "Capitol Planning Region": the list has the regions, then every town
    with its region; the town chosen stores its region by name, as the region chosen itself does."""
    code = _start(client, lang)
    page = client.get(f"/case/{code}/q?path={COUNTY}&state=CT").text
    hint = words.t("county_hint_towns", lang, state=words.state_name("CT", lang))
    assert hint in _text(page)
    choices = dict(_options(page, "value"))
    assert choices["name:Capitol Planning Region"] == "Capitol Planning Region"
    assert choices["town:West Hartford"] == "West Hartford (Capitol Planning Region)"
    assert choices["town:Windham"] == "Windham (Southeastern Connecticut Planning Region)"
    groups = re.findall(r'<optgroup label="([^"]*)"', _select(page, "value"))
    assert groups == [words.t("county_group_regions", lang), words.t("county_group_towns", lang)]
    assert _answer(client, code, COUNTY, {"value": "town:West Hartford", "state": "CT"}).status_code == 303
    stored = client.get(f"/api/v1/cases/{code}").json()["taxpayer"]
    assert stored == {"kind": "individual", "state": "CT", "county": "Capitol Planning Region"}
    again = client.get(f"/case/{code}/q?path={COUNTY}").text
    assert '<option value="name:Capitol Planning Region" selected>' in again  # shown as the region it stored
    refused = _answer(client, code, COUNTY, {"value": "town:Springfield", "state": "CT"})
    assert refused.status_code == 422  # not a Connecticut town: refused, nothing stored
    assert client.get(f"/api/v1/cases/{code}").json()["taxpayer"]["county"] == "Capitol Planning Region"
    other = client.get(f"/case/{code}/q?path={COUNTY}&state=OH").text
    assert "optgroup" not in _select(other, "value") and "town:" not in other


@pytest.mark.parametrize("lang", LANGS)
def test_none_of_these_comes_first_in_the_protected_property_list(client: TestClient, lang: str) -> None:
    """ "None of these" sat last in a list of twenty kinds of protected property: it is now the first choice, the
    hint says so, and it is stored as ``none`` as before."""
    code = _start(client, lang)
    _answer(client, code, "levies", WAGE_LEVY)
    page = client.get(f"/case/{code}/q?path={EXEMPT}").text
    options = _options(page, "value")
    assert options[0][0] == "" and options[1] == ("none", words.choice_label("none", lang))
    assert [v for v, _ in options].count("none") == 1 and len(options) > 10
    assert words.t("choice_none_hint", lang, none=words.choice_label("none", lang)) in _text(page)
    assert 'aria-describedby="value-hint' in _select(page, "value")
    assert _answer(client, code, EXEMPT, {"value": "none"}).status_code == 303
    assert client.get(f"/api/v1/cases/{code}").json()["levies"][0]["exempt_category"] == "none"


@pytest.mark.parametrize("lang", LANGS)
def test_the_town_and_none_of_these_on_a_phone(
    server: str,  # noqa: F811
    browser: Browser,  # noqa: F811
    lang: str,
) -> None:
    """At 390 px: the Connecticut list and the protected-property list fit the screen as tap targets, each with its
    hint just above it, and choosing a town or "None of these" is stored."""
    context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(f"{server}/?lang={lang}")
    page.click("form[action='/start'] button[type=submit]")
    page.wait_for_selector("#case-code")
    code = page.inner_text("#case-code").strip()
    page.goto(f"{server}/case/{code}/q?path={COUNTY}&state=CT")
    page.wait_for_selector("#value option[value='town:Avon']", state="attached")
    _fits(page, "county-ct", lang)
    page.select_option("#value", "town:Avon")
    page.click("button[value=answer]")
    page.wait_for_url(lambda url: "county_fips" not in url)
    stored = context.request.get(f"{server}/api/v1/cases/{code}").json()["taxpayer"]
    assert stored["county"] == "Capitol Planning Region"
    # the protected-property question of a case with a wage levy (made through the API, as an upload would)
    made = context.request.post(f"{server}/api/v1/cases", data=_wage_levy_case())
    assert made.ok, made.text()
    levy = made.json()["id"]
    page.goto(f"{server}/case/{levy}/q?path={EXEMPT}&lang={lang}")
    page.wait_for_selector("#value option[value='none']", state="attached")
    first = page.evaluate("[...document.querySelectorAll('#value option')].map(o => o.value).slice(0, 2)")
    assert first == ["", "none"]
    _fits(page, "exempt-none", lang)
    page.select_option("#value", "none")
    page.click("button[value=answer]")
    page.wait_for_url(lambda url: "exempt_category" not in url)
    levies = context.request.get(f"{server}/api/v1/cases/{levy}").json()["levies"]
    assert levies[0]["exempt_category"] == "none"
    context.close()


def _wage_levy_case() -> dict[str, object]:
    return {
        "taxpayer": {"kind": "individual"},
        "levies": [{"kind": "wages", "served_date": "2026-11-02", "holder": "Example Employer Inc."}],
    }


def _fits(page: Page, name: str, lang: str) -> None:
    """The list fits a 390 px screen as a tap target, its hint just above it; a picture when asked for."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    box = page.locator("#value").bounding_box()
    hint = page.locator("#value-hint").bounding_box()
    assert box is not None and box["height"] >= 40 and box["x"] + box["width"] <= PHONE["width"]
    assert hint is not None and hint["y"] + hint["height"] <= box["y"] < hint["y"] + hint["height"] + 60  # just above
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}-{lang}.png"), full_page=True)
